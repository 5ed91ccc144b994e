//! A template's own checklist: under a header row with `Cell Reference` and `checker`, each row
//! whose Cell Reference cell links to a place in the workbook and whose checker says Yes or No.

use std::collections::{HashMap, HashSet};

use super::{excel_empty, excel_error, same_text, Judged, OwnCheckSummary, Places};
use crate::catalogue::{CHECKLIST_INCOMPLETE, CHECKLIST_OUT_OF_DATE};
use crate::report::Finding;
use crate::workbook::{CellRange, CellRef, Link, Sheet, Value, Workbook};

/// The most checklist items read in a workbook (a real checklist has tens).
pub const MAX_ITEMS: usize = 10_000;

const REFERENCE_HEADERS: [&str; 2] = ["Cell Reference", "Cell Ref"];
const CHECKER_HEADERS: [&str; 2] = ["checker", "Check"];

/// A header row: where the Cell Reference and checker columns are.
struct Header {
    row: u32,
    reference: u32,
    checker: u32,
}

pub(super) fn check(
    workbook: &Workbook,
    places: &Places<'_>,
    judged: Judged<'_>,
    findings: &mut Vec<Finding>,
    summary: &mut OwnCheckSummary,
    errors_seen: &mut HashSet<(String, CellRef)>,
) {
    let mut reported: HashSet<(String, CellRef)> = HashSet::new();
    for sheet in &workbook.sheets {
        if sheet.links.is_empty() {
            continue;
        }
        let headers = headers(sheet);
        if headers.is_empty() {
            continue;
        }
        let links = link_index(&sheet.links);
        for (i, header) in headers.iter().enumerate() {
            // The items run to the next header on the sheet.
            let last = headers.get(i + 1).map_or(u32::MAX, |h| h.row - 1);
            for row in rows_between(sheet, header.row + 1, last) {
                if summary.checklist_items >= MAX_ITEMS {
                    return;
                }
                let reference_cell = CellRef::new(row, header.reference);
                let checker_cell = CellRef::new(row, header.checker);
                let Some(link) = links.get(&reference_cell) else { continue };
                let complete = match sheet.value(checker_cell) {
                    Value::Text(t) if t.trim().eq_ignore_ascii_case("yes") => true,
                    Value::Text(t) if t.trim().eq_ignore_ascii_case("no") => false,
                    _ => continue,
                };
                summary.checklist_items += 1;
                let description = description(sheet, row, header.reference);
                let item = Item { sheet, checker_cell, description: &description, complete };
                item.check(link, places, judged, findings, &mut reported, errors_seen);
            }
        }
    }
}

struct Item<'a> {
    sheet: &'a Sheet,
    checker_cell: CellRef,
    description: &'a str,
    complete: bool,
}

impl Item<'_> {
    fn check(
        &self,
        link: &Link,
        places: &Places<'_>,
        judged: Judged<'_>,
        findings: &mut Vec<Finding>,
        reported: &mut HashSet<(String, CellRef)>,
        errors_seen: &mut HashSet<(String, CellRef)>,
    ) {
        let index = places.index_of(&self.sheet.name);
        let target = places.reference(&link.location, &self.sheet.name, index);
        let Some((target_sheet_name, range)) = target.filter(|(name, _)| places.exists(name)) else {
            // A link to nowhere: only an incomplete item is worth saying, at its own checker.
            if !self.complete {
                findings.push(self.incomplete(&self.sheet.name, self.checker_cell, Some(&link.location)));
            }
            return;
        };
        let at = range.start;
        // Several items may link to one cell: it is reported once.
        if !reported.insert((target_sheet_name.to_lowercase(), at)) {
            return;
        }
        let target_sheet = places.sheet(&target_sheet_name);
        let sheet_name = target_sheet.map_or(target_sheet_name.clone(), |s| s.name.clone());
        if !self.complete {
            findings.push(self.incomplete(&sheet_name, at, None));
            return;
        }
        let Some(target_sheet) = target_sheet else { return };
        let value = target_sheet.value(at);
        if let Value::Error(e) = value {
            if !judged(&sheet_name, at) && errors_seen.insert((sheet_name.clone(), at)) {
                findings.push(excel_error(&sheet_name, at, e));
            }
            return;
        }
        if excel_empty(value) {
            findings.push(
                Finding::new(
                    CHECKLIST_OUT_OF_DATE.id,
                    CHECKLIST_OUT_OF_DATE.severity,
                    format!(
                        "The template's checklist says this is complete, but the cell is empty: {}. The checklist was last worked out before the cell was emptied, so the workbook's own “Complete Template” cannot be trusted.",
                        self.description
                    ),
                    "Fill in this cell. Then open the workbook in Excel so that its checklist is worked out again, and save it.",
                )
                .at(&sheet_name, CellRange::single(at)),
            );
        }
    }

    fn incomplete(&self, sheet: &str, at: CellRef, broken_link: Option<&str>) -> Finding {
        let (message, hint) = match broken_link {
            None => (
                format!("The template's checklist says this is not complete: {}.", self.description),
                "Fill in this cell. The checklist updates when the workbook is recalculated (Excel does this when you enter a value).".to_string(),
            ),
            Some(location) => (
                format!(
                    "The template's checklist says this is not complete: {}. Its link goes to “{location}”, which is not in this workbook.",
                    self.description
                ),
                "Fill in what this checklist item asks for. If a sheet was renamed or deleted, copy your figures into a fresh copy of the template.".to_string(),
            ),
        };
        Finding::new(CHECKLIST_INCOMPLETE.id, CHECKLIST_INCOMPLETE.severity, message, hint)
            .at(sheet, CellRange::single(at))
    }
}

/// Header rows of checklists on a sheet, top to bottom.
fn headers(sheet: &Sheet) -> Vec<Header> {
    let mut out: Vec<Header> = Vec::new();
    for (at, cell) in &sheet.cells {
        if !REFERENCE_HEADERS.iter().any(|h| same_text(&cell.value, h)) {
            continue;
        }
        if out.last().is_some_and(|h| h.row == at.row) {
            continue;
        }
        let checker = sheet.row(at.row).find(|(_, c)| CHECKER_HEADERS.iter().any(|h| same_text(&c.value, h)));
        if let Some((checker, _)) = checker {
            out.push(Header { row: at.row, reference: at.col, checker: checker.col });
        }
    }
    out
}

/// Each linked cell (every cell of a linked range, up to a small bound) → its link.
fn link_index(links: &[Link]) -> HashMap<CellRef, &Link> {
    let mut index = HashMap::new();
    for link in links {
        let CellRange { start, end } = link.from;
        let cells = u64::from(end.row - start.row + 1) * u64::from(end.col - start.col + 1);
        if cells > 64 {
            index.entry(start).or_insert(link);
            continue;
        }
        for row in start.row..=end.row {
            for col in start.col..=end.col {
                index.entry(CellRef::new(row, col)).or_insert(link);
            }
        }
    }
    index
}

/// The rows from `first` to `last` that have cells, in order.
fn rows_between(sheet: &Sheet, first: u32, last: u32) -> Vec<u32> {
    let mut rows: Vec<u32> = Vec::new();
    for (at, _) in sheet.cells.range(CellRef::new(first, 0)..=CellRef::new(last, u32::MAX)) {
        if rows.last() != Some(&at.row) {
            rows.push(at.row);
        }
    }
    rows
}

/// An item's description: the nearest non-blank text to the left of its Cell Reference cell,
/// else the Cell Reference cell's own text.
fn description(sheet: &Sheet, row: u32, reference_col: u32) -> String {
    let left = sheet
        .row(row)
        .filter(|(at, cell)| at.col < reference_col && !cell.value.is_blank())
        .last()
        .map(|(_, cell)| cell.value.display());
    let text = left.unwrap_or_else(|| sheet.value(CellRef::new(row, reference_col)).display());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim_end_matches([':', '.', '?']).trim().to_string();
    if text.is_empty() {
        "an item of the checklist".to_string()
    } else {
        text
    }
}
