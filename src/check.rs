//! The whole check, bytes in, report out: the one entry point both shells call.

use crate::plan::{self, Detection};
use crate::profile;
use crate::report::{Figures, Report};
use crate::rules;
use crate::workbook::{self, ReadError, Workbook};

/// Reads and checks one workbook. Never panics on its own account and, natively, also survives a
/// panic inside the spreadsheet parser (reported as `file.unreadable`). In the browser the build
/// aborts on panic, so the page runs this in a Web Worker and replaces a worker that traps.
pub fn check_bytes(file_name: &str, bytes: &[u8]) -> Report {
    check_bytes_with_figures(file_name, bytes).report
}

/// A report and, when a plan could be read, the figures the web page draws beside it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Checked {
    pub report: Report,
    pub figures: Option<Figures>,
    /// The template's sheets in workbook order (of the detected round, else of the first).
    pub sheets: Vec<String>,
    /// What kind of spreadsheet the file is, when it could be read: only an Excel workbook can be
    /// given back with its problems marked.
    #[serde(default)]
    pub format: Option<crate::workbook::Format>,
}

impl Checked {
    /// The outcome for a file that could not be read.
    pub fn unreadable(file_name: &str, error: &ReadError) -> Checked {
        Checked { report: Report::unreadable(file_name, error), figures: None, sheets: Vec::new(), format: None }
    }
}

/// [`check_bytes`], plus the funding and metric figures of the plan.
pub fn check_bytes_with_figures(file_name: &str, bytes: &[u8]) -> Checked {
    match read_isolated(bytes) {
        Ok(workbook) => check_workbook(file_name, &workbook),
        Err(error) => Checked::unreadable(file_name, &error),
    }
}

/// Only the sheets some profile requires are loaded (not the guidance or the informational lists,
/// which no rule reads); the rest cost nothing.
fn wanted_sheet(name: &str) -> bool {
    profile::all().iter().any(|p| p.sheets.required().contains(&name))
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    /// Set while this thread is inside the parser, whose panics are reported as findings.
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps the parser's panic message off the user's terminal (it is reported as a finding), and
/// every other panic as loud as before. Installed once for the process: swapping the hook around
/// each read would race between threads and could leave it silenced for everyone.
#[cfg(not(target_arch = "wasm32"))]
fn install_quiet_parser_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn read_isolated(bytes: &[u8]) -> Result<Workbook, ReadError> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    install_quiet_parser_hook();
    READING.with(|r| r.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| workbook::read_workbook(bytes, &wanted_sheet)));
    READING.with(|r| r.set(false));
    result.unwrap_or(Err(ReadError::Unreadable { reason: workbook::Unreadable::ParserCrashed }))
}

#[cfg(target_arch = "wasm32")]
fn read_isolated(bytes: &[u8]) -> Result<Workbook, ReadError> {
    workbook::read_workbook(bytes, &wanted_sheet)
}

/// Checks a workbook that was read: detects the planning round, extracts the plan, runs the rules.
pub fn check_workbook(file_name: &str, workbook: &Workbook) -> Checked {
    check_workbook_with_plan(file_name, workbook).0
}

/// Reads and checks one workbook, keeping the plan read from it (for comparing two versions);
/// `None` when no plan could be read.
pub fn check_bytes_with_plan(file_name: &str, bytes: &[u8]) -> (Checked, Option<plan::Plan>) {
    match read_isolated(bytes) {
        Ok(workbook) => check_workbook_with_plan(file_name, &workbook),
        Err(error) => (Checked::unreadable(file_name, &error), None),
    }
}

fn check_workbook_with_plan(file_name: &str, workbook: &Workbook) -> (Checked, Option<plan::Plan>) {
    let order_of = |p: &profile::Profile| p.sheets.in_order().into_iter().map(str::to_string).collect::<Vec<_>>();
    // The page shows a section per sheet a user fills in, and any other sheet with findings.
    let shown = |p: &profile::Profile, report: &Report| -> Vec<String> {
        let s = &p.sheets;
        let background = [&s.guidance, &s.lists, &s.hwb_data];
        s.in_order()
            .iter()
            .filter(|name| {
                !background.iter().any(|b| b == *name)
                    || report.findings.iter().any(|f| f.sheet.as_deref() == Some(**name))
            })
            .map(|n| n.to_string())
            .collect()
    };
    let default_order = profile::all().first().map(|p| order_of(p)).unwrap_or_default();
    let (profile, mut findings) = match plan::detect_profile(workbook) {
        Detection::Unknown(findings) => {
            let order: Vec<&str> = default_order.iter().map(String::as_str).collect();
            let report = Report::checked(file_name, None, None, findings, &order);
            let sheets = profile::all().first().map(|p| shown(p, &report)).unwrap_or_default();
            return (Checked { report, figures: None, sheets, format: workbook.format }, None);
        }
        Detection::Known(profile, findings) => (profile, findings),
    };
    let order = profile.sheets.in_order();
    let extracted = match plan::extract(workbook, profile) {
        Ok(extracted) => extracted,
        Err(missing) => {
            findings.extend(missing);
            let report = Report::checked(file_name, Some(&profile.id), None, findings, &order);
            let sheets = shown(profile, &report);
            return (Checked { report, figures: None, sheets, format: workbook.format }, None);
        }
    };
    if let Some(error) = &extracted.beyond {
        return (Checked::unreadable(file_name, error), None);
    }
    // Detection already reported a moved version label; extraction would report it again.
    findings.clear();
    findings.extend(extracted.findings);
    findings.extend(rules::check(&extracted.plan));
    let hwb = extracted.plan.hwb().map(|b| b.name.clone());
    let figures = rules::figures(&extracted.plan);
    let report = Report::checked(file_name, Some(&profile.id), hwb.as_deref(), findings, &order);
    let sheets = shown(profile, &report);
    (Checked { report, figures: Some(figures), sheets, format: workbook.format }, Some(extracted.plan))
}
