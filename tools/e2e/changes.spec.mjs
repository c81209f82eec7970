// Stepping marks what the step changed: a dotted ring around the servers whose role, term or
// vote moved, a dotted outline on the log entries appended or committed.
import { test, expect } from '@playwright/test';
import { stepUntil, timeOut, watchErrors } from './helpers.mjs';

test.use({ viewport: { width: 1280, height: 800 } });

test('a step marks the servers and entries it changed, and Play forgets the marks', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await timeOut(page, '2');
  await expect(page.locator('[data-node][data-changed="true"]')).toHaveCount(1);
  await expect(page.locator('[data-node="2"]')).toHaveAttribute('data-changed', 'true');
  await expect(page.locator('[data-node="2"] .node__changed')).toHaveCount(1);
  // Step until a voter's term moves: then it alone is marked.
  await stepUntil(page, page.locator('[data-node]:not([data-node="2"])[data-changed="true"]'), 20);
  await expect(page.locator('[data-node][data-changed="true"]')).toHaveCount(1);
  await expect(page.locator('[data-node="2"]')).not.toHaveAttribute('data-changed', 'true');
  // The legend says what the dotted marks are.
  await expect(page.locator('.legend')).toContainText('Dotted: what the last step changed');
  // Playing forgets them.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[data-changed="true"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(errors).toEqual([]);
});

test('a committing step marks the entries it committed in the log table', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('slider', { name: 'Speed' }).fill('1');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const leader = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
  await page.locator('[data-client]').click();
  await page.locator('[data-client-menu]').getByRole('combobox', { name: 'Send to' }).selectOption(leader);
  await page.locator('[data-client-menu]').getByRole('textbox', { name: 'Command' }).fill('k=7');
  await page.locator('[data-client-menu]').getByRole('button', { name: 'Send' }).click();
  const committed = page.locator(`td[data-log-node="${leader}"][data-committed="true"][data-changed="true"]`);
  await stepUntil(page, committed, 40);
  await expect(committed.last()).toContainText('k=7');
  expect(errors).toEqual([]);
});
