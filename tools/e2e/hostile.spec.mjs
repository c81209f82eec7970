// Hostile and oversized input (issue 12): each is refused with the message the reader sees,
// quickly, and the page answers a click afterwards.
import { test, expect } from '@playwright/test';
import { frames, linkOf, simulatedTime, watchErrors, timeOut } from './helpers.mjs';

const BUSY = JSON.stringify({
  version: 1, seed: 3, nodes: 9,
  options: { election_timeout_ms: [5, 10], heartbeat_ms: 1, latency_ms: [1, 2] },
});

/** The page still works: Play moves time, Pause stops it. */
async function stillWorks(page) {
  const before = await simulatedTime(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => simulatedTime(page)).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Pause' }).click();
}

test('1. a link with an action after the hour is refused by name, and Step works', async ({ page }) => {
  const errors = watchErrors(page);
  const freezing = '{"version":1,"seed":1,"nodes":1,"actions":[{"at_ms":0,"do":"crash","node":1},{"at_ms":18446744073709551615,"do":"restart","node":1}]}';
  await page.goto(`./${linkOf(freezing, 301)}`);
  await expect(page.getByRole('alert')).toContainText('actions[1].at_ms: at most 3600000 (one simulated hour)');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => simulatedTime(page)).toBeGreaterThan(0);
  await stillWorks(page);
  expect(errors).toEqual([]);
});

test('2. a file over the size limit is refused unread, naming the limit', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const huge = `{"version":1,"seed":1,"initial":{"1":{"term":1,"log":[${'1,'.repeat(1_600_000)}1]}}}`;
  await page.getByLabel('Import scenario').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.from(huge) });
  await expect(page.getByRole('alert')).toContainText('a scenario file has at most 2048 KB');
  await stillWorks(page);
  expect(errors).toEqual([]);
});

test('2. an uncaught failure of the page shows the error banner with a plain explanation and Reset', async ({ page }) => {
  await page.goto('./');
  // The listener is installed before the first render: wait for the page to be drawn.
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { message: 'RuntimeError: unreachable' })));
  const banner = page.locator('#playground-error');
  await expect(banner).toContainText('The simulation stopped working and cannot go on');
  await expect(banner).toContainText('RuntimeError: unreachable');
  await expect(banner.getByRole('link', { name: /Reset/ })).toBeVisible();
  // A later failure does not replace the first, more telling one.
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { message: 'RefCell already borrowed' })));
  await expect(banner).not.toContainText('RefCell');
});

test('2b. a promise rejected with an Error shows its message on the banner', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await page.evaluate(() => { Promise.reject(new Error('the host went away')); });
  const banner = page.locator('#playground-error');
  await expect(banner).toContainText('The simulation stopped working and cannot go on');
  await expect(banner).toContainText('the host went away');
});

test('3. an embed refuses a seek past the replay budget with an error event and a notice', async ({ page }) => {
  await page.goto('./embed-example.html');
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
  await page.locator('#playground').evaluate((element, hash) => { element.src = `./?embed${hash}`; }, linkOf(BUSY, 2000));
  const playground = page.frameLocator('#playground');
  await expect(playground.locator('main')).toHaveAttribute('data-time-ms', '2000');
  await page.evaluate(() => {
    document.getElementById('playground').contentWindow.postMessage({ raftPlayground: 1, command: 'seek', ms: 3_600_000 }, '*');
  });
  await expect(page.locator('#events li[data-event=error]')).toContainText('too busy to replay', { timeout: 20_000 });
  await expect(playground.getByRole('alert')).toContainText('too busy to replay');
  await expect(playground.locator('main')).toHaveAttribute('data-time-ms', '2000');
  await playground.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(playground.locator('main')).not.toHaveAttribute('data-time-ms', '2000');
});

test('4. the page never offers a link it could not open', async ({ page, context }) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`./${linkOf(BUSY, 0)}`);
  await page.getByRole('slider', { name: 'Speed' }).fill('2');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // About 16,000 events per simulated second: five million are spent by about 330 s.
  await expect.poll(() => simulatedTime(page), { timeout: 60_000 }).toBeGreaterThan(400_000);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByText('Share, embed, export').click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.locator('.share__status')).toContainText('cannot be shared as a link');
  await expect(page.locator('.share__status')).toContainText('too busy to replay');
  // The address bar does not keep a link that would be refused.
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
});

test('5. a link at t = 0 carries the actions at 0', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await timeOut(page, 1);
  await expect(page.locator('[data-node="1"]')).toHaveAttribute('data-role', 'candidate');
  await page.getByText('Share, embed, export').click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/&t=0$/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const recipient = await context.newPage();
  await recipient.goto(link);
  await expect(recipient.locator('[data-node="1"]')).toHaveAttribute('data-role', 'candidate');
  await expect(recipient.locator('main')).toHaveAttribute('data-trace-hash', await page.locator('main').getAttribute('data-trace-hash'));
});

test('6. a spoofing command is refused, and scenario text is drawn bidi-isolated', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-node="1"]').click();
  const field = page.getByRole('textbox', { name: 'Command' });
  await field.fill('x=\u202egnp.exe');
  await field.press('Enter');
  await expect(page.locator('.write-form__error')).toContainText('invisible formatting characters such as U+202E');
  await page.keyboard.press('Escape');
  await page.getByText('Share, embed, export').click();
  await page.getByLabel('Title', { exact: true }).fill('שלום Raft');
  await page.getByRole('button', { name: /^Save/ }).click();
  const title = page.locator('.scenario-info__title');
  await expect(title).toHaveText('שלום Raft');
  expect(await title.evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe('isolate');
  expect(errors).toEqual([]);
});

test('7. canonical numbers only, and unreadable embed commands get an error event', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`./${linkOf('{"version":1,"seed":1}', '+5')}`);
  await expect(page.getByRole('alert')).toContainText('is not a whole number of milliseconds');
  await stillWorks(page);
  expect(errors).toEqual([]);

  await page.goto('./embed-example.html');
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
  await page.evaluate(() => {
    const frame = document.getElementById('playground').contentWindow;
    let deep = { raftPlayground: 1, command: 'act', action: {} };
    for (let i = 0, inner = deep.action; i < 100; i += 1) { inner.x = {}; inner = inner.x; }
    frame.postMessage(deep, '*');
    const cyclic = { raftPlayground: 1, command: 'play' };
    cyclic.self = cyclic;
    frame.postMessage(cyclic, '*');
    // 30 levels, each sharing the one below twice: 2^30 paths through a few dozen objects.
    let shared = {};
    for (let i = 0; i < 30; i += 1) shared = { a: shared, b: shared };
    frame.postMessage({ raftPlayground: 1, command: 'act', action: shared }, '*');
    frame.postMessage({ raftPlayground: 1, command: 'act', action: new Map([['do', 'heal']]) }, '*');
  });
  await expect(page.locator('#events li[data-event=error]')).toHaveCount(4);
  for (const error of await page.locator('#events li[data-event=error]').all()) {
    await expect(error).toContainText('is not plain data of at most 10000 values nested 32 deep');
  }
  await frames(page, 5);
  await expect(page.frameLocator('#playground').getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});
