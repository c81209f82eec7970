//! A lesson open on the page (issue 18): which step is shown, the answers given, and how the
//! run follows the steps. Each step is a moment of the lesson's deterministic run: Next plays
//! from one step's moment to the next at a readable speed, Back and the step list jump. Acting
//! leaves the lesson's run as any action forks a run; Back to the lesson loads it again.

use std::cell::RefCell;
use std::rc::Rc;

use raft_sim::{Highlight, History, Lesson, LessonStep, Millis};

use super::{Notice, Playground};
use crate::lessons::{LessonLink, LessonProgress};

/// How long, in real time, Next takes to play from one step's moment to the next (unless that
/// would be slower than [`MIN_LESSON_SPEED`] or faster than [`MAX_LESSON_SPEED`]).
const TRANSITION_REAL_MS: f64 = 3_000.0;
/// The slowest a step plays, the page's slowest: a message crossing (about 10 ms) takes a second.
const MIN_LESSON_SPEED: f64 = super::MIN_SPEED;
/// The fastest a step plays.
const MAX_LESSON_SPEED: f64 = 1.0;

/// A lesson being walked through.
#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    /// The lesson, as read from its file.
    pub lesson: Rc<Lesson>,
    /// The step shown, counting from 0.
    pub step: usize,
    /// The choice picked at each step's question, by step.
    pub answers: Vec<Option<usize>>,
    /// The furthest step shown.
    pub reached: usize,
}

impl Tour {
    /// The step shown.
    pub fn current(&self) -> &LessonStep {
        &self.lesson.steps[self.step]
    }

    /// The choice picked at the step shown, if it asks a question and was answered.
    pub fn answer(&self) -> Option<usize> {
        self.answers.get(self.step).copied().flatten()
    }

    /// Whether the step shown asks a question not yet answered: Next waits for the answer.
    pub fn waiting_for_answer(&self) -> bool {
        self.current().predict.is_some() && self.answer().is_none()
    }

    /// Whether the step shown is the last.
    pub fn at_last_step(&self) -> bool {
        self.step + 1 == self.lesson.steps.len()
    }

    /// What the page remembers of this lesson: it is done once its last step was reached and
    /// every question answered.
    pub fn progress(&self) -> LessonProgress {
        let steps = &self.lesson.steps;
        let answered = steps.iter().zip(&self.answers).all(|(step, answer)| step.predict.is_none() || answer.is_some());
        let done = self.reached + 1 == steps.len() && answered;
        LessonProgress { step: self.step, done, answers: self.answers.clone() }
    }

    /// The link to the step shown, without `#`.
    pub fn fragment(&self) -> String {
        LessonLink::fragment(&self.lesson.id, self.step)
    }
}

/// Which run step `index` of `lesson` is a moment of: 0 for the lesson's own, else one more
/// than the index of the step that brought it.
fn run_key(lesson: &Lesson, index: usize) -> usize {
    lesson.steps[..=index].iter().rposition(|step| step.scenario.is_some()).map_or(0, |i| i + 1)
}

/// The speed that plays `gap_ms` of simulated time in about [`TRANSITION_REAL_MS`].
fn readable_speed(gap_ms: Millis) -> f64 {
    (gap_ms as f64 / TRANSITION_REAL_MS).clamp(MIN_LESSON_SPEED, MAX_LESSON_SPEED)
}

impl Playground {
    /// Whether a lesson is open and the run shown is its own, as the lesson left it (no action
    /// taken since).
    pub fn on_lesson(&self) -> bool {
        self.tour.is_some() && self.lesson_run.is_some() && !self.departed
    }

    /// The open lesson, when the run shown is its own and at the step's moment: the step is
    /// what the page shows (its highlights, its link).
    pub(super) fn at_lesson_step(&self) -> Option<&Tour> {
        self.tour.as_ref().filter(|tour| self.on_lesson() && self.time_ms() == tour.current().at_ms)
    }

    /// What the step shown points at, once its moment is reached on the lesson's run.
    pub fn lesson_highlight(&self) -> Option<&Highlight> {
        let highlight = &self.at_lesson_step()?.current().highlight;
        (!highlight.is_empty()).then_some(highlight)
    }

    /// What PageUp and PageDown do now, as the playground's root tells the key listener:
    /// `back`, and `next` or (at a question not yet answered) `answer`; `None` with no lesson.
    pub fn lesson_keys(&self) -> Option<String> {
        let tour = self.tour.as_ref()?;
        let back = (tour.step > 0).then_some("back");
        let next = match (self.lesson_can_go_on(), tour.waiting_for_answer()) {
            (true, _) => Some("next"),
            (false, true) => Some("answer"),
            (false, false) => None,
        };
        Some([back, next].into_iter().flatten().collect::<Vec<_>>().join(" "))
    }

    /// Opens a lesson file fetched for `link` at its step (else where `progress` left off),
    /// with the answers it remembers (those that still fit the file's questions); a file that
    /// cannot be read leaves a notice and the run as it was.
    pub(super) fn open_lesson(&mut self, link: LessonLink, file: Option<String>, progress: LessonProgress) {
        let LessonLink { id, step, refused_step } = link;
        let Some(lesson) = file.and_then(|text| Lesson::from_json(&text).ok()).filter(|lesson| lesson.id == id) else {
            // Said on the page, and to the page embedding it (`?embed&lesson=…`) as an error.
            self.notice = Some(Notice::LessonUnavailable(id.clone()));
            self.refuse_host(Notice::LessonUnavailable(id));
            return;
        };
        let steps = lesson.steps.len();
        let answers: Vec<Option<usize>> = lesson
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let choices = step.predict.as_ref().map_or(0, |predict| predict.choices.len());
                progress.answers.get(i).copied().flatten().filter(|&choice| choice < choices)
            })
            .collect();
        let past_the_end = step.filter(|&asked| asked >= steps);
        let step = step.unwrap_or(progress.step).min(steps - 1);
        let reached = if progress.done { steps - 1 } else { step.max(progress.step.min(steps - 1)) };
        self.tour = Some(Tour { lesson: Rc::new(lesson), step, answers, reached });
        self.lesson_run = None;
        self.lesson_goto(step, false);
        if let Some(asked) = past_the_end {
            // A link to a step the lesson does not have opens its last, and says how many it has.
            let refused = Notice::NoSuchStep { asked: asked as u64 + 1, steps, last_shown: true };
            self.notice = Some(refused.clone());
            self.refuse_host(refused);
        } else if let Some(typed) = refused_step {
            let refused = Notice::BadStep { typed, steps };
            self.notice = Some(refused.clone());
            self.refuse_host(refused);
        }
    }

    /// Shows step `index` (the last if past it): on the lesson's run, playing from now to the
    /// step's moment when `play` and the moment is ahead, else jumping to it; any other run
    /// (acted on, another step's, or another scenario) is replaced by the step's run.
    pub(super) fn lesson_goto(&mut self, index: usize, play: bool) {
        let Some(tour) = self.tour.as_mut() else {
            return;
        };
        let index = index.min(tour.lesson.steps.len() - 1);
        tour.step = index;
        tour.reached = tour.reached.max(index);
        let lesson = tour.lesson.clone();
        let (key, at) = (run_key(&lesson, index), lesson.steps[index].at_ms);
        (self.menu, self.client_menu, self.selected_message) = (None, false, None);
        self.playing = false;
        self.carry_ms = 0.0;
        let same_run = self.lesson_run == Some(key) && !self.departed;
        if !same_run {
            match History::new(lesson.run_of(index).clone()) {
                Ok(history) => {
                    self.history = Rc::new(RefCell::new(history));
                    self.lesson_run = Some(key);
                    self.departed = false;
                    self.preset = None;
                    self.undo = None;
                    self.before_explore = None;
                    self.log_first = None;
                    self.run += 1;
                }
                Err(error) => {
                    self.notice = Some(Notice::BadScenario(error));
                    return;
                }
            }
        }
        let now = self.time_ms();
        self.end_transition();
        if play && same_run && now < at {
            self.stop_at = Some((at, self.speed));
            self.speed = readable_speed(at - now);
            self.playing = true;
        } else if let Err(busy) = self.seek(at) {
            self.notice = Some(busy);
        }
    }

    /// Next: the following step, played to, once the step's question is answered.
    pub(super) fn lesson_next(&mut self) {
        if let Some(step) = self.tour.as_ref().filter(|_| self.lesson_can_go_on()).map(|tour| tour.step + 1) {
            self.lesson_goto(step, true);
        }
    }

    /// Whether Next is playing the run to the step shown (its text is ahead of the drawing).
    pub fn lesson_arriving(&self) -> bool {
        self.stop_at.is_some()
    }

    /// Whether Next can go on: a lesson is open, not at its last step, its question answered.
    pub fn lesson_can_go_on(&self) -> bool {
        self.tour.as_ref().is_some_and(|tour| !tour.waiting_for_answer() && !tour.at_last_step())
    }

    /// Ends Next's play to a step: playback stops and the reader's speed comes back.
    pub(super) fn end_transition(&mut self) {
        if let Some((_, speed)) = self.stop_at.take() {
            self.speed = speed;
            self.playing = false;
            self.carry_ms = 0.0;
        }
    }

    /// Records the choice picked at the step shown: the first answer stands.
    pub(super) fn lesson_answer(&mut self, choice: usize) {
        if let Some(tour) = self.tour.as_mut().filter(|tour| tour.answer().is_none()) {
            let choices = tour.current().predict.as_ref().map_or(0, |predict| predict.choices.len());
            if choice < choices {
                let step = tour.step;
                tour.answers[step] = Some(choice);
            }
        }
    }
}
