//! The words of guided lessons (issue 18), in English and 中文: the picker, the lesson panel,
//! its Predict questions and what is said when a lesson cannot be shown. The lessons' own
//! texts are in their files.

use crate::i18n::Lang;

/// The lessons' fixed words in one language.
pub struct LessonTexts {
    /// Beside the picker while a lesson is open: takes the focus to its panel.
    pub go_to_lesson: &'static str,
    /// The picker's label, its tooltip and its first option.
    pub lesson: &'static str,
    pub picker_title: &'static str,
    pub choose: &'static str,
    /// Marks a lesson finished in the picker.
    pub done: &'static str,
    /// Back and Next, and their tooltips.
    pub back: &'static str,
    pub back_title: &'static str,
    pub next: &'static str,
    pub next_title: &'static str,
    /// Next is waiting for the question's answer.
    pub answer_first: &'static str,
    /// While Next plays the run to the step's moment: the words are ahead of the drawing.
    pub arriving: &'static str,
    /// The step list's label.
    pub steps: &'static str,
    /// Closes the lesson panel.
    pub close: &'static str,
    /// Before a Predict question (with its colon).
    pub predict: &'static str,
    /// Said of the right answer, and of a wrong one chosen (each with its space, if any).
    pub right: &'static str,
    pub wrong: &'static str,
    /// The run shown is no longer the lesson's, and the button that brings it back.
    pub off_track: &'static str,
    /// Play and Pause beside Back to the lesson, on a phone.
    pub play_here: &'static str,
    pub pause_here: &'static str,
    pub back_to_lesson: &'static str,
    /// The lesson's run shown before the step's moment (stepped or sought back): said around
    /// the moment shown and the step's, and the button that goes to the step's.
    pub before_step: (&'static str, &'static str, &'static str),
    pub to_step: &'static str,
    /// At the last step.
    pub finished: &'static str,
    /// A lesson could not be fetched or read (its id follows, quoted).
    pub unavailable: &'static str,
    /// A link names a lesson there is not: said before its quoted id, and after it, before
    /// the lessons' ids (an embed has no Lesson picker to point at).
    pub no_such_lesson: (&'static str, &'static str),
    /// The embedding page asked for a step with no lesson open.
    pub none_open: &'static str,
    /// On a phone, where the log table is below the step: scrolls to the entries it rings.
    pub see_ringed: &'static str,
    /// Back's tooltip at the first step, where it cannot act.
    pub first_step: &'static str,
}

const EN: LessonTexts = LessonTexts {
    go_to_lesson: "Go to the lesson",
    lesson: "Lesson",
    picker_title: "Guided walk-throughs of the paper, step by step, in English and 中文",
    choose: "Choose a lesson…",
    done: "✓",
    back: "Back",
    back_title: "The previous step (PageUp)",
    next: "Next",
    next_title: "Play on to the next step (PageDown)",
    answer_first: "Answer the question to go on.",
    arriving: "▶ Playing to this step's moment…",
    steps: "Steps",
    close: "Close the lesson",
    predict: "Predict: ",
    right: "The right answer. ",
    wrong: "Not quite. ",
    off_track: "From your action on, the run is your own; the lesson's is kept.",
    play_here: "▶ Play it",
    pause_here: "❚❚ Pause it",
    back_to_lesson: "Back to the lesson",
    before_step: ("The drawing is at ", ", before this step's moment (", "): the step tells what is still to come."),
    to_step: "To this step's moment",
    finished: "End of the lesson: the run is yours to explore.",
    unavailable: "This lesson could not be loaded: ",
    no_such_lesson: ("There is no lesson ", ". The lessons are: "),
    none_open: "No lesson is open.",
    see_ringed: "The ringed entries, in the log table ↓",
    first_step: "This is the first step.",
};

const ZH: LessonTexts = LessonTexts {
    go_to_lesson: "转到课程",
    lesson: "课程",
    picker_title: "逐步讲解论文的引导课程，中英双语",
    choose: "选择课程……",
    done: "✓",
    back: "上一步",
    back_title: "上一步（PageUp）",
    next: "下一步",
    next_title: "播放到下一步（PageDown）",
    answer_first: "回答问题后才能继续。",
    arriving: "▶ 正在播放到这一步的时刻……",
    steps: "步骤",
    close: "关闭课程",
    predict: "预测：",
    right: "正确答案。",
    wrong: "不对。",
    off_track: "从你的操作起，这是你自己的运行；课程的运行仍然保留。",
    play_here: "▶ 播放",
    pause_here: "❚❚ 暂停",
    back_to_lesson: "回到课程",
    before_step: ("画面停在 ", "，还没到这一步的时刻（", "）：这一步讲的是还没发生的事。"),
    to_step: "到这一步的时刻",
    finished: "课程结束：这次运行留给你继续探索。",
    unavailable: "无法加载此课程：",
    no_such_lesson: ("没有", "这一课。课程有："),
    none_open: "没有打开的课程。",
    see_ringed: "日志表中圈出的条目 ↓",
    first_step: "这已经是第一步。",
};

impl Lang {
    /// The lessons' fixed words.
    pub fn lesson_texts(self) -> &'static LessonTexts {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// A lesson file's text (a title, a step's words, a choice) in this language.
    pub fn said(self, text: &raft_sim::Bilingual) -> &str {
        match self {
            Lang::En => &text.en,
            Lang::Zh => &text.zh,
        }
    }

    /// "Step 2 of 5".
    pub fn lesson_step_of(self, step: usize, steps: usize) -> String {
        match self {
            Lang::En => format!("Step {step} of {steps}"),
            Lang::Zh => format!("第 {step} 步，共 {steps} 步"),
        }
    }

    /// A link's `step=` value `typed` is not a number from 1, in a lesson of `steps` steps: the
    /// lesson opens where the learner left off.
    pub fn bad_step(self, typed: &str, steps: usize) -> String {
        let typed = playground_support::quoted(typed);
        match self {
            Lang::En => format!(
                "Step {typed} is not a step: steps count from 1 to {steps}, so the lesson opens where you left off (at its first step if you never opened it)."
            ),
            // In Chinese quotation marks, as the page's other Chinese messages quote what was typed.
            Lang::Zh => format!(
                "步骤“{}”无效：步骤从 1 数到 {steps}，因此本课从你上次停下的地方打开（从未打开过则从第一步开始）。",
                &typed[1..typed.len() - 1]
            ),
        }
    }

    /// Step `asked` (from 1) was asked for, past the lesson's last of `steps`; the last is shown
    /// instead if `last_shown`.
    pub fn no_such_step(self, asked: u64, steps: usize, last_shown: bool) -> String {
        match (self, last_shown) {
            (Lang::En, true) => {
                format!("There is no step {asked}: this lesson has {steps} steps, so its last is shown.")
            }
            (Lang::En, false) => format!("There is no step {asked}: this lesson has {steps} steps."),
            (Lang::Zh, true) => format!("没有第 {asked} 步：本课共有 {steps} 步，因此显示最后一步。"),
            (Lang::Zh, false) => format!("没有第 {asked} 步：本课共有 {steps} 步。"),
        }
    }
}
