// Layout and settings: a 360 px phone with touch, both themes saved as screenshots, the
// settings panel, the Step / Heal all names, and presets reaching their known end state.
import { test, expect } from '@playwright/test';
import { playUntilLeader, simulatedTime, stepUntil, watchErrors, presetShown, timeOut } from './helpers.mjs';

test.describe('on a 360 px phone with touch', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('panels stack without sideways scrolling, and a tap opens the node menu', async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    await page.goto('./');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The drawing is about half its size here: a server's name is drawn larger to stay legible.
    const name = await page.locator('[data-name-node="1"]').boundingBox();
    expect(name.height).toBeGreaterThanOrEqual(16); // 14 at the desktop font size
    await page.locator('[data-node="1"]').tap();
    const menu = page.getByRole('dialog', { name: 'Actions for S1' });
    await expect(menu).toBeVisible();
    const box = await menu.boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Time out' }).tap();
    await expect(page.locator('[data-node="1"]')).toHaveAttribute('data-role', 'candidate');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath('phone.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('a candidate\'s tally, in a phone\'s larger letters, stays inside the drawing', async ({ page }) => {
    await page.goto('./');
    // Seed 1 splits the first vote between S4 and S5, on the ring's left side.
    await stepUntil(page, page.locator('[data-votes-node]').nth(1));
    const drawing = await page.locator('svg.cluster').boundingBox();
    for (const tally of await page.locator('[data-votes-node]').all()) {
      await expect(tally).toHaveText(/^votes: \d, needs 3$/);
      const box = await tally.boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(drawing.x);
      expect(box.x + box.width).toBeLessThanOrEqual(drawing.x + drawing.width);
    }
  });

  test('a candidate on the ring\'s upper side shows its tally clear of every other server\'s circle, name and state', async ({ page }) => {
    await page.goto('./');
    await page.locator('[data-node="2"]').tap();
    await page.getByRole('button', { name: 'Time out' }).tap();
    const tally = page.locator('[data-votes-node="2"]');
    await expect(tally).toHaveText(/^votes: 1, needs 3$/);
    const box = await tally.boundingBox();
    for (const other of await page.locator('[data-node]:not([data-node="2"]) circle, [data-node]:not([data-node="2"]) text').all()) {
      const at = await other.boundingBox();
      if (!at) continue; // an element not drawn (a hidden ring)
      const apart = at.x >= box.x + box.width || at.x + at.width <= box.x || at.y >= box.y + box.height || at.y + at.height <= box.y;
      expect(apart, `${await other.evaluate((e) => e.outerHTML.slice(0, 80))} under the tally at ${JSON.stringify(box)}`).toBe(true);
    }
  });

  test('nine candidates at once each show a tally, short, clear of every other tally and server', async ({ page }) => {
    const errors = watchErrors(page);
    // Nine servers, each timed out at 0 ms (a scenario file's link), seen at 5 ms.
    await page.goto('./#s=1.eNqNj80OwiAQhN9lz8TQ-s-rGEOQrpGEAoGt0TR9d7dpPXiS2-7Ol9mZEZ6Yi4sBVCOgIHagjgJC7LCAOguIiVjleQT0aOdFk-sxDqR7Pl-avRRbKa8CHmgy3dAsAp_BG8Jg3ysoRTtjPhZe5YZ16x0G-vFrpWShNy_NSnZYdMKsTUoYOFpzmLPFpDnFNw4oygOyWQx37yzphwsE6m58wUmAsWuBywhrNH7QRVCw_oWlL7tP4i_TVjDbCmZXwewrmEMFc6xgThXMebpOH51ktbA&t=5');
    await expect(page.locator('[data-votes-node]')).toHaveCount(9);
    const drawing = await page.locator('svg.cluster').boundingBox();
    const apart = (a, b) => a.x >= b.x + b.width || a.x + a.width <= b.x || a.y >= b.y + b.height || a.y + a.height <= b.y;
    const others = await page.locator('.node__body, .node__name, .node__kv, .client__body').all();
    const placed = [];
    for (const tally of await page.locator('[data-votes-node]').all()) {
      await expect(tally).toHaveText(/^1\/5( votes)?$/);
      const box = await tally.boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(drawing.x);
      expect(box.x + box.width).toBeLessThanOrEqual(drawing.x + drawing.width);
      for (const other of others) {
        const at = await other.boundingBox();
        expect(apart(box, at), `${await other.evaluate((e) => e.outerHTML.slice(0, 80))} under a tally at ${JSON.stringify(box)}`).toBe(true);
      }
      for (const at of placed) expect(apart(box, at), `two tallies at ${JSON.stringify([box, at])}`).toBe(true);
      placed.push(box);
    }
    expect(errors).toEqual([]);
  });

  test('a preset\'s log table reads from index 1, then follows the entries added', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-6');
    await presetShown(page, 'figure-6');
    const logs = page.locator('.logs');
    await logs.scrollIntoViewIfNeeded();
    // Figure 6's S4 holds indexes 1 and 2 only: they are in view, right of the row names.
    const box = await logs.boundingBox();
    const names = await page.locator('[data-log-row="4"] th').boundingBox();
    for (const index of [1, 2]) {
      const entry = await page.locator(`[data-log-node="4"][data-index="${index}"]`).boundingBox();
      expect(entry.x).toBeGreaterThanOrEqual(names.x + names.width - 1);
      expect(entry.x + entry.width).toBeLessThanOrEqual(box.x + box.width);
    }
    expect(await logs.evaluate((table) => table.scrollWidth > table.clientWidth)).toBe(true);
    await page.getByRole('slider', { name: 'Speed' }).fill('1'); // 10×
    await page.getByRole('button', { name: 'Play', exact: true }).tap();
    await expect(page.locator('[data-log-node="1"][data-index="9"]')).toHaveCount(1, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Pause' }).tap();
    await expect.poll(() => logs.evaluate((table) => table.scrollLeft + table.clientWidth >= table.scrollWidth - 1)).toBe(true);
    expect(errors).toEqual([]);
  });

  test('values taken in Settings, below the drawing, bring the drawing back into view', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('break-largest-id');
    await presetShown(page, 'break-largest-id');
    await page.getByText('Settings', { exact: true }).tap();
    await page.getByLabel(/^Vote again for a higher server id/).uncheck();
    await page.getByRole('button', { name: 'Replay with this change' }).tap();
    await expect(page.locator('details.settings')).toHaveJSProperty('open', false);
    await expect.poll(async () => Math.round((await page.locator('.playground__stage').boundingBox()).y)).toBeCloseTo(0, 0);
    expect(errors).toEqual([]);
  });

  test('while exploring, the drawing stays at the top of the screen as events are chosen below it', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('break-largest-id');
    await presetShown(page, 'break-largest-id');
    await page.getByRole('button', { name: 'Explore', exact: true }).tap();
    for (let chosen = 0; chosen < 3; chosen += 1) {
      await page.locator('[data-event^="deliver:"]').first().tap();
      const stage = await page.locator('.playground__stage').boundingBox();
      expect(Math.abs(stage.y)).toBeLessThan(1);
      await expect(page.locator('.playground__stage')).toBeInViewport({ ratio: 1 });
      // The next choice, focused, is in view below the drawing, not under it.
      const focused = page.locator('[data-event]:focus');
      await expect(focused).toBeInViewport({ ratio: 1 });
      expect((await focused.boundingBox()).y).toBeGreaterThanOrEqual(stage.y + stage.height - 1);
    }
    expect(errors).toEqual([]);
  });

  test('Explore opened at the start shows its heading right under the drawing, and a message\'s card leaves its servers in view', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    await page.getByRole('button', { name: 'Explore', exact: true }).tap();
    await expect(page.locator('[data-event="timeout:1"]')).toBeFocused();
    const stage = await page.locator('.playground__stage').boundingBox();
    const heading = page.getByRole('heading', { name: 'Explore: choose the next event' });
    await expect(heading).toBeInViewport({ ratio: 1 });
    expect((await heading.boundingBox()).y).toBeGreaterThanOrEqual(stage.y + stage.height - 1);
    // The Look for picker stays inside its panel.
    const panel = await page.locator('.explore').boundingBox();
    const picker = await page.getByRole('combobox', { name: 'Look for' }).boundingBox();
    expect(picker.x + picker.width).toBeLessThanOrEqual(panel.x + panel.width);
    // S1 campaigns; its request to S3, opened, covers neither S1 nor S3.
    await page.locator('[data-event="timeout:1"]').tap();
    const request = page.locator('[data-message][data-from="1"][data-to="3"]');
    await request.dispatchEvent('click');
    const card = await page.locator('.message-panel').boundingBox();
    const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    // It covers no server at all: it hangs under the drawing, whole in the window.
    for (const node of ['1', '2', '3', '4', '5']) {
      const server = await page.locator(`[data-node="${node}"] circle`).first().boundingBox();
      expect(overlaps(card, server), `S${node} under the card`).toBe(false);
    }
    expect(card.y + card.height).toBeLessThanOrEqual(740);
    await expect(page.locator('.message-panel').getByRole('button', { name: 'Close message' })).toBeInViewport({ ratio: 1 });
    expect(errors).toEqual([]);
  });

  test('a tapped message opens its card under the drawing, in view, covering no server', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('./');
    await page.getByRole('button', { name: 'Step', exact: true }).tap(); // an election: votes in flight
    const message = page.locator('[data-message]').first();
    await message.scrollIntoViewIfNeeded();
    // What a finger can hit is at least 24 px across, though the drawing is scaled down.
    const target = await message.locator('.message__hit').boundingBox();
    expect(Math.min(target.width, target.height)).toBeGreaterThanOrEqual(24);
    await message.dispatchEvent('click'); // just sent, it is still half under its sender's circle
    const card = page.locator('.message-panel');
    await expect(card).toBeVisible();
    const drawing = await page.locator('svg.cluster').boundingBox();
    await expect.poll(async () => (await card.boundingBox()).y + (await card.boundingBox()).height).toBeLessThanOrEqual(740);
    const box = await card.boundingBox();
    expect(box.y).toBeGreaterThanOrEqual(drawing.y + drawing.height - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    // It pushes the controls down, never over them.
    const controls = await page.locator('.playground__transport').boundingBox();
    expect(controls.y).toBeGreaterThanOrEqual(box.y + box.height);
    // Its close button is inside it, and closes it.
    const close = await card.getByRole('button', { name: 'Close message' }).boundingBox();
    expect(close.y).toBeGreaterThanOrEqual(box.y);
    expect(close.y + close.height).toBeLessThanOrEqual(box.y + box.height);
    await card.getByRole('button', { name: 'Close message' }).tap();
    await expect(card).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

for (const scheme of ['light', 'dark']) {
  test(`a screenshot of the ${scheme} theme is kept as a test artifact`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('./');
    await playUntilLeader(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    const path = testInfo.outputPath(`theme-${scheme}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`theme-${scheme}`, { path, contentType: 'image/png' });
  });
}

test.describe('on a tablet', () => {
  test.use({ hasTouch: true, isMobile: true });

  test('held upright, the whole ring and Play are on the first screen, a preset\'s words under the ring', async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto('./');
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-8');
    await presetShown(page, 'figure-8');
    for (let node = 1; node <= 5; node += 1) {
      await expect(page.locator(`[data-node="${node}"] .node__body`)).toBeInViewport({ ratio: 1 });
    }
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeInViewport({ ratio: 1 });
    const stage = await page.locator('.playground__stage').boundingBox();
    const words = await page.locator('.scenario-info').boundingBox();
    expect(words.y).toBeGreaterThanOrEqual(stage.y + stage.height);
    expect(errors).toEqual([]);
  });

  test('on its side, at 1024×768, the whole ring fits under the header that wraps', async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('./?lang=zh');
    for (let node = 1; node <= 5; node += 1) {
      await expect(page.locator(`[data-node="${node}"]`)).toBeInViewport({ ratio: 1 });
    }
    expect(errors).toEqual([]);
  });
});

test('on a 1024×768 laptop the header takes two rows, and Figure 8\'s ring and every log row are in view beside its words', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const lang of ['en', 'zh']) {
    await page.goto(`./?lang=${lang}`);
    const top = async (selector) => Math.round((await page.locator(selector).boundingBox()).y);
    // The language, the theme and the shortcuts share the title's row; the cluster bar has the next.
    expect(Math.abs((await top('.playground__preferences')) - (await top('.playground h1')))).toBeLessThan(8);
    expect(await top('.network-bar')).toBeGreaterThan(await top('.playground__preferences'));
    expect(await top('.playground__transport')).toBeLessThan(170);
  }
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-8');
  await presetShown(page, 'figure-8');
  for (let node = 1; node <= 5; node += 1) {
    await expect(page.locator(`[data-node="${node}"] .node__body`)).toBeInViewport({ ratio: 1 });
    await expect(page.locator(`[data-log-node="${node}"]`).first()).toBeInViewport({ ratio: 1 });
  }
  // The words scroll in their box; all of them are there.
  const words = page.locator('.scenario-info__description');
  expect(await words.evaluate((p) => p.scrollHeight > p.clientHeight)).toBe(true);
  await expect(words).toContainText('until a leader commits an entry after it.');
  expect(errors).toEqual([]);
});

test('zoomed to 200 % on a 1280×800 laptop (640×400), the whole ring and Play fit the window at once', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto('./');
  const stage = await page.locator('.playground__stage').boundingBox();
  const play = await page.getByRole('button', { name: 'Play', exact: true }).boundingBox();
  expect(play.y + play.height - stage.y).toBeLessThanOrEqual(400);
  // A phone held upright keeps the ring the column's width.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect.poll(async () => (await page.locator('.playground__stage').boundingBox()).width).toBe(328);
});

test('on a 1920×1080 projector the ring takes the height below the header, the whole of it in view, the logs beside it', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('./');
  const stage = await page.locator('.playground__stage').boundingBox();
  expect(stage.height).toBeGreaterThanOrEqual(800);
  for (let node = 1; node <= 5; node += 1) {
    await expect(page.locator(`[data-node="${node}"]`)).toBeInViewport({ ratio: 1 });
  }
  const side = await page.locator('.playground__side').boundingBox();
  expect(side.x).toBeGreaterThanOrEqual(stage.x + stage.width);
  expect(side.width).toBeGreaterThanOrEqual(480);
});

test('servers\' names are drawn over the messages in flight, which leave through them on a crowded ring', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await timeOut(page, 1);
  await expect(page.locator('[data-message]')).toHaveCount(4);
  const order = await page.evaluate(() => [...document.querySelectorAll('[data-name-node]')].map((name) => {
    const message = document.querySelector('[data-message]');
    return [name.textContent, Boolean(message.compareDocumentPosition(name) & Node.DOCUMENT_POSITION_FOLLOWING)];
  }));
  expect(order).toEqual([1, 2, 3, 4, 5].map((id) => [`S${id}`, true]));
  expect(errors).toEqual([]);
});

test('settings start a fresh cluster, and invalid values are refused with a message', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByText('Settings').click();
  const form = page.getByRole('form', { name: 'Settings' });
  // A phone offers digits for a whole number, and a decimal point for a percentage.
  await expect(form.getByLabel('Heartbeat interval (ms)')).toHaveAttribute('inputmode', 'numeric');
  await expect(form.getByLabel(/^Clock drift a lease allows for/)).toHaveAttribute('inputmode', 'numeric');
  await expect(form.getByLabel('Messages lost (%)')).toHaveAttribute('inputmode', 'decimal');
  await form.getByLabel('Heartbeat interval (ms)').fill('500');
  await form.getByRole('button', { name: /^Apply/ }).click();
  // Told just below the buttons that applied it (on a phone the page's own notice would be
  // screens away), and what was typed stays, to be corrected.
  await expect(page.getByRole('alert')).toContainText('Heartbeat interval');
  const alertBox = await page.getByRole('alert').boundingBox();
  const applyBox = await form.getByRole('button', { name: /^Apply/ }).boundingBox();
  expect(alertBox.y - (applyBox.y + applyBox.height)).toBeLessThan(60);
  await expect(form.getByLabel('Heartbeat interval (ms)')).toHaveValue('500');
  // The field at fault is marked, and described by the refusal, for a screen reader.
  await expect(form.getByLabel('Heartbeat interval (ms)')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Heartbeat interval (ms)')).toHaveAccessibleDescription(/Heartbeat interval/);
  await expect(form.getByLabel('Election timeout, shortest (ms)')).not.toHaveAttribute('aria-invalid');
  await form.getByLabel('Heartbeat interval (ms)').fill('');
  await form.getByRole('button', { name: /^Apply/ }).click();
  await expect(page.getByRole('alert')).toContainText('Heartbeat interval');
  await form.getByLabel('Heartbeat interval (ms)').fill('40');
  await form.getByLabel('Election timeout, shortest (ms)').fill('1000');
  await form.getByLabel('Election timeout, longest (ms)').fill('1200');
  await form.getByRole('button', { name: /^Apply/ }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('input[name=heartbeat_ms]')).not.toHaveAttribute('aria-invalid');
  // The form scrolled the page down to Apply and is gone: Play and the drawing are back in view.
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeInViewport({ ratio: 1 });
  await expect(page.locator('.playground__stage')).toBeInViewport({ ratio: 1 });
  await page.getByRole('slider', { name: 'Speed' }).fill('1');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
  expect(await simulatedTime(page)).toBeGreaterThanOrEqual(1_000);
  expect(errors).toEqual([]);
});

test('the buttons carry the contract names Step, Step back and Heal all', async ({ page }) => {
  await page.goto('./');
  for (const name of ['Play', 'Step', 'Step back', 'Heal all']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
  }
  await expect(page.getByRole('slider', { name: 'Speed' })).toHaveCount(1);
  await expect(page.getByRole('slider', { name: 'Time' })).toHaveCount(1);
});

const endStates = [
  { id: 'figure-6', until: 1500, check: '[data-log-node][data-index="9"][data-committed=true]', count: 5 },
  { id: 'figure-7', until: 1500, check: '[data-log-node][data-index="12"][data-term="8"][data-committed=true]', count: 7 },
  { id: 'figure-8', until: 1000, check: '[data-log-node][data-index="2"][data-term="3"]', count: 4 },
];
for (const { id, until, check, count } of endStates) {
  test(`the ${id} preset reaches its known end state`, async ({ page }) => {
    await page.goto('./');
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption(id);
    await presetShown(page, id);
    await page.getByRole('slider', { name: 'Speed' }).fill('0.5');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => simulatedTime(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(until);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.locator(check)).toHaveCount(count);
    await expect(page.locator('[data-invariant][data-ok=false]')).toHaveCount(0);
  });
}

test('what is typed into the settings stays while the cluster plays', async ({ page }) => {
  await page.goto('./');
  await page.getByText('Settings').click();
  const form = page.getByRole('form', { name: 'Settings' });
  await page.getByRole('slider', { name: 'Speed' }).fill('1');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await form.getByLabel('Heartbeat interval (ms)').fill('77');
  await form.getByLabel('Client timeout (ms)').fill('4321');
  // Dozens of frames redraw the page while the simulated clock moves on.
  const start = await simulatedTime(page);
  await expect.poll(() => simulatedTime(page)).toBeGreaterThan(start + 1_000);
  await expect(form.getByLabel('Heartbeat interval (ms)')).toHaveValue('77');
  await expect(form.getByLabel('Client timeout (ms)')).toHaveValue('4321');
});

test('on a touch screen, buttons, fields and boxes to tick are big enough for a finger', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('.settings summary').tap();
  const sizes = await page.evaluate(() => [...document.querySelectorAll(
    '.playground button, .playground select, .playground summary, .settings input:not([type=file])',
  )].filter((e) => e.getClientRects().length > 0).map((e) => {
    const r = e.getBoundingClientRect();
    return { what: `${e.tagName} ${e.getAttribute('name') ?? e.textContent.trim().slice(0, 20)}`, width: r.width, height: r.height, box: e.type === 'checkbox' };
  }));
  expect(sizes.length).toBeGreaterThan(30);
  const small = sizes.filter(({ width, height, box }) => (box ? Math.min(width, height) < 20 : height < 36));
  expect(small).toEqual([]);
  // A paused message is a target of at least 24 px (its drawing is about 9 px on this phone).
  await page.getByRole('button', { name: 'Step', exact: true }).tap();
  await expect(page.locator('[data-message]').first()).toBeVisible();
  const messages = await page.locator('[data-message]').evaluateAll((all) => all.map((m) => {
    const r = m.getBoundingClientRect();
    return Math.min(r.width, r.height);
  }));
  expect(messages.length).toBeGreaterThan(0);
  expect(Math.min(...messages)).toBeGreaterThanOrEqual(24);
  // A server's menu: its ×, a clock's 1× and a link's →S2 are as wide as they are tall.
  await page.locator('[data-node="2"]').tap();
  const menu = await page.locator('.node-menu button').evaluateAll((all) => all.map((b) => {
    const r = b.getBoundingClientRect();
    return { what: b.textContent.trim(), side: Math.min(r.width, r.height) };
  }));
  expect(menu.length).toBeGreaterThan(8);
  expect(menu.filter(({ side }) => side < 36)).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test('at 1280×800 in English, with a lesson open, the cluster bar and the preferences share a row and every server is in view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./#lesson=election');
  await expect(page.locator('main[data-lesson="election"]')).toHaveCount(1);
  const picker = await page.getByRole('combobox', { name: 'Scenario' }).boundingBox();
  const theme = await page.getByRole('combobox', { name: 'Theme' }).boundingBox();
  expect(Math.abs(theme.y - picker.y)).toBeLessThan(12);
  for (const server of await page.locator('[data-node] .node__body').all()) {
    const box = await server.boundingBox();
    expect(box.y + box.height).toBeLessThanOrEqual(800);
  }
});

test('on a phone a preset chosen at the top keeps the whole drawing and Play on the first screen, its words right under Play', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto('./?lang=zh');
  await page.getByRole('combobox', { name: '场景' }).selectOption('figure-8');
  await presetShown(page, 'figure-8');
  const drawing = await page.locator('svg.cluster').boundingBox();
  expect(drawing.y + drawing.height).toBeLessThanOrEqual(740);
  const play = await page.getByRole('button', { name: '播放' }).boundingBox();
  expect(play.y + play.height).toBeLessThanOrEqual(740);
  const words = await page.locator('.scenario-info').boundingBox();
  expect(words.y).toBeGreaterThan(play.y);
  const logs = await page.locator('.logs').first().boundingBox();
  expect(logs.y).toBeGreaterThan(words.y);
  await context.close();
});

test('on a phone the whole drawing and Play fit the first screen, Play and a full-width time slider under the drawing, and the language and theme follow them', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto('./');
  const drawing = await page.locator('svg.cluster').boundingBox();
  // The whole ring is in view before any scrolling, and Play right under it, as a video's controls.
  expect(drawing.y + drawing.height).toBeLessThanOrEqual(740);
  const play = await page.getByRole('button', { name: 'Play' }).boundingBox();
  expect(play.y).toBeGreaterThanOrEqual(drawing.y + drawing.height);
  expect(play.y + play.height).toBeLessThanOrEqual(740);
  const slider = await page.getByRole('slider', { name: 'Time' }).boundingBox();
  expect(slider.width).toBeGreaterThan(300);
  expect(slider.y).toBeGreaterThan(play.y);
  // Speed and Explore share a row.
  const speed = await page.getByRole('slider', { name: 'Speed' }).boundingBox();
  const explore = await page.getByRole('button', { name: 'Explore' }).boundingBox();
  expect(Math.abs(speed.y + speed.height / 2 - (explore.y + explore.height / 2))).toBeLessThan(12);
  // The logs come after the controls.
  const logs = await page.locator('.logs').first().boundingBox();
  expect(logs.y).toBeGreaterThan(slider.y);
  // The language switch stays at the top, beside the title; the theme follows the logs; the
  // shortcuts, which need a keyboard, are not offered on a touch screen alone.
  const title = await page.getByRole('heading', { level: 1 }).boundingBox();
  const language = await page.getByRole('button', { name: '切换到中文' }).boundingBox();
  expect(language.y).toBeLessThan(title.y + title.height);
  const titleEnd = await page.getByRole('heading', { level: 1 }).evaluate((h1) => {
    const range = document.createRange();
    range.selectNodeContents(h1);
    return range.getBoundingClientRect().right;
  });
  expect(language.x).toBeGreaterThan(titleEnd);
  expect(language.x + language.width).toBeLessThanOrEqual(360);
  const theme = await page.getByRole('combobox', { name: 'Theme' }).boundingBox();
  expect(theme.y).toBeGreaterThan(logs.y);
  await expect(page.getByRole('button', { name: /Shortcuts/ })).toBeHidden();
  await context.close();
});
