//! The page's model-checker worker (issue 17, "Find a counterexample"). The page starts it
//! from `raft-worker-<hash>.js` (index.html names the file in `<meta name="raft-worker">`).
//! Once its WebAssembly has loaded, the worker announces itself with an empty
//! [`raft_sim::SearchReport`] (nothing searched, not done): a message posted before that would
//! be lost. The page then posts one [`raft_sim::SearchRequest`] and hears reports until one
//! says `done`. Both ways, messages are JSON text. The search runs on the worker's thread, so the page
//! stays responsive; the page cancels it by terminating the worker.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        let post = |report: &raft_sim::SearchReport| {
            let json = serde_json::to_string(report).unwrap_or_default();
            // The page may be gone; then nobody is listening and nothing is lost.
            let _ = replies.post_message(&JsValue::from_str(&json));
        };
        match serde_json::from_str::<raft_sim::SearchRequest>(&text) {
            Ok(request) => request.run(js_sys::Date::now, post),
            Err(error) => {
                post(&raft_sim::SearchReport { done: true, error: Some(error.to_string()), ..Default::default() })
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = serde_json::to_string(&raft_sim::SearchReport::default()).unwrap_or_default();
    let _ = scope.post_message(&JsValue::from_str(&ready));
}

/// Natively there is no page to serve: the same search is `raftsim check`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("raft-worker runs in the page's Web Worker; natively, use `raftsim check`.");
}
