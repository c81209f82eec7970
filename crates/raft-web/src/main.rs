//! Entry point of the page: mounts [`raft_web::App`] on the document body.

fn main() {
    raft_web::error_banner::install_panic_banner();
    yew::Renderer::<raft_web::App>::new().render();
}
