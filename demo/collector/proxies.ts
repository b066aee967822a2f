import { BlockList, isIP } from 'node:net';

/**
 * Whose `X-Forwarded-For` is believed (CANDOR_TRUST_PROXY): the reverse
 * proxies' own addresses or ranges, or how many proxies stand in front
 * (`hops`; 0 = none, the default: the peer is the client).
 */
export interface TrustProxy {
  hops: number;
  /** The addresses and CIDR ranges as written, for messages and tests. */
  ranges: readonly string[];
  /** Whether `address` is one of the listed proxies. */
  listed(address: string): boolean;
}

/** "::ffff:10.0.0.1" → "10.0.0.1": a dual-stack socket reports IPv4 peers in the mapped form. */
export const plainAddress = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Parses CANDOR_TRUST_PROXY: a hop count, or comma-separated addresses and CIDR ranges. */
export function parseTrustProxy(raw: string | undefined): TrustProxy | { error: string } {
  const value = (raw ?? '').trim();
  const none: TrustProxy = { hops: 0, ranges: [], listed: () => false };
  if (value === '' || /^(false|0)$/i.test(value)) return none;
  if (/^(true|yes|on)$/i.test(value))
    return {
      error:
        `"${value}" would believe X-Forwarded-For from anyone; list your proxies' addresses or ranges ` +
        '(e.g. 127.0.0.1 or 10.0.0.0/8) or give their number (e.g. 1)',
    };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) return { error: `expected a number of proxies from 0 to 10, got ${JSON.stringify(value)}` };
    return { ...none, hops };
  }
  const blocks = new BlockList();
  const ranges = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const range of ranges) {
    const [address = '', bits, extra] = range.split('/');
    const kind = isIP(address);
    const prefix = Number(bits);
    const ok =
      kind !== 0 &&
      extra === undefined &&
      (bits === undefined || (/^\d{1,3}$/.test(bits) && prefix <= (kind === 4 ? 32 : 128)));
    if (!ok)
      return {
        error: `expected IP addresses or CIDR ranges such as 10.0.0.0/8 (or a number of proxies), got ${JSON.stringify(range)}`,
      };
    if (bits === undefined) blocks.addAddress(address, family(address));
    else blocks.addSubnet(address, prefix, family(address));
  }
  return {
    hops: 0,
    ranges,
    listed: (address) => {
      const plain = plainAddress(address);
      return isIP(plain) !== 0 && blocks.check(plain, family(plain));
    },
  };
}

/** "198.51.100.9:5555" → "198.51.100.9", "[2001:db8::1]:443" → "2001:db8::1": forms some proxies write. */
const withoutPort = (entry: string): string =>
  /^\[([^\]]+)\](?::\d+)?$/.exec(entry)?.[1] ?? /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(entry)?.[1] ?? entry;

/** Whether the peer itself is a trusted proxy (connection caps do not apply to it). */
export const isTrustedPeer = (trust: TrustProxy, peer: string): boolean => trust.hops > 0 || trust.listed(peer);

/**
 * The client's address: the peer, unless the peer is a trusted proxy; then
 * X-Forwarded-For is read from the right (each proxy appends the address it
 * saw), skipping trusted proxies — with a hop count, exactly that many
 * entries in. Entries further left are whatever the client wrote and are
 * never believed. A malformed entry stops the walk at the proxy that wrote it.
 */
export function clientAddress(trust: TrustProxy, peer: string, forwardedFor: string | undefined): string {
  let client = plainAddress(peer);
  if (!isTrustedPeer(trust, client) || !forwardedFor) return client;
  const hops = forwardedFor
    .split(',')
    .map((s) => plainAddress(withoutPort(s.trim())))
    .reverse();
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return client;
    client = hop;
    const more = trust.hops > 0 ? i + 1 < trust.hops : trust.listed(hop);
    if (!more) return client;
  }
  return client;
}
