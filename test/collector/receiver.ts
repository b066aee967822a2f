// A webhook receiver on the loopback: records each request as it came (headers and body), and
// answers as the test says: a status, or never (to hold the sender's request open).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  /** The request line's target, the headers as sent and the body, for "nothing of X was sent". */
  raw: string;
  body: any;
}

/** What the receiver answers its `n`th request (from 1): a status, or `hang`. */
export type Answer = (n: number) => number | 'hang';

export async function receiver(answer: Answer = () => 200) {
  const got: Received[] = [];
  const held: ServerResponse[] = [];
  /** Held requests whose sender gave up (closed the connection). */
  const dropped = { count: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const raw = `${req.method} ${req.url}\n${req.rawHeaders.join('\n')}\n\n${text}`;
      got.push({ headers: req.headers, raw, body: JSON.parse(text) });
      const status = answer(got.length);
      if (status === 'hang') {
        held.push(res);
        res.on('close', () => dropped.count++);
      } else
        res
          .writeHead(status, {
            ...(status === 429 && { 'retry-after': '120' }),
            ...(status >= 300 && status < 400 && { location: '/elsewhere' }),
          })
          .end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** With a secret-like path, as Slack's are. */
    url: `http://127.0.0.1:${port}/services/T000/B000/secret-part`,
    got,
    dropped,
    /** Bodies of the requests so far. */
    bodies: () => got.map((r) => r.body),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
