// What a person does on the page, in a real browser: load, play, watch an election, force one.
import { test, expect } from '@playwright/test';

/** Collects console errors and uncaught exceptions; each test ends by expecting none. */
function watchErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Resolves after `count` animation frames of the page: time for the loop to run, not a sleep. */
async function frames(page, count) {
  await page.evaluate(
    (n) => new Promise((resolve) => {
      const tick = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => tick(left - 1)));
      tick(n);
    }),
    count,
  );
}

async function simulatedTime(page) {
  return Number(await page.locator('[data-time-ms]').getAttribute('data-time-ms'));
}

async function playUntilLeader(page) {
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
}

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
    await expect(node).toHaveAttribute('aria-label', `Node ${id}, follower, term 0`);
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
  await expect(page.locator(`[data-message][data-kind=AppendEntries][data-from="${leaderId}"]`).first()).toBeAttached();
  expect(errors).toEqual([]);
});

test('clicking a follower and "Time out" makes it a candidate in a higher term', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const leaderTerm = Number(await page.locator('[data-role=leader]').getAttribute('data-term'));
  const follower = page.locator('[data-node][data-role=follower]').first();
  const id = await follower.getAttribute('data-node');
  await follower.click();
  await page.getByRole('button', { name: 'Time out' }).click();
  const node = page.locator(`[data-node="${id}"]`);
  await expect(node).toHaveAttribute('data-role', 'candidate');
  await expect(node).toHaveAttribute('data-term', String(leaderTerm + 1));
  await expect(page.getByRole('button', { name: 'Time out' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a node menu opens with Enter and closes with Escape, keyboard only', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-node="2"]').focus();
  await page.keyboard.press('Enter');
  const timeOut = page.getByRole('button', { name: 'Time out' });
  await expect(timeOut).toBeFocused();
  await expect(page.getByRole('group', { name: 'Actions for node 2' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(timeOut).toHaveCount(0);
  await page.locator('[data-node="3"]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-node="3"]')).toHaveAttribute('data-role', 'candidate');
  expect(errors).toEqual([]);
});

test('Pause stops the clock and Space starts it again', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Play' }).click();
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

test('crash and restart from the node menu', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-node="2"]').click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  const node = page.locator('[data-node="2"]');
  await expect(node).toHaveAttribute('data-up', 'false');
  await expect(node).toHaveAttribute('aria-label', 'Node 2, crashed, term 0');
  await node.click();
  await expect(page.getByRole('button', { name: 'Crash', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  await expect(node).toHaveAttribute('data-up', 'true');
  expect(errors).toEqual([]);
});

test('a write sent to a follower is redirected, committed, and shown in every log', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const follower = page.locator('[data-node][data-role=follower]').first();
  await follower.click();
  const command = page.getByRole('textbox', { name: 'Command' });
  await expect(command).toHaveValue('x=1');
  await command.fill('y=7');
  await command.press('Enter');
  await page.getByRole('button', { name: 'Play' }).click();
  // Index 1 is the new leader's no-op; the write lands at index 2 on every server.
  await expect(page.locator('[data-log-node][data-index="2"][data-committed=true]')).toHaveCount(5, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const cell = page.locator('[data-log-node="1"][data-index="2"]');
  await expect(cell).toContainText('y=7');
  const leaderId = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
  await page.locator(`[data-node="${leaderId}"]`).click();
  await expect(page.getByRole('group', { name: `Actions for node ${leaderId}` })).toContainText('y=7');
  expect(errors).toEqual([]);
});

test('a malformed write is refused with a message and the page keeps working', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-node="1"]').click();
  const command = page.getByRole('textbox', { name: 'Command' });
  await command.fill('<img src=x onerror=alert(1)>');
  await command.press('Enter');
  await expect(page.getByRole('alert')).toContainText('bad command');
  await expect(page.locator('img')).toHaveCount(0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
  expect(errors).toEqual([]);
});
