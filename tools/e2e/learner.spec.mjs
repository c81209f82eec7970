// Issue 11, the learner's first five minutes: each defect a new user hit, and the page that
// shows the whole cluster at once. Positions and scroll offsets are asserted, not screenshots.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { frames, playUntilLeader, simulatedTime, stepUntil, watchErrors, presetShown } from './helpers.mjs';

const PINNED = readFileSync(new URL('../../crates/raft-sim/tests/golden/link_v1.txt', import.meta.url), 'utf8').trim();

/** The bounding box of `locator` must lie inside the viewport. */
async function expectInViewport(page, locator, what) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  expect(box, what).not.toBeNull();
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(width);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(height);
  return box;
}

const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const scrollOffsets = (page) => page.evaluate(() => [window.scrollX, window.scrollY]);

test.describe('at 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('1. Step goes to the next event on every preset that starts at 0 ms', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    const picker = page.getByRole('combobox', { name: 'Scenario' });
    for (const id of ['figure-6', 'figure-7', 'figure-8', 'figure-8e', 'split-vote']) {
      await picker.selectOption(id);
      await presetShown(page, id);
      await expect(page.locator('main')).toHaveAttribute('data-time-ms', '0');
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect.poll(() => simulatedTime(page), id).toBeGreaterThan(0);
      const first = await simulatedTime(page);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => simulatedTime(page), id).toBeGreaterThan(first);
    }
    expect(errors).toEqual([]);
  });

  test('2. a node menu opens beside its node, whole, without scrolling the page', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    for (const id of ['1', '2', '3', '4', '5']) {
      const node = page.locator(`[data-node="${id}"]`);
      await node.scrollIntoViewIfNeeded();
      const before = await scrollOffsets(page);
      await node.click();
      const menu = page.locator(`[data-node-menu="${id}"]`);
      await expect(menu).toBeVisible();
      expect(await scrollOffsets(page), `opening S${id}'s menu scrolled the page`).toEqual(before);
      const box = await expectInViewport(page, menu, `S${id}'s menu`);
      const body = await node.locator('.node__body').boundingBox();
      expect(overlaps(box, body), `S${id}'s menu covers its node`).toBe(false);
      await expect(node).toHaveAttribute('data-selected', 'true');
      await expect(page.locator('[data-node][data-selected=true]')).toHaveCount(1);
      await page.keyboard.press('Escape');
      await expect(menu).toHaveCount(0);
      await expect(node).toHaveAttribute('data-selected', 'false');
    }
    // Clicking another server while a menu is open moves the menu beside that server.
    await page.locator('[data-node="1"]').click();
    await page.locator('[data-node="2"]').click();
    const menu = page.locator('[data-node-menu="2"]');
    await expect(menu).toBeVisible();
    const second = await page.locator('[data-node="2"] .node__body').boundingBox();
    expect(overlaps(await menu.boundingBox(), second)).toBe(false);
    const distance = (await menu.boundingBox()).x - (second.x + second.width);
    expect(Math.abs(distance)).toBeLessThan(40);
    expect(errors).toEqual([]);
  });

  test('4. the address follows every change of run, so a reload shows the latest preset', async ({ page }) => {
    await page.goto('./');
    const picker = page.getByRole('combobox', { name: 'Scenario' });
    await picker.selectOption('figure-6');
    await presetShown(page, 'figure-6');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=1\./);
    const figure6 = await page.evaluate(() => location.hash);
    await picker.selectOption('figure-8');
    await presetShown(page, 'figure-8');
    await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(figure6);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Scenario' })).toContainText('Figure 8');
    const figure8 = await page.evaluate(() => location.hash);
    await page.getByRole('combobox', { name: 'Servers' }).selectOption('3');
    await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(figure8);
    await page.reload();
    await expect(page.locator('[data-node]')).toHaveCount(3);
  });

  test('5. keyboard: focus returns to the node, Tab stays in the menu, K plays from anywhere', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    const node = page.locator('[data-node="2"]');
    await node.focus();
    await page.keyboard.press('Enter');
    const menu = page.locator('[data-node-menu="2"]');
    await expect(menu.getByRole('button', { name: 'Time out' })).toBeFocused();
    const inMenu = () => page.evaluate(() => !!document.activeElement.closest('[data-node-menu]'));
    for (let i = 0; i < 20; i += 1) {
      await page.keyboard.press('Tab');
      expect(await inMenu(), `Tab ${i + 1} left the menu`).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await inMenu()).toBe(true);
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(node).toBeFocused();
    // Sending a write gives the focus back too.
    await page.keyboard.press('Enter');
    await menu.getByRole('textbox', { name: 'Command' }).focus();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveCount(0);
    await expect(node).toBeFocused();
    // Space on a focused node opens its menu, as on any button; it does not play.
    await page.keyboard.press(' ');
    await expect(menu).toBeVisible();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    // Space presses a focused button; K plays or pauses wherever the focus is.
    const step = page.getByRole('button', { name: 'Step', exact: true });
    await step.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => simulatedTime(page)).toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveAttribute('title', /K/);
    await page.keyboard.press('k');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press('k');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    // The shortcuts dialog keeps Tab inside and gives the focus back when it closes.
    await step.focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    await expect(dialog).toContainText('K');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(step).toBeFocused();
    expect(errors).toEqual([]);
  });

  test('6. a malformed write keeps the menu open, the text, and the error under the field', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    await page.locator('[data-node="1"]').click();
    const menu = page.locator('[data-node-menu="1"]');
    const field = menu.getByRole('textbox', { name: 'Command' });
    await field.fill('x = 3');
    await field.press('Enter');
    const error = menu.locator('.write-form__error');
    await expect(error).toContainText("a key has only letters, digits and '_'");
    await expect(field).toHaveValue('x = 3');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    const [fieldBox, errorBox] = [await field.boundingBox(), await error.boundingBox()];
    expect(errorBox.y).toBeGreaterThanOrEqual(fieldBox.y + fieldBox.height - 1);
    expect(errorBox.y - (fieldBox.y + fieldBox.height)).toBeLessThan(24);
    await field.fill('x=3');
    await field.press('Enter');
    await expect(menu).toHaveCount(0);
    // The suggested command is selected when the field is clicked: typing replaces it.
    await page.locator('[data-node="2"]').click();
    const next = page.locator('[data-node-menu="2"]').getByRole('textbox', { name: 'Command' });
    await expect(next).toHaveValue('x=2');
    await next.click();
    await page.keyboard.type('y=2');
    await expect(next).toHaveValue('y=2');
    // K is a letter in a text field, and plays or pauses from a slider.
    await page.keyboard.press('Escape');
    await page.getByRole('slider', { name: 'Speed' }).focus();
    await page.keyboard.press('k');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press('k');
    expect(errors).toEqual([]);
  });

  test('8 and 9. the picker names its preset until the run departs; only election no-ops say no-op', async ({ page }) => {
    await page.goto('./');
    const picker = page.getByRole('combobox', { name: 'Scenario' });
    await picker.selectOption('figure-7');
    await presetShown(page, 'figure-7');
    await expect(picker).toHaveValue('figure-7');
    // Figure 7's logs are drawn by term alone: those entries are not no-ops.
    await expect(page.locator('[data-log-node="2"][data-index="1"]')).toBeVisible();
    await expect(page.locator('.logs__command', { hasText: 'no-op' })).toHaveCount(0);
    await page.getByRole('slider', { name: 'Speed' }).fill('1');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // S1 wins term 8 and appends its election no-op at index 11.
    await expect(page.locator('[data-log-node="1"][data-index="11"]')).toContainText('no-op', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(picker).toHaveValue('figure-7');
    await page.locator('[data-node="3"]').click();
    await page.getByRole('button', { name: 'Crash', exact: true }).click();
    await expect(picker).toHaveValue('');
  });

  for (const preset of ['', 'figure-7', 'figure-8']) {
    test(`10. after an election the servers, the messages and the log table are all on screen (${preset || 'default'})`, async ({ page }, testInfo) => {
      const errors = watchErrors(page);
      await page.goto('./');
      if (preset) await page.getByRole('combobox', { name: 'Scenario' }).selectOption(preset);
      if (preset) await presetShown(page, preset);
      await page.getByRole('slider', { name: 'Speed' }).fill('0.5');
      await playUntilLeader(page);
      await page.getByRole('button', { name: 'Pause' }).click();
      expect(await scrollOffsets(page)).toEqual([0, 0]);
      for (const node of await page.locator('[data-node] .node__body').all()) {
        await expectInViewport(page, node, 'a server');
      }
      for (const message of await page.locator('[data-message]').all()) {
        await expectInViewport(page, message, 'a message');
      }
      const rows = await page.locator('[data-log-row]').all();
      expect(rows.length).toBe(await page.locator('[data-node]').count());
      for (const row of rows) {
        await expectInViewport(page, row.locator('th'), 'a log row');
        await expectInViewport(page, row.locator('td').last(), 'the newest column of a log row');
      }
      await page.screenshot({ path: testInfo.outputPath('whole-cluster.png') });
      expect(errors).toEqual([]);
    });
  }

  test('11 and 12. messages show direction, entries and answers; servers show their state machine', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    await playUntilLeader(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    const leader = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
    await page.locator(`[data-node="${leader}"]`).click();
    await page.getByRole('textbox', { name: 'Command' }).fill('x=7');
    await page.getByRole('textbox', { name: 'Command' }).press('Enter');
    // Step until the leader's AppendEntries carrying the write is in flight.
    const loaded = page.locator('[data-kind=AppendEntries]:not([data-entries="0"])');
    await stepUntil(page, loaded);
    await expect(loaded.first()).toHaveAttribute('data-entries', '1');
    await expect(loaded.first().locator('.message__count')).toHaveText('1');
    // One outline: the box and, in front of it, its arrowhead.
    expect((await loaded.first().locator('.message__shape').getAttribute('d')).match(/M/g)).toHaveLength(2);
    await expect(loaded.first()).toHaveAttribute('aria-label', /1 entry/);
    // Heartbeats say 0; replies say their answer.
    const reply = page.locator('[data-kind=AppendEntriesReply]');
    await stepUntil(page, reply);
    await expect(reply.first()).toHaveAttribute('data-granted', 'true');
    await expect(reply.first().locator('.message__answer')).toHaveClass('message__answer');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    for (const id of ['1', '2', '3', '4', '5']) {
      await expect(page.locator(`[data-kv-node="${id}"]`)).toHaveText('x=7', { timeout: 20_000 });
      await expect(page.locator(`[data-kv-node="${id}"]`)).toHaveAttribute('aria-label', `State machine of S${id}: x=7`);
    }
    await page.getByRole('button', { name: 'Pause' }).click();
    const heartbeat = page.locator('[data-kind=AppendEntries][data-entries="0"]');
    await stepUntil(page, heartbeat);
    await expect(heartbeat.first()).toHaveAttribute('aria-label', /heartbeat/);
    await expect(heartbeat.first().locator('.message__count')).toHaveCount(0);
    // A cut lane points the way it is cut.
    await page.locator('[data-lane="1-2"] .lane__hit').click({ force: true });
    await expect(page.locator('[data-lane="1-2"]')).toHaveAttribute('data-cut', 'true');
    await expect(page.locator('[data-lane="1-2"] .lane__arrow')).toHaveCount(1);
    await expect(page.locator('[data-lane="2-1"] .lane__arrow')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('13. Figure 8 is told by the run: the withheld commit and the overwrite', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-8');
    await presetShown(page, 'figure-8');
    await page.getByRole('slider', { name: 'Speed' }).fill('1');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(page.locator('.narration')).toContainText('does not commit it: it is from term 2, not S1\'s term 4 (§5.4.2)', { timeout: 20_000 });
    await expect(page.locator('.narration')).toContainText('conflicted with leader S5\'s log', { timeout: 20_000 });
  });

  test('14. acting in the past says what it discards and Undo brings it back', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`./#${PINNED}`);
    await expect(page.locator('main')).toHaveAttribute('data-time-ms', '1500');
    const hash = await page.locator('main').getAttribute('data-trace-hash');
    await page.getByRole('slider', { name: 'Time' }).fill('500');
    await page.locator('[data-node="2"]').click();
    await page.getByRole('button', { name: 'Crash', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('discarded the next 1 s of the run and 1 later action.');
    // By keyboard: Undo goes away with its notice, and the focus goes to the run's controls.
    await page.getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-node="2"]')).toHaveAttribute('data-up', 'true');
    await expect(page.locator('.controls__play')).toBeFocused();
    await page.getByRole('slider', { name: 'Time' }).fill('1500');
    await expect(page.locator('main')).toHaveAttribute('data-trace-hash', hash);
    expect(errors).toEqual([]);
  });

  test('15. the Client box opens a write form that sends to the leader the client knows', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    await playUntilLeader(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    const leader = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
    await page.locator('[data-client]').click();
    const form = page.locator('[data-client-menu]');
    await expectInViewport(page, form, 'the client form');
    // With no place clear of the servers and the controls, it covers the fewest: Play and
    // Step stay in reach.
    const uncovered = await page.locator('.controls button').evaluateAll((buttons) => buttons.map((button) => {
      const r = button.getBoundingClientRect();
      return button.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
    }));
    expect(uncovered).toEqual([true, true, true]);
    await expect(form.getByRole('combobox', { name: 'Send to' })).toHaveValue('1');
    await form.getByRole('combobox', { name: 'Send to' }).selectOption(leader);
    await form.getByRole('textbox', { name: 'Command' }).fill('k=1');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(form).toHaveCount(0);
    await expect(page.locator('[data-client]')).toBeFocused();
    // Before its answer, the client knows no leader yet: the form sends where its write waits.
    await page.locator('[data-client]').click();
    await expect(form.getByRole('combobox', { name: 'Send to' })).toHaveValue(leader);
    await expect(form.getByRole('combobox', { name: 'Send to' }).locator('option:checked')).toHaveText(`S${leader}, where a request of the client waits`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(page.locator('.narration')).toContainText('The write k=1 was committed and acknowledged.', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('[data-client]').click();
    await expect(form.getByRole('combobox', { name: 'Send to' })).toHaveValue(leader);
    await expect(form.getByRole('combobox', { name: 'Send to' })).toContainText('the leader the client knows');
    expect(errors).toEqual([]);
  });

  test('15b. a client that knows no leader sends to the first server that is up, not to a crashed S1', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    await page.locator('[data-node="1"]').click();
    await page.getByRole('button', { name: 'Crash', exact: true }).click();
    await expect(page.locator('[data-node="1"]')).toHaveAttribute('data-up', 'false');
    await page.locator('[data-client]').click();
    const target = page.locator('[data-client-menu]').getByRole('combobox', { name: 'Send to' });
    await expect(target).toHaveValue('2');
    await expect(target.locator('option:checked')).toHaveText('S2 (first up; leader not yet known)');
    // The picker shows the whole label, in both languages.
    const room = (picker) => picker.evaluate((select) => {
      const style = getComputedStyle(select);
      const context = document.createElement('canvas').getContext('2d');
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = context.measureText(select.selectedOptions[0].text).width;
      return select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16 - text;
    });
    expect(await room(target)).toBeGreaterThanOrEqual(0);
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.locator('main')).toHaveAttribute('data-lang', 'zh');
    const zhTarget = page.locator('[data-client-menu]').getByRole('combobox', { name: '发送到' });
    if (!(await zhTarget.isVisible())) await page.locator('[data-client]').click();
    await expect(zhTarget.locator('option:checked')).toHaveText('S2（第一台在线的；客户端尚不知道领导者）');
    expect(await room(zhTarget)).toBeGreaterThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});

test.describe('on a 360×740 phone with touch', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  for (const path of ['./', `./?embed#${PINNED}`]) {
    test(`3. every menu fits the screen and nothing widens the page (${path.includes('embed') ? 'embed' : 'full page'})`, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(path);
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      // The ring comes right after Play and the timeline: its top server is on the first screen.
      await expectInViewport(page, page.locator('[data-node="1"] .node__body'), 'the top server');
      for (const node of await page.locator('[data-node]').all()) {
        const id = await node.getAttribute('data-node');
        await node.scrollIntoViewIfNeeded();
        const before = await scrollOffsets(page);
        await node.tap();
        const menu = page.locator(`[data-node-menu="${id}"]`);
        await expect(menu).toBeVisible();
        await expectInViewport(page, menu, `S${id}'s menu`);
        expect(await scrollOffsets(page)).toEqual(before);
        expect(await overflow()).toBeLessThanOrEqual(0);
        await page.keyboard.press('Escape');
      }
      expect(errors).toEqual([]);
    });
  }
});

test.describe('embedded at the sizes documentation uses', () => {
  test('16. at 640×420 with the log table: servers 36 px or more, all five log rows visible, the menu inside', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 640, height: 420 });
    await page.goto('./?embed&log=1');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    for (const node of await page.locator('[data-node] .node__body').all()) {
      const box = await expectInViewport(page, node, 'a server');
      expect(box.width).toBeGreaterThanOrEqual(36);
    }
    await expect(page.locator('[data-log-row]')).toHaveCount(5);
    for (const row of await page.locator('[data-log-row]').all()) {
      await expectInViewport(page, row.locator('th'), 'a log row');
    }
    await page.locator('[data-node="3"]').click();
    await expectInViewport(page, page.locator('[data-node-menu="3"]'), 'the node menu');
    await page.screenshot({ path: testInfo.outputPath('embed-640x420.png') });
    expect(errors).toEqual([]);
  });

  test('16. at 480×360 the log table, or a lesson\'s step, stands beside the drawing, in the frame, the servers legible', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 480, height: 360 });
    await page.goto('./?embed&log=1');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    const stage = await page.locator('.embed__stage').boundingBox();
    for (const row of await page.locator('[data-log-row]').all()) {
      const box = await expectInViewport(page, row.locator('th'), 'a log row');
      expect(box.x).toBeGreaterThanOrEqual(stage.x + stage.width - 1);
    }
    await page.screenshot({ path: testInfo.outputPath('embed-480x360-log.png') });
    await page.goto('./?embed&lesson=election&step=2');
    await expect(page.locator('.lesson')).toContainText('Predict');
    const drawing = await page.locator('.embed__stage').boundingBox();
    const step = await page.locator('.lesson').boundingBox();
    expect(step.x).toBeGreaterThanOrEqual(drawing.x + drawing.width - 1);
    expect(step.y + step.height).toBeLessThanOrEqual(360);
    for (const node of await page.locator('[data-node] .node__body').all()) {
      const box = await expectInViewport(page, node, 'a server');
      expect(box.width).toBeGreaterThanOrEqual(30);
    }
    await page.screenshot({ path: testInfo.outputPath('embed-480x360-lesson.png') });
    expect(errors).toEqual([]);
  });

  test('16. at 320×240 a lesson, with or without the log table, leaves the drawing over a third of the frame', async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 320, height: 240 });
    for (const query of ['?embed&lesson=election', '?embed&log=1&lesson=election']) {
      await page.goto(`./${query}`);
      await expect(page.locator('main')).toHaveAttribute('data-lesson', 'election');
      const stage = await page.locator('.embed__stage').boundingBox();
      expect(stage.height, query).toBeGreaterThan(240 / 3);
      for (const node of await page.locator('[data-node] .node__body').all()) {
        const box = await expectInViewport(page, node, 'a server');
        expect(box.width, query).toBeGreaterThanOrEqual(14);
      }
      await expect(page.locator('.lesson__step-title')).toBeVisible();
    }
    expect(errors).toEqual([]);
  });

  test('16. at 320×240 without the log table the drawing stays legible and the menu fits the frame', async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 320, height: 240 });
    await page.goto(`./?embed#${PINNED}`);
    for (const node of await page.locator('[data-node] .node__body').all()) {
      const box = await expectInViewport(page, node, 'a server');
      expect(box.width).toBeGreaterThanOrEqual(18);
    }
    await page.locator('[data-node="1"]').click();
    await expectInViewport(page, page.locator('[data-node-menu="1"]'), 'the node menu');
    expect(errors).toEqual([]);
  });

  test('7. an embed opened at t > 0 posts no past events, only what happens after ready', async ({ page }) => {
    await page.goto('./embed-example.html');
    await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
    await page.evaluate(() => { document.getElementById('events').textContent = ''; });
    await page.locator('#playground').evaluate((element, pinned) => { element.src = `./?embed#${pinned}`; }, PINNED);
    const playground = page.frameLocator('#playground');
    await expect(playground.locator('main')).toHaveAttribute('data-time-ms', '1500');
    await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
    await frames(page, 10);
    await expect(page.locator('#events li:not([data-event=ready])')).toHaveCount(0);
    // What happens afterwards is told.
    await page.getByRole('button', { name: 'crash the leader' }).click();
    await expect(page.locator('#events li[data-event=crashed]')).toHaveCount(1);
  });
});
