// The node menu: time out, crash, restart and write, by mouse and by keyboard.
import { test, expect } from '@playwright/test';
import { frames, playUntilLeader, simulatedTime, watchErrors } from './helpers.mjs';

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
  await expect(page.getByRole('dialog', { name: 'Actions for S2' })).toBeVisible();
  // The link toggles say what they do on screen, where a phone shows no tooltip.
  await expect(page.getByRole('group', { name: 'Links from S2' })).toContainText('Cut links:');
  await page.keyboard.press('Escape');
  await expect(timeOut).toHaveCount(0);
  await page.locator('[data-node="3"]').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-node="3"]')).toHaveAttribute('data-role', 'candidate');
  expect(errors).toEqual([]);
});

test('crash and restart from the node menu', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-node="2"]').click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  const node = page.locator('[data-node="2"]');
  await expect(node).toHaveAttribute('data-up', 'false');
  await expect(node).toHaveAttribute('aria-label', 'S2, crashed, term 0');
  await node.click();
  await expect(page.getByRole('button', { name: 'Crash', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  await expect(node).toHaveAttribute('data-up', 'true');
  await expect(node).toHaveAttribute('data-role', 'follower');
  expect(errors).toEqual([]);
});

test('a crashed leader is no leader to the page\'s hooks: its role says down, as raftsim run says', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const leader = page.locator('[data-node][data-role=leader]');
  const id = await leader.getAttribute('data-node');
  await leader.click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(page.locator(`[data-node="${id}"]`)).toHaveAttribute('data-role', 'down');
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(0);
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
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Index 1 is the new leader's no-op; the write lands at index 2 on every server.
  await expect(page.locator('[data-log-node][data-index="2"][data-committed=true]')).toHaveCount(5, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const cell = page.locator('[data-log-node="1"][data-index="2"]');
  await expect(cell).toContainText('y=7');
  const leaderId = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
  await page.locator(`[data-node="${leaderId}"]`).click();
  await expect(page.getByRole('dialog', { name: `Actions for S${leaderId}` })).toContainText('y=7');
  expect(errors).toEqual([]);
});

test('a malformed write is refused with a message and the page keeps working', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-node="1"]').click();
  const command = page.getByRole('textbox', { name: 'Command' });
  await command.fill('<img src=x onerror=alert(1)>');
  await command.press('Enter');
  await expect(page.getByRole('alert')).toContainText("a key has only letters, digits and '_'");
  await expect(page.locator('img')).toHaveCount(0);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('the leader shows nextIndex and matchIndex per follower, in its menu and in the log table', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const leaderId = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
  await page.locator(`[data-node="${leaderId}"]`).click();
  const progress = page.getByRole('table', { name: 'Follower progress' });
  await expect(progress.locator('tbody tr')).toHaveCount(4);
  await page.keyboard.press('Escape');
  // Every follower row marks the leader's nextIndex; the no-op at index 1 is matched once acknowledged.
  await expect(page.locator('[data-next=true]')).toHaveCount(4);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[data-log-node][data-index="1"][data-match=true]')).toHaveCount(4, { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('an open menu follows its server when a section opened above the drawing moves it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await page.locator('[data-node="1"]').click();
  const menu = page.getByRole('dialog', { name: 'Actions for S1' });
  await expect(menu).toBeVisible();
  const gap = async () => {
    const node = await page.locator('[data-node="1"] circle').first().boundingBox();
    const box = await menu.boundingBox();
    const dx = Math.max(0, box.x - (node.x + node.width), node.x - (box.x + box.width));
    const dy = Math.max(0, box.y - (node.y + node.height), node.y - (box.y + box.height));
    return Math.round(Math.hypot(dx, dy));
  };
  const before = await gap();
  const nodeBefore = (await page.locator('[data-node="1"] circle').first().boundingBox()).y;
  await page.getByText('Share, embed, export').click();
  // The section pushed the drawing down; the menu came along.
  await expect.poll(async () => (await page.locator('[data-node="1"] circle').first().boundingBox()).y).toBeGreaterThan(nodeBefore + 50);
  await expect.poll(gap).toBeLessThanOrEqual(before + 24); // beside it still (it was left some 250 px away)
  expect(errors).toEqual([]);
});
