//! The postMessage glue of an embedded playground: obeys commands from the embedding page and
//! tells it what happens. The protocol itself is plain data in [`crate::embed_api`].
//!
//! Origin handling: a command is obeyed only if it comes from the parent frame (and, with
//! `?origin=…`, only from that origin). Events go to the parent frame only, addressed to that
//! origin if one was given, else to any origin: they describe nothing but the public scenario.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use raft_sim::{Millis, StoryEvent};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Window};
use yew::prelude::*;

use crate::embed_api::{read_command, Heard, HostCommand, HostEvent, PROTOCOL_VERSION};
use crate::i18n::Lang;
use crate::state::{Action, Direction, Notice};

/// What a `state` reply says, kept fresh on every render.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbedStatus {
    /// The current moment.
    pub time_ms: Millis,
    /// Whether it is playing.
    pub playing: bool,
    /// Who leads, if anyone.
    pub leader: Option<u32>,
    /// The trace hash up to now.
    pub trace_hash: String,
    /// Which run of the page this is (see `Playground::run`).
    pub run: u64,
    /// A lesson asked for is still being fetched: every command posted now waits for it, so
    /// that it acts on the lesson's run, not on the run the lesson replaces.
    pub lesson_loading: bool,
}

/// The parent frame, if this page is framed.
fn parent_frame() -> Option<Window> {
    let window = gloo::utils::window();
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Posts `event` to the parent frame, if any, as a plain JavaScript object (written by
/// serde_json and read back by the browser's `JSON.parse`: the page carries one serde data
/// format, not two; see `read_posted`).
fn post_to_parent(event: &HostEvent, origin: Option<&str>) {
    let Some(parent) = parent_frame() else { return };
    if let Ok(data) = js_sys::JSON::parse(&raft_sim::to_compact_json(&event.posted())) {
        let _ = parent.post_message(&data, origin.unwrap_or("*"));
    }
}

/// How deep a command may nest objects and arrays: far more than any command needs.
const MAX_NESTING: usize = 32;

/// How many values a command may hold in all: a bound on the work of reading one, even when
/// the posted object shares parts of itself many times over.
const MAX_VALUES: usize = 10_000;

/// Whether `value` is plain data (plain objects, arrays and primitives: no `Map`, `Date`, …)
/// nesting at most `levels` deep, with at most `budget` values in all. A cycle never is.
fn plain_within(value: &JsValue, levels: usize, budget: &mut usize) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    if !value.is_object() {
        return true;
    }
    let plain_object = Object::get_prototype_of(value) == Object::get_prototype_of(&Object::new());
    if levels == 0 || !(plain_object || js_sys::Array::is_array(value)) {
        return false;
    }
    Object::values(value.unchecked_ref()).iter().all(|inner| plain_within(&inner, levels - 1, budget))
}

/// Reads a posted message into a command (`None`: not for us).
fn read_posted(data: JsValue) -> Option<Result<HostCommand, String>> {
    let protocol = Reflect::get(&data, &"raftPlayground".into()).ok().and_then(|v| v.as_f64());
    if protocol != Some(PROTOCOL_VERSION as f64) {
        return None;
    }
    let mut budget = MAX_VALUES;
    if !plain_within(&data, MAX_NESTING, &mut budget) {
        let why = format!("the command is not plain data of at most {MAX_VALUES} values nested {MAX_NESTING} deep");
        return Some(Err(why));
    }
    let on_leader = aim_at_leader(&data);
    // Read by serde_json from the browser's `JSON.stringify` of the (plain, bounded) object,
    // the very reader of scenario files: a second serde data format in the page
    // (serde-wasm-bindgen) cost 15 KB gzipped, a second copy of every action's reader and the
    // float formatter that serde's messages about JavaScript numbers need.
    let text = js_sys::JSON::stringify(&data).ok().and_then(|text| text.as_string()).unwrap_or_default();
    Some(read_command(&mut serde_json::Deserializer::from_str(&text), on_leader))
}

/// Turns an action's `"node": "leader"` into the placeholder 0, and says whether it did: the
/// command is then aimed at whoever leads when it is carried out. (The posted object is this
/// frame's own structured clone of the host's, so changing it changes nothing of the host's.)
fn aim_at_leader(data: &JsValue) -> bool {
    let node = JsValue::from_str("node");
    let Some(action) = Reflect::get(data, &"action".into()).ok().filter(JsValue::is_object) else { return false };
    let leader = Reflect::get(&action, &node).ok().and_then(|value| value.as_string()).as_deref() == Some("leader");
    leader && Reflect::set(&action, &node, &JsValue::from(0)).unwrap_or(false)
}

/// Whether the message comes from the parent frame (and the allowed origin, if one is set).
fn from_parent(event: &MessageEvent, origin: Option<&str>) -> bool {
    let Some(parent) = parent_frame() else { return false };
    let Some(source) = event.source() else { return false };
    js_sys::Object::is(&source, &parent) && origin.is_none_or(|origin| event.origin() == origin)
}

/// The action a host command asks for.
fn action_of(command: HostCommand) -> Option<Action> {
    Some(match command {
        HostCommand::Play => Action::SetPlaying(true),
        HostCommand::Pause => Action::SetPlaying(false),
        HostCommand::Step => Action::Step(Direction::Forward),
        HostCommand::StepBack => Action::Step(Direction::Back),
        HostCommand::Seek(ms) => Action::Seek(ms),
        HostCommand::Act { action, on_leader } => Action::HostAct { action, on_leader },
        HostCommand::GotoStep(step) => Action::HostGotoStep(step),
        HostCommand::State => return None,
    })
}

/// The open lesson, as the hook is told it: its id, the step shown (from 0) and how many steps
/// it has.
type LessonAt = (String, usize, usize);

fn state_event(status: &EmbedStatus, lesson: Option<&LessonAt>) -> HostEvent {
    HostEvent::State {
        time_ms: status.time_ms,
        playing: status.playing,
        leader: status.leader,
        trace_hash: status.trace_hash.clone(),
        lesson: lesson.map(|(id, _, _)| id.clone()),
        step: lesson.map(|(_, step, _)| step + 1),
        steps: lesson.map(|(_, _, steps)| *steps),
    }
}

/// The messages the start-up script kept while the WebAssembly loaded (a host page that posts
/// on its frame's `load` event posts before the playground listens), in the order they came;
/// the script stops keeping them once asked (see `tools/externalize-loader.mjs`).
fn messages_kept_before_start() -> Vec<MessageEvent> {
    let window = gloo::utils::window();
    let Some(take) = Reflect::get(&window, &"raftPlaygroundEarlyMessages".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return Vec::new();
    };
    let kept = take.call0(&window).ok().map(|kept| js_sys::Array::from(&kept)).unwrap_or_default();
    kept.iter().filter_map(|event| event.dyn_into::<MessageEvent>().ok()).collect()
}

fn error_event(why: String) -> HostEvent {
    HostEvent::Error { message: why }
}

/// Listens to the parent frame and tells it, after every change, the story events it has not
/// heard: leaders elected, entries committed, crashes, restarts, writes answered. A malformed
/// or refused command is answered with one `error` event (`refusals`: the page's language, and
/// the latest refusals, oldest first, each with the revision it happened at); messages of other
/// protocols are ignored.
#[hook]
pub fn use_embed_api(
    dispatch: Callback<Action>,
    origin: Option<String>,
    status: EmbedStatus,
    story: Rc<Vec<(Millis, StoryEvent)>>,
    refusals: (Lang, &[(u64, Notice)]),
    lesson: Option<LessonAt>,
) {
    // A page that is not in a frame has no one to talk to: it listens to nothing and tells
    // nothing, and does none of this work on its frames.
    let framed = *use_memo((), |_| parent_frame().is_some());
    let latest = use_mut_ref(|| (EmbedStatus::default(), None::<LessonAt>));
    // A `state` asked right after commands that are not drawn yet (those the host posted while
    // the page loaded are obeyed inside Yew's scheduler, which draws after them all), or while
    // the lesson asked for is fetched, is answered once they are drawn and the lesson is open:
    // (whether a command is not drawn yet, `state` replies waiting).
    let undrawn = use_mut_ref(|| (false, 0usize));
    // The commands posted while a lesson asked for is fetched (`None`: a `state`), obeyed in
    // order once it is open (or failed to open), as if posted then.
    let held = use_mut_ref(VecDeque::<Option<Action>>::new);
    if framed {
        *latest.borrow_mut() = (status.clone(), lesson.clone());
        undrawn.borrow_mut().0 = false;
    }
    // What happened before the page opened (a link at t > 0) is history, not news: only what
    // happens after `ready` is posted.
    let heard: Rc<RefCell<Heard>> = use_mut_ref(|| Heard::all_until(story.iter(), status.time_ms));
    {
        let (origin, latest, undrawn, held) = (origin.clone(), latest.clone(), undrawn.clone(), held.clone());
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let ready_origin = origin.clone();
            let shut = origin.as_deref() == Some("");
            let obey = move |event: &MessageEvent| {
                if !from_parent(event, origin.as_deref()) {
                    return;
                }
                let Some(command) = read_posted(event.data()) else { return };
                // A malformed command is refused in its turn, as an action: after the refusals
                // of the commands posted before it.
                let action = command.map_or_else(|error| Some(Action::RefuseHostCommand(error)), action_of);
                if latest.borrow().0.lesson_loading || !held.borrow().is_empty() {
                    held.borrow_mut().push_back(action);
                    return;
                }
                match action {
                    Some(action) => {
                        undrawn.borrow_mut().0 = true;
                        dispatch.emit(action);
                    }
                    None if undrawn.borrow().0 || latest.borrow().0.lesson_loading => {
                        undrawn.borrow_mut().1 += 1;
                    }
                    None => {
                        let (status, lesson) = &*latest.borrow();
                        post_to_parent(&state_event(status, lesson.as_ref()), origin.as_deref());
                    }
                }
            };
            // Taken even when not framed, so that the start-up script stops keeping messages.
            let early = messages_kept_before_start();
            if framed && shut {
                // The protocol is shut (see `PageOptions::origin`); the host's developer is told
                // where they will look for it.
                gloo::console::warn!(
                    "Raft playground: origin= is not an origin such as https://docs.example.org, so no command is obeyed and no event is posted"
                );
            }
            let listener = framed.then(|| {
                post_to_parent(&HostEvent::Ready, ready_origin.as_deref());
                // What the host posted while the page loaded is obeyed now, after `ready`.
                for event in early {
                    obey(&event);
                }
                EventListener::new(&gloo::utils::window(), "message", move |event| {
                    if let Some(event) = event.dyn_ref::<MessageEvent>() {
                        obey(event);
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        // Each refused command is told once, in order, by the revision it was refused at:
        // all those newer than the last told, however many came before this drawing.
        let origin = origin.clone();
        let (lang, refusals) = refusals;
        let told = use_mut_ref(|| None::<u64>);
        let newest = refusals.last().map(|(revision, _)| *revision);
        let since = *told.borrow();
        // Worded only when one is not told yet, not on every frame of a run that played on.
        let untold: Vec<String> = if newest == since {
            Vec::new()
        } else {
            let new = refusals.iter().filter(|(revision, _)| since.is_none_or(|told| *revision > told));
            new.map(|(_, refused)| refused.text(lang)).collect()
        };
        use_effect_with(newest, move |_| {
            for why in untold {
                post_to_parent(&error_event(why), origin.as_deref());
            }
            *told.borrow_mut() = newest.or(since);
            || ()
        });
    }
    {
        // Each step shown is told once, as `lesson-step` (counting from 1).
        let origin = origin.clone();
        use_effect_with(lesson.filter(|_| framed), move |lesson| {
            if let Some((lesson, step, steps)) = lesson.clone() {
                post_to_parent(&HostEvent::LessonStep { lesson, step: step + 1, steps }, origin.as_deref());
            }
        });
    }
    let heard_run = use_mut_ref(|| status.run);
    let story_origin = origin.clone();
    let moment = framed.then(|| (status.time_ms, story.len(), story.last().cloned(), status.run));
    use_effect_with(moment, move |moment| {
        let Some((now, _, _, run)) = moment else { return };
        if *heard_run.borrow() != *run {
            // Another run replaced this one (a link opened in the frame): its past is not news.
            *heard_run.borrow_mut() = *run;
            *heard.borrow_mut() = Heard::all_until(story.iter(), *now);
            return;
        }
        let (fresh, next) = heard.borrow().advance(story.iter(), *now);
        *heard.borrow_mut() = next;
        for event in fresh.iter().filter_map(|(at, event)| HostEvent::of_story(*at, event)) {
            post_to_parent(&event, story_origin.as_deref());
        }
    });
    {
        // The `state` replies that waited for this drawing, after the events it brought; then
        // the commands held while a lesson was fetched, up to a `state`, which waits for the
        // drawing of those before it.
        use_effect(move || {
            let (status, lesson) = latest.borrow().clone();
            if status.lesson_loading || undrawn.borrow().0 {
                return; // not this drawing's turn (commands obeyed in its own effects wait)
            }
            let waiting = std::mem::take(&mut undrawn.borrow_mut().1);
            for _ in 0..waiting {
                post_to_parent(&state_event(&status, lesson.as_ref()), origin.as_deref());
            }
            loop {
                let Some(command) = held.borrow_mut().pop_front() else { break };
                match command {
                    Some(action) => {
                        undrawn.borrow_mut().0 = true;
                        dispatch.emit(action);
                    }
                    None if undrawn.borrow().0 => {
                        undrawn.borrow_mut().1 += 1;
                        break;
                    }
                    None => post_to_parent(&state_event(&status, lesson.as_ref()), origin.as_deref()),
                }
            }
        });
    }
}
