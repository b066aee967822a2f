import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createNps, type NpsInstance } from '../../src/index.js';
import { THANKS_MS } from '../../src/ui/Card.js';
import { $, button, press, radios, settle, shadow, tap } from './helpers.js';
import type { Backend } from '../../src/storage/backend.js';
import { memoryBackend } from '../../src/storage/memory.js';
import { memoryEnv } from './rig.js';

const base = { survey: 'home', endpoint: 'https://collect.acme.test/v1/responses', brand: 'Acme' };
let nps: NpsInstance;

function start(extra: Record<string, unknown> = {}) {
  nps = createNps({ ...base, ...extra });
  const seen: [string, unknown][] = [];
  for (const event of ['shown', 'consent', 'submit', 'dismiss'] as const)
    nps.on(event, (data) => seen.push([event, data]));
  nps.show();
  return seen;
}

/** The submit event, once the answer is stored (storage is asynchronous). */
async function submitted(seen: [string, unknown][]) {
  await vi.waitFor(() => expect(seen.some(([event]) => event === 'submit')).toBe(true));
  return seen.find(([event]) => event === 'submit') as [string, Record<string, unknown>];
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => {
  nps?.destroy();
  // The throttle record: an answer or a dismissal keeps the prompt away; each test starts anew.
  localStorage.clear();
  vi.useRealTimers();
});

describe('consent step', () => {
  test('comes first: no score is asked before "yes"', async () => {
    start();
    expect($('h2').textContent).toBe('May we ask you one quick question?');
    expect(radios()).toHaveLength(0);
    expect(button("Yes, I'll answer")).toBeTruthy();
    expect(button('No thanks')).toBeTruthy();
  });

  test('states what is sent, to which host, and for how long it is kept', async () => {
    start({ ttlDays: 3 });
    const text = $('.text').textContent!;
    expect(text).toContain('anonymous');
    expect(text).toContain('collect.acme.test');
    expect(text).toContain('at most 3 days');
  });

  test('links the privacy policy in a new tab when one is configured', async () => {
    start({ consent: { policyUrl: 'https://acme.test/privacy', version: '2' } });
    const link = $('a') as HTMLAnchorElement;
    expect(link.href).toBe('https://acme.test/privacy');
    expect(link.textContent).toBe('Privacy policy');
    expect(link.rel).toBe('noopener noreferrer');
  });

  test('declining renders nothing more and emits consent(false) then dismiss', async () => {
    const seen = start();
    await tap(button('No thanks'));
    expect(document.querySelector('candor-nps')).toBeNull();
    expect(seen).toEqual([
      ['shown', { survey: 'home' }],
      ['consent', { granted: false }],
      ['dismiss', { survey: 'home', step: 'consent' }],
    ]);
    vi.advanceTimersByTime(60_000);
    expect(document.querySelector('candor-nps')).toBeNull();
  });

  test('"yes" emits consent(true) and shows the score step', async () => {
    const seen = start();
    await tap(button("Yes, I'll answer"));
    expect(seen.at(-1)).toEqual(['consent', { granted: true }]);
    expect($('h2').textContent).toBe('How likely are you to recommend Acme to a friend or colleague?');
  });
});

describe('score step', () => {
  const toScore = async (extra?: Record<string, unknown>) => {
    const seen = start(extra);
    await tap(button("Yes, I'll answer"));
    return seen;
  };

  test('is a labelled radio group of 0–10 with end labels and one tab stop', async () => {
    await toScore();
    const group = $('[role="radiogroup"]');
    expect(group.getAttribute('aria-labelledby')).toBe('question');
    expect(radios().map((r) => r.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(radios().filter((r) => r.tabIndex === 0)).toHaveLength(1);
    expect($('#low').textContent).toBe('Not at all likely');
    expect($('#high').textContent).toBe('Extremely likely');
    expect(radios()[0]!.getAttribute('aria-describedby')).toBe('low');
    expect(radios()[10]!.getAttribute('aria-describedby')).toBe('high');
  });

  test('arrow keys move and select in reading order and wrap around', async () => {
    await toScore();
    radios()[0]!.focus();
    await press('ArrowRight');
    expect(radios()[1]!.getAttribute('aria-checked')).toBe('true');
    expect(shadow().activeElement).toBe(radios()[1]);
    await press('ArrowDown');
    await press('ArrowDown');
    expect(shadow().activeElement).toBe(radios()[3]);
    await press('ArrowUp');
    await press('ArrowLeft');
    expect(shadow().activeElement).toBe(radios()[1]);
    await press('ArrowLeft');
    await press('ArrowLeft');
    expect(shadow().activeElement).toBe(radios()[10]);
    expect(radios().filter((r) => r.getAttribute('aria-checked') === 'true')).toEqual([radios()[10]]);
    await press('Home');
    expect(shadow().activeElement).toBe(radios()[0]);
    await press('End');
    expect(shadow().activeElement).toBe(radios()[10]);
    expect(radios().filter((r) => r.tabIndex === 0)).toEqual([radios()[10]]);
  });

  test('left and right are mirrored in a right-to-left language', async () => {
    await toScore({ locale: 'he', strings: { he: { next: 'הבא' } } });
    expect($('section').getAttribute('dir')).toBe('rtl');
    radios()[5]!.focus();
    await press('ArrowLeft');
    expect(shadow().activeElement).toBe(radios()[6]);
    await press('ArrowRight');
    await press('ArrowRight');
    expect(shadow().activeElement).toBe(radios()[4]);
    await press('ArrowDown');
    expect(shadow().activeElement).toBe(radios()[5]);
  });

  test('Enter on a choice goes on with that score', async () => {
    await toScore();
    radios()[0]!.focus();
    await press('End');
    await press('Enter');
    expect($('label').textContent).toBe('What do you like most?');
  });

  test('"Next" does nothing until a score is chosen', async () => {
    await toScore();
    const next = button('Next');
    expect(next.getAttribute('aria-disabled')).toBe('true');
    await tap(next);
    expect(radios()).toHaveLength(11);
  });

  test('a keyboard-made click selects without going on; a pointer tap goes on', async () => {
    await toScore();
    radios()[4]!.click(); // detail 0, as Space or Enter on a button would make
    await settle();
    expect(radios()[4]!.getAttribute('aria-checked')).toBe('true');
    await tap(button('Next'));
    expect($('label').textContent).toBe('What disappointed you, and what should we do better?');
  });

  test('closing it counts as a dismissal', async () => {
    const seen = await toScore();
    await tap($('.x'));
    expect(document.querySelector('candor-nps')).toBeNull();
    expect(seen.at(-1)).toEqual(['dismiss', { survey: 'home', step: 'score' }]);
  });

  test('without a follow-up, the button says "Send" and a tap submits at once', async () => {
    const seen = await toScore({ followUp: false });
    await tap(radios()[9]!);
    const [, answer] = await submitted(seen);
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    expect(answer).toMatchObject({ survey: 'home', score: 9, category: 'promoter', consentVersion: '1' });
    expect(answer).not.toHaveProperty('comment');
  });
});

describe('follow-up step', () => {
  const toFollowUp = async (score: number, extra?: Record<string, unknown>) => {
    const seen = start(extra);
    await tap(button("Yes, I'll answer"));
    await tap(radios()[score]!);
    return seen;
  };
  const type = async (text: string) => {
    const box = $('textarea') as HTMLTextAreaElement;
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
  };

  test.each([
    [10, 'What do you like most?'],
    [8, 'What would make it a 10 for you?'],
    [6, 'What disappointed you, and what should we do better?'],
    [0, 'What disappointed you, and what should we do better?'],
  ])('after a %i asks "%s"', async (score, prompt) => {
    await toFollowUp(score);
    expect($('label').textContent).toBe(prompt);
    expect($('label').getAttribute('for')).toBe('comment');
  });

  test('uses the configured prompt of the category', async () => {
    await toFollowUp(3, { followUp: { detractor: 'Sorry! What went wrong?' } });
    expect($('label').textContent).toBe('Sorry! What went wrong?');
  });

  test('limits the comment to 1,000 characters and counts them', async () => {
    await toFollowUp(7);
    expect(($('textarea') as HTMLTextAreaElement).maxLength).toBe(1000);
    await type('Faster exports');
    expect($('#count').textContent).toBe('14 of 1000 characters');
  });

  test('"Send" submits the score with the trimmed comment and thanks the person', async () => {
    const seen = await toFollowUp(7);
    await type('  Faster exports, please.  ');
    await tap(button('Send'));
    const [, answer] = await submitted(seen);
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    expect(answer).toMatchObject({ survey: 'home', score: 7, category: 'passive', comment: 'Faster exports, please.' });
  });

  test('"Skip" submits the score alone', async () => {
    const seen = await toFollowUp(2);
    await type('never mind');
    await tap(button('Skip'));
    const [, answer] = await submitted(seen);
    expect(answer).toMatchObject({ survey: 'home', score: 2, category: 'detractor' });
    expect(answer).not.toHaveProperty('comment');
  });

  test('closing it keeps the score already given, without the comment', async () => {
    const seen = await toFollowUp(9);
    await press('Escape', $('textarea'));
    const [, answer] = await submitted(seen);
    expect(answer).toMatchObject({ survey: 'home', score: 9, category: 'promoter' });
    expect(answer).not.toHaveProperty('comment');
    expect(seen.some(([event]) => event === 'dismiss')).toBe(false);
    expect(document.querySelector('candor-nps')).toBeNull();
  });
});

describe('thanks step', () => {
  test('closes itself after a few seconds, without a dismissal', async () => {
    const seen = start({ followUp: false });
    await tap(button("Yes, I'll answer"));
    await tap(radios()[10]!);
    await submitted(seen);
    // (vi.waitFor advances fake time by 50 ms a check, hence the margin below.)
    await vi.waitFor(() => expect($('h2').textContent).toBe('Thank you!'));
    await vi.advanceTimersByTimeAsync(THANKS_MS - 500);
    expect(document.querySelector('candor-nps')).not.toBeNull();
    await vi.advanceTimersByTimeAsync(500);
    expect(document.querySelector('candor-nps')).toBeNull();
    await submitted(seen);
    expect(seen.map(([event]) => event)).toEqual(['shown', 'consent', 'submit']);
  });
});

describe('when the answer cannot be stored', () => {
  test('says so instead of thanking, stays until closed, and reports an error', async () => {
    // A device whose storage refuses every write (full, or blocked by the browser).
    const refusing: Backend = {
      ...memoryBackend(),
      set: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')),
      update: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')),
    };
    nps = createNps({ ...base, followUp: false }, memoryEnv(refusing));
    const errors: string[] = [];
    const submits: unknown[] = [];
    nps.on('error', ({ message }) => errors.push(message));
    nps.on('submit', (r) => submits.push(r));
    nps.show();
    await tap(button("Yes, I'll answer"));
    await tap(radios()[8]!);
    await vi.waitFor(() => expect($('h2').textContent).toBe('Your answer could not be saved'));
    expect(shadow().textContent).not.toContain('Thank you!');
    expect(submits).toEqual([]);
    expect(errors).toEqual([expect.stringMatching(/^the answer was not stored: /)]);
    await vi.advanceTimersByTimeAsync(THANKS_MS * 3);
    expect(document.querySelector('candor-nps')).not.toBeNull();
    await tap($('[part=close]'));
    expect(document.querySelector('candor-nps')).toBeNull();
  });
});

describe('keyboard and focus', () => {
  test('Escape closes the prompt at the consent step as a dismissal', async () => {
    const seen = start();
    await press('Escape', button('No thanks'));
    expect(document.querySelector('candor-nps')).toBeNull();
    expect(seen.at(-1)).toEqual(['dismiss', { survey: 'home', step: 'consent' }]);
  });

  test('a floating card that appears by itself does not take focus', async () => {
    const field = document.body.appendChild(document.createElement('input'));
    field.focus();
    start();
    expect(document.activeElement).toBe(field);
  });

  test('announces the step politely when focus stays on the page', async () => {
    start();
    const live = $('[aria-live="polite"]');
    expect(live.textContent).toBe('');
    await vi.advanceTimersByTimeAsync(100);
    expect(live.textContent).toBe('May we ask you one quick question?');
  });

  test('moves focus into each new step once the person is in the card', async () => {
    start();
    button("Yes, I'll answer").focus();
    await tap(button("Yes, I'll answer"));
    expect(shadow().activeElement).toBe(radios()[0]);
    await tap(radios()[8]!);
    expect(shadow().activeElement).toBe($('textarea'));
  });

  test('returns focus to where it was when the card closes', async () => {
    const field = document.body.appendChild(document.createElement('input'));
    field.focus();
    start();
    // Tab from the field into the card.
    const yes = button("Yes, I'll answer");
    yes.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true, relatedTarget: field }));
    yes.focus();
    await tap(yes);
    await press('Escape');
    expect(document.querySelector('candor-nps')).toBeNull();
    expect(document.activeElement).toBe(field);
  });

  test('a full-page prompt takes focus and gives it back on close', async () => {
    const field = document.body.appendChild(document.createElement('input'));
    field.focus();
    start({ position: 'full-page' });
    expect($('section').getAttribute('aria-modal')).toBe('true');
    expect(shadow().activeElement).toBe($('h2'));
    await press('Escape');
    expect(document.activeElement).toBe(field);
  });
});

describe('full-page prompt', () => {
  test('keeps Tab inside, since it covers the page', async () => {
    start({ position: 'full-page' });
    const close = $('.x');
    const no = button('No thanks');
    no.focus();
    await press('Tab');
    expect(shadow().activeElement).toBe(close);
    await press('Tab'); // not at an edge: the browser moves on by itself
    expect(shadow().activeElement).toBe(close);
    close.focus();
    const shiftTab = new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true });
    close.dispatchEvent(shiftTab);
    expect(shiftTab.defaultPrevented).toBe(true);
    expect(shadow().activeElement).toBe(no);
  });

  test('a floating card never traps Tab', async () => {
    start();
    const no = button('No thanks');
    no.focus();
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    no.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(false);
    expect(shadow().activeElement).toBe(no);
  });
});
