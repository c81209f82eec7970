//! The clients' form, opened by clicking the Client box: which client (C1 to C3) sends, a
//! write or a read, sent to the leader the client knows, or to a server the user picks.

use raft_sim::{Action, NodeId};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::WriteForm;
use crate::hooks::{tab_trap, use_popover};
use crate::i18n::Lang;

/// Properties of [`ClientMenu`].
#[derive(Properties, PartialEq)]
pub struct ClientMenuProps {
    /// The page's language.
    #[prop_or_default]
    pub lang: Lang,
    /// Every server, by id.
    pub servers: Vec<NodeId>,
    /// The leader the client knows, if any.
    pub known_leader: Option<NodeId>,
    /// When it knows none: for each client, C1 first, the running server its latest request
    /// is waiting on, if one is.
    #[prop_or_default]
    pub waiting_on: [Option<NodeId>; raft_sim::MAX_CLIENTS as usize],
    /// Where the form sends when the client knows no leader and waits on no server: the first
    /// server that is up.
    pub first_up: NodeId,
    /// The value the write field suggests, e.g. 3 for `x=3` (C1), `y=3` (C2) or `z=3` (C3):
    /// each client's field suggests the key it writes on its own.
    pub suggested_number: u64,
    /// What the read field starts with: the key of the latest write.
    pub suggested_key: AttrValue,
    /// How often each client writes on its own, C1 first (0: it does not).
    pub workloads: [u64; raft_sim::MAX_CLIENTS as usize],
    /// Why the last write was refused, shown under the field.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Why the last read from this menu was refused, shown under the read field.
    #[prop_or_default]
    pub read_error: Option<AttrValue>,
    /// The write to carry out.
    pub on_action: Callback<Action>,
    /// The form should close.
    pub on_close: Callback<()>,
}

/// The client's write form, beside the Client box.
#[component]
pub fn ClientMenu(props: &ClientMenuProps) -> Html {
    let menu = use_node_ref();
    use_popover(menu.clone(), "[data-client]".to_owned());
    let lang = props.lang;
    let (t, l) = (lang.texts(), lang.learner_texts());
    let client = use_state(|| 1u32);
    // Until the user picks a server, the write follows the leader the client knows, even if
    // that changes while the form is open; before it knows one, where the chosen client's
    // request waits.
    let waiting_on =
        usize::try_from(*client).ok().and_then(|c| props.waiting_on.get(c.checked_sub(1)?).copied().flatten());
    let (default_target, why) = match (props.known_leader, waiting_on) {
        (Some(leader), _) => (leader, crate::i18n_learner::TargetReason::KnownLeader),
        (None, Some(waiting_on)) => (waiting_on, crate::i18n_learner::TargetReason::WaitingOn),
        (None, None) => (props.first_up, crate::i18n_learner::TargetReason::FirstUp),
    };
    let chosen = use_state(|| None::<NodeId>);
    let target = chosen.unwrap_or(default_target);
    let on_target = {
        let chosen = chosen.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(node) = select.value().parse() {
                chosen.set(Some(node));
            }
        })
    };
    let on_client = {
        let client = client.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(chosen) = select.value().parse() {
                client.set(chosen);
            }
        })
    };
    let (node, sender) = (target, *client);
    let on_send = props.on_action.reform(move |command| Action::Write { node, command, client: sender });
    let on_read = props.on_action.reform(move |key| Action::Read { node, key, client: sender });
    let h = lang.history_texts();
    let onkeydown = tab_trap(menu.clone());
    let current = props.workloads.get(sender.wrapping_sub(1) as usize).copied().unwrap_or(0);
    let mut paces = vec![0, 1_000, 500, 250];
    if !paces.contains(&current) {
        paces.push(current);
    }
    html! {
        <div class="node-menu client-menu" ref={menu} data-client-menu="true" role="dialog" aria-modal="true"
             aria-label={l.client_form} {onkeydown}>
            <p class="node-menu__title">{ l.client_form }</p>
            <label class="client-menu__target">
                { l.send_to }
                <select onchange={on_target}>
                    { for props.servers.iter().map(|&node| {
                        let name = if node == default_target { lang.client_target(why, default_target) } else { format!("S{node}") };
                        html! { <option value={node.to_string()} selected={node == target}>{ name }</option> }
                    }) }
                </select>
            </label>
            <label class="client-menu__target">
                { h.client }
                <select onchange={on_client}>
                    { for (1..=raft_sim::MAX_CLIENTS).map(|c| html! {
                        <option value={c.to_string()} selected={c == *client}>{ format!("C{c}") }</option>
                    }) }
                </select>
            </label>
            <WriteForm key={sender} suggested={format!("{}={}", raft_sim::workload_key(sender), props.suggested_number)} label={t.command}
                       button={(AttrValue::from(l.send), AttrValue::from(t.write_title))}
                       error={props.error.clone()} {on_send} />
            <div class="client-menu__steady" role="group" aria-label={format!("C{sender}: {}", l.writes_steadily)}>
                <span class="client-menu__steady-label" aria-hidden="true">{ l.writes_steadily }</span>
                { for paces.into_iter().map(|every_ms| {
                    let name = if every_ms == 0 { l.steady_off.to_owned() } else { lang.steady_pace(every_ms) };
                    let onclick = props.on_action.reform(move |_: MouseEvent| Action::Workload { client: sender, every_ms });
                    html! {
                        <button type="button" aria-pressed={(every_ms == current).to_string()}
                                title={lang.steady_title(sender, every_ms)} {onclick}>{ name }</button>
                    }
                }) }
            </div>
            <WriteForm suggested={props.suggested_key.clone()} label={h.read_key}
                       button={(AttrValue::from(h.read), AttrValue::from(h.read_title))}
                       error={props.read_error.clone()} on_send={on_read} />
            <button type="button" class="node-menu__close" onclick={props.on_close.reform(|_: MouseEvent| ())}
                    aria-label={t.close_menu}>{ "×" }</button>
        </div>
    }
}
