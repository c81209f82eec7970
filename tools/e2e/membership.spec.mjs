// Membership changes (thesis chapter 4): Add server, Remove from cluster, configurations in the
// log table and the node menu, and the presets.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { linkOf, pausedWithLeader, playUntilLeader, watchErrors, presetShown } from './helpers.mjs';

test('Add server starts S6 as a learner that catches up and becomes a voter', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const add = page.getByRole('button', { name: 'Add server' });
  await expect(add).toHaveAttribute('data-add-server', '6');
  await add.click();
  const s6 = page.locator('[data-node="6"]');
  await expect(s6).toHaveCount(1);
  // Once the leader has it as a learner, it is named by what it is (it runs as a follower,
  // which its name does not say).
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 40 && !/learner/.test(await s6.getAttribute('aria-label')); i++) await step.click();
  await expect(s6).toHaveAttribute('aria-label', /^S6, learner \(catching up, not voting yet\), term \d+$/);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(s6).toHaveAttribute('data-member', 'true', { timeout: 20_000 });
  await expect(page.locator('.narration')).toContainText('S6 caught up with leader');
  await expect(page.locator('.narration')).toContainText('committed C{1,2,3,4,5,6}');
  await expect(page.locator('[data-log-node][data-config=true]').first()).toHaveAttribute('title', /configuration C\{1,2,3,4,5,6\}/);
  await expect(page.locator('[data-node]')).toHaveCount(6);
  await expect(add).toHaveAttribute('data-add-server', '7');
  expect(errors).toEqual([]);
});

test('Add server clicked again before the first change is answered asks for S7, and the leader takes one change at a time', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await pausedWithLeader(page);
  const add = page.getByRole('button', { name: 'Add server' });
  await add.click();
  await expect(add).toHaveAttribute('data-add-server', '7');
  await add.click();
  await expect(page.locator('[data-node="7"]')).toHaveCount(1);
  const narration = page.locator('.narration');
  await expect(narration).toContainText(/asked S\d to add S7\..*asked S\d to add S6\./s); // newest first
  // Whichever reaches the leader second (a redirect may reorder them) is refused.
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const refused = /The leader refused to add S[67]: another membership change is not finished yet/;
  for (let i = 0; i < 30 && !refused.test(await narration.textContent()); i++) await step.click();
  await expect(narration).toContainText(refused);
  expect(errors).toEqual([]);
});

test('Remove from cluster fades a follower out, and its menu shows the configuration', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const { follower: chosen } = await pausedWithLeader(page);
  await page.locator(`[data-node="${chosen}"]`).click();
  await expect(page.locator('[data-configuration]')).toHaveText('C{1,2,3,4,5}');
  await page.getByRole('button', { name: 'Remove from cluster' }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const removed = page.locator(`[data-node="${chosen}"]`);
  await expect(removed).toHaveAttribute('data-member', 'false', { timeout: 20_000 });
  await expect(removed).toHaveAttribute('aria-label', /not in the configuration/);
  expect(errors).toEqual([]);
});

test('the joint consensus preset ends with the three new servers alone in the configuration', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('membership-joint');
  await presetShown(page, 'membership-joint');
  await page.getByRole('slider', { name: 'Speed' }).fill('1');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // The log table keeps what the narration, flooded later by S2 and S3 campaigning, scrolls away.
  const joint = page.locator('[data-log-node="4"][data-config=true][title*="C{1,2,3}→{4,5,6}"]');
  await expect(joint).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator('[data-node][data-role=leader][data-member=true]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator('[data-node][data-member=false]')).toHaveCount(3, { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('a change the leader gives up and the one that succeeds are bars in the client history', async ({ page }) => {
  const errors = watchErrors(page);
  const preset = readFileSync(new URL('../../crates/raft-web/presets/membership-catch-up-fails.json', import.meta.url), 'utf8');
  // At 2.7 s, just after the leader gave the change up: its bar runs from the request at 1 s
  // to the refusal at 2.58 s, wider than any write's.
  await page.goto(`./${linkOf(preset, 2700)}`);
  const bars = page.locator('.client-history [data-op]');
  const givenUp = bars.filter({ hasText: '+S4' });
  await expect(givenUp).toHaveAttribute('aria-label', /^C1 add S4, 1\.000 s – 2\.5\d\d s: failed$/);
  await expect(givenUp).toHaveAttribute('data-outcome', 'failed');
  const width = async (bar) => Number(await bar.locator('rect').getAttribute('width'));
  expect(await width(givenUp)).toBeGreaterThan(5 * (await width(page.locator('.client-history [data-op][aria-label^="C2 w"]').last())));
  await givenUp.click();
  await expect(page.locator('[data-time-ms]')).toHaveAttribute('data-time-ms', /^25[78]\d$/);
  await expect(page.locator('.narration')).toContainText('The leader refused to add S4: S4 did not catch up');
  // Asked again once the partition healed, at 3.2 s, the change is done at 3.77 s.
  await page.goto(`./${linkOf(preset, 3900)}`);
  await expect(page.locator('.client-history [data-op]').filter({ hasText: '+S4' })).toHaveAttribute('aria-label', /^C1 add S4, 3\.200 s – 3\.7\d\d s: ok$/);
  expect(errors).toEqual([]);
});

test('with nine servers the embed keeps its log table inside the frame, above the control strip', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 640, height: 420 });
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Servers' }).selectOption('9');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => page.evaluate(() => location.hash.length)).toBeGreaterThan(5);
  const ms = await page.locator('[data-time-ms]').getAttribute('data-time-ms');
  const hash = (await page.evaluate(() => location.hash)).replace(/&t=\d+$/, '');
  await page.goto(`./?embed&log=1${hash}&t=${ms}`);
  await expect(page.locator('[data-log-row]')).toHaveCount(9);
  const logs = await page.locator('.logs').boundingBox();
  const strip = await page.locator('.embed-strip').boundingBox();
  expect(logs.y).toBeGreaterThanOrEqual(0);
  expect(logs.y + logs.height).toBeLessThanOrEqual(strip.y + 1);
  expect(errors).toEqual([]);
});
