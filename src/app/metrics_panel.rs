//! Every metric's baseline against the plan, with the direction of change in words.

use yew::prelude::*;

use crate::report::words::number;
use crate::report::MetricFigure;

#[derive(Properties, PartialEq)]
pub struct MetricsPanelProps {
    pub metrics: Vec<MetricFigure>,
}

fn value(v: Option<f64>, unit: &str) -> String {
    match v {
        None => "Not given".to_string(),
        Some(v) if unit == "percent" => format!("{}%", number(v)),
        Some(v) if unit == "days" => format!("{} days", number(v)),
        Some(v) => number(v),
    }
}

/// `"3.0% lower (better)"`.
fn change(m: &MetricFigure) -> String {
    let (Some(baseline), Some(planned)) = (m.baseline, m.planned) else {
        return "Cannot be compared".to_string();
    };
    if baseline == 0.0 || planned == baseline {
        return "No change".to_string();
    }
    let percent = (planned - baseline) / baseline * 100.0;
    let direction = if percent > 0.0 { "higher" } else { "lower" };
    let better = (direction == m.better) as u8;
    format!("{:.1}% {direction} ({})", percent.abs(), if better == 1 { "better" } else { "worse" })
}

#[function_component(MetricsPanel)]
pub fn metrics_panel(props: &MetricsPanelProps) -> Html {
    if props.metrics.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel metrics" aria-labelledby="metrics-heading">
            <h2 class="govuk-heading-m" id="metrics-heading">{ "Metric ambitions" }</h2>
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-visually-hidden">{ "Baseline and planned value for each metric and period" }</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">{ "Metric" }</th>
                        <th scope="col" class="govuk-table__header">{ "Period" }</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">{ "Baseline" }</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">{ "Planned" }</th>
                        <th scope="col" class="govuk-table__header">{ "Compared with baseline" }</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    { for props.metrics.iter().map(|m| html! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">{ &m.name }</th>
                            <td class="govuk-table__cell" data-label="Period">{ &m.period }</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-label="Baseline">{ value(m.baseline, &m.unit) }</td>
                            <td class="govuk-table__cell govuk-table__cell--numeric" data-label="Planned">{ value(m.planned, &m.unit) }</td>
                            <td class="govuk-table__cell" data-label="Compared with baseline">{ change(m) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
