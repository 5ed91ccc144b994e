//! The page's state as a pure reducer, and the pure functions that arrange a report for display.

use std::rc::Rc;

use yew::Reducible;

use crate::check::Checked;
use crate::report::{Finding, Report, Severity, Status};

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Ready,
    Checking {
        file: String,
    },
    Checked(Rc<Checked>),
    /// Several plans, checked one after another: the results so far, and how many in all.
    Batch {
        done: Rc<Vec<Rc<Checked>>>,
        total: usize,
    },
    /// Every plan of a batch checked: the summary table.
    BatchDone(Rc<Vec<Rc<Checked>>>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub phase: Phase,
    /// How many checks have finished, so effects (focus, title) run once per result.
    pub checks: u32,
    /// The single plans' reports shown on this page, by number: each is a history entry, so
    /// the browser's Back and Forward move between them and the file control.
    pub reports: Rc<Vec<Rc<Checked>>>,
    /// How many single reports this page has made (the next one's number).
    pub reports_made: usize,
    /// A history entry to add for what is now shown (a report, the batch's table), with a serial
    /// number so that the page adds each once.
    pub push: Option<(u32, String)>,
    /// The plans of the last batch, while one of its reports is open ("Back to all plans").
    pub batch: Option<Rc<Vec<Rc<Checked>>>>,
    /// How the batch's table was left: its sort, and the plan opened from it with the page's
    /// scroll position then, so that coming back finds it as it was.
    pub batch_view: BatchView,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BatchView {
    /// The column sorted by (its place in the table) and whether ascending.
    pub sort: (usize, bool),
    /// The plan opened (its place in the batch) and how far the page was scrolled.
    pub opened: Option<(usize, f64)>,
}

impl Default for State {
    fn default() -> Self {
        State {
            phase: Phase::Ready,
            checks: 0,
            reports: Rc::new(Vec::new()),
            reports_made: 0,
            push: None,
            batch: None,
            batch_view: BatchView { sort: (0, true), opened: None },
        }
    }
}

/// The most single reports kept for Back and Forward (each holds its report, not its workbook).
const MOST_REPORTS: usize = 50;

/// The history entries the page adds, as the browser keeps them (a string each).
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// The file control: the page as first opened, or "Check another file".
    Form,
    /// A single plan's report, by its number on this page.
    Report(usize),
    /// The batch's table.
    Batch,
    /// A plan opened from the batch's table.
    OpenedPlan,
    /// An entry of the browser's own: a link within the page (`#problem-2`) adds one with no
    /// state. Arriving at one changes nothing shown.
    WithinPage,
}

const CHECK_ANOTHER: &str = "bcf-check:check-another";
const REPORT: &str = "bcf-check:report:";
const BATCH: &str = "bcf-check:batch";
const OPENED_PLAN: &str = "bcf-check:opened-plan";

impl Entry {
    /// The entry a history state stands for. The page marks its first entry as the file control
    /// when it starts, so an entry without a state is one a link within the page added.
    pub fn read(state: Option<&str>) -> Entry {
        match state {
            Some(OPENED_PLAN) => Entry::OpenedPlan,
            Some(BATCH) => Entry::Batch,
            Some(s) => s.strip_prefix(REPORT).and_then(|n| n.parse().ok()).map_or(Entry::Form, Entry::Report),
            None => Entry::WithinPage,
        }
    }

    pub fn write(&self) -> String {
        match self {
            Entry::Form => CHECK_ANOTHER.to_string(),
            Entry::Report(n) => format!("{REPORT}{n}"),
            Entry::Batch => BATCH.to_string(),
            Entry::OpenedPlan => OPENED_PLAN.to_string(),
            Entry::WithinPage => String::new(),
        }
    }
}

pub enum Action {
    Started(String),
    Finished(Checked),
    /// "Check another file": the file control.
    Reset,
    /// The browser's Back or Forward arrived at a history entry of this page.
    Popped(Entry),
    /// Several plans chosen at once: this many.
    BatchStarted(usize),
    /// One plan of the finished batch opened, by its place in the batch, with how far the page
    /// was scrolled.
    Open(usize, f64),
    /// The batch's table sorted by a column (its place), ascending or not.
    Sorted(usize, bool),
    /// Back from one plan's report to the batch's table.
    ToBatch,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut reports = self.reports.clone();
        let mut reports_made = self.reports_made;
        let mut batch = self.batch.clone();
        let mut batch_view = self.batch_view;
        let serial = self.push.as_ref().map_or(0, |(n, _)| n + 1);
        let mut push = None;
        let (phase, checks) = match action {
            Action::Started(file) => {
                batch = None;
                (Phase::Checking { file }, self.checks)
            }
            Action::Finished(checked) => match &self.phase {
                // A batch keeps every report (not the workbooks) until the last is in.
                Phase::Batch { done, total } => {
                    let mut done = (**done).clone();
                    done.push(Rc::new(checked));
                    if done.len() >= *total {
                        let all = Rc::new(done);
                        batch = Some(all.clone());
                        push = Some((serial, Entry::Batch.write()));
                        (Phase::BatchDone(all), self.checks + 1)
                    } else {
                        (Phase::Batch { done: Rc::new(done), total: *total }, self.checks)
                    }
                }
                _ => {
                    let checked = Rc::new(checked);
                    let mut kept = (*reports).clone();
                    if kept.len() >= MOST_REPORTS {
                        kept.remove(0);
                    }
                    kept.push(checked.clone());
                    push = Some((serial, Entry::Report(reports_made).write()));
                    reports_made += 1;
                    reports = Rc::new(kept);
                    (Phase::Checked(checked), self.checks + 1)
                }
            },
            Action::BatchStarted(total) => {
                batch = None;
                batch_view = BatchView { sort: (0, true), opened: None };
                (Phase::Batch { done: Rc::new(Vec::new()), total }, self.checks)
            }
            Action::Open(index, scrolled) => match (&self.phase, &batch) {
                (Phase::BatchDone(all), _) | (_, Some(all)) => match all.get(index) {
                    Some(c) => {
                        batch_view.opened = Some((index, scrolled));
                        (Phase::Checked(c.clone()), self.checks + 1)
                    }
                    None => (self.phase.clone(), self.checks),
                },
                _ => (self.phase.clone(), self.checks),
            },
            Action::Sorted(column, ascending) => {
                batch_view.sort = (column, ascending);
                (self.phase.clone(), self.checks)
            }
            Action::ToBatch => match &batch {
                Some(all) => (Phase::BatchDone(all.clone()), self.checks + 1),
                None => (self.phase.clone(), self.checks),
            },
            Action::Reset => (Phase::Ready, self.checks),
            Action::Popped(entry) => match entry {
                Entry::WithinPage => return self,
                Entry::Form => (Phase::Ready, self.checks),
                // Report numbers count every check; the list keeps the last ones.
                Entry::Report(n) => {
                    let first = reports_made - reports.len();
                    match n.checked_sub(first).and_then(|i| reports.get(i)) {
                        Some(c) => (Phase::Checked(c.clone()), self.checks + 1),
                        None => (Phase::Ready, self.checks),
                    }
                }
                Entry::Batch => match &batch {
                    Some(all) => (Phase::BatchDone(all.clone()), self.checks + 1),
                    None => (Phase::Ready, self.checks),
                },
                Entry::OpenedPlan => match (&batch, self.batch_view.opened) {
                    (Some(all), Some((index, scrolled))) => match all.get(index) {
                        Some(c) => {
                            batch_view.opened = Some((index, scrolled));
                            (Phase::Checked(c.clone()), self.checks + 1)
                        }
                        None => (Phase::Ready, self.checks),
                    },
                    _ => (Phase::Ready, self.checks),
                },
            },
        };
        let push = push.or_else(|| self.push.clone());
        Rc::new(State { phase, checks, reports, reports_made, push, batch, batch_view })
    }
}

pub const TITLE: &str = "Check your Better Care Fund planning template";

/// The document title: prefixed with "Error: " when the check found errors or could not read the
/// file (GOV.UK pattern); warnings alone are not errors.
pub fn title(state: &State) -> String {
    match &state.phase {
        Phase::Checked(c) if c.report.counts.error > 0 || c.report.status == crate::report::Status::Unreadable => {
            format!("Error: {TITLE}")
        }
        Phase::BatchDone(all) => format!("{} plans checked – {TITLE}", all.len()),
        _ => TITLE.to_string(),
    }
}

/// What the live region says.
pub fn announcement(state: &State) -> String {
    match &state.phase {
        Phase::Ready => String::new(),
        Phase::Checking { file } => format!("Checking {file}…"),
        Phase::Batch { done, total } => format!("Checked {} of {total} plans…", done.len()),
        Phase::BatchDone(all) => format!("Checked {} plans.", all.len()),
        Phase::Checked(c) => {
            let r = &c.report;
            match r.status {
                Status::Unreadable => format!("{} could not be checked.", r.file),
                Status::Pass => format!("{} was checked. No problems were found.", r.file),
                _ => format!("{} was checked. We found {}.", r.file, counts_in_words(r)),
            }
        }
    }
}

/// `"2 errors, 1 warning and no advisory notes"`.
pub fn counts_in_words(report: &Report) -> String {
    let c = report.counts;
    let part = |n: usize, one: &str, many: &str| match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    format!(
        "{}, {} and {}",
        part(c.error, "error", "errors"),
        part(c.warning, "warning", "warnings"),
        part(c.advisory, "advisory note", "advisory notes")
    )
}

/// A heading's worth of findings: one sheet, the checks across sheets, or the file itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The element id the error summary links to.
    pub id: String,
    pub title: String,
    pub findings: Vec<Numbered>,
    /// A sheet's problems that are listed under "Checks across sheets" (they compare figures
    /// from more than one sheet) but point at a cell of this one: counted in its status, so a
    /// sheet is never called free of problems while one is on it.
    pub listed_elsewhere: Vec<Finding>,
}

/// A finding with its place in the report, which gives its row on the page an id to link to.
#[derive(Clone, Debug, PartialEq)]
pub struct Numbered {
    pub number: usize,
    pub finding: Finding,
    /// The problems it may follow from: each one's place, and its row's id when it has one.
    pub follows_from: Vec<(String, Option<String>)>,
}

impl Numbered {
    /// The id of the finding's row, which the error summary links to.
    pub fn element_id(&self) -> String {
        problem_id(self.number)
    }
}

/// The id of the row of the report's finding number `number` (from 0).
pub fn problem_id(number: usize) -> String {
    format!("problem-{}", number + 1)
}

impl Group {
    fn all(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().map(|n| &n.finding).chain(&self.listed_elsewhere)
    }

    pub fn worst(&self) -> Option<Severity> {
        self.all().map(|f| f.severity).max()
    }

    /// Whether any problem is on it, listed here or elsewhere.
    pub fn has_problems(&self) -> bool {
        self.all().next().is_some()
    }

    /// `"2 errors and 1 warning"`, or `"No problems found"`.
    pub fn status(&self) -> String {
        let count = |s: Severity| self.all().filter(|f| f.severity == s).count();
        let parts: Vec<String> =
            [(Severity::Error, "error"), (Severity::Warning, "warning"), (Severity::Advisory, "advisory note")]
                .iter()
                .map(|(s, word)| (count(*s), word))
                .filter(|(n, _)| *n > 0)
                .map(|(n, word)| format!("{n} {word}{}", if n == 1 { "" } else { "s" }))
                .collect();
        match parts.as_slice() {
            [] => "No problems found".to_string(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// Findings that compare figures from more than one sheet are shown together, not under the
/// sheet their cell happens to be on.
pub fn is_cross_sheet(rule: &str) -> bool {
    rule.starts_with("funding.")
        || rule == "summary.stale"
        || rule == "condition.contradicted"
        || rule == "condition.signoff-inconsistent"
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The report arranged for the page: the file's own problems, then one group per sheet (in
/// workbook order, with or without findings), then the checks across sheets.
pub fn groups(checked: &Checked) -> Vec<Group> {
    let findings = &checked.report.findings;
    let mut groups = Vec::new();
    // A finding's place → its row, for the links from a problem to those it may follow from.
    let mut rows: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (number, f) in findings.iter().enumerate() {
        if let Some(place) = f.place() {
            rows.entry(place).or_insert_with(|| problem_id(number));
        }
    }
    let numbered = |keep: &dyn Fn(&Finding) -> bool| -> Vec<Numbered> {
        findings
            .iter()
            .enumerate()
            .filter(|(_, f)| keep(f))
            .map(|(number, f)| Numbered {
                number,
                finding: f.clone(),
                follows_from: f.related.iter().map(|place| (place.clone(), rows.get(place).cloned())).collect(),
            })
            .collect()
    };
    let file = numbered(&|f| f.sheet.is_none());
    if !file.is_empty() {
        groups.push(Group {
            id: "section-file".into(),
            title: "Your file".into(),
            findings: file,
            listed_elsewhere: Vec::new(),
        });
    }
    let mut sheets = checked.sheets.clone();
    for f in findings {
        if let Some(sheet) = &f.sheet {
            if !sheets.contains(sheet) {
                sheets.push(sheet.clone());
            }
        }
    }
    if checked.report.status != Status::Unreadable {
        for sheet in sheets {
            let here = |f: &&Finding| f.sheet.as_deref() == Some(sheet.as_str());
            let on_sheet = numbered(&|f| f.sheet.as_deref() == Some(sheet.as_str()) && !is_cross_sheet(&f.rule));
            let listed_elsewhere = findings.iter().filter(here).filter(|f| is_cross_sheet(&f.rule)).cloned().collect();
            groups.push(Group {
                id: format!("section-{}", slug(&sheet)),
                title: sheet,
                findings: on_sheet,
                listed_elsewhere,
            });
        }
    }
    let across = numbered(&|f| is_cross_sheet(&f.rule));
    if checked.figures.is_some() || !across.is_empty() {
        groups.push(Group {
            id: "section-across-sheets".into(),
            title: "Checks across sheets".into(),
            findings: across,
            listed_elsewhere: Vec::new(),
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("7. National Conditions"), "7-national-conditions");
        assert_eq!(slug("HWB Data"), "hwb-data");
    }
}
