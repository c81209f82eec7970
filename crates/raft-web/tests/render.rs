//! Component tests in a real browser (wasm-bindgen-test in headless Chromium): the DOM hooks of
//! the public contract are on the rendered elements.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use raft_sim::{RoleKind, SimBuilder};
use raft_web::components::{Cluster, ClusterProps};
use raft_web::view::ClusterView;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element attached to the page, to render into.
fn mount_point() -> Element {
    let root = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    root
}

/// Lets Yew finish rendering.
async fn settle() {
    gloo::timers::future::TimeoutFuture::new(0).await;
}

fn node_groups(root: &Element) -> Vec<Element> {
    let list = root.query_selector_all("g[data-node]").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap()).collect()
}

fn attr(element: &Element, name: &str) -> String {
    element.get_attribute(name).unwrap_or_else(|| panic!("missing attribute {name}"))
}

#[wasm_bindgen_test]
async fn the_app_renders_five_follower_nodes_with_their_hooks() {
    let root = mount_point();
    yew::Renderer::<raft_web::App>::with_root(root.clone()).render();
    settle().await;

    let nodes = node_groups(&root);
    assert_eq!(nodes.len(), 5);
    for (index, node) in nodes.iter().enumerate() {
        let id = index + 1;
        assert_eq!(attr(node, "data-node"), id.to_string());
        assert_eq!(attr(node, "data-role"), "follower");
        assert_eq!(attr(node, "data-up"), "true");
        assert_eq!(attr(node, "data-term"), "0");
        assert_eq!(attr(node, "aria-label"), format!("S{id}, follower, term 0"));
        assert_eq!(attr(node, "tabindex"), "0");
        assert_eq!(node.namespace_uri().as_deref(), Some("http://www.w3.org/2000/svg"));
    }
    let playground = root.query_selector("[data-time-ms]").unwrap().expect("root carries the clock");
    assert_eq!(attr(&playground, "data-time-ms"), "0");
    let play = root.query_selector("button[aria-label='Play']").unwrap();
    assert!(play.is_some(), "a Play button with its accessible name");
}

#[wasm_bindgen_test]
async fn the_cluster_shows_a_leader_and_its_messages_with_their_hooks() {
    let mut sim = SimBuilder::new(1).build().unwrap();
    sim.run_until(2_000);
    let leader = sim.nodes().find(|n| n.node().role() == RoleKind::Leader).expect("a leader by 2 s");
    let (leader_id, term) = (leader.node().id(), leader.node().current_term());
    while sim.messages_in_flight().next().is_none() {
        sim.step();
    }
    let view = Rc::new(ClusterView::of(&sim, sim.now() as f64));
    let props = ClusterProps {
        view: view.clone(),
        on_node_activate: Callback::noop(),
        on_background: Callback::noop(),
        on_lane: Callback::noop(),
        on_message: Callback::noop(),
        messages_focusable: false,
        lang: Default::default(),
        selected: Some(2),
        client_open: false,
        open_message: None,
        on_client: Callback::noop(),
    };
    let root = mount_point();
    yew::Renderer::<Cluster>::with_root_and_props(root.clone(), props).render();
    settle().await;

    let nodes = node_groups(&root);
    assert_eq!(nodes.len(), 5);
    let drawn_leader = &nodes[leader_id as usize - 1];
    assert_eq!(attr(drawn_leader, "data-role"), "leader");
    assert_eq!(attr(drawn_leader, "aria-label"), format!("S{leader_id}, leader, term {term}"));

    let messages = root.query_selector_all("g[data-message]").unwrap();
    assert_eq!(messages.length() as usize, view.messages.len());
    for (index, expected) in view.messages.iter().enumerate() {
        let drawn: Element = messages.item(index as u32).unwrap().dyn_into().unwrap();
        assert_eq!(attr(&drawn, "data-message"), expected.id.to_string());
        assert_eq!(attr(&drawn, "data-kind"), expected.kind.as_str());
        assert_eq!(attr(&drawn, "data-from"), expected.from.to_string());
        assert_eq!(attr(&drawn, "data-to"), expected.to.to_string());
        if expected.kind == raft_sim::PayloadKind::AppendEntries {
            assert_eq!(attr(&drawn, "data-entries"), expected.entries.to_string());
        }
        let outline = attr(&drawn.query_selector(".message__shape").unwrap().unwrap(), "d");
        assert_eq!(outline.matches('M').count(), 2, "every message has its arrowhead: {outline}");
    }
    // The selected node is marked; every node shows its state machine.
    assert_eq!(attr(&nodes[1], "data-selected"), "true");
    assert_eq!(attr(&nodes[0], "data-selected"), "false");
    for id in 1..=5 {
        let kv = root.query_selector(&format!("[data-kv-node=\"{id}\"]")).unwrap().expect("a state machine");
        assert_eq!(kv.text_content().unwrap(), "∅");
        assert_eq!(attr(&kv, "aria-label"), format!("State machine of S{id}: ∅"));
    }
    assert!(root.query_selector("[data-client][role=button]").unwrap().is_some(), "the client box is a control");
}

/// The invariant bar is drawn by a plain function; this component shows it on its own.
#[yew::component]
fn InvariantBar(props: &raft_web::components::InvariantBarProps) -> yew::Html {
    raft_web::components::invariant_bar(raft_web::i18n::Lang::En, props)
}

#[wasm_bindgen_test]
async fn a_broken_property_turns_red_with_what_broke_and_when() {
    use raft_web::components::InvariantBarProps;
    let violation = raft_sim::Violation {
        property: raft_sim::Property::StateMachineSafety,
        at_ms: 1_234,
        detail: raft_sim::Breach::TwoLeaders { first: 1, second: 2, term: 3 },
    };
    let root = mount_point();
    yew::Renderer::<InvariantBar>::with_root_and_props(
        root.clone(),
        InvariantBarProps {
            violations: vec![violation],
            history_breach: None,
            on_seek: yew::Callback::noop(),
            rules_off: vec!["vote_for_highest_id"],
        },
    )
    .render();
    settle().await;
    // The rule switched off is named beside the badges, with what it breaks.
    let rules = root.query_selector("[data-rules-off]").unwrap().expect("the rules switched off");
    assert_eq!(attr(&rules, "data-rules-off"), "vote_for_highest_id");
    let said = rules.text_content().unwrap();
    assert!(said.contains("Vote again for a higher server id in the same term: breaks election safety"), "{said}");
    let broken = root.query_selector("[data-invariant=state_machine_safety]").unwrap().unwrap();
    assert_eq!(attr(&broken, "data-ok"), "false");
    // First, in the bar's first row, though Figure 3 lists it fifth.
    let first = root.query_selector("li").unwrap().unwrap();
    assert_eq!(attr(&first, "data-invariant"), "state_machine_safety");
    let text = broken.text_content().unwrap();
    assert!(text.contains("S1 and S2 both lead term 3") && text.contains("1.234 s"), "{text}");
    let holding = root.query_selector_all("[data-ok=true]").unwrap();
    assert_eq!(holding.length(), 6, "the other four of Figure 3, one change at a time, and linearizability");
    let linearizable = root.query_selector("[data-invariant=linearizable]").unwrap().unwrap();
    assert_eq!(attr(&linearizable, "data-ok"), "true");
}

#[wasm_bindgen_test]
async fn a_panic_shows_a_readable_banner_with_a_reset_link_and_never_injects_html() {
    raft_web::error_banner::show_error_banner("boom <img src=x onerror=alert(1)>");
    let banner = gloo::utils::document().get_element_by_id("playground-error").expect("a banner");
    assert_eq!(attr(&banner, "role"), "alert");
    assert!(banner.text_content().unwrap().contains("boom <img src=x onerror=alert(1)>"), "shown as text");
    assert!(banner.query_selector("img").unwrap().is_none(), "never parsed as HTML");
    let reset = banner.query_selector("a").unwrap().expect("a Reset link");
    assert!(reset.text_content().unwrap().starts_with("Reset"));
    raft_web::error_banner::show_error_banner("RefCell already borrowed");
    assert_eq!(gloo::utils::document().query_selector_all("#playground-error").unwrap().length(), 1);
    let kept = gloo::utils::document().get_element_by_id("playground-error").unwrap().text_content().unwrap();
    assert!(kept.contains("boom") && !kept.contains("RefCell"), "the first failure stays: {kept}");
    assert!(kept.contains("The simulation stopped working"), "a plain explanation: {kept}");
}
