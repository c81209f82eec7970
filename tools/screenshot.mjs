// Takes the README's screenshot of the real page at 1280×800, the whole window as a visitor
// sees it: serves dist/, plays until a leader is elected and messages are in flight, pauses,
// and saves docs/screenshot.png. The servers, the messages and the log table are all in it.
// Run through scripts/screenshot.sh, which builds dist/ first.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const port = 8092;
const server = spawn('node', ['serve-static.mjs', '../dist', String(port), '/'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => server.stdout.once('data', resolve));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.locator('[data-role=leader]').waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  // Two writes through a follower (redirected to the leader), then one server crashes.
  const follower = page.locator('[data-node][data-role=follower]').first();
  for (const command of ['x=3', 'y=1']) {
    await follower.click();
    await page.getByRole('textbox', { name: 'Command' }).fill(command);
    await page.getByRole('textbox', { name: 'Command' }).press('Enter');
  }
  await page.getByRole('button', { name: 'Play' }).click();
  await page.locator('[data-log-node][data-index="3"][data-committed=true]').first().waitFor({ timeout: 20_000 });
  const last = page.locator('[data-node][data-role=follower]').last();
  await last.click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  await follower.click();
  await page.getByRole('textbox', { name: 'Command' }).fill('x=5');
  await page.getByRole('textbox', { name: 'Command' }).press('Enter');
  // Pause while the write is on its way, so the picture shows messages moving.
  await page.waitForFunction(() => document.querySelectorAll('[data-message][data-kind=AppendEntries]:not([data-entries="0"])').length >= 3, null, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: '../docs/screenshot.png' });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  server.kill();
}
