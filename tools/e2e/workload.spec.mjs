// A client that writes on its own (the `workload` action): chosen in the client form, drawn
// under the Client box, replayed by the page's own link, stopped again.
import { test, expect } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { watchErrors } from './helpers.mjs';

const linkOf = (json, t) => `#s=1.${deflateSync(Buffer.from(json)).toString('base64url')}&t=${t}`;

test.use({ viewport: { width: 1280, height: 800 } });

test('a client set to write every 0.25 s writes y=1, y=2, … to the leader, and its link replays it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-client]').click();
  const form = page.locator('[data-client-menu]');
  await form.getByRole('combobox', { name: 'Client' }).selectOption('2');
  const paces = form.getByRole('group', { name: 'C2: Writes on its own' });
  await expect(paces.getByRole('button', { name: 'Off' })).toHaveAttribute('aria-pressed', 'true');
  // C2's write field suggests the key C2 writes on its own.
  await expect(form.getByRole('textbox', { name: 'Command' })).toHaveValue(/^y=\d+$/);
  await paces.getByRole('button', { name: '0.25 s' }).click();
  // The form stays open, showing which pace is on, until closed.
  await expect(paces.getByRole('button', { name: '0.25 s' })).toHaveAttribute('aria-pressed', 'true');
  await expect(paces.getByRole('button', { name: 'Off' })).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(page.locator('.client__steady')).toHaveText('C2 every 0.25 s');
  await expect(page.locator('[data-client]')).toHaveAttribute('aria-label', /; C2 every 0\.25 s$/);
  await expect(page.locator('.narration')).toContainText('Client C2 now writes on its own every 0.25 s');
  // The page's own link, three seconds on: the same writes, replayed.
  await expect(page).toHaveURL(/#s=1\.[^&]+&t=0$/);
  const link = page.url().replace(/&t=0$/, '&t=3000');
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.locator('main[data-time-ms]')).toHaveAttribute('data-time-ms', '3000');
  // One write every 0.25 s from 0 to 3 s: y=1 to y=13, the first ones before any leader.
  const writes = page.locator('.client-history [data-op]');
  await expect(writes).toHaveCount(13);
  await expect(writes.first()).toHaveAttribute('aria-label', /^C2 w y=1: /);
  await expect(writes.nth(11)).toHaveAttribute('aria-label', 'C2 w y=12: ok');
  // Every server applied some of them.
  for (const node of ['1', '2', '3', '4', '5']) {
    await expect(page.locator(`[data-kv-node="${node}"]`)).toContainText('y=');
  }
  // Stopped from the form: the badge goes, and no write follows.
  await page.locator('[data-client]').click();
  await form.getByRole('combobox', { name: 'Client' }).selectOption('2');
  await expect(paces.getByRole('button', { name: '0.25 s' })).toHaveAttribute('aria-pressed', 'true');
  await paces.getByRole('button', { name: 'Off' }).click();
  await expect(page.locator('.client__steady')).toHaveCount(0);
  await expect(page.locator('.narration')).toContainText('Client C2 stopped writing on its own.');
  expect(errors).toEqual([]);
});

test('the client history is one Tab stop, and ↓ ↑ Home End move between its operations without stepping the run', async ({ page }) => {
  const errors = watchErrors(page);
  const json = '{"version":1,"seed":1,"actions":[{"at_ms":0,"do":"workload","every_ms":250}]}';
  await page.goto(`./${linkOf(json, 3000)}`);
  const bars = page.locator('.client-history [data-op]');
  await expect(bars).toHaveCount(13);
  await expect(page.locator('.client-history [data-op][tabindex="0"]')).toHaveCount(1);
  await expect(bars.last()).toHaveAttribute('tabindex', '0');
  await bars.last().focus();
  await page.keyboard.press('ArrowUp');
  await expect(bars.nth(11)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(bars.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(bars.nth(1)).toBeFocused();
  // The run did not step, nor the page scroll away: ↓ and ↑ belong to the history here.
  await expect(page.locator('main[data-time-ms]')).toHaveAttribute('data-time-ms', '3000');
  // The operation last focused is the panel's Tab stop; one Tab leaves the panel.
  await expect(page.locator('.client-history [data-op][tabindex="0"]')).toHaveAttribute('aria-label', 'C1 w x=2: failed');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement.closest('.client-history')))).toBe(false);
  // Enter on an operation still goes to its answer.
  await bars.nth(5).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main[data-time-ms]')).not.toHaveAttribute('data-time-ms', '3000');
  expect(errors).toEqual([]);
});

test('a file or link with a pace out of range is refused by its field, in 中文 too', async ({ page }) => {
  const errors = watchErrors(page);
  const json = '{"version":1,"seed":1,"actions":[{"at_ms":0,"do":"workload","every_ms":20}]}';
  await page.goto(`./?lang=zh${linkOf(json, 0)}`);
  await expect(page.getByRole('alert')).toContainText('actions[0].every_ms');
  await expect(page.getByRole('alert')).toContainText('间隔必须是 0（停止）或 100 到 60000 毫秒，而不是 20');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  expect(errors).toEqual([]);
});

test('a history too crowded for the whole run shows its recent seconds, and says so', async ({ page }) => {
  const errors = watchErrors(page);
  // Two clients, one write every 0.25 s and every 0.5 s: 120 operations by 20 s.
  const json = JSON.stringify({ version: 1, seed: 3, actions: [
    { at_ms: 0, do: 'workload', every_ms: 250, client: 1 },
    { at_ms: 0, do: 'workload', every_ms: 500, client: 2 },
  ] });
  await page.goto(`./${linkOf(json, 3000)}`);
  // Early on, the whole run fits.
  await expect(page.locator('.client-history__window')).toHaveCount(0);
  await page.goto('about:blank');
  await page.goto(`./${linkOf(json, 20000)}`);
  const caption = page.locator('.client-history__window');
  await expect(caption).toHaveText(/^Showing (\d+(\.\d)?) s to 20 s: the whole run has too many operations/);
  const from = Number((await caption.textContent()).match(/^Showing ([\d.]+) s/)[1]) * 1000;
  expect(from).toBeGreaterThan(10000);
  // Only the operations of those seconds are drawn, each readable: the latest ones, labels shown.
  const bars = page.locator('.client-history [data-op]');
  const count = await bars.count();
  expect(count).toBeGreaterThan(3);
  expect(count).toBeLessThan(40);
  await expect(bars.last()).toHaveAttribute('tabindex', '0');
  await expect(page.locator('.client-history [data-op] text').first()).toBeVisible();
  // Back in time, the stretch follows: it ends where the run is shown.
  await bars.first().focus();
  await page.keyboard.press('Enter');
  await expect(caption).toHaveText(/ s to 1\d(\.\d)? s: /);
  expect(errors).toEqual([]);
});
