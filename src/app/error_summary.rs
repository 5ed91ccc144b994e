//! "There is a problem": a summary that takes focus after a check and links to each group.
//! With warnings only, a plainer summary says there are no errors; when nothing was found, a
//! confirmation panel takes its place (and the focus).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::state::{problem_id, Group};
use crate::catalogue::fix_first_rank;
use crate::check::Checked;
use crate::report::{Finding, Severity, Status};

/// How many problems the summary names; the rest are found through their sheets.
const LISTED: usize = 10;

/// Where a finding is, as the summary names it.
fn place(f: &Finding) -> String {
    match (&f.sheet, &f.cell) {
        (Some(sheet), Some(cell)) => format!("{sheet}!{cell}"),
        (Some(sheet), None) => sheet.clone(),
        _ => "Your file".to_string(),
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub checked: Rc<Checked>,
    pub groups: Vec<Group>,
    pub checks: u32,
}

#[function_component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.checks, move |_| {
            if let Some(element) = node.cast::<HtmlElement>() {
                let _ = element.focus();
            }
        });
    }
    let report = &props.checked.report;
    if report.findings.is_empty() {
        return html! {
            <div class="govuk-panel govuk-panel--confirmation" id="summary" tabindex="-1" ref={node}>
                <h2 class="govuk-panel__title">{ "No problems found" }</h2>
                <div class="govuk-panel__body">{ "Your plan passed every check this tool makes." }</div>
            </div>
        };
    }
    // The problems themselves, most serious first and, among those, in the order to fix them;
    // then every sheet with problems, to find the rest.
    let worst = if report.counts.error > 0 { Severity::Error } else { Severity::Warning };
    let mut first: Vec<(usize, &Finding)> =
        report.findings.iter().enumerate().filter(|(_, f)| f.severity == worst).collect();
    first.sort_by_key(|(number, f)| (fix_first_rank(&f.rule), *number));
    let more = first.len().saturating_sub(LISTED);
    first.truncate(LISTED);
    let problems = html! {
        <ul class="govuk-list govuk-error-summary__list" id="summary-problems">
            { for first.iter().map(|(number, f)| {
                let id = problem_id(*number);
                // The row takes the focus, as the design system's summary does for a field, so
                // that a screen reader reads the problem and the keyboard carries on from it.
                let onclick = {
                    let id = id.clone();
                    Callback::from(move |_: MouseEvent| {
                        let row = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
                        if let Some(row) = row.and_then(|r| r.dyn_into::<HtmlElement>().ok()) {
                            let _ = row.focus();
                        }
                    })
                };
                html! {
                    <li><a href={format!("#{id}")} {onclick}>{ format!("{}: {}", place(f), f.message) }</a></li>
                }
            }) }
        </ul>
    };
    let more = (more > 0).then(|| {
        let what = if worst == Severity::Error { "error" } else { "warning" };
        html! { <p class="govuk-body">{ format!("There {} {more} more {what}{}. Every problem, by sheet:", if more == 1 { "is" } else { "are" }, if more == 1 { "" } else { "s" }) }</p> }
    });
    let links = html! {
        <>
            { problems }
            { for more }
            <ul class="govuk-list govuk-error-summary__list" id="summary-sheets">
                { for props.groups.iter().filter(|g| g.has_problems()).map(|g| html! {
                    <li><a href={format!("#{}", g.id)}>{ format!("{}: {}", g.title, g.status().to_lowercase()) }</a></li>
                }) }
            </ul>
        </>
    };
    let partial = (report.coverage == crate::report::Coverage::Workbook).then(|| html! {
        <p class="govuk-body" id="partial-check">
            <strong>{ "This was a partial check." }</strong>
            { " The checker does not know this template's layout, so it checked only the workbook's own checklist and drop-down lists. The funding, metric and national condition checks were not made." }
        </p>
    });
    // Warnings and advisory notes only: nothing blocks the plan, so no red "There is a problem".
    if report.status != Status::Unreadable && report.counts.error == 0 {
        return html! {
            <div class="warnings-summary" id="summary" tabindex="-1" ref={node} role="region" aria-labelledby="warnings-summary-title">
                <h2 class="govuk-heading-m" id="warnings-summary-title">{ "No errors" }</h2>
                { for partial }
                <p class="govuk-body">{ "Check these warnings before you submit your plan, starting with the first:" }</p>
                { links }
            </div>
        };
    }
    if report.status == Status::Unreadable {
        // The reason and what to do, here, rather than at the foot of the page.
        let reasons = report.findings.iter().filter(|f| f.severity == Severity::Error);
        return html! {
            <div class="govuk-error-summary" id="summary" tabindex="-1" ref={node} role="region" aria-labelledby="error-summary-title">
                <h2 class="govuk-error-summary__title" id="error-summary-title">{ "There is a problem" }</h2>
                <div class="govuk-error-summary__body">
                    <p class="govuk-body">{ "Your file could not be checked." }</p>
                    { for reasons.map(|f| html! {
                        <>
                            <p class="govuk-body unreadable-reason">{ &f.message }</p>
                            <p class="govuk-body unreadable-fix">{ &f.hint }</p>
                        </>
                    }) }
                </div>
            </div>
        };
    }
    let intro =
        "Fix these problems before you submit your plan. Start with the first: the ones after it may follow from it.";
    html! {
        <div class="govuk-error-summary" id="summary" tabindex="-1" ref={node} role="region" aria-labelledby="error-summary-title">
            <h2 class="govuk-error-summary__title" id="error-summary-title">{ "There is a problem" }</h2>
            <div class="govuk-error-summary__body">
                { for partial }
                <p class="govuk-body">{ intro }</p>
                { links }
            </div>
        </div>
    }
}
