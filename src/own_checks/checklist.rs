//! A template's own checklist: under a header row with `Cell Reference` and `checker`, each row
//! whose Cell Reference cell links to a place in the workbook and whose checker says Yes or No.

use super::{contains, excel_empty, excel_error, same_text, Cells, Judged, OwnCheckSummary, Places};
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
    errors_seen: &mut Cells,
) {
    let mut reported = Cells::new();
    // Rows already taken as items (a row two links cover is one item).
    let mut items = Cells::new();
    for (sheet_index, sheet) in workbook.sheets.iter().enumerate() {
        if sheet.links.is_empty() {
            continue;
        }
        let headers = headers(sheet);
        if headers.is_empty() {
            continue;
        }
        // Each link whose cell is in a checklist's Cell Reference column, below its header (the
        // items of a checklist run to the next header on the sheet).
        for link in &sheet.links {
            let CellRange { start, end } = link.from;
            for row in start.row..=end.row.min(start.row + 63) {
                let Some(header) = headers.partition_point(|h| h.row < row).checked_sub(1).and_then(|i| headers.get(i))
                else {
                    continue;
                };
                if !(start.col..=end.col).contains(&header.reference) {
                    continue;
                }
                let reference_cell = CellRef::new(row, header.reference);
                let checker_cell = CellRef::new(row, header.checker);
                let complete = match sheet.value(checker_cell) {
                    Value::Text(t) if t.trim().eq_ignore_ascii_case("yes") => true,
                    Value::Text(t) if t.trim().eq_ignore_ascii_case("no") => false,
                    _ => continue,
                };
                if !items.insert((sheet_index, reference_cell)) {
                    continue;
                }
                if summary.checklist_items >= MAX_ITEMS {
                    return;
                }
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
        reported: &mut Cells,
        errors_seen: &mut Cells,
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
        // (A sheet too large to read has no position: its items share one.)
        let target_index = places.position(&target_sheet_name);
        if !reported.insert((target_index.unwrap_or(usize::MAX), at)) {
            return;
        }
        let target_sheet = places.sheet(&target_sheet_name);
        let sheet_name = target_sheet.map_or(target_sheet_name.clone(), |s| s.name.clone());
        if !self.complete {
            findings.push(self.incomplete(&sheet_name, at, None));
            return;
        }
        let (Some(target_sheet), Some(index)) = (target_sheet, target_index) else { return };
        let value = target_sheet.value(at);
        if let Value::Error(e) = value {
            if !contains(judged, index, at) && errors_seen.insert((index, at)) {
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
        // Most cells are not headers: only short text starting with C is compared.
        let candidate =
            matches!(&cell.value, Value::Text(t) if t.len() <= 40 && t.trim_start().starts_with(['C', 'c']));
        if !candidate || !REFERENCE_HEADERS.iter().any(|h| same_text(&cell.value, h)) {
            continue;
        }
        if out.last().is_some_and(|h| h.row == at.row) {
            continue;
        }
        let checker = sheet.row(at.row).find(|(_, c)| {
            matches!(&c.value, Value::Text(t) if t.len() <= 40)
                && CHECKER_HEADERS.iter().any(|h| same_text(&c.value, h))
        });
        if let Some((checker, _)) = checker {
            out.push(Header { row: at.row, reference: at.col, checker: checker.col });
        }
    }
    out
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
