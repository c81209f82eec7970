import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
const port = 8093;
const server = spawn('node', ['serve-static.mjs', '../dist', String(port), '/'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => server.stdout.once('data', r));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const [name, vp, mobile] of [['desk', { width: 1280, height: 800 }, false], ['phone', { width: 360, height: 740 }, true]]) {
    const page = await browser.newPage({ viewport: vp, isMobile: mobile, hasTouch: mobile });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('combobox', { name: 'Servers' }).selectOption(process.env.N ?? '9');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.locator('[data-role=leader]').waitFor({ timeout: 20000 });
    await page.waitForTimeout(300);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.screenshot({ path: `/tmp/w/${name}-${process.env.N ?? '9'}.png` });
    const m = page.locator('[data-message]').first();
    if (await m.count()) { await m.click({ force: true }); await page.screenshot({ path: `/tmp/w/${name}-${process.env.N ?? '9'}-msg.png` }); }
  }
} finally { await browser.close(); server.kill(); }
