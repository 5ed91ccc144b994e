//! `summary.stale`: every Summary figure is recomputed from the inputs; a cached value that
//! differs means the workbook was not recalculated (or the Summary was typed over).

use super::funding::{planned_asc, planned_ooh, planned_ooh_by_formula};
use super::{Sink, SUMMARY_STALE};
use crate::plan::SheetKind;
use crate::profile::SummaryKey;
use crate::report::words::pounds;

pub fn check(sink: &mut Sink) {
    let plan = sink.plan;
    for figure in &plan.summary {
        for (year, field) in figure.values.iter().enumerate() {
            let expected = match figure.key {
                SummaryKey::TotalIncome => {
                    plan.income.rows.iter().filter_map(|r| r.amounts.get(year)).map(|f| f.amount()).sum()
                }
                SummaryKey::TotalExpenditure => {
                    plan.schemes.iter().filter_map(|s| s.amounts.get(year)).map(|f| f.amount()).sum()
                }
                SummaryKey::AscMinimum => plan.income.asc_minimum.get(year).map_or(0.0, |f| f.amount()),
                SummaryKey::AscPlanned => planned_asc(plan, year),
                SummaryKey::OohMinimum => plan.income.ooh_minimum.get(year).map_or(0.0, |f| f.amount()),
                SummaryKey::OohPlanned => planned_ooh(plan, year),
                // The Summary shows the sheet's fund as it stands; a fund typed over is
                // `p4p.fund-inconsistent`, not a Summary out of date.
                SummaryKey::PerformanceFund => {
                    plan.p4p.as_ref().and_then(|p| p.fund.number().or_else(|| p.fund())).unwrap_or(0.0)
                }
            };
            let year_name = plan.profile.years.get(year).map_or(String::new(), |y| format!(" for {y}"));
            let label = figure.label.to_lowercase();
            // With joint shares formatted as percentages, the template's formula and the shares
            // the user sees give different out-of-hospital figures; either is the Summary's own.
            if figure.key == SummaryKey::OohPlanned
                && super::numbers::differs(field, planned_ooh_by_formula(plan, year), 0.5, pounds, "nothing").is_none()
            {
                continue;
            }
            let Some(shown) = super::numbers::differs(field, expected, 0.5, pounds, "nothing") else { continue };
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
