//! The "Problems found" sheet: a title, what was checked and when, and one row per finding with a
//! link to its cell. Text is written inline in each cell, so the shared strings are not touched.

use quick_xml::events::Event;

use super::package::{Package, Relationship, SHARED_STRINGS};
use super::styles::SheetFormats;
use super::xml::{self, each_piece, escape};
use super::CannotMark;
use crate::report::{self, Finding, Report};
use crate::workbook::{column_letters, CellRef};

/// The row of the column headings; findings start on the next row.
pub const HEADING_ROW: u32 = 4;

/// Column widths (characters): where, severity, what is wrong, how to fix it.
const WIDTHS: [u32; 4] = [30, 11, 70, 70];

/// How the third line begins: what recognises the sheet as ours when the copy is marked again.
pub const ADDED_START: &str = "bcf-check added this sheet, the notes and the red borders.";

/// What the copy adds, and what to do about it before the plan is submitted.
pub const ADDED: &str = "bcf-check added this sheet, the notes and the red borders. Delete this sheet before you submit the plan, or make your changes in your original workbook.";

/// The same, for a workbook whose structure is protected: its sheets cannot be deleted.
pub const ADDED_PROTECTED: &str = "bcf-check added this sheet, the notes and the red borders. This workbook is protected, so you cannot delete this sheet without its password: make your changes in your original workbook, and submit that.";

/// The most findings the sheet lists (a definition can give one on every cell of a long table;
/// the copy must stay small enough to be checked again).
pub const MAX_LISTED: usize = 5_000;

pub const HEADINGS: [&str; 4] = ["Where", "Severity", "What is wrong", "How to fix it"];

/// Where a finding is, as the page and the text report show it.
pub fn place(f: &Finding) -> String {
    match (&f.sheet, &f.cell) {
        (Some(sheet), Some(cell)) => format!("{sheet}!{cell}"),
        (Some(sheet), None) => sheet.clone(),
        _ => "Whole workbook".to_string(),
    }
}

/// A reference Excel follows from a link: `'4. Income'!D13`, quotes doubled inside the name.
pub fn link_location(sheet: &str, cell: Option<&str>) -> String {
    format!("'{}'!{}", sheet.replace('\'', "''"), cell.unwrap_or("A1"))
}

/// The first two lines: what was checked, and when and by what.
pub fn title_lines(report: &Report, round: Option<&str>, checked_at: &str) -> (String, String) {
    let name = report.file.rsplit(['/', '\\']).next().unwrap_or(&report.file);
    let title = format!("Problems found in {name}");
    let mut about = Vec::new();
    if let Some(round) = round {
        about.push(format!("Planning round: {round}"));
    }
    if let Some(hwb) = &report.hwb {
        about.push(format!("Health and Wellbeing Board: {hwb}"));
    }
    about.push(format!("Checked on {checked_at} by bcf-check {}", env!("CARGO_PKG_VERSION")));
    let mut summary = report::summary(report);
    if let Some(first) = summary.get(0..1) {
        summary = format!("{}{}", first.to_uppercase(), &summary[1..]);
    }
    about.push(summary);
    (title, about.join(". ") + ".")
}

/// The sheet's XML. `linked(f)` says whether a finding's sheet is in the workbook (a link to a
/// sheet that is not there would only give an error in Excel).
pub fn sheet_xml(
    report: &Report,
    round: Option<&str>,
    checked_at: &str,
    formats: SheetFormats,
    protected: bool,
    linked: &dyn Fn(&Finding) -> Option<String>,
) -> Vec<u8> {
    let (title, about) = title_lines(report, round, checked_at);
    let mut rows = String::new();
    let mut links = String::new();
    let text = |at: CellRef, value: &str, format: u32| {
        format!(r#"<c r="{at}" s="{format}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#, escape(value))
    };
    rows.push_str(&format!(
        r#"<row r="1" ht="21" customHeight="1">{}</row>"#,
        text(CellRef::new(1, 1), &title, formats.title)
    ));
    rows.push_str(&format!(r#"<row r="2">{}</row>"#, text(CellRef::new(2, 1), &about, formats.plain)));
    let added = if protected { ADDED_PROTECTED } else { ADDED };
    rows.push_str(&format!(r#"<row r="3">{}</row>"#, text(CellRef::new(3, 1), added, formats.plain)));
    let headings: String = HEADINGS
        .iter()
        .enumerate()
        .map(|(i, h)| text(CellRef::new(HEADING_ROW, i as u32 + 1), h, formats.heading))
        .collect();
    rows.push_str(&format!(r#"<row r="{HEADING_ROW}">{headings}</row>"#));
    if report.findings.is_empty() {
        let at = CellRef::new(HEADING_ROW + 1, 1);
        rows.push_str(&format!(r#"<row r="{}">{}</row>"#, at.row, text(at, "No problems found", formats.text)));
    }
    let listed = &report.findings[..report.findings.len().min(MAX_LISTED)];
    for (i, f) in listed.iter().enumerate() {
        let row = HEADING_ROW + 1 + i as u32;
        let where_format = match linked(f) {
            Some(location) => {
                let at = CellRef::new(row, 1);
                links.push_str(&format!(
                    r#"<hyperlink ref="{at}" location="{}" display="{}"/>"#,
                    escape(&location),
                    escape(&place(f))
                ));
                formats.link
            }
            None => formats.text,
        };
        // Rows tall enough for the longer of the two texts, at about 75 characters a line.
        let lines = [&f.message, &f.hint].iter().map(|t| 1 + t.chars().count() / 75).max().unwrap_or(1);
        rows.push_str(&format!(
            r#"<row r="{row}" ht="{}" customHeight="1">{}{}{}{}</row>"#,
            15 * lines.clamp(1, 20),
            text(CellRef::new(row, 1), &place(f), where_format),
            text(CellRef::new(row, 2), f.severity.title(), formats.text),
            text(CellRef::new(row, 3), &f.message, formats.text),
            text(CellRef::new(row, 4), &f.hint, formats.text),
        ));
    }
    let unlisted = report.findings.len() - listed.len();
    if unlisted > 0 {
        let at = CellRef::new(HEADING_ROW + 1 + listed.len() as u32, 1);
        let more = format!(
            "…and {} more problems, not listed here and without notes. Fix the problems above, check the plan again and download a new copy to see the rest.",
            crate::report::words::number(unlisted as f64)
        );
        rows.push_str(&format!(r#"<row r="{}">{}</row>"#, at.row, text(at, &more, formats.plain)));
    }
    let last_row = HEADING_ROW + (listed.len() + usize::from(unlisted > 0)).max(1) as u32;
    let cols: String = WIDTHS
        .iter()
        .enumerate()
        .map(|(i, w)| format!(r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#, i + 1))
        .collect();
    let first = CellRef::new(HEADING_ROW + 1, 1);
    let hyperlinks = if links.is_empty() { String::new() } else { format!("<hyperlinks>{links}</hyperlinks>") };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<dimension ref="A1:{last_col}{last_row}"/>"#,
            r#"<sheetViews><sheetView tabSelected="1" workbookViewId="0">"#,
            r#"<pane ySplit="{heading}" topLeftCell="{first}" activePane="bottomLeft" state="frozen"/>"#,
            r#"<selection pane="bottomLeft" activeCell="{first}" sqref="{first}"/></sheetView></sheetViews>"#,
            r#"<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>{rows}</sheetData>{hyperlinks}"#,
            r#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#,
            r#"<pageSetup orientation="landscape"/></worksheet>"#
        ),
        last_col = column_letters(WIDTHS.len() as u32),
        last_row = last_row,
        heading = HEADING_ROW,
        first = first,
        cols = cols,
        rows = rows,
        hyperlinks = hyperlinks,
    )
    .into_bytes()
}

/// The text of cell A3 of a sheet's XML (where the sheet says what added it): written inline
/// by us, or as a shared string by a program that saved the copy again.
pub fn third_line(
    package: &mut Package<'_>,
    sheet_xml: &[u8],
    workbook_rels: &[Relationship],
) -> Result<Option<String>, CannotMark> {
    let (mut kind, mut text, mut inside, mut in_text) = (None::<String>, String::new(), false, false);
    let mut found = false;
    each_piece(sheet_xml, |p| {
        match &p.event {
            Event::Start(e) | Event::Empty(e) if xml::local_name(e) == "c" => {
                inside = !found && xml::attr(e, "r").as_deref() == Some("A3") && matches!(p.event, Event::Start(_));
                if inside {
                    kind = xml::attr(e, "t");
                }
            }
            Event::End(e) if inside && e.local_name().into_inner() == "c" => {
                inside = false;
                found = true;
            }
            Event::Start(e) if inside && matches!(xml::local_name(e).as_str(), "t" | "v") => in_text = true,
            Event::End(e) if inside && matches!(e.local_name().into_inner(), "t" | "v") => in_text = false,
            Event::Text(t) if in_text => text.push_str(&xml::unescape(t)),
            Event::GeneralRef(r) if in_text => text.push_str(&xml::reference_text(r)),
            _ => {}
        }
        Ok(())
    })?;
    if !found {
        return Ok(None);
    }
    if kind.as_deref() != Some("s") {
        return Ok(Some(text));
    }
    // A shared string: the index'th item of the shared strings part.
    let Ok(wanted) = text.trim().parse::<usize>() else { return Ok(None) };
    let Some(part) = workbook_rels.iter().find(|r| r.kind == SHARED_STRINGS && !r.external) else { return Ok(None) };
    let Some(strings) = package.read(&part.target)? else { return Ok(None) };
    let (mut index, mut shared, mut in_t) = (0usize, String::new(), false);
    let mut done = false;
    each_piece(&strings, |p| {
        if done {
            return Ok(());
        }
        match &p.event {
            Event::End(e) if e.local_name().into_inner() == "si" => {
                done = index == wanted;
                index += 1;
            }
            Event::Empty(e) if xml::local_name(e) == "si" => {
                done = index == wanted;
                index += 1;
            }
            Event::Start(e) if xml::local_name(e) == "t" => in_t = true,
            Event::End(e) if e.local_name().into_inner() == "t" => in_t = false,
            Event::Text(t) if in_t && index == wanted => shared.push_str(&xml::unescape(t)),
            Event::GeneralRef(r) if in_t && index == wanted => shared.push_str(&xml::reference_text(r)),
            _ => {}
        }
        Ok(())
    })?;
    Ok(done.then_some(shared))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_quote_the_sheet_name() {
        assert_eq!(link_location("4. Income", Some("D13")), "'4. Income'!D13");
        assert_eq!(link_location("Bob's sheet", Some("A1:A4")), "'Bob''s sheet'!A1:A4");
        assert_eq!(link_location("Cover", None), "'Cover'!A1");
    }
}
