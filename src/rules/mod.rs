//! The rule catalogue: pure functions from a [`Plan`] to findings.
//!
//! Architecture invariant: rules do no I/O, never panic, and return every finding (no early exit
//! on the first problem). Each module owns the ids of one part of `docs/rules.md` and
//! writes its findings to a shared sink; [`catalogue`] lists every id with its severity.

mod cells;
mod conditions;
mod cover;
mod expenditure;
pub mod funding;
mod income;
pub mod metrics;
mod numbers;
mod p4p;
mod summary;

use crate::plan::{Field, Plan, SheetKind};
use crate::report::{Finding, Severity};
use crate::workbook::{CellRange, CellRef};

/// A rule id and its severity, as the catalogue fixes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
}

macro_rules! catalogue {
    ($($name:ident = $id:literal, $severity:ident;)*) => {
        $(pub const $name: Rule = Rule { id: $id, severity: Severity::$severity };)*
        /// Every rule a plan can break (the `file.*` and `template.*` ids are the workbook and
        /// plan layers'; they are listed here too so the catalogue is complete in one place).
        pub const CATALOGUE: &[Rule] = &[$($name),*];
    };
}

catalogue! {
    TEMPLATE_UNKNOWN_VERSION = "template.unknown-version", Error;
    TEMPLATE_SHEET_MISSING = "template.sheet-missing", Error;
    TEMPLATE_LABEL_MOVED = "template.label-moved", Warning;
    CELL_EXCEL_ERROR = "cell.excel-error", Error;
    CELL_NO_CACHED_VALUE = "cell.no-cached-value", Warning;
    SUMMARY_STALE = "summary.stale", Warning;
    COVER_HWB_MISSING = "cover.hwb-missing", Error;
    COVER_HWB_UNKNOWN = "cover.hwb-unknown", Error;
    COVER_REQUIRED = "cover.required", Error;
    COVER_EMAIL_INVALID = "cover.email-invalid", Error;
    COVER_SIGNOFF_INVALID = "cover.signoff-invalid", Error;
    COVER_SIGNOFF_DATE_MISSING = "cover.signoff-date-missing", Error;
    COVER_CONTACT_MISSING = "cover.contact-missing", Error;
    INCOME_PREPOPULATED_CHANGED = "income.prepopulated-changed", Error;
    INCOME_ADDITIONAL_INCOMPLETE = "income.additional-incomplete", Error;
    NUMBER_NOT_NUMERIC = "number.not-numeric", Error;
    NUMBER_OUT_OF_RANGE = "number.out-of-range", Error;
    FUNDING_ASC_MINIMUM = "funding.asc-minimum", Error;
    FUNDING_OOH_MINIMUM = "funding.ooh-minimum", Error;
    FUNDING_OVER_ALLOCATED = "funding.over-allocated", Error;
    FUNDING_UNDER_ALLOCATED = "funding.under-allocated", Error;
    FUNDING_SOURCE_WITHOUT_INCOME = "funding.source-without-income", Error;
    FUNDING_DFG_DISTRICTS = "funding.dfg-districts", Error;
    FUNDING_DFG_COMMISSIONER = "funding.dfg-commissioner", Warning;
    FUNDING_DFG_SCHEME_TYPE = "funding.dfg-scheme-type", Advisory;
    SCHEME_REQUIRED = "scheme.required", Error;
    SCHEME_DUPLICATE_ID = "scheme.duplicate-id", Error;
    SCHEME_INVALID_CHOICE = "scheme.invalid-choice", Error;
    SCHEME_INVALID_SUBTYPE = "scheme.invalid-subtype", Error;
    SCHEME_OTHER_UNSPECIFIED = "scheme.other-unspecified", Error;
    SCHEME_JOINT_PERCENTAGES = "scheme.joint-percentages", Error;
    SCHEME_PERCENTAGES_NOT_JOINT = "scheme.percentages-not-joint", Warning;
    METRIC_MISSING = "metric.missing", Error;
    METRIC_RATE_INCONSISTENT = "metric.rate-inconsistent", Error;
    METRIC_RATIONALE_MISSING = "metric.rationale-missing", Error;
    METRIC_BASELINE_CHANGED = "metric.baseline-changed", Error;
    METRIC_LESS_AMBITIOUS = "metric.less-ambitious", Warning;
    METRIC_IMPLAUSIBLE = "metric.implausible", Warning;
    METRIC_DTOC_EXPECTATION = "metric.dtoc-expectation", Error;
    CONDITION_UNANSWERED = "condition.unanswered", Error;
    CONDITION_NO_WITHOUT_ACTIONS = "condition.no-without-actions", Error;
    CONDITION_CONTRADICTED = "condition.contradicted", Error;
    CONDITION_SIGNOFF_INCONSISTENT = "condition.signoff-inconsistent", Warning;
    FUNDING_PROTECTION_UNDECLARED = "funding.protection-undeclared", Error;
    FUNDING_EARMARK_MINIMUM = "funding.earmark-minimum", Warning;
    INCOME_CCG_CONTRIBUTIONS = "income.ccg-contributions", Error;
    P4P_FUND_INCONSISTENT = "p4p.fund-inconsistent", Error;
    P4P_INCREASE = "p4p.increase", Warning;
    P4P_BELOW_EXPECTATION = "p4p.below-expectation", Warning;
    P4P_OPERATING_PLAN_GAP = "p4p.operating-plan-gap", Warning;
    P4P_COST_CHANGED = "p4p.cost-changed", Warning;
    METRIC_LOCAL_UNDEFINED = "metric.local-undefined", Error;
    CONDITION_TIMEFRAME_INVALID = "condition.timeframe-invalid", Error;
}

/// Where rules write their findings.
pub struct Sink<'p> {
    pub plan: &'p Plan,
    pub findings: Vec<Finding>,
}

impl<'p> Sink<'p> {
    fn new(plan: &'p Plan) -> Self {
        Sink { plan, findings: Vec::new() }
    }

    /// Records a finding at one cell of a template sheet.
    pub fn at(
        &mut self,
        rule: Rule,
        kind: SheetKind,
        cell: CellRef,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let sheet = self.plan.sheet_name(kind);
        self.findings.push(Finding::new(rule.id, rule.severity, message, hint).at(sheet, CellRange::single(cell)));
    }

    /// Records a finding at the cell a field was read from.
    pub fn field(
        &mut self,
        rule: Rule,
        kind: SheetKind,
        field: &Field,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.at(rule, kind, field.at, message, hint);
    }

    /// Records a finding at a field that may repeat down a column: where consecutive rows have
    /// the same finding, the report shows one finding over the range with `plural` as its
    /// message, `{n}` replaced by how many rows it covers.
    pub fn field_in_run(
        &mut self,
        rule: Rule,
        kind: SheetKind,
        field: &Field,
        message: impl Into<String>,
        plural: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.field(rule, kind, field, message, hint);
        if let Some(last) = self.findings.last_mut() {
            last.plural = Some(plural.into());
        }
    }

    /// Records a finding about a sheet as a whole.
    pub fn sheet(&mut self, rule: Rule, kind: SheetKind, message: impl Into<String>, hint: impl Into<String>) {
        let sheet = self.plan.sheet_name(kind);
        self.findings.push(Finding::new(rule.id, rule.severity, message, hint).on_sheet(sheet));
    }

    /// Whether a finding of `rule` has been recorded.
    pub fn has(&self, rule: Rule) -> bool {
        self.findings.iter().any(|f| f.rule == rule.id)
    }
}

/// Runs every rule over the plan. Conditions run last: `condition.contradicted` reads the
/// funding findings.
pub fn check(plan: &Plan) -> Vec<Finding> {
    let mut sink = Sink::new(plan);
    cells::check(&mut sink);
    summary::check(&mut sink);
    cover::check(&mut sink);
    income::check(&mut sink);
    funding::check(&mut sink);
    expenditure::check(&mut sink);
    metrics::check(&mut sink);
    p4p::check(&mut sink);
    conditions::check(&mut sink);
    sink.findings
}

/// The figures the web page draws: funding tests and metric ambitions.
pub fn figures(plan: &Plan) -> crate::report::Figures {
    let performance = plan.p4p.as_ref().and_then(|p| {
        let reduction = p.reduction()?;
        let cost = p.cost.number()?;
        let fund = p.fund()?;
        let share = p.share.number()?;
        Some(crate::report::PerformanceFigure { reduction, cost, fund, share, required: (share - fund).max(0.0) })
    });
    let pooled = (plan.profile.years.iter().enumerate())
        .map(|(y, year)| {
            (year.clone(), plan.income.rows.iter().filter_map(|r| r.amounts.get(y)).map(|f| f.amount()).sum())
        })
        .collect();
    crate::report::Figures { funding: funding::tests(plan), metrics: metrics::figures(plan), performance, pooled }
}

#[cfg(test)]
mod tests;
