//! Pay for performance (a round with a pay-for-performance sheet): part of the NHS money is a fund paid for a planned cut in
//! emergency admissions. The fund is max(0, reduction) × the cost of an admission; a reduction
//! below the expected percentage needs a case; one far from the CCG operating plan needs
//! approval; a local cost needs a reason. The tests run on the sheet's figures as the workbook
//! holds them, and only when every planned quarter is a number.

use super::{
    Sink, METRIC_BASELINE_CHANGED, METRIC_MISSING, P4P_BELOW_EXPECTATION, P4P_COST_CHANGED, P4P_FUND_INCONSISTENT,
    P4P_INCREASE, P4P_OPERATING_PLAN_GAP,
};
use crate::plan::SheetKind;
use crate::report::words::{number, pounds};

const P4P: SheetKind = SheetKind::PayForPerformance;

pub fn check(sink: &mut Sink) {
    let plan = sink.plan;
    let (Some(layout), Some(p)) = (&plan.profile.pay_for_performance, &plan.p4p) else { return };
    let board = plan.hwb();
    let lower = crate::report::words::in_sentence(&layout.metric.name);

    // Baselines are pre-populated from HWB Data (`metric.baseline-changed` covers them).
    for ((field, period), plan_period) in p.baseline.iter().zip(&layout.baseline_periods).zip(&layout.plan_periods) {
        let key = format!("baseline:{}:{period}", layout.metric.code);
        let Some(published) = board.and_then(|b| b.number(&key, 0)) else { continue };
        if let Some(seen) =
            super::numbers::differs(field, published, super::tolerance::baseline(published), number, "empty")
        {
            sink.field(
                METRIC_BASELINE_CHANGED,
                P4P,
                field,
                format!(
                    "The baseline of {lower} for {period} (compared with {plan_period}) is {seen}, but the published baseline is {}.",
                    number(published)
                ),
                "Do not change baselines. Put the published figure back, or copy your plan into a fresh copy of the template.",
            );
        }
    }

    // Every planned quarter is needed; without them the reduction cannot be worked out.
    let mut complete = true;
    for (field, period) in p.planned.iter().zip(&layout.plan_periods) {
        let what = || format!("The planned {lower} for {period}");
        let value = super::numbers::checked(sink, P4P, field, what, 0.0, plan.profile.funding.amount_max);
        if field.is_blank() {
            sink.field_in_run(
                METRIC_MISSING,
                P4P,
                field,
                format!("There is no planned number of emergency admissions for {period}."),
                "{n} quarters have no planned number of emergency admissions.",
                "Enter the number of emergency admissions you plan for each quarter.",
            );
        }
        complete &= value.is_some();
    }
    if !complete {
        return;
    }
    let Some(reduction) = p.reduction() else { return };
    let baseline_total = p.baseline_total.number().or_else(|| Some(p.baseline_numbers()?.iter().sum())).unwrap_or(0.0);

    if reduction < 0.0 {
        sink.field(
            P4P_INCREASE,
            P4P,
            &p.planned_total,
            format!(
                "The plan is for {} more emergency admissions than the baseline, not fewer. There is no performance fund, so the whole share of the £1bn goes to NHS-commissioned out-of-hospital services.",
                number(-reduction)
            ),
            "Check the planned admissions. If the plan really expects more admissions, explain why in the narrative plan.",
        );
    }
    let percent = if baseline_total > 0.0 { reduction / baseline_total * 100.0 } else { 0.0 };
    if reduction >= 0.0 && percent < layout.expected_reduction_percent && p.case.is_blank() {
        sink.field(
            P4P_BELOW_EXPECTATION,
            P4P,
            &p.case,
            format!(
                "The planned reduction in emergency admissions is {}%, below the {}% expected, and there is no case for it.",
                number(percent),
                number(layout.expected_reduction_percent)
            ),
            "Explain in this cell why a smaller reduction is right for your area, or plan a larger reduction.",
        );
    }
    if let Some(operating_plan) = p.operating_plan.number() {
        let gap = percent - operating_plan;
        if gap.abs() > layout.operating_plan_gap_points + super::tolerance::NOISE {
            sink.field(
                P4P_OPERATING_PLAN_GAP,
                P4P,
                &p.reduction_percent,
                format!(
                    "The planned reduction of {}% is {} percentage points {} the CCG operating plans' reduction of {}%. A difference of more than {} points needs NHS England's approval.",
                    number(percent),
                    number(gap.abs()),
                    if gap > 0.0 { "above" } else { "below" },
                    number(operating_plan),
                    number(layout.operating_plan_gap_points)
                ),
                "Check the planned admissions against the CCG operating plans, or record NHS England's approval of the difference.",
            );
        }
    }
    if let (Some(fund), Some(expected)) = (p.fund.number(), p.fund()) {
        if (fund - expected).abs() > plan.profile.funding.balance_tolerance {
            sink.field(
                P4P_FUND_INCONSISTENT,
                P4P,
                &p.fund,
                format!(
                    "The performance fund is {}, but the reduction of {} admissions times the cost of {} gives {}.",
                    pounds(fund),
                    number(reduction.max(0.0)),
                    p.cost.number().map_or_else(|| "an admission".into(), pounds),
                    pounds(expected)
                ),
                "Do not type over the performance fund: put back its formula, =MAX(0,D12)*D14, and recalculate.",
            );
        }
    }
    let published_cost = board.and_then(|b| b.number(&layout.cost_key, 0));
    if let (Some(cost), Some(published)) = (p.cost.number(), published_cost) {
        if (cost - published).abs() > super::tolerance::PENNY && p.cost_reason.is_blank() {
            sink.field(
                P4P_COST_CHANGED,
                P4P,
                &p.cost,
                format!(
                    "The cost of an emergency admission is {}, not the national average of {}, and no reason is given.",
                    pounds(cost),
                    pounds(published)
                ),
                "Give the reason for the local cost in the cell beside it, or put back the national average.",
            );
        }
    }
}
