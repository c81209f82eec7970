// Production Raft's elections: a leadership transfer from the node menu, PreVote's
// pre-candidates and their messages, CheckQuorum from Settings.
import { test, expect } from '@playwright/test';
import { figure8WithoutCurrentTermRule, pausedWithLeader, presetShown, stepUntil, watchErrors } from './helpers.mjs';

test('Transfer leadership here hands leadership to the chosen follower', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const { leader, follower: chosen } = await pausedWithLeader(page);
  await page.locator(`[data-node="${leader}"]`).click();
  await expect(page.getByRole('button', { name: 'Transfer leadership here' })).toHaveCount(0); // not on the leader
  await page.keyboard.press('Escape');
  await page.locator(`[data-node="${chosen}"]`).click();
  await page.getByRole('button', { name: 'Transfer leadership here' }).click();
  await expect(page.locator('.narration')).toContainText(`Leader S${leader} hands leadership over to S${chosen}`);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator(`[data-node="${chosen}"]`)).toHaveAttribute('data-role', 'leader', { timeout: 20_000 });
  await expect(page.locator('.narration')).toContainText(`S${chosen} got TimeoutNow from its leader and campaigns`);
  expect(errors).toEqual([]);
});

test('with PreVote a timed-out server is a pre-candidate that sends RequestPreVote, keeping its term', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByText('Settings', { exact: true }).click();
  await page.getByLabel(/^PreVote/).check();
  await page.getByLabel(/^CheckQuorum/).check();
  await page.getByRole('button', { name: 'Apply: start a fresh cluster' }).click();
  const node = page.locator('[data-node="2"]');
  await node.click();
  await page.getByRole('button', { name: 'Time out' }).click();
  await expect(node).toHaveAttribute('data-role', 'pre_candidate');
  await expect(node).toHaveAttribute('data-term', '0');
  await expect(page.locator('[data-message][data-kind=RequestPreVote]')).toHaveCount(4);
  await expect(page.locator('.narration')).toContainText('with PreVote it first asks whether it could win term 1');
  // Its own pre-vote counts; a majority of five starts the real election.
  await expect(page.locator('[data-votes-node="2"]')).toHaveText('pre-votes: 1, needs 3');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
  expect(errors).toEqual([]);
});

/** With the Settings switch `label` on, a leader elected and the run paused: a follower is
 *  told to time out, and the run is stepped until the narration says what `told` matches for
 *  that leader and follower. */
async function timeOutFollowerUntilTold(page, label, told) {
  await page.goto('./');
  await page.getByText('Settings', { exact: true }).click();
  await page.getByLabel(label).check();
  await page.getByRole('button', { name: 'Apply: start a fresh cluster' }).click();
  const { leader, follower } = await pausedWithLeader(page);
  await page.locator(`[data-node="${follower}"]`).click();
  await page.getByRole('button', { name: 'Time out' }).click();
  await stepUntil(page, page.locator('.narration', { hasText: told(leader, follower) }));
  return leader;
}

test('with PreVote the servers that hear their leader refuse a pre-vote and the narration says why', async ({ page }) => {
  const errors = watchErrors(page);
  const leader = await timeOutFollowerUntilTold(page, /^PreVote/, (leader, follower) =>
    new RegExp(`refused S${follower} a pre-vote for term \\d+: (it heard from leader S${leader}|it is the leader itself)`));
  await expect(page.locator(`[data-node="${leader}"]`)).toHaveAttribute('data-role', 'leader');
  expect(errors).toEqual([]);
});

test('with CheckQuorum the servers that hear their leader ignore a RequestVote and the narration says why', async ({ page }) => {
  const errors = watchErrors(page);
  await timeOutFollowerUntilTold(page, /^CheckQuorum/, (leader, follower) =>
    new RegExp(`ignored S${follower}'s RequestVote for term \\d+: (it heard from leader S${leader}|it leads)`));
  expect(errors).toEqual([]);
});

test('a broken rule, replayed with this change, turns a property red and Jump to the violation goes there', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await figure8WithoutCurrentTermRule(page);
  // Values taken close the form, which stood over the drawing; the focus stays on its summary.
  await expect(page.locator('details.settings')).toHaveJSProperty('open', false);
  await expect(page.locator('.settings summary')).toBeFocused();
  // The preset's words stay, with a line saying they tell the preset's own run.
  await expect(page.locator('.scenario-info__title')).toContainText('Figure 8');
  await expect(page.locator('[data-preset-replayed]')).toContainText('replayed this preset with other settings');
  await page.getByRole('slider', { name: 'Speed' }).fill('2');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const broken = page.locator('[data-invariant=state_machine_safety]');
  await expect(broken).toHaveAttribute('data-ok', 'false', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  // From below the drawing, the jump brings the drawing back into view, with the clock and Play
  // above it where both fit in the window, else the drawing at the top.
  const jumpFromBelow = async (height) => {
    await page.setViewportSize({ width: 1280, height });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await page.locator('.playground__stage').evaluate((e) => e.getBoundingClientRect().top)).toBeLessThan(0);
    await broken.getByRole('button', { name: 'Jump to the violation' }).click();
  };
  await jumpFromBelow(500);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeInViewport({ ratio: 1 });
  await expect(page.locator('.playground__stage')).toBeInViewport({ ratio: 1 });
  const at = Number(await page.locator('[data-time-ms]').getAttribute('data-time-ms'));
  expect(at).toBeGreaterThan(300);
  await expect(broken).toHaveAttribute('data-ok', 'false'); // at the very moment it broke
  await jumpFromBelow(300);
  await expect.poll(() => page.locator('.playground__stage').evaluate((e) => e.getBoundingClientRect().top)).toBeCloseTo(0, 0);
  expect(errors).toEqual([]);
});

test('at 1280×800 a broken rule\'s red badge is in view beside the five-server drawing, without scrolling', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('break-commit-old-terms');
  await presetShown(page, 'break-commit-old-terms');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await page.getByRole('slider', { name: 'Speed' }).fill('2');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const red = page.locator('[data-invariant][data-ok=false]').first();
  await expect(red).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  // Its mark and name, first in the bar, are in view (what broke may run on below).
  const mark = await red.locator('span[aria-hidden]').boundingBox();
  expect(mark.y + mark.height).toBeLessThanOrEqual(800);
  await expect(page.locator('[data-invariant]').first()).toHaveAttribute('data-ok', 'false');
  expect(errors).toEqual([]);
});

/** The flag `flag` is whole in the window, one line high, in the drawing's corner, clear of every server's circles. */
async function clearOfEveryServer(page, flag, { button = true, labels = false } = {}) {
  await page.locator('.playground__stage').evaluate((stage) => stage.scrollIntoView());
  await expect(flag).toBeInViewport({ ratio: 1 });
  const corner = await flag.boundingBox();
  // One line, and a finger's target (24 px) on a touch screen if it is a button.
  if (button) expect(corner.height).toBeGreaterThanOrEqual(24);
  expect(corner.height).toBeLessThan(30);
  // With `labels`, clear of their names and states too (S4 and its "x=1" under a phone's flag).
  for (const server of await page.locator(labels ? '[data-node] circle, [data-node] text' : '[data-node] circle').all()) {
    const box = await server.boundingBox();
    const apart = box.x >= corner.x + corner.width || box.x + box.width <= corner.x || box.y >= corner.y + corner.height || box.y + box.height <= corner.y;
    expect(apart, `a server's circle at ${JSON.stringify(box)} under the flag at ${JSON.stringify(corner)}`).toBe(true);
  }
}

test('a broken property raises a red flag in the drawing\'s corner: on a phone it brings the red badge into view, and an embed shows it too', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('break-stale-reads');
  await presetShown(page, 'break-stale-reads');
  const flag = page.locator('.playground__stage [data-broken-flag]');
  await expect(flag).toHaveCount(0);
  await page.getByRole('slider', { name: 'Speed' }).fill('2');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(flag).toHaveText('✗ property broken', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(flag).toHaveAttribute('title', /^linearizable reads and writes: broken at 2\.\d+ s: /);
  await clearOfEveryServer(page, flag);
  // The rule the preset switches off is said in the drawing's other corner, and in full
  // beside the badges: whoever opens a link sees why a property breaks.
  const rulesOff = page.locator('.playground__stage [data-rules-off-flag]');
  await expect(rulesOff.locator('.rules-off-flag__words')).toHaveText('1 rule off on purpose');
  // On a phone the flag draws its count alone, clear of every server's name and state.
  await expect(rulesOff.locator('.rules-off-flag__words')).toHaveCSS('clip-path', 'inset(50%)');
  await expect(rulesOff).toHaveAttribute('title', /^Rules switched off on purpose in this run: Any server answers reads from its own state/);
  await expect(page.locator('[data-rules-off]')).toHaveAttribute('data-rules-off', 'stale_reads');
  await clearOfEveryServer(page, rulesOff, { labels: true });
  // A touch shows no title: tapping the count brings the line that says it in full into view.
  const rulesLine = page.locator('[data-rules-off]');
  await expect(rulesLine).not.toBeInViewport();
  await rulesOff.tap();
  await expect(rulesLine).toBeInViewport({ ratio: 1 });
  await page.locator('.playground__stage').evaluate((stage) => stage.scrollIntoView());
  const badge = page.locator('[data-invariant=linearizable]');
  await expect(badge).not.toBeInViewport();
  await flag.tap();
  await expect(badge.getByRole('button', { name: 'Jump to the violation' })).toBeFocused();
  await expect(badge.getByRole('button', { name: 'Jump to the violation' })).toBeInViewport({ ratio: 1 });
  // An embed of this moment has no badges: the flag, a label, says what broke.
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#s=1\..*&t=\d+$/);
  const embed = await context.newPage();
  await embed.goto(page.url().replace('/raft/#', '/raft/?embed#'));
  await expect(embed.locator('main')).toHaveAttribute('data-embed', 'true');
  await expect(embed.locator('p[data-broken-flag]')).toHaveAttribute('title', /^linearizable reads and writes: broken at/);
  await expect(embed.locator('p[data-rules-off-flag] .rules-off-flag__words')).toHaveText('1 rule off on purpose');
  // Two broken at once: still one short line clear of the servers.
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('break-reconfig-before-term-commit');
  await presetShown(page, 'break-reconfig-before-term-commit');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(flag).toHaveText('✗ 2 broken', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await clearOfEveryServer(page, flag);
  expect(errors).toEqual([]);
  await context.close();
});
