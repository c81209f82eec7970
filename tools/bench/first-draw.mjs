// Time from navigation to the first drawn cluster, in headless Chromium on localhost: the
// moment the first node of the SVG enters the document, measured by a MutationObserver that an
// init script installs before the page's own scripts run. Median of RUNS fresh page loads
// (a new browser context each time, so nothing is cached). Run by scripts/bench.sh.
import { launchChromium, median, serveDist } from './browser.mjs';

const RUNS = 15;
const server = await serveDist(8094);
const browser = await launchChromium();
try {
  const samples = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-node]')) {
          window.__firstDraw = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.__firstDraw !== undefined);
    samples.push(await page.evaluate(() => window.__firstDraw));
    await context.close();
  }
  console.log(`first drawn cluster after navigation: median ${median(samples).toFixed(0)} ms, max ${Math.max(...samples).toFixed(0)} ms over ${RUNS} loads (target <= 300 ms)`);
} finally {
  await browser.close();
  server.stop();
}
