/** Whether an endpoint's status acknowledges a batch: any 2xx, or 409 (a duplicate: stored already). */
export const isAcked = (status: number) => (status >= 200 && status < 300) || status === 409;
