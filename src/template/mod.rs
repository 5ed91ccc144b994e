//! Writes the modelled planning template (native only): the blank workbook for each profile, the
//! same workbook pre-populated for one board, and a valid filled plan for tests and benchmarks.
//!
//! The template is built as the same neutral grid the workbook layer reads ([`Workbook`]), plus
//! styles and drop-down lists, then written as a real .xlsx with rust_xlsxwriter. Tests change
//! cells of the grid to inject defects and read the written file back through calamine.

mod build;
mod fill;
mod quirks;
mod real_style;
mod reference;
mod write;
mod xlsb;

pub use build::build;
pub use fill::{fill_valid, fill_valid_with_schemes, write_scheme, SchemeRow};
pub use real_style::{real_style_template, REAL_STYLE_TITLE};
pub use reference::{boards, Board};
pub use write::write_xlsx;
pub use xlsb::write_xlsb;

use std::collections::BTreeMap;

use crate::profile::Profile;
use crate::workbook::{Cell, CellRange, CellRef, Sheet, Value, Workbook};

/// How a cell looks; the official templates colour inputs yellow and pre-populated cells grey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Title,
    Header,
    Label,
    Input,
    InputDate,
    Prepopulated,
    Note,
}

/// A drop-down list or number check on a range of input cells.
#[derive(Clone, Debug, PartialEq)]
pub enum Validation {
    /// Values from a range, as an Excel formula (`='Lists'!$A$2:$A$19`).
    List(String),
    Decimal {
        min: f64,
        max: f64,
    },
}

/// A template being built or filled: the grid plus what only the writer needs.
#[derive(Clone, Debug)]
pub struct TemplateModel {
    pub profile: &'static Profile,
    pub workbook: Workbook,
    pub styles: BTreeMap<(String, CellRef), Style>,
    pub validations: Vec<(String, CellRange, Validation)>,
    pub widths: Vec<(String, u32, f64)>,
    /// Notes on cells (sheet, cell, author, text): what a user or reviewer left in the workbook.
    pub notes: Vec<(String, CellRef, String, String)>,
    /// Merged areas (sheet, range): the value is the top-left cell's.
    pub merges: Vec<(String, CellRange)>,
    /// The board the template is pre-populated for.
    pub board: Option<Board>,
    /// The template's own checklist, like the real templates' (the writer works out each
    /// checker's result from the grid, as Excel would on saving).
    pub checklist: Option<Checklist>,
}

/// A checklist: items grouped by the sheet they are on, each a description, a link to its cell
/// and a checker (`Yes` once the cell is filled); a "sheet completed" cell per group; and the
/// "Incomplete Template"/"Complete Template" cell.
#[derive(Clone, Debug)]
pub struct Checklist {
    pub sheet: String,
    pub items: Vec<ChecklistItem>,
    /// Each group's "sheet completed" cell and its items.
    pub groups: Vec<(CellRef, std::ops::Range<usize>)>,
    pub status: CellRef,
}

#[derive(Clone, Debug)]
pub struct ChecklistItem {
    /// The Cell Reference cell, which links to the target.
    pub link: CellRef,
    pub checker: CellRef,
    pub target_sheet: String,
    pub target: CellRef,
}

impl Checklist {
    /// Each checker's result, the "sheet completed" cells' and the status cell's, from the grid.
    pub fn results(&self, workbook: &Workbook) -> Vec<(CellRef, &'static str)> {
        let filled: Vec<bool> = self
            .items
            .iter()
            .map(|item| {
                workbook.sheet(&item.target_sheet).is_some_and(|s| match s.value(item.target) {
                    Value::Empty => false,
                    Value::Text(t) => !t.is_empty(),
                    _ => true,
                })
            })
            .collect();
        let yes_no = |yes: bool| if yes { "Yes" } else { "No" };
        let mut out: Vec<(CellRef, &'static str)> =
            self.items.iter().zip(&filled).map(|(item, &f)| (item.checker, yes_no(f))).collect();
        for (cell, range) in &self.groups {
            out.push((*cell, yes_no(filled[range.clone()].iter().all(|&f| f))));
        }
        let complete = filled.iter().all(|&f| f);
        out.push((self.status, if complete { "Complete Template" } else { "Incomplete Template" }));
        out
    }
}

fn at(a1: &str) -> CellRef {
    CellRef::parse(a1).unwrap_or_else(|| panic!("template code uses a bad address: {a1}"))
}

impl TemplateModel {
    pub fn sheet(&self, name: &str) -> &Sheet {
        self.workbook.sheet(name).unwrap_or_else(|| panic!("no sheet {name} in the model"))
    }

    pub fn sheet_mut(&mut self, name: &str) -> &mut Sheet {
        self.workbook
            .sheets
            .iter_mut()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no sheet {name} in the model"))
    }

    /// Sets a plain value, keeping the cell's style.
    pub fn set(&mut self, sheet: &str, a1: &str, value: Value) {
        self.set_at(sheet, at(a1), value);
    }

    pub fn set_at(&mut self, sheet: &str, cell: CellRef, value: Value) {
        self.sheet_mut(sheet).cells.insert(cell, Cell { value, formula: None });
    }

    pub fn set_text(&mut self, sheet: &str, a1: &str, text: &str) {
        self.set(sheet, a1, Value::Text(text.into()));
    }

    pub fn set_number(&mut self, sheet: &str, a1: &str, n: f64) {
        self.set(sheet, a1, Value::Number(n));
    }

    /// Sets a formula and the result Excel would have cached for it.
    pub fn set_formula_at(&mut self, sheet: &str, cell: CellRef, formula: &str, cached: Value) {
        self.sheet_mut(sheet).cells.insert(cell, Cell { value: cached, formula: Some(formula.to_string()) });
    }

    /// Empties a cell (a user deleting what was there).
    pub fn clear(&mut self, sheet: &str, a1: &str) {
        self.sheet_mut(sheet).cells.remove(&at(a1));
    }

    pub fn value(&self, sheet: &str, a1: &str) -> &Value {
        self.sheet(sheet).value(at(a1))
    }

    pub fn style(&mut self, sheet: &str, cell: CellRef, style: Style) {
        self.styles.insert((sheet.to_string(), cell), style);
    }

    /// Inserts `count` empty rows before `row`, as a user would in Excel: everything at or below
    /// `row` moves down, styles, drop-downs, merged areas and notes with it. (Formulas are not
    /// rewritten; the fixture builder recalculates the Summary afterwards.)
    pub fn insert_rows(&mut self, sheet: &str, row: u32, count: u32) {
        self.move_cells(sheet, |c| if c.row >= row { CellRef::new(c.row + count, c.col) } else { c });
    }

    /// Inserts `count` empty columns before `col`, as a user would in Excel: everything in or
    /// right of `col` moves right, with its styles, drop-downs, merged areas, notes and widths.
    pub fn insert_columns(&mut self, sheet: &str, col: u32, count: u32) {
        self.move_cells(sheet, |c| if c.col >= col { CellRef::new(c.row, c.col + count) } else { c });
        for (s, width_col, _) in &mut self.widths {
            if s == sheet && *width_col >= col {
                *width_col += count;
            }
        }
    }

    /// Moves a sheet to `position` in the workbook's order (a user dragging its tab).
    pub fn move_sheet(&mut self, name: &str, position: usize) {
        if let Some(from) = self.workbook.sheet_names.iter().position(|n| n == name) {
            let moved = self.workbook.sheet_names.remove(from);
            self.workbook.sheet_names.insert(position.min(self.workbook.sheet_names.len()), moved);
        }
        if let Some(from) = self.workbook.sheets.iter().position(|s| s.name == name) {
            let moved = self.workbook.sheets.remove(from);
            self.workbook.sheets.insert(position.min(self.workbook.sheets.len()), moved);
        }
    }

    /// Moves every cell of `sheet` by `move_to`, and all that sits on a cell with it.
    fn move_cells(&mut self, sheet: &str, move_to: impl Fn(CellRef) -> CellRef) {
        let grid = self.sheet_mut(sheet);
        grid.cells = std::mem::take(&mut grid.cells).into_iter().map(|(c, v)| (move_to(c), v)).collect();
        self.styles = std::mem::take(&mut self.styles)
            .into_iter()
            .map(|((s, c), style)| if s == sheet { ((s, move_to(c)), style) } else { ((s, c), style) })
            .collect();
        let ranges = self
            .validations
            .iter_mut()
            .map(|(s, range, _)| (s, range))
            .chain(self.merges.iter_mut().map(|(s, range)| (s, range)));
        for (s, range) in ranges {
            if s == sheet {
                range.start = move_to(range.start);
                range.end = move_to(range.end);
            }
        }
        for (s, at, _, _) in &mut self.notes {
            if s == sheet {
                *at = move_to(*at);
            }
        }
        // The checklist moves with its sheet, and its links follow their cells (as Excel's
        // formulas do).
        if let Some(c) = &mut self.checklist {
            let on_sheet = c.sheet == sheet;
            for item in &mut c.items {
                if on_sheet {
                    item.link = move_to(item.link);
                    item.checker = move_to(item.checker);
                }
                if item.target_sheet == sheet {
                    item.target = move_to(item.target);
                }
            }
            if on_sheet {
                for (cell, _) in &mut c.groups {
                    *cell = move_to(*cell);
                }
                c.status = move_to(c.status);
            }
        }
    }

    /// Renames a sheet (a user's edit that breaks the template).
    pub fn rename_sheet(&mut self, from: &str, to: &str) {
        for name in &mut self.workbook.sheet_names {
            if name == from {
                *name = to.to_string();
            }
        }
        self.sheet_mut(from).name = to.to_string();
        self.styles = std::mem::take(&mut self.styles)
            .into_iter()
            .map(|((s, c), style)| ((if s == from { to.to_string() } else { s }, c), style))
            .collect();
        for (s, _, _) in &mut self.validations {
            if s == from {
                *s = to.to_string();
            }
        }
        if let Some(c) = &mut self.checklist {
            if c.sheet == from {
                c.sheet = to.to_string();
            }
            for item in &mut c.items {
                if item.target_sheet == from {
                    item.target_sheet = to.to_string();
                }
            }
        }
    }

    /// Removes a sheet entirely.
    pub fn remove_sheet(&mut self, name: &str) {
        self.workbook.sheet_names.retain(|n| n != name);
        self.workbook.sheets.retain(|s| s.name != name);
        self.styles.retain(|(s, _), _| s != name);
        self.validations.retain(|(s, _, _)| s != name);
        if self.checklist.as_ref().is_some_and(|c| c.sheet == name) {
            self.checklist = None;
        }
    }

    /// Recomputes the cached results of the Summary sheet from the grid, as Excel would on save.
    pub fn recalculate(&mut self) {
        fill::recalculate_pay_for_performance(self);
        fill::recalculate_summary(self);
    }

    /// The workbook as .xlsx bytes.
    pub fn to_xlsx(&self) -> Vec<u8> {
        write_xlsx(self).unwrap_or_else(|e| panic!("rust_xlsxwriter could not write the template: {e}"))
    }
}

/// The single-tier board the sample plans are for.
pub const SAMPLE_BOARD: &str = "Leicester";

/// Every generated file the project ships, by path from the project root: the blank template of
/// each round (`www/templates/`), a valid sample plan of each round as .xlsx and .xlsb, and a
/// defective 2025-26 sample (`tests/fixtures/`).
pub fn published_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    files.push(("tests/fixtures/any-template/real-style-2026-27.xlsx".to_string(), real_style_template()));
    for profile in crate::profile::built_in_profiles() {
        let boards = boards(profile);
        let blank = build(profile, &boards, None);
        files.push((format!("www/templates/bcf-{}-planning-template.xlsx", profile.id), blank.to_xlsx()));
        if let Some(board) = boards.iter().find(|b| b.name == SAMPLE_BOARD) {
            let mut plan = build(profile, &boards, Some(board));
            fill_valid(&mut plan);
            files.push((format!("tests/fixtures/valid-{}.xlsx", profile.id), plan.to_xlsx()));
            files.push((format!("tests/fixtures/valid-{}.xlsb", profile.id), write_xlsb(&plan)));
            if profile.pay_for_performance.is_some() {
                // The round's sample boards: the two Dorset boards with their published figures,
                // a single-tier board with several CCGs, and a plan of 200 schemes.
                for name in ["Dorset", "Bournemouth and Poole", "Birmingham"] {
                    if let Some(b) = boards.iter().find(|b| b.name == name) {
                        let mut plan = build(profile, &boards, Some(b));
                        fill_valid(&mut plan);
                        let stem = name.to_lowercase().replace(' ', "-");
                        files.push((format!("tests/fixtures/{}/{stem}.xlsx", profile.id), plan.to_xlsx()));
                    }
                }
                let mut large = build(profile, &boards, Some(board));
                fill_valid_with_schemes(&mut large, 200);
                files.push((format!("tests/fixtures/{}/200-schemes.xlsx", profile.id), large.to_xlsx()));
                continue;
            }
            for (stem, plan) in quirks::excel_reading_fixtures(build(profile, &boards, Some(board))) {
                files.push((format!("tests/fixtures/excel-reading/{stem}.xlsx"), plan.to_xlsx()));
            }
            if profile.id == "2025-26" {
                // A publisher's changed layout, blank and filled in, to derive a definition from
                // in the browser tests.
                let mut blank = build(profile, &boards, None);
                changed_layout(&mut blank);
                files.push(("tests/fixtures/derive/changed-layout-template.xlsx".to_string(), blank.to_xlsx()));
                let mut changed = plan.clone();
                changed_layout(&mut changed);
                files.push(("tests/fixtures/derive/plan-in-the-changed-layout.xlsx".to_string(), changed.to_xlsx()));
                files.push((
                    format!("tests/fixtures/warnings-only-{}.xlsx", profile.id),
                    sample_warnings(plan.clone()).to_xlsx(),
                ));
                let defective = sample_defects(plan);
                files.push((format!("tests/fixtures/defective-{}.xlsb", profile.id), write_xlsb(&defective)));
                files.push((format!("tests/fixtures/defective-{}.xlsx", profile.id), defective.to_xlsx()));
            }
        }
    }
    files
}

/// A layout a publisher might send out instead of the round's own: no version cell, three more
/// rows on the cover above the board's name, the expenditure sheet renamed, with two more columns
/// after the scheme ID. Every label is unchanged, so a definition derived from it is complete.
fn changed_layout(m: &mut TemplateModel) {
    let p = m.profile;
    if let Some(version) = &p.cover.version {
        m.set_at(&p.sheets.cover, version.label_cell, Value::Empty);
        m.set_at(&p.sheets.cover, version.cell, Value::Empty);
    }
    m.insert_rows(&p.sheets.cover, p.cover.hwb.label_cell.row, 3);
    m.insert_columns(&p.sheets.expenditure, p.expenditure.scheme_name.col, 2);
    m.rename_sheet(&p.sheets.expenditure, "5. Spending plan");
}

/// The valid 2025-26 sample with nothing wrong but a warning: percentages given for a scheme one
/// commissioner pays for alone.
fn sample_warnings(mut plan: TemplateModel) -> TemplateModel {
    let p = plan.profile;
    let (sheet, row) = (p.sheets.expenditure.clone(), p.expenditure.header_row + 1);
    plan.set_at(&sheet, CellRef::new(row, p.expenditure.nhs_share.col), Value::Number(50.0));
    plan.set_at(&sheet, CellRef::new(row, p.expenditure.la_share.col), Value::Number(50.0));
    plan.recalculate();
    plan
}

/// The valid 2025-26 sample with five everyday mistakes, for the browser tests and screenshots:
/// a mistyped e-mail, adult social care spending moved to another area (so the minimum is not
/// met, contradicting national condition 3), a repeated scheme ID, a missing rationale, and a
/// condition answered No with no actions or timeframe.
fn sample_defects(mut plan: TemplateModel) -> TemplateModel {
    let s = &plan.profile.sheets;
    let (cover, expenditure, metrics, conditions) =
        (s.cover.clone(), s.expenditure.clone(), s.metrics.clone(), s.conditions.clone());
    plan.set_text(&cover, "C7", "alex.morgan(at)example.gov.uk");
    plan.set_text(&expenditure, "H9", "Community Health");
    plan.set_number(&expenditure, "B9", 1.0);
    plan.clear(&metrics, "I10");
    plan.set_text(&conditions, "D9", "No");
    plan.recalculate();
    plan
}
