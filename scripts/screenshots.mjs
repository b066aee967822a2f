// Screenshots of every step of the prompt in real Chromium: light, dark,
// 375 px touch screen and right-to-left. Writes screenshots/*.png and one
// overview.png that puts them side by side. Run: npm run screenshots
import { mkdir, writeFile } from 'node:fs/promises';
import { launch, serve } from '../test/browser/harness.mjs';

const OUT = new URL('../screenshots/', import.meta.url);
const base = {
  survey: 'home',
  endpoint: 'https://collect.acme.test/v1/responses',
  brand: 'Acme Notes',
  consent: { policyUrl: 'https://acme.test/privacy' },
};
const variants = [
  { name: 'light', viewport: { width: 900, height: 640 }, config: base },
  { name: 'dark', viewport: { width: 900, height: 640 }, config: base, colorScheme: 'dark' },
  { name: 'mobile-375', viewport: { width: 375, height: 700 }, config: base, mobile: true },
  {
    name: 'rtl',
    viewport: { width: 900, height: 640 },
    config: {
      ...base,
      locale: 'he',
      strings: {
        he: {
          consentTitle: 'אפשר לשאול שאלה קצרה אחת?',
          yes: 'כן, אענה',
          no: 'לא תודה',
          question: 'עד כמה סביר שתמליצו על {brand} לחבר או לעמית?',
          low: 'בכלל לא סביר',
          high: 'סביר מאוד',
          next: 'הבא',
          thanks: 'תודה!',
        },
      },
    },
  },
  { name: 'full-page', viewport: { width: 900, height: 560 }, config: { ...base, position: 'full-page' }, whole: true },
  {
    name: 'themed',
    viewport: { width: 900, height: 640 },
    config: { ...base, theme: { accent: '#7c3aed', radius: 6, font: 'Georgia, serif' } },
  },
];

const server = await serve();
const browser = await launch();
await mkdir(OUT, { recursive: true });
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
      const file = `${v.name}-${step}.png`;
      await writeFile(new URL(file, OUT), png);
      shots.push({ variant: v.name, step, png });
    };
    await snap('1-consent');
    await card.locator('.primary').click(); // "Yes"
    await card.getByRole('radio').nth(8).focus();
    await page.keyboard.press('Space');
    await snap('2-score');
    await page.keyboard.press('Enter');
    await card.locator('textarea').fill('Offline sync would make it a 10.');
    await snap('3-follow-up');
    await card.locator('.primary').click(); // "Send"
    await snap('4-thanks');
    await context.close();
  }
  // One overview image: a row per variant.
  const rows = variants
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
  await writeFile(new URL('overview.png', OUT), await page.screenshot({ fullPage: true }));
  console.log(`wrote ${shots.length + 1} screenshots to screenshots/`);
} finally {
  await browser.close();
  await server.close();
}
