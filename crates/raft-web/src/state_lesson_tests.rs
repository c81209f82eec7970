//! Lessons on the page (issue 18): opening one, Next and Back, questions, leaving the
//! lesson's run by acting and coming back, links and the embedding page's `goto-step`.

use super::*;
use crate::lessons::{lesson_url, LessonLink, LessonProgress};

fn file(id: &str) -> String {
    let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), lesson_url(id));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The page after asking for lesson `id` at `step` and receiving its file.
fn opened(id: &str, step: Option<usize>) -> Rc<Playground> {
    let asked = Rc::new(Playground::default()).reduce(Action::OpenLesson(link_to(id, step)));
    asked.reduce(Action::LessonLoaded {
        link: link_to(id, step),
        file: Some(file(id)),
        progress: LessonProgress::default(),
    })
}

fn link_to(id: &str, step: Option<usize>) -> LessonLink {
    LessonLink { id: id.to_owned(), step, refused_step: None }
}

fn step_of(state: &Playground) -> usize {
    state.tour.as_ref().unwrap().step
}

/// Plays frames of 50 ms until playback stops by itself (at most 1,000 frames).
fn play_out(mut state: Rc<Playground>) -> Rc<Playground> {
    for _ in 0..1_000 {
        if !state.playing {
            return state;
        }
        state = state.reduce(Action::Frame { elapsed_ms: 50.0 });
    }
    panic!("still playing after 1,000 frames, at {} ms", state.time_ms());
}

#[test]
fn a_lesson_opens_at_its_step_on_its_run_with_the_step_highlighted() {
    let state = opened("election", Some(2));
    assert_eq!((step_of(&state), state.time_ms(), state.playing), (2, 385, false));
    assert!(state.on_lesson() && state.notice.is_none());
    let highlighted: Vec<_> = state.view().highlight.nodes;
    assert_eq!(highlighted, vec![3], "the step's servers are ringed");
    assert_eq!(state.share_fragment(Lang::En).unwrap(), "lesson=election&step=3", "the link is the step's");
}

#[test]
fn next_plays_at_a_readable_speed_and_stops_at_the_next_steps_moment() {
    assert_eq!(opened("election", Some(0)).lesson_keys().as_deref(), Some("next"), "no space before a lone key");
    let state = opened("election", Some(2)).reduce(Action::LessonNext);
    assert!(state.playing, "Next plays");
    assert!(state.speed < DEFAULT_SPEED, "25 ms of Raft take more than a second: {}", state.speed);
    assert!(state.view().highlight.is_empty(), "no highlight on the way");
    assert!(state.lesson_arriving(), "the step's words wait for the drawing");
    let state = play_out(state);
    assert!(!state.lesson_arriving());
    assert_eq!((step_of(&state), state.time_ms()), (3, 410), "stopped exactly at step 4's moment");
    assert_eq!(state.view().highlight.nodes, vec![3]);
    assert_eq!(state.lesson_keys().as_deref(), Some("back next"));
    let back = state.reduce(Action::LessonBack);
    assert_eq!((step_of(&back), back.time_ms(), back.playing), (2, 385, false), "Back jumps");
}

#[test]
fn next_waits_for_the_question_to_be_answered() {
    let state = opened("election", Some(1));
    assert!(state.tour.as_ref().unwrap().waiting_for_answer());
    let state = state.reduce(Action::LessonNext);
    assert_eq!((step_of(&state), state.playing), (1, false), "Next does nothing before an answer");
    assert_eq!(state.lesson_keys().as_deref(), Some("back answer"), "PageDown goes to the question");
    let state = state.reduce(Action::LessonAnswer(7));
    assert!(state.tour.as_ref().unwrap().waiting_for_answer(), "no such choice");
    let state = state.reduce(Action::LessonAnswer(0));
    assert_eq!(state.tour.as_ref().unwrap().answer(), Some(0), "a wrong answer is an answer: its why is shown");
    let state = play_out(state.reduce(Action::LessonNext));
    assert_eq!((step_of(&state), state.time_ms()), (2, 385));
    let progress = state.tour.as_ref().unwrap().progress();
    assert_eq!((progress.step, progress.done, progress.answers[1]), (2, false, Some(0)));
}

#[test]
fn acting_leaves_the_lessons_run_and_back_to_the_lesson_returns_to_it() {
    let state = opened("election", Some(2));
    let acted = state.reduce(Action::Apply(raft_sim::Action::Crash { node: 3 }));
    assert!(!acted.on_lesson(), "the run is the learner's now");
    assert!(acted.view().highlight.is_empty());
    assert_ne!(acted.share_fragment(Lang::En).unwrap(), "lesson=election&step=3", "its link is the run's");
    assert_eq!(step_of(&acted), 2, "the lesson stays open at its step");
    let back = acted.reduce(Action::LessonGoto(2));
    assert!(back.on_lesson());
    assert_eq!(back.time_ms(), 385);
    assert!(back.view().nodes.iter().all(|node| node.up), "the crash is gone: the lesson's run again");
    let next = back.reduce(Action::LessonNext);
    assert!(next.playing, "on the lesson's run, Next plays again");
}

#[test]
fn another_scenario_keeps_the_lesson_open_off_its_run() {
    let state = opened("election", Some(0)).reduce(Action::Resize(3));
    assert_eq!(state.cluster_size(), 3);
    assert!(state.tour.is_some() && !state.on_lesson());
    let next = state.reduce(Action::LessonNext);
    assert_eq!((step_of(&next), next.time_ms(), next.cluster_size()), (1, 40, 4), "Next brings the lesson's run back");
    let closed = next.reduce(Action::CloseLesson);
    assert!(closed.tour.is_none() && !closed.on_lesson());
    assert_eq!(closed.time_ms(), 40, "closing keeps the run shown");
}

#[test]
fn a_step_with_a_run_of_its_own_loads_it() {
    let state = opened("pre-vote", Some(2));
    assert!(!state.options().pre_vote, "the first story runs without PreVote");
    let state = state.reduce(Action::LessonNext);
    assert!(!state.playing, "another run: Next jumps");
    assert_eq!((step_of(&state), state.time_ms()), (3, 3_900));
    assert!(state.options().pre_vote && state.on_lesson());
    let back = state.reduce(Action::LessonBack);
    assert!(!back.options().pre_vote, "Back returns to the first story");
    assert_eq!(back.time_ms(), 4_300);
}

#[test]
fn progress_resumes_and_keeps_answers() {
    // Answers that do not fit the file's questions (a step without one, a choice it has not,
    // more steps than it has) are forgotten.
    let progress =
        LessonProgress { step: 3, done: false, answers: vec![Some(0), Some(1), None, None, None, None, Some(2)] };
    let asked = Rc::new(Playground::default()).reduce(Action::OpenLesson(link_to("election", None)));
    let state =
        asked.reduce(Action::LessonLoaded { link: link_to("election", None), file: Some(file("election")), progress });
    let tour = state.tour.as_ref().unwrap();
    assert_eq!((tour.step, tour.answers.clone()), (3, vec![None, Some(1), None, None, None]));
    let garbled = LessonProgress { step: 1, done: false, answers: vec![None, Some(9)] };
    let other = Rc::new(Playground::default()).reduce(Action::OpenLesson(link_to("election", None))).reduce(
        Action::LessonLoaded { link: link_to("election", None), file: Some(file("election")), progress: garbled },
    );
    assert!(other.tour.as_ref().unwrap().waiting_for_answer(), "choice 9 of 3 is no answer");
    let at_1 = state.reduce(Action::LessonGoto(1));
    assert!(!at_1.tour.as_ref().unwrap().waiting_for_answer(), "answered before");
}

#[test]
fn a_link_past_the_lessons_last_step_opens_the_last_and_says_how_many_there_are() {
    let state = opened("election", Some(98));
    assert_eq!(step_of(&state), 4);
    assert_eq!(
        state.notice.as_ref().map(|notice| notice.text(Lang::En)).as_deref(),
        Some("There is no step 99: this lesson has 5 steps, so its last is shown.")
    );
    assert_eq!(
        state.notice.as_ref().map(|notice| notice.text(Lang::Zh)).as_deref(),
        Some("没有第 99 步：本课共有 5 步，因此显示最后一步。")
    );
    assert!(!state.host_refusals.is_empty(), "an embed tells its host");
    let within = opened("election", Some(4));
    assert!(within.notice.is_none() && within.host_refusals.is_empty());
}

#[test]
fn a_lesson_that_cannot_be_had_leaves_a_notice_and_the_run() {
    let asked = Rc::new(Playground::default()).reduce(Action::OpenLesson(link_to("nope", None)));
    let state = asked.reduce(Action::LessonLoaded {
        link: link_to("nope", None),
        file: None,
        progress: LessonProgress::default(),
    });
    assert!(state.tour.is_none());
    // It names the lessons there are: an embed, which has no Lesson picker, says it too.
    let no_such = "There is no lesson \"nope\". The lessons are: replicated-state-machine, election, replication, \
                   crashes, timing, safety, misconceptions, pre-vote, check-quorum, leadership-transfer, membership, \
                   snapshots, pipelining, reads.";
    assert_eq!(state.notice.as_ref().unwrap().text(Lang::En), no_such);
    let zh = state.notice.as_ref().unwrap().text(Lang::Zh);
    assert!(
        zh.starts_with("没有“nope”这一课。课程有：replicated-state-machine、election、") && zh.ends_with("、reads。"),
        "{zh}"
    );
    let told = state.host_refusals.last().map(|(_, notice)| notice.text(Lang::En));
    assert_eq!(told.as_deref(), Some(no_such), "and the embedding page");
    // A lesson there is, whose file did not come (the network), says so.
    let lost = Rc::new(Playground::default()).reduce(Action::OpenLesson(link_to("election", None))).reduce(
        Action::LessonLoaded { link: link_to("election", None), file: None, progress: LessonProgress::default() },
    );
    assert_eq!(lost.notice.as_ref().unwrap().text(Lang::En), "This lesson could not be loaded: \"election\"");
    let asked = state.reduce(Action::OpenLesson(link_to("election", None)));
    let garbled = asked.reduce(Action::LessonLoaded {
        link: link_to("election", None),
        file: Some("{\"version\": 1".into()),
        progress: LessonProgress::default(),
    });
    assert!(garbled.tour.is_none() && garbled.notice.is_some());
}

#[test]
fn only_the_latest_lesson_asked_for_opens() {
    let asked = Rc::new(Playground::default())
        .reduce(Action::OpenLesson(link_to("election", None)))
        .reduce(Action::OpenLesson(link_to("election", Some(3))));
    let late = asked.reduce(Action::LessonLoaded {
        link: link_to("election", None),
        file: Some(file("election")),
        progress: LessonProgress::default(),
    });
    assert!(late.tour.is_none(), "the first ask's file arrived after the second ask");
    assert_eq!(late.pending_lesson, Some(link_to("election", Some(3))));
    let answered = late.reduce(Action::LessonLoaded {
        link: link_to("election", Some(3)),
        file: Some(file("election")),
        progress: LessonProgress::default(),
    });
    assert_eq!(step_of(&answered), 3);
}

#[test]
fn lesson_links_open_lessons_and_share_links_still_open_runs() {
    let page = Playground::from_fragment("#lesson=replication&step=4");
    assert_eq!(page.pending_lesson, Some(LessonLink { step: Some(3), ..LessonLink::to("replication".into()) }));
    assert!(page.notice.is_none());
    let pasted = Rc::new(Playground::default()).reduce(Action::OpenLink("#lesson=safety".into()));
    assert_eq!(pasted.pending_lesson, Some(LessonLink::to("safety".into())));
    let state = opened("replication", Some(3));
    assert_eq!(state.logs().highlight, vec![(2, 6), (2, 8)], "the step's log entries are marked");
    let seeked = state.reduce(Action::Seek(100));
    let link = seeked.share_fragment(Lang::En).unwrap();
    assert!(!link.starts_with("lesson="), "another moment's link is a run's: {link}");
    let reopened = Playground::from_fragment(&link);
    assert_eq!((reopened.time_ms(), reopened.trace_hash()), (100, seeked.trace_hash()));
}

#[test]
fn the_embedding_page_goes_to_steps() {
    let none = Rc::new(Playground::default()).reduce(Action::HostGotoStep(1));
    assert_eq!(none.host_refusals.last().map(|(_, n)| n.text(Lang::En)).as_deref(), Some("No lesson is open."));
    // Asked before the lesson's file arrived, the steps wait for it and are each shown or
    // refused in their turn: the last shown is where it opens.
    let early = Rc::new(Playground::default()).reduce(Action::OpenLesson(link_to("election", None)));
    let early = early.reduce(Action::HostGotoStep(1)).reduce(Action::HostGotoStep(8)).reduce(Action::HostGotoStep(3));
    assert!(early.host_refusals.is_empty());
    let opened_early = early.reduce(Action::LessonLoaded {
        link: link_to("election", None),
        file: Some(file("election")),
        progress: LessonProgress::default(),
    });
    assert_eq!(step_of(&opened_early), 3);
    let told: Vec<String> = opened_early.host_refusals.iter().map(|(_, n)| n.text(Lang::En)).collect();
    assert_eq!(told, ["There is no step 9: this lesson has 5 steps."]);
    // A lesson that cannot be opened refuses them too, after saying why.
    let lost = Rc::new(Playground::default()).reduce(Action::OpenLesson(link_to("nope", None)));
    let lost = lost.reduce(Action::HostGotoStep(1)).reduce(Action::LessonLoaded {
        link: link_to("nope", None),
        file: None,
        progress: LessonProgress::default(),
    });
    let told: Vec<String> = lost.host_refusals.iter().map(|(_, n)| n.text(Lang::En)).collect();
    assert!(told[0].starts_with("There is no lesson \"nope\". The lessons are: ") && told[1] == "No lesson is open.");
    let state = opened("election", None).reduce(Action::HostGotoStep(4));
    assert_eq!((step_of(&state), state.time_ms()), (4, 1_015));
    let past = state.clone().reduce(Action::HostGotoStep(5));
    assert_eq!(
        past.host_refusals.last().map(|(_, n)| n.text(Lang::En)).as_deref(),
        Some("There is no step 6: this lesson has 5 steps.")
    );
    assert_eq!(step_of(&past), 4);
    // A step past any lesson (a host's huge number) is refused with the number it sent.
    let huge = state.clone().reduce(Action::HostGotoStep(99_999_999_998));
    assert_eq!(
        huge.host_refusals.last().map(|(_, n)| n.text(Lang::En)).as_deref(),
        Some("There is no step 99999999999: this lesson has 5 steps.")
    );
    // Asked while another lesson is fetched, a step waits for that one, which replaces this.
    let asking = state.reduce(Action::OpenLesson(link_to("safety", None))).reduce(Action::HostGotoStep(1));
    assert_eq!(step_of(&asking), 4, "not carried out on the lesson still open");
    let safety = asking.reduce(Action::LessonLoaded {
        link: link_to("safety", None),
        file: Some(file("safety")),
        progress: LessonProgress::default(),
    });
    assert_eq!((safety.tour.as_ref().unwrap().lesson.id.as_str(), step_of(&safety)), ("safety", 1));
}

#[test]
fn steps_asked_of_a_lesson_given_up_are_refused_not_carried_to_the_next() {
    let asked = Rc::new(Playground::default()).reduce(Action::OpenLesson(link_to("election", None)));
    let asked = asked.reduce(Action::HostGotoStep(3));
    // Another lesson is asked for before the first arrives: the step is refused, not taken to it.
    let other = asked.clone().reduce(Action::OpenLesson(link_to("safety", None)));
    let told: Vec<String> = other.host_refusals.iter().map(|(_, n)| n.text(Lang::En)).collect();
    assert_eq!(told, ["No lesson is open."]);
    let safety = other.reduce(Action::LessonLoaded {
        link: link_to("safety", None),
        file: Some(file("safety")),
        progress: LessonProgress::default(),
    });
    assert_eq!(step_of(&safety), 0);
    // A preset loaded instead gives the lesson up too.
    let preset = asked.reduce(Action::Resize(3));
    let told: Vec<String> = preset.host_refusals.iter().map(|(_, n)| n.text(Lang::En)).collect();
    assert_eq!(told, ["No lesson is open."]);
}

/// The election lesson at step 3, at 2× chosen by the reader, Next pressed: playing to 410 ms.
fn playing_to_step_4() -> Rc<Playground> {
    opened("election", Some(2)).reduce(Action::SetSpeed(2.0)).reduce(Action::LessonNext)
}

#[test]
fn next_gives_the_readers_speed_back_and_stops_even_when_interrupted() {
    let playing = playing_to_step_4();
    assert!(playing.speed < 0.1);
    let arrived = play_out(playing);
    assert_eq!((arrived.time_ms(), arrived.speed), (410, 2.0), "at the step, the reader's speed again");
    // Opening a menu or the shortcuts on the way changes nothing: it still stops at the step.
    let busy =
        playing_to_step_4().reduce(Action::ToggleShortcuts).reduce(Action::OpenMenu(2)).reduce(Action::CloseMenu);
    let arrived = play_out(busy);
    assert_eq!((arrived.time_ms(), arrived.speed), (410, 2.0));
    // Paused on the way, it stays paused there, at the reader's speed; Play then plays on freely.
    let paused = playing_to_step_4().reduce(Action::Frame { elapsed_ms: 50.0 }).reduce(Action::TogglePlay);
    assert!(!paused.playing && paused.time_ms() < 410 && paused.speed == 2.0);
    let free = paused.reduce(Action::TogglePlay).reduce(Action::Frame { elapsed_ms: 100.0 });
    assert!(free.playing && free.time_ms() > 410, "no stop once the reader took over: {}", free.time_ms());
    // Acting on the way makes the run the reader's: the play to the step ends there.
    let acted = playing_to_step_4().reduce(Action::Apply(raft_sim::Action::Crash { node: 1 }));
    assert!(!acted.on_lesson() && !acted.playing && acted.speed == 2.0);
}

#[test]
fn an_answer_stands_once_given() {
    let state = opened("election", Some(1)).reduce(Action::LessonAnswer(1)).reduce(Action::LessonAnswer(0));
    assert_eq!(state.tour.as_ref().unwrap().answer(), Some(1));
    assert!(state.lesson_can_go_on());
}
