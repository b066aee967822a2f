// @vitest-environment node
import { expect, test } from 'vitest';

test('server rendering renders nothing, creates no instance and touches neither window nor document', async () => {
  expect(typeof window).toBe('undefined');
  expect(typeof document).toBe('undefined');
  const { createElement, StrictMode } = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { NpsPrompt, useNps } = await import('../../src/react/index.js');
  const endpoint = 'https://collect.acme.test/v1/responses';

  expect(renderToString(createElement(NpsPrompt, { survey: 'home', endpoint, events: { shown: () => {} } }))).toBe('');

  const seen: unknown[] = [];
  function Page() {
    seen.push(useNps({ survey: 'home', endpoint }));
    return createElement('p', null, 'Acme Notes');
  }
  expect(renderToString(createElement(StrictMode, null, createElement(Page)))).toBe('<p>Acme Notes</p>');
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((value) => value === null)).toBe(true);

  // createNps throws at once on a bad config: rendering one on the server does not, so no
  // instance was created there.
  expect(renderToString(createElement(NpsPrompt, { survey: 'Not a survey id!', endpoint }))).toBe('');
});
