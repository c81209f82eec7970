//! Guided lessons (issue 18) on the page: which lessons there are, where their files are, the
//! `#lesson=ID&step=K` links that open one at a step, and the progress remembered for each.
//!
//! A lesson is a file under `lessons/` (see `raft_sim::Lesson`), copied next to the page by
//! Trunk and fetched when it is opened, as a preset is: the page carries only this list.

/// A lesson the picker lists: its id and its title in both languages (its file's, which a test
/// keeps equal).
pub struct LessonEntry {
    /// As in `#lesson=ID` and the file's name.
    pub id: &'static str,
    /// The title in English.
    pub en: &'static str,
    /// The title in 中文.
    pub zh: &'static str,
}

/// Every lesson, in the order the picker lists them: the paper's, then beyond it.
pub const LESSONS: [LessonEntry; 14] = [
    LessonEntry { id: "replicated-state-machine", en: "A replicated state machine", zh: "复制状态机" },
    LessonEntry { id: "election", en: "Leader election", zh: "选主" },
    LessonEntry { id: "replication", en: "Log replication", zh: "日志复制" },
    LessonEntry { id: "crashes", en: "Crashes and the logs they leave", zh: "宕机及其留下的日志" },
    LessonEntry {
        id: "timing", en: "Timing: an election needs a fast network", zh: "时间：选主需要足够快的网络"
    },
    LessonEntry {
        id: "safety",
        en: "Safety: why a leader commits only its own term's entries",
        zh: "安全性：为什么领导者只提交自己任期的条目",
    },
    LessonEntry { id: "misconceptions", en: "Two rules that sound right", zh: "常见误解" },
    LessonEntry {
        id: "pre-vote",
        en: "PreVote: a lost server does not depose a good leader",
        zh: "预投票（PreVote）：掉队的服务器不会推翻正常的领导者",
    },
    LessonEntry {
        id: "check-quorum",
        en: "CheckQuorum: a leader that cannot reach a majority steps down",
        zh: "CheckQuorum：联系不上多数派的领导者主动退位",
    },
    LessonEntry { id: "leadership-transfer", en: "Leadership transfer", zh: "领导权转移" },
    LessonEntry {
        id: "membership",
        en: "Membership changes: adding servers one at a time",
        zh: "成员变更：一次添加一台服务器",
    },
    LessonEntry {
        id: "snapshots", en: "Snapshots: a log that does not grow forever", zh: "快照：不会无限增长的日志"
    },
    LessonEntry { id: "pipelining", en: "Pipelining and flow control", zh: "流水线复制与流量控制" },
    LessonEntry { id: "reads", en: "Linearizable reads", zh: "线性一致的读" },
];

/// The lesson with this id.
pub fn lesson_entry(id: &str) -> Option<&'static LessonEntry> {
    LESSONS.iter().find(|lesson| lesson.id == id)
}

/// Where the page finds a lesson's file, relative to the page.
pub fn lesson_url(id: &str) -> String {
    format!("lessons/{id}.json")
}

/// A link to a lesson's step: `lesson=ID&step=K`, steps counting from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonLink {
    /// The lesson's id (not checked against [`LESSONS`] here: an unknown one is told when it
    /// cannot be fetched).
    pub id: String,
    /// The step, counting from 0; `None` resumes where the learner left off.
    pub step: Option<usize>,
    /// A `step=` value that is not a number from 1, as written: the lesson opens where the
    /// learner left off, and a notice says why.
    pub refused_step: Option<String>,
}

impl LessonLink {
    /// Reads `lesson=ID[&step=K]` from a URL's fragment or query (with or without its `#` or
    /// `?`; other parameters are ignored). `None` if it names no lesson. A step that is not a
    /// number from 1 is kept aside as written, so the lesson still opens and says so.
    pub fn parse(text: &str) -> Option<LessonLink> {
        let mut id = None;
        let (mut step, mut refused_step) = (None, None);
        for pair in text.trim_start_matches(['#', '?']).split('&') {
            match pair.split_once('=') {
                Some(("lesson", value)) if !value.is_empty() => id = Some(value.to_owned()),
                Some(("step", value)) => match value.parse::<usize>().ok().and_then(|k| k.checked_sub(1)) {
                    Some(k) => (step, refused_step) = (Some(k), None),
                    None => (step, refused_step) = (None, Some(value.to_owned())),
                },
                _ => {}
            }
        }
        Some(LessonLink { id: id?, step, refused_step })
    }

    /// A link to lesson `id` where the learner left off.
    pub fn to(id: String) -> LessonLink {
        LessonLink { id, step: None, refused_step: None }
    }

    /// The fragment (without `#`) that opens lesson `id` at step `step` (counting from 0).
    pub fn fragment(id: &str, step: usize) -> String {
        format!("lesson={id}&step={}", step + 1)
    }
}

/// What the page remembers of one lesson: the step the learner was at, whether the last step
/// was reached, and the choice picked at each step's question.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LessonProgress {
    /// The step last shown, counting from 0.
    pub step: usize,
    /// Whether the last step has been reached.
    pub done: bool,
    /// The choice picked at each step, by step index (`None`: not answered, or no question).
    pub answers: Vec<Option<usize>>,
}

impl LessonProgress {
    /// As stored: `step;done;answers`, e.g. `3;0;-,1,-` (counting from 0; `-` not answered).
    pub fn to_text(&self) -> String {
        let answers: Vec<String> = self
            .answers
            .iter()
            .map(|answer| answer.map_or_else(|| "-".to_owned(), |choice| choice.to_string()))
            .collect();
        format!("{};{};{}", self.step, u8::from(self.done), answers.join(","))
    }

    /// Reads what [`LessonProgress::to_text`] wrote; `None` if it is not that.
    pub fn from_text(text: &str) -> Option<LessonProgress> {
        let mut fields = text.split(';');
        let step = fields.next()?.parse().ok()?;
        let done = fields.next()? == "1";
        let answers = match fields.next()? {
            "" => Vec::new(),
            list => list.split(',').map(|answer| answer.parse().ok()).collect(),
        };
        Some(LessonProgress { step, done, answers })
    }
}

/// Where this browser keeps lesson `id`'s progress.
fn progress_key(id: &str) -> String {
    format!("raft-playground.lesson.{id}")
}

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// Lesson `id`'s progress stored in this browser (none yet, if storage is refused or garbled).
pub fn stored_progress(id: &str) -> LessonProgress {
    let text = storage().and_then(|storage| storage.get_item(&progress_key(id)).ok().flatten());
    text.and_then(|text| LessonProgress::from_text(&text)).unwrap_or_default()
}

/// Remembers lesson `id`'s progress; a browser that refuses storage just forgets.
pub fn store_progress(id: &str, progress: &LessonProgress) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&progress_key(id), &progress.to_text());
    }
}

/// The lessons this browser has been through to their last step.
pub fn finished_lessons() -> Vec<&'static str> {
    LESSONS.iter().map(|lesson| lesson.id).filter(|id| stored_progress(id).done).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lesson_links_are_read_and_written() {
        let link = LessonLink::parse("#lesson=election&step=3").unwrap();
        assert_eq!(link, LessonLink { id: "election".into(), step: Some(2), refused_step: None });
        assert_eq!(LessonLink::fragment("election", 2), "lesson=election&step=3");
        assert_eq!(LessonLink::parse("?embed&lesson=safety").unwrap(), LessonLink::to("safety".into()));
        let zero = LessonLink::parse("lesson=safety&step=0").unwrap();
        assert_eq!((zero.step, zero.refused_step.as_deref()), (None, Some("0")), "steps count from 1");
        let two = LessonLink::parse("lesson=safety&step=two").unwrap();
        assert_eq!((two.step, two.refused_step.as_deref()), (None, Some("two")));
        assert_eq!(LessonLink::parse("#v1.abc"), None, "a share link is not a lesson link");
        assert_eq!(LessonLink::parse("lesson=&step=2"), None);
    }

    /// Every listed lesson, read from its file.
    fn every_lesson() -> impl Iterator<Item = (&'static LessonEntry, raft_sim::Lesson)> {
        LESSONS.iter().map(|entry| {
            let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), lesson_url(entry.id));
            let text = std::fs::read_to_string(path).unwrap();
            (entry, raft_sim::Lesson::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", entry.id)))
        })
    }

    #[test]
    fn every_lesson_file_is_listed_with_its_titles() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let mut files: Vec<String> = std::fs::read_dir(format!("{folder}lessons"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().trim_end_matches(".json").to_owned())
            .collect();
        files.sort();
        let mut listed: Vec<String> = LESSONS.iter().map(|lesson| lesson.id.to_owned()).collect();
        listed.sort();
        assert_eq!(files, listed, "every file under lessons/ is in LESSONS, and nothing else");
        for (entry, lesson) in every_lesson() {
            assert_eq!(
                (lesson.id.as_str(), lesson.title.en.as_str(), lesson.title.zh.as_str()),
                (entry.id, entry.en, entry.zh)
            );
        }
    }

    #[test]
    fn the_right_answer_is_not_where_a_guess_would_look() {
        let mut places = [0; 4];
        for (_, lesson) in every_lesson() {
            for predict in lesson.steps.iter().filter_map(|step| step.predict.as_ref()) {
                places[predict.choices.iter().position(|choice| choice.correct).unwrap()] += 1;
            }
        }
        let questions: usize = places.iter().sum();
        assert!(questions >= 10, "{places:?}");
        assert!(places.iter().all(|&here| here * 2 < questions), "no place holds half the right answers: {places:?}");
    }

    #[test]
    fn progress_reads_what_it_wrote_and_refuses_what_it_did_not() {
        let progress = LessonProgress { step: 3, done: true, answers: vec![None, Some(1), None] };
        assert_eq!(progress.to_text(), "3;1;-,1,-");
        assert_eq!(LessonProgress::from_text(&progress.to_text()), Some(progress));
        assert_eq!(LessonProgress::from_text("0;0;"), Some(LessonProgress::default()));
        for garbled in ["", "x;0;", "3;1", "{\"step\":2}"] {
            assert_eq!(LessonProgress::from_text(garbled), None, "{garbled}");
        }
    }
}
