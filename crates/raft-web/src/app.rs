//! The root component: state, preferences, animation loop, shortcuts and layout.

use std::rc::Rc;

use raft_sim::StoryEvent;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::{
    broken_flag, controls, embed_strip, explore_panel, invariant_bar, legend, message_panel, network_bar,
    rules_off_flag, scenario_file, timeline, ClientHistory, ClientMenu, Cluster, ControlsProps, EmbedStripProps,
    ExplorePanelProps, InvariantBarProps, LessonPanelProps, LogTable, MessagePanelProps, Narration, NetworkBarProps,
    NodeMenu, Settings, SharePanel, Shortcuts, TimelineProps,
};
use crate::hooks::{
    use_animation_frame, use_embed_api, use_page_listeners, use_preferences, use_share_fragment, EmbedStatus,
    Preferences, Theme,
};
use crate::i18n::Lang;
use crate::page_options::PageOptions;
use crate::senders::Senders;
use crate::state::{Action, Notice, Playground};

/// The page's first state, from its URL: the fragment's scenario, playing if `autoplay`.
fn initial_state(options: &PageOptions) -> Playground {
    let location = gloo::utils::window().location();
    let mut playground = Playground::from_fragment(&location.hash().unwrap_or_default());
    // `?embed&lesson=ID`: a lesson embedded in a course page (a `#lesson=…` link wins).
    let asked = crate::lessons::LessonLink::parse(&location.search().unwrap_or_default());
    if playground.pending_lesson.is_none() && location.hash().unwrap_or_default().len() <= 1 {
        playground.pending_lesson = asked;
    } else if let Some(asked) = asked {
        gloo::console::warn!(format!(
            "Raft playground: lesson={} is ignored: the address's # part (a run or a lesson) wins",
            asked.id
        ));
    }
    playground.playing = options.autoplay && playground.notice.is_none();
    if let Some(speed) = options.speed {
        playground.speed = speed;
    }
    playground
}

/// The Raft playground.
#[component]
pub fn App() -> Html {
    let options = use_memo((), |_| {
        let options = PageOptions::from_query(&gloo::utils::window().location().search().unwrap_or_default());
        // Told to whoever wrote the link or the embed, where they will look for it.
        if let Some(value) = &options.unknown_lang {
            gloo::console::warn!(format!(
                "Raft playground: lang={value} is not a language of the page (en, zh), so the browser's language is used"
            ));
        }
        if let Some(value) = &options.unknown_speed {
            gloo::console::warn!(format!(
                "Raft playground: speed={value} is not a speed from 0.01 to 100, so the page's own (0.1) is used"
            ));
        }
        if !options.unknown_params.is_empty() {
            gloo::console::warn!(format!(
                "Raft playground: ignored parameter {} (the page reads {})",
                options.unknown_params.join(", "),
                crate::page_options::KNOWN_PARAMS.join(", ")
            ));
        }
        options
    });
    let state = {
        let options = options.clone();
        use_reducer(move || initial_state(&options))
    };
    let preferences = use_preferences(options.lang);
    let Preferences { lang, theme } = *preferences;
    let senders = (*use_memo((), {
        let dispatcher = state.dispatcher();
        move |_| Senders::new(&dispatcher)
    }))
    .clone();
    let Senders {
        dispatch,
        on_toggle_shortcuts,
        on_toggle,
        on_step,
        on_speed,
        on_resize,
        on_heal,
        on_preset,
        on_apply_settings,
        on_replay_settings,
        on_network_settings,
        on_new_cluster,
        on_add_server,
        on_import,
        on_seek,
        on_jump,
        on_node,
        on_background,
        on_lane,
        on_message,
        on_scroll_logs,
        on_info,
    } = senders;
    use_animation_frame(state.playing, dispatch.reform(|elapsed_ms| Action::Frame { elapsed_ms }));
    use_page_listeners(dispatch.clone());
    crate::lesson_fetch::use_lesson_fetch(state.pending_lesson.clone(), state.dispatcher());
    crate::lesson_fetch::use_lesson_progress(&state);
    // The share link is made from the latest state when it is asked for; the callback itself is
    // made once, so that the share panel does not redraw on every frame.
    // A preset's words are in the language asked for: the page's, or an embed's chosen one.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let title_in = {
        let latest = latest.clone();
        (*use_memo((), move |_| Callback::from(move |lang: Lang| latest.borrow().shown_info(lang).0))).clone()
    };
    let fragment =
        (*use_memo((), move |_| Callback::from(move |lang: Lang| latest.borrow().share_fragment(lang)))).clone();
    // A bad link the page opened with stays in the address bar until the user acts, so it can
    // be copied and reported; an embed's address is its host's business. While playing, the
    // address follows the run once a second. A lesson link being fetched stays too, until the
    // lesson it names is shown.
    let keep_fragment = !options.embed
        && state.pending_lesson.is_none()
        && !matches!(state.notice, Some(crate::state::Notice::BadLink(_) | crate::state::Notice::BadLinkMoment(_)));
    use_share_fragment(
        keep_fragment,
        state.playing,
        (state.time_ms(), state.revision),
        state.run,
        fragment.reform(move |()| lang),
    );

    let t = lang.texts();
    let view = Rc::new(state.view());
    let story = Rc::new(state.story());
    // Checked again only when an operation starts or ends, or the run forks.
    let client_history = {
        let state = state.clone();
        use_memo(state.client_history_key(), move |_| state.client_history())
    };
    let trace_hash = state.trace_hash();
    let status = EmbedStatus {
        time_ms: view.time_ms,
        playing: state.playing,
        leader: state.leader(),
        trace_hash: trace_hash.clone(),
        run: state.run,
        lesson_loading: state.pending_lesson.is_some(),
    };
    use_embed_api(
        dispatch.clone(),
        options.origin.clone(),
        status,
        story.clone(),
        (lang, &state.host_refusals),
        state.tour.as_ref().map(|tour| (tour.lesson.id.clone(), tour.step, tour.lesson.steps.len())),
    );
    // The browser's tab names the lesson or scenario shown, then the page: worked out again
    // when the run changes (every change but time passing counts a revision), not every frame.
    let tab_title = use_memo((lang, state.revision), {
        let state = state.clone();
        move |&(lang, _)| match (&state.tour, state.scenario_info(lang).0) {
            (Some(tour), _) => format!("{} · {}", lang.said(&tour.lesson.title), lang.texts().title),
            (None, Some(title)) => format!("{title} · {}", lang.texts().title),
            (None, None) => lang.texts().title.to_owned(),
        }
    });
    use_effect_with(tab_title, |title| gloo::utils::document().set_title(title));
    // What both layouts show: the drawing with its menu, the notice and the logs.
    let cluster = html! {
        <Cluster lang={lang} view={view.clone()} on_node_activate={on_node} {on_background} {on_lane} {on_message}
                 messages_focusable={!state.playing} selected={state.menu} client_open={state.client_menu}
                 open_message={state.selected_message}
                 on_client={dispatch.reform(|_| Action::ToggleClientMenu)} />
    };
    let menu = html! { <>{ node_menu(lang, &state, &view, &dispatch) }{ client_menu(lang, &state, &dispatch) }</> };
    // Html, not Option<Html>: an absent notice keeps its place among its siblings, so Yew
    // does not rebuild the ones before it (and close the open settings) when one appears.
    let settings_error = match &state.notice {
        Some(Notice::BadSettings(error)) => Some((AttrValue::from(lang.settings_error(error)), error.field())),
        _ => None,
    };
    let notice = html! {
        // A refused setting is told inside the settings form, beside its buttons.
        if let Some(notice) = state.notice.as_ref().filter(|notice| !matches!(notice, Notice::BadSettings(_))) {
            <div class="playground__notice">
                <p role="alert">
                    { notice.text(lang) }
                    if matches!(notice, Notice::Forked { .. }) {
                        { " " }
                        <button type="button" class="playground__undo" title={lang.learner_texts().undo_title}
                                onclick={dispatch.reform(|_: MouseEvent| {
                                    crate::hooks::refocus_controls();
                                    Action::Undo
                                })}>
                            { lang.learner_texts().undo }
                        </button>
                    }
                </p>
                <button type="button" class="playground__dismiss" aria-label={t.dismiss_notice} title={t.dismiss_notice}
                        onclick={dispatch.reform(|_: MouseEvent| {
                            crate::hooks::refocus_controls();
                            Action::DismissNotice
                        })}>{ "×" }</button>
            </div>
        }
    };
    let tour = state.tour.as_ref();
    let lesson_id = tour.map(|tour| tour.lesson.id.clone());
    let lesson_step = tour.map(|tour| (tour.step + 1).to_string());
    let on_lesson = state.on_lesson();
    let lesson_keys = state.lesson_keys();
    let lesson_panel = tour.map(|tour| {
        let arriving = state.lesson_arriving();
        crate::components::lesson_panel(
            lang,
            &LessonPanelProps {
                tour,
                on_lesson,
                arriving,
                playing: state.playing,
                time_ms: state.time_ms(),
                exploring: state.exploring(),
                embedded: options.embed,
                dispatch: dispatch.clone(),
            },
        )
    });
    // The lessons finished in this browser, read again only when the open lesson's end is
    // reached (the store is written after this render: the open lesson is counted here).
    let lessons_done = (*use_memo(tour.map(|tour| (tour.lesson.id.clone(), tour.progress().done)), |open| {
        let mut done: Vec<String> = crate::lessons::finished_lessons().into_iter().map(str::to_owned).collect();
        done.extend(open.clone().filter(|(_, done)| *done).map(|(id, _)| id));
        done
    }))
    .clone();
    // A lesson that opens (from the picker or a link) is brought into view: on a phone, where
    // it stands far below the picker, the page scrolls to it, the drawing held at the top.
    use_effect_with(lesson_id.clone(), |opened| {
        if opened.is_some() {
            crate::hooks::reveal_lesson_head();
        }
    });
    let invariants = InvariantBarProps {
        violations: state.violations(),
        on_seek: on_seek.clone(),
        history_breach: client_history.breach.clone(),
        rules_off: state.rules_off(),
    };
    let show_log = !options.embed || options.show_log;
    let log_table = html! {
        if show_log {
            <LogTable lang={lang} logs={state.logs()} on_scroll={on_scroll_logs} pointed_at={view.highlight.nodes.clone()} run={state.run} />
        }
    };
    if options.embed {
        // The full page at this run's current moment, in the language the embed was asked for,
        // if it was: written into the link when a pointer comes over it (the status bar shows
        // it) or presses it (any button: a middle click, a context menu's "copy link", a long
        // press on a phone) or it gets focus, and again when it is followed; not on every frame.
        let set_full_href = {
            let fragment = fragment.clone();
            let query = PageOptions { lang: options.lang, ..PageOptions::default() }.to_query();
            Rc::new(move |event: &Event| {
                if let Some(anchor) = event.target_dyn_into::<web_sys::HtmlAnchorElement>() {
                    let fragment = fragment.emit(lang).map(|f| format!("#{f}")).unwrap_or_default();
                    anchor.set_href(&format!("./{query}{fragment}"));
                }
            })
        };
        let on_press = {
            let set = set_full_href.clone();
            Callback::from(move |event: MouseEvent| set(&event))
        };
        let on_pointer = {
            let set = set_full_href.clone();
            Callback::from(move |event: PointerEvent| set(&event))
        };
        let on_focus = {
            let set = set_full_href.clone();
            Callback::from(move |event: FocusEvent| set(&event))
        };
        let (title, description) = match tour {
            Some(tour) => (Some(lang.said(&tour.lesson.title).to_owned()), None),
            None => state.scenario_info(lang),
        };
        return html! {
            <main class="playground playground--embed" data-time-ms={view.time_ms.to_string()} data-lang={lang.code()} data-preset={state.shown_preset()}
                  data-trace-hash={trace_hash} data-embed="true" data-lesson={lesson_id} data-lesson-step={lesson_step}
                  data-on-lesson={tour.map(|_| on_lesson.to_string())} data-lesson-keys={lesson_keys}>
                <div class="embed__top">
                    if let Some(title) = title { <h1 class="embed__title" title={description}>{ title }</h1> }
                    <a class="embed__open" href="./" target="_blank" rel="noopener"
                       onpointerenter={on_pointer.clone()} onpointerdown={on_pointer} onclick={on_press} onfocus={on_focus}>
                        { lang.share_texts().open_full }
                    </a>
                </div>
                { notice }
                <div class="playground__stage embed__stage">
                    { cluster }
                    { broken_flag(lang, &invariants, false) }
                    { rules_off_flag(lang, &invariants, false) }
                    { menu }
                </div>
                { embed_strip(lang, &EmbedStripProps { playing: state.playing, exploring: state.exploring(), time_ms: view.time_ms,
                                horizon_ms: state.horizon_ms(), on_toggle, on_step, on_seek,
                                lesson: tour.map(|tour| crate::components::lesson_nav(lang, tour, &dispatch)) }) }
                { lesson_panel.unwrap_or_default() }
                { log_table }
            </main>
        };
    }
    let exploring = state.exploring();
    let caption = story.last().map(|(at, event)| (*at, lang.tell(event)));
    let (caption_live, announcement_live) = if state.playing { ("off", "polite") } else { ("polite", "off") };
    let switch_language = {
        let preferences = preferences.clone();
        Callback::from(move |_: MouseEvent| preferences.set(Preferences { lang: lang.other(), theme }))
    };
    let choose_theme = Callback::from(move |event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        if let Some(chosen) = Theme::ALL.into_iter().find(|t| t.code() == select.value()) {
            preferences.set(Preferences { lang, theme: chosen });
        }
    });
    html! {
        <main class="playground" data-time-ms={view.time_ms.to_string()} data-lang={lang.code()} data-preset={state.shown_preset()}
              data-trace-hash={trace_hash} data-lesson={lesson_id.clone()} data-lesson-step={lesson_step}
              data-on-lesson={tour.map(|_| on_lesson.to_string())} data-lesson-keys={lesson_keys}>
            <header class="playground__header">
                // For the keyboard: the parts of the page many Tabs away, seen only while focused.
                <nav class="skip-links" aria-label={t.skip_to}>
                    { t.skip_to }
                    <button type="button" onclick={skip_to(&["[data-node]"])}>{ t.skip_servers }</button>
                    <button type="button" onclick={skip_to(&["[data-skip-target=logs]"])}>{ t.logs }</button>
                    <button type="button" onclick={skip_to(&[".narration__line[tabindex='0']", ".narration__title"])}>
                        { t.narration }
                    </button>
                </nav>
                <div class="playground__title-row">
                    <h1>{ t.title }</h1>
                    { crate::components::lesson_picker(lang, lesson_id.as_deref(), &lessons_done,
                                                       dispatch.reform(|id| Action::OpenLesson(crate::lessons::LessonLink::to(id)))) }
                    { network_bar(lang, &NetworkBarProps { size: state.servers().len() as u32, faulty: state.network_faulty(),
                                                            on_resize, on_heal, on_preset, on_new_cluster, preset: state.shown_preset(),
                                                            next_server: state.next_server(), on_add_server }) }
                    <div class="playground__preferences">
                        <button type="button" class="playground__language" lang={lang.other().texts().html_lang} aria-label={t.switch_language_label}
                                onclick={switch_language}>{ t.switch_language }</button>
                        <label>
                            { t.theme }{ " " }
                            <select onchange={choose_theme}>
                                { for Theme::ALL.iter().map(|option| html! {
                                    <option value={option.code()} selected={*option == theme}>{ lang.theme_name(*option) }</option>
                                }) }
                            </select>
                        </label>
                        <button type="button" class="playground__shortcuts" aria-haspopup="dialog" onclick={on_toggle_shortcuts.reform(|_| ())}>{ t.shortcuts_button }</button>
                    </div>
                </div>
                // What to do, until something happens; then what happened last, as a caption
                // in view of the drawing (the narration panel is further down the page). One
                // element throughout, live before its words first change: told to screen
                // readers while paused, as each Step or seek changes it; while playing, the
                // announcement below tells only the turning points.
                <p class={if caption.is_some() { "playground__hint playground__caption" } else { "playground__hint" }}
                   data-caption-ms={caption.as_ref().map(|(at, _)| at.to_string())}
                   title={caption.as_ref().map(|(_, told)| told.clone())} aria-live={caption_live}>
                    if let Some((at, told)) = caption {
                        // A space after the time, so that a screen reader does not run it into
                        // the sentence.
                        <span class="narration__time">{ crate::components::timeline::format_time(lang, at) }</span>{ " " }
                        { told }
                        // A Step over what the narration leaves out (a heartbeat, an answer)
                        // still says, while paused, where it got to.
                        if view.time_ms > at && !state.playing {
                            <span class="playground__since">{ lang.untold_since(&crate::components::timeline::format_time(lang, view.time_ms)) }</span>
                        }
                    } else {
                        // Which cluster, first: a fresh one (New cluster, another size, new
                        // settings) changes the hint, which is live, so it is told.
                        { lang.cluster_summary(view.nodes.len(), state.seed()) }{ t.hint }
                    }
                </p>
            </header>
            <div class="playground__transport">
                { controls(lang, &ControlsProps { playing: state.playing, exploring, at_start: view.time_ms == 0, speed: state.speed,
                                                  on_toggle, on_step, on_speed }) }
                <button type="button" class="explore-toggle" aria-pressed={exploring.to_string()}
                        title={lang.explore_texts().toggle_title}
                        onclick={dispatch.reform(move |_: MouseEvent| {
                            if !exploring {
                                crate::hooks::reveal_explore();
                            }
                            Action::ToggleExplore
                        })}>
                    { lang.explore_texts().toggle }
                </button>
                { timeline(lang, &TimelineProps { time_ms: view.time_ms, horizon_ms: state.horizon_ms(),
                                                   on_seek: on_seek.clone(), on_jump,
                                                   leader_changes: state.leader_changes() }) }
            </div>
            <div class="playground__tools" role="group" aria-label={lang.learner_texts().tools}>
                <Settings {lang} seed={state.seed()} options={state.options()} on_apply={on_apply_settings}
                          on_replay={on_replay_settings} on_network={on_network_settings} />
                // Outside the form's component, which must not redraw (it would undo what was
                // typed): right below its buttons.
                // The form marks the field it names (`data-field`) as invalid, described by it.
                if let Some((error, field)) = settings_error {
                    <p class="settings__error" id="settings-error" role="alert" data-field={field}>{ error }</p>
                }
                <SharePanel lang={lang} {fragment} {title_in} info={state.shown_info(lang)}
                            {on_info} lesson={tour.map(|tour| tour.lesson.title.clone())} run={state.run}
                            speed={state.speed} />
                { scenario_file(lang, { let state = state.clone(); Callback::from(move |_| state.scenario_json()) }, &on_import,
                                &dispatch.reform(Action::RefuseFile)) }
            </div>
            { notice }
            <div class="playground__body">
                if let Some(panel) = lesson_panel {
                    { panel }
                } else if let (Some(title), description) = state.scenario_info(lang) {
                    <section class="scenario-info" aria-label={t.scenario}>
                        <h2 class="scenario-info__title">{ title }</h2>
                        if let Some(description) = description {
                            <p class="scenario-info__description">{ description }</p>
                        }
                        if let Some(note) = state.preset_note(lang) {
                            <p class="scenario-info__replayed" data-preset-replayed={state.preset_replayed().then_some("true")}
                               data-preset-acted={state.preset_acted().then_some("true")}>{ note }</p>
                        }
                    </section>
                }
                <div class="playground__stage">
                    { cluster }
                    { broken_flag(lang, &invariants, true) }
                    { rules_off_flag(lang, &invariants, true) }
                    { menu }
                    if let Some(details) = state.message_details() {
                        { message_panel(lang, &MessagePanelProps { corner: crate::geometry::corner_away_from(view.position_of(details.from), view.position_of(details.to)),
                                                                    // While exploring, a choice takes its millisecond, as in the panel.
                                                                    details, on_action: if exploring { dispatch.reform(Action::Explore) } else { dispatch.reform(Action::Apply) },
                                                                    on_close: dispatch.reform(|_| Action::CloseMessage) }) }
                    }
                </div>
                <div class="playground__side">
                    if exploring {
                        { explore_panel(lang, &ExplorePanelProps { view: state.explore_view(), on_event: dispatch.reform(Action::Explore),
                                                                    on_select: dispatch.reform(Action::SelectMessage),
                                                                    run: { let state = state.clone(); Callback::from(move |_| state.run_so_far()) },
                                                                    on_found: dispatch.reform(Action::LoadFound),
                                                                    whole_run: state.whole_run(),
                                                                    on_stop: dispatch.reform(|_: MouseEvent| {
                                                                        // The panel goes: the focus goes to the switch that brings it back.
                                                                        crate::hooks::after_redraw(|| { crate::hooks::focus_selected(".explore-toggle"); });
                                                                        Action::ToggleExplore
                                                                    }) }) }
                    }
                    { log_table }
                    { invariant_bar(lang, &invariants) }
                    // Beside the badge it explains, so the stage and the log table keep their place.
                    if !client_history.bars.is_empty() {
                        <ClientHistory {lang} view={client_history.clone()} time_ms={view.time_ms}
                                       on_seek={on_seek.clone()} />
                    }
                    <Narration lang={lang} events={story.clone()} run={state.run} {on_seek} />
                </div>
            </div>
            { legend(lang) }
            <p class="visually-hidden" data-announcement="true" aria-live={announcement_live}>
                { announcement(lang, &story) }
            </p>
            if state.shortcuts_open {
                <Shortcuts lang={lang} on_close={dispatch.reform(|_| Action::ToggleShortcuts)} />
            }
        </main>
    }
}

/// The menu of the node whose menu is open, if any.
fn node_menu(lang: Lang, state: &Playground, view: &crate::view::ClusterView, dispatch: &Callback<Action>) -> Html {
    let Some(id) = state.menu else { return Html::default() };
    let (Some(node), Some(details)) = (view.nodes.iter().find(|node| node.id == id).cloned(), state.details(id)) else {
        return Html::default();
    };
    html! {
        <NodeMenu key={id} {lang} on_action={dispatch.reform(Action::MenuApply)} {details} links={links_from(view, node.id)}
                  on_isolate={dispatch.reform(move |isolate| if isolate { Action::Isolate(id) } else { Action::Reconnect(id) })}
                  on_join={dispatch.reform(move |with| Action::JoinSide(id, with))}
                  suggested_command={state.suggested_command()} suggested_key={state.suggested_key()}
                  error={menu_error(lang, state, false)} read_error={menu_error(lang, state, true)}
                  on_close={dispatch.reform(|_| Action::CloseMenu)} {node} />
    }
}

/// The client's write form, if it is open.
fn client_menu(lang: Lang, state: &Playground, dispatch: &Callback<Action>) -> Html {
    if !state.client_menu {
        return Html::default();
    }
    html! {
        <ClientMenu {lang} servers={state.servers()} known_leader={state.client_known_leader()} waiting_on={state.client_waiting_on()} first_up={state.client_first_up()}
                    suggested_number={state.next_write_number()} suggested_key={state.suggested_key()}
                    workloads={state.workloads()}
                    error={menu_error(lang, state, false)} read_error={menu_error(lang, state, true)}
                    on_action={dispatch.reform(Action::MenuApply)} on_close={dispatch.reform(|_| Action::CloseMenu)} />
    }
}

/// Why the last action from the open menu was refused, in `lang`, if it was a read
/// (`read`) or not.
fn menu_error(lang: Lang, state: &Playground, read: bool) -> Option<AttrValue> {
    state
        .menu_error
        .as_ref()
        .filter(|_| state.menu_error_on_read == read)
        .map(|notice| AttrValue::from(notice.text(lang)))
}

/// Every other server, with whether the link from `node` to it is cut.
fn links_from(view: &crate::view::ClusterView, node: u32) -> Vec<(u32, bool)> {
    view.lanes.iter().filter(|lane| lane.from == node).map(|lane| (lane.to, lane.cut)).collect()
}

/// What screen readers are told, politely: the latest change of leader (elected, stepping
/// down, deposed), crash, restart, partition, client outcome or membership change.
fn announcement(lang: Lang, story: &[(u64, StoryEvent)]) -> String {
    // Whether `node` led just before the event at `before`: a leader stepping down is news, a
    // candidate giving up is not.
    let led = |node: u32, before: usize| {
        story[..before]
            .iter()
            .rev()
            .find_map(|(_, event)| match event {
                StoryEvent::BecameLeader { node: id, .. } if *id == node => Some(true),
                StoryEvent::ElectionStarted { node: id, .. }
                | StoryEvent::SteppedDown { node: id, .. }
                | StoryEvent::Crashed { node: id }
                | StoryEvent::LostQuorum { node: id, .. }
                    if *id == node =>
                {
                    Some(false)
                }
                _ => None,
            })
            .unwrap_or(false)
    };
    story
        .iter()
        .enumerate()
        .rev()
        .find(|(index, (_, event))| match event {
            StoryEvent::SteppedDown { node, .. } => led(*node, *index),
            _ => matches!(
                event,
                StoryEvent::BecameLeader { .. }
                    | StoryEvent::LostQuorum { .. }
                    | StoryEvent::DeposedByOutsider { .. }
                    | StoryEvent::LeftConfiguration { .. }
                    | StoryEvent::Crashed { .. }
                    | StoryEvent::Restarted { .. }
                    | StoryEvent::Partitioned { .. }
                    | StoryEvent::Healed
                    | StoryEvent::ClientDone { .. }
                    | StoryEvent::ReadDone { .. }
                    | StoryEvent::ChangeDone { .. }
            ),
        })
        .map(|(_, (_, event))| lang.tell(event))
        .unwrap_or_default()
}

/// A skip link's click: the focus goes to the first of `targets` that takes it.
fn skip_to(targets: &'static [&'static str]) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let _ = targets.iter().any(|target| crate::hooks::focus_selected(target));
    })
}
