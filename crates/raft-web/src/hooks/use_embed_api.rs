//! The postMessage glue of an embedded playground: obeys commands from the embedding page and
//! tells it what happens. The protocol itself is plain data in [`crate::embed_api`].
//!
//! Origin handling: a command is obeyed only if it comes from the parent frame (and, with
//! `?origin=…`, only from that origin). Events go to the parent frame only, addressed to that
//! origin if one was given, else to any origin: they describe nothing but the public scenario.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use raft_sim::{Json, Millis, StoryEvent};
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Window};
use yew::prelude::*;

use crate::embed_api::{event_json, message, parse_command, Heard, HostCommand};
use crate::state::{Action, Direction};

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
}

/// The parent frame, if this page is framed.
fn parent_frame() -> Option<Window> {
    let window = gloo::utils::window();
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Posts `value` to the parent frame, if any.
fn post_to_parent(value: &Json, origin: Option<&str>) {
    let Some(parent) = parent_frame() else { return };
    if let Ok(data) = js_sys::JSON::parse(&value.to_string()) {
        let _ = parent.post_message(&data, origin.unwrap_or("*"));
    }
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
        HostCommand::State => return None,
    })
}

fn state_message(status: &EmbedStatus) -> Json {
    message(
        "state",
        [
            ("time_ms", Json::from(status.time_ms)),
            ("playing", Json::from(status.playing)),
            ("leader", Json::from(status.leader)),
            ("trace_hash", Json::from(status.trace_hash.as_str())),
        ],
    )
}

fn error_message(why: &str) -> Json {
    message("error", [("message", Json::from(why))])
}

/// Listens to the parent frame and tells it, after every change, the story events it has not
/// heard: leaders elected, entries committed, crashes, restarts, writes answered. A malformed
/// or refused command is answered with one `error` event (`refusal` is the latest refusal of
/// an `act`, with the revision it happened at); messages of other protocols are ignored.
#[hook]
pub fn use_embed_api(
    dispatch: Callback<Action>,
    origin: Option<String>,
    status: EmbedStatus,
    story: Rc<Vec<(Millis, StoryEvent)>>,
    refusal: Option<(u64, String)>,
) {
    // A page that is not in a frame has no one to talk to: it listens to nothing and tells
    // nothing, and does none of this work on its frames.
    let framed = *use_memo((), |_| parent_frame().is_some());
    let latest = use_mut_ref(EmbedStatus::default);
    if framed {
        *latest.borrow_mut() = status.clone();
    }
    // What happened before the page opened (a link at t > 0) is history, not news: only what
    // happens after `ready` is posted.
    let heard: Rc<RefCell<Heard>> = use_mut_ref(|| Heard::all_until(story.iter(), status.time_ms));
    {
        let origin = origin.clone();
        use_effect_with((), move |_| {
            let ready_origin = origin.clone();
            let listener = framed.then(|| {
                EventListener::new(&gloo::utils::window(), "message", move |event| {
                    let Some(event) = event.dyn_ref::<MessageEvent>() else { return };
                    if !from_parent(event, origin.as_deref()) {
                        return;
                    }
                    let data = event.data();
                    // Marked as this protocol's, a message that cannot be read is answered with
                    // an error like any other malformed command; unmarked, it is someone else's.
                    let ours = js_sys::Reflect::get(&data, &"raftPlayground".into()).ok().and_then(|v| v.as_f64())
                        == Some(1.0);
                    let refuse = |why: String| {
                        if ours {
                            post_to_parent(&error_message(&why), origin.as_deref());
                        }
                    };
                    // JSON.stringify(undefined) is undefined, not a string; a cycle throws.
                    let Some(text) = js_sys::JSON::stringify(&data).ok().and_then(|text| text.as_string()) else {
                        return refuse("the command is not plain data: it cannot be written as JSON".to_owned());
                    };
                    let value = match Json::parse(&text) {
                        Ok(value) => value,
                        Err(error) => return refuse(format!("the command cannot be read: {error}")),
                    };
                    match parse_command(&value) {
                        None => {}
                        Some(Err(error)) => post_to_parent(&error_message(&error), origin.as_deref()),
                        Some(Ok(command)) => match action_of(command) {
                            Some(action) => dispatch.emit(action),
                            None => post_to_parent(&state_message(&latest.borrow()), origin.as_deref()),
                        },
                    }
                })
            });
            post_to_parent(&message::<&str>("ready", []), ready_origin.as_deref());
            move || drop(listener)
        });
    }
    {
        // Each refused command is told once: keyed by the revision it was refused at.
        let origin = origin.clone();
        let revision = refusal.as_ref().map(|(revision, _)| *revision);
        use_effect_with(revision, move |_| {
            if let Some((_, why)) = refusal {
                post_to_parent(&error_message(&why), origin.as_deref());
            }
            || ()
        });
    }
    let heard_run = use_mut_ref(|| status.run);
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
        for event in fresh.iter().filter_map(|(at, event)| event_json(*at, event)) {
            post_to_parent(&event, origin.as_deref());
        }
    });
}
