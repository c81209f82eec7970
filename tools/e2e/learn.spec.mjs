// Learning aids: narration, 中文, themes, the shortcuts overlay, announcements.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { linkOf, playUntilLeader, simulatedTime, watchErrors, presetShown } from './helpers.mjs';

test('the narration tells the election in sentences and jumps to a moment on click', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const narration = page.getByRole('region', { name: 'What happened' });
  await expect(narration).toContainText('Nothing yet');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(narration).toContainText("election timer fired; it starts an election for term 1.");
  await expect(narration).toContainText('is now the leader.');
  await expect(page.locator('[data-announcement]')).toContainText('is now the leader');
  const line = narration.locator('li', { hasText: 'election timer fired' }).last();
  const at = Number(await line.getAttribute('data-story-ms'));
  await line.getByRole('button').click();
  await expect.poll(() => simulatedTime(page)).toBe(at);
  // Filters hide a kind of event.
  await narration.getByRole('checkbox', { name: 'Elections' }).uncheck();
  await expect(narration.locator('li', { hasText: 'is now the leader' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the votes and the consistency check are told, and the latest sentence is a caption in view of the drawing', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const caption = page.locator('.playground__hint');
  await expect(caption).toContainText('Press Play to watch');
  // It names the cluster first: a fresh one changes the live hint, so a screen reader hears it.
  await expect(caption).toHaveText(/^5 servers, seed 1\. Press Play/);
  await page.getByRole('combobox', { name: 'Servers' }).selectOption('4');
  await expect(caption).toHaveText(/^4 servers, seed 1\. Press Play/);
  await expect(caption).toHaveAttribute('aria-live', 'polite');
  await page.getByRole('combobox', { name: 'Servers' }).selectOption('5');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const narration = page.getByRole('region', { name: 'What happened' });
  const leader = Number(await page.locator('[data-node][data-role=leader]').getAttribute('data-node'));
  // Each vote the leader won is told, with the rules that let the voter grant it.
  await expect(narration.locator('li', { hasText: new RegExp(`S\\d voted for S${leader} in term`) }).first()).toContainText('(§5.2, §5.4.1)');
  // The first election splits the vote: the servers that voted already refuse the other candidate.
  await expect(narration).toContainText('its vote: it already voted for S');
  await expect(narration).toContainText('a server votes once per term (§5.2)');
  // The caption is the narration's newest sentence, at its moment.
  const newest = narration.locator('li').first();
  await expect(caption).toHaveAttribute('data-caption-ms', await newest.getAttribute('data-story-ms'));
  // (What the narration leaves out since, if the run was paused after it, is said after it.)
  const told = await caption.evaluate((p) => [...p.childNodes].filter((n) => !n.classList?.contains('playground__since')).map((n) => n.textContent).join(''));
  expect(told.replace(/\s+/g, '')).toBe((await newest.textContent()).replace(/\s+/g, ''));
  const box = await caption.boundingBox();
  const drawing = await page.locator('svg.cluster').boundingBox();
  expect(box.y + box.height).toBeLessThan(drawing.y);
  expect(box.y + box.height).toBeLessThan(page.viewportSize().height);
  // Back at the start, nothing has happened yet: the hint again.
  await page.getByRole('slider', { name: 'Time' }).fill('0');
  await expect(caption).toContainText('Press Play to watch');
  // Figure 7: the leader finds where each follower's log matches by moving nextIndex back.
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-7');
  await presetShown(page, 'figure-7');
  // Its entries have terms only: their titles say so, with no empty command between commas.
  await expect(page.locator('[data-log-node="1"][data-index="1"]')).toHaveAttribute('title', /^S1 #1: term 1, (not )?committed$/);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(narration).toContainText('(the consistency check, §5.3)', { timeout: 20_000 });
  await expect(narration).toContainText('moves nextIndex for S');
  expect(errors).toEqual([]);
});

test('the page speaks 中文, and remembers it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('button', { name: '切换到中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Raft 演练场');
  await expect(page.locator('[data-node="1"]')).toHaveAttribute('aria-label', 'S1，跟随者，任期 0');
  await page.getByRole('button', { name: '播放' }).click();
  await expect(page.getByRole('region', { name: '发生了什么' })).toContainText('成为领导者', { timeout: 20_000 });
  // The leader's markers in the log table (下一个, 匹配) are drawn large enough to read.
  await expect(page.locator('.logs__marker').first()).toBeVisible({ timeout: 20_000 });
  // Paused, so that the marker measured is not redrawn away while it is read.
  await page.getByRole('button', { name: '暂停' }).click();
  await expect(page.locator('.logs__marker').first()).toBeVisible();
  expect(await page.locator('.logs__marker').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(11);
  await page.getByRole('combobox', { name: '场景' }).selectOption('figure-8');
  await presetShown(page, 'figure-8');
  await expect(page.getByRole('region', { name: '场景' })).toContainText('旧任期的条目不能靠多数派副本提交');
  await page.reload();
  await expect(page.getByRole('button', { name: '播放' })).toBeVisible();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});

test('Chinese browsers get 中文 first', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto('./');
  await expect(page.getByRole('button', { name: '播放' })).toBeVisible();
  await context.close();
});

test('light and dark themes follow the system and can be chosen', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  expect(await background()).toBe('rgb(21, 23, 26)');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe('rgb(247, 247, 245)');
  await page.reload();
  // The remembered theme is applied once the app has started.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe('rgb(247, 247, 245)');
});

test('? shows the keyboard shortcuts and Escape closes them', async ({ page }) => {
  await page.goto('./');
  await page.locator('h1').click();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toContainText('Play or pause');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('a presenter\'s keys: W writes to the leader, C crashes it, R restarts the crashed, each said when it cannot act', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('h1').click();
  await page.keyboard.press('c');
  await expect(page.locator('.playground__notice')).toContainText('There is no leader right now.');
  await page.keyboard.press('r');
  await expect(page.locator('.playground__notice')).toContainText('No server is down: R restarts the crashed ones.');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const leader = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
  // In a picker, letters choose options, not actions: the leader stays up.
  await page.getByRole('combobox', { name: 'Scenario' }).focus();
  await page.keyboard.press('c');
  await expect(page.locator('[data-node][data-up=false]')).toHaveCount(0);
  // Inside a server's menu, the keys are not the presenter's either.
  await page.locator('[data-node="1"]').click();
  await page.getByRole('dialog', { name: 'Actions for S1' }).getByRole('button').first().press('c');
  await expect(page.locator('[data-node][data-up=false]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.locator('h1').click();
  await page.keyboard.press('w');
  await expect(page.locator('[data-message][data-kind=ClientRequest]')).toHaveAttribute('data-to', leader);
  await page.keyboard.press('C');
  await expect(page.locator(`[data-node="${leader}"]`)).toHaveAttribute('data-up', 'false');
  await page.keyboard.press('R');
  await expect(page.locator(`[data-node="${leader}"]`)).toHaveAttribute('data-up', 'true');
  // T starts C1's traffic, and stops it.
  await page.keyboard.press('t');
  await expect(page.locator('.client__steady')).toHaveText('C1 every 0.5 s');
  await page.keyboard.press('T');
  await expect(page.locator('.client__steady')).toHaveCount(0);
  // The shortcuts panel lists them.
  await page.locator('h1').click();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Crash the leader');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('starts or stops writing on its own');
  expect(errors).toEqual([]);
});

test('the narration is one Tab stop, and the arrow keys move between its sentences', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const lines = page.getByRole('region', { name: 'What happened' }).getByRole('button');
  expect(await lines.count()).toBeGreaterThan(3);
  // Only the newest sentence is reached by Tab.
  await expect(page.locator('.narration__line[tabindex="0"]')).toHaveCount(1);
  await expect(lines.first()).toHaveAttribute('tabindex', '0');
  await lines.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(lines.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(lines.last()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(lines.nth(-2)).toBeFocused();
  // The Tab stop follows the focus, and Tab leaves the list at once.
  await expect(lines.nth(-2)).toHaveAttribute('tabindex', '0');
  await expect(page.locator('.narration__line[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(page.locator('.narration__line:focus')).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expect(lines.nth(-2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(lines.first()).toBeFocused();
  // Few sentences yet: all are shown, and nothing says otherwise.
  await expect(page.locator('.narration__more')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a narration longer than the list says it shows only the latest sentences, and how many there are', async ({ page }) => {
  const errors = watchErrors(page);
  const preset = readFileSync(new URL('../../crates/raft-web/presets/pipelining-flow-control.json', import.meta.url), 'utf8');
  await page.goto(`./${linkOf(preset, 2500)}`);
  await expect(page.locator('main')).toHaveAttribute('data-time-ms', '2500');
  const narration = page.getByRole('region', { name: 'What happened' });
  await expect(narration.locator('li')).toHaveCount(60);
  await expect(narration.locator('.narration__more')).toHaveText(/^The latest 60 of (\d+) sentences\. Step back or drag the time slider to read earlier ones\.$/);
  const all = Number((await narration.locator('.narration__more').textContent()).match(/of (\d+)/)[1]);
  expect(all).toBeGreaterThan(60);
  // Filtered down to faults, every sentence is shown again.
  for (const kind of ['Elections', 'Log', 'Client']) await narration.getByRole('checkbox', { name: kind }).uncheck();
  await expect(narration.locator('.narration__more')).toHaveCount(0);
  await expect(narration.locator('li', { hasText: 'crashed' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('the first Tab reaches skip links, seen only while focused, to the servers, the logs and the narration', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const skip = page.getByRole('navigation', { name: 'Skip to' });
  expect((await skip.boundingBox()).width).toBeLessThanOrEqual(1);
  await page.keyboard.press('Tab');
  const servers = skip.getByRole('button', { name: 'Servers' });
  await expect(servers).toBeFocused();
  expect((await skip.boundingBox()).width).toBeGreaterThan(100);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-node="1"]')).toBeFocused();
  expect((await skip.boundingBox()).width).toBeLessThanOrEqual(1);
  // Nothing has happened yet: the narration's title takes the focus.
  await skip.getByRole('button', { name: 'What happened' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.narration__title')).toBeFocused();
  // Once it tells something, its Tab stop does.
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await skip.getByRole('button', { name: 'What happened' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.narration__line').first()).toBeFocused();
  await skip.getByRole('button', { name: 'Logs' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-skip-target="logs"]')).toBeFocused();
  expect(errors).toEqual([]);
});
