// Membership changes (thesis chapter 4): Add server, Remove from cluster, configurations in the
// log table and the node menu, and the presets.
import { test, expect } from '@playwright/test';
import { pausedWithLeader, playUntilLeader, watchErrors, presetShown } from './helpers.mjs';

test('Add server starts S6 as a learner that catches up and becomes a voter', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  const add = page.getByRole('button', { name: 'Add server' });
  await expect(add).toHaveAttribute('data-add-server', '6');
  await add.click();
  const s6 = page.locator('[data-node="6"]');
  await expect(s6).toHaveCount(1);
  await expect(s6).toHaveAttribute('data-member', 'true', { timeout: 20_000 });
  await expect(page.locator('.narration')).toContainText('S6 caught up with leader');
  await expect(page.locator('.narration')).toContainText('committed C{1,2,3,4,5,6}');
  await expect(page.locator('[data-log-node][data-config=true]').first()).toHaveAttribute('title', /configuration C\{1,2,3,4,5,6\}/);
  await expect(page.locator('[data-node]')).toHaveCount(6);
  await expect(add).toHaveAttribute('data-add-server', '7');
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
  await page.getByRole('slider', { name: 'Speed' }).fill('2');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('.narration')).toContainText('appended the configuration C{1,2,3}→{4,5,6}', { timeout: 20_000 });
  await expect(page.locator('[data-node][data-role=leader][data-member=true]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator('[data-node][data-member=false]')).toHaveCount(3, { timeout: 20_000 });
  expect(errors).toEqual([]);
});
