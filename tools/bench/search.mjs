// The model checker in the page's Web Worker (issue 17, "Find a counterexample"), in headless
// Chromium: distinct states per second on the safe core (3 servers, one crash, one write, one
// drop, one duplicate, breadth first to depth 8: the native benchmark's search), and the time
// from a click on Find to Figure 8's counterexample loaded, from the preset at 200 ms with
// commit_old_terms and the page's default bounds. Each opens the page at a link, turns Explore
// on, sets the bounds and clicks Find. Median of RUNS runs. Run by scripts/bench.sh.
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { launchChromium, median, serveDist } from './browser.mjs';

const RUNS = 3;
const linkOf = (scenario, t) => `#s=1.${deflateSync(Buffer.from(JSON.stringify(scenario))).toString('base64url')}&t=${t}`;
const figure8 = JSON.parse(readFileSync(new URL('../../crates/raft-web/presets/figure-8.json', import.meta.url), 'utf8'));
figure8.options.unsafe = { commit_old_terms: true };

/** Opens `hash`, explores, sets `bounds` and searches; returns the page's `.search` data once
 *  the search is over, and the milliseconds from the click. */
async function search(browser, url, hash, bounds) {
  const page = await browser.newPage();
  await page.goto(`${url}${hash}`);
  await page.locator('main[data-time-ms]').waitFor();
  await page.getByRole('button', { name: 'Explore', exact: true }).click();
  await page.getByText('Bounds', { exact: true }).click();
  for (const [label, value] of Object.entries(bounds)) {
    await page.getByLabel(label, { exact: true }).fill(String(value));
    await page.getByLabel(label, { exact: true }).press('Tab');
  }
  const started = Date.now();
  await page.getByRole('button', { name: 'Find a counterexample' }).click();
  const search = page.locator('.search:is([data-search-status=found], [data-search-status=none], [data-search-status=stopped], [data-search-status=failed])');
  await search.waitFor({ timeout: 180_000 });
  const took = Date.now() - started;
  const result = await search.evaluate((element) => ({ ...element.dataset }));
  await page.close();
  return { ...result, took };
}

const server = await serveDist(8097);
const browser = await launchChromium();
try {
  const safe = [];
  for (let run = 0; run < RUNS; run += 1) {
    const result = await search(browser, server.url, linkOf({ version: 1, seed: 1, nodes: 3 }, 0), {
      'Events per run, at most': 8, Crashes: 1, 'Client writes': 1, 'Dropped messages': 1, 'Duplicated messages': 1,
    });
    // The page keeps at most two million states: the search may stop there, short of depth 8.
    if (!['none', 'stopped'].includes(result.searchStatus)) throw new Error(`the safe core's search ended ${result.searchStatus}`);
    safe.push({ rate: (Number(result.searchStates) * 1000) / Number(result.searchMs), ...result });
  }
  safe.sort((a, b) => a.rate - b.rate);
  const middle = safe[1];
  console.log(`model checker in the page's worker, 3 nodes, safe core, breadth first towards depth 8: ${middle.searchStates} states (${middle.searchStatus === 'none' ? 'all of them' : "the page's limit"}) in ${(Number(middle.searchMs) / 1000).toFixed(2)} s, ${middle.rate.toFixed(0)} distinct states per second, median of ${RUNS} (natively: the line above)`);

  const found = [];
  for (let run = 0; run < RUNS; run += 1) {
    const result = await search(browser, server.url, linkOf(figure8, 200), {});
    if (result.searchStatus !== 'found') throw new Error(`Figure 8's search ended ${result.searchStatus}`);
    found.push(result);
  }
  const took = median(found.map((result) => result.took));
  console.log(`model checker in the page's worker, Figure 8 from its preset at 200 ms with commit_old_terms, the page's bounds (1 crash, 1 write): found and loaded ${took} ms after the click, median of ${RUNS}, ${found[0].searchStates} states`);
} finally {
  await browser.close();
  server.stop();
}
