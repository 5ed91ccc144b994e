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
pub mod tolerance;

use crate::plan::{Field, Plan, SheetKind};
use crate::report::Finding;
use crate::workbook::{CellRange, CellRef};

pub use crate::catalogue::*;

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
