// The 中文 page, walked through its main flows: every word a reader sees or hears (text,
// accessible names, tooltips) is Chinese, except names: servers (S1), commands (x=3), Raft, the
// paper's RPC and field names, keys, and section signs.
import { test, expect } from '@playwright/test';
import { simulatedTime, watchErrors, presetShown } from './helpers.mjs';

/** Words that are names, not English: the paper's identifiers, RPCs, keys, formats. */
const NAMES = new Set([
  'Raft', 'RPC', 'RequestVote', 'RequestVoteReply', 'AppendEntries', 'AppendEntriesReply',
  'ClientRequest', 'ClientResponse', 'RequestPreVote', 'RequestPreVoteReply', 'TimeoutNow', 'term', 'success',
  'InstallSnapshot', 'InstallSnapshotReply', 'lastIncludedIndex', 'lastIncludedTerm', 'data', 'ReadIndex',
  'entries', 'candidateId', 'lastLogIndex', 'lastLogTerm',
  'voteGranted', 'leaderId', 'prevLogIndex', 'prevLogTerm', 'leaderCommit', 'conflictTerm',
  'conflictIndex', 'nextIndex', 'matchIndex', 'commitIndex', 'lastApplied', 'votedFor',
  'currentTerm', 'raftsim', 'etcd', 'K', 'W', 'R', 'T', 'Tab', 'Enter', 'Esc', 'Escape', 'PageDown', 'PageUp', 'JSON', 'SVG', 'ms', 'px', 'U', 'Figure',
  // Keys (K, W, C, R, T: the shortcuts); the paper's notation for a configuration (C{1,2,3},
  // C_old,new), and the author's name.
  'C', 'Ongaro',
  // Keys, as the presets and the read field name them (a read names its key alone).
  'x', 'y',
  // Production Raft's mechanisms and the systems that run them, the values of a reply's
  // `success` field, and the seed article's own word for a server's id (the lessons quote it).
  'PreVote', 'CheckQuorum', 'etcd', 'TiKV', 'true', 'false', 'serverid',
]);

/** The scenario format's keys and action names: an error names the field at fault by its path
 *  in the file (`actions[0].node`), and those are the file's own words. */
const FORMAT_KEYS = new Set([
  'version', 'seed', 'nodes', 'title', 'description', 'options', 'initial', 'actions', 'until_ms',
  'at_ms', 'do', 'node', 'command', 'groups', 'from', 'to', 'message', 'probability', 'voted_for',
  'log', 'election_timeout_ms', 'heartbeat_ms', 'latency_ms', 'loss', 'duplicate', 'client_timeout_ms',
  'max_entries_per_append', 'noop_on_election', 'conflict_hint', 'timeout', 'crash', 'restart',
  'write', 'partition', 'heal', 'cut', 'mend', 'drop', 'add_server', 'remove_server', 'reconfigure', 'voters',
  'membership', 'read', 'read_mode', 'key', 'client', 'stale_reads', 'snapshot', 'snapshot_every', 'client_retries',
]);

/** The Latin-alphabet words of `texts` that are not names. A command (`x=3`), a server (`S1`), a client (`C2`),
 *  a hexadecimal hash and a link's payload are names too. */
function latinWords(texts) {
  const found = new Set();
  for (const text of texts) {
    const context = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    // A membership change's bar says its server alone (+S4, −S2).
    for (const token of text.split(/[\s,.;:!?()（），。；：？！、「」《》|/<>“”"'[\]{}…→←⟨⟩×✓✗↗◀▶—+−-]+/)) {
      if (!/[A-Za-z]/.test(token)) continue;
      if (NAMES.has(token) || FORMAT_KEYS.has(token.replace(/\d+/g, '')) || token.includes('=') || /^[SC]\d+$/.test(token) || /^#?\d/.test(token)) continue;
      if (/^[0-9a-f]{16}$/.test(token) || token.length > 40) continue;
      if (/^[a-h](–[a-h])?$/.test(token)) continue; // the paper's figure panels, (a) to (f)
      found.add(`${token} in "${context}"`);
    }
  }
  return [...found].sort();
}

/** Everything a reader meets on the page now: visible text, accessible names, tooltips; not
 *  what is marked as another language (the 中文 page's "English" button is in English). */
async function pageWords(page) {
  return page.evaluate(() => {
    const english = (node) => node.closest('[lang]')?.getAttribute('lang')?.startsWith('en');
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || english(parent) || parent.closest('script, style')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true }) && !parent.closest('svg title')) continue;
      if (node.textContent.trim()) texts.push(node.textContent);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (english(element)) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

async function expectChinese(page, where) {
  expect(latinWords(await pageWords(page)), where).toEqual([]);
}

test('the 中文 page speaks Chinese through every main flow', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto('./');
  await expect(page.locator('[data-lang]')).toHaveAttribute('data-lang', 'zh');
  await expectChinese(page, 'the page as it opens');

  // Settings, the shortcuts, the share panel: every label.
  await page.getByText('设置', { exact: true }).click();
  await page.getByText('分享、嵌入、导出', { exact: true }).click();
  await page.keyboard.press('?');
  await expectChinese(page, 'settings, sharing and shortcuts open');
  await page.keyboard.press('Escape');

  // A bad settings value.
  const heartbeat = page.locator('input[name=heartbeat_ms]');
  await heartbeat.fill('400');
  await page.getByRole('button', { name: '应用：开始一个新集群' }).click();
  await expect(page.getByRole('alert')).toContainText('400 必须大于 0 并小于最短选举超时（150）');
  await expectChinese(page, 'a refused settings value');
  await heartbeat.fill('50');

  // A node menu, a refused write, the message panel for a vote and for a client request.
  await page.getByRole('button', { name: '播放' }).click();
  await expect(page.locator('[data-node][data-role=leader]')).toHaveCount(1, { timeout: 20_000 });
  await page.getByRole('button', { name: '暂停' }).click();
  const leader = await page.locator('[data-node][data-role=leader]').getAttribute('data-node');
  await page.locator(`[data-node="${leader}"]`).click();
  await expectChinese(page, 'a node menu');
  const command = page.getByRole('textbox', { name: '命令' });
  await command.fill('x');
  await command.press('Enter');
  await expect(page.locator(`[data-node-menu="${leader}"]`)).toContainText('命令需要一个“=”');
  await expectChinese(page, 'a refused write');
  await command.fill('x=1');
  await command.press('Enter');
  const request = page.locator('[data-message][data-kind=ClientRequest]').first();
  await request.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /^消息 / })).toBeVisible();
  await expectChinese(page, 'a client request in the message panel');
  await page.keyboard.press('Escape');
  for (let i = 0; i < 40 && (await page.locator('[data-message][data-kind=AppendEntriesReply]').count()) === 0; i += 1) {
    await page.keyboard.press('ArrowRight');
  }
  const reply = page.locator('[data-message][data-kind=AppendEntriesReply]').first();
  await reply.focus();
  await page.keyboard.press('Enter');
  await expectChinese(page, 'a reply in the message panel');
  await page.keyboard.press('Escape');

  // Explore: the panel of next events, and a leader's heartbeat chosen there.
  await page.getByRole('button', { name: '探索', exact: true }).click();
  await expect(page.getByRole('region', { name: '探索：选择下一个事件' })).toBeVisible();
  await page.locator(`[data-event="heartbeat:${leader}"]`).click();
  await expectChinese(page, 'exploring');
  // A small search for a counterexample, and what it says it proved.
  await page.getByText('搜索范围', { exact: true }).click();
  await page.getByLabel('每次执行最多事件数').fill('2');
  await page.getByLabel('每次执行最多事件数').blur();
  await page.getByRole('button', { name: '寻找反例', exact: true }).click();
  await expect(page.locator('.search')).toHaveAttribute('data-search-status', 'none', { timeout: 60_000 });
  await expect(page.locator('.search__status')).toContainText('不超过 2 个事件的每种执行都满足所有性质');
  await expectChinese(page, 'a search that found nothing');
  await page.getByRole('button', { name: '探索', exact: true }).click();

  // A bad scenario file, and a bad link.
  await page.locator('input[type=file]').setInputFiles({
    name: 'bad.json', mimeType: 'application/json',
    buffer: Buffer.from('{ "version": 1, "seed": 1, "actions": [ { "at_ms": 0, "do": "crash", "node": 9 } ] }'),
  });
  await expect(page.getByRole('alert')).toContainText('无法打开这个场景文件，当前运行保持不变：actions[0].node：服务器 9 不存在：服务器编号为 1 到 5');
  await expectChinese(page, 'a refused scenario file');
  await page.locator('input[type=file]').setInputFiles({
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "version": 1, "seed": }'),
  });
  await expect(page.getByRole('alert')).toContainText('这不是有效的 JSON');
  await expectChinese(page, 'a file that is not JSON');
  await page.goto('./#s=1.eJyrVkrLz1eyUjI0MFDSUcpMUbIyNDEwMDA0MTI1NTM0MjI1NQEAiiwLcQ&t=0');
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('无法打开这个链接');
  await expectChinese(page, 'a damaged link');

  // Every preset, run a while, with its narration.
  const picker = page.getByRole('combobox', { name: '场景' });
  const presets = await picker.locator('option').evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
  expect(presets.length).toBeGreaterThan(5);
  await page.getByRole('slider', { name: '速度' }).fill('2'); // 100×
  for (const preset of presets) {
    await picker.selectOption(preset);
    await presetShown(page, preset);
    await page.getByRole('button', { name: '播放' }).click();
    await expect.poll(() => simulatedTime(page), { timeout: 20_000 }).toBeGreaterThan(3_000);
    await page.getByRole('button', { name: '暂停' }).click();
    await expectChinese(page, `preset ${preset}`);
  }
  expect(errors).toEqual([]);
  await context.close();
});

test('every lesson step, question and answer reads in 中文', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto('./');
  // The picker is drawn once the WebAssembly runs: wait for it (evaluateAll does not).
  await expect(page.locator('[data-lesson-picker] option')).toHaveCount(15);
  const ids = await page.locator('[data-lesson-picker] option').evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
  expect(ids.length).toBe(14);
  for (const id of ids) {
    for (let step = 1; ; step += 1) {
      await page.goto('about:blank'); // a new document: the step read below is this link's
      await page.goto(`./#lesson=${id}&step=${step}`);
      await expect(page.locator('main')).toHaveAttribute('data-lesson', id);
      const shown = Number(await page.locator('main').getAttribute('data-lesson-step'));
      if (shown < step) break; // past the last step: the last is shown
      await expect(page.locator('main')).toHaveAttribute('data-lesson-step', String(step));
      const choice = page.locator('[data-choice="1"]');
      if ((await choice.count()) > 0 && (await choice.getAttribute('aria-disabled')) !== 'true') await choice.click();
      await page.locator('.lesson__steps summary').click();
      await expectChinese(page, `lesson ${id}, step ${step}`);
    }
  }
  expect(errors).toEqual([]);
});
