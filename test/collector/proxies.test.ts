// CANDOR_TRUST_PROXY: whose X-Forwarded-For is believed (proxy addresses, CIDR ranges or a hop count),
// and what the per-address limits then count.
import { describe, expect, test, afterEach } from 'vitest';
import { clientAddress, parseTrustProxy } from '../../demo/collector/proxies.js';
import { readConfig } from '../../demo/collector/config.js';
import { sqlite } from './backends.js';
import { batch, response } from './fixtures.js';
import { live, type Live } from './live.js';

let c: Live | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const from = (xff: string) => ({ 'x-forwarded-for': xff });
const statuses = async (xffs: string[]) => {
  const out: number[] = [];
  for (const xff of xffs) out.push((await c!.post(batch(response()), from(xff))).status);
  return out;
};

describe('CANDOR_TRUST_PROXY', () => {
  test('"true" is refused with a message saying what to write instead', () => {
    expect(() => readConfig({ CANDOR_TRUST_PROXY: 'true' })).toThrow(
      /^CANDOR_TRUST_PROXY: "true" would believe X-Forwarded-For from anyone; list your proxies' addresses or ranges \(e\.g\. 127\.0\.0\.1 or 10\.0\.0\.0\/8\) or give their number \(e\.g\. 1\)/,
    );
  });

  test('takes addresses, CIDR ranges (IPv4 and IPv6) or a hop count, and refuses anything else', () => {
    expect(readConfig({ CANDOR_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, fd00::/8' }).trustProxy).toMatchObject({
      ranges: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'],
    });
    expect(readConfig({ CANDOR_TRUST_PROXY: '2' }).trustProxy).toMatchObject({ hops: 2 });
    expect(readConfig({}).trustProxy).toMatchObject({ hops: 0 });
    expect(() => readConfig({ CANDOR_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/^CANDOR_TRUST_PROXY: .*"10\.0\.0\.0\/33"/);
    expect(() => readConfig({ CANDOR_TRUST_PROXY: 'proxy.internal' })).toThrow(/^CANDOR_TRUST_PROXY: /);
  });
});

describe('the client address', () => {
  const list = (raw: string) => {
    const parsed = parseTrustProxy(raw);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed;
  };

  test('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(list('0'), '198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
  });

  test('is the peer when the peer is not a trusted proxy', () => {
    expect(clientAddress(list('10.0.0.0/8'), '198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
  });

  test('is the first address from the right that is not a trusted proxy: entries a client wrote on the left are ignored', () => {
    const two = list('127.0.0.1, 10.0.0.2');
    expect(clientAddress(two, '127.0.0.1', '6.6.6.6, 198.51.100.9, 10.0.0.2')).toBe('198.51.100.9');
    expect(clientAddress(list('127.0.0.1'), '::ffff:127.0.0.1', '6.6.6.6, 198.51.100.9')).toBe('198.51.100.9');
    expect(clientAddress(list('::1, fd00::/8'), '::1', '2001:db8::5, fd00::1')).toBe('2001:db8::5');
  });

  test('with a hop count, is that many entries in from the right', () => {
    expect(clientAddress(list('1'), '10.0.0.1', '6.6.6.6, 198.51.100.9')).toBe('198.51.100.9');
    expect(clientAddress(list('2'), '10.0.0.1', '6.6.6.6, 198.51.100.9, 10.0.0.2')).toBe('198.51.100.9');
    // Fewer entries than hops: the leftmost is the best there is.
    expect(clientAddress(list('3'), '10.0.0.1', '198.51.100.9')).toBe('198.51.100.9');
  });

  test('reads entries with a port or in brackets, as some proxies write them', () => {
    expect(clientAddress(list('127.0.0.1'), '127.0.0.1', '198.51.100.9:5555')).toBe('198.51.100.9');
    expect(clientAddress(list('127.0.0.1'), '127.0.0.1', '[2001:db8::1]')).toBe('2001:db8::1');
    expect(clientAddress(list('127.0.0.1'), '127.0.0.1', '[2001:db8::1]:443')).toBe('2001:db8::1');
  });

  test('ignores a malformed entry: the trusted proxy wrote garbage, so the proxy itself is the client', () => {
    expect(clientAddress(list('127.0.0.1'), '127.0.0.1', 'not-an-ip')).toBe('127.0.0.1');
  });
});

describe('over HTTP, with a rate limit of 1 a minute', () => {
  test('X-Forwarded-For from a trusted proxy is believed: each client has its own bucket, a repeat is limited', async () => {
    c = await live(sqlite, { CANDOR_TRUST_PROXY: '127.0.0.1', CANDOR_RATE_LIMIT: '1' });
    expect(await statuses(['198.51.100.1', '198.51.100.2', '198.51.100.1'])).toEqual([200, 200, 429]);
  });

  test('X-Forwarded-For from a peer that is not a trusted proxy is ignored: rotating it does not bypass the limit', async () => {
    c = await live(sqlite, { CANDOR_TRUST_PROXY: '10.0.0.0/8', CANDOR_RATE_LIMIT: '1' });
    expect(await statuses(['198.51.100.1', '198.51.100.2', '198.51.100.3'])).toEqual([200, 429, 429]);
  });

  test('a client rotating the left part of the header behind a trusted proxy does not bypass the limit', async () => {
    c = await live(sqlite, { CANDOR_TRUST_PROXY: '127.0.0.1', CANDOR_RATE_LIMIT: '1' });
    expect(await statuses(['1.1.1.1, 198.51.100.9', '2.2.2.2, 198.51.100.9'])).toEqual([200, 429]);
  });

  test('behind two proxies (both listed, or a hop count of 2) clients do not share one bucket', async () => {
    for (const trust of ['127.0.0.1, 10.0.0.2', '2']) {
      c = await live(sqlite, { CANDOR_TRUST_PROXY: trust, CANDOR_RATE_LIMIT: '1' });
      expect(await statuses(['198.51.100.1, 10.0.0.2', '198.51.100.2, 10.0.0.2']), trust).toEqual([200, 200]);
      await c.close();
      c = undefined;
    }
  });
});

test('a hop count trusts every peer: the collector warns at start when it listens beyond this machine', async () => {
  const { logLines } = await import('./logLines.js');
  const { sink, records } = logLines();
  c = await live(sqlite, { CANDOR_TRUST_PROXY: '1', HOST: '0.0.0.0' }, { logTo: sink });
  expect(records()).toContainEqual(
    expect.objectContaining({
      level: 40,
      msg: expect.stringMatching(/^CANDOR_TRUST_PROXY=1 believes X-Forwarded-For from every peer/),
    }),
  );
});
