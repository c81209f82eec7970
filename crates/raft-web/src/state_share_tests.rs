//! The reducer's share-link, embed and title behaviour (native tests of `state.rs`).

use std::rc::Rc;

use raft_sim::{Action as SimAction, LinkError};
use yew::Reducible;

use crate::i18n::Lang;
use crate::state::{Action, Notice, Playground, HOST_REFUSALS_KEPT};

const PINNED: &str = include_str!("../../raft-sim/tests/golden/link_v1.txt");
const PINNED_HASH: &str = include_str!("../../raft-sim/tests/golden/link_v1.hash");

fn played(ms: f64) -> Rc<Playground> {
    let state = Rc::new(Playground::default()).reduce(Action::SetSpeed(1.0));
    let state = state.reduce(Action::SetPlaying(true));
    let mut state = state;
    for _ in 0..(ms / 100.0) as usize {
        state = state.reduce(Action::Frame { elapsed_ms: 100.0 });
    }
    state.reduce(Action::SetPlaying(false))
}

#[test]
fn a_link_opens_paused_at_its_moment_with_the_cli_trace_hash() {
    let state = Playground::from_fragment(&format!("#{}", PINNED.trim()));
    assert_eq!((state.time_ms(), state.playing, state.notice.clone()), (1500, false, None));
    assert_eq!(state.trace_hash(), PINNED_HASH.trim());
    assert_eq!(state.scenario_info(Lang::En).0.as_deref(), Some("Pinned <b>link</b> 选主"), "a title is plain text");
}

#[test]
fn the_page_state_survives_a_round_trip_through_its_link() {
    let mut state = played(1_200.0);
    state = state.reduce(Action::Apply(SimAction::Crash { node: 2 }));
    state = state.reduce(Action::SetInfo { title: "  Crash two  ".into(), description: String::new() });
    state = state.reduce(Action::Seek(900)).reduce(Action::Seek(1_100));
    let reopened = Playground::from_fragment(&state.share_fragment(Lang::En).unwrap());
    assert_eq!((reopened.time_ms(), reopened.trace_hash()), (state.time_ms(), state.trace_hash()));
    assert_eq!(
        reopened.shown_info(Lang::En),
        ("Crash two".to_owned(), String::new()),
        "titles are trimmed and carried"
    );
}

#[test]
fn a_bad_link_shows_the_default_cluster_and_names_the_problem() {
    let state = Playground::from_fragment("#s=2.abc&t=5");
    assert_eq!(state.notice, Some(Notice::BadLink(LinkError::NewerVersion(2))));
    assert_eq!((state.cluster_size(), state.time_ms()), (5, 0));
    assert!(state.notice.unwrap().text(Lang::En).starts_with("This link could not be opened"));
    assert!(Playground::from_fragment("").notice.is_none(), "no fragment, no notice");
    // The bad character is named with its place after `s=`, counting from 1, in both languages;
    // Chinese puts no space after its colon.
    let opened = Playground::from_fragment("#s=1.A!AA&t=0");
    assert!(matches!(opened.host_refusals[..], [(0, Notice::BadLink(LinkError::BadCharacter { position: 4, .. }))]));
    let damaged = opened.notice.unwrap();
    assert_eq!(
        damaged.text(Lang::En),
        "This link could not be opened, so the default cluster is shown: the link is damaged: \"!\", character 4 \
         after s=, is not a base64url character"
    );
    assert_eq!(
        damaged.text(Lang::Zh),
        "无法打开这个链接，因此显示默认集群：链接已损坏：“s=”之后的第 4 个字符“!”不是 base64url 字符"
    );
}

#[test]
fn opening_a_link_over_a_run_replaces_it_and_a_bad_one_keeps_it() {
    let state = played(600.0);
    let kept = state.clone().reduce(Action::OpenLink("#s=1.!!!&t=0".into()));
    assert!(matches!(kept.notice, Some(Notice::BadPastedLink(LinkError::BadCharacter { .. }))));
    assert!(matches!(kept.host_refusals[..], [(_, Notice::BadPastedLink(_))]), "an embed's host is told too");
    assert!(kept
        .notice
        .clone()
        .unwrap()
        .text(Lang::En)
        .starts_with("This link could not be opened, so the run is kept"));
    assert_eq!(kept.time_ms(), state.time_ms());
    let opened = state.reduce(Action::OpenLink(PINNED.trim().into()));
    assert_eq!((opened.cluster_size(), opened.time_ms()), (3, 1500));
}

#[test]
fn a_host_can_aim_an_action_at_the_leader() {
    let state = Rc::new(Playground::default());
    let refused = state.reduce(Action::HostAct { action: SimAction::Crash { node: 0 }, on_leader: true });
    assert_eq!(refused.notice, Some(Notice::NoLeader));
    assert_eq!(refused.host_refusals, vec![(refused.revision, Notice::NoLeader)], "told to the host once");
    let again = refused.clone().reduce(Action::HostAct { action: SimAction::Crash { node: 0 }, on_leader: true });
    // A second refusal is a new one, kept beside the first: both are told even when the page
    // is not redrawn between them (commands posted while the page loaded).
    let revisions: Vec<u64> = again.host_refusals.iter().map(|(revision, _)| *revision).collect();
    assert_eq!(revisions, vec![refused.revision, again.revision]);
    let local = again.clone().reduce(Action::Apply(SimAction::Restart { node: 1 }));
    assert_eq!(local.host_refusals, again.host_refusals, "the user's own refusals are not the host's business");
    let mut many = local.clone();
    for _ in 0..HOST_REFUSALS_KEPT + 3 {
        many = many.reduce(Action::HostGotoStep(1));
    }
    assert_eq!(many.host_refusals.len(), HOST_REFUSALS_KEPT, "only the latest are kept");
    assert_eq!(many.host_refusals.last().map(|(revision, _)| *revision), Some(many.revision));
    let state = played(2_000.0);
    let leader = state.leader().expect("a leader after 2 s");
    let state = state.reduce(Action::HostAct { action: SimAction::Crash { node: 0 }, on_leader: true });
    assert!(!state.view().nodes[leader as usize - 1].up);
    assert_eq!(state.leader(), None);
}

#[test]
fn every_change_but_time_passing_bumps_the_revision() {
    let state = Rc::new(Playground::default());
    let playing = state.clone().reduce(Action::SetPlaying(true));
    let later = playing.clone().reduce(Action::Frame { elapsed_ms: 50.0 });
    assert_eq!((playing.revision, later.revision), (state.revision + 1, playing.revision));
}

#[test]
fn a_preset_shared_from_the_chinese_page_carries_the_words_its_sharer_reads() {
    let shown =
        Rc::new(Playground::default()).reduce(Action::LoadPreset(crate::presets::PresetFiles::from_disk("figure-7")));
    let (title_zh, description_zh) = shown.shown_info(Lang::Zh);
    assert!(
        title_zh.contains("图 7") || title_zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{title_zh}"
    );
    let in_chinese = Playground::from_fragment(&shown.share_fragment(Lang::Zh).unwrap());
    assert_eq!(in_chinese.shown_info(Lang::En), (title_zh, description_zh));
    let in_english = Playground::from_fragment(&shown.share_fragment(Lang::En).unwrap());
    assert_eq!(in_english.shown_info(Lang::En), shown.shown_info(Lang::En));
    assert!(in_english.shown_info(Lang::En).0.starts_with("Figure 7"));
    // The run is the same whichever words it carries.
    assert_eq!(in_chinese.trace_hash(), in_english.trace_hash());
    // Words the user wrote are theirs, in any language.
    let titled = shown.reduce(Action::SetInfo { title: "Mine".into(), description: String::new() });
    let reopened = Playground::from_fragment(&titled.share_fragment(Lang::Zh).unwrap());
    assert_eq!(reopened.shown_info(Lang::Zh).0, "Mine");
}

#[test]
fn a_link_whose_moment_alone_is_wrong_opens_its_run_from_0_and_says_why() {
    let good =
        Playground::from_fragment(&format!("#{}", include_str!("../../raft-sim/tests/golden/link_v1.txt").trim()));
    assert_eq!(good.notice, None);
    let fragment = good.share_fragment(Lang::En).unwrap();
    let payload = fragment.split('&').next().unwrap();
    for moment in ["&t=soon", "", "&t=99999999", "&t=-5"] {
        let state = Playground::from_fragment(&format!("#{payload}{moment}"));
        assert!(matches!(state.notice, Some(Notice::BadLinkMoment(_))), "{moment}: {:?}", state.notice);
        assert!(matches!(state.host_refusals[..], [(0, Notice::BadLinkMoment(_))]));
        assert_eq!((state.cluster_size(), state.time_ms()), (3, 0), "{moment}: the link's own run, at 0");
        assert_eq!(state.trace_hash(), Playground::from_fragment(&format!("#{payload}&t=0")).trace_hash());
        let said = state.notice.as_ref().unwrap().text(Lang::Zh);
        assert!(said.starts_with("无法使用这个链接的时刻，因此从时刻 0 开始显示它的运行："), "{said}");
    }
    // A broken run is still refused whole, whatever its moment.
    let broken = Playground::from_fragment("#s=1.A!AA&t=soon");
    assert!(matches!(broken.notice, Some(Notice::BadLink(LinkError::BadCharacter { position: 4, .. }))));
}

#[test]
fn a_pasted_link_whose_moment_alone_is_wrong_opens_its_run_from_0_too() {
    let good =
        Playground::from_fragment(&format!("#{}", include_str!("../../raft-sim/tests/golden/link_v1.txt").trim()));
    let payload = good.share_fragment(Lang::En).unwrap().split('&').next().unwrap().to_owned();
    let pasted =
        Rc::new(Playground::default()).reduce(Action::OpenLink(format!("https://x.org/raft/#{payload}&t=later")));
    assert!(matches!(pasted.notice, Some(Notice::BadLinkMoment(LinkError::BadTime(_)))), "{:?}", pasted.notice);
    assert_eq!((pasted.cluster_size(), pasted.time_ms()), (3, 0));
    assert!(matches!(pasted.host_refusals.last(), Some((_, Notice::BadLinkMoment(_)))));
}

#[test]
fn a_link_too_busy_to_reach_its_moment_opens_its_run_from_0() {
    // Nine servers with 2–3 ms election timeouts and 1 ms heartbeats, an hour in: far more
    // events than the replay budget.
    let mut busy = raft_sim::Scenario::new(5);
    busy.nodes = 9;
    busy.options.election_timeout_ms = [2, 3];
    busy.options.heartbeat_ms = 1;
    busy.options.latency_ms = [1, 1];
    let link = raft_sim::ShareLink { scenario: busy, time_ms: raft_sim::MAX_LINK_TIME_MS }.fragment().unwrap();
    let state = Playground::from_fragment(&link);
    assert!(matches!(state.notice, Some(Notice::BadLinkMoment(LinkError::TooBusy { .. }))), "{:?}", state.notice);
    assert_eq!((state.cluster_size(), state.time_ms()), (9, 0));
}
