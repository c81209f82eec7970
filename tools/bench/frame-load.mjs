// The load of the frame benchmarks (frames.mjs, frame-trace.mjs): 9 servers with 1,000-entry
// logs, a 20 ms heartbeat and 150-250 ms latency, which keep 150-160 messages in flight; the
// page imports it as a scenario file, plays it at 10x and is measured after 3 simulated
// seconds of warm-up.
const nodes = 9;
const log = Array.from({ length: 1000 }, (_, i) => [1, `k${i % 10}=${i}`]);

/** The scenario file of the load. */
export const scenario = {
  version: 1,
  seed: 11,
  nodes,
  title: 'Frame benchmark: 9 servers, 1,000-entry logs, many messages in flight',
  options: { election_timeout_ms: [1000, 2000], heartbeat_ms: 20, latency_ms: [150, 250] },
  initial: Object.fromEntries(Array.from({ length: nodes }, (_, i) => [String(i + 1), { term: 1, log }])),
  actions: [{ at_ms: 0, do: 'timeout', node: 1 }],
};

/** Opens the page at `url`, imports the load, plays it at 10x and waits out the warm-up. */
export async function playLoad(page, url) {
  await page.goto(url);
  await page.getByLabel('Import scenario').setInputFiles({
    name: 'bench.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)),
  });
  await page.locator('[data-node="9"]').waitFor();
  await page.getByRole('slider', { name: 'Speed' }).fill('1'); // 10^1 = 10x
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => Number(document.querySelector('[data-time-ms]').dataset.timeMs) > 3000, null, { timeout: 60_000 });
}
