// Frame-time benchmark of the page in headless Chromium: 9 servers with 1,000-entry logs and
// at least 100 messages in flight, played at 10x. Run by scripts/bench.sh (which builds
// dist/ first); prints the figures and the target.
//
// Method: the page imports a generated scenario (long latency keeps many messages in flight),
// plays at 10x, and after a warm-up a probe measures each frame's busy time: from the frame's
// start (the first requestAnimationFrame callback of the frame, registered before the app's)
// to the first task that runs after the frame (a MessageChannel message posted from that
// callback), which comes after the app's simulation step, Yew's render, style and layout.
import { launchChromium, serveDist } from './browser.mjs';
import { playLoad } from './frame-load.mjs';

const FRAMES = 600;
const port = 8093;

const server = await serveDist(port);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await playLoad(page, server.url);
  const result = await page.evaluate((frames) => new Promise((resolve) => {
    const busy = [];
    const intervals = [];
    const messages = [];
    let last = null;
    const channel = new MessageChannel();
    let started = 0;
    channel.port1.onmessage = () => {
      busy.push(performance.now() - started);
      messages.push(document.querySelectorAll('[data-message]').length);
      if (busy.length >= frames) resolve({ busy, intervals, messages });
    };
    const frame = (timestamp) => {
      if (busy.length >= frames) return;
      started = performance.now();
      if (last !== null) intervals.push(timestamp - last);
      last = timestamp;
      channel.port2.postMessage(0);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }), FRAMES);
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  const logLength = await page.locator('[data-log-node="1"]').count();
  const longest = await page.locator('.logs__note').textContent();
  console.log(`frames measured: ${result.busy.length}; messages in flight: min ${Math.min(...result.messages)}, median ${pct(result.messages, 0.5)}; log table: ${longest}`);
  console.log(`frame busy time at 10x, 9 nodes, 1,000-entry logs: p50 ${pct(result.busy, 0.5).toFixed(2)} ms, p95 ${pct(result.busy, 0.95).toFixed(2)} ms, max ${Math.max(...result.busy).toFixed(2)} ms (target p95 <= 8 ms)`);
  console.log(`frame interval: p50 ${pct(result.intervals, 0.5).toFixed(2)} ms, p95 ${pct(result.intervals, 0.95).toFixed(2)} ms, max ${Math.max(...result.intervals).toFixed(2)} ms`);
  if (logLength < 1) throw new Error('the log table is empty: the scenario did not load');
} finally {
  await browser.close();
  server.stop();
}
