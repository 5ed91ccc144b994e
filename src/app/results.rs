//! The result of a check: error summary, overview, funding and metric panels, a section per
//! sheet, the checks across sheets, downloads, and "Check another file".

use std::rc::Rc;

use yew::prelude::*;

use super::checker::MarkOutcome;
use super::downloads::Downloads;
use super::error_summary::ErrorSummary;
use super::funding_panel::FundingPanel;
use super::marked_copy::MarkedCopy;
use super::metrics_panel::MetricsPanel;
use super::overview::Overview;
use super::sheet_section::SheetSection;
use super::state::groups;
use crate::check::Checked;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub checked: Rc<Checked>,
    /// Which check this is; focus moves to the summary once per check.
    pub checks: u32,
    pub on_reset: Callback<()>,
    /// Asks the worker for a copy of the workbook with its problems marked.
    pub on_mark: Callback<(Rc<crate::report::Report>, Callback<MarkOutcome>)>,
    /// Back to the table of a batch, when this report is one of several.
    #[prop_or_default]
    pub on_back: Option<Callback<()>>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let checked = &props.checked;
    let groups = groups(checked);
    let on_reset = {
        let cb = props.on_reset.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <div class="results">
            <ErrorSummary checked={checked.clone()} groups={groups.clone()} checks={props.checks} />
            <Overview report={Rc::new(checked.report.clone())} checked_in_words={checked.checked_in_words.clone()} />
            if let Some(figures) = &checked.figures {
                <FundingPanel tests={figures.funding.clone()} performance={figures.performance.clone()} />
                <MetricsPanel metrics={figures.metrics.clone()} />
            }
            { for groups.into_iter().map(|group| html! { <SheetSection group={group} /> }) }
            // A plan with no problems has nothing to mark.
            if !checked.report.findings.is_empty() {
                <MarkedCopy checked={checked.clone()} on_mark={props.on_mark.clone()} />
            }
            <Downloads report={Rc::new(checked.report.clone())} />
            <div class="actions">
                if let Some(back) = props.on_back.clone() {
                    <button type="button" class="govuk-button" id="back-to-batch" onclick={Callback::from(move |_| back.emit(()))}>
                        { "Back to all plans" }
                    </button>
                }
                <button type="button" class="govuk-button govuk-button--secondary" id="check-another" onclick={on_reset}>
                    { "Check another file" }
                </button>
            </div>
        </div>
    }
}
