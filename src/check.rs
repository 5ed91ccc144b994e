//! The whole check, bytes in, report out: the one entry point both shells call.

use crate::own_checks::{self, OwnCheckSummary};
use crate::plan::{self, Detection};
use crate::profile;
use crate::report::{Coverage, Figures, RecognisedBy, Report};
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
    /// The sheets the page shows a section for, in workbook order: the template's (of the
    /// detected round, else of the first), or for a workbook no round recognises, its own.
    pub sheets: Vec<String>,
    /// What kind of spreadsheet the file is, when it could be read: only an Excel workbook can be
    /// given back with its problems marked.
    #[serde(default)]
    pub format: Option<crate::workbook::Format>,
    /// How much was checked, in words ("What was checked" on the page): every check of the
    /// round, or only the workbook's own checklist and drop-down lists. A sentence rather than the
    /// summary itself: the worker's reply then needs no more of the JSON reader than it has.
    #[serde(default)]
    pub checked_in_words: String,
}

impl Checked {
    /// The outcome for a file that could not be read.
    pub fn unreadable(file_name: &str, error: &ReadError) -> Checked {
        Checked {
            report: Report::unreadable(file_name, error),
            figures: None,
            sheets: Vec::new(),
            format: None,
            checked_in_words: own_checks::NOTHING_READ.to_string(),
        }
    }
}

/// [`check_bytes`], plus the funding and metric figures of the plan.
pub fn check_bytes_with_figures(file_name: &str, bytes: &[u8]) -> Checked {
    match read_isolated(bytes) {
        Ok(workbook) => check_workbook(file_name, &workbook),
        Err(error) => Checked::unreadable(file_name, &error),
    }
}

/// The sheets some profile requires, and the guidance sheets (where a title is looked for), must
/// be read; an `.xlsx` workbook's other sheets are read within a budget of their own, for the
/// checks the workbook defines for itself (`workbook::read_workbook`).
fn wanted_sheet(name: &str) -> bool {
    profile::all().iter().any(|p| p.sheets.required().contains(&name) || p.sheets.guidance == name)
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

fn read_isolated(bytes: &[u8]) -> Result<Workbook, ReadError> {
    read_isolated_wanting(bytes, &wanted_sheet)
}

/// Reads a workbook with every sheet wanted (as `profile derive` must: it does not know the
/// template's sheet names yet), a parser's panic reported as an unreadable file.
pub fn read_every_sheet(bytes: &[u8]) -> Result<Workbook, ReadError> {
    read_isolated_wanting(bytes, &|_| true)
}

#[cfg(not(target_arch = "wasm32"))]
fn read_isolated_wanting(bytes: &[u8], wanted: &dyn Fn(&str) -> bool) -> Result<Workbook, ReadError> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    install_quiet_parser_hook();
    READING.with(|r| r.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| workbook::read_workbook(bytes, wanted)));
    READING.with(|r| r.set(false));
    result.unwrap_or(Err(ReadError::Unreadable { reason: workbook::Unreadable::ParserCrashed }))
}

#[cfg(target_arch = "wasm32")]
fn read_isolated_wanting(bytes: &[u8], wanted: &dyn Fn(&str) -> bool) -> Result<Workbook, ReadError> {
    workbook::read_workbook(bytes, wanted)
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
    let mut title_layout_differs: Option<&'static profile::Profile> = None;
    match plan::detect_profile(workbook) {
        Detection::Version(profile, findings) => {
            return check_as(file_name, workbook, profile, findings, RecognisedBy::Version, None);
        }
        Detection::Title { candidates, version } => {
            for profile in candidates {
                let Ok(extracted) = plan::extract(workbook, profile) else { continue };
                if extracted.layout_matches() {
                    let findings = version.iter().map(|v| v.finding(profile)).collect();
                    return check_as(file_name, workbook, profile, findings, RecognisedBy::Title, Some(extracted));
                }
                title_layout_differs.get_or_insert(profile);
            }
        }
        Detection::Unknown(findings) => return not_recognised(file_name, workbook, findings, None),
    }
    // Recognised by title, but laid out otherwise: not this round's layout.
    let findings = plan::detect_unknown(workbook);
    not_recognised(file_name, workbook, findings, title_layout_differs)
}

/// Checks a workbook as the round `profile`: extraction, the round's rules, and what the
/// workbook defines for itself (its checklist and drop-down lists) on the cells the round does
/// not read.
fn check_as(
    file_name: &str,
    workbook: &Workbook,
    profile: &'static profile::Profile,
    mut findings: Vec<crate::report::Finding>,
    by: RecognisedBy,
    extracted: Option<plan::Extracted>,
) -> (Checked, Option<plan::Plan>) {
    let order = sheet_order(workbook, Some(profile));
    let extracted = match extracted.map(Ok).unwrap_or_else(|| plan::extract(workbook, profile)) {
        Ok(extracted) => extracted,
        Err(missing) => {
            findings.extend(missing);
            let mut report = Report::checked(file_name, Some(&profile.id), None, findings, &order);
            report.recognised_by = Some(by);
            let sheets = shown(workbook, Some(profile), &report);
            let checked_in_words = own_checks::coverage_in_words(&report, &OwnCheckSummary::default());
            let checked = Checked { report, figures: None, sheets, format: workbook.format, checked_in_words };
            return (checked, None);
        }
    };
    if let Some(error) = &extracted.beyond {
        return (Checked::unreadable(file_name, error), None);
    }
    // Detection already reported a moved version label; extraction would report it again.
    if by == RecognisedBy::Version {
        findings.clear();
    }
    findings.extend(extracted.findings);
    findings.extend(rules::check(&extracted.plan));
    let own = with_own_checks(workbook, Some(&extracted.plan), &mut findings);
    let hwb = extracted.plan.hwb().map(|b| b.name.clone());
    let figures = rules::figures(&extracted.plan);
    let mut report = Report::checked(file_name, Some(&profile.id), hwb.as_deref(), findings, &order);
    report.recognised_by = Some(by);
    let plan = &extracted.plan;
    report.relate_knock_on(&[plan.sheet_name(plan::SheetKind::Expenditure), plan.sheet_name(plan::SheetKind::Income)]);
    let sheets = shown(workbook, Some(profile), &report);
    let checked_in_words = own_checks::coverage_in_words(&report, &own);
    let checked = Checked { report, figures: Some(figures), sheets, format: workbook.format, checked_in_words };
    (checked, Some(extracted.plan))
}

/// Adds the workbook's own checks to a round's findings. The round's rules judge the cells they
/// read, so validations leave those to them; a checklist item is not reported again at a cell
/// another finding already points at (`own_checks::check`).
fn with_own_checks(
    workbook: &Workbook,
    plan: Option<&plan::Plan>,
    findings: &mut Vec<crate::report::Finding>,
) -> OwnCheckSummary {
    use crate::workbook::{CellRange, CellRef};
    let read = match plan {
        Some(plan) => {
            own_checks::cells_of(workbook, plan.cells().into_iter().map(|(kind, f)| (plan.sheet_name(kind), f.at)))
        }
        None => own_checks::CellSet::default(),
    };
    // Findings before runs are merged point at one cell, or a short range.
    fn each_cell(f: &crate::report::Finding) -> impl Iterator<Item = (&str, CellRef)> + '_ {
        let sheet = f.sheet.as_deref().unwrap_or_default();
        let range = f.at.unwrap_or(CellRange::single(CellRef::new(0, 0)));
        (range.start.row..=range.end.row.min(range.start.row + 1000)).flat_map(move |row| {
            (range.start.col..=range.end.col.min(range.start.col + 100)).map(move |col| (sheet, CellRef::new(row, col)))
        })
    }
    let pointed = own_checks::cells_of(workbook, findings.iter().filter(|f| f.at.is_some()).flat_map(each_cell));
    let own = own_checks::check(workbook, &read, &pointed);
    findings.extend(own.findings);
    own.summary
}

/// A workbook no round recognises: checked by what it defines for itself when it defines
/// anything (a partial check, said so plainly), else today's finding that it is not a template.
fn not_recognised(
    file_name: &str,
    workbook: &Workbook,
    unknown: Vec<crate::report::Finding>,
    title_of: Option<&'static profile::Profile>,
) -> (Checked, Option<plan::Plan>) {
    let order = sheet_order(workbook, None);
    let mut findings = Vec::new();
    let own = with_own_checks(workbook, None, &mut findings);
    if !own.defines_anything() {
        let mut unknown = unknown;
        if !own.readable {
            for f in &mut unknown {
                f.message.push_str(" (The checker reads a template's own checklist and drop-down lists only from Excel workbooks, .xlsx or .xlsm.)");
            }
        }
        let report = Report::checked(file_name, None, None, unknown, &order);
        let sheets = shown(workbook, profile::all().first().copied(), &report);
        let checked_in_words = own_checks::coverage_in_words(&report, &own);
        return (Checked { report, figures: None, sheets, format: workbook.format, checked_in_words }, None);
    }
    findings.push(not_recognised_finding(&own, title_of));
    let hwb = own_checks::board(workbook);
    let mut report = Report::checked(file_name, None, hwb.as_deref(), findings, &order);
    report.coverage = Coverage::Workbook;
    let sheets = shown(workbook, None, &report);
    let checked_in_words = own_checks::coverage_in_words(&report, &own);
    (Checked { report, figures: None, sheets, format: workbook.format, checked_in_words }, None)
}

/// `template.not-recognised`: what was checked, and what was not.
fn not_recognised_finding(own: &OwnCheckSummary, title_of: Option<&profile::Profile>) -> crate::report::Finding {
    let rule = crate::catalogue::TEMPLATE_NOT_RECOGNISED;
    let why = match title_of {
        Some(p) => format!(
            "This workbook has the title “{}”, but its sheets are laid out differently from that template's layout as the checker knows it",
            p.title
        ),
        None => "The checker does not know this template's layout".to_string(),
    };
    crate::report::Finding::new(
        rule.id,
        rule.severity,
        {
            let not = own.what_was_not_checked();
            let not = if not.is_empty() { String::new() } else { format!(" {not}") };
            format!(
                "{why}, so this was a partial check of only what the workbook defines for itself: {}.{not} The funding, metric and national condition checks were not made: they need a definition of this template.",
                match own.what_was_checked() {
                    checked if checked.is_empty() => "none of its drop-down lists could be evaluated".to_string(),
                    checked => checked,
                }
            )
        },
        "To have every check made, use a template definition that describes this template: make one from the blank template (“Make a definition from a blank template” on the page, or bcf-check profile derive), or choose one you have (“Use a different template definition”, or --profile). Or copy your figures into the planning template for your round.",
    )
}

/// The order findings sort in: the round's sheets, then the workbook's others, in workbook order.
fn sheet_order<'w>(workbook: &'w Workbook, profile: Option<&'w profile::Profile>) -> Vec<&'w str> {
    let mut order: Vec<&str> = profile.map(|p| p.sheets.in_order()).unwrap_or_default();
    for name in &workbook.sheet_names {
        if !order.contains(&name.as_str()) {
            order.push(name);
        }
    }
    order
}

/// The sheets the page shows a section for: each sheet a user fills in, and any other sheet with
/// findings. Without a round: the workbook's visible sheets, and any other with findings.
fn shown(workbook: &Workbook, profile: Option<&profile::Profile>, report: &Report) -> Vec<String> {
    let has_findings = |name: &str| report.findings.iter().any(|f| f.sheet.as_deref() == Some(name));
    let mut sheets: Vec<String> = match profile {
        Some(p) => {
            let s = &p.sheets;
            let background = [Some(&s.guidance), s.checklist.as_ref(), Some(&s.lists), Some(&s.hwb_data)];
            s.in_order()
                .into_iter()
                .filter(|name| !background.iter().flatten().any(|b| b == name) || has_findings(name))
                .map(str::to_string)
                .collect()
        }
        None => workbook.sheets.iter().filter(|s| !s.hidden || has_findings(&s.name)).map(|s| s.name.clone()).collect(),
    };
    for name in &workbook.sheet_names {
        if !sheets.contains(name) && has_findings(name) {
            sheets.push(name.clone());
        }
    }
    sheets
}
