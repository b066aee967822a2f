/**
 * True for host names that never leave the machine: `localhost`, `*.localhost`,
 * `127.0.0.0/8` and `[::1]`. Plain http is allowed only for these.
 */
export function isLocalHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}
