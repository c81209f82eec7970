// What the page benchmarks share: a static server for dist/ and headless Debian Chromium
// launched with the flags this closed network needs (../../shared/TOOLCHAIN.md).
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

/**
 * Serves ../../dist (or the folder in BENCH_DIST, to measure another build in the same run,
 * e.g. an older commit's) at http://127.0.0.1:PORT/ until `stop()`.
 */
export async function serveDist(port) {
  const here = new URL('.', import.meta.url).pathname;
  const dist = process.env.BENCH_DIST ?? `${here}../../dist`;
  const server = spawn('node', [`${here}../serve-static.mjs`, dist, String(port), '/'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve) => server.stdout.once('data', resolve));
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.kill() };
}

/** Headless Chromium. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The median of numbers. */
export function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
