//! A worksheet part: what the marked copy needs to know of it (merged areas, an existing drawing
//! for notes), and the edit that gives cells with an error the red-bordered format, links the
//! sheet to its notes, and leaves the sheet unselected so the workbook opens on "Problems found".

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::events::{BytesStart, Event};

use super::styles::Styles;
use super::xml::{self, each_piece};
use super::CannotMark;
use crate::workbook::{column_letters, CellRange, CellRef};

/// What the edit needs to know before it starts.
#[derive(Debug, Default)]
pub struct SheetScan {
    pub merges: Vec<CellRange>,
    /// The relationship id of the sheet's existing legacy drawing (where notes are drawn).
    pub legacy_drawing: Option<String>,
    /// The prefix the sheet uses for relationship ids.
    pub relationships_prefix: Option<String>,
    pub tab_selected: bool,
    /// Whether a cell has a format an earlier marking gave it.
    pub has_marked_cells: bool,
}

/// Reads what the edit needs; `is_marked` says whether a format is one a marking gives.
pub fn scan(xml: &[u8], is_marked: &dyn Fn(u32) -> bool) -> Result<SheetScan, CannotMark> {
    let mut found = SheetScan::default();
    each_piece(xml, |p| {
        if let Event::Start(e) | Event::Empty(e) = &p.event {
            match xml::local_name(e).as_str() {
                "c" if !found.has_marked_cells => {
                    found.has_marked_cells = xml::attr(e, "s").and_then(|s| s.parse().ok()).is_some_and(is_marked);
                }
                "worksheet" if p.depth == 0 => found.relationships_prefix = xml::relationships_prefix(e),
                "mergeCell" => {
                    if let Some(range) = xml::attr(e, "ref").and_then(|r| CellRange::parse(&r)) {
                        found.merges.push(range);
                    }
                }
                "legacyDrawing" if p.depth == 1 => {
                    found.legacy_drawing = e
                        .attributes()
                        .with_checks(false)
                        .flatten()
                        .find_map(|a| (a.key.local_name().into_inner() == "id").then(|| xml::unescape(&a.value)));
                }
                "sheetView" => {
                    found.tab_selected |= xml::attr(e, "tabSelected").is_some_and(|v| v == "1" || v == "true")
                }
                _ => {}
            }
        }
        Ok(())
    })?;
    Ok(found)
}

/// Elements a worksheet may hold after `legacyDrawing`: the drawing must come before the first.
const AFTER_LEGACY_DRAWING: [&str; 8] =
    ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

/// What to change in a worksheet.
pub struct SheetEdit<'a> {
    /// Cells to give the red border (their own format kept otherwise).
    pub marks: &'a BTreeSet<CellRef>,
    /// A legacy drawing to link (relationship id), when the sheet has none.
    pub add_legacy_drawing: Option<&'a str>,
    pub relationships_prefix: Option<&'a str>,
}

/// The worksheet with the edit made. Cells to mark that hold nothing yet are added, empty, with
/// the format they showed (the row's or the column's, as Excel gives a blank cell).
pub fn edit(xml: &[u8], change: &SheetEdit<'_>, styles: &mut Styles) -> Result<Vec<u8>, CannotMark> {
    // Row → columns still to mark in it.
    let mut pending: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for cell in change.marks {
        pending.entry(cell.row).or_default().insert(cell.col);
    }
    let mut out = Vec::with_capacity(xml.len() + 64 * change.marks.len() + 128);
    let mut column_formats: Vec<(u32, u32, u32)> = Vec::new();
    let mut in_sheet_data = false;
    let mut seen_cells = false;
    let mut row = 0u32;
    let mut row_format: Option<u32> = None;
    let mut col = 0u32;
    let mut drawing_added = change.add_legacy_drawing.is_none();
    // The prefix the sheet writes its own elements with (usually none): added ones use it too.
    let mut ns = String::new();
    let legacy_drawing = |rid: &str, ns: &str| {
        let element = match change.relationships_prefix {
            Some(prefix) => format!(r#"<legacyDrawing {prefix}:id="{}"/>"#, xml::escape(rid)),
            None => format!(r#"<legacyDrawing xmlns:r="{}" r:id="{}"/>"#, xml::RELATIONSHIPS_NS, xml::escape(rid)),
        };
        xml::prefixed(&element, ns)
    };
    each_piece(xml, |p| {
        let empty = matches!(p.event, Event::Empty(_));
        match &p.event {
            Event::Start(e) | Event::Empty(e) => {
                let name = xml::local_name(e);
                if p.depth == 0 {
                    ns = xml::prefix_of(e.name().into_inner()).to_string();
                }
                // Excel wraps `oleObjects` and `controls` in `mc:AlternateContent`: after the
                // cells, such a wrapper comes after where the drawing goes.
                let after = AFTER_LEGACY_DRAWING.contains(&name.as_str()) || (name == "AlternateContent" && seen_cells);
                if p.depth == 1 && !drawing_added && after {
                    out.extend_from_slice(
                        legacy_drawing(change.add_legacy_drawing.unwrap_or_default(), &ns).as_bytes(),
                    );
                    drawing_added = true;
                }
                match name.as_str() {
                    "sheetView" if xml::attr(e, "tabSelected").is_some() => {
                        out.extend(xml::with_attr(e, empty, "tabSelected", None));
                        return Ok(());
                    }
                    "col" => {
                        let number = |k: &str| xml::attr(e, k).and_then(|v| v.parse::<u32>().ok());
                        if let (Some(min), Some(max), Some(style)) = (number("min"), number("max"), number("style")) {
                            column_formats.push((min, max, style));
                        }
                    }
                    "sheetData" if p.depth == 1 => {
                        seen_cells = true;
                        if empty {
                            out.extend(opened(p.raw));
                            for (r, cols) in std::mem::take(&mut pending) {
                                out.extend(new_row(r, &cols, &column_formats, styles, &ns));
                            }
                            out.extend_from_slice(b"</");
                            out.extend_from_slice(e.name().into_inner().as_bytes());
                            out.push(b'>');
                            return Ok(());
                        }
                        in_sheet_data = true;
                    }
                    "row" if in_sheet_data => {
                        row = xml::attr(e, "r").and_then(|v| v.parse().ok()).unwrap_or(row.saturating_add(1));
                        col = 0;
                        row_format = custom_row_format(e);
                        // Rows with nothing yet that must hold a marked cell come first, in order.
                        let before: Vec<u32> = pending.range(..row).map(|(r, _)| *r).collect();
                        for r in before {
                            if let Some(cols) = pending.remove(&r) {
                                out.extend(new_row(r, &cols, &column_formats, styles, &ns));
                            }
                        }
                        // A row without its number gets one, so that added rows cannot shift it.
                        let numbered = xml::attr(e, "r").is_some();
                        let number = row.to_string();
                        let tag = |as_empty: bool| match (numbered, empty && !as_empty) {
                            (true, false) => p.raw.to_vec(),
                            (true, true) => opened(p.raw),
                            (false, _) => xml::with_attr(e, as_empty, "r", Some(&number)),
                        };
                        match (empty, pending.remove(&row)) {
                            (true, Some(cols)) => {
                                out.extend(tag(false));
                                for c in cols {
                                    let base = blank_format(c, row_format, &column_formats);
                                    out.extend(new_cell(row, c, styles.marked(base), &ns));
                                }
                                out.extend_from_slice(b"</");
                                out.extend_from_slice(e.name().into_inner().as_bytes());
                                out.push(b'>');
                            }
                            (true, None) => out.extend(tag(true)),
                            (false, cols) => {
                                if let Some(cols) = cols {
                                    pending.insert(row, cols);
                                }
                                out.extend(tag(false));
                            }
                        }
                        return Ok(());
                    }
                    "c" if in_sheet_data => {
                        let at = xml::attr(e, "r").and_then(|r| CellRef::parse(&r));
                        col = at.map_or(col.saturating_add(1), |a| a.col);
                        // Marked cells that hold nothing and come before this one in its row.
                        if let Some(cols) = pending.get_mut(&row) {
                            let before: Vec<u32> = cols.range(..col).copied().collect();
                            for c in before {
                                cols.remove(&c);
                                let base = blank_format(c, row_format, &column_formats);
                                out.extend(new_cell(row, c, styles.marked(base), &ns));
                            }
                        }
                        let marked = pending.get_mut(&row).is_some_and(|cols| cols.remove(&col));
                        let own: Option<u32> = xml::attr(e, "s").and_then(|s| s.parse().ok());
                        // A format an earlier marking gave the cell comes off.
                        let restored = own.and_then(|s| styles.restored(s));
                        let format = match (marked, restored) {
                            (true, _) => Some(styles.marked(restored.or(own).unwrap_or(0))),
                            (false, base) => base,
                        };
                        // A cell without its position gets one, so that added cells cannot shift it.
                        let position = at.is_none().then(|| CellRef::new(row, col).to_string());
                        match (format, &position) {
                            (None, None) => out.extend_from_slice(p.raw),
                            _ => {
                                let format = format.map(|f| f.to_string());
                                let mut changes = vec![("s", format.as_deref())];
                                if let Some(position) = &position {
                                    changes.push(("r", Some(position.as_str())));
                                }
                                changes.retain(|(_, value)| value.is_some());
                                out.extend(xml::with_attrs(e, empty, &changes));
                            }
                        }
                        return Ok(());
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().into_inner() {
                "row" if in_sheet_data => {
                    if let Some(cols) = pending.remove(&row) {
                        for c in cols {
                            let base = blank_format(c, row_format, &column_formats);
                            out.extend(new_cell(row, c, styles.marked(base), &ns));
                        }
                    }
                }
                "sheetData" if p.depth == 1 => {
                    in_sheet_data = false;
                    for (r, cols) in std::mem::take(&mut pending) {
                        out.extend(new_row(r, &cols, &column_formats, styles, &ns));
                    }
                }
                "worksheet" if p.depth == 0 && !drawing_added => {
                    out.extend_from_slice(
                        legacy_drawing(change.add_legacy_drawing.unwrap_or_default(), &ns).as_bytes(),
                    );
                    drawing_added = true;
                }
                _ => {}
            },
            _ => {}
        }
        out.extend_from_slice(p.raw);
        Ok(())
    })?;
    Ok(out)
}

/// `<x a="1"/>` as the start tag `<x a="1">`.
fn opened(raw: &[u8]) -> Vec<u8> {
    let mut tag = raw.strip_suffix(b"/>").unwrap_or(raw).to_vec();
    tag.push(b'>');
    tag
}

/// The format Excel shows a cell with nothing in it: its row's, when the row sets one, else its
/// column's, else the default.
fn blank_format(col: u32, row_format: Option<u32>, columns: &[(u32, u32, u32)]) -> u32 {
    row_format.or_else(|| columns.iter().find(|(min, max, _)| (*min..=*max).contains(&col)).map(|c| c.2)).unwrap_or(0)
}

/// The format a row gives its blank cells, when it sets one.
fn custom_row_format(e: &BytesStart<'_>) -> Option<u32> {
    let custom = xml::attr(e, "customFormat").is_some_and(|v| v == "1" || v == "true");
    custom.then(|| xml::attr(e, "s").and_then(|s| s.parse().ok())).flatten()
}

fn new_cell(row: u32, col: u32, format: u32, ns: &str) -> Vec<u8> {
    format!(r#"<{ns}c r="{}{row}" s="{format}"/>"#, column_letters(col)).into_bytes()
}

/// A row that held nothing, with the marked cells (each in its column's format).
fn new_row(row: u32, cols: &BTreeSet<u32>, columns: &[(u32, u32, u32)], styles: &mut Styles, ns: &str) -> Vec<u8> {
    let mut out = format!(r#"<{ns}row r="{row}">"#).into_bytes();
    for &c in cols {
        out.extend(new_cell(row, c, styles.marked(blank_format(c, None, columns)), ns));
    }
    out.extend_from_slice(format!("</{ns}row>").as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::styles::{Styles, MINIMAL};

    fn edited(xml: &str, marks: &[&str], drawing: Option<&str>) -> String {
        let marks: BTreeSet<CellRef> = marks.iter().map(|a| CellRef::parse(a).unwrap()).collect();
        let mut styles = Styles::read(MINIMAL.as_bytes()).unwrap();
        let scan = scan(xml.as_bytes(), &|_| false).unwrap();
        let change = SheetEdit {
            marks: &marks,
            add_legacy_drawing: drawing,
            relationships_prefix: scan.relationships_prefix.as_deref(),
        };
        String::from_utf8(edit(xml.as_bytes(), &change, &mut styles).unwrap()).unwrap()
    }

    const ROOT: &str = r#"<worksheet xmlns="m" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="mc">"#;

    #[test]
    fn cells_are_marked_in_place_and_missing_ones_added_in_order() {
        let xml = format!(
            r#"{ROOT}<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><cols><col min="3" max="3" style="0"/></cols><sheetData><row r="2"><c r="A2" s="0"><v>1</v></c><c r="D2"><v>2</v></c></row><row><c><v>3</v></c></row><row r="9" s="0" customFormat="1"/></sheetData></worksheet>"#
        );
        let out = edited(&xml, &["A2", "C2", "B5", "A9", "A1"], None);
        assert_eq!(
            out,
            format!(
                r#"{ROOT}<sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="3" max="3" style="0"/></cols><sheetData><row r="1"><c r="A1" s="6"/></row><row r="2"><c r="A2" s="6"><v>1</v></c><c r="C2" s="6"/><c r="D2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="5"><c r="B5" s="6"/></row><row r="9" s="0" customFormat="1"><c r="A9" s="6"/></row></sheetData></worksheet>"#
            )
        );
    }

    #[test]
    fn row_and_cell_numbers_at_the_limit_of_their_type_are_no_crash() {
        // Rows and cells without a number follow the one before: after the largest number
        // there is, the next stays at it rather than overflowing.
        let xml = format!(
            r#"{ROOT}<sheetData><row r="4294967295"><c r="A1"/><c/></row><row><c/></row></sheetData></worksheet>"#
        );
        let out = edited(&xml, &["B3"], None);
        assert!(out.contains(r#"<row r="4294967295">"#), "{out}");
        assert!(out.contains(r#"<c r="B3" s="6"/>"#), "{out}");
    }

    #[test]
    fn the_drawing_goes_where_the_format_puts_it() {
        let xml = format!(
            r#"{ROOT}<sheetData/><pageMargins left="1"/><mc:AlternateContent><mc:Choice Requires="x14"><controls/></mc:Choice></mc:AlternateContent><tableParts count="0"/></worksheet>"#
        );
        let out = edited(&xml, &[], Some("rIdBcf1"));
        assert!(
            out.contains(r#"<pageMargins left="1"/><legacyDrawing r:id="rIdBcf1"/><mc:AlternateContent>"#),
            "{out}"
        );
        let plain = format!(r#"{ROOT}<sheetData></sheetData></worksheet>"#);
        assert!(edited(&plain, &[], Some("rIdBcf1")).ends_with(r#"<legacyDrawing r:id="rIdBcf1"/></worksheet>"#));
    }
}
