// Reads and the clients' history (issue 16): the Client history panel, the Linearizable badge,
// reads from the client form, and the read presets.
import { test, expect } from '@playwright/test';
import { pausedWithLeader, simulatedTime, watchErrors, presetShown } from './helpers.mjs';

test('the stale-read preset turns Linearizable red and the history panel shows why', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const badge = page.locator('[data-invariant="linearizable"]');
  await expect(badge).toHaveAttribute('data-ok', 'true');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('break-stale-reads');
  await presetShown(page, 'break-stale-reads');
  await page.getByRole('slider', { name: 'Speed' }).fill('1'); // 10×
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(badge).toHaveAttribute('data-ok', 'false', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(badge).toContainText('returned a value older than write #2');
  const bars = page.locator('.client-history [data-op]');
  await expect(bars).toHaveCount(3);
  await expect(page.locator('.client-history [data-offending="true"]')).toHaveCount(3);
  const stale = page.locator('.client-history [data-op="3"]');
  await expect(stale).toHaveAttribute('aria-label', /^C2 r x → 1, \d+\.\d{3} s – \d+\.\d{3} s: ok$/);
  await expect(page.locator('.client-history [data-lane]')).toHaveCount(2);
  // A bar is a way back to its moment: the stale answer arrived at 2.529 s.
  await stale.click();
  await expect.poll(() => simulatedTime(page)).toBe(2529);
  // Jump to the violation goes to the last answer of the operations that cannot be ordered.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => simulatedTime(page)).toBeGreaterThan(2529);
  await badge.getByRole('button').click();
  await expect.poll(() => simulatedTime(page)).toBe(2529);
  expect(errors).toEqual([]);
});

test('a read from the client form is answered with the latest write, marked with its point', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const { leader } = await pausedWithLeader(page);
  // The client box says it sends reads as well as writes.
  await expect(page.locator('[data-client]')).toHaveAttribute('aria-label', 'The client: click to send a write or a read');
  await page.locator('[data-client]').click();
  const form = page.locator('[data-client-menu]');
  await form.getByRole('combobox', { name: 'Send to' }).selectOption(leader);
  await form.getByRole('textbox', { name: 'Command' }).fill('x=7');
  await form.getByRole('button', { name: 'Send' }).click();
  // The read begins once the write has ended, so it must see it.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('.narration')).toContainText('The write x=7 was committed and acknowledged.', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('[data-client]').click();
  await form.getByRole('combobox', { name: 'Send to' }).selectOption(leader);
  await form.getByRole('combobox', { name: 'Client', exact: true }).selectOption('3');
  await form.getByRole('textbox', { name: 'Key to read' }).fill('x');
  await form.getByRole('button', { name: 'Read' }).click();
  await expect(form).toHaveCount(0);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const read = page.locator('.client-history [data-op="2"]');
  await expect(read).toHaveAttribute('data-outcome', 'ok', { timeout: 20_000 });
  await expect(read).toHaveAttribute('aria-label', /^C3 r x → 7, [^:]+: ok$/);
  await expect(page.locator('.client-history [data-lane]')).toHaveCount(3);
  await expect(page.locator('.client-history .client-history__point')).toHaveCount(2);
  await expect(page.locator('[data-invariant="linearizable"]')).toHaveAttribute('data-ok', 'true');
  await expect(page.locator('.narration')).toContainText('C3 read x = 7.');
  expect(errors).toEqual([]);
});

test('Settings chooses the read mode, and a lease without CheckQuorum is refused by name', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('.settings summary').click();
  const mode = page.getByRole('combobox', { name: 'Reads (thesis §6.4)' });
  await expect(mode.locator('option')).toHaveCount(3);
  await mode.selectOption('lease');
  await page.getByRole('button', { name: 'Apply: start a fresh cluster' }).click();
  await expect(page.locator('.settings__error')).toContainText('lease reads need CheckQuorum on');
  await page.getByRole('checkbox', { name: /^CheckQuorum/ }).check();
  await page.getByRole('button', { name: 'Apply: start a fresh cluster' }).click();
  await expect(page.locator('.settings__error')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('s=1.');
  expect(errors).toEqual([]);
});

test('a lease that ignores clock drift serves a stale read, and one that allows for it does not', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('break-lease-clock-drift');
  await presetShown(page, 'break-lease-clock-drift');
  const badge = page.locator('[data-invariant="linearizable"]');
  const rulesOff = page.locator('[data-rules-off]');
  await expect(rulesOff).toHaveCount(0); // the clocks are exact until 0.7 s
  await page.getByRole('slider', { name: 'Speed' }).fill('1'); // 10×
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(badge).toHaveAttribute('data-ok', 'false', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(rulesOff).toHaveAttribute('data-rules-off', 'clocks_beyond_lease_bound');
  await expect(rulesOff).toContainText('Clocks drift apart more than a lease allows for');
  // S4's slow clock is drawn and said; the narration told when it slowed.
  const slow = page.locator('[data-node="4"] .node__clock');
  await expect(slow).toHaveText('0.5×');
  await expect(slow).toHaveAttribute('data-clock', '50');
  await expect(page.locator('[data-node="4"]')).toHaveAttribute('aria-label', /clock at 50\u00a0% of real time/);
  await expect(page.locator('[data-node="1"] .node__clock')).toHaveCount(0);
  await expect(page.locator('.narration')).toContainText(/S4's clock now runs at 50\s% of real time/);
  // The lease's words say the drift undoes what the lease promises.
  await expect(page.locator('.narration')).toContainText('so another leader may already have been elected');
  await expect(page.locator('.client-history [data-op="3"]')).toHaveAttribute('aria-label', /^C2 r x → 1, \d+\.\d{3} s – \d+\.\d{3} s: ok$/);
  // Allowing for the drift, the same run stays linearizable.
  await page.getByText('Settings', { exact: true }).click();
  await page.getByLabel(/^Clock drift a lease allows for/).fill('100');
  await page.getByRole('button', { name: 'Replay with this change' }).click();
  await expect(page.locator('[data-preset-replayed="true"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => simulatedTime(page), { timeout: 20_000 }).toBeGreaterThan(2_100);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(badge).toHaveAttribute('data-ok', 'true');
  await expect(rulesOff).toHaveCount(0);
  await expect(page.locator('.client-history [data-op="3"]')).not.toHaveAttribute('aria-label', /: ok$/);
  expect(errors).toEqual([]);
});

test("a server's clock set from its menu is drawn, named and told, and set back", async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const { follower } = await pausedWithLeader(page);
  const node = page.locator(`[data-node="${follower}"]`);
  await node.click();
  const menu = page.locator(`[data-node-menu="${follower}"]`);
  const clock = menu.getByRole('group', { name: 'Clock:' });
  await expect(clock.locator('[data-clock-speed="100"]')).toHaveAttribute('aria-pressed', 'true');
  await clock.getByRole('button', { name: new RegExp(`^Run S${follower}'s clock at 50\\s% of real time`) }).click();
  await expect(node.locator('.node__clock')).toHaveText('0.5×');
  await expect(node).toHaveAttribute('aria-label', /clock at 50\u00a0% of real time$/);
  await expect(page.locator('.narration')).toContainText(new RegExp(`S${follower}'s clock now runs at 50\\s% of real time`));
  // Not with lease reads: nothing is said to be broken.
  await expect(page.locator('[data-rules-off]')).toHaveCount(0);
  if (!(await menu.isVisible())) await node.click();
  await expect(clock.locator('[data-clock-speed="50"]')).toHaveAttribute('aria-pressed', 'true');
  await clock.locator('[data-clock-speed="100"]').click();
  await expect(node.locator('.node__clock')).toHaveCount(0);
  await expect(page.locator('.narration')).toContainText(`S${follower}'s clock keeps real time again.`);
  expect(errors).toEqual([]);
});
