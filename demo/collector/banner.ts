import type { RunningCollector } from './start.js';

/**
 * The dashboard link the collector prints at start. With a token it made
 * itself, the link carries that token only when the output is a terminal, a
 * person's screen: piped into a journal or a log shipper it would be stored
 * and forwarded, so there the line says where the token is kept instead.
 */
export function dashboardLine(
  running: Pick<RunningCollector, 'url' | 'dashboard' | 'tokenFile'>,
  terminal: boolean,
): string {
  if (!running.tokenFile || terminal) return running.dashboard;
  return `${running.url}/dashboard/#token=<the admin token in ${running.tokenFile}>`;
}

/** The team's dashboard link (viewer token), the same way; none when viewers are off. */
export function viewerLine(
  running: Pick<RunningCollector, 'url' | 'viewerDashboard' | 'viewerTokenFile'>,
  terminal: boolean,
): string | undefined {
  if (!running.viewerDashboard) return undefined;
  if (!running.viewerTokenFile || terminal) return running.viewerDashboard;
  return `${running.url}/dashboard/#token=<the viewer token in ${running.viewerTokenFile}>`;
}
