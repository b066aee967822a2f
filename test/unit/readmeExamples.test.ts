import { readFileSync } from 'node:fs';
import { afterEach, expect, test, vi } from 'vitest';
import * as headless from '../../src/headless.js';

// The README's headless example, run as written (its import pointed at the source): it draws
// nothing, stores the answer and would deliver it.
const readme = readFileSync(`${process.cwd()}/README.md`, 'utf8');
const block = /```js\n(import \{ createSurvey \} from 'candor-nps\/headless';[\s\S]*?)```/.exec(readme)?.[1];

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

test("the README's headless example runs as written: nothing drawn, the answer stored, the prompt not asked again", async () => {
  expect(block, 'README has no headless example').toBeDefined();
  const sent: string[] = [];
  vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
    sent.push(String(init.body));
    return Promise.resolve(new Response(null, { status: 204 }));
  });
  const code = block!.replace(/^import \{ createSurvey \} from 'candor-nps\/headless';$/m, '');
  const run = new Function('createSurvey', `return (async () => {${code}; return survey; })();`);
  const survey = (await run(headless.createSurvey)) as headless.Survey;
  expect(document.querySelector('candor-nps')).toBeNull();
  await vi.waitFor(() => expect(sent.join()).toContain('"comment":"Fast"'));
  expect(survey.shouldAsk()).toBe(false);
  survey.destroy();
});
