//! The menu that opens on a node: its state and what can be done to it.

use yew::prelude::*;

use super::node_glyph::node_label;
use crate::view::NodeView;

/// Properties of [`NodeMenu`].
#[derive(Properties, PartialEq)]
pub struct NodeMenuProps {
    /// The node the menu is for.
    pub node: NodeView,
    /// "Time out" was chosen.
    pub on_timeout: Callback<()>,
    /// The menu should close.
    pub on_close: Callback<()>,
}

/// A small panel placed beside its node, over the drawing. Opening it focuses its first action.
#[component]
pub fn NodeMenu(props: &NodeMenuProps) -> Html {
    let first_action = use_node_ref();
    {
        let first_action = first_action.clone();
        use_effect_with(props.node.id, move |_| {
            if let Some(button) = first_action.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let node = &props.node;
    let (left, top) = node.position.as_percent();
    // Open towards the centre so the menu stays inside the drawing.
    let side = if left > 50.0 { "node-menu--left" } else { "node-menu--right" };
    html! {
        <div class={classes!("node-menu", side)} style={format!("left: {left:.2}%; top: {top:.2}%")}
             role="group" aria-label={format!("Actions for node {}", node.id)}>
            <p class="node-menu__title">{ node_label(node) }</p>
            <button type="button" ref={first_action} onclick={props.on_timeout.reform(|_: MouseEvent| ())}
                    title="Fire this node's election timer now">{ "Time out" }</button>
            <button type="button" class="node-menu__close" onclick={props.on_close.reform(|_: MouseEvent| ())}
                    aria-label="Close menu">{ "×" }</button>
        </div>
    }
}
