//! "There is a problem": a summary that takes focus after a check and links to each group.
//! With warnings only, a plainer summary says there are no errors; when nothing was found, a
//! confirmation panel takes its place (and the focus).

use std::rc::Rc;

use web_sys::HtmlElement;
use yew::prelude::*;

use super::state::Group;
use crate::check::Checked;
use crate::report::Status;

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
    let links = html! {
        <ul class="govuk-list govuk-error-summary__list">
            { for props.groups.iter().filter(|g| g.has_problems()).map(|g| html! {
                <li><a href={format!("#{}", g.id)}>{ format!("{}: {}", g.title, g.status().to_lowercase()) }</a></li>
            }) }
        </ul>
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
                <p class="govuk-body">{ "Check these warnings before you submit your plan:" }</p>
                { links }
            </div>
        };
    }
    let intro = if report.status == Status::Unreadable {
        "Your file could not be checked."
    } else {
        "Fix these problems before you submit your plan:"
    };
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
