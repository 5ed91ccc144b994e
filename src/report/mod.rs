//! Findings, their order, and the report contract of `docs/rules.md` (JSON, CSV, text).
//!
//! Architecture invariant: a [`Report`] is plain data. Both shells (CLI and web page) print or
//! render the same `Report`; the web page's downloads use the same printers as the CLI.

pub mod batch;
mod csv;
pub mod figures;
mod text;
pub mod words;

pub use self::csv::{csv_field, csv_header, to_csv, BYTE_ORDER_MARK};
pub use self::figures::{Figures, FundingTest, MetricFigure, PerformanceFigure};
pub use self::text::{summary, to_text};

use serde::{Deserialize, Serialize};

use crate::workbook::{CellRange, ReadError};

pub use crate::catalogue::Severity;

/// One problem found: what, where, and how to fix it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id from the catalogue, e.g. `funding.asc-minimum`.
    pub rule: String,
    pub severity: Severity,
    pub sheet: Option<String>,
    /// An A1 address or range on `sheet`, e.g. `O12` or `O12:O15`.
    pub cell: Option<String>,
    pub message: String,
    pub hint: String,
    /// Other findings this one may follow from, by place (`5. Expenditure!O11`): fixing those may
    /// fix this. Left out of the JSON when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// Where the finding sorts: the range it points at. Not part of the contract.
    #[serde(skip)]
    pub at: Option<CellRange>,
    /// The message for a run of this finding down a column, `{n}` standing for the number of
    /// rows; without one, a run's message says how many rows it covers after the message.
    #[serde(skip)]
    pub plural: Option<String>,
}

impl Finding {
    pub fn new(rule: &str, severity: Severity, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Finding {
            rule: rule.to_string(),
            severity,
            sheet: None,
            cell: None,
            message: message.into(),
            hint: hint.into(),
            related: Vec::new(),
            at: None,
            plural: None,
        }
    }

    /// Where the finding is, as the report names it: `4. Income!D45`, a sheet, or nothing.
    pub fn place(&self) -> Option<String> {
        match (&self.sheet, &self.cell) {
            (Some(sheet), Some(cell)) => Some(format!("{sheet}!{cell}")),
            (Some(sheet), None) => Some(sheet.clone()),
            _ => None,
        }
    }

    /// Points the finding at a sheet as a whole.
    pub fn on_sheet(mut self, sheet: &str) -> Self {
        self.sheet = Some(sheet.to_string());
        self
    }

    /// Points the finding at a cell or range on a sheet.
    pub fn at(mut self, sheet: &str, range: CellRange) -> Self {
        self.sheet = Some(sheet.to_string());
        self.cell = Some(range.to_string());
        self.at = Some(range);
        self
    }
}

/// The outcome for one workbook: the worst severity found, or `Unreadable`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Advisory,
    Warning,
    Error,
    Unreadable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Advisory => "advisory",
            Status::Warning => "warning",
            Status::Error => "error",
            Status::Unreadable => "unreadable",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub advisory: usize,
}

/// How much of a workbook was checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    /// A template definition recognised it: every rule of its round was run.
    Full,
    /// No definition recognised it: only what the workbook defines for itself (its checklist and
    /// drop-down lists) was checked.
    Workbook,
    /// Nothing was checked: the file could not be read, or it is not a planning template.
    #[default]
    None,
}

/// How the planning round was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecognisedBy {
    /// The template's version cell.
    Version,
    /// The template's title, its sheets and its layout.
    Title,
}

/// The report for one workbook, field for field the JSON object of the contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub file: String,
    pub profile: Option<String>,
    pub hwb: Option<String>,
    pub status: Status,
    #[serde(default)]
    pub coverage: Coverage,
    #[serde(default)]
    pub recognised_by: Option<RecognisedBy>,
    pub counts: Counts,
    pub findings: Vec<Finding>,
}

impl Report {
    /// A report for a workbook that was read: findings sorted by sheet (in `sheet_order`, the
    /// template's workbook order), then row, then column; status and counts derived from them.
    pub fn checked(
        file: &str,
        profile: Option<&str>,
        hwb: Option<&str>,
        mut findings: Vec<Finding>,
        sheet_order: &[&str],
    ) -> Report {
        let sheet_rank = |f: &Finding| match &f.sheet {
            None => 0,
            Some(name) => 1 + sheet_order.iter().position(|s| s == name).unwrap_or(sheet_order.len()),
        };
        // Stable sort: findings at the same place keep the order the rules emitted them in.
        findings.sort_by_key(|f| (sheet_rank(f), f.at.map(|r| (r.start.row, r.start.col))));
        let findings = collapse_runs(findings);
        let counts = count(&findings);
        let status = match findings.iter().map(|f| f.severity).max() {
            None => Status::Pass,
            Some(Severity::Advisory) => Status::Advisory,
            Some(Severity::Warning) => Status::Warning,
            Some(Severity::Error) => Status::Error,
        };
        Report {
            file: file.to_string(),
            profile: profile.map(str::to_string),
            hwb: hwb.map(str::to_string),
            status,
            coverage: if profile.is_some() { Coverage::Full } else { Coverage::None },
            recognised_by: None,
            counts,
            findings,
        }
    }

    /// Points each finding that may follow from others at them (`related`): a money test at the
    /// values its sums could not read (a figure typed as text, an Excel error, on `summed_sheets`,
    /// the sheets the sums read), and a national condition the figures contradict at the money
    /// tests that failed. Fixing those first may fix it too.
    pub fn relate_knock_on(&mut self, summed_sheets: &[&str]) {
        use crate::catalogue::{CELL_EXCEL_ERROR, CONDITION_CONTRADICTED, NUMBER_NOT_NUMERIC};
        /// Enough to say where to start; a plan with more has a bigger problem to fix first.
        const MOST: usize = 20;
        let places = |keep: &dyn Fn(&Finding) -> bool| -> Vec<String> {
            self.findings.iter().filter(|f| keep(f)).filter_map(Finding::place).take(MOST).collect()
        };
        let unread = places(&|f| {
            (f.rule == NUMBER_NOT_NUMERIC.id || f.rule == CELL_EXCEL_ERROR.id)
                && f.sheet.as_deref().is_some_and(|s| summed_sheets.contains(&s))
        });
        let money = |f: &Finding| crate::catalogue::is_money_test(&f.rule);
        let failed_money = places(&|f| money(f) && f.severity == Severity::Error);
        for f in &mut self.findings {
            if money(f) {
                f.related = unread.clone();
            } else if f.rule == CONDITION_CONTRADICTED.id {
                f.related = failed_money.clone();
            }
        }
    }

    /// A report for a file that could not be read: one `file.*` finding, status `unreadable`.
    pub fn unreadable(file: &str, error: &ReadError) -> Report {
        let findings = vec![Finding::new(error.rule(), Severity::Error, error.message(), error.hint())];
        Report {
            file: file.to_string(),
            profile: None,
            hwb: None,
            status: Status::Unreadable,
            coverage: Coverage::None,
            recognised_by: None,
            counts: count(&findings),
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Merges a run of identical findings (same rule, sheet, message and hint) in consecutive rows
/// of one column into one finding over the range, e.g. `O12:O15`. Findings must be sorted.
/// Open runs are kept in a map, so this stays linear however many findings there are.
fn collapse_runs(findings: Vec<Finding>) -> Vec<Finding> {
    use std::collections::HashMap;
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    // (rule, sheet, column, message, hint) → index in `out` of the run's finding.
    let mut open: HashMap<(String, Option<String>, u32, String, String), usize> = HashMap::new();
    // Indices in `out` of findings that became runs (once per row merged in).
    let mut merged: Vec<usize> = Vec::new();
    for finding in findings {
        let Some(range) = finding.at.filter(|r| r.start == r.end) else {
            out.push(finding);
            continue;
        };
        let key = (
            finding.rule.clone(),
            finding.sheet.clone(),
            range.start.col,
            finding.message.clone(),
            finding.hint.clone(),
        );
        let run = open.get(&key).copied().filter(|&i| out[i].at.is_some_and(|r| r.end.row + 1 == range.start.row));
        match run {
            Some(i) => {
                merged.push(i);
                let prev = &mut out[i];
                if let Some(r) = prev.at.as_mut() {
                    r.end = range.start;
                    prev.cell = Some(r.to_string());
                }
            }
            None => {
                open.insert(key, out.len());
                out.push(finding);
            }
        }
    }
    merged.sort_unstable();
    merged.dedup();
    for &i in &merged {
        let finding = &mut out[i];
        let Some(range) = finding.at.filter(|r| r.start != r.end) else { continue };
        let rows = range.end.row.saturating_sub(range.start.row) + 1;
        finding.message = match finding.plural.take() {
            Some(plural) => plural.replace("{n}", &rows.to_string()),
            None => format!(
                "{} The same is true of all {rows} rows from row {} to row {}.",
                finding.message, range.start.row, range.end.row
            ),
        };
    }
    out
}

fn count(findings: &[Finding]) -> Counts {
    let mut counts = Counts::default();
    for f in findings {
        match f.severity {
            Severity::Error => counts.error += 1,
            Severity::Warning => counts.warning += 1,
            Severity::Advisory => counts.advisory += 1,
        }
    }
    counts
}

/// Several reports as the contract says: a lone object for one file, an array for several.
pub fn to_json(reports: &[Report]) -> String {
    let result = match reports {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    };
    result.unwrap_or_default()
}
