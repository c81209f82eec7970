// The browser floor (README, "Browsers"; issue 13): the shipped module needs no WebAssembly
// feature outside tools/wasm-features.mjs, the start-up probe needs every one of them, and a
// browser without them gets the message in both languages, never a blank page.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURES, featureFlags, TOO_OLD } from '../wasm-features.mjs';

const tools = new URL('..', import.meta.url).pathname;
const dist = new URL('../../dist/', import.meta.url).pathname;
const binaryen = (tool) => join(tools, 'node_modules/.bin', tool);

/** Whether binaryen reads and validates `file` with only these feature flags. */
function validates(file, flags) {
  try {
    execFileSync(binaryen('wasm-opt'), [file, ...flags, '-o', '/dev/null'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

test('the shipped modules, the page and its search worker, need no WebAssembly feature outside the documented list', () => {
  const modules = readdirSync(dist).filter((name) => name.endsWith('.wasm')).sort();
  expect(modules).toEqual([expect.stringMatching(/^raft-web-/), expect.stringMatching(/^raft-worker-/)]);
  for (const name of modules) expect(validates(join(dist, name), featureFlags()), name).toBe(true);
  // The check can fail: the page's module does use features beyond WebAssembly 1.0.
  expect(validates(join(dist, modules[0]), ['--mvp-features'])).toBe(false);
});

test('the start-up probe needs every feature of the list, and the page ships it', () => {
  const probe = test.info().outputPath('probe.wasm');
  execFileSync(binaryen('wasm-as'), [join(tools, 'feature-probe.wat'), '-o', probe, ...featureFlags()]);
  expect(validates(probe, featureFlags())).toBe(true);
  for (const feature of FEATURES) {
    expect(validates(probe, featureFlags([feature.name])), `the probe without ${feature.name}`).toBe(false);
  }
  const start = readdirSync(dist).find((name) => /^start-.*\.js$/.test(name));
  const script = readFileSync(join(dist, start), 'utf8');
  expect(script.replace(/\s/g, '')).toContain(`[${[...readFileSync(probe)].join(',')}]`);
});

test('a browser without those features is told so in both languages, not shown a blank page', async ({ page }) => {
  await page.addInitScript(() => { WebAssembly.validate = () => false; });
  await page.goto('./');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Chrome or Edge 96, Firefox 79, Safari 15');
  await expect(alert).toContainText('Raft 演示需要较新的浏览器');
  await expect(alert).toHaveText(TOO_OLD);
  await expect(page.locator('[data-node]')).toHaveCount(0);
});

test('a browser with those features gets no such message', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await expect(page.getByText('needs a newer browser')).toHaveCount(0);
});
