//! Metrics: every planned value given (and consistent with its numerator and denominator), a
//! rationale per metric, baselines as published, and ambitions that point the right way.

use super::numbers::checked;
use super::{
    Sink, METRIC_ABOVE_CEILING, METRIC_BASELINE_CHANGED, METRIC_IMPLAUSIBLE, METRIC_LESS_AMBITIOUS,
    METRIC_LOCAL_UNDEFINED, METRIC_MISSING, METRIC_RATE_INCONSISTENT, METRIC_RATIONALE_MISSING,
};
use crate::plan::{MetricRow, SheetKind};
use crate::profile::{Direction, MetricDef, Unit};
use crate::report::words::number;

const METRICS: SheetKind = SheetKind::Metrics;

/// Every metric and period as figures for the page: the published baseline (or the sheet's,
/// when the board is unknown) and the plan.
pub fn figures(plan: &crate::plan::Plan) -> Vec<crate::report::MetricFigure> {
    let mut out = Vec::new();
    for def in &plan.profile.metric_list {
        let published = plan.hwb().and_then(|b| b.number(&format!("baseline:{}", def.code), 0));
        for period in &def.periods {
            let row = plan.metrics.iter().find(|r| r.code.reads_as(&def.code) && r.period.reads_as(period));
            // A local metric goes by the name the board gave it.
            let name = def
                .local_prompt
                .as_ref()
                .and_then(|prompt| {
                    let first = plan.metrics.iter().find(|r| r.code.reads_as(&def.code))?;
                    local_name(prompt, &first.metric.shown())
                })
                .unwrap_or_else(|| def.name.clone());
            out.push(crate::report::MetricFigure {
                code: def.code.clone(),
                name,
                period: period.clone(),
                baseline: published.or_else(|| row.and_then(|r| r.baseline.number())),
                planned: row.and_then(|r| r.planned.number()),
                better: match direction(def, &plan.metrics) {
                    Some(Direction::Lower) => "lower",
                    Some(Direction::Higher) => "higher",
                    _ => "stated",
                }
                .into(),
                unit: match def.unit {
                    Unit::Count => "count",
                    Unit::Rate => "rate",
                    Unit::Percent => "percent",
                    Unit::Days => "days",
                    Unit::Stated => "stated",
                }
                .into(),
            });
        }
    }
    // The pay-for-performance sheet's quarters: emergency admissions planned against baseline.
    if let (Some(layout), Some(p)) = (&plan.profile.pay_for_performance, &plan.p4p) {
        for ((baseline, planned), period) in p.baseline.iter().zip(&p.planned).zip(&layout.plan_periods) {
            out.push(crate::report::MetricFigure {
                code: layout.metric.code.clone(),
                name: layout.metric.name.clone(),
                period: period.clone(),
                baseline: baseline.number(),
                planned: planned.number(),
                better: "lower".into(),
                unit: "count".into(),
            });
        }
    }
    out
}

/// Which way is better for a metric: the profile's, or for a local metric the board's `Higher`
/// or `Lower` on its first row (`None` when it has not said).
fn direction(def: &MetricDef, rows: &[MetricRow]) -> Option<Direction> {
    match def.better {
        Direction::Stated => {
            let first = rows.iter().find(|r| r.code.reads_as(&def.code))?;
            match first.better.shown().as_ref() {
                "Higher" => Some(Direction::Higher),
                "Lower" => Some(Direction::Lower),
                _ => None,
            }
        }
        known => Some(known),
    }
}

/// The name a board gave a local metric: the name cell without the template's prompt (letter
/// case and surrounding spaces ignored); `None` when nothing else is there.
fn local_name(prompt: &str, cell: &str) -> Option<String> {
    let text = cell.trim();
    let rest = if text.len() >= prompt.trim().len()
        && text.is_char_boundary(prompt.trim().len())
        && text[..prompt.trim().len()].eq_ignore_ascii_case(prompt.trim())
    {
        &text[prompt.trim().len()..]
    } else {
        text
    };
    let rest = rest.trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// A metric's name as it reads inside a sentence: `emergency admissions of people aged 65+ per
/// 100,000`. Messages name metrics in full, never by their code.
pub fn metric_name(def: &MetricDef) -> String {
    crate::report::words::in_sentence(&def.name)
}

pub fn check(sink: &mut Sink) {
    let plan = sink.plan;
    for def in &plan.profile.metric_list {
        let rows: Vec<&MetricRow> = plan.metrics.iter().filter(|r| r.code.reads_as(&def.code)).collect();
        if let (Some(prompt), Some(first)) = (&def.local_prompt, rows.first()) {
            local(sink, def, prompt, first);
        }
        if let Some(first) = rows.first() {
            if rows.iter().all(|r| r.rationale.is_blank()) {
                sink.field(
                    METRIC_RATIONALE_MISSING,
                    METRICS,
                    &first.rationale,
                    format!("There is no rationale for the ambition for {}.", metric_name(def)),
                    "Explain how the plan's schemes will achieve this ambition.",
                );
            }
        }
        for period in &def.periods {
            match rows.iter().find(|r| r.period.reads_as(period)) {
                Some(row) => check_row(sink, def, row, period),
                None => sink.sheet(
                    METRIC_MISSING,
                    METRICS,
                    format!("There is no row for {} in {period}.", metric_name(def)),
                    "Copy your metrics into a fresh copy of the template: its Metrics sheet has a row for every metric and period.",
                ),
            }
        }
    }
}

/// A local metric (one the board chooses and names): the board names it, says which way is better, and gives
/// its own baseline.
fn local(sink: &mut Sink, def: &MetricDef, prompt: &str, first: &MetricRow) {
    if local_name(prompt, &first.metric.shown()).is_none() {
        sink.field(
            METRIC_LOCAL_UNDEFINED,
            METRICS,
            &first.metric,
            format!("The local metric “{}” has no name: the cell holds only the template's prompt.", def.name),
            format!("After “{}”, write the name of the metric your board chose.", prompt.trim()),
        );
    }
    if direction(def, std::slice::from_ref(first)).is_none() {
        let shown = first.better.shown();
        let message = if shown.is_empty() {
            format!("The local metric “{}” does not say whether higher or lower is better.", def.name)
        } else {
            format!(
                "For the local metric “{}”, “{}” does not say whether higher or lower is better.",
                def.name,
                shown.trim()
            )
        };
        sink.field(METRIC_LOCAL_UNDEFINED, METRICS, &first.better, message, "Choose Higher or Lower.");
    }
}

fn check_row(sink: &mut Sink, def: &MetricDef, row: &MetricRow, period: &str) {
    let plan = sink.plan;
    let what = format!("{} in {period}", metric_name(def));
    let max = if def.unit == Unit::Percent { 100.0 } else { plan.profile.funding.amount_max };
    let planned = checked(sink, METRICS, &row.planned, || format!("The plan for {what}"), 0.0, max);
    if row.planned.is_blank() {
        sink.field(
            METRIC_MISSING,
            METRICS,
            &row.planned,
            format!("There is no planned value for {what}."),
            "Enter the value you plan to achieve.",
        );
    }
    let mut ratio = None;
    if def.ratio {
        let max = plan.profile.funding.amount_max;
        let [numerator, denominator] = [(&row.numerator, "numerator"), (&row.denominator, "denominator")]
            .map(|(field, part)| checked(sink, METRICS, field, || format!("The {part} for {what}"), 0.0, max));
        let layout = &plan.profile.metrics;
        for (field, column) in [(&row.numerator, &layout.numerator), (&row.denominator, &layout.denominator)] {
            if field.is_blank() {
                // Metric findings point at the planned value, which the two make up.
                sink.field(
                    METRIC_MISSING,
                    METRICS,
                    &row.planned,
                    format!("The {} for {what} (cell {}) is empty.", column.header.to_lowercase(), field.at),
                    format!("Enter the {} the planned value is worked out from.", column.header.to_lowercase()),
                );
            }
        }
        ratio = numerator.zip(denominator);
    }
    if let (Some(planned), Some((numerator, denominator)), Some(scale)) = (planned, ratio, def.scale) {
        if denominator == 0.0 {
            sink.field(
                METRIC_RATE_INCONSISTENT,
                METRICS,
                &row.planned,
                format!("The denominator for {what} is 0, so the planned value cannot be worked out."),
                "Enter the population or count the rate is worked out from.",
            );
        } else {
            let expected = numerator / denominator * scale;
            if (planned - expected).abs() > plan.profile.funding.rate_tolerance {
                sink.field(
                    METRIC_RATE_INCONSISTENT,
                    METRICS,
                    &row.planned,
                    format!(
                        "The plan for {what} is {}, but the numerator divided by the denominator, times {}, is {}.",
                        number(planned),
                        number(scale),
                        number(expected)
                    ),
                    "Correct the planned value, the numerator or the denominator so that they agree.",
                );
            }
        }
    }

    // Baseline: pre-populated from HWB Data.
    let published = plan.hwb().and_then(|b| b.number(&format!("baseline:{}", def.code), 0));
    if let Some(published) = published {
        let tolerance = super::tolerance::baseline(published);
        let seen = super::numbers::differs(&row.baseline, published, tolerance, number, "empty");
        if let Some(seen) = seen {
            sink.field(
                METRIC_BASELINE_CHANGED,
                METRICS,
                &row.baseline,
                format!("The baseline for {what} is {seen}, but the published baseline is {}.", number(published)),
                "Do not change baselines. Put the published figure back, or copy your plan into a fresh copy of the template.",
            );
        }
    }

    // A local metric's baseline is the board's to give.
    if def.local_prompt.is_some() && row.baseline.is_blank() {
        sink.field(
            METRIC_MISSING,
            METRICS,
            &row.baseline,
            format!("There is no baseline for {what}."),
            "Enter the baseline your ambition is measured against.",
        );
    }
    let Some(planned) = planned else { return };
    let Some(baseline) = published.or_else(|| row.baseline.number()) else {
        return;
    };
    let Some(better) = direction(def, &plan.metrics) else { return };
    let worse = match better {
        Direction::Lower => planned > baseline,
        Direction::Higher => planned < baseline,
        Direction::Stated => false,
    };
    if worse {
        let better = match better {
            Direction::Lower => "lower",
            _ => "higher",
        };
        sink.field(
            METRIC_LESS_AMBITIOUS,
            METRICS,
            &row.planned,
            format!("The plan for {what} is {}, which is worse than the baseline of {} (for this metric, {better} is better).", number(planned), number(baseline)),
            "Check the ambition. If the plan really expects things to get worse, say why in the rationale.",
        );
    }
    if baseline > 0.0 && ((planned - baseline) / baseline).abs() > plan.profile.funding.implausible_change {
        let change = (planned - baseline) / baseline * 100.0;
        sink.field(
            METRIC_IMPLAUSIBLE,
            METRICS,
            &row.planned,
            format!(
                "The plan for {what} is {}, {}% {} than the baseline of {}.",
                number(planned),
                number(change.abs().round()),
                if change > 0.0 { "higher" } else { "lower" },
                number(baseline)
            ),
            "Check the figure for a typing mistake or a different unit (for example a count instead of a rate).",
        );
    }
    if let Some(ceiling) = plan.profile.funding.ceiling.as_ref().filter(|c| c.metric == def.code) {
        if let Some(expectation) = plan.hwb().and_then(|b| b.number(&ceiling.hwb_key, 0)) {
            if planned > expectation + super::tolerance::NOISE {
                sink.field(
                    METRIC_ABOVE_CEILING,
                    METRICS,
                    &row.planned,
                    format!(
                        "The plan for {what} is {}, above the national expectation for {} of {}.",
                        number(planned),
                        plan.hwb().map_or("this board", |b| b.name.as_str()),
                        number(expectation)
                    ),
                    "Plan a figure at or below the national expectation for your board.",
                );
            }
        }
    }
}
