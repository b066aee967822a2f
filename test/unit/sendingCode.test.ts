import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Survey } from '../../src/index.js';

// The code that sends (the flusher and the transports: src/sending.ts) is imported once an outbox
// holds something to send, so a bundler splits it off and a prompt is painted without it. Storing
// never waits for it. Each test imports a fresh createSurvey (test/unit/setup.ts loads the code for
// every other test) and counts the imports of the sending code through a mock that wraps the real
// module (or fails).

const ENDPOINT = 'https://collect.acme.test/v1/responses';
let imports = 0;
let failing = false;
const surveys: Survey[] = [];
const posted = () =>
  (fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls.filter(
    ([, init]) => init?.method === 'POST',
  );

/** Every score posted so far (any instance delivers any due answer of its endpoint). */
const scores = () =>
  posted().flatMap(([, init]) =>
    (JSON.parse(init.body as string).responses as { score: number }[]).map((r) => r.score),
  );

async function fresh(survey: string) {
  vi.resetModules();
  vi.doMock('../../src/sending.js', async (importOriginal) => {
    imports++;
    if (failing) throw new Error('network error while importing the sending code');
    return importOriginal();
  });
  const { createSurvey } = await import('../../src/survey.js');
  const nps = createSurvey({ survey, endpoint: ENDPOINT });
  surveys.push(nps);
  const errors: string[] = [];
  nps.on('error', ({ message }) => errors.push(message));
  return { nps, errors };
}

beforeEach(() => {
  imports = 0;
  failing = false;
});
afterEach(() => {
  surveys.splice(0).forEach((nps) => nps.destroy());
  vi.doUnmock('../../src/sending.js');
  vi.resetModules();
});

describe('the sending code is its own chunk', () => {
  test('a survey with nothing stored imports none of it; its first stored answer imports it and is delivered', async () => {
    const { nps, errors } = await fresh('split-first');
    await new Promise((r) => setTimeout(r, 20));
    expect(imports).toBe(0);
    await nps.submit({ score: 9, consentVersion: '1' });
    await vi.waitFor(() => expect(posted()).toHaveLength(1));
    expect(imports).toBe(1);
    expect(JSON.parse(posted()[0]![1].body as string).responses[0].score).toBe(9);
    expect(errors).toEqual([]);
  });

  test('code that does not load while online: the answer stays stored, one error names it; a later flush delivers', async () => {
    failing = true;
    const { nps, errors } = await fresh('split-failing');
    await nps.submit({ score: 3, consentVersion: '1' }); // resolves: stored without the sending code
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatch(/^the delivery code did not load \(.*\); stored answers wait for a later page$/);
    expect(posted()).toEqual([]);
    expect((await nps.export()).answers.map((a) => a.body.score)).toEqual([3]);
    failing = false;
    await nps.flush();
    await vi.waitFor(() => expect(posted()).toHaveLength(1));
    expect(JSON.parse(posted()[0]![1].body as string).responses[0].score).toBe(3);
    expect(imports).toBeGreaterThanOrEqual(2); // a failed import is tried again
    expect(errors).toHaveLength(1); // said once
  });

  test('offline, the code cannot load: no error; back online, it loads and delivers', async () => {
    failing = true;
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      const { nps, errors } = await fresh('split-offline');
      await nps.submit({ score: 10, consentVersion: '1' });
      await vi.waitFor(() => expect(imports).toBe(1));
      await new Promise((r) => setTimeout(r, 20));
      expect(errors).toEqual([]);
      failing = false;
      onLine.mockReturnValue(true);
      window.dispatchEvent(new Event('online'));
      await vi.waitFor(() => expect(scores()).toContain(10));
      expect(errors).toEqual([]);
    } finally {
      onLine.mockRestore();
    }
  });
});
