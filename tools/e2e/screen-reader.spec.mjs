// What a screen reader meets: the drawing's role, its popups, what is announced and when, and
// keys that belong to the control they are pressed on.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { frames, linkOf, watchErrors, playUntilLeader, presetShown, simulatedTime, timeOut } from './helpers.mjs';

test('the drawing is a group of buttons, not an image; its links are hidden; its popups are named dialogs', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const drawing = page.getByRole('group', { name: 'Raft cluster' });
  await expect(drawing).toBeVisible();
  await expect(drawing.getByRole('img')).toHaveCount(0);
  await expect(page.locator('svg.cluster')).not.toHaveAttribute('role', 'img');
  await expect(drawing.getByRole('button', { name: /^S1, follower, term 0/ })).toBeVisible();
  // The links are cut with a pointer, or from a server's menu: not twenty more stops to hear.
  await expect(page.locator('.cluster__lanes')).toHaveAttribute('aria-hidden', 'true');
  const server = page.locator('[data-node="2"]');
  await expect(server).toHaveAttribute('aria-haspopup', 'dialog');
  await server.click();
  await expect(page.getByRole('dialog', { name: 'Actions for S2' })).toHaveAttribute('aria-modal', 'true');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-client]')).toHaveAttribute('aria-haspopup', 'dialog');
  await page.locator('[data-client]').click();
  await expect(page.getByRole('dialog', { name: 'Client request' })).toBeVisible();
  // The page's parts are headings to move between.
  const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
  expect(headings).toEqual(['Logs', expect.stringMatching(/^Safety properties/), 'What happened', 'Legend']);
  expect(errors).toEqual([]);
});

test('while paused each Step is told by the caption; while playing only the announcement speaks', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const announcement = page.locator('[data-announcement]');
  const caption = page.locator('.playground__caption');
  await expect(announcement).toHaveAttribute('aria-live', 'off');
  // Paused at 0 ms the hint is already live, so that its first change is told.
  await expect(page.locator('.playground__hint')).toHaveAttribute('aria-live', 'polite');
  // The first Step reaches a server's election timeout, told at once.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(caption).toHaveAttribute('aria-live', 'polite');
  await expect(caption).toContainText('election timer fired');
  expect(Number(await caption.getAttribute('data-caption-ms'))).toBe(await simulatedTime(page));
  await playUntilLeader(page);
  await expect(announcement).toHaveAttribute('aria-live', 'polite');
  await expect(caption).toHaveAttribute('aria-live', 'off');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(announcement).toHaveAttribute('aria-live', 'off');
  await expect(caption).toHaveAttribute('aria-live', 'polite');
  // The narration's sentences say what pressing them does; its filters are a named group.
  await expect(page.locator('.narration__line').first()).toHaveAttribute('title', 'Go to this moment');
  await expect(page.getByRole('group', { name: 'Kinds of event shown' }).getByRole('checkbox')).toHaveCount(4);
  // The clock's words are read with it.
  await expect(page.locator('.timeline__clock')).toContainText(/^Simulated time \d+\.\d{3} s/);
  expect(errors).toEqual([]);
});

test('paused after events the narration leaves out, the caption says where the run got to', async ({ page }) => {
  const errors = watchErrors(page);
  // At 1 s a leader's heartbeats and their answers are all that happens: the narration tells
  // none of them.
  await page.goto(`./${linkOf(JSON.stringify({ version: 1, seed: 1, nodes: 5 }), 1000)}`);
  const caption = page.locator('.playground__caption');
  expect(Number(await caption.getAttribute('data-caption-ms'))).toBeLessThan(1000);
  await expect(caption.locator('.playground__since')).toHaveText(' Then, up to 1.000 s, only messages and timers the narration leaves out.');
  // The time and the sentence are apart for a screen reader too.
  await expect(caption).toHaveText(/^\d\.\d{3} s \S/);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(caption.locator('.playground__since')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the announcement tells a stale leader stepping down, not a candidate giving up', async ({ page }) => {
  const errors = watchErrors(page);
  const preset = readFileSync(new URL('../../crates/raft-web/presets/stale-leader.json', import.meta.url), 'utf8');
  const announcement = page.locator('[data-announcement]');
  // S4, leader of term 1 behind the partition, hears of term 3 once it heals (3.022 s).
  await page.goto(`./${linkOf(preset, 3025)}`);
  await expect(announcement).toHaveText('S4 saw term 3 and became a follower.');
  // S3 gave up its candidacy at 1.304 s: the announcement still tells the partition.
  await page.goto('about:blank');
  await page.goto(`./${linkOf(preset, 1310)}`);
  await expect(announcement).not.toContainText('S3');
  expect(errors).toEqual([]);
});

test('a property that breaks is said at once, as an alert', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('break-largest-id');
  await presetShown(page, 'break-largest-id');
  await expect(page.locator('[data-broken-alert]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'election safety' });
  await expect(alert).toHaveText(/^election safety: broken at 0\.\d{3} s: /, { timeout: 20_000 });
  await expect(alert).toHaveAttribute('data-broken-alert', 'true');
  expect(errors).toEqual([]);
});

test('K on a picker is type-ahead, not Play; elsewhere it plays', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Theme' }).focus();
  await page.keyboard.press('k');
  await frames(page, 3);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  expect(await simulatedTime(page)).toBe(0);
  await page.locator('h1').click();
  await page.keyboard.press('k');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a lesson\'s answer is said by a live region that was there, empty, before it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./#lesson=election&step=2');
  const verdict = page.locator('[data-lesson-verdict]');
  await expect(page.locator('.lesson [data-choice="1"]')).toBeVisible();
  await expect(verdict).toHaveAttribute('role', 'status');
  await expect(verdict).toHaveText('');
  const right = page.locator('.lesson__choice').filter({ hasText: 'They wait.' }).locator('[data-choice]');
  await right.click();
  await expect(verdict).toContainText(/^The right answer\. \S/);
  expect(errors).toEqual([]);
});

test('a server cut off says so, a log entry says whether it is committed, and Step back is unavailable at 0 ms', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const back = page.getByRole('button', { name: 'Step back' });
  await expect(back).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(back).not.toHaveAttribute('aria-disabled');
  await back.click();
  await expect(back).toHaveAttribute('aria-disabled', 'true');
  await expect(back).toBeFocused();
  await playUntilLeader(page);
  const leader = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
  // The election's no-op, once committed, is read as such on the leader's row.
  const noop = page.locator(`[data-log-node="${leader}"][data-index="1"]`);
  await expect(noop).toHaveAttribute('data-committed', 'true', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(noop).toHaveAttribute('aria-label', new RegExp(`^S${leader} #1: term \\d+, no-op, committed`));
  const follower = page.locator('[data-node][data-role=follower]').first();
  const id = await follower.getAttribute('data-node');
  await follower.click();
  await page.getByRole('button', { name: 'Isolate' }).click();
  await expect(page.locator(`[data-node="${id}"]`)).toHaveAttribute('aria-label', new RegExp(`^S${id}, follower, term \\d+, isolated$`));
  expect(errors).toEqual([]);
});

test('the speed moves by a visible step at each arrow key, and is said once, by the slider', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const slider = page.getByRole('slider', { name: 'Speed' });
  await expect(slider).toHaveAttribute('aria-valuetext', '0.1×');
  await slider.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '0.13×');
  await expect(page.locator('.controls__speed output')).toHaveText('0.13×');
  await expect(page.locator('.controls__speed output')).toHaveAttribute('aria-hidden', 'true');
  expect(errors).toEqual([]);
});

test('a message says whether its panel is open', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  // A timeout fired while paused puts four RequestVotes in flight, whatever the timing of the machine.
  await timeOut(page, 2);
  const message = page.locator('[data-message]').first();
  const id = await message.getAttribute('data-message');
  await expect(message).toHaveAttribute('aria-expanded', 'false');
  await message.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-panel-message="${id}"]`)).toBeVisible();
  await expect(page.locator(`[data-message="${id}"]`)).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(page.locator(`[data-message="${id}"]`)).toHaveAttribute('aria-expanded', 'false');
  expect(errors).toEqual([]);
});

test('messages in flight are named buttons while paused; while playing their layer, which changes every frame, is hidden', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await timeOut(page, 2);
  const layer = page.locator('.cluster__messages');
  await expect(layer).not.toHaveAttribute('aria-hidden');
  const drawing = page.getByRole('group', { name: 'Raft cluster' });
  await expect(drawing.getByRole('button', { name: /^RequestVote from S2 to S\d, term 1$/ })).toHaveCount(4);
  await expect(page.locator('[data-message] title').first()).toHaveText(/^RequestVote from S2 to S\d, term 1$/);
  // One that will not arrive says so, as its faded drawing does.
  await page.locator('[data-node="2"]').click();
  await page.getByRole('button', { name: 'Isolate' }).click();
  await page.keyboard.press('Escape');
  await expect(drawing.getByRole('button', { name: /^RequestVote from S2 to S\d, term 1 \(it will be lost\)$/ })).toHaveCount(4);
  await page.getByRole('button', { name: 'Heal all' }).click();
  // Played from a focused message, the focus goes to the server it is going to.
  const message = page.locator('[data-message]').first();
  const to = await message.getAttribute('data-to');
  await message.focus();
  await page.keyboard.press('k');
  await expect(layer).toHaveAttribute('aria-hidden', 'true');
  await expect(page.locator(`[data-node="${to}"]`)).toBeFocused();
  await expect(page.locator('[data-message]:not([role])').first()).toBeAttached();
  await expect(page.locator('[data-message][role]')).toHaveCount(0);
  await expect(page.locator('[data-message] title')).toHaveCount(0);
  // Messages keep their data-* hooks while playing.
  await expect(page.locator('[data-message][data-kind][data-from][data-to]').first()).toBeAttached();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(layer).not.toHaveAttribute('aria-hidden');
  expect(errors).toEqual([]);
});
