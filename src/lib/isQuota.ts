/** Whether a storage error means "no room": QuotaExceededError, or Firefox's older NS_ERROR_DOM_QUOTA_REACHED. */
export const isQuota = (error: unknown) => /quota/i.test((error as DOMException | null)?.name ?? '');
