// A client that writes on its own (the `workload` action): chosen in the client form, drawn
// under the Client box, replayed by the page's own link, stopped again.
import { test, expect } from '@playwright/test';
import { linkOf, watchErrors } from './helpers.mjs';


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
  // One write every 0.25 s from 0 to 3 s: y=1 to y=13, the last still waiting (the
  // history, crowded, shows the latest of them).
  const writes = page.locator('.client-history [data-op]');
  await expect(writes.last()).toHaveAttribute('aria-label', /^C2 w y=13, since \d+\.\d{3} s: waiting$/);
  await expect(page.locator('.client-history [data-op][aria-label^="C2 w y=12, "][aria-label$=": ok"]')).toHaveCount(1);
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
  const json = '{"version":1,"seed":1,"actions":[{"at_ms":0,"do":"workload","every_ms":500}]}';
  await page.goto(`./${linkOf(json, 3000)}`);
  // x=1 to x=7, one every 0.5 s from 0: the first before any leader, the last still waiting.
  const bars = page.locator('.client-history [data-op]');
  await expect(bars).toHaveCount(7);
  await expect(page.locator('.client-history__window')).toHaveCount(0);
  await expect(page.locator('.client-history [data-op][tabindex="0"]')).toHaveCount(1);
  await expect(bars.last()).toHaveAttribute('tabindex', '0');
  await bars.last().focus();
  await page.keyboard.press('ArrowUp');
  await expect(bars.nth(5)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(bars.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(bars.nth(1)).toBeFocused();
  // The run did not step, nor the page scroll away: ↓ and ↑ belong to the history here.
  await expect(page.locator('main[data-time-ms]')).toHaveAttribute('data-time-ms', '3000');
  // The operation last focused is the panel's Tab stop; one Tab leaves the panel.
  await expect(page.locator('.client-history [data-op][tabindex="0"]')).toHaveAttribute('aria-label', /^C1 w x=2, [^:]+: ok$/);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement.closest('.client-history')))).toBe(false);
  // Enter on an operation still goes to its answer, and the focus stays on that operation.
  await bars.nth(3).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main[data-time-ms]')).not.toHaveAttribute('data-time-ms', '3000');
  await expect(page.locator('.client-history [data-op]:focus')).toHaveAttribute('aria-label', /^C1 w x=4, [^:]+: ok$/);
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
  await page.goto(`./${linkOf(json, 1000)}`);
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
  // The axis is marked with the seconds it shows, round ones, in order.
  const seconds = async () =>
    (await page.locator('.client-history__axis text').allTextContents()).map((mark) => Number(mark.replace(/ s$/, '')));
  const marks = await seconds();
  expect(marks.length).toBeGreaterThan(2);
  expect(marks[0] * 1000).toBeGreaterThanOrEqual(from);
  expect(marks[marks.length - 1]).toBeLessThanOrEqual(20);
  expect(marks.every((mark, i) => i === 0 || mark > marks[i - 1])).toBe(true);
  // Back in time, the stretch follows: it ends where the run is shown, and the operation
  // chosen keeps the focus as the bars move under it.
  const chosen = await bars.first().getAttribute('data-op');
  await bars.first().focus();
  await page.keyboard.press('Enter');
  await expect(caption).toHaveText(/ s to 1\d(\.\d)? s: /);
  await expect(page.locator('.client-history [data-op]:focus')).toHaveAttribute('data-op', chosen);
  // Early in the run the axis is the run so far, not the whole recording: the bars spread.
  await page.getByRole('slider', { name: 'Time' }).fill('3000');
  await expect(page.locator('main[data-time-ms]')).toHaveAttribute('data-time-ms', '3000');
  const spread = await page.locator('.client-history [data-op] rect').evaluateAll((rects) => {
    const xs = rects.map((rect) => Number(rect.getAttribute('x')));
    return Math.max(...xs) - Math.min(...xs);
  });
  const width = await page.locator('.client-history__lanes').evaluate((svg) => svg.getBoundingClientRect().width);
  expect(spread).toBeGreaterThan(width / 2);
  const early = await seconds();
  expect(early[early.length - 1]).toBe(3);
  expect(early.length).toBeGreaterThan(1);
  expect(early[0]).toBeLessThan(3);
  expect(errors).toEqual([]);
});

test('on a phone, the client form stays beside the Client box when choosing a pace moves the drawing', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('./');
  await page.locator('[data-client]').click();
  const form = page.locator('[data-client-menu]');
  const gap = async () => {
    const [box, menu] = await Promise.all([page.locator('[data-client]').boundingBox(), form.boundingBox()]);
    return Math.min(Math.abs(menu.y - (box.y + box.height)), Math.abs(box.y - (menu.y + menu.height)));
  };
  const before = await gap();
  // The hint above the drawing turns into a one-line caption: the drawing moves up.
  await form.getByRole('group', { name: 'C1: Writes on its own' }).getByRole('button', { name: '0.25 s' }).click();
  await expect(page.locator('.playground__caption')).toBeVisible();
  // (Left where it was, it would stand some 40 px off, above the top of the page.)
  await expect.poll(gap).toBeLessThanOrEqual(before + 8);
  await expect.poll(async () => (await form.boundingBox()).y + await page.evaluate(() => window.scrollY)).toBeGreaterThanOrEqual(0);
  expect(errors).toEqual([]);
});
