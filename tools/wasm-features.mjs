// The WebAssembly features the page's module may use: rustc 1.95's defaults for
// wasm32-unknown-unknown, nothing more (no SIMD). Binaryen's names for them, as wasm-opt and
// wasm-as take them (`--enable-<name>`), each with the first browsers that have it. The page's
// floor is the latest of each column; README ("Browsers") states it, the start-up check
// (tools/feature-probe.wat) probes all of them, and tools/e2e/browsers.spec.mjs checks the
// shipped module needs no other feature.
export const FEATURES = [
  { name: 'bulk-memory', chrome: 75, firefox: 79, safari: '15' },
  { name: 'multivalue', chrome: 85, firefox: 78, safari: '13.1' },
  { name: 'mutable-globals', chrome: 74, firefox: 61, safari: '12' },
  { name: 'nontrapping-float-to-int', chrome: 75, firefox: 64, safari: '15' },
  { name: 'reference-types', chrome: 96, firefox: 79, safari: '15' },
  { name: 'sign-ext', chrome: 74, firefox: 62, safari: '14.1' },
];

/** `--mvp-features --enable-…` for every feature except those in `without`. */
export function featureFlags(without = []) {
  return ['--mvp-features', ...FEATURES.filter((f) => !without.includes(f.name)).map((f) => `--enable-${f.name}`)];
}

/** The message an older browser gets, in English and 中文. */
export const TOO_OLD =
  'The Raft playground needs a newer browser: Chrome or Edge 96, Firefox 79, Safari 15 (iOS 15) or later. ' +
  'Raft 演示需要较新的浏览器：Chrome 或 Edge 96、Firefox 79、Safari 15（iOS 15）及以上。';
