// Log compaction and InstallSnapshot (issue 16): the preset, hatched compacted cells, the
// InstallSnapshot message, and Take snapshot in the node menu.
import { test, expect } from '@playwright/test';
import { pausedWithLeader, stepUntil, watchErrors, presetShown } from './helpers.mjs';

test('a follower far behind loads the leader\'s snapshot, drawn hatched in the log table', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('install-snapshot');
  await presetShown(page, 'install-snapshot');
  // The first InstallSnapshot leaves S4 at 1.651 s, once it has compacted its log (raftsim run
  // --trace). The page's own link to the preset's run, moved to that moment, opens it there.
  await expect(page).toHaveURL(/#s=1\.[^&]+&t=0$/);
  await page.goto(page.url().replace(/&t=0$/, '&t=1651'));
  await expect(page.locator('main[data-time-ms]')).toHaveAttribute('data-time-ms', '1651');
  await page.locator('[data-kind="InstallSnapshot"]').first().click();
  await expect(page.locator('.message-panel')).toContainText('lastIncludedIndex');
  await expect(page.locator('.message-panel__purpose')).toContainText('has discarded the entries S');
  await page.keyboard.press('Escape');
  await page.getByRole('slider', { name: 'Speed' }).fill('1'); // 10×
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const compacted = page.locator('[data-log-node="2"][data-compacted="true"]');
  await expect(compacted).toHaveCount(5, { timeout: 20_000 });
  await expect(compacted.first()).toHaveAttribute('title', 'S2 #1: in the snapshot');
  await expect(page.locator('.narration')).toContainText("S2 replaced its log with S4's snapshot through index 5.");
  expect(errors).toEqual([]);
});

test('Take snapshot compacts a server\'s log and its menu says through which index', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const { leader } = await pausedWithLeader(page);
  // Paused as soon as there is a leader, it may have applied nothing yet to snapshot: on, to
  // its first entry committed.
  await stepUntil(page, page.locator(`[data-log-node="${leader}"][data-committed="true"]`));
  await page.locator(`[data-node="${leader}"]`).click();
  const menu = page.locator(`[data-node-menu="${leader}"]`);
  await expect(menu.locator('[data-snapshot]')).toHaveText('none');
  await menu.getByRole('button', { name: 'Take snapshot' }).click();
  await page.locator(`[data-node="${leader}"]`).click();
  await expect(menu.locator('[data-snapshot]')).toHaveText(/^through index \d+ \(term \d+\)$/);
  await expect(menu.getByRole('button', { name: 'Take snapshot' })).toHaveCount(0);
  await expect(page.locator(`[data-log-node="${leader}"][data-compacted="true"]`).first()).toBeVisible();
  expect(errors).toEqual([]);
});
