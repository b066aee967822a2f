/** How often a digest is sent: every day (the week so far) or every Monday (the week before). */
export type DigestKind = 'daily' | 'weekly';

/** The webhook's settings (CANDOR_WEBHOOK_URL, CANDOR_WEBHOOK_FORMAT, CANDOR_DIGEST, CANDOR_ALERTS). */
export interface WebhookConfig {
  /** Where digests and alerts are POSTed; never logged (a Slack URL is its own secret). */
  url: string;
  /** `slack`: `{ "text": … }`; `json`: the message's fields (docs/collector.md, "Digests and alerts"). */
  format: 'slack' | 'json';
  /** Undefined: no digest. */
  digest: DigestKind | undefined;
  /** One alert per detractor answer, its redacted comment included. */
  alerts: boolean;
}

/**
 * The webhook's settings from `get` (a variable's trimmed value, undefined when unset); each bad one
 * is pushed to `issues` as a sentence naming it. Undefined when no webhook is set.
 */
export function readWebhook(get: (name: string) => string | undefined, issues: string[]): WebhookConfig | undefined {
  const raw = get('CANDOR_WEBHOOK_URL');
  const format = get('CANDOR_WEBHOOK_FORMAT');
  const digest = get('CANDOR_DIGEST');
  const alerts = get('CANDOR_ALERTS');
  if (format !== undefined && format !== 'slack' && format !== 'json')
    issues.push(`CANDOR_WEBHOOK_FORMAT: expected slack or json, got ${JSON.stringify(format)}`);
  if (digest !== undefined && !['daily', 'weekly', 'off'].includes(digest))
    issues.push(`CANDOR_DIGEST: expected daily, weekly or off, got ${JSON.stringify(digest)}`);
  if (alerts !== undefined && alerts !== 'detractors' && alerts !== 'off')
    issues.push(`CANDOR_ALERTS: expected detractors or off, got ${JSON.stringify(alerts)}`);
  if (raw === undefined) {
    for (const [name, value] of [
      ['CANDOR_DIGEST', digest],
      ['CANDOR_ALERTS', alerts],
    ] as const)
      if (value !== undefined && value !== 'off') issues.push(`${name}: needs CANDOR_WEBHOOK_URL (where to send it)`);
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  // The value is not repeated: a webhook's URL is its secret. Plain http only on this machine:
  // alerts carry comments.
  const loopback = url && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
  if (!url || (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))) {
    issues.push(
      'CANDOR_WEBHOOK_URL: expected an https:// URL, e.g. https://hooks.slack.com/services/… (http:// only to this machine)',
    );
    return undefined;
  }
  if (url.username || url.password)
    issues.push(
      'CANDOR_WEBHOOK_URL: expected no user name or password in the URL (a token in its path or query works)',
    );
  return {
    url: url.href,
    format: (format as 'slack' | 'json' | undefined) ?? (url.hostname === 'hooks.slack.com' ? 'slack' : 'json'),
    digest: digest === 'off' ? undefined : ((digest as 'daily' | 'weekly' | undefined) ?? 'weekly'),
    alerts: alerts === 'detractors',
  };
}
