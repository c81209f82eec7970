//! The settings panel: the seed, timing ranges, latency, loss, duplication and Raft options. Applying them
//! starts a fresh cluster; invalid values are refused with a message naming the field.

use raft_sim::{ReadMode, ScenarioOptions};

use crate::state::ClusterSettings;
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::i18n_errors::SettingsError;

/// Properties of [`Settings`].
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// The page's language.
    #[prop_or_default]
    pub lang: Lang,
    /// The seed of the current run.
    pub seed: u64,
    /// The options of the current run.
    pub options: ScenarioOptions,
    /// The form was submitted: the new seed and options, or why a field could not be read.
    pub on_apply: Callback<Result<ClusterSettings, SettingsError>>,
    /// The same, to replay the run so far (its actions) with them, from time 0.
    pub on_replay: Callback<Result<ClusterSettings, SettingsError>>,
    /// The same, to give the network the form's latency and loss from the moment shown.
    pub on_network: Callback<Result<ClusterSettings, SettingsError>>,
}

/// A field of a percentage that may have decimals (loss, duplication): (name, label, value).
fn number(name: &'static str, label: &'static str, value: String) -> Html {
    html! {
        <label class="settings__field">
            <span>{ label }</span>
            <input type="number" {name} {value} min="0" step="any" inputmode="decimal" />
        </label>
    }
}

/// A field of a whole number (a time in ms, a count): a phone offers digits only.
fn whole(name: &'static str, label: &'static str, value: impl ToString) -> Html {
    html! {
        <label class="settings__field">
            <span>{ label }</span>
            <input type="number" {name} value={value.to_string()} min="0" step="1" inputmode="numeric" />
        </label>
    }
}

fn checkbox(name: &'static str, label: &'static str, checked: bool) -> Html {
    html! {
        <label class="settings__field settings__field--check">
            <input type="checkbox" {name} {checked} />
            <span>{ label }</span>
        </label>
    }
}

/// The read-mode picker (thesis §6.4).
fn read_mode(labels: &crate::i18n::SettingsLabels, mode: ReadMode) -> Html {
    let option = |value: &'static str, label: &'static str, this: ReadMode| {
        html! { <option {value} selected={mode == this}>{ label }</option> }
    };
    html! {
        <label class="settings__field">
            <span>{ labels.read_mode }</span>
            <select name="read_mode">
                { option("log", labels.read_log, ReadMode::Log) }
                { option("read_index", labels.read_index, ReadMode::ReadIndex) }
                { option("lease", labels.read_lease, ReadMode::Lease) }
            </select>
        </label>
    }
}

/// Reads the form's fields into a seed and options; a field that is not a number is named in
/// the error.
fn read(form: &HtmlFormElement) -> Result<ClusterSettings, SettingsError> {
    let input = |name: &str| -> Option<HtmlInputElement> { form.elements().named_item(name)?.dyn_into().ok() };
    let text = |name: &str| input(name).map(|i| i.value()).unwrap_or_default();
    let whole = |field: &'static str| {
        text(field).trim().parse::<u64>().map_err(|_| SettingsError::NotWhole { field, text: text(field) })
    };
    let checked = |name: &str| input(name).is_some_and(|i| i.checked());
    let percent = |field: &'static str| {
        crate::number_text::parse_percent(&text(field))
            .ok_or_else(|| SettingsError::NotPercent { field, text: text(field) })
    };
    let options = ScenarioOptions {
        election_timeout_ms: [whole("election_min")?, whole("election_max")?],
        heartbeat_ms: whole("heartbeat_ms")?,
        latency_ms: [whole("latency_min")?, whole("latency_max")?],
        loss: percent("loss")?,
        duplicate: percent("duplicate")?,
        client_timeout_ms: whole("client_timeout_ms")?,
        snapshot_every: whole("snapshot_every")?,
        client_retries: u32::try_from(whole("client_retries")?)
            .map_err(|_| SettingsError::TooLarge("client_retries"))?,
        max_entries_per_append: u32::try_from(whole("max_entries_per_append")?)
            .map_err(|_| SettingsError::TooLarge("max_entries_per_append"))?,
        noop_on_election: checked("noop_on_election"),
        conflict_hint: checked("conflict_hint"),
        pipeline: checked("pipeline"),
        flow_control: checked("flow_control"),
        pre_vote: checked("pre_vote"),
        check_quorum: checked("check_quorum"),
        membership: if checked("joint_consensus") { raft_sim::Membership::Joint } else { raft_sim::Membership::Single },
        read_mode: match form.elements().named_item("read_mode").and_then(|s| s.dyn_into::<HtmlSelectElement>().ok()) {
            Some(select) if select.value() == "read_index" => ReadMode::ReadIndex,
            Some(select) if select.value() == "lease" => ReadMode::Lease,
            _ => ReadMode::Log,
        },
        clock_drift_percent: u32::try_from(whole("clock_drift_percent")?)
            .map_err(|_| SettingsError::TooLarge("clock_drift_percent"))?,
        // Events run at their times; exploring (choosing each next event) is a switch of its own.
        scheduler: raft_sim::Scheduler::Timed,
        unsafe_rules: raft_sim::UnsafeSwitches {
            no_election_restriction: checked("no_election_restriction"),
            commit_old_terms: checked("commit_old_terms"),
            vote_for_highest_id: checked("vote_for_highest_id"),
            ack_on_equal_commit: checked("ack_on_equal_commit"),
            reconfig_before_term_commit: checked("reconfig_before_term_commit"),
            stale_reads: checked("stale_reads"),
        },
    };
    Ok(ClusterSettings { seed: whole("seed")?, options })
}

/// After Apply or Replay: a refusal of the values, drawn below the form's buttons, is brought
/// into view if it is below the window's edge; values taken close the form, which stood over the
/// drawing, and leave the focus on its summary, to open it again; the drawing, if it was
/// scrolled away above the window (a phone's form stands below it), comes back into view. The
/// field a refusal names is marked invalid and described by it, until the next Apply or Replay.
/// A notice the values left (acting at a past moment discards what followed, with Undo) is
/// brought into view instead of the drawing.
fn show_outcome(form: &HtmlFormElement) {
    if let Ok(marked) = form.query_selector_all("[aria-invalid]") {
        for element in (0..marked.length()).filter_map(|i| marked.item(i)?.dyn_into::<web_sys::Element>().ok()) {
            let _ = element.remove_attribute("aria-invalid");
            let _ = element.remove_attribute("aria-describedby");
        }
    }
    let Some(error) = gloo::utils::document().query_selector(".settings__error").ok().flatten() else {
        if let Some(details) = form.closest("details").ok().flatten() {
            let _ = details.remove_attribute("open");
            if let Some(summary) = details.query_selector("summary").ok().flatten() {
                crate::hooks::focus_quietly(&summary);
            }
        }
        match gloo::utils::document().query_selector(".playground__notice").ok().flatten() {
            Some(notice) => notice.scroll_into_view_with_bool(false),
            None => crate::hooks::reveal_drawing(),
        }
        return;
    };
    let named = |name: String| form.elements().named_item(&name)?.dyn_into::<web_sys::Element>().ok();
    let field = error.get_attribute("data-field").and_then(named);
    if let Some(field) = field {
        let _ = field.set_attribute("aria-invalid", "true");
        let _ = field.set_attribute("aria-describedby", "settings-error");
    }
    let below = crate::hooks::window_height();
    if below.is_some_and(|height| error.get_bounding_client_rect().bottom() > height) {
        error.scroll_into_view_with_bool(false);
    }
}

/// A collapsible form over the run's options.
///
/// A component, not a plain function: it must not redraw with every animation frame, because
/// Yew writes a field's value from the view whenever it differs from the field's, which would
/// undo what the user is typing.
#[component]
pub fn Settings(props: &SettingsProps) -> Html {
    let t = props.lang.texts();
    let (on_apply, on_replay, on_network) = (props.on_apply.clone(), props.on_replay.clone(), props.on_network.clone());
    let onsubmit = Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        let button = event.submitter().and_then(|button| button.get_attribute("name"));
        let form: HtmlFormElement = event.target_unchecked_into();
        match button.as_deref() {
            Some("replay") => on_replay.emit(read(&form)),
            Some("network") => on_network.emit(read(&form)),
            _ => on_apply.emit(read(&form)),
        }
        crate::hooks::after_redraw(move || show_outcome(&form));
    });
    // Enter in a field does not submit: the form's first button starts a fresh cluster, which
    // would replace the run, unasked, while a value is being typed. The buttons take Enter.
    let onkeydown = Callback::from(|event: KeyboardEvent| {
        let in_field = event.target_dyn_into::<HtmlInputElement>().is_some();
        if event.key() == "Enter" && in_field {
            event.prevent_default();
        }
    });
    let rules = props.options.unsafe_rules;
    let o = &props.options;
    let labels = &t.settings_labels;
    html! {
        <details class="settings">
            <summary>{ t.settings }</summary>
            // `novalidate`: a value out of range is refused by the page, in the page's language,
            // not by the browser's bubble in the browser's.
            <form class="settings__form" {onsubmit} {onkeydown} aria-label={t.settings} novalidate=true>
                <label class="settings__field">
                    <span>{ t.seed }</span>
                    <input type="text" name="seed" value={props.seed.to_string()} inputmode="numeric"
                           autocomplete="off" spellcheck="false" />
                </label>
                { whole("election_min", labels.election_min, o.election_timeout_ms[0]) }
                { whole("election_max", labels.election_max, o.election_timeout_ms[1]) }
                { whole("heartbeat_ms", labels.heartbeat, o.heartbeat_ms) }
                { whole("latency_min", labels.latency_min, o.latency_ms[0]) }
                { whole("latency_max", labels.latency_max, o.latency_ms[1]) }
                { number("loss", labels.loss, crate::number_text::rounded(o.loss * 100.0, 7)) }
                { number("duplicate", labels.duplicate, crate::number_text::rounded(o.duplicate * 100.0, 7)) }
                { whole("client_timeout_ms", labels.client_timeout, o.client_timeout_ms) }
                { whole("max_entries_per_append", labels.max_entries, o.max_entries_per_append) }
                { whole("snapshot_every", labels.snapshot_every, o.snapshot_every) }
                { whole("client_retries", labels.client_retries, o.client_retries) }
                { checkbox("noop_on_election", labels.noop, o.noop_on_election) }
                { checkbox("conflict_hint", labels.conflict_hint, o.conflict_hint) }
                { checkbox("pipeline", labels.pipeline, o.pipeline) }
                { checkbox("flow_control", labels.flow_control, o.flow_control) }
                { checkbox("pre_vote", labels.pre_vote, o.pre_vote) }
                { checkbox("check_quorum", labels.check_quorum, o.check_quorum) }
                { checkbox("joint_consensus", labels.joint_consensus, o.membership == raft_sim::Membership::Joint) }
                { read_mode(labels, o.read_mode) }
                { whole("clock_drift_percent", labels.clock_drift, o.clock_drift_percent) }
                <fieldset class="settings__unsafe">
                    <legend>{ t.break_a_rule }</legend>
                    <p class="settings__warning">{ t.break_a_rule_hint }</p>
                    { checkbox("no_election_restriction", labels.no_election_restriction, rules.no_election_restriction) }
                    { checkbox("commit_old_terms", labels.commit_old_terms, rules.commit_old_terms) }
                    { checkbox("vote_for_highest_id", labels.vote_for_highest_id, rules.vote_for_highest_id) }
                    { checkbox("ack_on_equal_commit", labels.ack_on_equal_commit, rules.ack_on_equal_commit) }
                    { checkbox("reconfig_before_term_commit", labels.reconfig_before_term_commit, rules.reconfig_before_term_commit) }
                    { checkbox("stale_reads", labels.stale_reads, rules.stale_reads) }
                </fieldset>
                <button type="submit">{ t.apply_settings }</button>
                <button type="submit" name="replay" title={t.replay_settings_title}>{ t.replay_settings }</button>
                <button type="submit" name="network" title={t.network_from_now_title}>{ t.network_from_now }</button>
            </form>
        </details>
    }
}
