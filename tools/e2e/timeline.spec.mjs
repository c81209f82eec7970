// Time: the timeline, stepping, jumping to leader changes, forking, speed.
import { test, expect } from '@playwright/test';
import { frames, playUntilLeader, simulatedTime, watchErrors } from './helpers.mjs';

test('the timeline goes back in time, steps, and jumps to leader changes', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const end = await simulatedTime(page);
  const timeline = page.getByRole('slider', { name: 'Time' });
  await timeline.fill('0');
  await expect(page.locator('[data-time-ms]')).toHaveAttribute('data-time-ms', '0');
  await expect(page.locator('[data-node][data-role=follower][data-term="0"]')).toHaveCount(5);
  await page.getByRole('button', { name: 'Leader: next change' }).click();
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1);
  const electedAt = await simulatedTime(page);
  expect(electedAt).toBeGreaterThan(0);
  expect(electedAt).toBeLessThanOrEqual(end);
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => simulatedTime(page)).toBeGreaterThan(electedAt);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => simulatedTime(page)).toBe(electedAt);
  await timeline.fill(String(end));
  await expect(page.locator('[data-time-ms]')).toHaveAttribute('data-time-ms', String(end));
  expect(errors).toEqual([]);
});

test('acting in the past forks the timeline', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const end = await simulatedTime(page);
  const timeline = page.getByRole('slider', { name: 'Time' });
  await timeline.fill('100');
  await expect(timeline).toHaveAttribute('max', String(end));
  await page.locator('[data-node="4"]').click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(page.locator('[data-node="4"]')).toHaveAttribute('data-up', 'false');
  await expect(timeline).toHaveAttribute('max', '100');
  expect(errors).toEqual([]);
});

test('speed runs on a logarithmic scale from 0.01x to 100x', async ({ page }) => {
  await page.goto('./');
  const speed = page.getByRole('slider', { name: 'Speed' });
  await expect(speed).toHaveAttribute('aria-valuetext', '0.1×');
  await speed.fill('2');
  await expect(speed).toHaveAttribute('aria-valuetext', '100×');
  await speed.fill('-2');
  await expect(speed).toHaveAttribute('aria-valuetext', '0.01×');
});
