//! Lesson files (issue 18) as the format reads them: a broken file is refused with the path of
//! what is wrong, in both the serde layer and the checks after it.

use raft_scenario::Lesson;

/// The election lesson with `edit` applied to its JSON.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut lesson: serde_json::Value =
        serde_json::from_str(include_str!("../../raft-web/lessons/election.json")).unwrap();
    edit(&mut lesson);
    lesson.to_string()
}

fn refused(text: &str) -> String {
    Lesson::from_json(text).expect_err("refused").to_string()
}

#[test]
fn the_election_lesson_reads_and_writes_back_the_same() {
    let lesson = Lesson::from_json(include_str!("../../raft-web/lessons/election.json")).unwrap();
    assert_eq!(lesson.id, "election");
    let again = Lesson::from_json(&serde_json::to_string(&lesson).unwrap()).unwrap();
    assert_eq!(again, lesson);
}

#[test]
fn a_broken_lesson_is_refused_with_the_path_of_what_is_wrong() {
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: [(Edit, &str); 8] = [
        (
            Box::new(|l| l["steps"][1]["predict"]["choices"][0]["correct"] = true.into()),
            "steps[1].predict.choices: exactly one",
        ),
        (Box::new(|l| l["steps"][1]["predict"]["choices"].as_array_mut().unwrap().truncate(1)), "two to four"),
        (Box::new(|l| l["steps"][2]["at_ms"] = 10.into()), "steps[2].at_ms"),
        (Box::new(|l| l["steps"][4]["at_ms"] = 5000.into()), "steps[4].at_ms"),
        (Box::new(|l| l["steps"][0]["text"]["zh"] = "  ".into()), "steps[0].text.zh: empty"),
        (Box::new(|l| l["steps"][0]["highlight"]["nodes"] = serde_json::json!([12])), "steps[0].highlight: server 12"),
        (Box::new(|l| l["steps"][0]["colour"] = "red".into()), "steps[0].colour: unknown field `colour`"),
        (Box::new(|l| l["scenario"]["nodes"] = 12.into()), "scenario.nodes"),
    ];
    for (edit, expected) in cases {
        let message = refused(&edited(edit));
        assert!(message.contains(expected), "{message:?} should say {expected:?}");
    }
    assert!(refused(&edited(|l| l["id"] = "Election!".into())).starts_with("id:"));
    assert!(refused(&edited(|l| l["version"] = 2.into())).starts_with("version:"));
    assert!(refused("{\"version\": 1,").contains("EOF"), "not JSON");
}

#[test]
fn a_step_may_bring_a_run_of_its_own_checked_as_any_scenario() {
    let text = include_str!("../../raft-web/lessons/misconceptions.json");
    let lesson = Lesson::from_json(text).unwrap();
    assert_eq!((lesson.run_of(2), lesson.run_of(5)), (&lesson.scenario, lesson.steps[3].scenario.as_deref().unwrap()));
    // With the second run, time starts again; without it, a step may not go back.
    let mut earlier: serde_json::Value = serde_json::from_str(text).unwrap();
    earlier["steps"][3]["at_ms"] = 0.into();
    assert!(Lesson::from_json(&earlier.to_string()).is_ok());
    earlier["steps"][3].as_object_mut().unwrap().remove("scenario");
    let message = Lesson::from_json(&earlier.to_string()).expect_err("refused").to_string();
    assert!(message.starts_with("steps[3].at_ms"), "{message}");
    let mut broken: serde_json::Value = serde_json::from_str(text).unwrap();
    broken["steps"][3]["scenario"]["nodes"] = 12.into();
    let message = Lesson::from_json(&broken.to_string()).expect_err("refused").to_string();
    assert!(message.starts_with("steps[3].scenario.nodes"), "{message}");
}
