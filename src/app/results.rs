//! The report: a summary of what was found, then every finding with its cell and how to fix it.

use std::rc::Rc;

use yew::prelude::*;

use crate::report::{Report, Status};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub report: Rc<Report>,
    pub on_reset: Callback<()>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let r = &props.report;
    let heading = match r.status {
        Status::Unreadable => "Your file could not be checked".to_string(),
        Status::Pass => "No problems found".to_string(),
        _ => format!("We found {}", crate::report::summary(r)),
    };
    let on_reset = {
        let cb = props.on_reset.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading" class="govuk-heading-m">{ heading }</h2>
            <dl class="govuk-summary-list">
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{ "File" }</dt>
                    <dd class="govuk-summary-list__value" id="result-file">{ &r.file }</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{ "Planning round" }</dt>
                    <dd class="govuk-summary-list__value" id="result-round">{ r.profile.clone().unwrap_or_else(|| "Not recognised".into()) }</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{ "Health and Wellbeing Board" }</dt>
                    <dd class="govuk-summary-list__value" id="result-hwb">{ r.hwb.clone().unwrap_or_else(|| "Not recognised".into()) }</dd>
                </div>
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{ "Result" }</dt>
                    <dd class="govuk-summary-list__value" id="result-status">{ crate::report::summary(r) }</dd>
                </div>
            </dl>
            if !r.findings.is_empty() {
                <table class="govuk-table" id="findings">
                    <caption class="govuk-table__caption govuk-table__caption--m">{ "Problems found" }</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">{ "Where" }</th>
                            <th scope="col" class="govuk-table__header">{ "Problem" }</th>
                            <th scope="col" class="govuk-table__header">{ "How to fix it" }</th>
                            <th scope="col" class="govuk-table__header">{ "Severity" }</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        { for r.findings.iter().map(|f| {
                            let place = match (&f.sheet, &f.cell) {
                                (Some(s), Some(c)) => format!("{s}!{c}"),
                                (Some(s), None) => s.clone(),
                                _ => "Whole file".to_string(),
                            };
                            html! {
                                <tr class="govuk-table__row" data-rule={f.rule.clone()}>
                                    <td class="govuk-table__cell">{ place }</td>
                                    <td class="govuk-table__cell">{ &f.message }</td>
                                    <td class="govuk-table__cell">{ &f.hint }</td>
                                    <td class="govuk-table__cell"><strong class={classes!("tag", format!("tag--{}", f.severity.as_str()))}>{ f.severity.as_str() }</strong></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
            <button type="button" class="govuk-button govuk-button--secondary" id="check-another" onclick={on_reset}>
                { "Check another file" }
            </button>
        </section>
    }
}
