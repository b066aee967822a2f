// @vitest-environment node
import { expect, test } from 'vitest';

test('importing the module touches neither window nor document (server-side rendering)', async () => {
  expect(typeof window).toBe('undefined');
  expect(typeof document).toBe('undefined');
  const { createNps, parseConfig } = await import('../../src/index.js');
  expect(parseConfig({ survey: 'home', endpoint: 'https://x.test/c' }).survey).toBe('home');
  // Created on the server, an instance is inert: it never tries to draw.
  const nps = createNps({ survey: 'home', endpoint: 'https://x.test/c' });
  expect(nps.show()).toBe(false);
  nps.destroy();
});

test('submit() on the server rejects with CandorError "Unsupported" and never throws synchronously', async () => {
  const { createNps, CandorError } = await import('../../src/index.js');
  const { createSurvey } = await import('../../src/headless.js');
  for (const survey of [createNps, createSurvey].map((make) =>
    make({ survey: 'home', endpoint: 'https://x.test/c' }),
  )) {
    let result: Promise<unknown> | undefined;
    expect(() => (result = survey.submit({ score: 9, consentVersion: '1' }))).not.toThrow();
    await expect(result).rejects.toBeInstanceOf(CandorError);
    await expect(result).rejects.toMatchObject({ code: 'Unsupported' });
    expect(survey.shouldAsk()).toBe(false);
    survey.destroy();
  }
});
