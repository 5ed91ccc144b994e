//! The grid, styles and drop-downs → a real .xlsx file, with rust_xlsxwriter.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatBorder, Formula, Workbook as XlsxWorkbook, XlsxError,
};

use super::{Style, TemplateModel, Validation};
use crate::workbook::{format_number, CellRange, CellRef, Value};

fn format_for(style: Option<Style>) -> Format {
    let base = Format::new().set_font_name("Arial").set_font_size(10);
    match style {
        None => base,
        Some(Style::Title) => base.set_bold().set_font_size(14),
        Some(Style::Header) => {
            base.set_bold().set_text_wrap().set_background_color(Color::RGB(0xDCE6F1)).set_border(FormatBorder::Thin)
        }
        Some(Style::Label) => base.set_text_wrap(),
        Some(Style::Note) => base.set_text_wrap().set_italic(),
        Some(Style::Input) => {
            base.set_background_color(Color::RGB(0xFFFF99)).set_border(FormatBorder::Thin).set_unlocked()
        }
        Some(Style::InputDate) => base
            .set_background_color(Color::RGB(0xFFFF99))
            .set_border(FormatBorder::Thin)
            .set_unlocked()
            .set_num_format("dd/mm/yyyy"),
        Some(Style::Prepopulated) => base.set_background_color(Color::RGB(0xD9D9D9)).set_border(FormatBorder::Thin),
    }
}

/// Writes the model. Dates get a date format so that every reader sees a date, not a number.
pub fn write_xlsx(m: &TemplateModel) -> Result<Vec<u8>, XlsxError> {
    let mut book = XlsxWorkbook::new();
    // A fixed creation time, so that writing the same model twice gives the same bytes and the
    // committed templates and fixtures change only when their content does.
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1)?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let date = Format::new().set_font_name("Arial").set_font_size(10).set_num_format("dd/mm/yyyy");
    // The checklist's results as Excel would have worked them out when the file was saved.
    let checklist_results: std::collections::HashMap<(String, CellRef), &str> = m
        .checklist
        .iter()
        .flat_map(|c| c.results(&m.workbook).into_iter().map(move |(at, v)| ((c.sheet.clone(), at), v)))
        .collect();
    for sheet in &m.workbook.sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        if sheet.hidden {
            ws.set_hidden(true);
        }
        for (name, col, width) in &m.widths {
            if name == &sheet.name {
                ws.set_column_width((col - 1) as u16, *width)?;
            }
        }
        // Styled cells with nothing in them are still written, so inputs show yellow.
        for ((name, at), style) in &m.styles {
            if name == &sheet.name && sheet.cell(*at).is_none() {
                ws.write_blank(at.row - 1, (at.col - 1) as u16, &format_for(Some(*style)))?;
            }
        }
        let merges: Vec<CellRange> =
            m.merges.iter().filter(|(name, _)| name == &sheet.name).map(|(_, range)| *range).collect();
        for range in &merges {
            let style = m.styles.get(&(sheet.name.clone(), range.start)).copied();
            let (first, last) =
                ((range.start.row - 1, (range.start.col - 1) as u16), (range.end.row - 1, (range.end.col - 1) as u16));
            ws.merge_range(first.0, first.1, last.0, last.1, "", &format_for(style))?;
        }
        // Inside a merged area only the top-left cell holds a value (written below).
        let hidden_by_merge = |at: &CellRef| {
            merges.iter().any(|r| {
                (r.start.row..=r.end.row).contains(&at.row)
                    && (r.start.col..=r.end.col).contains(&at.col)
                    && *at != r.start
            })
        };
        for (at, cell) in &sheet.cells {
            if hidden_by_merge(at) {
                continue;
            }
            let (row, col) = (at.row - 1, (at.col - 1) as u16);
            let style = m.styles.get(&(sheet.name.clone(), *at)).copied();
            let format = format_for(style);
            if let Some(result) = checklist_results.get(&(sheet.name.clone(), *at)) {
                let formula = cell.formula.as_deref().unwrap_or_default();
                ws.write_formula_with_format(row, col, Formula::new(formula).set_result(*result), &format)?;
                continue;
            }
            if let Some(item) =
                m.checklist.iter().filter(|c| c.sheet == sheet.name).flat_map(|c| &c.items).find(|i| i.link == *at)
            {
                let url = rust_xlsxwriter::Url::new(format!(
                    "internal:'{}'!{}",
                    item.target_sheet.replace('\'', "''"),
                    item.target
                ))
                .set_text(format!("{}!{}", item.target_sheet, item.target));
                ws.write_url_with_format(row, col, url, &format)?;
                continue;
            }
            if let Some(formula) = &cell.formula {
                let cached = match &cell.value {
                    Value::Number(n) => format_number(*n),
                    Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
                    other => other.display(),
                };
                let f = Formula::new(formula.as_str()).set_result(cached);
                ws.write_formula_with_format(row, col, f, &format)?;
                continue;
            }
            match &cell.value {
                Value::Empty => ws.write_blank(row, col, &format)?,
                Value::Number(n) => ws.write_number_with_format(row, col, *n, &format)?,
                Value::Text(t) => ws.write_string_with_format(row, col, &**t, &format)?,
                Value::Bool(b) => ws.write_boolean_with_format(row, col, *b, &format)?,
                Value::Date(serial) => {
                    let format = if style.is_some() { format.set_num_format("dd/mm/yyyy") } else { date.clone() };
                    ws.write_number_with_format(row, col, *serial, &format)?
                }
                // An error value can only be written as the cached result of a formula.
                Value::Error(e) => {
                    ws.write_formula_with_format(row, col, Formula::new("=NA()").set_result(e.as_str()), &format)?
                }
            };
        }
        for (name, at, author, text) in &m.notes {
            if name == &sheet.name {
                let note = rust_xlsxwriter::Note::new(text).set_author(author).add_author_prefix(false);
                ws.insert_note(at.row - 1, (at.col - 1) as u16, &note)?;
            }
        }
        for (name, range, validation) in &m.validations {
            if name != &sheet.name {
                continue;
            }
            let dv = match validation {
                Validation::List(formula) => DataValidation::new().allow_list_formula(Formula::new(formula.as_str())),
                Validation::Decimal { min, max } => {
                    DataValidation::new().allow_decimal_number(DataValidationRule::Between(*min, *max))
                }
            };
            ws.add_data_validation(
                range.start.row - 1,
                (range.start.col - 1) as u16,
                range.end.row - 1,
                (range.end.col - 1) as u16,
                &dv,
            )?;
        }
    }
    // The first visible sheet is active, as in the official templates.
    if let Ok(ws) = book.worksheet_from_index(0) {
        ws.set_active(true);
    }
    let bytes = book.save_to_buffer()?;
    Ok(strip_missing_results(m, bytes))
}

/// rust_xlsxwriter always caches a result for a formula. A formula whose model value is `Empty`
/// stands for a file saved without recalculation (as openpyxl and other scripts write them), so
/// its `<v>` element is removed from the sheet XML.
fn strip_missing_results(m: &TemplateModel, bytes: Vec<u8>) -> Vec<u8> {
    let mut targets: Vec<(String, Vec<String>)> = Vec::new();
    for (index, sheet) in m.workbook.sheets.iter().enumerate() {
        let cells: Vec<String> = sheet
            .cells
            .iter()
            .filter(|(_, c)| c.formula.is_some() && c.value == Value::Empty)
            .map(|(at, _)| at.to_string())
            .collect();
        if !cells.is_empty() {
            targets.push((format!("xl/worksheets/sheet{}.xml", index + 1), cells));
        }
    }
    if targets.is_empty() {
        return bytes;
    }
    rewrite(&targets, &bytes).unwrap_or(bytes)
}

fn rewrite(targets: &[(String, Vec<String>)], bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).ok()?;
        if let Some((_, cells)) = targets.iter().find(|(sheet, _)| *sheet == name) {
            let mut xml = String::from_utf8_lossy(&content).into_owned();
            for cell in cells {
                let open = format!("<c r=\"{cell}\"");
                if let Some(start) = xml.find(&open) {
                    if let Some(end) = xml[start..].find("</c>").map(|e| start + e) {
                        let element = xml[start..end].to_string();
                        if let (Some(v_start), Some(v_end)) = (element.find("<v>"), element.find("</v>")) {
                            let stripped =
                                format!("{}{}", &element[..v_start], &element[v_end + 4..]).replace(" t=\"str\"", "");
                            xml.replace_range(start..end, &stripped);
                        }
                    }
                }
            }
            content = xml.into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name.as_str(), options).ok()?;
        out.write_all(&content).ok()?;
    }
    out.finish().ok().map(|c| c.into_inner())
}
