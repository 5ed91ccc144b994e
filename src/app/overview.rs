//! What was checked: the file, the planning round and board detected, and the counts in words.

use std::rc::Rc;

use yew::prelude::*;

use super::state::counts_in_words;
use crate::report::{RecognisedBy, Report, Status};

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub report: Rc<Report>,
    /// How much was checked, in words.
    #[prop_or_default]
    pub checked_in_words: String,
}

/// `25 November 2026 at 17:30, by bcf-check 0.1.0` (the browser's local time).
fn checked_when() -> String {
    format!("{}, by bcf-check {}", super::now_in_words(), env!("CARGO_PKG_VERSION"))
}

#[function_component(Overview)]
pub fn overview(props: &OverviewProps) -> Html {
    let r = &props.report;
    let result = match r.status {
        Status::Unreadable => "Could not be checked".to_string(),
        Status::Pass => "No problems found".to_string(),
        _ => {
            // "no errors, …" or a number: letters Unicode's case tables need not be loaded for.
            let mut words = counts_in_words(r);
            if let Some(first) = words.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            words
        }
    };
    let row = |key: &str, id: &str, value: String| {
        html! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{ key }</dt>
                <dd class="govuk-summary-list__value" id={id.to_string()}>{ value }</dd>
            </div>
        }
    };
    html! {
        <section class="overview" aria-labelledby="overview-heading">
            <h2 class="govuk-heading-m" id="overview-heading">{ "What was checked" }</h2>
            <dl class="govuk-summary-list">
                { row("File", "result-file", r.file.clone()) }
                { row("Planning round", "result-round", match (&r.profile, r.recognised_by) {
                    (Some(p), Some(RecognisedBy::Title)) => format!("{p} (recognised by the template's title)"),
                    (Some(p), _) => p.clone(),
                    (None, _) => "Not recognised".into(),
                }) }
                { row("How much was checked", "result-coverage", props.checked_in_words.clone()) }
                { row("Health and Wellbeing Board", "result-hwb", r.hwb.clone().unwrap_or_else(|| "Not recognised".into())) }
                { row("Result", "result-status", result) }
                // On the printed report too: when, and by which version of the checker.
                { row("Checked", "result-checked", checked_when()) }
            </dl>
            <p class="govuk-inset-text privacy">{
                if r.status == crate::report::Status::Unreadable {
                    "Your file stayed on this computer. It was not uploaded."
                } else {
                    "Your file was checked on this computer. It was not uploaded."
                }
            }</p>
        </section>
    }
}
