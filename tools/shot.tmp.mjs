import { chromium } from 'playwright';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto('http://127.0.0.1:8741/');
await page.getByRole('button', { name: 'Play', exact: true }).click();
await page.locator('[data-node][data-role=leader]').waitFor({ timeout: 20000 });
await page.getByRole('button', { name: 'Pause' }).click();
for (const n of ['1', '3']) {
  await page.locator(`[data-node="${n}"]`).click();
  await page.screenshot({ path: `/tmp/w/menu${n}.png` });
  await page.keyboard.press('Escape');
}
await browser.close();
