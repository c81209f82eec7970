//! Explore's "Find a counterexample" (issue 17): the search's bounds, its button, and the
//! search itself, run by the model checker in a Web Worker (crates/raft-worker) so the page
//! stays responsive, with a progress line and Cancel (which terminates the worker). A run
//! found is handed to the page to carry out; the page decides nothing about Raft here.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use raft_sim::{EventBounds, Goal, Millis, Property, SearchReport, SearchRequest};

use crate::i18n::Lang;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, MessageEvent, Worker};
use yew::prelude::*;

/// The most distinct states a search on the page keeps (some 150 MB of the worker's memory).
const MAX_STATES: u64 = 2_000_000;
/// A search on the page stops after this many seconds; Cancel stops it sooner.
const SECONDS: u32 = 60;

/// Properties of [`CounterexampleSearch`].
#[derive(Properties, PartialEq)]
pub struct CounterexampleSearchProps {
    /// The page's language.
    pub lang: Lang,
    /// The run up to now, as a scenario file, and now: where a search starts.
    pub run: Callback<(), (String, Millis)>,
    /// A counterexample found from the run as it still is: its events, to carry out in order.
    pub on_found: Callback<Vec<raft_sim::Action>>,
    /// The whole run, every action kept (not only those up to now), as a scenario file: what a
    /// search's last line is of. Once the run is another (an event chosen, a fork, a preset),
    /// the line goes; stepping through the run keeps it.
    pub whole_run: String,
}

/// How the search for the goal chosen stands (choosing another goal starts afresh, and the
/// choice is locked while a search runs, so a status is always of the goal shown).
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Running(SearchReport),
    /// A run that breaks `broken`, or reaches the goal searched for, loaded.
    Found {
        broken: String,
        events: usize,
        report: SearchReport,
    },
    /// The property is already broken at the moment searched from.
    AlreadyBroken(String),
    Ended {
        report: SearchReport,
        cancelled: bool,
    },
    Changed,
    Failed(Option<String>),
}

impl Status {
    /// The search's last report, if it began.
    fn report(&self) -> Option<&SearchReport> {
        match self {
            Status::Running(report) | Status::Found { report, .. } | Status::Ended { report, .. } => Some(report),
            Status::AlreadyBroken(_) => None,
            _ => None,
        }
    }

    /// `data-search-status`, for tests and styles, of a search for `goal`.
    fn code(&self, goal: Goal) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Running(_) => "running",
            Status::Found { .. } if goal != Goal::Violation => "reached",
            Status::Found { .. } | Status::AlreadyBroken(_) => "found",
            Status::Ended { report, .. } if report.complete => "none",
            Status::Ended { cancelled: true, .. } => "cancelled",
            Status::Ended { .. } => "stopped",
            Status::Changed => "changed",
            Status::Failed(_) => "failed",
        }
    }
}

/// The search's bounds, as the reader set them: the longest run, and how many events of each
/// bounded kind it may have.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Bounds {
    depth: u32,
    events: EventBounds,
}

impl Default for Bounds {
    fn default() -> Self {
        Bounds { depth: 12, events: EventBounds { crashes: 1, writes: 1, ..EventBounds::NONE } }
    }
}

thread_local! {
    /// The bounds last set, and whether the Bounds form was open: kept while the page lives,
    /// so that turning Explore off and on (or loading a preset) does not forget them; and what
    /// the search looks for.
    static REMEMBERED: Cell<(Bounds, bool)> = Cell::new((Bounds::default(), false));
    static GOAL: Cell<Goal> = const { Cell::new(Goal::Violation) };
}

/// Chooses what the next search panel opened looks for (a lesson's step that offers to explore
/// from its moment chooses its goal before opening Explore).
pub fn choose_goal(goal: Goal) {
    GOAL.set(goal);
}

/// What a run found breaks, in `lang`: a property, or linearizability; or the goal it reaches.
fn broken_name(lang: Lang, name: &str) -> Option<&'static str> {
    if let Some(goal) = Goal::named(name) {
        return Some(lang.search_goal(goal));
    }
    if name == raft_sim::Broken::Linearizability.key() {
        return Some(lang.history_texts().linearizable);
    }
    Property::ALL.into_iter().find(|p| p.key() == name).map(|property| lang.property(property))
}

/// The run, the found-callback and the whole run as of the last render, which a worker's
/// handlers read.
type Latest = Rc<RefCell<(Callback<(), (String, Millis)>, Callback<Vec<raft_sim::Action>>, String)>>;

/// The whole run the search's last line is of; `None` while a run found is being loaded (the
/// next render's run is the one loaded).
type LineOf = Rc<RefCell<Option<String>>>;

/// A worker searching, and the handlers it calls; dropped, the worker is terminated.
struct Searching {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Searching {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Where the worker's script is: index.html says, in `<meta name="raft-worker">`
/// (tools/worker-entry.mjs writes it at build time).
fn worker_url() -> Option<String> {
    let meta = gloo::utils::document().query_selector("meta[name=raft-worker]").ok().flatten()?;
    meta.get_attribute("content").filter(|url| !url.is_empty())
}

/// A bound's label, in the language of the texts given.
type Label = fn(&crate::i18n_search::SearchTexts) -> &'static str;

/// The search: bounds, button, progress.
#[function_component(CounterexampleSearch)]
pub fn counterexample_search(props: &CounterexampleSearchProps) -> Html {
    let status = use_state(|| Status::Idle);
    let bounds = use_state(|| REMEMBERED.get().0);
    let goal = use_state(|| GOAL.get());
    // Every bound changed to fit its range, in the fields' order: its field, label (in the
    // page's language when shown), range, what was typed, what is used.
    let adjusted = use_state(Vec::<(usize, Label, (u32, u32), String, u32)>::new);
    let searching = use_mut_ref(|| None::<Searching>);
    // The handlers outlive a render: they read the run and the callback as they are now.
    let latest = use_mut_ref(|| (props.run.clone(), props.on_found.clone(), props.whole_run.clone()));
    *latest.borrow_mut() = (props.run.clone(), props.on_found.clone(), props.whole_run.clone());
    let line_of: LineOf = use_mut_ref(|| None);
    {
        let (status, line_of) = (status.clone(), line_of.clone());
        // Again when the status changes: a run found that loads nothing new is of the run as it is.
        use_effect_with((props.whole_run.clone(), status.code(*goal)), move |(whole_run, _)| {
            if matches!(*status, Status::Idle | Status::Running(_)) {
                return;
            }
            let mut of = line_of.borrow_mut();
            match of.as_ref() {
                None => *of = Some(whole_run.clone()),
                Some(run) if run != whole_run => status.set(Status::Idle),
                Some(_) => {}
            }
        });
    }

    let start = {
        let (status, searching, latest, bounds, goal, line_of) =
            (status.clone(), searching.clone(), latest.clone(), *bounds, *goal, line_of.clone());
        Callback::from(move |_: MouseEvent| {
            let from = latest.borrow().0.emit(());
            *line_of.borrow_mut() = Some(latest.borrow().2.clone());
            let search = (bounds, goal);
            match start_search(&from, search, (status.setter(), line_of.clone()), searching.clone(), latest.clone()) {
                Ok(running) => {
                    *searching.borrow_mut() = Some(running);
                    status.set(Status::Running(SearchReport::default()));
                }
                Err(()) => status.set(Status::Failed(None)),
            }
        })
    };
    let cancel = {
        let (status, searching) = (status.clone(), searching.clone());
        Callback::from(move |_: MouseEvent| {
            searching.borrow_mut().take();
            if let Status::Running(report) = &*status {
                status.set(Status::Ended { report: report.clone(), cancelled: true });
            }
        })
    };
    let on_goal = {
        let (goal, status) = (goal.clone(), status.clone());
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            if let Some(chosen) = Goal::named(&select.value()) {
                GOAL.set(chosen);
                goal.set(chosen);
                // What the last search found or proved was of another goal.
                status.set(Status::Idle);
            }
        })
    };

    let lang = props.lang;
    let t = lang.search_texts();
    let field = |index: usize, label: Label, (min, max): (u32, u32), bound: fn(&mut Bounds) -> &mut u32| {
        let (bounds, adjusted) = (bounds.clone(), adjusted.clone());
        let value = *bound(&mut { *bounds });
        let onchange = Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let text = input.value();
            // A field left empty (or holding what the browser does not pass on) takes its default.
            let typed = match crate::number_text::parse_form_number(&text) {
                Some(typed) if !text.trim().is_empty() => typed,
                _ => f64::from(*bound(&mut Bounds::default())),
            };
            // Not f64::clamp, whose panic message would bring the float formatter to the page.
            let value = typed.max(f64::from(min)).min(f64::from(max)) as u32;
            let mut next = *bounds;
            *bound(&mut next) = value;
            // A value changed to fit is said, not done quietly (the field shows what is used);
            // each field's line stays until that field is given a value that fits.
            let exact = f64::from(value) == typed && !text.trim().is_empty();
            let mut lines: Vec<_> = adjusted.iter().filter(|line| line.0 != index).cloned().collect();
            if !exact {
                lines.push((index, label, (min, max), text.clone(), value));
                lines.sort_by_key(|line| line.0);
            }
            adjusted.set(lines);
            input.set_value(&value.to_string());
            REMEMBERED.set((next, REMEMBERED.get().1));
            bounds.set(next);
        });
        html! {
            <label class="search__bound">
                <span>{ label(t) }</span>
                <input type="number" min={min.to_string()} max={max.to_string()} step="1" inputmode="numeric"
                       value={value.to_string()} {onchange} />
            </label>
        }
    };
    let ontoggle = Callback::from(|event: Event| {
        let details: web_sys::HtmlDetailsElement = event.target_unchecked_into();
        REMEMBERED.set((REMEMBERED.get().0, details.open()));
    });
    let running = matches!(*status, Status::Running(_));
    let find = if *goal == Goal::Violation { (t.find, t.find_title) } else { (t.find_run, t.find_run_title) };
    let line = match &*status {
        Status::Idle => None,
        Status::Running(report) if report.states == 0 => Some(t.starting.to_owned()),
        Status::Running(report) => Some(lang.search_running(report.states, report.depth, report.milliseconds)),
        Status::AlreadyBroken(broken) => {
            Some(lang.search_already_broken(broken_name(lang, broken).unwrap_or_default()))
        }
        Status::Found { events, .. } if *goal != Goal::Violation => Some(lang.search_reached(*goal, *events)),
        Status::Found { broken, events, .. } => {
            Some(lang.search_found(broken_name(lang, broken).unwrap_or_default(), *events))
        }
        Status::Ended { report, cancelled } if *goal != Goal::Violation => {
            Some(lang.search_not_reached(*goal, report, *cancelled))
        }
        Status::Ended { report, cancelled } => {
            Some(lang.search_none(report.states, report.depth, report.milliseconds, report.complete, *cancelled))
        }
        Status::Changed => Some(t.changed.to_owned()),
        Status::Failed(reason) => Some(lang.search_failed(reason.as_deref().unwrap_or(t.not_loaded))),
    };
    let (states, milliseconds) = status.report().map_or((0, 0), |report| (report.states, report.milliseconds));
    html! {
        // The last report's states and time, for benchmarks (tools/bench/search.mjs).
        <div class="search" data-search-status={status.code(*goal)} data-search-states={states.to_string()}
             data-search-ms={milliseconds.to_string()}>
            <label class="search__goal">
                <span>{ t.look_for }</span>
                <select onchange={on_goal} disabled={running}>
                    { for Goal::ALL.into_iter().map(|option| html! {
                        <option value={option.name()} selected={option == *goal}>{ lang.search_goal(option) }</option>
                    }) }
                </select>
            </label>
            // One button, Find or Cancel: focus stays on it as the search starts and ends.
            if running {
                <button type="button" class="search__button" data-search="cancel" onclick={cancel}>{ t.cancel }</button>
            } else {
                <button type="button" class="search__button" data-search="find" title={find.1} onclick={start}>{ find.0 }</button>
            }
            <details class="search__bounds" open={REMEMBERED.get().1} {ontoggle}>
                <summary>{ t.bounds }</summary>
                // A running search keeps the bounds it started with.
                <fieldset class="search__fields" disabled={running}>
                    { field(0, |t| t.depth, (1, 30), |b| &mut b.depth) }
                    { field(1, |t| t.crashes, (0, 3), |b| &mut b.events.crashes) }
                    { field(2, |t| t.writes, (0, 3), |b| &mut b.events.writes) }
                    { field(3, |t| t.drops, (0, 3), |b| &mut b.events.drops) }
                    { field(4, |t| t.duplicates, (0, 3), |b| &mut b.events.duplicates) }
                    { field(5, |t| t.reads, (0, 3), |b| &mut b.events.reads) }
                    { field(6, |t| t.changes, (0, 3), |b| &mut b.events.changes) }
                </fieldset>
                // Always there, so that a screen reader announces what is written into it.
                <p class="search__adjusted" role="status">
                    { for adjusted.iter().map(|(_, label, range, typed, taken)| html! {
                        <span class="search__adjusted-line">{ lang.search_bound_adjusted(label(t), *range, typed, *taken) }</span>
                    }) }
                </p>
            </details>
            // The running count changes many times a second: screen readers are told when the
            // search starts and how it ends, not every count.
            <p class="search__status">{ line.clone().unwrap_or_default() }</p>
            // What was found is seen in the logs, the badges and the narration, below this panel.
            if matches!(*status, Status::Found { .. } | Status::AlreadyBroken(_)) {
                <button type="button" class="search__to-logs" onclick={Callback::from(|_: MouseEvent| show_logs())}>
                    { t.to_logs }
                </button>
            }
            <p class="visually-hidden" role="status" data-search-said="true">{ if running { Some(t.starting.to_owned()) } else { line } }</p>
        </div>
    }
}

/// Scrolls the log table to the top of the window, under the drawing where it is held there,
/// and takes the keyboard's focus there, so that Tab goes on through the logs, the properties
/// and the narration.
fn show_logs() {
    if let Some(logs) = gloo::utils::document().query_selector(".playground__side .logs").ok().flatten() {
        logs.scroll_into_view();
        let _ = logs.set_attribute("tabindex", "-1");
        crate::hooks::focus_quietly(&logs);
    }
}

/// Starts a worker searching from `from` within `bounds` for `goal`; its reports go to
/// `status` (with the whole run its last line is of in `line_of`), and a counterexample (or a
/// run reaching the goal), if the run is still `from` when it comes, to the latest `on_found`.
fn start_search(
    from: &(String, Millis),
    (bounds, goal): (Bounds, Goal),
    (status, line_of): (UseStateSetter<Status>, LineOf),
    searching: Rc<RefCell<Option<Searching>>>,
    latest: Latest,
) -> Result<Searching, ()> {
    let url = worker_url().ok_or(())?;
    let worker = Worker::new(&url).map_err(|_| ())?;
    let request = SearchRequest {
        scenario: from.0.clone(),
        at_ms: from.1,
        depth: bounds.depth,
        bounds: bounds.events,
        max_states: MAX_STATES,
        seconds: SECONDS,
        goal,
    };
    let from = from.clone();
    let on_message = {
        let status = status.clone();
        let searching = searching.clone();
        // The worker announces itself once loaded; the request is posted then.
        let mut request = Some(raft_sim::to_compact_json(&request));
        let worker = worker.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            let Ok(report) = serde_json::from_str::<SearchReport>(&text) else {
                status.set(Status::Failed(None));
                return;
            };
            if let Some(request) = request.take() {
                if worker.post_message(&JsValue::from_str(&request)).is_err() {
                    status.set(Status::Failed(None));
                }
                return;
            }
            let (run, on_found, whole_run) = latest.borrow().clone();
            // Whatever the search finds or proves is of the run it started from: once that run
            // changed (an event chosen, a step back), it is stopped at its next report.
            let changed = run.emit(()) != from;
            if !report.done && !changed {
                status.set(Status::Running(report));
                return;
            }
            if let Some(searching) = searching.borrow().as_ref() {
                searching.worker.terminate(); // its handlers are dropped with the next search
            }
            // Of the run as it is, unless a run found is loaded (then of the run loaded).
            *line_of.borrow_mut() = Some(whole_run);
            status.set(match (report.error.clone(), report.found.clone()) {
                (Some(error), _) => Status::Failed(Some(error)),
                _ if changed => Status::Changed,
                (None, Some(found)) if found.events == 0 => Status::AlreadyBroken(found.property),
                (None, Some(found)) => match (broken_name(Lang::En, &found.property), found.actions()) {
                    (Some(_), Ok(actions)) => {
                        let events = actions.len();
                        *line_of.borrow_mut() = None;
                        on_found.emit(actions);
                        Status::Found { broken: found.property, events, report }
                    }
                    (None, _) => Status::Failed(Some(found.property)),
                    (_, Err(error)) => Status::Failed(Some(error.to_string())),
                },
                (None, None) => Status::Ended { report, cancelled: false },
            });
        })
    };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| status.set(Status::Failed(None)));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Searching { worker, _on_message: on_message, _on_error: on_error })
}
