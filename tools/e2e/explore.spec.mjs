// Explore (issue 17): pause and choose every next event yourself. The panel lists what can
// happen next; each choice takes one millisecond, Step back undoes one, and a link carries
// the exact path.
import { test, expect } from '@playwright/test';
import { figure8WithoutCurrentTermRule, frames, watchErrors } from './helpers.mjs';

const time = async (page) => Number(await page.locator('main').getAttribute('data-time-ms'));

/** Opens `path` (the page in English, or `?lang=zh` with the names given in 中文), makes a
 * cluster of three, and turns Explore on. */
const exploreThree = async (page, path = './', [servers, explore] = ['Servers', 'Explore']) => {
  await page.goto(path);
  await page.getByRole('combobox', { name: servers }).selectOption('3');
  await page.getByRole('button', { name: explore, exact: true }).click();
};

test('exploring three chosen events elects nobody yet, steps back one at a time, and shares the path', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const toggle = page.getByRole('button', { name: 'Explore', exact: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const panel = page.getByRole('region', { name: 'Explore: choose the next event' });
  await expect(panel).toContainText('No message is in flight.');
  // Nothing happens by itself, so time does not run either: Play is off, and K (Play's key) too.
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
  const start = await time(page);
  await page.keyboard.press('k');
  await frames(page, 10);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
  expect(await time(page)).toBe(start);

  const before = await time(page);
  await panel.locator('[data-event="timeout:1"]').click();
  await expect(page.locator('[data-node="1"]')).toHaveAttribute('data-role', 'candidate');
  await expect(panel.locator('[data-event^="deliver:"]')).toHaveCount(4);
  // After a choice, focus goes to the oldest message's Deliver: by keyboard, Enter delivers
  // the vote request to S2, then S2's reply is chosen.
  await expect(panel.locator('[data-event="deliver:1"]')).toBeFocused();
  await page.keyboard.press('Enter');
  const reply = panel.locator('[data-explore-message]').filter({ hasText: 'RequestVoteReply S2 → S1' });
  await expect(reply).toHaveCount(1);
  await reply.locator('[data-event^="deliver:"]').click();
  expect(await time(page)).toBe(before + 3);
  await expect(page.locator('[data-node="1"]')).toHaveAttribute('data-role', 'candidate'); // 2 votes of 5

  await page.getByRole('button', { name: 'Step back' }).click();
  expect(await time(page)).toBe(before + 2);
  await expect(reply).toHaveCount(1); // the reply is in flight again

  // The address bar carries the exact path: another tab opens at the same choice.
  await expect.poll(() => new URL(page.url()).hash).toContain(`&t=${before + 2}`);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByRole('button', { name: 'Explore', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(other.locator('[data-node="1"]')).toHaveAttribute('data-role', 'candidate');
  await expect(other.locator('[data-explore-message]').filter({ hasText: 'RequestVoteReply S2 → S1' })).toHaveCount(1);
  await expect(other.locator('main')).toHaveAttribute('data-trace-hash', await page.locator('main').getAttribute('data-trace-hash'));
  // Embedded, the explored run waits too: the strip's Play is off.
  await other.goto(`./?embed${new URL(page.url()).hash}`);
  await expect(other.locator('.embed-strip').getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
  expect(errors).toEqual([]);
});

test('stepping back from the Explore panel by keyboard keeps the focus in it, even when the undone choice took away the focused button', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Explore: choose the next event' });
  await panel.locator('[data-event="timeout:1"]').focus();
  await page.keyboard.press('Enter');
  await expect(panel.locator('[data-event="deliver:1"]')).toBeFocused();
  await panel.locator('[data-event="duplicate:1"]').focus();
  await page.keyboard.press('Enter');
  await expect(panel.locator('[data-explore-message]')).toHaveCount(5);
  await expect(panel.locator('[data-event="deliver:1"]')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(panel.locator('[data-explore-message]')).toHaveCount(4);
  await expect(panel.locator('[data-event="deliver:1"]')).toBeFocused();
  expect(errors).toEqual([]);
});

test('a chosen message shows its fields, and Stop exploring lets time run again', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await page.locator('[data-event="timeout:2"]').click();
  await page.locator('[data-event="duplicate:1"]').click();
  await expect(page.locator('[data-explore-message="5"]')).toContainText('RequestVote S2 → S1 (a copy of #1)');
  await expect(page.locator('[data-event="duplicate:5"]')).toHaveCount(0);
  await page.locator('[data-explore-message="1"] .explore__subject').click();
  await expect(page.locator('.message-panel')).toContainText('candidateId');
  // Why it was sent, and what its receiver will do with it.
  await expect(page.locator('.message-panel__purpose')).toContainText('S2 campaigns for term 1 and asks S1 for its vote.');
  // It arrives when chosen, not at a time of its own.
  await expect(page.locator('.message-panel dd', { hasText: 'when you choose Deliver' })).toHaveCount(1);
  // The card delivers it too, as a choice of the panel: one millisecond.
  const before = await time(page);
  await page.locator('.message-panel [data-panel-deliver="1"]').click();
  await expect(page.locator('[data-explore-message="1"]')).toHaveCount(0);
  expect(await time(page)).toBe(before + 1);
  await expect(page.locator('.narration')).toContainText('S1 voted for S2 in term 1');
  // The panel's own Stop exploring, for when the switch above is out of sight; the focus
  // goes to that switch.
  await page.getByRole('button', { name: 'Stop exploring' }).click();
  await expect(page.getByRole('region', { name: 'Explore: choose the next event' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Explore', exact: true })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Explore', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[data-node][data-role="leader"]')).toHaveCount(1, { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('Find a counterexample, from the Figure 8 preset with §5.4.2 off, loads the shortest run that breaks leader completeness', async ({ page }) => {
  test.setTimeout(150_000); // the search is CPU-bound: 5-9 s here, more on a slower machine
  const errors = watchErrors(page);
  await page.goto('./');
  await figure8WithoutCurrentTermRule(page);
  // Play past S1's term-4 leadership, pause, and go back to 200 ms, where S1 has copied its
  // term-2 entry to a majority.
  await page.getByRole('slider', { name: 'Speed' }).fill('2');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => time(page), { timeout: 20_000 }).toBeGreaterThan(250);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('slider', { name: 'Time' }).fill('200');
  expect(await time(page)).toBe(200);
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await expect(page.locator('[data-invariant][data-ok=false]')).toHaveCount(0);

  const search = page.locator('.search');
  await page.getByRole('button', { name: 'Find a counterexample' }).click();
  await expect(search).toHaveAttribute('data-search-status', 'running');
  await expect(page.locator('.search__status')).toContainText(/Searching… [\d,]+ states; every run of up to \d+ events checked/);
  // Screen readers hear that it started, not each count.
  const said = page.locator('[data-search-said]');
  await expect(said).toHaveText('Starting the search…');
  await expect(page.locator('.search__status')).not.toHaveAttribute('role');
  await expect(search).toHaveAttribute('data-search-status', 'found', { timeout: 120_000 });
  await expect(page.locator('.search__status')).toContainText('Found: 7 events break leader completeness.');
  await expect(said).toHaveAttribute('role', 'status');
  await expect(said).toContainText('Found: 7 events break leader completeness.');
  // The run goes on with the seven events, one millisecond apart, paused where it breaks.
  expect(await time(page)).toBe(207);
  await expect(page.locator('[data-invariant=leader_completeness]')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByRole('button', { name: 'Explore', exact: true })).toHaveAttribute('aria-pressed', 'true');
  // The narration tells each chosen event, the deliveries included.
  await expect(page.locator('.narration')).toContainText('RequestVoteReply #');
  await expect(page.locator('.narration')).toContainText('was delivered.');
  // The evidence is below the panel: one button takes the logs to the top of the window,
  // beside the drawing, which stays in view (held there while exploring on a wide screen).
  await page.getByRole('button', { name: 'To the logs, the properties and the narration ↓' }).click();
  await expect.poll(() => page.locator('.logs').evaluate((logs) => Math.round(logs.getBoundingClientRect().top) + 0)).toBe(0); // + 0: no -0
  await expect(page.locator('[data-invariant=leader_completeness]')).toBeInViewport();
  await expect(page.locator('.playground__stage')).toBeInViewport({ ratio: 1 });
  // Searching again from a moment already broken says so, and loads nothing.
  await page.getByRole('button', { name: 'Find a counterexample' }).click();
  await expect(page.locator('.search__status')).toContainText('Already broken here: leader completeness is red');
  expect(await time(page)).toBe(207);
  await page.getByRole('button', { name: 'Step back' }).click();
  expect(await time(page)).toBe(206);
  expect(errors).toEqual([]);
});

test('with every rule on, a search says how deep it proved them, and Cancel stops one', async ({ page }) => {
  test.setTimeout(120_000); // searches are CPU-bound
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await page.locator('[data-event="timeout:1"]').click();
  const search = page.locator('.search');
  await page.getByText('Bounds', { exact: true }).click();
  const depth = page.getByLabel('Events per run, at most');
  // A bound out of its range is changed to fit, and the page says so.
  await depth.fill('0');
  await depth.press('Tab');
  await expect(depth).toHaveValue('1');
  await expect(page.locator('.search__adjusted')).toHaveText('Events per run, at most: from 1 to 30, in whole numbers; "0" was taken as 1.');
  // A second field changed to fit adds its own line; a field left empty takes its default.
  const crashes = page.getByLabel('Crashes', { exact: true });
  await crashes.fill('2.5');
  await crashes.press('Tab');
  await expect(crashes).toHaveValue('2');
  await expect(page.locator('.search__adjusted-line')).toHaveText([
    'Events per run, at most: from 1 to 30, in whole numbers; "0" was taken as 1.',
    'Crashes: from 0 to 3, in whole numbers; "2.5" was taken as 2.',
  ]);
  await crashes.fill('1');
  await crashes.press('Tab');
  await depth.fill('');
  await depth.press('Tab');
  await expect(depth).toHaveValue('12');
  await expect(page.locator('.search__adjusted')).toHaveText('Events per run, at most: from 1 to 30, in whole numbers; 12 is used.');
  await depth.fill('3');
  await depth.press('Tab');
  await expect(page.locator('.search__adjusted')).toBeEmpty();
  await page.getByRole('button', { name: 'Find a counterexample' }).click();
  await expect(search).toHaveAttribute('data-search-status', 'none', { timeout: 60_000 });
  await expect(page.locator('.search__status')).toContainText(/^No counterexample: every run of up to 3 events within these bounds keeps every property \([\d,]+ states/);

  // Deep bounds: the search runs on in its worker while the page answers, until cancelled.
  await depth.fill('30');
  await depth.press('Tab');
  await page.getByRole('button', { name: 'Find a counterexample' }).click();
  await expect(search).toHaveAttribute('data-search-status', 'running');
  await expect(page.locator('.search__status')).toContainText(/Searching… [1-9][\d,]* states/);
  await page.locator('[data-explore-message="1"] .explore__subject').click();
  await expect(page.locator('.message-panel')).toContainText('candidateId');
  await expect(depth).toBeDisabled(); // the running search keeps its bounds
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(search).toHaveAttribute('data-search-status', 'cancelled');
  await expect(page.locator('.search__status')).toContainText(/No counterexample so far: cancelled after|Cancelled before any run was checked/);
  // By keyboard: the button that was Cancel is Find again, and keeps the focus.
  await expect(page.getByRole('button', { name: 'Find a counterexample' })).toBeFocused();
  // A deep search stops at its next report once the run it started from changes (an event
  // chosen), long before its limit of seconds.
  await page.getByRole('button', { name: 'Find a counterexample' }).click();
  await expect(search).toHaveAttribute('data-search-status', 'running');
  await expect(page.locator('.search__status')).toContainText(/Searching… [1-9][\d,]* states/);
  await page.locator('[data-event="deliver:1"]').click();
  await expect(search).toHaveAttribute('data-search-status', 'changed', { timeout: 5_000 });
  await expect(page.locator('.search__status')).toHaveText('The run changed during the search, so its result no longer starts from here. Search again.');
  await page.keyboard.press('ArrowLeft'); // back to where the search started
  // Explore off and on again: the bounds are as they were set, and the keyboard lands in the panel.
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await expect(page.getByLabel('Events per run, at most')).toHaveValue('30');
  await expect(page.locator('.explore .explore__event').first()).toBeFocused();
  expect(errors).toEqual([]);
});

test('Look for two leaders at once finds the shortest run to them, loads it, and says when a goal is out of reach', async ({ page }) => {
  test.setTimeout(120_000); // searches are CPU-bound
  const errors = watchErrors(page);
  await exploreThree(page);
  const search = page.locator('.search');
  const goal = page.getByRole('combobox', { name: 'Look for' });
  await expect(goal).toHaveValue('violation');
  await goal.selectOption({ label: 'two leaders at once' });
  // Out of reach first: no run of 5 events elects two leaders.
  await page.getByText('Bounds', { exact: true }).click();
  const depth = page.getByLabel('Events per run, at most');
  await depth.fill('5');
  await depth.press('Tab');
  await page.getByRole('button', { name: 'Find the shortest run' }).click();
  await expect(search).toHaveAttribute('data-search-status', 'none', { timeout: 60_000 });
  await expect(page.locator('.search__status')).toContainText(/^Not reached: no run of up to 5 events within these bounds leads to two leaders at once \([\d,]+ states/);
  expect(await time(page)).toBe(0);
  // Six events do: one election, then another that the first leader does not hear of.
  await depth.fill('12');
  await depth.press('Tab');
  await page.getByRole('button', { name: 'Find the shortest run' }).click();
  await expect(search).toHaveAttribute('data-search-status', 'reached', { timeout: 60_000 });
  await expect(page.locator('.search__status')).toContainText('Found: the shortest run to two leaders at once takes 6 events.');
  expect(await time(page)).toBe(6);
  const leaders = page.locator('[data-node][data-role="leader"]');
  await expect(leaders).toHaveCount(2);
  const terms = await leaders.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-term')).sort());
  expect(terms).toEqual(['1', '2']);
  // Nothing is broken: two leaders of two terms are allowed.
  await expect(page.locator('[data-invariant][data-ok=false]')).toHaveCount(0);
  // Stepping back through the run found keeps the line; an event chosen there forks the run,
  // of which the line says nothing: it goes.
  await page.getByRole('button', { name: 'Step back' }).click();
  expect(await time(page)).toBe(5);
  await expect(search).toHaveAttribute('data-search-status', 'reached');
  await page.locator('.explore [data-event^="crash:"]').first().click();
  await expect(search).toHaveAttribute('data-search-status', 'idle');
  await expect(page.locator('.search__status')).toBeEmpty();
  // Another goal chosen: what was found for the last one is no longer said.
  await page.getByRole('combobox', { name: 'Look for' }).selectOption('commit');
  await expect(search).toHaveAttribute('data-search-status', 'idle');
  await expect(page.locator('.search__status')).toBeEmpty();
  await page.getByRole('combobox', { name: 'Look for' }).selectOption('two_leaders');
  // The goal is remembered when Explore is turned off and on.
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Look for' })).toHaveValue('two_leaders');
  expect(errors).toEqual([]);
});

test('Look for a split vote in 中文, and a follower refusing AppendEntries by its log', async ({ page }) => {
  test.setTimeout(120_000); // searches are CPU-bound
  const errors = watchErrors(page);
  await exploreThree(page, './?lang=zh', ['服务器数', '探索']);
  const search = page.locator('.search');
  await page.getByRole('combobox', { name: '寻找' }).selectOption('split_vote');
  await page.getByRole('button', { name: '寻找最短执行' }).click();
  await expect(search).toHaveAttribute('data-search-status', 'reached', { timeout: 60_000 });
  await expect(page.locator('.search__status')).toContainText('找到：导致选票分裂的最短执行有 3 个事件。');
  // Three timeouts: three candidates of term 1, each with its own vote.
  await expect(page.locator('[data-node][data-role="candidate"][data-term="1"]')).toHaveCount(3);
  // From the start again, the consistency check: a leader whose no-op reached one follower
  // only, then a second leader, elected by the other, whose AppendEntries that one refuses.
  await page.goto('about:blank');
  await exploreThree(page);
  await page.getByRole('combobox', { name: 'Look for' }).selectOption('log_mismatch');
  await page.getByText('Bounds', { exact: true }).click();
  for (const bound of ['Crashes', 'Client writes']) {
    await page.getByLabel(bound, { exact: true }).fill('0');
    await page.getByLabel(bound, { exact: true }).press('Tab');
  }
  await page.getByRole('button', { name: 'Find the shortest run' }).click();
  await expect(search).toHaveAttribute('data-search-status', 'reached', { timeout: 60_000 });
  await expect(page.locator('.search__status')).toContainText(
    'Found: the shortest run to a follower refusing AppendEntries (its log does not match) takes 8 events.');
  await expect(page.locator('[data-node][data-role="leader"][data-term="2"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});
