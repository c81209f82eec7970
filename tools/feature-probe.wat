;; The start-up check (tools/externalize-loader.mjs): one module that uses every WebAssembly
;; feature the page's module needs (tools/wasm-features.mjs), so a browser that lacks any of them
;; fails WebAssembly.validate on it and is told so, in both languages, instead of showing a
;; blank page. tools/e2e/browsers.spec.mjs checks that each feature is needed by it.
(module
  (memory 1)
  ;; mutable-globals: a mutable global exported
  (global (export "g") (mut i32) (i32.const 0))
  ;; reference-types: an externref parameter; multivalue: two results
  (func (export "f") (param externref) (result i32 i32)
    ;; bulk-memory
    (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
    ;; sign-ext
    (i32.extend8_s (i32.const 0))
    ;; nontrapping-float-to-int
    (i32.trunc_sat_f32_s (f32.const 0))))
