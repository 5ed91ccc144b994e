//! `summary.stale`: every Summary figure is recomputed from the inputs; a cached value that
//! differs means the workbook was not recalculated (or the Summary was typed over).

use super::funding::{planned, test, Shares};
use super::{Sink, SUMMARY_STALE};
use crate::plan::{Plan, SheetKind};
use crate::profile::{Share, SummaryValue};
use crate::report::words::pounds;

/// The figure a Summary row should show for a year, worked out from the inputs. A test's planned
/// spending with NHS shares may be read two ways (see [`Shares`]); the second is the template's
/// formula's own reading.
fn expected(plan: &Plan, value: &SummaryValue, year: usize) -> Vec<f64> {
    match value {
        SummaryValue::TotalIncome => {
            vec![plan.income.rows.iter().filter_map(|r| r.amounts.get(year)).map(|f| f.amount()).sum()]
        }
        SummaryValue::TotalExpenditure => {
            vec![plan.schemes.iter().filter_map(|s| s.amounts.get(year)).map(|f| f.amount()).sum()]
        }
        SummaryValue::Minimum(id) => {
            vec![plan.income.minimum(plan.profile, id).get(year).map_or(0.0, |f| f.amount())]
        }
        SummaryValue::Planned(id) => match test(plan, id) {
            Some(t) if t.counts.share == Share::Nhs => {
                vec![planned(plan, t, year, Shares::AsSeen).0, planned(plan, t, year, Shares::AsStored).0]
            }
            Some(t) => vec![planned(plan, t, year, Shares::AsSeen).0],
            None => vec![0.0],
        },
        // The Summary shows the sheet's fund as it stands; a fund typed over is
        // `p4p.fund-inconsistent`, not a Summary out of date.
        SummaryValue::PerformanceFund => {
            vec![plan.p4p.as_ref().and_then(|p| p.fund.number().or_else(|| p.fund())).unwrap_or(0.0)]
        }
    }
}

pub fn check(sink: &mut Sink) {
    let plan = sink.plan;
    for figure in &plan.summary {
        for (year, field) in figure.values.iter().enumerate() {
            let readings = expected(plan, &figure.value, year);
            // With joint shares formatted as percentages, the template's formula and the shares
            // the user sees give different figures; either is the Summary's own.
            if readings
                .iter()
                .any(|e| super::numbers::differs(field, *e, super::tolerance::POUNDS, pounds, "nothing").is_none())
            {
                continue;
            }
            let Some(expected) = readings.first().copied() else { continue };
            let year_name = plan.profile.years.get(year).map_or(String::new(), |y| format!(" for {y}"));
            let label = figure.label.to_lowercase();
            let Some(shown) = super::numbers::differs(field, expected, super::tolerance::POUNDS, pounds, "nothing")
            else {
                continue;
            };
            sink.field(
                SUMMARY_STALE,
                SheetKind::Summary,
                field,
                format!("The Summary shows {shown} as the {label}{year_name}, but the plan's own figures give {}.", pounds(expected)),
                "Recalculate the workbook in Excel (press Ctrl, Alt and F9 together) and save it. Do not type over the Summary: its figures are formulas.",
            );
        }
    }
}
