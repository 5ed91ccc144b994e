//! "There is a problem": a summary that takes focus after a check and links to each group.
//! When nothing was found, a confirmation panel takes its place (and the focus).

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
            <div class="govuk-panel" id="summary" tabindex="-1" ref={node}>
                <h2 class="govuk-panel__title">{ "No problems found" }</h2>
                <div class="govuk-panel__body">{ "Your plan passed every check this tool makes." }</div>
            </div>
        };
    }
    let partial = (report.coverage == crate::report::Coverage::Workbook).then(|| html! {
        <p class="govuk-body" id="partial-check">
            <strong>{ "This was a partial check." }</strong>
            { " The checker does not know this template's layout, so it checked only the workbook's own checklist and drop-down lists. The funding, metric and national condition checks were not made." }
        </p>
    });
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
                <ul class="govuk-list govuk-error-summary__list">
                    { for props.groups.iter().filter(|g| !g.findings.is_empty()).map(|g| html! {
                        <li><a href={format!("#{}", g.id)}>{ format!("{}: {}", g.title, g.status().to_lowercase()) }</a></li>
                    }) }
                </ul>
            </div>
        </div>
    }
}
