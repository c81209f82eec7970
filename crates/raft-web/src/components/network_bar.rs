//! Presets, cluster size, adding a server and healing the network.

use yew::prelude::*;

use super::picker_keys::picker;
use crate::i18n::Lang;

/// What [`network_bar`] draws, and where its events go.
#[derive(PartialEq)]
pub struct NetworkBarProps {
    /// Servers in the cluster.
    pub size: u32,
    /// Whether a partition or cut link is in place.
    pub faulty: bool,
    /// A size was chosen: a fresh cluster.
    pub on_resize: Callback<u32>,
    /// Heal every partition and cut.
    pub on_heal: Callback<()>,
    /// A preset was chosen, by id.
    pub on_preset: Callback<String>,
    /// The New cluster button.
    pub on_new_cluster: Callback<()>,
    /// The preset the run is still showing, if any: the picker names it.
    pub preset: Option<&'static str>,
    /// The server Add server would add (the lowest id outside the configuration), if any.
    pub next_server: Option<u32>,
    /// Add server was pressed.
    pub on_add_server: Callback<u32>,
}

/// The preset picker (naming the preset loaded until the run departs from it), the size
/// picker (1 to 9 servers), the New cluster button (a random seed) and the Heal all button.
pub fn network_bar(lang: Lang, props: &NetworkBarProps) -> Html {
    let t = lang.texts();
    let (faulty, on_heal) = (props.faulty, props.on_heal.clone());
    let heal = Callback::from(move |_: MouseEvent| {
        if faulty {
            on_heal.emit(());
        }
    });
    let on_resize = props.on_resize.clone();
    let size = picker(Callback::from(move |size: String| {
        if let Ok(size) = size.parse() {
            on_resize.emit(size);
        }
    }));
    let preset = picker(props.on_preset.clone());
    html! {
        <div class="network-bar" role="group" aria-label={t.cluster}>
            <label>
                { t.scenario }{ " " }
                <select onchange={preset.onchange} onkeydown={preset.onkeydown} onblur={preset.onblur}
                        onmousedown={preset.onmousedown} title={t.scenario_title}>
                    <option value="" selected={props.preset.is_none()}>{ t.choose_preset }</option>
                    { for crate::presets::PRESETS.iter().map(|preset| {
                        let title = match lang {
                            crate::i18n::Lang::Zh => crate::i18n_presets::preset_zh(preset.id).unwrap_or(preset.title),
                            crate::i18n::Lang::En => preset.title,
                        };
                        html! { <option value={preset.id} selected={props.preset == Some(preset.id)}>{ title }</option> }
                    }) }
                </select>
            </label>
            <label>
                { t.servers }{ " " }
                <select onchange={size.onchange} onkeydown={size.onkeydown} onblur={size.onblur}
                        onmousedown={size.onmousedown} title={t.servers_title}>
                    { for (1..=raft_sim::MAX_NODES).map(|n| html! {
                        <option value={n.to_string()} selected={n == props.size}>{ n }</option>
                    }) }
                </select>
            </label>
            <button type="button" class="network-bar__new" onclick={props.on_new_cluster.reform(|_: MouseEvent| ())}
                    title={t.new_cluster_title}>
                { die_icon() }{ t.new_cluster }
            </button>
            { add_server_button(lang, props) }
            // Unavailable, not disabled, when nothing is cut: the button keeps the focus it had
            // when it healed the network.
            <button type="button" class="network-bar__heal" aria-disabled={(!props.faulty).then_some("true")}
                    onclick={heal} title={t.heal_network_title}>{ t.heal_network }</button>
        </div>
    }
}

/// Add server: asks the leader to add the lowest free id (thesis §4.2).
fn add_server_button(lang: Lang, props: &NetworkBarProps) -> Html {
    let m = lang.membership_texts();
    let next = props.next_server;
    let onclick = props.on_add_server.reform(move |_: MouseEvent| next.unwrap_or(0));
    html! {
        <button type="button" class="network-bar__add" disabled={next.is_none()} {onclick}
                title={if next.is_some() { m.add_server_title } else { m.add_server_full_title }} data-add-server={next.map(|id| id.to_string())}>
            { m.add_server }
        </button>
    }
}

/// A die showing five, drawn in the text's colour: the New cluster button's icon.
fn die_icon() -> Html {
    html! {
        <svg class="network-bar__die" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <rect x="1.5" y="1.5" width="13" height="13" rx="3" fill="none" stroke="currentColor" stroke-width="1.5" />
            <circle cx="5" cy="5" r="1.3" fill="currentColor" />
            <circle cx="11" cy="5" r="1.3" fill="currentColor" />
            <circle cx="8" cy="8" r="1.3" fill="currentColor" />
            <circle cx="5" cy="11" r="1.3" fill="currentColor" />
            <circle cx="11" cy="11" r="1.3" fill="currentColor" />
        </svg>
    }
}
