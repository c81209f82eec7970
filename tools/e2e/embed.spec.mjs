// Embedding: the compact ?embed page fills small frames without scrollbars, the Embed code
// works, and a documentation page drives an embedded playground with postMessage.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { frames, simulatedTime, watchErrors } from './helpers.mjs';

const PINNED = readFileSync(new URL('../../crates/raft-sim/tests/golden/link_v1.txt', import.meta.url), 'utf8').trim();

/** Whether the document scrolls in either direction. */
const scrolls = (page) =>
  page.evaluate(() => {
    const e = document.documentElement;
    return e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight;
  });

/**
 * Collects the events of every frame in `window.heard` (emptied first), and opens a frame of
 * `src` above the example's that posts `commands` as soon as its document has loaded, before
 * its WebAssembly has started (`window.loadedBeforeReady` says whether it was so).
 */
const openPostingOnLoad = (page, src, commands, id = '') =>
  page.evaluate(([src, commands, id]) => {
    window.heard = [];
    if (!window.hearing) {
      window.hearing = true;
      window.addEventListener('message', (event) => {
        if (event.data && event.data.raftPlayground === 1) window.heard.push(event.data);
      });
    }
    const frame = document.createElement('iframe');
    frame.id = id;
    frame.style.width = '640px';
    frame.style.height = '420px';
    frame.addEventListener('load', () => {
      window.loadedBeforeReady = !window.heard.some((data) => data.event === 'ready');
      for (const command of commands) frame.contentWindow.postMessage({ raftPlayground: 1, ...command }, '*');
    });
    frame.src = src;
    document.body.prepend(frame);
  }, [src, commands, id]);

for (const [width, height] of [[320, 240], [480, 360], [800, 600]]) {
  test(`the embed fills a ${width}×${height} frame without scrollbars`, async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width, height });
    await page.goto(`./?embed&log=1#${PINNED}`);
    await expect(page.locator('[data-node]')).toHaveCount(3);
    await expect(page.locator('main')).toHaveAttribute('data-embed', 'true');
    await expect(page.locator('.embed__title')).toHaveText('Pinned <b>link</b> 选主');
    expect(await scrolls(page)).toBe(false);
    const drawing = await page.locator('svg.cluster').boundingBox();
    expect(drawing.height).toBeGreaterThan(height / 3);
    for (const name of ['Play', 'Step back', 'Step']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(box.y + box.height).toBeLessThanOrEqual(height);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
    await expect(page.getByRole('slider', { name: 'Time' })).toBeVisible();
    // The full page's panels are not part of the embed.
    await expect(page.getByText('Share, embed, export')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Heal all' })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath(`embed-${width}x${height}.png`) });
    expect(errors).toEqual([]);
  });
}

test('in a 320×240 frame a long notice scrolls in its box and leaves Play, Step and a lesson\'s Next in the frame', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 320, height: 240 });
  for (const address of ['./?embed#s=1.garbage&t=0', './?embed&lesson=election&step=99']) {
    await page.goto(address);
    await expect(page.getByRole('alert')).toBeVisible();
    expect(await scrolls(page)).toBe(false);
    for (const button of ['Play', 'Step back', 'Step', ...(address.includes('lesson') ? ['Next →'] : [])]) {
      const box = await page.getByRole('button', { name: button, exact: true }).boundingBox();
      expect(box.y + box.height, `${button} in ${address}`).toBeLessThanOrEqual(240);
    }
    const notice = await page.locator('.playground__notice').boundingBox();
    expect(notice.height).toBeLessThanOrEqual(60);
  }
  expect(errors).toEqual([]);
});

test('an embed starts paused, or playing with autoplay, and shows the log table only when asked', async ({ page, context }) => {
  await page.goto(`./?embed#${PINNED}`);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(page.locator('[data-log-node]')).toHaveCount(0);
  await frames(page, 5);
  expect(await simulatedTime(page)).toBe(1500);
  await page.goto(`./?embed&autoplay=1&log=1#${PINNED}`);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => simulatedTime(page)).toBeGreaterThan(1500);
  await expect(page.locator('[data-log-node]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await simulatedTime(page);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  expect(await simulatedTime(page)).toBeGreaterThan(paused);
  // "Open in the playground" opens the full page at the embed's current moment.
  const [full] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /Open in the playground/ }).click()]);
  await expect(full.locator('main')).toHaveAttribute('data-trace-hash', await page.locator('main').getAttribute('data-trace-hash'));
  await expect(full.locator('main')).not.toHaveAttribute('data-embed', 'true');
});

test('the Embed code is an iframe of this run that loads', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`./#${PINNED}`);
  await page.getByText('Share, embed, export').click();
  // The sizes the embed is made for, from 320×240 up.
  await expect(page.getByLabel('Width (px)')).toHaveAttribute('min', '320');
  await expect(page.getByLabel('Height (px)')).toHaveAttribute('min', '240');
  // A run's embed keeps its size with the log table (640×420 shows five rows); a lesson's
  // takes the size the README gives for a lesson with its log table, and back.
  const size = async () => [await page.getByLabel('Width (px)').inputValue(), await page.getByLabel('Height (px)').inputValue()];
  const sized = async (frame, width, height) => {
    await expect(frame.getByLabel('Width (px)')).toHaveValue(width);
    await expect(frame.getByLabel('Height (px)')).toHaveValue(height);
  };
  expect(await size()).toEqual(['640', '420']);
  await page.getByLabel('Show the log table').check();
  expect(await size()).toEqual(['640', '420']);
  await page.getByLabel('Show the log table').uncheck();
  const lesson = await context.newPage();
  await lesson.goto('./#lesson=election');
  await expect(lesson.locator('main')).toHaveAttribute('data-lesson', 'election');
  await lesson.getByText('Share, embed, export').click();
  await lesson.getByLabel('Show the log table').check();
  await sized(lesson, '960', '600');
  // The fields keep showing the size the code was made with.
  await lesson.getByRole('button', { name: 'Copy code' }).click();
  await expect(lesson.getByLabel('Embed code')).toHaveValue(/ width="960" height="600" title="Leader election" /);
  // A frame in 中文 is named in 中文.
  await lesson.locator('.share__embed select[name=lang]').selectOption('zh');
  await lesson.getByRole('button', { name: 'Copy code' }).click();
  await expect(lesson.getByLabel('Embed code')).toHaveValue(/ title="选主" /);
  await sized(lesson, '960', '600');
  await lesson.getByLabel('Show the log table').uncheck();
  await sized(lesson, '640', '420');
  await lesson.close();
  await page.getByLabel('Width (px)').fill('480');
  await page.getByLabel('Height (px)').fill('360');
  await page.getByLabel('Start playing').check();
  await page.getByRole('button', { name: 'Copy code' }).click();
  const code = await page.getByLabel('Embed code').inputValue();
  await sized(page, '480', '360');
  expect(code).toMatch(/^<iframe src="[^"]+\/raft\/\?embed&amp;autoplay=1#s=1\.[^"]+&amp;t=1500" width="480" height="360" title="Pinned &lt;b&gt;link&lt;\/b&gt; 选主"/);
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  const host = await context.newPage();
  await host.setContent(`<!DOCTYPE html><body>${code}</body>`);
  const src = await host.locator('iframe').getAttribute('src');
  const frame = await context.newPage();
  await frame.goto(src);
  await expect(frame.locator('main')).toHaveAttribute('data-embed', 'true');
  await expect.poll(() => simulatedTime(frame)).toBeGreaterThan(1500);
});

test('speed= sets the speed a page or an embed plays at, and the Embed code carries the page\'s speed', async ({ page, context }) => {
  const errors = watchErrors(page);
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await page.goto(`./?speed=1#${PINNED}`);
  const speed = page.getByRole('slider', { name: 'Speed' });
  await expect(speed).toHaveAttribute('aria-valuetext', '1×');
  await page.getByText('Share, embed, export').click();
  // Another speed than the page's own (0.1×) is offered, ticked, for the embed.
  const atSpeed = page.getByLabel("At this page's speed: 1×");
  await expect(atSpeed).toBeChecked();
  await page.getByRole('button', { name: 'Copy code' }).click();
  await expect(page.getByLabel('Embed code')).toHaveValue(/\?embed&amp;speed=1#s=1\./);
  await atSpeed.uncheck();
  await page.getByRole('button', { name: 'Copy code' }).click();
  await expect(page.getByLabel('Embed code')).toHaveValue(/\?embed#s=1\./);
  // At the page's own speed there is nothing to carry.
  await speed.fill('-1');
  await expect(page.getByLabel(/At this page's speed/)).toHaveCount(0);
  // A value that is not a speed from 0.01 to 100 is ignored, and the developer told why.
  await page.goto(`./?embed&speed=400#${PINNED}`);
  await expect(page.locator('main')).toHaveAttribute('data-embed', 'true');
  await expect.poll(() => warnings.join('\n')).toContain('speed=400 is not a speed from 0.01 to 100');
  expect(errors).toEqual([]);
});

test('lang= chooses the language of an embed, which the visitor does not keep, and the Embed code can ask for it', async ({ page, context }) => {
  // The browser speaks English; the course that embeds the run is in 中文.
  await page.goto(`./?embed&lang=zh#${PINNED}`);
  await expect(page.locator('main')).toHaveAttribute('data-lang', 'zh');
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', /^zh/);
  expect(await page.evaluate(() => localStorage.getItem('raft-playground.lang'))).not.toBe('"zh"');
  // Opened in full, the run keeps the language the embed was asked for.
  const [full] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: /在演练场中打开/ }).click()]);
  await expect(full.locator('main')).toHaveAttribute('data-lang', 'zh');
  expect(new URL(full.url()).search).toBe('?lang=zh');
  // Without lang=, the page speaks the browser's language again: nothing was remembered.
  await page.goto(`./?embed#${PINNED}`);
  await expect(page.locator('main')).toHaveAttribute('data-lang', 'en');
  // A value that is no language of the page is ignored, and the console says so; `cn` is 中文.
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await page.goto(`./?embed&lang=fr#${PINNED}`);
  await expect(page.locator('main')).toHaveAttribute('data-lang', 'en');
  await expect.poll(() => warnings).toContainEqual(expect.stringContaining('lang=fr is not a language of the page (en, zh)'));
  await page.goto(`./?embed&lang=cn#${PINNED}`);
  await expect(page.locator('main')).toHaveAttribute('data-lang', 'zh');
  // The share panel's embed form asks for a language; its default leaves it to the reader.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`./#${PINNED}`);
  await page.getByText('Share, embed, export').click();
  await page.getByRole('button', { name: 'Copy code' }).click();
  expect(await page.getByLabel('Embed code').inputValue()).not.toContain('lang=');
  await page.getByLabel('Language').selectOption('zh');
  await page.getByRole('button', { name: 'Copy code' }).click();
  expect(await page.getByLabel('Embed code').inputValue()).toMatch(/\?embed&amp;lang=zh#s=1\./);
  // A preset's link in the embed's language: its 中文 title, from the English page.
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-7');
  await expect(page.locator('main[data-preset="figure-7"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Copy code' }).click();
  const src = /src="([^"]+)"/.exec(await page.getByLabel('Embed code').inputValue())[1].replaceAll('&amp;', '&');
  await page.goto(src);
  await expect(page.locator('.embed__title')).toHaveText(/^图 7/);
  // The language button's choice is remembered, as before.
  await page.goto(`./?lang=zh#${PINNED}`);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-lang', 'en');
  expect(await page.evaluate(() => localStorage.getItem('raft-playground.lang'))).toBe('"en"');
  // Switching back to the language the link asked for is a choice too.
  await page.getByRole('button', { name: '切换到中文' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-lang', 'zh');
  expect(await page.evaluate(() => localStorage.getItem('raft-playground.lang'))).toBe('"zh"');
});

test('the example documentation page drives its embedded playground and hears its events', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./embed-example.html');
  const playground = page.frameLocator('#playground');
  await expect(playground.locator('[data-node]')).toHaveCount(5);
  const events = page.locator('#events li');
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);

  await page.getByRole('button', { name: 'play the cluster' }).click();
  await expect(page.locator('#events li[data-event=leader]').first()).toBeVisible({ timeout: 20_000 });
  const elected = await page.locator('#events li[data-event=leader]').first().textContent();
  const leader = Number(/"node":(\d)/.exec(elected)[1]);

  await page.getByRole('button', { name: 'crash the leader' }).click();
  await expect(page.locator('#events li[data-event=crashed]').first()).toContainText(`"node":${leader}`);
  await expect(playground.locator(`[data-node="${leader}"]`)).toHaveAttribute('data-up', 'false');

  await page.getByRole('button', { name: 'pause' }).click();
  await page.getByRole('button', { name: 'seek to 2 s' }).click();
  await expect(playground.locator('main')).toHaveAttribute('data-time-ms', '2000');
  await page.getByRole('button', { name: 'ask for the state' }).click();
  await expect(page.locator('#events li[data-event=state]').first()).toContainText('"time_ms":2000');
  expect(await events.count()).toBeGreaterThan(3);
  expect(errors).toEqual([]);
});

test('an embedded lesson in a frame wider than high puts its step beside the drawing', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 420 });
  await page.goto('./?embed&lesson=replication&step=5');
  const lesson = page.locator('.lesson');
  await expect(lesson).toContainText('Predict');
  const stage = await page.locator('.embed__stage').boundingBox();
  const text = await lesson.boundingBox();
  expect(text.x).toBeGreaterThanOrEqual(stage.x + stage.width - 1);
  expect(stage.height).toBeGreaterThan(420 * 0.7);
  expect(text.y + text.height).toBeLessThanOrEqual(420);
  expect(await scrolls(page)).toBe(false);
  // In a frame higher than wide, the step's text is under the drawing.
  await page.setViewportSize({ width: 480, height: 640 });
  const under = await lesson.boundingBox();
  const drawing = await page.locator('.embed__stage').boundingBox();
  expect(under.y).toBeGreaterThanOrEqual(drawing.y + drawing.height - 1);
});

test('an embedded lesson whose panel scrolls shows the answer picked and why, without moving its host\'s page', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 432 });
  await page.goto('./?embed&lesson=election&step=2');
  const choice = page.locator('.lesson__choice').filter({ hasText: 'They wait.' });
  await expect(choice).toBeVisible();
  await choice.locator('[data-choice]').click();
  await expect(choice.locator('.lesson__why')).toContainText('The right answer.');
  await expect(choice.locator('.lesson__why')).toBeInViewport({ ratio: 1 });
  await expect(choice.locator('[data-choice]')).toBeInViewport({ ratio: 1 });
  expect(await scrolls(page)).toBe(false);
});

test('an embedded lesson at 960×600 with its log table shows the row of the server its step is about, above the pager', async ({ page }) => {
  await page.setViewportSize({ width: 960, height: 600 });
  // Reads step 1 points at S1 and S4, in a box too short for five rows; replication step 4 at
  // S2 and S4 and at S2's entries.
  for (const [lesson, step] of [['reads', 1], ['replication', 4]]) {
    await page.goto('about:blank');
    await page.goto(`./?embed&log=1#lesson=${lesson}&step=${step}`);
    await expect(page.locator('main')).toHaveAttribute('data-lesson-step', String(step));
    const logs = page.locator('.logs');
    if (lesson === 'reads') await expect.poll(() => logs.evaluate((box) => box.scrollHeight > box.clientHeight)).toBe(true);
    const row = page.locator('[data-log-row="4"]');
    await expect.poll(async () => {
      const [shown, pager, area] = [await row.boundingBox(), await page.locator('.logs__scroll').boundingBox(), await logs.boundingBox()];
      return shown.y >= area.y && shown.y + shown.height <= pager.y + 1 && pager.y + pager.height <= area.y + area.height + 1;
    }, `${lesson} step ${step}: S4's row above the pager`).toBe(true);
    expect(await scrolls(page)).toBe(false);
  }
});

test('keys on a server in an embed do not scroll the page around the frame', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('./embed-example.html');
  await page.evaluate((pinned) => {
    const frame = document.createElement('iframe');
    frame.id = 'key-frame';
    frame.style.cssText = 'width:640px;height:420px;display:block';
    frame.src = `./?embed#${pinned}`;
    document.body.prepend(frame);
    document.body.append(Object.assign(document.createElement('div'), { style: 'height:3000px' }));
  }, PINNED);
  const server = page.frameLocator('#key-frame').locator('[data-node="1"]');
  await server.focus();
  for (const key of ['ArrowDown', 'End', 'PageDown', 'ArrowUp']) await server.press(key);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('commands posted on the frame\'s load event, before ready, are obeyed after it, in order', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./embed-example.html');
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
  await openPostingOnLoad(page, './?embed&lesson=election',
    [{ command: 'goto-step', step: 8 }, { command: 'goto-step', step: 3 }, { command: 'state' }], 'early-frame');
  await expect.poll(() => page.evaluate(() => window.heard.map((data) => data.event))).toContain('state');
  expect(await page.evaluate(() => window.loadedBeforeReady)).toBe(true);
  const heard = await page.evaluate(() => window.heard);
  expect(heard[0].event).toBe('ready');
  // The state asked after goto-step waited for the lesson to open at that step.
  expect(heard.find((data) => data.event === 'state')).toMatchObject({ lesson: 'election', step: 3 });
  // goto-step waited for the lesson's file, then opened it at its step 3.
  await expect(page.frameLocator('#early-frame').locator('main')).toHaveAttribute('data-lesson-step', '3');
  // A step the lesson lacks, asked while it loaded, is refused in its turn; the next is shown.
  expect(heard.filter((data) => data.event === 'error').map((data) => data.message))
    .toEqual(['There is no step 8: this lesson has 5 steps.']);
  // state tells the lesson and its step once the lesson is open.
  await page.evaluate(() => document.getElementById('early-frame').contentWindow.postMessage({ raftPlayground: 1, command: 'state' }, '*'));
  await expect
    .poll(() => page.evaluate(() => window.heard.filter((data) => data.event === 'state').at(-1)))
    .toMatchObject({ lesson: 'election', step: 3, steps: expect.any(Number) });
  // Open in the playground carries the lesson's moment once a pointer comes over it (the
  // status bar shows where it goes) or presses it, whichever button (a middle click or a
  // context menu's "copy link" never fire click).
  const open = page.frameLocator('#early-frame').getByRole('link', { name: /Open in the playground/ });
  expect(await open.getAttribute('href')).toBe('./');
  await open.dispatchEvent('pointerenter');
  expect(await open.getAttribute('href')).toMatch(/^\.\/#.*lesson=election&step=3/);
  await page.evaluate(() => document.getElementById('early-frame').contentWindow.postMessage({ raftPlayground: 1, command: 'goto-step', step: 2 }, '*'));
  await expect.poll(() => page.evaluate(() => window.heard.filter((data) => data.event === 'lesson-step').at(-1)?.step)).toBe(2);
  await open.dispatchEvent('pointerdown', { button: 1 });
  expect(await open.getAttribute('href')).toMatch(/^\.\/#.*lesson=election&step=2/);
  // A step the lesson does not have is told to the host and shown in the frame, readable.
  await page.evaluate(() => document.getElementById('early-frame').contentWindow.postMessage({ raftPlayground: 1, command: 'goto-step', step: 99 }, '*'));
  const notice = page.frameLocator('#early-frame').locator('.playground__notice');
  await expect(notice).toContainText('There is no step 99');
  expect(await notice.evaluate((box) => box.clientHeight >= Math.min(box.scrollHeight, innerHeight / 4) - 1)).toBe(true);

  // A seek posted before ready, then state: state tells the moment sought, after its events.
  await openPostingOnLoad(page, './?embed', [{ command: 'seek', ms: 1000 }, { command: 'state' }]);
  await expect.poll(() => page.evaluate(() => window.heard.map((data) => data.event))).toContain('state');
  const events = await page.evaluate(() => window.heard.map((data) => data.event));
  expect(events).toContain('leader');
  expect(events.indexOf('leader')).toBeLessThan(events.indexOf('state'));
  expect(await page.evaluate(() => window.heard.find((data) => data.event === 'state'))).toMatchObject({ time_ms: 1000 });
  expect(errors).toEqual([]);
});

test('in a lesson\'s embed, commands posted while the lesson loads act on the lesson\'s run', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./embed-example.html');
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
  await openPostingOnLoad(page, './?embed&lesson=replication', [
    { command: 'act', action: { do: 'crash', node: 2 } },
    { command: 'play', ms: 2000 },
    { command: 'state' },
  ], 'lesson-frame');
  await expect.poll(() => page.evaluate(() => window.heard.map((data) => data.event))).toContain('state');
  const heard = await page.evaluate(() => window.heard);
  // Nothing happened in the run the lesson replaced: the crash comes after the lesson opened.
  // (A refusal is told before the events of the same drawing.)
  expect(heard.map((data) => data.event)).toEqual(['ready', 'lesson-step', 'error', 'crashed', 'state']);
  expect(heard[2].message).toBe('ms: unknown field `ms` for `play`');
  expect(heard[3]).toMatchObject({ node: 2 });
  expect(heard[4]).toMatchObject({ lesson: 'replication', playing: false });
  const frame = page.frameLocator('#lesson-frame');
  await expect(frame.locator('[data-node="2"]')).toHaveAttribute('data-up', 'false');
  await expect(frame.locator('main')).toHaveAttribute('data-lesson', 'replication');
  expect(errors).toEqual([]);
});

test('commands refused before ready are each answered with an error, in order', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./embed-example.html');
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
  // Obeyed together once the WebAssembly has started, before the frame is redrawn.
  await openPostingOnLoad(page, './?embed', [
    { command: 'goto-step', step: 2 },
    { command: 'bogus' },
    { command: 'act', action: { do: 'crash', node: 'leader' } },
    { command: 'seek', ms: 'x' },
    { command: 'act', action: { do: 'restart', node: 2 } },
    { command: 'state' },
  ]);
  const told = () => page.evaluate(() => window.heard.filter((data) => data.event === 'error').map((data) => data.message));
  await expect.poll(told).toHaveLength(5);
  // A command that cannot be read is answered in its turn too, not before the others.
  expect(await told()).toEqual([
    'No lesson is open.',
    expect.stringContaining('bogus'),
    'There is no leader right now.',
    expect.stringContaining('ms'),
    expect.stringContaining('2'),
  ]);
  await expect.poll(() => page.evaluate(() => window.heard.map((data) => data.event))).toContain('state');
  expect(await told()).toHaveLength(5);
  expect(errors).toEqual([]);
});

test('a lesson whose file never arrives is given up after 15 s: its host hears an error, then its state', async ({ page }) => {
  const errors = watchErrors(page);
  await page.clock.install();
  await page.route('**/lessons/election.json', () => {}); // never answered
  await page.goto('./embed-example.html');
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
  await openPostingOnLoad(page, './?embed&lesson=election', [{ command: 'state' }]);
  const events = () => page.evaluate(() => window.heard.map((data) => data.event));
  await expect.poll(events).toContain('ready');
  await page.clock.runFor(5_000);
  expect(await events()).not.toContain('state'); // it waits for the lesson asked for
  await page.clock.runFor(11_000);
  await expect.poll(events).toEqual(['ready', 'error', 'state']);
  const heard = await page.evaluate(() => window.heard);
  expect(heard[1].message).toBe('This lesson could not be loaded: "election"');
  expect(heard[2]).toMatchObject({ time_ms: 0 });
  expect(heard[2].lesson).toBeUndefined();
  await expect(page.frameLocator('iframe').first().getByRole('alert')).toContainText('This lesson could not be loaded');
  expect(errors).toEqual([]);
});

test('the embed ignores messages that are not its protocol and answers bad commands with an error', async ({ page }) => {
  await page.goto('./embed-example.html');
  const playground = page.frameLocator('#playground');
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
  await page.evaluate(() => {
    const frame = document.getElementById('playground').contentWindow;
    frame.postMessage({ type: 'resize', height: 100 }, '*');
    frame.postMessage('play', '*');
    frame.postMessage({ raftPlayground: 1, command: 'dance' }, '*');
  });
  await expect(page.locator('#events li[data-event=error]')).toContainText('command: unknown variant `dance`');
  await expect(page.locator('#events li[data-event=error]')).toHaveCount(1);
  await expect(playground.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});

test('an embed opened with a broken link tells its host with an error event', async ({ page }) => {
  await page.goto('./embed-example.html');
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
  await page.locator('#playground').evaluate((element) => { element.src = './?embed#s=1.!!!&t=0'; });
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(2);
  await expect(page.locator('#events li[data-event=error]')).toContainText('the link is damaged: \\"!\\", character 3 after s=, is not a base64url character');
  await expect(page.locator('#events li[data-event=error]')).toHaveCount(1);
  await expect(page.frameLocator('#playground').getByRole('alert')).toContainText('the link is damaged');
});

test('a page that is not the parent frame cannot drive the embed', async ({ page }) => {
  await page.goto(`./?embed#${PINNED}`);
  await page.evaluate(() => window.postMessage({ raftPlayground: 1, command: 'play' }, '*'));
  await frames(page, 10);
  expect(await simulatedTime(page)).toBe(1500);
});

test('an origin= that is not an origin shuts the protocol instead of opening it', async ({ page }) => {
  const warnings = [];
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await page.goto('./embed-example.html');
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
  const frame = page.locator('#playground');
  // The scheme is missing: this is not how browsers write an origin.
  await frame.evaluate((element, pinned) => {
    element.src = `./?embed&origin=${encodeURIComponent(location.host)}#${pinned}`;
  }, PINNED);
  const playground = page.frameLocator('#playground');
  await expect(playground.locator('main')).toHaveAttribute('data-time-ms', '1500');
  await page.evaluate(() => {
    document.getElementById('playground').contentWindow.postMessage({ raftPlayground: 1, command: 'play' }, '*');
  });
  await frames(page, 10);
  await expect(playground.locator('main')).toHaveAttribute('data-time-ms', '1500');
  await expect(playground.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  // The reloaded frame said nothing either: its events have nowhere to go. Its console says why.
  await expect(page.locator('#events li[data-event=ready]')).toHaveCount(1);
  expect(warnings.filter((text) => text.includes('origin= is not an origin'))).toHaveLength(1);
});
