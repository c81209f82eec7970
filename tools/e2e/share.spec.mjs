// Share links: a link replays exactly (same trace hash as `raftsim run`), the page keeps its
// fragment current, Copy link copies it, and every bad link leaves a message and a working page.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { frames, playUntilLeader, presetShown, simulatedTime, watchErrors } from './helpers.mjs';

const golden = (name) => readFileSync(new URL(`../../crates/raft-sim/tests/golden/${name}`, import.meta.url), 'utf8').trim();
// Pinned in raft-sim: this link replays to this trace hash natively (tests/link.rs).
const PINNED = golden('link_v1.txt');
const PINNED_HASH = golden('link_v1.hash');

const root = (page) => page.locator('main[data-time-ms]');

test('a pinned link opens paused at its moment with the trace hash of raftsim run', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`./#${PINNED}`);
  await expect(page.locator('[data-node]')).toHaveCount(3);
  await expect(root(page)).toHaveAttribute('data-time-ms', '1500');
  await expect(root(page)).toHaveAttribute('data-trace-hash', PINNED_HASH);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(page.locator('[data-node="3"]')).toHaveAttribute('data-role', 'leader');
  // The title travels as text: its tags are shown, never made into elements.
  await expect(page.getByRole('region', { name: 'Scenario' })).toContainText('Pinned <b>link</b> 选主');
  await expect(page.locator('.scenario-info b')).toHaveCount(0);
  // The browser's tab names it too.
  await expect(page).toHaveTitle('Pinned <b>link</b> 选主 · Raft playground');
  expect(errors).toEqual([]);
});

test('the fragment follows the run, and opening it shows the same state', async ({ page, context }) => {
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('[data-node][data-role=follower]').first().click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/^#s=1\.[A-Za-z0-9_-]+&t=\d+$/);
  const time = String(await simulatedTime(page));
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`&t=${time}`);
  const hash = await root(page).getAttribute('data-trace-hash');
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await expect(root(other)).toHaveAttribute('data-time-ms', time);
  await expect(root(other)).toHaveAttribute('data-trace-hash', hash);
  await expect(other.locator('[data-node][data-up=false]')).toHaveCount(1);
  // While playing, the address follows the run too (once a second): copied from the address
  // bar mid-run, it is not the moment play began.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const moment = async () => Number((await page.evaluate(() => location.hash)).match(/&t=(\d+)$/)?.[1] ?? -1);
  await expect.poll(moment, { timeout: 10_000 }).toBeGreaterThan(Number(time));
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('a preset or a replay started on the page is a step of the browser\'s history: Back shows the run before it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const fragment = () => page.evaluate(() => location.hash);
  await expect.poll(fragment, { timeout: 5_000 }).toMatch(/^#s=1\./);
  const first = await fragment();
  const entries = await page.evaluate(() => history.length);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-6');
  await presetShown(page, 'figure-6');
  await expect.poll(fragment, { timeout: 5_000 }).not.toBe(first);
  const preset = await fragment();
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  await page.goBack();
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await expect(page.locator('.scenario-info')).toHaveCount(0);
  await expect.poll(fragment).toBe(first);
  // Going back added nothing: Forward brings the preset's run again.
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  await page.goForward();
  await expect(page.locator('.scenario-info')).toContainText('Figure 6');
  await expect.poll(fragment).toBe(preset);
  // Acting in a run, or moving in time, stays in its entry.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(fragment).not.toBe(preset);
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  expect(errors).toEqual([]);
});

test('Copy link copies a link to this moment, and a new title travels with it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByText('Share, embed, export').click();
  await page.getByLabel('Title', { exact: true }).fill('<img src=x onerror=alert(1)> Election');
  await page.getByLabel('Description', { exact: true }).fill('Watch S1…\nthen S2.');
  await page.getByRole('button', { name: 'Save title and description' }).click();
  await expect(page.getByRole('region', { name: 'Scenario' })).toContainText('<img src=x onerror=alert(1)> Election');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.getByLabel('Link', { exact: true }).inputValue());
  expect(copied).toMatch(/\/raft\/#s=1\./);
  const other = await context.newPage();
  await other.goto(copied);
  await expect(root(other)).toHaveAttribute('data-trace-hash', await root(page).getAttribute('data-trace-hash'));
  await expect(other.getByRole('region', { name: 'Scenario' })).toContainText('<img src=x onerror=alert(1)> Election');
  await expect(other.locator('.scenario-info img')).toHaveCount(0);
  // The description's lines stay lines.
  expect(await other.locator('.scenario-info__description').innerText()).toBe('Watch S1…\nthen S2.');
  expect(errors).toEqual([]);
});

test('a link can be made to open in 中文 whatever the reader\'s browser speaks, with a preset\'s words in 中文', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-7');
  await presetShown(page, 'figure-7');
  await page.getByText('Share, embed, export').click();
  await page.getByRole('combobox', { name: 'Link opens in' }).selectOption('zh');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/\/raft\/\?lang=zh#s=1\./);
  // The reader's browser speaks English (the tests' locale): the link's choice wins.
  const other = await context.newPage();
  await other.goto(copied);
  await expect(other.locator('[data-lang]').first()).toHaveAttribute('data-lang', 'zh');
  await expect(other.getByRole('region', { name: '场景' })).toContainText('图 7');
  await expect(root(other)).toHaveAttribute('data-trace-hash', await root(page).getAttribute('data-trace-hash'));
  // Back to the reader's own: no language in the link.
  await page.getByRole('combobox', { name: 'Link opens in' }).selectOption('');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/raft\/#s=1\./);
  expect(errors).toEqual([]);
});

test('words typed and not saved are saved by Copy link and Copy code, not left out of what they copy', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByText('Share, embed, export').click();
  await page.getByLabel('Title', { exact: true }).fill('Bug repro for Alice ');
  await page.getByLabel('Description', { exact: true }).fill('S5 never hears of it.');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Scenario' })).toContainText('Bug repro for Alice');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(copied);
  await expect(other.getByRole('region', { name: 'Scenario' })).toContainText('Bug repro for Alice');
  await expect(other.locator('.scenario-info__description')).toHaveText('S5 never hears of it.');
  // The embed code's frame takes a new title typed too.
  await page.getByLabel('Title', { exact: true }).fill('Second take');
  await page.getByRole('button', { name: 'Copy code' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Code copied.' })).toBeVisible();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toContain('title="Second take"');
  await expect(page.getByRole('region', { name: 'Scenario' })).toContainText('Second take');
  expect(errors).toEqual([]);
});

test('a preset\'s embed code asked in the other language names its frame in that language', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-8');
  await presetShown(page, 'figure-8');
  await page.getByText('Share, embed, export').click();
  const embed = page.locator('form.share__embed');
  await embed.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await page.getByRole('button', { name: 'Copy code' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Code copied.' })).toBeVisible();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toContain('lang=zh');
  expect(code).toContain('title="图 8：旧任期的条目不能靠多数派副本提交"');
  // In the page's own language, the English title.
  await embed.getByRole('combobox', { name: 'Language' }).selectOption('');
  await page.getByRole('button', { name: 'Copy code' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toContain('title="Figure 8: a majority of copies does not commit an old-term entry"');
  expect(errors).toEqual([]);
});

const payload = PINNED.slice('s=1.'.length).split('&')[0];
const tampered = `${payload.slice(0, 40)}${payload[40] === 'A' ? 'B' : 'A'}${payload.slice(41)}`;
const BAD_LINKS = [
  ['a future version', 's=7.abc&t=0', 'newer playground (link version 7)'],
  ['a truncated payload', `s=1.${payload.slice(0, 60)}&t=10`, 'damaged or cut short'],
  ['a tampered payload', `s=1.${tampered}&t=10`, 'damaged'],
  ['a character outside base64url', 's=1.abc$def&t=0', 'damaged: "$", character 6 after s=, is not a base64url character'],
  ['a link without a scenario', 't=500', 'holds no scenario'],
  ['a damaged payload with a time that is not a number', 's=1.abc$def&t=soon', 'damaged: "$", character 6 after s=, is not a base64url character'],
];

for (const [moment, problem] of [['&t=soon', 't="soon"'], ['', 'has no moment']]) {
  test(`a link whose moment alone is wrong (${moment || 'none'}) opens its run from time 0 and says why`, async ({ page }) => {
    const errors = watchErrors(page);
    const run = PINNED.split('&')[0];
    await page.goto(`./#${run}${moment}`);
    await expect(page.getByRole('alert')).toContainText('This link\'s moment could not be used, so its run is shown from time 0: ');
    await expect(page.getByRole('alert')).toContainText(problem);
    await expect(page.locator('[data-node]')).toHaveCount(3);
    await expect(root(page)).toHaveAttribute('data-time-ms', '0');
    await expect(page.getByRole('region', { name: 'Scenario' })).toContainText('Pinned <b>link</b> 选主');
    // The link stays in the address bar, to be copied and reported, until the reader acts.
    await frames(page, 20);
    expect(await page.evaluate(() => location.hash)).toBe(`#${run}${moment}`);
    expect(errors).toEqual([]);
  });
}

for (const [name, fragment, problem] of BAD_LINKS) {
  test(`${name} shows the problem and a working default cluster`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`./#${fragment}`);
    await expect(page.getByRole('alert')).toContainText('This link could not be opened');
    await expect(page.getByRole('alert')).toContainText(problem);
    await expect(page.locator('[data-node]')).toHaveCount(5);
    // The bad link stays in the address bar, to be copied and reported, until the user acts.
    await frames(page, 40);
    expect(await page.evaluate(() => location.hash)).toBe(`#${fragment}`);
    await playUntilLeader(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=1\./);
    expect(errors).toEqual([]);
  });
}

test('a bad link pasted into an open page keeps the run and says so', async ({ page }) => {
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const time = await simulatedTime(page);
  await page.evaluate(() => { location.hash = 's=9.abc&t=0'; });
  await expect(page.getByRole('alert')).toContainText('This link could not be opened, so the run is kept');
  expect(await simulatedTime(page)).toBe(time);
  // The notice can be closed, and the run stays.
  await page.getByRole('button', { name: 'Dismiss this notice' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await simulatedTime(page)).toBe(time);
  // The focus, on × as it went away, is not lost: it is on Play.
  await expect(page.locator('.controls__play')).toBeFocused();
});

test('a link pasted into the address bar of an open page is opened', async ({ page }) => {
  await page.goto('./');
  await page.evaluate((fragment) => { location.hash = fragment; }, PINNED);
  await expect(root(page)).toHaveAttribute('data-trace-hash', PINNED_HASH);
  await expect(page.locator('[data-node]')).toHaveCount(3);
});

test('a link pasted just as the page rewrites its own fragment is still the one opened', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible(); // listening
  // The page's debounced fragment update can run after the address bar changed but before the
  // hashchange event is handled; the event's new URL is what was pasted.
  await page.evaluate((fragment) => {
    location.hash = fragment;
    history.replaceState(null, '', '#lesson=election');
  }, PINNED);
  await expect(root(page)).toHaveAttribute('data-trace-hash', PINNED_HASH);
  await expect(page.locator('[data-node]')).toHaveCount(3);
  await expect(root(page)).not.toHaveAttribute('data-lesson', /./);
});

test('a title typed and not yet saved survives switching the language, and another run brings its own', async ({ page }) => {
  await page.goto('./');
  await page.locator('select:has(option[value="figure-8"])').selectOption('figure-8');
  await expect(page.locator('main')).toHaveAttribute('data-preset', 'figure-8');
  await page.getByText('Share, embed, export').click();
  const title = page.getByLabel('Title', { exact: true });
  await expect(title).toHaveValue(/Figure 8/);
  await title.fill('My own words');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-lang', 'zh');
  await expect(page.getByLabel('标题', { exact: true })).toHaveValue('My own words');
  await page.locator('select:has(option[value="figure-7"])').selectOption('figure-7');
  await expect(page.locator('main')).toHaveAttribute('data-preset', 'figure-7');
  await expect(page.getByLabel('标题', { exact: true })).toHaveValue(/图 7/);
});

test('Export SVG downloads a standalone drawing that shows the nodes in their colours', async ({ page, context }) => {
  await page.goto(`./#${PINNED}`);
  await page.getByText('Share, embed, export').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('raft-cluster.svg');
  const file = test.info().outputPath('raft-cluster.svg');
  await download.saveAs(file);
  const svg = readFileSync(file, 'utf8');
  expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const viewer = await context.newPage();
  await viewer.goto(`file://${file}`);
  await expect(viewer.locator('[data-node]')).toHaveCount(3);
  // With no stylesheet, the leader's colour comes from the inlined attributes alone.
  const leaderFill = await viewer.locator('[data-node="3"] .node__body').evaluate((e) => getComputedStyle(e).fill);
  const followerFill = await viewer.locator('[data-node="1"] .node__body').evaluate((e) => getComputedStyle(e).fill);
  expect(leaderFill).not.toBe(followerFill);
  expect(leaderFill).not.toBe('rgb(0, 0, 0)');
  // The names' outline in the page's colour stays under their letters, as on the page: drawn
  // over them, it would hide them.
  await expect(viewer.locator('.node__name').first()).toHaveText('S1');
  expect(await viewer.locator('.node__name').first().evaluate((e) => getComputedStyle(e).paintOrder)).toBe('stroke');
  // The log table is drawn beside the ring: each entry in its place, with its term and command.
  const entries = await page.locator('[data-log-node][data-index]').count();
  expect(entries).toBeGreaterThan(0);
  await expect(viewer.locator('rect[data-log-node][data-index]')).toHaveCount(entries);
  const first = page.locator('[data-log-node="1"][data-index="1"]');
  const term = await first.getAttribute('data-term');
  await expect(viewer.locator('rect[data-log-node="1"][data-index="1"]')).toHaveAttribute('data-term', term);
  const ring = await viewer.locator('[data-node="1"]').boundingBox();
  const cell = await viewer.locator('rect[data-log-node="1"][data-index="1"]').boundingBox();
  expect(cell.x).toBeGreaterThan(ring.x + ring.width);
  const words = await viewer.locator('.logs-export text').allTextContents();
  expect(words).toContain('S1');
  expect(words).toContain(await first.locator('.logs__command').textContent());
  // Scrolled sideways on the page, the table is drawn unscrolled: the row names stay left of
  // the entries (sticky on the page, they would stand over them).
  await page.locator('.logs').evaluate((logs) => { logs.style.maxWidth = '150px'; logs.scrollLeft = 80; });
  const scrolledBy = await page.locator('.logs').evaluate((logs) => logs.scrollLeft);
  expect(scrolledBy).toBeGreaterThan(0);
  const [scrolled] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  const scrolledFile = test.info().outputPath('scrolled.svg');
  await scrolled.saveAs(scrolledFile);
  await viewer.goto(`file://${scrolledFile}`);
  const name = await viewer.locator('.logs-export text', { hasText: /^S1$/ }).boundingBox();
  const entry = await viewer.locator('rect[data-log-node="1"][data-index="1"]').boundingBox();
  expect(name.x + name.width).toBeLessThan(entry.x);
  expect(await page.locator('.logs').evaluate((logs) => logs.scrollLeft)).toBe(scrolledBy);
  // Unticked, the file is the ring alone.
  await page.getByLabel('with the log table').uncheck();
  const [ringOnly] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  const ringFile = test.info().outputPath('ring.svg');
  await ringOnly.saveAs(ringFile);
  expect(readFileSync(ringFile, 'utf8')).not.toContain('logs-export');
});

test('the page works under the recommended Content-Security-Policy', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(`/csp/raft/#${PINNED}`);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(root(page)).toHaveAttribute('data-trace-hash', PINNED_HASH);
  await page.locator('[data-node="2"]').click();
  const menu = page.getByRole('dialog', { name: 'Actions for S2' });
  await expect(menu).toBeVisible();
  expect(await menu.evaluate((e) => e.style.left)).toMatch(/^-?\d+px$/);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await frames(page, 10);
  expect(await simulatedTime(page)).toBeGreaterThan(1500);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(errors).toEqual([]);
});

test('the README states the policy that the test above enforces', async () => {
  const policy = readFileSync(new URL('../content-security-policy.txt', import.meta.url), 'utf8').trim();
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(policy);
});
