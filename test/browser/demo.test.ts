import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './harness.mjs';
import { chromiumMissing } from './chromium.js';

// The demo that `npm start` serves: the script-tag page and the npm-module page.
describe.skipIf(chromiumMissing())('demo site (npm start)', () => {
  let server: ChildProcess;
  let browser: Browser;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const url = `http://localhost:${port}`;
  // Its own database file, so the test leaves nothing in ./data.
  const dir = mkdtempSync(join(tmpdir(), 'candor-demo-'));
  const db = join(dir, 'candor.db');

  beforeAll(async () => {
    server = spawn(process.execPath, ['demo/serve.mjs'], {
      env: { ...process.env, PORT: String(port), CANDOR_DB: db },
      stdio: 'pipe',
    });
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Candor demo') && resolve());
      server.on('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGINT');
    rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ['/', 'dialog'],
    ['/npm.html', 'region'],
  ] as const)('%s shows the prompt with no error', async (path, role) => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(url + path);
    await page.getByRole(role, { name: 'Feedback survey' }).waitFor();
    await page.getByRole('button', { name: 'No thanks' }).click();
    await page.getByText('dismiss {"survey"').waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  test('a second server on the same port says so in one line and exits', async () => {
    const second = spawn(process.execPath, ['demo/serve.mjs'], {
      env: { ...process.env, PORT: String(port), CANDOR_DB: db },
      stdio: 'pipe',
    });
    let stderr = '';
    second.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => second.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Port ${port} is already in use (is the collector already running?). Stop it, or start on another port: PORT=${port + 1}`,
    );
  });
});
