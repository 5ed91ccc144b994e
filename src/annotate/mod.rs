//! The marked copy: the user's own `.xlsx` or `.xlsm` workbook with every finding written on its
//! cell, for fixing the plan in Excel. It adds a first sheet, "Problems found" (one row per finding,
//! each with a link to its cell), a note on each cell with a finding, and a red border on each cell
//! with an error.
//!
//! Architecture invariant: the copy is made by editing the zip package, never by writing the
//! workbook again through a writer library, which would drop whatever it does not understand.
//! Parts that need no change are copied as their original compressed bytes; the parts that change
//! (the workbook, its relationships, the content types, the styles and the sheets with findings)
//! are edited event by event, every untouched event copied as the bytes it was read from.

mod deflate;
mod notes;
mod package;
pub mod problems;
mod styles;
mod threads;
mod worksheet;
mod xml;

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::events::Event;

use self::package::{Package, Relationship};
use self::xml::each_piece;
use crate::report::{Finding, Report, Severity, Status};
use crate::workbook::{sniff, CellRange, CellRef, Format, Sniffed};

pub use self::problems::{HEADINGS, HEADING_ROW};

/// The name of the sheet the copy adds (made unique if the workbook already has one so named).
pub const PROBLEMS_SHEET: &str = "Problems found";

/// The most cells one finding's range marks: a range is a run down a column, never a whole sheet.
const MAX_MARKED_PER_FINDING: u64 = 10_000;

/// The most cells marked on one sheet (merged areas could otherwise multiply the marks).
const MAX_MARKED_PER_SHEET: usize = 200_000;

/// The most cells given a note, over the workbook: the findings the "Problems found" sheet lists.
/// A note with its box takes about 1.5 KB, and the copy must stay small enough to check again.
const MAX_NOTED: usize = problems::MAX_LISTED;

/// The copy, and the name to save it as.
#[derive(Debug)]
pub struct MarkedCopy {
    pub bytes: Vec<u8>,
    pub file_name: String,
    /// Something the user must know about the copy, in words (its sheet cannot be deleted).
    pub notice: Option<String>,
}

/// Why no copy was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CannotMark {
    /// Not an Excel workbook (.xlsx or .xlsm): the name of what it is.
    NotXlsx(&'static str),
    /// The file could not be read, so there is nothing to mark.
    Unreadable,
    Damaged,
    TooLarge,
    /// Something the format allows that the copy cannot handle.
    Unusual(&'static str),
}

impl CannotMark {
    pub fn message(&self) -> String {
        match self {
            CannotMark::NotXlsx(kind) => {
                format!("A copy with the problems marked can only be made from an Excel workbook (.xlsx or .xlsm). This file is an {kind}.")
            }
            CannotMark::Unreadable => {
                "A copy with the problems marked cannot be made because the file could not be read.".into()
            }
            CannotMark::Damaged => {
                "A copy with the problems marked cannot be made because part of the workbook is damaged.".into()
            }
            CannotMark::TooLarge => {
                "A copy with the problems marked cannot be made because it would be larger than the checker allows."
                    .into()
            }
            CannotMark::Unusual(what) => format!("A copy with the problems marked cannot be made because {what}."),
        }
    }

    pub fn hint(&self) -> String {
        match self {
            CannotMark::NotXlsx(_) => "Open the file in Excel, choose File, Save As, and save it as an Excel Workbook (.xlsx). Then check that file.".into(),
            CannotMark::Unreadable => "Fix the problem with the file first.".into(),
            _ => "Open the file in Excel, save it again as an Excel Workbook (.xlsx), and check that file.".into(),
        }
    }
}

/// `plan.xlsx` → `plan-checked.xlsx` (the extension from what the workbook is, not its old name).
pub fn copy_name(file: &str, extension: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = if stem.is_empty() { "plan" } else { stem };
    format!("{stem}-checked.{extension}")
}

/// One sheet of the workbook: its name, relationship id and part.
struct SheetEntry {
    name: String,
    part: Option<String>,
}

/// Makes the marked copy of `bytes`, checked as `report`. `checked_at` says when, in words
/// ("25 November 2026 at 18:46").
pub fn mark_copy(bytes: &[u8], report: &Report, checked_at: &str) -> Result<MarkedCopy, CannotMark> {
    match sniff(bytes) {
        Sniffed::Spreadsheet(Format::Xlsx) => {}
        Sniffed::Spreadsheet(other) => return Err(CannotMark::NotXlsx(other.name())),
        _ => return Err(CannotMark::Unreadable),
    }
    if report.status == Status::Unreadable {
        return Err(CannotMark::Unreadable);
    }
    // The same bounds as reading: every part read through once, sizes and counts checked. The
    // copy may be asked of bytes that were not checked in this process (the page's marked copy
    // worker gets them from the page).
    crate::workbook::check_package(bytes).map_err(|e| match e {
        crate::workbook::ReadError::TooLarge { .. } => CannotMark::TooLarge,
        _ => CannotMark::Damaged,
    })?;
    let mut package = Package::open(bytes)?;
    let workbook_part = package
        .relationships("")?
        .into_iter()
        .find(|r| r.kind == package::OFFICE_DOCUMENT && !r.external)
        .map(|r| r.target)
        .ok_or(CannotMark::Damaged)?;
    let workbook_xml = package.read(&workbook_part)?.ok_or(CannotMark::Damaged)?;
    let workbook_rels = package.relationships(&workbook_part)?;
    let sheets = sheet_entries(&workbook_xml, &workbook_rels)?;
    let content_types = package.read("[Content_Types].xml")?.ok_or(CannotMark::Damaged)?;
    let extension = extension(&content_types, &workbook_part);
    let protected = structure_protected(&workbook_xml)?;

    // Styles: the workbook's own, or a minimal part when it has none.
    let styles_part = match workbook_rels.iter().find(|r| r.kind == package::STYLES && !r.external) {
        Some(r) => r.target.clone(),
        None => {
            let part = folder_of(&workbook_part) + "styles.xml";
            package.write(&part, styles::MINIMAL.as_bytes().to_vec());
            package.relate(&workbook_part, package::STYLES, &part)?;
            add_override(
                &mut package,
                &part,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
            )?;
            part
        }
    };
    let styles_xml = package.read(&styles_part)?.ok_or(CannotMark::Damaged)?;
    let mut styles = styles::Styles::read(&styles_xml)?;
    // A copy marked before (a user fixing the plan in the copy and checking it again): its sheet
    // of problems is used again, and its notes and borders come off before the new ones go on,
    // found from the cells themselves (the sheet may have been deleted, or the copy saved again
    // by another program).
    let earlier = earlier_problems_sheet(&mut package, &sheets, &workbook_rels)?;
    let our_person = threads::our_person(&mut package, &workbook_part)?;
    for (index, entry) in sheets.iter().enumerate() {
        if let (Some(part), false) = (entry.part.as_deref(), earlier == Some(index)) {
            remove_earlier_notes(&mut package, part)?;
            if let Some(person) = &our_person {
                threads::remove_ours(&mut package, part, person)?;
            }
        }
    }

    // Findings by the sheet part they are on.
    let find_sheet = |name: &str| {
        sheets
            .iter()
            .position(|s| s.name == name)
            .or_else(|| sheets.iter().position(|s| s.name.to_lowercase() == name.to_lowercase()))
    };
    let mut by_sheet: BTreeMap<usize, Vec<(&Finding, bool)>> = BTreeMap::new();
    for (n, f) in report.findings.iter().enumerate() {
        if let Some(i) = f.sheet.as_deref().and_then(find_sheet) {
            if sheets[i].part.is_some() {
                // Past the findings the sheet lists, an error keeps its border but gets no note.
                by_sheet.entry(i).or_default().push((f, n < MAX_NOTED));
            }
        }
    }

    let mut next_block = {
        let vml: Vec<String> = package.names().filter(|n| n.to_ascii_lowercase().ends_with(".vml")).cloned().collect();
        let mut used = 0;
        for name in vml {
            if let Some(bytes) = package.read(&name)? {
                used = used.max(notes::used_blocks(&bytes).into_iter().max().unwrap_or(0));
            }
        }
        // The blocks the new boxes may need: one a sheet, and one more for each 1,023 notes.
        let needed = u32::try_from(sheets.len() + report.findings.len() / 1023 + 1).unwrap_or(u32::MAX);
        if used.checked_add(needed).map_or(true, |last| last > notes::MAX_BLOCK) {
            return Err(CannotMark::Unusual("the workbook's notes are numbered past what the format allows"));
        }
        used + 1
    };
    let mut needs_vml_default = false;
    for (index, entry) in sheets.iter().enumerate() {
        let Some(part) = entry.part.as_deref() else { continue };
        if earlier == Some(index) {
            continue;
        }
        let findings = by_sheet.get(&index).map_or(&[][..], Vec::as_slice);
        let Some(sheet_xml) = package.read(part)? else { continue };
        let scan = worksheet::scan(&sheet_xml, &|format| styles.restored(format).is_some())?;
        if findings.is_empty() && !scan.tab_selected && !scan.has_marked_cells {
            continue;
        }
        let (notes, marks) = notes_and_marks(findings, &scan.merges);
        let mut add_legacy_drawing = None;
        if !notes.is_empty() {
            let sheet_rels = package.relationships(part)?;
            let lengths = |cells: &BTreeSet<CellRef>| -> Vec<(CellRef, usize)> {
                cells.iter().map(|c| (*c, notes.get(c).map_or(0, |t| t.iter().map(String::len).sum()))).collect()
            };
            // Text in the comments part.
            let boxes_needed = match sheet_rels.iter().find(|r| r.kind == package::COMMENTS && !r.external) {
                Some(comments) => {
                    let existing = package.read(&comments.target)?.ok_or(CannotMark::Damaged)?;
                    let (edited, new) = notes::add_to_comments(&existing, &notes)?;
                    package.write(&comments.target, edited);
                    new
                }
                None => {
                    let target = package.free_name(&(folder_of(&workbook_part) + "comments"), "xml");
                    package.write(&target, notes::new_comments(&notes));
                    package.relate(part, package::COMMENTS, &target)?;
                    add_override(
                        &mut package,
                        &target,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
                    )?;
                    notes.keys().copied().collect()
                }
            };
            // Current Excel shows a cell's thread rather than its note: a reply in the thread.
            if let Some(threads_part) = threads::threads_part(&mut package, part)? {
                let existing = package.read(&threads_part)?.ok_or(CannotMark::Damaged)?;
                let starts = threads::thread_starts(&existing)?;
                let replies: Vec<(CellRef, String, String)> = notes
                    .iter()
                    .filter_map(|(cell, texts)| Some((*cell, starts.get(cell)?.clone(), texts.join("\n\n"))))
                    .collect();
                if !replies.is_empty() {
                    let person = threads::add_our_person(&mut package, &workbook_part)?;
                    package.write(&threads_part, threads::add_replies(&existing, &replies, &person)?);
                }
            }
            // Boxes in the sheet's legacy drawing.
            let existing_drawing = scan
                .legacy_drawing
                .as_ref()
                .and_then(|id| sheet_rels.iter().find(|r| &r.id == id && !r.external))
                .map(|r| r.target.clone());
            let cells = lengths(&boxes_needed);
            match existing_drawing {
                Some(target) => {
                    if !cells.is_empty() {
                        let vml = package.read(&target)?.ok_or(CannotMark::Damaged)?;
                        let (edited, last) = notes::add_to_drawing(&vml, &cells, next_block)?;
                        next_block = last + 1;
                        package.write(&target, edited);
                    }
                }
                None => {
                    let target = package.free_name(&(folder_of(&workbook_part) + "drawings/vmlDrawing"), "vml");
                    let (vml, last) = notes::new_drawing(&cells, next_block);
                    next_block = last + 1;
                    package.write(&target, vml);
                    add_legacy_drawing = Some(package.relate(part, package::VML_DRAWING, &target)?);
                    needs_vml_default = true;
                }
            }
        }
        let edit = worksheet::SheetEdit {
            marks: &marks,
            add_legacy_drawing: add_legacy_drawing.as_deref(),
            relationships_prefix: scan.relationships_prefix.as_deref(),
        };
        let edited = worksheet::edit(&sheet_xml, &edit, &mut styles)?;
        if edited != sheet_xml {
            package.write(part, edited);
        }
    }

    // The "Problems found" sheet, first in the workbook.
    let sheet_name = (1..)
        .map(|n| if n == 1 { PROBLEMS_SHEET.to_string() } else { format!("{PROBLEMS_SHEET} ({n})") })
        .find(|name| !sheets.iter().any(|s| s.name.eq_ignore_ascii_case(name)))
        .unwrap_or_default();
    let linked = |f: &Finding| -> Option<String> {
        let i = f.sheet.as_deref().and_then(find_sheet)?;
        Some(problems::link_location(&sheets[i].name, f.cell.as_deref()))
    };
    let sheet_xml =
        problems::sheet_xml(report, report.profile.as_deref(), checked_at, styles.sheet, protected, &linked);
    let earlier_part = earlier.and_then(|e| sheets[e].part.clone());
    let (new_sheet, problems_index) = match (earlier, earlier_part) {
        (Some(e), Some(part)) => {
            package.write(&part, sheet_xml);
            (None, e)
        }
        _ => {
            let sheet_part = package.free_name(&(folder_of(&workbook_part) + "worksheets/sheet"), "xml");
            package.write(&sheet_part, sheet_xml);
            let sheet_rel = package.relate(&workbook_part, package::WORKSHEET, &sheet_part)?;
            add_override(
                &mut package,
                &sheet_part,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
            )?;
            (Some((sheet_name, sheet_rel)), 0)
        }
    };
    if needs_vml_default {
        add_default(&mut package, "vml", "application/vnd.openxmlformats-officedocument.vmlDrawing")?;
    }
    let edited_workbook = edit_workbook(
        &workbook_xml,
        new_sheet.as_ref().map(|(name, rel)| (name.as_str(), rel.as_str())),
        problems_index,
    )?;
    package.write(&workbook_part, edited_workbook);
    let edited_styles = styles.write(&styles_xml)?;
    package.write(&styles_part, edited_styles);

    Ok(MarkedCopy {
        bytes: package.finish()?,
        file_name: copy_name(&report.file, extension),
        notice: protected.then(|| PROTECTED_NOTICE.to_string()),
    })
}

/// What the user is told when the copy's workbook structure is protected.
const PROTECTED_NOTICE: &str = "This workbook is protected, so you cannot delete the “Problems found” sheet from the copy without its password. Make your changes in your original workbook, and submit that.";

/// Whether the workbook's structure is protected (its sheets cannot be added, moved or deleted).
fn structure_protected(workbook_xml: &[u8]) -> Result<bool, CannotMark> {
    let mut locked = false;
    each_piece(workbook_xml, |p| {
        if let (Event::Start(e) | Event::Empty(e), 1) = (&p.event, p.depth) {
            if xml::local_name(e) == "workbookProtection" {
                locked |= xml::attr(e, "lockStructure").is_some_and(|v| v == "1" || v == "true");
            }
        }
        Ok(())
    })?;
    Ok(locked)
}

/// The folder of a part, with its trailing slash (`xl/workbook.xml` → `xl/`).
fn folder_of(part: &str) -> String {
    part.rsplit_once('/').map_or(String::new(), |(folder, _)| format!("{folder}/"))
}

/// Notes by the cell they go on, and the cells to mark: a finding's note goes on the first cell of
/// its range (the top-left cell of a merged area, the one Excel shows); an error marks every cell
/// of its range and of any merged area it touches.
///
/// A sheet may have any number of merged areas, so they are read once, each looked up against the
/// rows the findings cover (not every area against every finding), and the marks are bounded.
fn notes_and_marks(findings: &[(&Finding, bool)], merges: &[CellRange]) -> (notes::Notes, BTreeSet<CellRef>) {
    let ranges: Vec<Option<CellRange>> =
        findings.iter().map(|(f, _)| f.cell.as_deref().and_then(CellRange::parse)).collect();
    // Row → the findings whose range covers it.
    let mut by_row: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, range) in ranges.iter().enumerate() {
        let Some(r) = range else { continue };
        // Every row of a range that can be marked; of a larger one, the row its note goes on.
        let last = if cell_count(r) <= MAX_MARKED_PER_FINDING { r.end.row } else { r.start.row };
        for row in r.start.row..=last {
            by_row.entry(row).or_default().push(i);
        }
    }
    // Per finding: the first merged area holding its first cell, and the areas its range touches.
    let mut anchors: Vec<Option<CellRef>> = vec![None; findings.len()];
    let mut touched: Vec<Vec<CellRange>> = vec![Vec::new(); findings.len()];
    for m in merges {
        let mut seen = BTreeSet::new();
        for (_, found) in by_row.range(m.start.row..=m.end.row) {
            for &i in found {
                let Some(r) = ranges[i] else { continue };
                if !seen.insert(i) || r.start.col > m.end.col || m.start.col > r.end.col {
                    continue;
                }
                let holds_start = (m.start.row..=m.end.row).contains(&r.start.row)
                    && (m.start.col..=m.end.col).contains(&r.start.col);
                if holds_start && anchors[i].is_none() {
                    anchors[i] = Some(m.start);
                }
                touched[i].push(*m);
            }
        }
    }
    let mut notes = notes::Notes::new();
    let mut marks = BTreeSet::new();
    let mut mark = |r: &CellRange| {
        if cell_count(r) <= MAX_MARKED_PER_FINDING && marks.len() < MAX_MARKED_PER_SHEET {
            for row in r.start.row..=r.end.row {
                marks.extend((r.start.col..=r.end.col).map(|col| CellRef::new(row, col)));
            }
        }
    };
    for (i, (f, noted)) in findings.iter().enumerate() {
        let Some(range) = ranges[i] else { continue };
        if *noted {
            notes.entry(anchors[i].unwrap_or(range.start)).or_default().push(format!(
                "{}: {}\nTo fix: {}",
                f.severity.title(),
                f.message,
                f.hint
            ));
        }
        if f.severity == Severity::Error {
            mark(&range);
            touched[i].iter().for_each(&mut mark);
        }
    }
    (notes, marks)
}

fn cell_count(r: &CellRange) -> u64 {
    u64::from(r.end.row - r.start.row + 1) * u64::from(r.end.col - r.start.col + 1)
}

/// The sheets the workbook lists, in order, with the part each is stored in.
fn sheet_entries(workbook_xml: &[u8], rels: &[Relationship]) -> Result<Vec<SheetEntry>, CannotMark> {
    let mut prefix = None;
    let mut sheets = Vec::new();
    each_piece(workbook_xml, |p| {
        if let Event::Start(e) | Event::Empty(e) = &p.event {
            match xml::local_name(e).as_str() {
                "workbook" if p.depth == 0 => prefix = xml::relationships_prefix(e),
                "sheet" if p.depth == 2 => {
                    let id = match &prefix {
                        Some(prefix) => xml::attr_text(e, &format!("{prefix}:id")),
                        None => None,
                    };
                    let part =
                        id.and_then(|id| rels.iter().find(|r| r.id == id && !r.external)).map(|r| r.target.clone());
                    sheets.push(SheetEntry { name: xml::attr_text(e, "name").unwrap_or_default(), part });
                }
                _ => {}
            }
        }
        Ok(())
    })?;
    Ok(sheets)
}

/// The hidden, sheet-scoped defined name in which copies made before recorded the formats they
/// gave cells. Another program that saves the copy makes it visible and renumbers the formats,
/// so it is no longer used, and comes off a copy marked again.
const OLD_RECORD_NAME: &str = "_bcfcheck_marked";

/// The position of a "Problems found" sheet an earlier marking added, recognised by its name and
/// the line that says so (programs that save the copy again keep both). Read from the package
/// itself: the marked copy's worker carries no spreadsheet reader.
fn earlier_problems_sheet(
    package: &mut Package<'_>,
    sheets: &[SheetEntry],
    workbook_rels: &[Relationship],
) -> Result<Option<usize>, CannotMark> {
    for (index, sheet) in sheets.iter().enumerate() {
        let Some(part) = sheet.part.as_deref().filter(|_| sheet.name.starts_with(PROBLEMS_SHEET)) else { continue };
        let Some(xml) = package.read(part)? else { continue };
        if problems::third_line(package, &xml, workbook_rels)?.is_some_and(|t| t.starts_with(problems::ADDED_START)) {
            return Ok(Some(index));
        }
    }
    Ok(None)
}

/// Takes an earlier copy's notes off a sheet, and their boxes.
fn remove_earlier_notes(package: &mut Package<'_>, part: &str) -> Result<(), CannotMark> {
    let rels = package.relationships(part)?;
    let Some(comments) = rels.iter().find(|r| r.kind == package::COMMENTS && !r.external) else { return Ok(()) };
    let Some(xml) = package.read(&comments.target)? else { return Ok(()) };
    let (edited, removed) = notes::remove_ours(&xml)?;
    if edited == xml {
        return Ok(());
    }
    package.write(&comments.target, edited);
    let Some(sheet_xml) = package.read(part)? else { return Ok(()) };
    let drawing = worksheet::scan(&sheet_xml, &|_| false)?.legacy_drawing;
    let drawing = drawing.and_then(|id| rels.iter().find(|r| r.id == id && !r.external));
    if let (Some(drawing), false) = (drawing, removed.is_empty()) {
        if let Some(vml) = package.read(&drawing.target)? {
            package.write(&drawing.target, notes::remove_boxes(&vml, &removed));
        }
    }
    Ok(())
}

/// The workbook part with the "Problems found" sheet listed first when it is new (later sheets'
/// positions in defined names and the first tab move up by one), the workbook opening on it, and
/// the record older copies kept taken off.
fn edit_workbook(
    workbook_xml: &[u8],
    new_sheet: Option<(&str, &str)>,
    problems_index: usize,
) -> Result<Vec<u8>, CannotMark> {
    let mut prefix = None;
    let mut max_id = 0u32;
    each_piece(workbook_xml, |p| {
        if let Event::Start(e) | Event::Empty(e) = &p.event {
            match xml::local_name(e).as_str() {
                "workbook" if p.depth == 0 => prefix = xml::relationships_prefix(e),
                "sheet" => max_id = max_id.max(xml::attr(e, "sheetId").and_then(|v| v.parse().ok()).unwrap_or(0)),
                _ => {}
            }
        }
        Ok(())
    })?;
    let sheet = new_sheet.map(|(name, rel_id)| {
        let id_attr = match &prefix {
            Some(prefix) => format!(r#"{prefix}:id="{}""#, xml::escape(rel_id)),
            None => format!(r#"xmlns:r="{}" r:id="{}""#, xml::RELATIONSHIPS_NS, xml::escape(rel_id)),
        };
        format!(r#"<sheet name="{}" sheetId="{}" {id_attr}/>"#, xml::escape(name), max_id + 1)
    });
    let shift = u32::from(sheet.is_some());
    let mut out = Vec::with_capacity(workbook_xml.len() + 256);
    let mut skipping_record = false;
    each_piece(workbook_xml, |p| {
        let empty = matches!(p.event, Event::Empty(_));
        if skipping_record {
            if let Event::End(e) = &p.event {
                if e.local_name().into_inner() == "definedName" {
                    skipping_record = false;
                }
            }
            return Ok(());
        }
        if let Event::Start(e) | Event::Empty(e) = &p.event {
            match xml::local_name(e).as_str() {
                "sheets" => {
                    out.extend_from_slice(p.raw.strip_suffix(b"/>").unwrap_or(p.raw));
                    if empty {
                        out.push(b'>');
                    }
                    if let Some(sheet) = &sheet {
                        out.extend_from_slice(xml::prefixed(sheet, xml::prefix_of(e.name().into_inner())).as_bytes());
                    }
                    if empty {
                        out.extend_from_slice(format!("</{}>", e.name().into_inner()).as_bytes());
                    }
                    return Ok(());
                }
                "workbookView" => {
                    let active = problems_index.to_string();
                    let mut changes = vec![("activeTab", Some(active.as_str()))];
                    if xml::attr(e, "firstSheet").is_some() {
                        changes.push(("firstSheet", Some("0")));
                    }
                    out.extend(xml::with_attrs(e, empty, &changes));
                    return Ok(());
                }
                "definedName" if xml::attr_text(e, "name").as_deref() == Some(OLD_RECORD_NAME) => {
                    skipping_record = !empty;
                    return Ok(());
                }
                "definedName" => {
                    if let Some(local) = xml::attr(e, "localSheetId").and_then(|v| v.parse::<u32>().ok()) {
                        out.extend(xml::with_attr(e, empty, "localSheetId", Some(&(local + shift).to_string())));
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        out.extend_from_slice(p.raw);
        Ok(())
    })?;
    Ok(out)
}

/// The extension the copy needs: what its workbook part says it is (a macro-enabled workbook
/// must stay `.xlsm`, or Excel refuses to open it).
fn extension(content_types: &[u8], workbook_part: &str) -> &'static str {
    let wanted = format!("/{}", workbook_part.trim_start_matches('/')).to_ascii_lowercase();
    let mut kind = String::new();
    let _ = each_piece(content_types, |p| {
        if let Event::Start(e) | Event::Empty(e) = &p.event {
            if xml::local_name(e) == "Override"
                && xml::attr_text(e, "PartName").is_some_and(|n| n.to_ascii_lowercase() == wanted)
            {
                kind = xml::attr_text(e, "ContentType").unwrap_or_default();
            }
        }
        Ok(())
    });
    match kind.as_str() {
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml" => "xlsm",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml" => "xltx",
        "application/vnd.ms-excel.template.macroEnabled.main+xml" => "xltm",
        _ => "xlsx",
    }
}

fn add_override(package: &mut Package<'_>, part: &str, content_type: &str) -> Result<(), CannotMark> {
    let element = format!(r#"<Override PartName="/{}" ContentType="{content_type}"/>"#, xml::escape(part));
    add_content_type(package, element)
}

/// Adds a content type for every part with `extension`, first among the entries, where Excel
/// writes its own.
fn add_default(package: &mut Package<'_>, extension: &str, content_type: &str) -> Result<(), CannotMark> {
    let part = "[Content_Types].xml";
    let xml = package.read(part)?.ok_or(CannotMark::Damaged)?;
    let element = format!(r#"<Default Extension="{extension}" ContentType="{content_type}"/>"#);
    let mut present = false;
    let mut out = Vec::with_capacity(xml.len() + element.len());
    each_piece(&xml, |p| {
        out.extend_from_slice(p.raw);
        if let Event::Start(e) = &p.event {
            if p.depth == 0 && xml::local_name(e) == "Types" {
                out.extend_from_slice(xml::prefixed(&element, xml::prefix_of(e.name().into_inner())).as_bytes());
            }
        }
        if let Event::Start(e) | Event::Empty(e) = &p.event {
            present |= xml::local_name(e) == "Default"
                && xml::attr_text(e, "Extension").is_some_and(|x| x.eq_ignore_ascii_case(extension));
        }
        Ok(())
    })?;
    if !present {
        package.write(part, out);
    }
    Ok(())
}

/// Adds a content type for one new part, last among the entries.
fn add_content_type(package: &mut Package<'_>, element: String) -> Result<(), CannotMark> {
    let part = "[Content_Types].xml";
    let xml = package.read(part)?.ok_or(CannotMark::Damaged)?;
    let edited = package::insert_before_close(&xml, "Types", element.as_bytes())?;
    package.write(part, edited);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(a1: &str) -> CellRef {
        CellRef::parse(a1).unwrap()
    }

    #[test]
    fn notes_go_on_a_merged_areas_first_cell_and_errors_mark_the_whole_area() {
        let merges = [CellRange { start: at("C7"), end: at("E7") }];
        let e = Finding::new("r", Severity::Error, "Bad", "Fix").at("S", CellRange::single(at("D7")));
        let w =
            Finding::new("r", Severity::Warning, "Odd", "Look").at("S", CellRange { start: at("C9"), end: at("C10") });
        let (notes, marks) = notes_and_marks(&[(&e, true), (&w, true)], &merges);
        assert_eq!(notes.keys().copied().collect::<Vec<_>>(), [at("C7"), at("C9")]);
        assert_eq!(marks.into_iter().collect::<Vec<_>>(), [at("C7"), at("D7"), at("E7")]);
    }

    #[test]
    fn many_merged_areas_and_many_findings_are_matched_in_one_pass() {
        // Every finding used to be compared with every merged area: a million areas (a sheet may
        // have that many) and 8,000 findings took most of a minute; now each area is looked up once.
        let merges: Vec<CellRange> = (1_000..1_001_000)
            .map(|row| CellRange { start: CellRef::new(row, 1), end: CellRef::new(row, 3) })
            .collect();
        let findings: Vec<Finding> = (1_000..9_000u32)
            .map(|row| {
                Finding::new("r", Severity::Error, "Missing", "Fill it in.")
                    .at("S", CellRange::single(CellRef::new(row, 2)))
            })
            .collect();
        let refs: Vec<(&Finding, bool)> = findings.iter().map(|f| (f, true)).collect();
        let started = std::time::Instant::now();
        let (notes, marks) = notes_and_marks(&refs, &merges);
        assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
        assert_eq!(notes.len(), 8_000);
        assert!(notes.contains_key(&CellRef::new(5_000, 1)), "the note is on the area's first cell");
        assert_eq!(marks.len(), 24_000, "each area's three cells");
    }
}
