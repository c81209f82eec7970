//! The five safety properties of the paper's Figure 3 and membership's one change at a time,
//! each green, or red with what broke.

use raft_sim::{Property, Violation};
use yew::prelude::*;

use crate::components::timeline::format_time;
use crate::i18n::Lang;

/// What [`invariant_bar`] draws. (`Properties` so that a test can show it on its own.)
#[derive(Properties, PartialEq)]
pub struct InvariantBarProps {
    /// Violations found so far (none in a correct Raft).
    pub violations: Vec<Violation>,
    /// Jump to the violation was chosen: go to its moment.
    pub on_seek: Callback<raft_sim::Millis>,
}

/// One badge per property. Checked after every event of the run.
pub fn invariant_bar(lang: Lang, props: &InvariantBarProps) -> Html {
    html! {
        <ul class="invariants" aria-label={lang.texts().invariants}>
            { for Property::ALL.iter().map(|&property| {
                let broken = props.violations.iter().find(|v| v.property == property);
                let name = serde_name(property);
                let title = match broken {
                    Some(v) => format!("{}: {}", lang.property(property), lang.broken_at(&format_time(lang, v.at_ms), &lang.breach(&v.detail))),
                    None => format!("{}: {}", lang.property(property), lang.texts().holds),
                };
                html! {
                    <li class={if broken.is_some() { "invariants__item invariants__item--broken" } else { "invariants__item invariants__item--ok" }}
                        data-invariant={name} data-ok={broken.is_none().to_string()} {title}>
                        <span aria-hidden="true">{ if broken.is_some() { "✗ " } else { "✓ " } }</span>
                        { lang.property(property) }
                        if let Some(v) = broken {
                            <span class="invariants__detail">{ format!(" — {}", lang.broken_at(&format_time(lang, v.at_ms), &lang.breach(&v.detail))) }</span>
                            <button type="button" class="invariants__jump" onclick={props.on_seek.reform({ let at = v.at_ms; move |_: MouseEvent| at })}>
                                { lang.texts().jump_to_violation }
                            </button>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}

/// The property's snake_case name, as in reports: `election_safety`.
fn serde_name(property: Property) -> &'static str {
    match property {
        Property::ElectionSafety => "election_safety",
        Property::LeaderAppendOnly => "leader_append_only",
        Property::LogMatching => "log_matching",
        Property::LeaderCompleteness => "leader_completeness",
        Property::StateMachineSafety => "state_machine_safety",
        Property::OneChangeAtATime => "one_change_at_a_time",
    }
}
