//! Entry point of the page: mounts [`raft_web::App`] on the document body.

fn main() {
    yew::Renderer::<raft_web::App>::new().render();
}
