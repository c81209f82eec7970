//! Entry point of the page: mounts [`raft_web::App`] on the document body.

/// Talc instead of Rust's default dlmalloc: about a third of its size in the page's
/// WebAssembly, and faster (issue 6, page weight).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    raft_web::error_banner::install_panic_banner();
    raft_web::error_banner::install_error_listener();
    yew::Renderer::<raft_web::App>::new().render();
}
