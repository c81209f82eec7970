//! Guided lessons (issue 18), as data: a scenario file and the steps of a walk through its
//! run, each with a title and a text in English and 中文, the moment it shows, what to
//! highlight, and optionally a question the learner answers before going on. Lesson files
//! live beside the presets (`crates/raft-web/lessons/*.json`) and are read here, by serde's
//! derives, with the scenario inside read and checked as any scenario file is.

use raft_core::NodeId;
use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;
use crate::Millis;

/// The lesson file format's version.
pub const LESSON_VERSION: u32 = 1;

/// A text in both of the page's languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilingual {
    /// English.
    pub en: String,
    /// 中文, in the seed article's vocabulary (选主, 日志复制, 任期, 心跳).
    pub zh: String,
}

/// A lesson: its id (as in `#lesson=ID`), title, the run it walks through and its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// [`LESSON_VERSION`].
    pub version: u32,
    /// Lower-case words joined by hyphens, e.g. `election`.
    pub id: String,
    /// The lesson's title.
    pub title: Bilingual,
    /// The run the steps are moments of (until a step brings a run of its own).
    #[serde(deserialize_with = "scenario_file")]
    pub scenario: Scenario,
    /// The steps, in the order of their moments.
    pub steps: Vec<Step>,
}

/// One step: a moment of the run and what to say about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The step's title.
    pub title: Bilingual,
    /// What the learner sees, and why.
    pub text: Bilingual,
    /// The moment of the run the step shows.
    pub at_ms: Millis,
    /// What to point at.
    #[serde(default, skip_serializing_if = "Highlight::is_empty")]
    pub highlight: Highlight,
    /// A question answered before the run moves on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predict: Option<Predict>,
    /// A new run, from this step on: this step's moment and the next ones are of it (a lesson
    /// that shows two stories, such as the misconceptions lesson's two broken rules).
    #[serde(default, deserialize_with = "step_scenario_file", skip_serializing_if = "Option::is_none")]
    pub scenario: Option<Box<Scenario>>,
    /// What the step offers to look for with the model checker from its moment: a goal's name
    /// as `raftsim check --goal` takes it (`split_vote`, `violation`, …). The page opens
    /// Explore with it chosen under Look for; `cargo test -p raft-sim --test lessons` checks
    /// that the name is a goal and that a search from the step reaches it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explore: Option<String>,
}

/// What a step points at: servers, a message in flight, log entries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Highlight {
    /// Servers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeId>,
    /// Messages in flight, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<u64>,
    /// Log entries, as `[server, index]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<(NodeId, u64)>,
}

impl Highlight {
    /// Whether it points at nothing.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.messages.is_empty() && self.entries.is_empty()
    }
}

/// A Predict question: two to four choices, exactly one right, each explaining itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Predict {
    /// The question.
    pub question: Bilingual,
    /// The choices, in the order shown.
    pub choices: Vec<Choice>,
}

/// One answer to a Predict question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The answer.
    pub text: Bilingual,
    /// Whether it is the right one.
    #[serde(default)]
    pub correct: bool,
    /// Why it is right, or why not.
    pub why: Bilingual,
}

/// Why a lesson file cannot be used: the field, in JSON path notation, and what is wrong, in
/// English (lesson files are the project's own, read by its tests before anyone else).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    /// The field, e.g. `steps[2].at_ms`; empty for the whole file.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LessonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for LessonError {}

fn problem(path: impl Into<String>, message: impl Into<String>) -> LessonError {
    LessonError { path: path.into(), message: message.into() }
}

impl Lesson {
    /// The run step `index` is a moment of: the latest run a step at or before it brought,
    /// else the lesson's.
    pub fn run_of(&self, index: usize) -> &Scenario {
        self.steps[..=index.min(self.steps.len().saturating_sub(1))]
            .iter()
            .rev()
            .find_map(|step| step.scenario.as_deref())
            .unwrap_or(&self.scenario)
    }

    /// Reads and checks a lesson file. Natively (the CLI, and the tests that check every
    /// lesson file) an error names the field, e.g. `steps[2].at_ms`; in the page, which reads
    /// only the project's own files, a serde error names its line and column instead, since
    /// tracking paths would stamp out a second reader of every lesson type (8 KB gzipped).
    pub fn from_json(text: &str) -> Result<Lesson, LessonError> {
        let lesson = Self::read(text)?;
        lesson.validate()?;
        Ok(lesson)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn read(text: &str) -> Result<Lesson, LessonError> {
        let mut json = serde_json::Deserializer::from_str(text);
        let lesson: Lesson = serde_path_to_error::deserialize(&mut json).map_err(|e| {
            let (path, message) = (e.path().to_string(), e.inner().to_string());
            // A scenario's own error names its field inside the scenario: joined to the path.
            match message.strip_prefix(NESTED).and_then(|nested| nested.split_once(NESTED)) {
                Some(("", message)) => problem(path, message),
                Some((inner, message)) => problem(format!("{path}.{inner}"), message),
                None => problem(path.trim_start_matches('.'), message),
            }
        })?;
        json.end().map_err(|e| problem("", e.to_string()))?;
        Ok(lesson)
    }

    #[cfg(target_arch = "wasm32")]
    fn read(text: &str) -> Result<Lesson, LessonError> {
        serde_json::from_str(text).map_err(|e| problem("", e.to_string()))
    }

    /// Checks what the format cannot: the version, the id, the scenario (as a scenario file
    /// is checked), the steps' moments (in order, within the run) and what they point at,
    /// every text in both languages, and each question's choices.
    pub fn validate(&self) -> Result<(), LessonError> {
        if self.version != LESSON_VERSION {
            return Err(problem("version", format!("lesson files are version {LESSON_VERSION}")));
        }
        let id_ok = !self.id.is_empty()
            && self.id.split('-').all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()));
        if !id_ok {
            return Err(problem("id", "lower-case words joined by hyphens, e.g. \"election\""));
        }
        texts("title", &self.title)?;
        checked_run("scenario", &self.scenario)?;
        if self.steps.is_empty() {
            return Err(problem("steps", "a lesson has at least one step"));
        }
        let mut until = self.scenario.until_ms;
        let mut previous = 0;
        for (i, step) in self.steps.iter().enumerate() {
            let path = format!("steps[{i}]");
            if let Some(run) = &step.scenario {
                checked_run(&format!("{path}.scenario"), run)?;
                (until, previous) = (run.until_ms, 0);
            }
            texts(&format!("{path}.title"), &step.title)?;
            texts(&format!("{path}.text"), &step.text)?;
            if step.at_ms < previous || until.is_some_and(|until| step.at_ms > until) {
                return Err(problem(format!("{path}.at_ms"), "steps go forward in time, within the run's until_ms"));
            }
            previous = step.at_ms;
            let servers = 1..=crate::MAX_NODES;
            let bad_node = step.highlight.nodes.iter().chain(step.highlight.entries.iter().map(|(node, _)| node));
            if let Some(node) = bad_node.into_iter().find(|node| !servers.contains(*node)) {
                return Err(problem(format!("{path}.highlight"), format!("server {node} does not exist")));
            }
            if let Some(predict) = &step.predict {
                predict.validate(&format!("{path}.predict"))?;
            }
        }
        Ok(())
    }
}

impl Predict {
    fn validate(&self, path: &str) -> Result<(), LessonError> {
        texts(&format!("{path}.question"), &self.question)?;
        if !(2..=4).contains(&self.choices.len()) {
            return Err(problem(format!("{path}.choices"), "two to four choices"));
        }
        if self.choices.iter().filter(|choice| choice.correct).count() != 1 {
            return Err(problem(format!("{path}.choices"), "exactly one choice is correct"));
        }
        for (i, choice) in self.choices.iter().enumerate() {
            texts(&format!("{path}.choices[{i}].text"), &choice.text)?;
            texts(&format!("{path}.choices[{i}].why"), &choice.why)?;
        }
        Ok(())
    }
}

/// Marks a scenario's own error inside a lesson's: `NESTED path NESTED problem`.
const NESTED: char = '\u{1}';

/// A lesson's scenario, read as its text by the scenario file's own reader ([`Scenario::from_json`]):
/// one reader of scenarios in a program, not a second one stamped out for lessons (it would
/// weigh 10 KB in the page).
fn scenario_file<'de, D: serde::Deserializer<'de>>(json: D) -> Result<Scenario, D::Error> {
    let text = <Box<serde_json::value::RawValue>>::deserialize(json)?;
    Scenario::from_json(text.get())
        .map_err(|e| serde::de::Error::custom(format!("{NESTED}{}{NESTED}{}", e.path, e.problem)))
}

/// A step's run of its own, read as [`scenario_file`] reads the lesson's.
fn step_scenario_file<'de, D: serde::Deserializer<'de>>(json: D) -> Result<Option<Box<Scenario>>, D::Error> {
    scenario_file(json).map(|scenario| Some(Box::new(scenario)))
}

/// `run` checked as a scenario file is, its errors' paths under `path`.
fn checked_run(path: &str, run: &Scenario) -> Result<(), LessonError> {
    run.validate().map_err(|e| {
        let at = if e.path.is_empty() { path.to_owned() } else { format!("{path}.{}", e.path) };
        problem(at, e.problem.to_string())
    })
}

/// Both languages say something.
fn texts(path: &str, text: &Bilingual) -> Result<(), LessonError> {
    for (language, said) in [("en", &text.en), ("zh", &text.zh)] {
        if said.trim().is_empty() {
            return Err(problem(format!("{path}.{language}"), "empty"));
        }
    }
    Ok(())
}
