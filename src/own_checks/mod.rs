//! The checks a workbook defines for itself: its checklist (items with a linked cell and a Yes/No
//! "checker") and its data validations (drop-down lists and restricted numbers), on any `.xlsx`
//! or `.xlsm` workbook, whether or not a template definition recognises it. Real templates carry
//! both; Excel's validation stops a typed value but not a pasted one, and a checklist is only as
//! current as the workbook's last recalculation.
//!
//! Architecture invariant: like the rules, this is pure (workbook in, findings out), never
//! panics, and does work proportional to the cells present, never to a validation's declared
//! range. It names no round, sheet or label of any template.

mod checklist;
mod validation;

pub use validation::list_in_column;

use std::collections::{BTreeSet, HashMap};

use crate::report::Finding;
use crate::workbook::{CellRef, Sheet, Value, Workbook};

/// What the workbook's own checks covered, for the report's "what was checked".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnCheckSummary {
    /// Whether the file's format keeps its checklist links and validations readable.
    pub readable: bool,
    /// Checklist items found (rows with a linked cell and a Yes/No checker).
    pub checklist_items: usize,
    /// Validations evaluated (lists and constant limits).
    pub validations: usize,
    /// Validations that Excel works out with formulas (`INDIRECT`, custom rules, bounds from
    /// cells): not evaluated, never guessed.
    pub not_evaluated: usize,
    /// Validations past the checker's limits (per sheet, or of the work it does): not evaluated.
    pub past_limits: usize,
    /// Sheets whose cells did not fit the budget for sheets no round requires: not checked.
    pub sheets_not_read: Vec<String>,
}

impl OwnCheckSummary {
    /// Whether the workbook defines anything for itself to be checked by.
    pub fn defines_anything(&self) -> bool {
        self.checklist_items > 0 || self.validations > 0 || self.not_evaluated > 0 || self.past_limits > 0
    }

    /// What was checked, as a list for a sentence: "its checklist (12 items) and 16 drop-down
    /// lists and number limits"; empty when nothing was.
    pub fn what_was_checked(&self) -> String {
        let mut parts = Vec::new();
        if self.checklist_items > 0 {
            parts.push(format!("its checklist ({})", count(self.checklist_items, "item", "items")));
        }
        if self.validations > 0 {
            parts.push(count(self.validations, "drop-down list or number limit", "drop-down lists and number limits"));
        }
        crate::report::words::and_list(&parts)
    }

    /// What was not checked of what the workbook defines, and why, in sentences (may be empty).
    pub fn what_was_not_checked(&self) -> String {
        if !self.readable {
            return "This kind of file does not keep a template's checklist links and drop-down lists where the checker can read them, so they were not checked. Save the workbook as an Excel workbook (.xlsx) to have them checked.".to_string();
        }
        let mut sentences = Vec::new();
        if self.not_evaluated > 0 {
            sentences.push(format!(
                "{} not checked, because Excel works {} out with formulas.",
                count_cap(self.not_evaluated, "drop-down list or limit was", "drop-down lists or limits were"),
                if self.not_evaluated == 1 { "it" } else { "them" }
            ));
        }
        if self.past_limits > 0 {
            sentences.push(format!(
                "{} not checked, because the workbook has more than the checker reads.",
                count_cap(self.past_limits, "drop-down list or limit was", "drop-down lists or limits were"),
            ));
        }
        if !self.sheets_not_read.is_empty() {
            let names: Vec<String> = self.sheets_not_read.iter().take(3).map(|n| format!("“{n}”")).collect();
            sentences.push(format!(
                "The {} {} {} too large to read for these checks.",
                if names.len() == 1 { "sheet" } else { "sheets" },
                crate::report::words::and_list(&names),
                if names.len() == 1 { "was" } else { "were" }
            ));
        }
        sentences.join(" ")
    }

    /// One or two sentences for a round's report: what else was checked, of what the workbook
    /// defines for itself.
    pub fn in_words(&self) -> String {
        let checked = self.what_was_checked();
        let mut text = if checked.is_empty() {
            String::new()
        } else {
            format!("It also checked what the workbook defines for itself: {checked}.")
        };
        let not = self.what_was_not_checked();
        if !not.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&not);
        }
        text
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn count_cap(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("One {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What was checked of a file that could not be read.
pub const NOTHING_READ: &str = "Nothing: the file could not be read.";

/// How much of a workbook was checked, for people: every check of its round, only what the
/// workbook defines for itself (a partial check), or nothing.
pub fn coverage_in_words(report: &crate::report::Report, own: &OwnCheckSummary) -> String {
    use crate::report::Coverage;
    match report.coverage {
        Coverage::Full => {
            let also = own.in_words();
            if also.is_empty() {
                "Every check of the planning round.".to_string()
            } else {
                format!("Every check of the planning round. {also}")
            }
        }
        Coverage::Workbook => {
            let not = own.what_was_not_checked();
            format!(
                "Partial check: the checker does not know this template's layout, so it checked only what the workbook defines for itself ({}). The funding, metric and national condition checks were not made: they need a definition of this template.{}",
                own.what_was_checked(),
                if not.is_empty() { String::new() } else { format!(" {not}") }
            )
        }
        Coverage::None if report.status == crate::report::Status::Unreadable => NOTHING_READ.to_string(),
        Coverage::None => "Nothing: the checker does not recognise this workbook as a planning template.".to_string(),
    }
}

/// The findings and what was covered.
pub struct OwnChecks {
    pub findings: Vec<Finding>,
    pub summary: OwnCheckSummary,
}

/// Cells, each as (the sheet's position among the sheets read, the cell), gathered as the checks
/// run (cells reported, items taken). Ordered rather than hashed: no hash table is instantiated
/// for them in the browser's module.
pub type Cells = BTreeSet<(usize, CellRef)>;

/// A set of cells made once and then only looked up (the thousands of cells a round's rules
/// read): sorted, so a look-up is a binary search, with no hashing or tree to build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellSet(Vec<(usize, CellRef)>);

impl CellSet {
    pub fn contains(&self, cell: &(usize, CellRef)) -> bool {
        self.0.binary_search(cell).is_ok()
    }

    /// The cells of one sheet, in order, to be walked beside the sheet's own cells.
    fn of_sheet(&self, sheet: usize) -> Walk<'_> {
        let first = self.0.partition_point(|(s, _)| *s < sheet);
        let last = self.0.partition_point(|(s, _)| *s <= sheet);
        Walk { cells: &self.0[first..last] }
    }
}

/// One sheet's cells of a [`CellSet`], asked about in increasing order: each question moves
/// forward, so a walk of a sheet costs its cells once, not a search each.
struct Walk<'a> {
    cells: &'a [(usize, CellRef)],
}

impl Walk<'_> {
    fn contains(&mut self, at: CellRef) -> bool {
        while let Some(((_, first), rest)) = self.cells.split_first() {
            if *first >= at {
                return *first == at;
            }
            self.cells = rest;
        }
        false
    }
}

impl FromIterator<(usize, CellRef)> for CellSet {
    fn from_iter<I: IntoIterator<Item = (usize, CellRef)>>(cells: I) -> Self {
        let mut cells: Vec<(usize, CellRef)> = cells.into_iter().collect();
        cells.sort_unstable();
        cells.dedup();
        CellSet(cells)
    }
}

/// Cells judged elsewhere: the round's own rules read them, so the workbook's validations and
/// error checks leave them to those rules.
pub type Judged<'a> = &'a CellSet;

/// Cells of this workbook given by sheet name (the cells a round's rules read, or its findings
/// point at), as a [`CellSet`].
pub fn cells_of<S: AsRef<str>>(workbook: &Workbook, cells: impl IntoIterator<Item = (S, CellRef)>) -> CellSet {
    let places = Places::new(workbook);
    // The cells come a sheet at a time: its position is looked up once per run of them.
    let mut last: Option<(S, Option<usize>)> = None;
    let mut out = Vec::new();
    for (sheet, at) in cells {
        let index = match &last {
            Some((name, index)) if name.as_ref() == sheet.as_ref() => *index,
            _ => {
                let index = places.position(sheet.as_ref());
                last = Some((sheet, index));
                index
            }
        };
        if let Some(index) = index {
            out.push((index, at));
        }
    }
    out.into_iter().collect()
}

/// Runs the workbook's own checks. `judged` says which cells a round's rules read (left to them),
/// `pointed` which cells its findings point at: a checklist item is not reported again at a cell
/// another finding already points at.
pub fn check(workbook: &Workbook, judged: Judged<'_>, pointed: &CellSet) -> OwnChecks {
    let mut summary = OwnCheckSummary {
        readable: workbook.definitions_read,
        sheets_not_read: workbook.sheets_not_read.clone(),
        ..Default::default()
    };
    let mut findings = Vec::new();
    if !workbook.definitions_read {
        return OwnChecks { findings, summary };
    }
    let places = Places::new(workbook);
    let mut errors_seen = Cells::new();
    let mut items = Vec::new();
    checklist::check(workbook, &places, judged, &mut items, &mut summary, &mut errors_seen);
    validation::check(workbook, &places, judged, &mut findings, &mut summary, &mut errors_seen);
    let is_checklist = |f: &Finding| f.rule.starts_with("checklist.");
    let first_cell = |f: &Finding| Some((places.position(f.sheet.as_deref()?)?, f.at?.start));
    let others: CellSet =
        findings.iter().chain(items.iter().filter(|f| !is_checklist(f))).filter_map(first_cell).collect();
    for f in items {
        let said = is_checklist(&f) && first_cell(&f).is_some_and(|c| pointed.contains(&c) || others.contains(&c));
        if !said {
            findings.push(f);
        }
    }
    OwnChecks { findings, summary }
}

/// Sheets by name as Excel finds them (ignoring letter case), and the workbook's defined names.
struct Places<'w> {
    workbook: &'w Workbook,
    /// The sheets read, by name in lower case → position among them.
    by_name: HashMap<String, usize>,
    /// Every sheet's name in lower case (read or not) → its position in the workbook.
    all: HashMap<String, usize>,
}

impl<'w> Places<'w> {
    fn new(workbook: &'w Workbook) -> Self {
        let by_name = workbook.sheets.iter().enumerate().map(|(i, s)| (s.name.to_lowercase(), i)).collect();
        let all = workbook.sheet_names.iter().enumerate().map(|(i, n)| (n.to_lowercase(), i)).collect();
        Places { workbook, by_name, all }
    }

    fn sheet(&self, name: &str) -> Option<&'w Sheet> {
        self.position(name).and_then(|i| self.workbook.sheets.get(i))
    }

    /// A sheet's position among the sheets read, by its name as Excel finds it (ignoring case).
    fn position(&self, name: &str) -> Option<usize> {
        let exact = self.workbook.sheets.iter().position(|s| s.name == name);
        exact.or_else(|| self.by_name.get(&name.to_lowercase()).copied())
    }

    /// Whether the workbook has a sheet of this name, read or not.
    fn exists(&self, name: &str) -> bool {
        self.all.contains_key(&name.to_lowercase())
    }

    /// A reference as formulas write it (`'2. Cover'!$C$6`, `Cover!C6:C7`, `$B$2:$B$40` on
    /// `on_sheet`, a defined name) → the sheet's name and the range. `None` for anything else
    /// (a function, a whole column, a name that is not a plain range).
    fn reference(
        &self,
        text: &str,
        on_sheet: &str,
        sheet_index: Option<usize>,
    ) -> Option<(String, crate::workbook::CellRange)> {
        let text = text.trim().trim_start_matches('=').trim();
        if let Some(found) = split_reference(text, on_sheet) {
            return Some(found);
        }
        // A defined name: the sheet's own first, then the workbook's.
        let names = &self.workbook.names;
        let name = names
            .iter()
            .find(|n| n.local_sheet.is_some() && n.local_sheet == sheet_index && n.name.eq_ignore_ascii_case(text))
            .or_else(|| names.iter().find(|n| n.local_sheet.is_none() && n.name.eq_ignore_ascii_case(text)))?;
        split_reference(name.formula.trim().trim_start_matches('='), on_sheet)
    }

    /// A sheet's position in the workbook (read or not), as a defined name's scope gives it.
    fn index_of(&self, sheet: &str) -> Option<usize> {
        self.workbook.sheet_names.iter().position(|n| n == sheet)
    }
}

/// `'2. Cover'!$C$6` / `Cover!C6:C7` / `'It''s'!A1` / `$B$2:$B$40` (on `on_sheet`) → (sheet, range).
/// LibreOffice's own form (`'2. Cover'.C6`, `$Cover.$C$6`) is read too.
fn split_reference(text: &str, on_sheet: &str) -> Option<(String, crate::workbook::CellRange)> {
    let text = text.trim();
    let (sheet, cells) = if let Some(rest) = text.strip_prefix('\'') {
        // Quoted: '' inside stands for one quote.
        let mut name = String::new();
        let mut chars = rest.char_indices().peekable();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().map(|(_, c)| *c) == Some('\'') {
                    chars.next();
                    name.push('\'');
                    continue;
                }
                end = Some(i + 1);
                break;
            }
            name.push(c);
        }
        let after = &rest[end?..];
        let cells = after.strip_prefix('!').or_else(|| after.strip_prefix('.'))?;
        (name, cells)
    } else if let Some((sheet, cells)) = text.rsplit_once('!') {
        (sheet.trim_start_matches('$').to_string(), cells)
    } else if let Some((sheet, cells)) = text.split_once('.').filter(|(s, _)| s.starts_with('$')) {
        (sheet.trim_start_matches('$').to_string(), cells)
    } else {
        (on_sheet.to_string(), text)
    };
    // LibreOffice repeats the sheet on a range's second cell: `$Lists.$A$2:.$A$9`.
    let cells = cells.replace(":.", ":").replace('$', "");
    let cells = match cells.split_once(':') {
        Some((a, b)) => format!("{a}:{}", b.rsplit(['!', '.']).next().unwrap_or(b)),
        None => cells,
    };
    if sheet.is_empty() {
        return None;
    }
    crate::workbook::CellRange::parse(&cells).map(|range| (sheet, range))
}

/// Excel's idea of an empty cell, as a checklist formula sees it (`=""`, `ISBLANK`): nothing at
/// all, or empty text. A cell holding only spaces is not empty to Excel.
fn excel_empty(value: &Value) -> bool {
    match value {
        Value::Empty => true,
        Value::Text(t) => t.is_empty(),
        _ => false,
    }
}

/// Labels and headers match ignoring letter case, repeated spaces and a trailing colon.
fn same_text(cell: &Value, text: &str) -> bool {
    match cell {
        Value::Text(t) => crate::plan::same_label(t, text),
        _ => false,
    }
}

/// The board named in a workbook no round recognises: the value beside a cell labelled
/// `Health and Wellbeing Board`, on a visible sheet.
pub fn board(workbook: &Workbook) -> Option<String> {
    for sheet in workbook.sheets.iter().filter(|s| !s.hidden) {
        for (at, cell) in &sheet.cells {
            if !same_text(&cell.value, "Health and Wellbeing Board") {
                continue;
            }
            // A checklist's row of the same words has its cell reference beside them (a link, or
            // text such as `2. Cover!C8`), not a board's name.
            let in_range = |r: &crate::workbook::CellRange, c: CellRef| {
                (r.start.row..=r.end.row).contains(&c.row) && (r.start.col..=r.end.col).contains(&c.col)
            };
            let is_reference = |c: CellRef, value: &Value| {
                sheet.links.iter().any(|l| in_range(&l.from, c))
                    || matches!(value, Value::Text(t) if t.rsplit_once('!').is_some_and(|(_, a)| crate::workbook::CellRange::parse(a).is_some()))
            };
            let beside = sheet
                .row(at.row)
                .find(|(c, cell)| c.col > at.col && !cell.value.is_blank() && !matches!(cell.value, Value::Error(_)));
            let beside = beside.filter(|(c, cell)| !is_reference(**c, &cell.value));
            if let Some((_, cell)) = beside {
                return Some(cell.value.display().trim().to_string());
            }
        }
    }
    None
}

/// Whether a sheet's cell is one of `cells`.
fn contains(cells: &CellSet, sheet_index: usize, at: CellRef) -> bool {
    cells.contains(&(sheet_index, at))
}

/// The `cell.excel-error` finding for a cell a validation covers or the checklist links to.
fn excel_error(sheet: &str, at: CellRef, error: &str) -> Finding {
    let rule = crate::catalogue::CELL_EXCEL_ERROR;
    Finding::new(
        rule.id,
        rule.severity,
        format!("This cell shows the Excel error {error} instead of a value."),
        "Replace it with the value that belongs here, or if it comes from a formula, check the cells the formula uses.",
    )
    .at(sheet, crate::workbook::CellRange::single(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_read_as_excel_and_libreoffice_write_them() {
        let r = |t: &str| split_reference(t, "Here").map(|(s, r)| format!("{s}!{r}"));
        assert_eq!(r("'2. Cover'!$C$6").as_deref(), Some("2. Cover!C6"));
        assert_eq!(r("Cover!C6:C7").as_deref(), Some("Cover!C6:C7"));
        assert_eq!(r("'It''s'!A1").as_deref(), Some("It's!A1"));
        assert_eq!(r("$B$2:$B$40").as_deref(), Some("Here!B2:B40"));
        assert_eq!(r("$Lists.$A$2:.$A$9").as_deref(), Some("Lists!A2:A9"));
        assert_eq!(r("'2. Cover'.C6").as_deref(), Some("2. Cover!C6"));
        assert_eq!(r("INDIRECT(E7)"), None);
        assert_eq!(r("OFFSET(Lists!A1,0,0,5)"), None);
        assert_eq!(r("Lists!A:A"), None);
    }
}
