// Loading, playing and pausing: what a person does first.
import { test, expect } from '@playwright/test';
import { frames, playUntilLeader, simulatedTime, stepUntil, watchErrors } from './helpers.mjs';

test('loads with five follower nodes and no console error', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const nodes = page.locator('[data-node]');
  await expect(nodes).toHaveCount(5);
  for (let id = 1; id <= 5; id += 1) {
    const node = page.locator(`[data-node="${id}"]`);
    await expect(node).toHaveAttribute('data-role', 'follower');
    await expect(node).toHaveAttribute('data-up', 'true');
    await expect(node).toHaveAttribute('data-term', '0');
    await expect(node).toHaveAttribute('aria-label', `S${id}, follower, term 0`);
  }
  await expect(page.locator('[data-time-ms]')).toHaveAttribute('data-time-ms', '0');
  await frames(page, 10);
  expect(await simulatedTime(page), 'the page opens paused').toBe(0);
  expect(errors).toEqual([]);
});

test('after Play a leader is elected and sends heartbeats', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  const leader = page.locator('[data-node][data-role=leader]');
  const term = await leader.getAttribute('data-term');
  expect(Number(term)).toBeGreaterThan(0);
  await expect(page.locator('[data-node][data-role=follower]')).toHaveCount(4);
  const leaderId = await leader.getAttribute('data-node');
  // Paused, then stepped: a heartbeat is in flight only part of each interval.
  await page.getByRole('button', { name: 'Pause' }).click();
  await stepUntil(page, page.locator(`[data-message][data-kind=AppendEntries][data-from="${leaderId}"]`));
  expect(errors).toEqual([]);
});

test('Pause stops the clock and Space starts it again', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => simulatedTime(page)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await simulatedTime(page);
  await frames(page, 20);
  expect(await simulatedTime(page)).toBe(paused);

  await page.locator('h1').click();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => simulatedTime(page)).toBeGreaterThan(paused);
  expect(errors).toEqual([]);
});

test('the five safety properties of Figure 3, one membership change at a time and linearizability are shown holding', async ({ page }) => {
  await page.goto('./');
  const names = ['election_safety', 'leader_append_only', 'log_matching', 'leader_completeness', 'state_machine_safety',
    'one_change_at_a_time', 'linearizable'];
  for (const name of names) {
    await expect(page.locator(`[data-invariant=${name}]`)).toHaveAttribute('data-ok', 'true');
  }
  await expect(page.locator('[data-invariant]')).toHaveCount(names.length);
  // Each badge's tooltip says what its property means, with its section.
  await expect(page.locator('[data-invariant=election_safety]'))
    .toHaveAttribute('title', 'election safety: holds\nAt most one leader can be elected in a given term (§5.2).');
  await expect(page.locator('[data-invariant=linearizable]')).toHaveAttribute('title', /between its request and its answer \(thesis §6\.3\)/);
  // The legend says what a newcomer sees first: the number in a server, a crashed server, the log's markers.
  await expect(page.locator('.legend')).toContainText('The number in a server is its term');
  await expect(page.locator('.legend')).toContainText('Grey, dashed: crashed');
  await expect(page.locator('.legend')).toContainText("the leader's match (matchIndex) and next (nextIndex)");
  await playUntilLeader(page);
  await expect(page.locator('[data-invariant][data-ok=false]')).toHaveCount(0);
});

test('a candidate\'s tally is drawn over the messages in flight, with a halo, so an arriving vote does not hide it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  const tally = page.locator('[data-votes-node]').first();
  await stepUntil(page, tally);
  await expect(tally).toHaveText(/^votes: \d, needs 3$/); // a majority of five
  expect(await tally.evaluate((text) => text.compareDocumentPosition(document.querySelector('.cluster__messages')) & Node.DOCUMENT_POSITION_PRECEDING)).toBeTruthy();
  expect(await tally.evaluate((text) => getComputedStyle(text).paintOrder)).toMatch(/^stroke/);
  expect(errors).toEqual([]);
});
