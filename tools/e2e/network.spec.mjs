// The network: cluster size, isolating a server, cutting links one way, dropping a message.
import { test, expect } from '@playwright/test';
import { inflateSync } from 'node:zlib';
import { frames, linkOf, playUntilLeader, simulatedTime, watchErrors, timeOut } from './helpers.mjs';

test('the size picker starts a fresh cluster of 1 to 9 servers', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const size = page.getByRole('combobox', { name: 'Servers' });
  await size.selectOption('9');
  await expect(page.locator('[data-node]')).toHaveCount(9);
  await expect(page.locator('[data-lane]')).toHaveCount(72);
  await size.selectOption('1');
  await expect(page.locator('[data-node]')).toHaveCount(1);
  await playUntilLeader(page);
  expect(errors).toEqual([]);
});

test('an isolated leader is replaced, and Heal all brings it back as a follower', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const oldLeader = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
  await page.locator(`[data-node="${oldLeader}"]`).click();
  await page.getByRole('button', { name: 'Isolate' }).click();
  await expect(page.locator(`[data-lane^="${oldLeader}-"].lane--partitioned`)).toHaveCount(4);
  await page.getByRole('slider', { name: 'Speed' }).fill('1'); // 10×: elections may take several timeouts
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // The majority elects a new leader; the old one still believes it leads.
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(2, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Heal all' }).click();
  await expect(page.locator(`[data-node="${oldLeader}"]`)).toHaveAttribute('data-role', 'follower', { timeout: 20_000 });
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1);
  // Nothing left to heal: the button says so and keeps the focus it had; pressing it again does nothing.
  const heal = page.getByRole('button', { name: 'Heal all' });
  await expect(heal).toHaveAttribute('aria-disabled', 'true');
  await expect(heal).toBeFocused();
  await page.getByRole('button', { name: 'Pause' }).click();
  const [hash, time] = [await page.locator('[data-trace-hash]').getAttribute('data-trace-hash'), await simulatedTime(page)];
  await heal.press('Enter');
  await frames(page, 2);
  await expect(page.locator('[data-trace-hash]')).toHaveAttribute('data-trace-hash', hash);
  expect(await simulatedTime(page)).toBe(time);
  await expect(page.locator('.playground__notice')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a split of two servers against three takes two clicks: Isolate S1, then S2 joins its side', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-node="1"]').click();
  await page.getByRole('button', { name: 'Isolate' }).click();
  await expect(page.locator('[data-node="1"]')).toHaveAttribute('aria-label', /isolated/);
  await page.locator('[data-node="2"]').click();
  const join = page.getByRole('button', { name: "Join S1's side" });
  await expect(join).toHaveAttribute('title', 'Move this server into the partition of S1: it then reaches S1 and no other server');
  await join.click();
  await expect(page.locator('[data-lane="1-2"]')).not.toHaveClass(/lane--partitioned/);
  await expect(page.locator('[data-lane="2-3"]')).toHaveClass(/lane--partitioned/);
  await expect(page.locator('[data-lane="3-4"]')).not.toHaveClass(/lane--partitioned/);
  await expect(page.locator('[data-node="1"]')).not.toHaveAttribute('aria-label', /isolated/);
  // S3's menu offers the side of S1 and S2; theirs offer the rest's, S3's, the way back.
  await page.locator('[data-node="3"]').click();
  await expect(page.getByRole('button', { name: "Join S1's side" })).toHaveAttribute('title', /partition of S1, S2:/);
  await page.keyboard.press('Escape');
  await page.locator('[data-node="2"]').click();
  await expect(page.getByRole('button', { name: /^Join/ })).toHaveText(["Join S3's side"]);
  await page.getByRole('button', { name: "Join S3's side" }).click();
  await expect(page.locator('[data-lane="2-3"]')).not.toHaveClass(/lane--partitioned/);
  await expect(page.locator('[data-lane="1-2"]')).toHaveClass(/lane--partitioned/);
  await page.getByRole('button', { name: 'Heal all' }).press('Enter');
  await expect(page.locator('.lane--partitioned')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a server left alone outside every side is drawn cut off, and Reconnect takes it back', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Servers' }).selectOption('3');
  await page.locator('[data-node="1"]').click();
  await page.getByRole('button', { name: 'Isolate' }).click();
  await page.locator('[data-node="2"]').click();
  await page.getByRole('button', { name: "Join S1's side" }).click();
  // {S1, S2} | {S3}: S3 is in no listed group, and alone.
  await expect(page.locator('[data-node="3"]')).toHaveAttribute('aria-label', /isolated/);
  await page.locator('[data-node="3"]').click();
  await expect(page.getByRole('button', { name: 'Isolate', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Reconnect' }).click();
  await expect(page.locator('.lane--partitioned')).toHaveCount(0);
  await expect(page.locator('[data-node="3"]')).not.toHaveAttribute('aria-label', /isolated/);
  expect(errors).toEqual([]);
});

test('a link is cut one way by clicking it, and its messages are lost', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-lane="1-2"]').click();
  await expect(page.locator('[data-lane="1-2"]')).toHaveAttribute('data-cut', 'true');
  await expect(page.locator('[data-lane="2-1"]')).toHaveAttribute('data-cut', 'false');
  await page.locator('[data-node="1"]').click();
  await expect(page.getByRole('button', { name: 'Cut link S1 to S2' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Time out' }).click();
  await expect(page.locator('[data-message][data-from="1"][data-to="2"]')).toHaveAttribute('data-doomed', 'true');
  await expect(page.locator('[data-message][data-from="1"][data-to="3"]')).toHaveAttribute('data-doomed', 'false');
  // Its card does not promise an arrival: it says what stops it.
  await page.locator('[data-message][data-from="1"][data-to="2"]').click();
  const arrival = page.locator('.message-panel__arrival');
  await expect(arrival).toHaveText(/^dropped at \d+ ms if the link S1 → S2 is still cut then$/);
  await page.keyboard.press('Escape');
  await page.locator('[data-lane="1-2"]').click();
  await expect(page.locator('[data-lane="1-2"]')).toHaveAttribute('data-cut', 'false');
  await page.locator('[data-message][data-from="1"][data-to="2"]').click();
  await expect(arrival).toHaveText(/^\d+ ms$/);
  expect(errors).toEqual([]);
});

test('clicking a message shows its fields, and Drop removes it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await timeOut(page, 3);
  // 5 ms later every RequestVote is half-way (latency is 10-20 ms), clear of the nodes.
  await page.getByRole('slider', { name: 'Time' }).fill('5');
  const message = page.locator('[data-message][data-kind=RequestVote][data-to="1"]');
  const id = await message.getAttribute('data-message');
  await message.click();
  const panel = page.getByRole('region', { name: `Message ${id}` });
  await expect(panel).toContainText('candidateId');
  await expect(panel).toContainText('lastLogTerm');
  await page.keyboard.press('Escape'); // closes it, as the shortcuts panel says
  await expect(panel).toHaveCount(0);
  await message.click();
  await panel.getByRole('button', { name: 'Drop' }).click();
  await expect(page.locator(`[data-message="${id}"]`)).toHaveCount(0);
  await expect(panel).toHaveCount(0);
  await expect(page.locator('.loss')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('Duplicate sends a second copy that arrives too; the client\'s messages have no Duplicate', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await timeOut(page, 3);
  await page.getByRole('slider', { name: 'Time' }).fill('5');
  const message = page.locator('[data-message][data-kind=RequestVote][data-to="1"]').first();
  const id = await message.getAttribute('data-message');
  await message.click();
  const panel = page.getByRole('region', { name: `Message ${id}` });
  await panel.getByRole('button', { name: 'Duplicate' }).click();
  const copy = page.locator(`[data-message][data-copy-of="${id}"]`);
  await expect(copy).toHaveCount(1);
  await expect(copy).toHaveAttribute('data-kind', 'RequestVote');
  await expect(copy).toHaveAttribute('data-to', '1');
  await expect(page.locator(`[data-message="${id}"]`)).toHaveCount(1); // the original travels on
  await expect(page.locator('.narration')).toContainText(`A second copy of message #${id} from S3 to S1`);
  // A client's request: Drop only.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const leader = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
  await page.locator(`[data-node="${leader}"]`).click();
  await page.getByRole('textbox', { name: 'Command' }).press('Enter');
  const request = page.locator('[data-message][data-kind=ClientRequest]').first();
  await request.focus();
  await page.keyboard.press('Enter');
  const requestPanel = page.getByRole('region', { name: /^Message / });
  await expect(requestPanel).toContainText('ClientRequest');
  await expect(requestPanel.getByRole('button', { name: 'Drop' })).toBeVisible();
  await expect(requestPanel.getByRole('button', { name: 'Duplicate' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('while paused, messages are reachable with the keyboard', async ({ page }) => {
  await page.goto('./');
  await page.locator('[data-node="2"]').focus();
  await page.keyboard.press('Enter');
  // The menu takes focus once drawn: Enter before that would land elsewhere.
  await expect(page.locator('[data-node-menu="2"]').getByRole('button', { name: 'Time out' })).toBeFocused();
  await page.keyboard.press('Enter'); // Time out: S2 sends four RequestVotes
  const message = page.locator('[data-message]').first();
  await expect(message).toHaveAttribute('tabindex', '0');
  // The drawing's Tab order: the client, every server, then the messages in flight.
  const stops = await page.evaluate(() => [...document.querySelectorAll('.cluster [tabindex="0"]')]
    .map((e) => (e.dataset.client ? 'client' : e.dataset.node ? `S${e.dataset.node}` : e.dataset.message ? 'message' : e.tagName)));
  expect(stops.slice(0, 6)).toEqual(['client', 'S1', 'S2', 'S3', 'S4', 'S5']);
  expect(stops.slice(6)).toEqual(Array(4).fill('message'));
  await expect(page.locator('[data-node="2"]')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-node="3"]')).toBeFocused();
  await page.locator('[data-node="5"]').focus();
  await page.keyboard.press('Tab');
  await expect(message).toBeFocused();
  const [id, to] = [await message.getAttribute('data-message'), await message.getAttribute('data-to')];
  await message.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: `Message ${id}` });
  await expect(panel).toContainText('RequestVote');
  // Chosen from the keyboard, the message hands the focus to its panel's title (Enter again
  // drops nothing); Escape gives it back.
  await expect(panel.getByRole('heading')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveCount(1);
  await expect(page.locator(`[data-message="${id}"]`)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.locator(`[data-message="${id}"]`)).toBeFocused();
  // Dropped, the message is gone: the focus goes to the server it was going to.
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('heading')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Drop' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-message="${id}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-node="${to}"]`)).toBeFocused();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Playing, messages take no focus: their elements are reused as messages come and go.
  await expect(page.locator('[data-message]:not([tabindex])').first()).toBeAttached();
  await expect(page.locator('[data-message][tabindex]')).toHaveCount(0);
});

test('a message focused while stepping hands the focus to the server it reaches', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.locator('[data-node="2"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-node-menu="2"]').getByRole('button', { name: 'Time out' })).toBeFocused();
  await page.keyboard.press('Enter');
  const message = page.locator('[data-message]').first();
  const [id, to] = [await message.getAttribute('data-message'), await message.getAttribute('data-to')];
  await message.focus();
  const inFlight = () => page.locator(`[data-message="${id}"]`).count();
  for (let presses = 0; presses < 40 && (await inFlight()) > 0; presses += 1) {
    await page.keyboard.press('ArrowRight');
  }
  await expect(page.locator(`[data-message="${id}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-node="${to}"]`)).toBeFocused();
  // So does a message whose open panel has the focus.
  const next = page.locator('[data-message]').first();
  await expect(next).toHaveCount(1);
  const [nextId, nextTo] = [await next.getAttribute('data-message'), await next.getAttribute('data-to')];
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: `Message ${nextId}` }).getByRole('heading')).toBeFocused();
  for (let presses = 0; presses < 40 && (await page.locator(`[data-message="${nextId}"]`).count()) > 0; presses += 1) {
    await page.keyboard.press('ArrowRight');
  }
  await expect(page.locator(`[data-message="${nextId}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-node="${nextTo}"]`)).toBeFocused();
  expect(errors).toEqual([]);
});

test('New cluster starts a fresh run from a random seed, shown in Settings, editable, carried by the link', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByText('Settings', { exact: true }).click();
  const seed = page.getByRole('textbox', { name: /^Seed/ });
  await expect(seed).toHaveValue('1');
  const size = page.getByRole('combobox', { name: 'Servers' });
  await size.selectOption('3');
  await page.getByRole('button', { name: 'New cluster' }).click();
  await expect(seed).not.toHaveValue('1');
  const drawn = await seed.inputValue();
  expect(drawn).toMatch(/^[0-9]+$/);
  await expect(page.locator('[data-node]')).toHaveCount(3);
  await expect(page.locator('main')).toHaveAttribute('data-time-ms', '0');
  // The address follows the run: opened elsewhere, it is the same seed.
  // (The page rewrites it shortly after a change: wait for the one that carries the new seed.)
  const seedInAddress = async () => {
    const link = (await page.evaluate(() => location.hash)).match(/s=1\.([^&]+)/);
    return link && String(JSON.parse(inflateSync(Buffer.from(link[1], 'base64url')).toString()).seed);
  };
  await expect.poll(seedInAddress).toBe(drawn);
  const other = await context.newPage();
  await other.goto(`./${await page.evaluate(() => location.hash)}`);
  await other.getByText('Settings', { exact: true }).click();
  await expect(other.getByRole('textbox', { name: /^Seed/ })).toHaveValue(drawn);
  // A seed typed in Settings gives the same run every time.
  const runOf = async (target) => {
    const field = target.getByRole('textbox', { name: /^Seed/ });
    await field.fill('42');
    await target.getByRole('button', { name: 'Apply: start a fresh cluster' }).click();
    // Values taken close the form; opened again, it shows the seed of the run.
    await expect(target.locator('details.settings')).toHaveJSProperty('open', false);
    await target.getByText('Settings', { exact: true }).click();
    await expect(field).toHaveValue('42');
    await target.getByRole('button', { name: 'Step', exact: true }).click();
    return target.locator('main').getAttribute('data-trace-hash');
  };
  expect(await runOf(page)).toBe(await runOf(other));
  expect(errors).toEqual([]);
});

test('Network from now on slows the messages from the moment shown, told, and carried by the link', async ({ page, context }) => {
  const errors = watchErrors(page);
  await page.goto(`./${linkOf(JSON.stringify({ version: 1, seed: 1 }), 2000)}`);
  await expect(page.locator('main')).toHaveAttribute('data-time-ms', '2000');
  await page.getByText('Settings', { exact: true }).click();
  await page.getByLabel('Latency, shortest (ms)').fill('120');
  await page.getByLabel('Latency, longest (ms)').fill('140');
  await page.getByRole('button', { name: 'Network from now on' }).click();
  // Taken: the form closes, the narration tells it, the run stays at its moment.
  await expect(page.locator('details.settings')).toHaveJSProperty('open', false);
  await expect(page.locator('main')).toHaveAttribute('data-time-ms', '2000');
  await expect(page.getByText('From now on each message takes 120–140 ms to arrive; those on their way keep their times.').first()).toBeVisible();
  // The form shows the network of the moment; pressed again unchanged, it says so.
  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByLabel('Latency, shortest (ms)')).toHaveValue('120');
  await page.getByRole('button', { name: 'Network from now on' }).click();
  await expect(page.locator('.settings__error')).toHaveText(/^Latency and loss already have these values/);
  // Enter in a field replaces nothing (the form's first button would start a fresh cluster).
  await page.getByLabel('Messages lost (%)').press('Enter');
  await expect(page.locator('main')).toHaveAttribute('data-time-ms', '2000');
  // A message sent now takes 120–140 ms: step until one is in flight and read its times.
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const message = page.locator('[data-message]').last();
  for (let i = 0; i < 40 && (await page.locator('[data-message]').count()) === 0; i++) await step.click();
  await message.click();
  const card = page.locator('.message-panel');
  const ms = async (field) => Number((await card.locator(`dt:text-is("${field}") + dd`).innerText()).replace(/ ms$/, ''));
  const took = (await ms('arrives')) - (await ms('sent'));
  expect(took).toBeGreaterThanOrEqual(120);
  expect(took).toBeLessThanOrEqual(140);
  // The link carries the action: opened elsewhere at the same moment, the same run.
  const hash = await page.locator('main').getAttribute('data-trace-hash');
  const time = await page.locator('main').getAttribute('data-time-ms');
  // (The page rewrites the address shortly after a change: wait for the one of this moment.)
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`&t=${time}`);
  const other = await context.newPage();
  await other.goto(`./${await page.evaluate(() => location.hash)}`);
  await expect(other.locator('main')).toHaveAttribute('data-trace-hash', hash);
  // Anything else changed is refused with a word on what to use instead; nothing changes.
  await page.getByLabel('Heartbeat interval (ms)').fill('40');
  await page.getByRole('button', { name: 'Network from now on' }).click();
  await expect(page.locator('.settings__error')).toHaveText(/^“Heartbeat interval \(ms\)” was changed too: Network from now on changes only the latency and the loss/);
  await expect(page.getByLabel('Heartbeat interval (ms)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('main')).toHaveAttribute('data-trace-hash', hash);
  expect(errors).toEqual([]);
});

test('with Pipelining ticked, a slow network under steady writes carries each entry once, not a storm of copies', async ({ page }) => {
  const errors = watchErrors(page);
  // A client writing every 100 ms over a 100–200 ms network, at 6 s.
  const scenario = (pipeline) => JSON.stringify({
    version: 1, seed: 1, nodes: 5,
    options: { election_timeout_ms: [1500, 3000], heartbeat_ms: 500, pipeline },
    actions: [{ at_ms: 0, do: 'latency', range_ms: [100, 200] }, { at_ms: 4000, do: 'workload', every_ms: 100 }],
  });
  const onTheWire = async (pipeline) => {
    await page.goto(`./${linkOf(scenario(pipeline), 6000)}`);
    await expect(page.locator('main')).toHaveAttribute('data-time-ms', '6000');
    return page.locator('[data-message]').count();
  };
  const storm = await onTheWire(false);
  const pipelined = await onTheWire(true);
  expect(pipelined).toBeGreaterThan(5);
  expect(storm).toBeGreaterThan(3 * pipelined);
  // The link's option is the Settings box, and unticking it is a change to replay.
  await page.getByText('Settings', { exact: true }).click();
  const box = page.getByLabel(/^Pipelining: send each follower only entries not sent yet/);
  await expect(box).toBeChecked();
  await box.uncheck();
  await expect(page.getByRole('button', { name: 'Replay with this change' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('with Flow control ticked, a pipelining leader finds lost AppendEntries in one round trip, not one per entry', async ({ page }) => {
  const errors = watchErrors(page);
  // S3 is down and the link S1 → S2 cut for a second while a client writes: S1 pipelines ten
  // writes into the cut. Mended at 4 s, S2 refuses the next AppendEntries.
  const scenario = (flow_control) => JSON.stringify({
    version: 1, seed: 1, nodes: 3,
    options: { election_timeout_ms: [1500, 3000], heartbeat_ms: 500, latency_ms: [40, 60], pipeline: true, flow_control },
    actions: [
      { at_ms: 3000, do: 'crash', node: 3 }, { at_ms: 3000, do: 'cut', from: 1, to: 2 },
      { at_ms: 3100, do: 'workload', every_ms: 100 }, { at_ms: 4000, do: 'mend', from: 1, to: 2 },
    ],
  });
  const committedAt4400 = async (flow_control) => {
    await page.goto(`./${linkOf(scenario(flow_control), 4400)}`);
    await expect(page.locator('main')).toHaveAttribute('data-time-ms', '4400');
    await expect(page.locator('[data-node="1"]')).toHaveAttribute('data-role', 'leader');
    return page.locator('[data-log-node="1"][data-committed="true"]').count();
  };
  // Without: nextIndex walks back one entry per round trip, and nothing commits meanwhile.
  expect(await committedAt4400(false)).toBe(1);
  // With: straight back past matchIndex, and the writes commit.
  expect(await committedAt4400(true)).toBeGreaterThanOrEqual(8);
  // The link's option is the Settings box under Pipelining.
  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByLabel(/^Flow control for pipelining/)).toBeChecked();
  await expect(page.getByLabel(/^Pipelining: send each follower/)).toBeChecked();
  expect(errors).toEqual([]);
});
