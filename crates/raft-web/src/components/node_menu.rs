//! The menu that opens on a node: its state, and what can be done to it.

use raft_sim::Action;

use crate::class_list::class_list;
use yew::prelude::*;

use super::node_glyph::node_label;
use super::WriteForm;
use crate::hooks::{tab_trap, use_popover};
use crate::i18n::Lang;
use crate::i18n::Texts;
use crate::i18n_clock::{clock_factor, MENU_SPEEDS};
use crate::view::{NodeDetails, NodeView};

/// Properties of [`NodeMenu`].
#[derive(Properties, PartialEq)]
pub struct NodeMenuProps {
    /// The page's language.
    #[prop_or_default]
    pub lang: Lang,
    /// The node the menu is for.
    pub node: NodeView,
    /// Its state beyond what is drawn.
    pub details: NodeDetails,
    /// What the write field starts with, e.g. `x=3`.
    pub suggested_command: AttrValue,
    /// What the read field starts with.
    pub suggested_key: AttrValue,
    /// Why the last action from this menu was refused, shown under the write field.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Why the last read from this menu was refused, shown under the read field.
    #[prop_or_default]
    pub read_error: Option<AttrValue>,
    /// An action was chosen.
    pub on_action: Callback<Action>,
    /// Isolate (true) or reconnect (false) this node.
    pub on_isolate: Callback<bool>,
    /// Move this node into the partition group of the given server.
    pub on_join: Callback<u32>,
    /// Every other server, with whether the link from this node to it is cut.
    pub links: Vec<(u32, bool)>,
    /// The menu should close.
    pub on_close: Callback<()>,
}

/// A panel beside its node (never over it), inside the viewport. Opening it focuses its first
/// action without scrolling; Tab stays inside it; closing it gives the focus back to the node.
#[component]
pub fn NodeMenu(props: &NodeMenuProps) -> Html {
    let menu = use_node_ref();
    let node = &props.node;
    let id = node.id;
    use_popover(menu.clone(), format!("[data-node=\"{id}\"]"));
    let lang = props.lang;
    let t = lang.texts();
    let m = lang.membership_texts();
    let act = |action: Action| props.on_action.reform(move |_: MouseEvent| action.clone());
    let on_send = props.on_action.reform(move |command| Action::Write { node: id, command, client: 1 });
    let on_read = props.on_action.reform(move |key| Action::Read { node: id, key, client: 1 });
    let h = lang.history_texts();
    let onkeydown = tab_trap(menu.clone());
    html! {
        <div class="node-menu" ref={menu} data-node-menu={id.to_string()}
             role="dialog" aria-modal="true" aria-label={lang.node_actions(id)} {onkeydown}>
            <p class="node-menu__title">{ node_label(lang, node) }</p>
            { details_list(lang, &props.details) }
            <div class="node-menu__actions">
                if node.up {
                    if props.details.can_campaign {
                        <button type="button" onclick={act(Action::Timeout { node: id })}
                                title={t.time_out_title}>{ t.time_out }</button>
                    }
                    <button type="button" onclick={act(Action::Crash { node: id })}
                            title={t.crash_title}>{ t.crash }</button>
                } else {
                    <button type="button" onclick={act(Action::Restart { node: id })}
                            title={t.restart_title}>{ t.restart }</button>
                }
                if props.details.can_snapshot {
                    <button type="button" onclick={act(Action::Snapshot { node: id })}
                            title={lang.snapshot_texts().take_title}>{ lang.snapshot_texts().take }</button>
                }
                if props.details.can_remove {
                    <button type="button" onclick={act(Action::RemoveServer { node: id })}
                            title={m.remove_server_title}>{ m.remove_server }</button>
                }
                if props.details.can_take_over {
                    <button type="button" onclick={act(Action::Transfer { node: id })}
                            title={t.transfer_here_title}>{ t.transfer_here }</button>
                }
                // A server alone in no group beside two sides joins one of them instead.
                if props.details.can_reconnect {
                    <button type="button" onclick={props.on_isolate.reform(|_: MouseEvent| false)}
                            title={t.reconnect_title}>{ t.reconnect }</button>
                } else if !props.details.isolated {
                    <button type="button" onclick={props.on_isolate.reform(|_: MouseEvent| true)}
                            title={t.isolate_title}>{ t.isolate }</button>
                }
                { for props.details.other_sides.iter().map(|group| {
                    let first = group[0];
                    html! {
                        <button type="button" onclick={props.on_join.reform(move |_: MouseEvent| first)}
                                title={lang.join_side_title(group)}>{ lang.join_side(first) }</button>
                    }
                }) }
            </div>
            <div class="node-menu__links" role="group" aria-label={lang.links_from(id)}>
                // Said on screen too: a phone shows no tooltip.
                <span class="node-menu__links-label" aria-hidden="true">{ lang.cut_links_label() }</span>
                { for props.links.iter().map(|&(peer, cut)| {
                    let action = if cut { Action::Mend { from: id, to: peer } } else { Action::Cut { from: id, to: peer } };
                    html! {
                        <button type="button" class={class_list(&[Some("node-menu__link"), cut.then_some("node-menu__link--cut")])}
                                aria-pressed={cut.to_string()} aria-label={lang.cut_link(id, peer)}
                                title={lang.lane_title(id, peer, cut, false)}
                                onclick={act(action)}>{ format!("→S{peer}") }</button>
                    }
                }) }
            </div>
            <div class="node-menu__links" role="group" aria-label={lang.clock_group()}>
                <span class="node-menu__links-label" aria-hidden="true">{ lang.clock_group() }</span>
                { for MENU_SPEEDS.iter().map(|&percent| {
                    let now = node.clock_percent == percent;
                    let said = lang.clock_button(id, percent);
                    html! {
                        <button type="button" class="node-menu__link node-menu__speed" aria-pressed={now.to_string()}
                                aria-label={said.clone()} title={said} data-clock-speed={percent.to_string()}
                                onclick={(!now).then(|| act(Action::Clock { node: id, percent }))}>
                            { clock_factor(percent) }
                        </button>
                    }
                }) }
            </div>
            { progress_table(t, &props.details) }
            <WriteForm key={id} suggested={props.suggested_command.clone()} label={t.command}
                       button={(AttrValue::from(t.write), AttrValue::from(t.write_title))}
                       error={props.error.clone()} {on_send} />
            <WriteForm key={format!("read-{id}")} suggested={props.suggested_key.clone()} label={h.read_key}
                       button={(AttrValue::from(h.read), AttrValue::from(h.read_title))}
                       error={props.read_error.clone()} on_send={on_read} />
            <button type="button" class="node-menu__close" onclick={props.on_close.reform(|_: MouseEvent| ())}
                    aria-label={t.close_menu}>{ "×" }</button>
        </div>
    }
}

/// A leader's nextIndex and matchIndex for each follower (Figure 2).
fn progress_table(t: &Texts, details: &NodeDetails) -> Html {
    if details.progress.is_empty() {
        return Html::default();
    }
    html! {
        <table class="node-menu__progress" aria-label={t.follower_progress}>
            <thead><tr><th scope="col">{ t.follower }</th><th scope="col">{ t.next_index }</th><th scope="col">{ t.match_index }</th></tr></thead>
            <tbody>
                { for details.progress.iter().map(|&(peer, next, matched)| html! {
                    <tr><th scope="row">{ format!("S{peer}") }</th><td>{ next }</td><td>{ matched }</td></tr>
                }) }
            </tbody>
        </table>
    }
}

fn details_list(lang: Lang, details: &NodeDetails) -> Html {
    let t = lang.texts();
    let m = lang.membership_texts();
    let voted_for = details.voted_for.map_or_else(|| t.nobody.to_owned(), |v| format!("S{v}"));
    let kv = if details.kv.is_empty() {
        t.empty.to_owned()
    } else {
        details.kv.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ")
    };
    // A crash keeps only currentTerm, votedFor and the log (and a snapshot): Figure 2.
    let volatile = |value: String| if details.up { value } else { t.lost_in_crash.to_owned() };
    html! {
        <dl class="node-menu__details">
            <dt>{ t.voted_for }</dt><dd>{ voted_for }</dd>
            <dt>{ t.commit_index }</dt><dd>{ volatile(details.commit_index.to_string()) }</dd>
            <dt>{ t.last_applied }</dt><dd>{ volatile(details.last_applied.to_string()) }</dd>
            <dt>{ t.state_machine }</dt><dd class="node-menu__kv">{ volatile(kv) }</dd>
            <dt>{ m.configuration }</dt>
            <dd data-configuration="true">{ details.configuration.as_deref().unwrap_or(m.no_configuration) }</dd>
            if let Some((leader, theirs)) = &details.leader_configuration {
                <dt>{ lang.leaders_configuration(*leader) }</dt><dd data-leader-configuration="true">{ theirs }</dd>
            }
            <dt>{ lang.snapshot_texts().snapshot }</dt>
            <dd data-snapshot={details.snapshot.map_or_else(|| "none".to_owned(), |(index, _)| index.to_string())}>{ lang.snapshot_summary(details.snapshot) }</dd>
        </dl>
    }
}
