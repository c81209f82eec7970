// Helpers shared by the browser tests.
import { expect } from '@playwright/test';
import { deflateSync } from 'node:zlib';

/** The share link's fragment of the scenario file `json` at moment `t` (ms). */
export const linkOf = (json, t) => `#s=1.${deflateSync(Buffer.from(json)).toString('base64url')}&t=${t}`;

/** Collects console errors and uncaught exceptions; each test ends by expecting none. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Resolves after `count` animation frames of the page: time for the loop to run, not a sleep. */
export async function frames(page, count) {
  await page.evaluate(
    (n) => new Promise((resolve) => {
      const tick = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => tick(left - 1)));
      tick(n);
    }),
    count,
  );
}

export async function simulatedTime(page) {
  return Number(await page.locator('[data-time-ms]').getAttribute('data-time-ms'));
}

/** Opens server `node`'s menu and presses Time out: it campaigns, and its RequestVotes are in
 *  flight while the run stays paused, whatever the machine's speed. */
export async function timeOut(page, node) {
  await page.locator(`[data-node="${node}"]`).click();
  await page.getByRole('button', { name: 'Time out' }).click();
}

export async function playUntilLeader(page) {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
}

/** Waits until the preset `id`, chosen in the picker, has been fetched and loaded (the page
 *  fetches a preset's files when it is chosen). */
export async function presetShown(page, id) {
  await expect(page.locator(`main[data-preset="${id}"]`)).toHaveCount(1);
}

/** Plays until a leader is elected, pauses, and names the leader and a follower of it (S2, or
 *  S3 when S2 leads). */
export async function pausedWithLeader(page) {
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const leader = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
  return { leader, follower: leader === '2' ? '3' : '2' };
}

/** Steps the paused run (→), one event at a time, until `locator` finds an element; fails
 *  after `limit` events. Each step is waited for (the clock moves) before looking again. */
export async function stepUntil(page, locator, limit = 200) {
  for (let i = 0; i < limit; i += 1) {
    if ((await locator.count()) > 0) return;
    const before = await simulatedTime(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => simulatedTime(page)).toBeGreaterThan(before);
  }
  throw new Error(`no ${locator} within ${limit} events`);
}

/** Opens the Figure 8 preset and replays it with §5.4.2 off (Settings → "Commit old-term
 *  entries…" → Replay with this change), paused at its start. */
export async function figure8WithoutCurrentTermRule(page) {
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-8');
  await presetShown(page, 'figure-8');
  await page.getByText('Settings', { exact: true }).click();
  await page.getByLabel(/^Commit old-term entries/).check();
  await page.getByRole('button', { name: 'Replay with this change' }).click();
}
