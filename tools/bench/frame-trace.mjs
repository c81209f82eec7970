// Where a frame's time goes on the main thread, under the load of frames.mjs (frame-load.mjs):
// a 4-second Chromium trace of the playing page, its complete events summed by name and
// divided by the frames drawn (the animation frames fired). Tracing slows the page, so compare
// builds with each other, in the same session (BENCH_DIST=… for another build), not with
// frames.mjs. Usage: `node tools/bench/frame-trace.mjs` after `trunk build --release`.
import { launchChromium, serveDist } from './browser.mjs';
import { playLoad } from './frame-load.mjs';

const server = await serveDist(8099);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await playLoad(page, server.url);
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...data.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
  await page.waitForTimeout(4000);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  // The page's main thread: of the renderers' main threads, the one that drew the frames.
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const framesOf = (main) => events.filter((e) => e.name === 'FireAnimationFrame' && e.pid === main.pid && e.tid === main.tid).length;
  const main = mains.reduce((best, candidate) => (framesOf(candidate) > framesOf(best) ? candidate : best));
  const onMain = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid);
  const frames = onMain.filter((e) => e.name === 'FireAnimationFrame').length;
  if (frames === 0) throw new Error('no animation frame in the trace: is the page playing?');
  const total = {};
  for (const e of onMain) total[e.name] = (total[e.name] ?? 0) + (e.dur ?? 0) / 1000;
  console.log(`frames drawn in 4 s while traced: ${frames}; main-thread time per frame (events nest: script includes the app's render):`);
  for (const name of ['FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MajorGC', 'MinorGC']) {
    console.log(`  ${name.padEnd(16)} ${((total[name] ?? 0) / frames).toFixed(2).padStart(6)} ms`);
  }
} finally {
  await browser.close();
  server.stop();
}
