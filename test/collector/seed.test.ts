// Sample data for a newcomer: `candor-collector seed` (and `npm start` on an empty database) stores
// made-up answers that fill every panel, valid by the wire schema, and never into a survey with answers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseBatch } from '../../src/schema.js';
import { breakdownOf } from '../../demo/collector/insights/breakdown.js';
import { summaryWithInsights } from '../../demo/collector/insights/summaryInsights.js';
import { themesOf } from '../../demo/collector/insights/themes/themes.js';
import { SAMPLE_DAYS, sampleAnswers, seedSample } from '../../demo/collector/sample.js';
import { addDays, dayOf } from '../../demo/collector/dates.js';
import { backends } from './backends.js';

const NOW = Date.UTC(2026, 10, 22, 10, 37, 12);

describe('the sample answers', () => {
  test('are valid by the wire schema, over the 90 days before today, the same scores for the same seed', () => {
    const answers = sampleAnswers('sample', NOW);
    expect(answers.length).toBeGreaterThan(1000);
    for (let i = 0; i < answers.length; i += 50) {
      const result = parseBatch({ v: 1, responses: answers.slice(i, i + 50) });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    const days = answers.map((a) => a.at.slice(0, 10)).sort();
    expect(days[0]).toBe(addDays(dayOf(NOW), -SAMPLE_DAYS));
    expect(days.at(-1)).toBe(addDays(dayOf(NOW), -1));
    expect(sampleAnswers('sample', NOW).map((a) => a.score)).toEqual(answers.map((a) => a.score));
  });
});

describe.each(backends)('$name', (backend) => {
  test.skipIf(backend.skip)(
    'fill every panel: an NPS beyond noise, weekly points, groups, themes of each category',
    async () => {
      const opened = await backend.open();
      try {
        const stored = await seedSample(opened.storage, NOW);
        expect(stored).toBe(sampleAnswers('sample', NOW).length);
        const to = addDays(dayOf(NOW), -1);
        const from = addDays(to, -29);
        const summary = await summaryWithInsights(opened.storage, 'sample', from, to, 10);
        expect(summary.responses).toBeGreaterThan(300);
        expect(summary.trend.buckets.filter((b) => b.nps !== null).length).toBeGreaterThanOrEqual(4);
        expect(summary.previous.significant).toBe(true);
        for (const by of ['device', 'locale', 'page', 'segment.plan'] as const) {
          const groups = breakdownOf(
            { survey: 'sample', from, to, by },
            await opened.storage.groups('sample', from, to, by),
            10,
          );
          expect(groups.groups.length, by).toBeGreaterThanOrEqual(2);
        }
        const comments = await opened.storage.themeComments('sample', from, to, 5000);
        for (const category of ['detractor', 'passive', 'promoter'] as const)
          expect(themesOf(comments, category, 10, true).length, category).toBeGreaterThan(0);
        // Never twice, never into a survey with answers.
        await expect(seedSample(opened.storage, NOW)).rejects.toThrow(
          'seed: survey "sample" has answers already; the sample goes only into an empty survey',
        );
      } finally {
        await opened.cleanup();
      }
    },
  );
});

describe('candor-collector seed', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ['demo/collector/dist/demo/collector/cli.js', ...args], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });

  test('stores the sample into the configured SQLite file and says where to look; a second run refuses, naming why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-seed-'));
    try {
      const env = { CANDOR_DB: join(dir, 'candor.db'), CANDOR_ADMIN_TOKEN: '' };
      const first = cli(['seed', 'trial'], env);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toMatch(
        /^Stored 1,\d{3} sample answers in survey "trial": open the dashboard with \?survey=trial\.\n$/,
      );
      const again = cli(['seed', 'trial'], env);
      expect(again.status).toBe(1);
      expect(again.stderr).toBe(
        'seed: survey "trial" has answers already; the sample goes only into an empty survey\n',
      );
      const bad = cli(['seed', 'Not A Survey'], env);
      expect(bad.stderr).toBe('seed: expected a survey id of 1–64 characters a-z, 0-9, _ or -, got "Not A Survey"\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
