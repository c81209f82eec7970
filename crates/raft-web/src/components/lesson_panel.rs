//! The lesson panel (issue 18): the step's title and text, its Predict question, Back and
//! Next, the list of steps, and Back to the lesson once the learner has acted. Every text is
//! the lesson file's, drawn as text.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::state::{Action, Tour};
use raft_sim::LessonStep;

/// What [`lesson_panel`] draws, and where its events go.
pub struct LessonPanelProps<'a> {
    /// The open lesson.
    pub tour: &'a Tour,
    /// Whether the run shown is the lesson's (no action taken since).
    pub on_lesson: bool,
    /// Whether Next is still playing the run to the step shown: its words are dimmed until
    /// the drawing gets there.
    pub arriving: bool,
    /// Whether the run is playing (for the phone's Play beside Back to the lesson).
    pub playing: bool,
    /// The moment shown.
    pub time_ms: raft_sim::Millis,
    /// Whether Explore is on: nothing happens by itself then (no Play), and the search panel
    /// keeps the goal it has (no offer to explore).
    pub exploring: bool,
    /// Whether the lesson is embedded: an embed has no Explore panel, so no offer to explore.
    pub embedded: bool,
    /// Lesson actions.
    pub dispatch: Callback<Action>,
}

/// The panel.
pub fn lesson_panel(lang: Lang, props: &LessonPanelProps) -> Html {
    let t = lang.lesson_texts();
    let tour = props.tour;
    let step = tour.current();
    let steps = tour.lesson.steps.len();
    let send = |action: Action| lesson_action(&props.dispatch, action);
    let count = lang.lesson_step_of(tour.step + 1, steps);
    html! {
        <section class={if props.arriving { "lesson lesson--arriving" } else { "lesson" }} aria-label={t.lesson}
                 data-lesson-panel={tour.lesson.id.clone()}>
            <div class="lesson__head">
                <h2 class="lesson__title">{ lang.said(&tour.lesson.title) }</h2>
                <button type="button" class="lesson__close" aria-label={t.close} title={t.close}
                        onclick={send(Action::CloseLesson)}>{ "×" }</button>
            </div>
            // Told as the step turns: its title and its words, not the title alone (a screen
            // reader's user pressing Next keeps the focus there and hears the step).
            <div class="lesson__step" aria-live="polite">
                <h3 class="lesson__step-title" tabindex="-1">
                    <span class="lesson__count">{ count.clone() }</span>{ lang.said(&step.title) }
                </h3>
                // The words are ahead of the drawing until the run reaches the step's moment.
                if props.arriving {
                    <p class="lesson__arriving">{ t.arriving }</p>
                }
                <p class="lesson__text">{ lang.said(&step.text) }</p>
            </div>
            // Shown in one column only (CSS: a phone, a tablet held upright), where the log table is far below the step.
            if !step.highlight.entries.is_empty() {
                <button type="button" class="lesson__to-logs" onclick={Callback::from(|_: MouseEvent| show_ringed_entries())}>
                    { t.see_ringed }
                </button>
            }
            // Paused only: playing, its moment would change every frame in a live region.
            if props.on_lesson && !props.arriving && !props.playing && props.time_ms < step.at_ms {
                <p class="lesson__off" role="status">
                    { before_step(lang, props.time_ms, step.at_ms) }{ " " }
                    <button type="button" data-lesson-return="true" onclick={send(Action::LessonGoto(tour.step))}>
                        { t.to_step }
                    </button>
                </p>
            }
            if !props.on_lesson {
                <p class="lesson__off" role="status">
                    { t.off_track }{ " " }
                    <button type="button" data-lesson-return="true" onclick={send(Action::LessonGoto(tour.step))}>
                        { t.back_to_lesson }
                    </button>
                </p>
                // On a phone (CSS), where Play is above the drawing held at the top, out of
                // sight: the run just acted on plays from here. (Outside the status line, which
                // would be said again at each press.)
                if !props.exploring {
                    <button type="button" class="lesson__play" onclick={props.dispatch.reform(|_: MouseEvent| Action::TogglePlay)}>
                        { if props.playing { t.pause_here } else { t.play_here } }
                    </button>
                }
            }
            { explore_offer(lang, step, props) }
            { predict(lang, tour, &props.dispatch) }
            { lesson_nav(lang, tour, &props.dispatch) }
            if tour.waiting_for_answer() {
                <p class="lesson__hint">{ t.answer_first }</p>
            } else if tour.at_last_step() {
                <p class="lesson__hint">{ t.finished }</p>
            }
            <details class="lesson__steps">
                <summary>{ t.steps }{ " · " }{ count }</summary>
                <ol>
                    { for tour.lesson.steps.iter().enumerate().map(|(i, s)| html! {
                        <li>
                            <button type="button" data-step={(i + 1).to_string()} aria-current={(i == tour.step).then_some("step")}
                                    onclick={send(Action::LessonGoto(i))}>
                                { lang.said(&s.title) }
                            </button>
                        </li>
                    }) }
                </ol>
            </details>
        </section>
    }
}

/// A click that sends `action`, then gives the focus a sensible place if the button clicked
/// went away (a choice, Back to the lesson, ×).
fn lesson_action(dispatch: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    dispatch.reform(move |_: MouseEvent| {
        crate::hooks::after_redraw(|| {
            crate::hooks::refocus_lesson();
            crate::hooks::reveal_lesson_step();
        });
        action.clone()
    })
}

/// A step that offers the model checker: Explore opened from the step's moment, with its goal
/// chosen under Look for and the focus on Find, so that one more press finds the shortest run.
/// Not while exploring already (its panel keeps the goal it has).
fn explore_offer(lang: Lang, step: &LessonStep, props: &LessonPanelProps) -> Html {
    let Some(goal) = step.explore.as_deref().and_then(raft_sim::Goal::named) else {
        return Html::default();
    };
    if props.exploring || props.embedded {
        return Html::default();
    }
    let dispatch = props.dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        crate::components::choose_goal(goal);
        dispatch.emit(Action::ToggleExplore);
        crate::hooks::after_redraw(|| {
            crate::hooks::focus_selected("[data-search=find]");
        });
    });
    html! {
        <button type="button" class="lesson__explore" data-explore-goal={goal.name()} {onclick}>
            { lang.explore_from_step(goal) }
        </button>
    }
}

/// Scrolls the first entry the step rings into the middle of the window, then the log table
/// sideways as the table itself does for ringed entries: the leftmost clear of the servers'
/// names, and the rightmost in too if both fit (on a phone, the second of two entries would be
/// left past the table's edge).
fn show_ringed_entries() {
    use wasm_bindgen::JsCast;
    let Ok(ringed) = gloo::utils::document().query_selector_all(".logs__entry--highlight") else { return };
    let entries: Vec<web_sys::Element> =
        (0..ringed.length()).filter_map(|i| ringed.item(i)?.dyn_into::<web_sys::Element>().ok()).collect();
    let scroll = |entry: &web_sys::Element, block: web_sys::ScrollLogicalPosition| {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(block);
        options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        entry.scroll_into_view_with_scroll_into_view_options(&options);
    };
    let Some(first) = entries.first() else { return };
    scroll(first, web_sys::ScrollLogicalPosition::Center);
    if let Ok(Some(logs)) = first.closest(".logs") {
        crate::components::log_table::show_ringed_columns(&logs);
    }
}

/// Moves the focus to the lesson panel's step title, and the panel into view (with the
/// drawing, on a wide screen; under it, from the lesson's head, on a phone).
fn go_to_lesson() {
    if let Some(title) = gloo::utils::document().query_selector(".lesson__step-title").ok().flatten() {
        crate::hooks::focus_quietly(&title);
        crate::hooks::reveal_lesson_head();
    }
}

/// Back and Next: Next waits for the step's question to be answered. Neither is ever
/// `disabled`, which would drop the keyboard's focus on the page's body whenever a step turns
/// one off: they say `aria-disabled`, and Next at a question takes the focus to its choices.
pub fn lesson_nav(lang: Lang, tour: &Tour, dispatch: &Callback<Action>) -> Html {
    let t = lang.lesson_texts();
    let waiting = tour.waiting_for_answer();
    let (at_first, at_last) = (tour.step == 0, tour.at_last_step());
    let next_title = match (waiting, at_last) {
        (true, _) => t.answer_first,
        (false, true) => t.finished,
        (false, false) => t.next_title,
    };
    let onback = if at_first { Callback::noop() } else { lesson_action(dispatch, Action::LessonBack) };
    let onnext = match (waiting, at_last) {
        (true, _) => Callback::from(|_: MouseEvent| {
            crate::hooks::focus_selected(".lesson__predict[data-predict=open] [data-choice]");
        }),
        (false, true) => Callback::noop(),
        (false, false) => lesson_action(dispatch, Action::LessonNext),
    };
    html! {
        <div class="lesson__nav" role="group" aria-label={t.lesson}>
            <button type="button" data-lesson-nav="back" aria-disabled={at_first.then_some("true")}
                    title={if at_first { t.first_step } else { t.back_title }}
                    onclick={onback}>{ "← " }{ t.back }</button>
            <button type="button" data-lesson-nav="next" class="lesson__next" title={next_title}
                    aria-disabled={(waiting || at_last).then_some("true")} onclick={onnext}>{ t.next }{ " →" }</button>
        </div>
    }
}

/// The step's Predict question: its choices, then, once one is picked, why each is right or
/// wrong.
fn predict(lang: Lang, tour: &Tour, dispatch: &Callback<Action>) -> Html {
    let Some(predict) = tour.current().predict.as_ref() else {
        return Html::default();
    };
    let t = lang.lesson_texts();
    let answer = tour.answer();
    // What the pick earned, said once: the live region is there before the answer, empty.
    let verdict = answer.and_then(|i| predict.choices.get(i)).map(|choice| {
        let mark = if choice.correct { t.right } else { t.wrong };
        format!("{mark}{}", lang.said(&choice.why))
    });
    html! {
        <fieldset class="lesson__predict" data-predict={if answer.is_some() { "answered" } else { "open" }}>
            <legend>{ t.predict }{ lang.said(&predict.question) }</legend>
            <ol class="lesson__choices">
                { for predict.choices.iter().enumerate().map(|(i, choice)| {
                    let picked = answer == Some(i);
                    let class = match (answer.is_some(), choice.correct) {
                        (false, _) => "lesson__choice",
                        (true, true) => "lesson__choice lesson__choice--right",
                        (true, false) => "lesson__choice lesson__choice--wrong",
                    };
                    html! {
                        <li {class}>
                            // Not `disabled` once answered: the focus stays on the choice made.
                            <button type="button" data-choice={(i + 1).to_string()} aria-pressed={picked.to_string()}
                                    aria-disabled={answer.is_some().then_some("true")}
                                    onclick={dispatch.reform(move |_: MouseEvent| {
                                        reveal_answer();
                                        Action::LessonAnswer(i)
                                    })}>
                                { lang.said(&choice.text) }
                            </button>
                            if answer.is_some() {
                                // The right answer is named whichever was picked; a wrong pick says
                                // so; the other wrong choices are marked wrong too.
                                <p class="lesson__why">
                                    if choice.correct {
                                        <strong>{ "✓ " }{ t.right }</strong>
                                    } else if picked {
                                        <strong>{ "✗ " }{ t.wrong }</strong>
                                    } else {
                                        <span class="lesson__mark" aria-hidden="true">{ "✗ " }</span>
                                    }
                                    { lang.said(&choice.why) }
                                </p>
                            }
                        </li>
                    }
                }) }
            </ol>
            <p class="visually-hidden" role="status" data-lesson-verdict="true">{ verdict }</p>
        </fieldset>
    }
}

/// Once the answer is drawn, scrolls a lesson panel that scrolls on its own (an embed's) just
/// enough to show the choice picked and why; the page itself is not scrolled, so an embed's
/// host page stays where it is.
fn reveal_answer() {
    crate::hooks::after_redraw(|| {
        let document = gloo::utils::document();
        let find = |selector: &str| document.query_selector(selector).ok().flatten();
        let (Some(panel), Some(choice)) =
            (find(".lesson"), find(".lesson [data-choice][aria-pressed=true]").and_then(|b| b.parent_element()))
        else {
            return;
        };
        if panel.scroll_height() <= panel.client_height() {
            return;
        }
        let (shown, picked) = (panel.get_bounding_client_rect(), choice.get_bounding_client_rect());
        // Its bottom into view, unless that would hide its top.
        let down = (picked.bottom() - shown.bottom()).min(picked.top() - shown.top());
        if down > 0.0 {
            panel.set_scroll_top(panel.scroll_top() + down.ceil() as i32);
        }
    });
}

/// The picker: every lesson, finished ones marked, the open one chosen.
pub fn lesson_picker(lang: Lang, open: Option<&str>, done: &[String], on_open: Callback<String>) -> Html {
    let t = lang.lesson_texts();
    let super::picker_keys::Picker { onchange, onkeydown, onblur, onmousedown } = super::picker_keys::picker(on_open);
    html! {
        <span class="lesson-picker">
        <label>
            { t.lesson }{ " " }
            // Not keyed (a new element would lose the focus at each choice); × empties it.
            <select {onchange} {onkeydown} {onblur} {onmousedown} title={t.picker_title} data-lesson-picker="true">
                <option value="" selected={open.is_none()}>{ t.choose }</option>
                { for crate::lessons::LESSONS.iter().map(|lesson| {
                    let title = if lang == Lang::Zh { lesson.zh } else { lesson.en };
                    let label = if done.iter().any(|id| id == lesson.id) { format!("{title} {}", t.done) } else { title.to_owned() };
                    html! { <option value={lesson.id} selected={open == Some(lesson.id)}>{ label }</option> }
                }) }
            </select>
        </label>
        // For the keyboard: the panel is many controls away from the picker.
        if open.is_some() {
            <button type="button" class="lesson-picker__go" onclick={Callback::from(|_: MouseEvent| go_to_lesson())}>
                { t.go_to_lesson }
            </button>
        }
        </span>
    }
}

/// "The drawing is at 0.014 s, before this step's moment (0.026 s): …".
fn before_step(lang: Lang, shown_ms: raft_sim::Millis, step_ms: raft_sim::Millis) -> String {
    let (before, between, after) = lang.lesson_texts().before_step;
    let time = |ms| crate::components::timeline::format_time(lang, ms);
    format!("{before}{}{between}{}{after}", time(shown_ms), time(step_ms))
}
