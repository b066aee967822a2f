// Screenshots of every step of the prompt in real Chromium (withdraw and contact on): each step ×
// {light, dark} × {English, Arabic, Hebrew, Japanese} × {desktop, 375 px touch screen},
// plus full-page and a custom theme. Writes screenshots/*.png (git-ignored)
// and an overview per language; with --gallery, also refreshes the few small
// images the README and the docs show (docs/gallery/). Run: npm run screenshots
// Arabic and Japanese need fonts: apt-get install -y fonts-noto-core fonts-noto-cjk
import { mkdir, writeFile } from 'node:fs/promises';
import { launch, serve } from '../test/browser/harness.mjs';

const OUT = new URL('../screenshots/', import.meta.url);
const GALLERY = new URL('../docs/gallery/', import.meta.url);
const gallery = process.argv.includes('--gallery');
// What the gallery shows: [variant, step].
const PICKS = [
  ['light-en-desktop', '2-score'],
  ['dark-ar-375', '1-consent'],
  ['light-ja-desktop', '3-follow-up'],
  ['dark-en-375', '4-thanks'],
];
const base = {
  survey: 'home',
  endpoint: 'https://collect.acme.test/v1/responses',
  brand: 'Acme Notes',
  consent: { policyUrl: 'https://acme.test/privacy' },
  withdraw: { days: 30 },
  contact: { enabled: true },
};
const DESKTOP = { width: 900, height: 640 };
const PHONE = { width: 375, height: 740 };
const variants = [];
for (const lang of ['en', 'ar', 'he', 'ja'])
  for (const scheme of ['light', 'dark'])
    for (const [device, viewport] of [
      ['desktop', DESKTOP],
      ['375', PHONE],
    ])
      variants.push({
        name: `${scheme}-${lang}-${device}`,
        lang,
        viewport,
        mobile: device === '375',
        colorScheme: scheme,
        config: { ...base, locale: lang },
      });
variants.push(
  {
    name: 'full-page-en',
    lang: 'en',
    viewport: { width: 900, height: 560 },
    config: { ...base, position: 'full-page' },
    whole: true,
  },
  {
    name: 'themed-en',
    lang: 'en',
    viewport: DESKTOP,
    config: { ...base, theme: { accent: '#7c3aed', radius: 6, font: 'Georgia, serif' } },
  },
);

const server = await serve();
const browser = await launch();
await mkdir(OUT, { recursive: true });
if (gallery) await mkdir(GALLERY, { recursive: true });
const shots = [];
try {
  for (const v of variants) {
    const context = await browser.newContext({
      viewport: v.viewport,
      colorScheme: v.colorScheme ?? 'light',
      hasTouch: !!v.mobile,
      isMobile: !!v.mobile,
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/test/browser/pages/widget.html`);
    if (v.lang !== 'en') await page.addScriptTag({ url: `/dist/locales/${v.lang}.js` });
    await page.evaluate((c) => window.Candor.init(c), v.config);
    const card = page.locator('candor-nps section');
    const snap = async (step) => {
      await page.waitForTimeout(150);
      const box = await card.boundingBox();
      const pad = 16;
      // Mobile and full-page shots show the whole viewport; the floating card is cropped around it.
      const clip =
        v.mobile || v.whole
          ? undefined
          : {
              x: Math.max(0, box.x - pad),
              y: Math.max(0, box.y - pad),
              width: box.width + 2 * pad,
              height: box.height + 2 * pad,
            };
      const png = await page.screenshot(clip ? { clip } : {});
      await writeFile(new URL(`${v.name}-${step}.png`, OUT), png);
      if (gallery && PICKS.some(([name, s]) => name === v.name && s === step))
        await writeFile(new URL(`${v.name}-${step}.png`, GALLERY), png);
      shots.push({ variant: v.name, lang: v.lang, step, png });
    };
    await snap('1-consent');
    await card.locator('.primary').click(); // "Yes"
    await card.getByRole('radio').nth(8).focus();
    await page.keyboard.press('Space');
    await snap('2-score');
    await page.keyboard.press('Enter');
    await card
      .locator('textarea')
      .fill(
        v.lang === 'ja'
          ? 'オフライン同期があれば10点です。'
          : v.lang === 'ar'
            ? 'المزامنة دون اتصال ستجعلها 10.'
            : v.lang === 'he'
              ? 'סנכרון לא מקוון יהפוך את זה ל-10.'
              : 'Offline sync would make it a 10.',
      );
    await snap('3-follow-up');
    await card.locator('.primary').click(); // "Send"
    await card.locator('input').waitFor();
    await snap('4-contact');
    await card.locator('input').fill('jane@example');
    await card.locator('.primary').click(); // "Send": not an address
    await card.locator('[role=alert]').waitFor();
    await snap('4-contact-invalid');
    await card.locator('.secondary').click(); // "No thanks"
    await card.locator('.actions button').waitFor();
    await snap('4-thanks');
    await card.locator('.actions button').click(); // "Delete my answer"
    await card.getByRole('heading').filter({ hasNotText: 'Thank' }).waitFor();
    await snap('5-withdrawn');
    await context.close();
  }
  // One overview image per language: a row per variant.
  for (const lang of ['en', 'ar', 'he', 'ja']) {
    const rows = variants
      .filter((v) => v.lang === lang)
      .map(
        (v) =>
          `<h3>${v.name}</h3><div class="row">${shots
            .filter((s) => s.variant === v.name)
            .map((s) => `<img src="data:image/png;base64,${s.png.toString('base64')}">`)
            .join('')}</div>`,
      )
      .join('');
    const page = await browser.newPage({ viewport: { width: 1900, height: 400 } });
    await page.setContent(
      `<style>body{margin:8px;font:14px sans-serif;background:#999}.row{display:flex;gap:8px;align-items:flex-start}img{max-width:460px;max-height:520px}h3{margin:6px 0}</style>${rows}`,
    );
    await writeFile(new URL(`overview-${lang}.png`, OUT), await page.screenshot({ fullPage: true }));
    await page.close();
  }
  console.log(
    `wrote ${shots.length} screenshots and 4 overviews to screenshots/${gallery ? ', and docs/gallery/' : ''}`,
  );
} finally {
  await browser.close();
  await server.close();
}
