// Guided lessons (issue 18): every step is a moment of a deterministic run. Next plays to the
// next step's moment, Back jumps, a Predict question waits for its answer, acting leaves the
// lesson's run and Back to the lesson returns to it; links, 中文, progress and embeds.
import { test, expect } from '@playwright/test';
import { watchErrors } from './helpers.mjs';

const main = (page) => page.locator('main');
const panel = (page) => page.locator('section.lesson');

test('a lesson walked with Next and Back: a question answered, the run left by acting and returned to', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-lesson-picker]').selectOption('election');
  await expect(main(page)).toHaveAttribute('data-lesson', 'election');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '1');
  await expect(panel(page)).toContainText('Step 1 of 5');
  const lessonTitle = await panel(page).locator('.lesson__title').textContent();
  await expect(page).toHaveTitle(`${lessonTitle} · Raft playground`);
  await expect(page.locator('[data-node="1"]')).toHaveClass(/node--highlight/);
  await expect(page.locator('[data-node="2"]')).not.toHaveClass(/node--highlight/);
  // A button beside the picker takes the keyboard to the panel, many controls away.
  await page.locator('[data-lesson-picker]').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Go to the lesson' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel(page).locator('.lesson__step-title')).toBeFocused();
  // Back cannot act at the first step, and says why.
  await expect(panel(page).locator('[data-lesson-nav="back"]')).toHaveAttribute('title', 'This is the first step.');

  // Next plays to step 2's moment (40 ms), where a question waits: Next is off until it is answered.
  // The focus stays on Next (off, not disabled: a disabled button would drop it on the body).
  await panel(page).getByRole('button', { name: /^Next/ }).focus();
  await page.keyboard.press('Enter');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '2');
  // A screen reader is told the new step's title and words, the focus staying on Next.
  await expect(panel(page).locator('[aria-live="polite"]').filter({ has: page.locator('.lesson__text') })).toContainText('Step 2 of 5');
  await expect(panel(page)).toHaveClass(/lesson--arriving/); // its words wait for the drawing
  await expect(panel(page).locator('.lesson__arriving')).toHaveText('▶ Playing to this step\'s moment…');
  await expect(main(page)).toHaveAttribute('data-time-ms', '40', { timeout: 15_000 }); // played in 3 s
  await expect(panel(page)).not.toHaveClass(/lesson--arriving/);
  await expect(panel(page).locator('.lesson__arriving')).toHaveCount(0);
  const next = panel(page).locator('[data-lesson-nav="next"]');
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await expect(next).toBeFocused();
  await expect(panel(page)).toContainText('Answer the question to go on.');
  // Pressed now, it goes nowhere: it takes the focus to the question, and back again.
  await page.keyboard.press('Enter');
  await expect(panel(page).locator('[data-choice="1"]')).toBeFocused();
  await expect(main(page)).toHaveAttribute('data-lesson-step', '2');
  // PageDown, waiting for the answer, keeps the page still and takes the focus to the question;
  // Enter answers it.
  await page.locator('body').press('PageDown');
  await expect(panel(page).locator('[data-choice="1"]')).toBeFocused();
  await expect(main(page)).toHaveAttribute('data-lesson-step', '2');
  await page.keyboard.press('Enter');
  await expect(panel(page).locator('[data-predict]')).toHaveAttribute('data-predict', 'answered');
  await expect(panel(page)).toContainText('Not quite.');
  await expect(panel(page).locator('.lesson__choice--right')).toContainText('The right answer.');
  // Every wrong choice is marked, the one picked saying so in words.
  const wrong = panel(page).locator('.lesson__choice--wrong');
  expect(await wrong.count()).toBeGreaterThan(1);
  for (const choice of await wrong.all()) await expect(choice.locator('.lesson__why')).toHaveText(/^✗ /);
  await expect(panel(page).locator('.lesson__choice--wrong .lesson__why').filter({ hasText: 'Not quite.' })).toHaveCount(1);
  await expect(panel(page).locator('[data-choice="1"]')).toBeFocused(); // the focus stays on the answer
  await expect(panel(page)).toContainText('ids play no part');
  await expect(next).not.toHaveAttribute('aria-disabled');

  // PageDown and PageUp are Next and Back; the focus, on the answered choice that PageDown
  // takes away, goes to the new step's Next.
  await page.locator('body').press('PageDown');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '3');
  await expect(main(page)).toHaveAttribute('data-time-ms', '385', { timeout: 15_000 });
  await expect(next).toBeFocused();
  await page.locator('body').press('PageUp');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '2');
  await expect(main(page)).toHaveAttribute('data-time-ms', '40');
  await expect(next).not.toHaveAttribute('aria-disabled'); // the answer is remembered

  // Acting forks the run: the lesson stays, and offers its run back.
  await page.locator('[data-node="2"]').click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(page.locator('[data-node="2"]')).toHaveAttribute('data-up', 'false');
  await expect(main(page)).toHaveAttribute('data-on-lesson', 'false');
  await expect(page.locator('.node--highlight')).toHaveCount(0);
  await panel(page).getByRole('button', { name: 'Back to the lesson' }).click();
  await expect(main(page)).toHaveAttribute('data-on-lesson', 'true');
  await expect(page.locator('[data-node="2"]')).toHaveAttribute('data-up', 'true');
  await expect(main(page)).toHaveAttribute('data-time-ms', '40');

  // The step list jumps anywhere; the address bar names the step.
  await panel(page).locator('.lesson__steps summary').click();
  await panel(page).locator('[data-step="5"]').click();
  await expect(main(page)).toHaveAttribute('data-lesson-step', '5');
  await expect(main(page)).toHaveAttribute('data-time-ms', '1015');
  await expect(panel(page)).toContainText('End of the lesson');
  // Next, which can go nowhere, says so rather than offering to play on.
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await expect(next).toHaveAttribute('title', 'End of the lesson: the run is yours to explore.');
  await expect(page.locator('.message--highlight[data-kind="AppendEntries"]')).toHaveCount(3); // the heartbeats
  await expect.poll(() => new URL(page.url()).hash).toBe('#lesson=election&step=5');

  // Progress is remembered: opened again from the picker, the lesson resumes where it was left,
  // and the picker marks it finished.
  await page.goto('./');
  await expect(page.locator('[data-lesson-picker] option[value="election"]')).toHaveText(/✓/);
  await page.locator('[data-lesson-picker]').selectOption('election');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '5');
  await panel(page).getByRole('button', { name: 'Close the lesson' }).click();
  await expect(main(page)).not.toHaveAttribute('data-lesson', /./);
  await expect(page.locator('[data-lesson-picker]')).toBeFocused(); // not left on the body
  await expect(main(page)).toHaveAttribute('data-time-ms', '1015'); // the run stays
  expect(errors).toEqual([]);
});

test('a lesson link whose step is not a number from 1 opens the lesson where the learner left off, and says so', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./#lesson=safety&step=0');
  await expect(page.locator('main')).toHaveAttribute('data-lesson', 'safety');
  await expect(page.locator('main')).toHaveAttribute('data-lesson-step', '1');
  await expect(page.getByRole('alert')).toHaveText('Step "0" is not a step: steps count from 1 to 6, so the lesson opens where you left off (at its first step if you never opened it).');
  expect(errors).toEqual([]);
});

test('a lesson link opens at its step, with its log entries ringed, and reads in 中文', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('./#lesson=replication&step=4');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '4');
  await expect(main(page)).toHaveAttribute('data-time-ms', '150');
  await expect(page.locator('[data-log-node="2"][data-index="6"]')).toHaveClass(/logs__entry--highlight/);
  await expect(page.locator('.logs__entry--highlight')).toHaveCount(2);
  // Copy link copies the lesson's step, and says so.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByText('Share, embed, export').click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toContainText('It opens this lesson at this step.');
  await expect(page.getByLabel('Link', { exact: true })).toHaveValue(/#lesson=replication&step=4$/);

  await page.getByRole('button', { name: '中文' }).click();
  await expect(panel(page)).toContainText('日志复制');
  await expect(panel(page)).toContainText('第 4 步，共 6 步');
  await page.goto('./#lesson=election&step=5');
  await expect(main(page)).toHaveAttribute('data-time-ms', '1015');
  for (const word of ['选主', '心跳']) await expect(panel(page)).toContainText(word);
  await panel(page).getByRole('button', { name: /上一步/ }).click();
  await expect(panel(page)).toContainText('任期');

  // A lesson that does not exist is said so, and the page keeps what it showed.
  await page.goto('./#lesson=nope');
  await expect(page.getByRole('alert')).toHaveText(/^没有“nope”这一课。课程有：replicated-state-machine、election、.*、reads。$/);
  await expect(main(page)).toHaveAttribute('data-lesson', 'election');
  await expect(page.locator('[data-node]')).toHaveCount(4);
  // Opened fresh, the page shows its default cluster.
  await page.goto('about:blank');
  await page.goto('./#lesson=nope');
  await expect(page.getByRole('alert')).toHaveText(/^没有“nope”这一课。课程有：replicated-state-machine、election、.*、reads。$/);
  await expect(page.locator('[data-node]')).toHaveCount(5);
  expect(errors).toEqual([]);
});

test('an embedded lesson has Back and Next in its strip, tells its host each step, and obeys goto-step', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./embed-example.html');
  await page.evaluate(() => {
    window.heard = [];
    window.addEventListener('message', (event) => {
      if (event.data && event.data.event === 'lesson-step') window.heard.push(event.data);
    });
    const frame = document.createElement('iframe');
    frame.id = 'lesson-frame';
    frame.style.width = '360px';
    frame.style.height = '560px';
    frame.src = './?embed&lesson=safety';
    document.body.prepend(frame);
  });
  const frame = page.frameLocator('#lesson-frame');
  await expect(frame.locator('main')).toHaveAttribute('data-lesson', 'safety');
  await expect.poll(() => page.evaluate(() => window.heard.at(-1))).toMatchObject({ lesson: 'safety', step: 1, steps: 6 });
  const strip = frame.locator('.embed-strip');
  await strip.getByRole('button', { name: /^Next/ }).click();
  await expect(frame.locator('main')).toHaveAttribute('data-lesson-step', '2');
  await expect.poll(() => page.evaluate(() => window.heard.at(-1).step)).toBe(2);
  await page.evaluate(() =>
    document.getElementById('lesson-frame').contentWindow.postMessage({ raftPlayground: 1, command: 'goto-step', step: 5 }, '*'),
  );
  await expect(frame.locator('main')).toHaveAttribute('data-lesson-step', '5');
  await expect.poll(() => page.evaluate(() => window.heard.at(-1).step)).toBe(5);
  await strip.getByRole('button', { name: /Back$/ }).click();
  await expect(frame.locator('main')).toHaveAttribute('data-lesson-step', '4');
  await frame.locator('main').press('PageUp');
  await expect(frame.locator('main')).toHaveAttribute('data-lesson-step', '3');
  // Back from the question's choice, which goes with its step: the focus is not left on the
  // frame's body (the lesson panel's own Back and Next are hidden in an embed, where the
  // strip has them), the step's title takes it.
  await frame.locator('[data-choice]').first().focus();
  await page.keyboard.press('PageUp');
  await expect(frame.locator('main')).toHaveAttribute('data-lesson-step', '2');
  await expect(frame.locator('.lesson__step-title')).toBeFocused();
  expect(errors).toEqual([]);
});

test('at 1280×800, Go to the lesson shows the step beside the whole drawing, from the top or from below', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await page.locator('[data-lesson-picker]').selectOption('pre-vote');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '1');
  const title = panel(page).locator('.lesson__step-title');
  for (const from of ['top', 'bottom']) {
    if (from === 'bottom') await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByRole('button', { name: 'Go to the lesson' }).click();
    await expect(title).toBeFocused();
    await expect(title).toBeInViewport();
    const stage = await page.locator('.playground__stage').boundingBox();
    expect(stage.y, `the drawing's top, going from the ${from}`).toBeGreaterThanOrEqual(0);
  }
  expect(errors).toEqual([]);
});

test('on a phone, a lesson chosen is brought into view, its title and × right below the drawing held at the top; Go to the lesson focuses its step', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('./');
  await page.locator('[data-lesson-picker]').selectOption('election');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '1');
  const headUnderTheDrawing = async () => {
    const stage = await page.locator('.playground__stage').boundingBox();
    const lesson = await panel(page).boundingBox();
    const close = await panel(page).getByRole('button', { name: 'Close the lesson' }).boundingBox();
    return Math.round(stage.y) === 0 && Math.abs(lesson.y - (stage.y + stage.height)) <= 1 && close.y >= lesson.y && close.y + close.height < 740;
  };
  await expect.poll(headUnderTheDrawing).toBe(true);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('button', { name: 'Go to the lesson' }).click();
  const title = panel(page).locator('.lesson__step-title');
  await expect(title).toBeFocused();
  await expect.poll(headUnderTheDrawing).toBe(true);
  const box = await title.boundingBox();
  expect(page.viewportSize().height).toBeGreaterThan(box.y + box.height);
  const next = await panel(page).locator('[data-lesson-nav="next"]').boundingBox();
  expect(page.viewportSize().height).toBeGreaterThan(next.y + next.height);
  expect(errors).toEqual([]);
});

test('on a phone, a step that rings log entries offers to show them, below the drawing held at the top; a wide screen needs no such button', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('./#lesson=replication&step=6');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '6');
  const ringed = page.locator('.logs__entry--highlight').first();
  await expect(ringed).toBeAttached();
  expect(await page.locator('.logs__entry--highlight').count()).toBeGreaterThan(1);
  const show = panel(page).getByRole('button', { name: 'The ringed entries, in the log table ↓' });
  await show.click();
  await expect.poll(async () => {
    const [entry, stage] = [await ringed.boundingBox(), await page.locator('.playground__stage').boundingBox()];
    return entry.y >= stage.y + stage.height - 1 && entry.y + entry.height <= 740;
  }).toBe(true);
  // Every ringed entry is in the table's box, the last included (the table scrolls sideways).
  const outside = () => page.evaluate(() => {
    const box = document.querySelector('.logs').getBoundingClientRect();
    return [...document.querySelectorAll('.logs__entry--highlight')]
      .map((entry) => entry.getBoundingClientRect())
      .filter((entry) => entry.left < box.left - 1 || entry.right > box.right + 1).length;
  });
  await expect.poll(outside).toBe(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(show).toBeHidden();
  expect(errors).toEqual([]);
});

/** The lesson's lines and buttons that the bottom edge of the drawing held at a phone's top cuts in two. */
const linesCutByTheDrawing = (page) =>
  page.evaluate(() => {
    const edge = document.querySelector('.playground__stage').getBoundingClientRect().bottom;
    return [...document.querySelectorAll('.lesson h2, .lesson h3, .lesson p, .lesson button')]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.height > 0 && r.top < edge - 1 && r.bottom > edge + 1)
      .map((r) => `${Math.round(r.top)}-${Math.round(r.bottom)} across ${Math.round(edge)}`);
  });

test('on a phone, Next brings the new step back into view below the drawing held at the top', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-lesson-picker]').selectOption('election');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '1');
  const next = panel(page).locator('[data-lesson-nav=next]');
  await next.tap();
  await expect(main(page)).toHaveAttribute('data-lesson-step', '2');
  // From the page's top too: the drawing is brought to the top, whole, with the step's title
  // right below it.
  await expect.poll(async () => Math.round((await page.locator('.playground__stage').boundingBox()).y)).toBe(0);
  expect(await linesCutByTheDrawing(page)).toEqual([]);
  await panel(page).locator('[data-choice="2"]').tap();
  await next.tap();
  await expect(main(page)).toHaveAttribute('data-lesson-step', '3');
  await expect
    .poll(async () => {
      const stage = await page.locator('.playground__stage').boundingBox();
      const title = await panel(page).locator('.lesson__step-title').boundingBox();
      return title.y >= stage.y + stage.height - 1 && title.y + title.height <= 740;
    })
    .toBe(true);
  // No line of the panel is cut in half by the drawing's bottom edge: what is above the step's
  // title is wholly under the drawing, which fills the column's width (328 px here, less than 45 %
  // of the height).
  expect(await linesCutByTheDrawing(page)).toEqual([]);
  expect((await page.locator('.playground__stage').boundingBox()).width).toBeCloseTo(328, 0);
  expect(errors).toEqual([]);
  await context.close();
});

test('on a phone, a server\'s menu opened in a lesson reaches over the lesson\'s words, and its buttons take taps', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  // The step asks the student to crash the leader, S3, drawn at the bottom of the drawing.
  await page.goto('./#lesson=election&step=5');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '5');
  await page.locator('[data-node="3"]').tap();
  const menu = page.getByRole('dialog', { name: 'Actions for S3' });
  await expect(menu).toBeInViewport({ ratio: 1 });
  // A tap lands on the button (Playwright's tap refuses a point covered by the lesson).
  await menu.getByRole('button', { name: 'Crash', exact: true }).tap();
  await expect(page.locator('[data-node="3"]')).toHaveAttribute('data-up', 'false');
  // The step then says to press Play, which is above the drawing, out of sight: the lesson's
  // line about the run now being the student's own plays it from there.
  await expect(page.getByRole('button', { name: 'Play', exact: true })).not.toBeInViewport();
  const play = panel(page).getByRole('button', { name: '▶ Play it' });
  await play.tap();
  await expect(panel(page).getByRole('button', { name: '❚❚ Pause it' })).toBeVisible();
  await expect.poll(async () => Number(await main(page).getAttribute('data-time-ms'))).toBeGreaterThan(1_020);
  await panel(page).getByRole('button', { name: '❚❚ Pause it' }).tap();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveCount(1);
  expect(errors).toEqual([]);
  await context.close();
});

test('a step that offers the model checker opens Explore with its goal chosen and Find focused', async ({ page }) => {
  test.setTimeout(60_000); // the search is CPU-bound, though short here
  const errors = watchErrors(page);
  await page.goto('./#lesson=misconceptions&step=1');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '1');
  const offer = panel(page).getByRole('button', { name: 'Explore from here: look for a broken property (a counterexample) with the model checker' });
  await offer.click();
  await expect(page.getByRole('button', { name: 'Explore', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('combobox', { name: 'Look for' })).toHaveValue('violation');
  await expect(page.getByRole('button', { name: 'Find a counterexample' })).toBeFocused();
  // While exploring, the offer is gone (the panel keeps the goal it has).
  await expect(offer).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.locator('.search')).toHaveAttribute('data-search-status', 'found', { timeout: 45_000 });
  await expect(page.locator('.search__status')).toContainText('Found: 4 events break election safety.');
  // Another lesson's step chooses its own goal.
  await page.goto('./#lesson=election&step=5');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '5');
  await panel(page).getByRole('button', { name: 'Explore from here: look for a split vote with the model checker' }).click();
  await expect(page.getByRole('combobox', { name: 'Look for' })).toHaveValue('split_vote');
  await expect(page.getByRole('button', { name: 'Find the shortest run' })).toBeFocused();
  // An embedded lesson has no Explore panel, so it makes no offer that would leave it stuck.
  await page.goto('./?embed&lesson=election&step=5');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '5');
  await expect(panel(page).locator('.lesson__text')).toContainText('Click S3');
  await expect(page.locator('.lesson__explore')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('on a phone, the log table scrolls sideways to the entry a step rings (index 8 of Figure 6, past its edge)', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('./#lesson=replication&step=1');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '1');
  const ringed = page.locator('.logs__entry--highlight');
  await expect(ringed).toHaveCount(1);
  await expect(ringed).toHaveAttribute('data-index', '8');
  const inside = () => page.evaluate(() => {
    const box = document.querySelector('.logs').getBoundingClientRect();
    const cell = document.querySelector('.logs__entry--highlight').getBoundingClientRect();
    return cell.left >= box.left && cell.right <= box.right + 0.5;
  });
  await expect.poll(inside).toBe(true);
  expect(await page.locator('.logs').evaluate((logs) => logs.scrollLeft)).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('on a phone, the button to a step\'s ringed entries keeps the leftmost clear of the servers\' names when both do not fit', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 360, height: 740 });
  // Figure 7: the step rings S7's index 4 and an entry at index 11, further apart than the
  // table's width on a phone.
  await page.goto('./#lesson=crashes&step=2');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '2');
  await expect(page.locator('.logs__entry--highlight')).toHaveCount(2);
  await page.getByRole('button', { name: 'The ringed entries, in the log table ↓' }).click();
  const leftmostClear = () => page.evaluate(() => {
    const names = document.querySelector('.logs th[scope=row]').getBoundingClientRect();
    const lefts = [...document.querySelectorAll('.logs__entry--highlight')].map((cell) => cell.getBoundingClientRect().left);
    return Math.min(...lefts) >= names.right - 0.5;
  });
  await expect.poll(leftmostClear).toBe(true);
  expect(errors).toEqual([]);
});

test('PageDown on the lesson picker that just opened a lesson turns its page, and leaves the picker on it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const picker = page.locator('[data-lesson-picker]');
  await picker.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '1');
  const opened = await main(page).getAttribute('data-lesson');
  await expect(picker).toBeFocused();
  await page.keyboard.press('PageDown');
  await expect(main(page)).toHaveAttribute('data-lesson-step', '2');
  await expect(main(page)).toHaveAttribute('data-lesson', opened);
  await expect(picker).toHaveValue(opened);
  expect(errors).toEqual([]);
});

test('stepped back before a step\'s moment, the lesson says the drawing is behind its words and goes back to the moment', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./#lesson=replication&step=4');
  await expect(main(page)).toHaveAttribute('data-time-ms', '150');
  const behind = panel(page).getByRole('status').filter({ hasText: 'The drawing is at' });
  await expect(behind).toHaveCount(0);
  await page.locator('[data-node="1"]').focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(main(page)).not.toHaveAttribute('data-time-ms', '150');
  const shown = Number(await main(page).getAttribute('data-time-ms'));
  expect(shown).toBeLessThan(150);
  await expect(behind).toContainText(`The drawing is at 0.${String(shown).padStart(3, '0')} s, before this step's moment (0.150 s)`);
  // Still the lesson's run: no "your own run" line.
  await expect(main(page)).toHaveAttribute('data-on-lesson', 'true');
  await behind.getByRole('button', { name: "To this step's moment" }).click();
  await expect(main(page)).toHaveAttribute('data-time-ms', '150');
  await expect(behind).toHaveCount(0);
  await expect(page.locator('.logs__entry--highlight')).toHaveCount(2);
  expect(errors).toEqual([]);
});
