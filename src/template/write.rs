//! The grid, styles and drop-downs → a real .xlsx file, with rust_xlsxwriter.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatBorder, Formula,
    Workbook as XlsxWorkbook, XlsxError,
};

use super::{Style, TemplateModel, Validation};
use crate::workbook::{format_number, Value};

fn format_for(style: Option<Style>) -> Format {
    let base = Format::new().set_font_name("Arial").set_font_size(10);
    match style {
        None => base,
        Some(Style::Title) => base.set_bold().set_font_size(14),
        Some(Style::Header) => base
            .set_bold()
            .set_text_wrap()
            .set_background_color(Color::RGB(0xDCE6F1))
            .set_border(FormatBorder::Thin),
        Some(Style::Label) => base.set_text_wrap(),
        Some(Style::Note) => base.set_text_wrap().set_italic(),
        Some(Style::Input) => base
            .set_background_color(Color::RGB(0xFFFF99))
            .set_border(FormatBorder::Thin)
            .set_unlocked(),
        Some(Style::InputDate) => base
            .set_background_color(Color::RGB(0xFFFF99))
            .set_border(FormatBorder::Thin)
            .set_unlocked()
            .set_num_format("dd/mm/yyyy"),
        Some(Style::Prepopulated) => base
            .set_background_color(Color::RGB(0xD9D9D9))
            .set_border(FormatBorder::Thin),
    }
}

/// Writes the model. Dates get a date format so that every reader sees a date, not a number.
pub fn write_xlsx(m: &TemplateModel) -> Result<Vec<u8>, XlsxError> {
    let mut book = XlsxWorkbook::new();
    let date = Format::new()
        .set_font_name("Arial")
        .set_font_size(10)
        .set_num_format("dd/mm/yyyy");
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
        for (at, cell) in &sheet.cells {
            let (row, col) = (at.row - 1, (at.col - 1) as u16);
            let style = m.styles.get(&(sheet.name.clone(), *at)).copied();
            let format = format_for(style);
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
                Value::Text(t) => ws.write_string_with_format(row, col, t, &format)?,
                Value::Bool(b) => ws.write_boolean_with_format(row, col, *b, &format)?,
                Value::Date(serial) => {
                    let format = if style.is_some() {
                        format.set_num_format("dd/mm/yyyy")
                    } else {
                        date.clone()
                    };
                    ws.write_number_with_format(row, col, *serial, &format)?
                }
                // An error value can only be written as the cached result of a formula.
                Value::Error(e) => ws.write_formula_with_format(
                    row,
                    col,
                    Formula::new("=NA()").set_result(e.as_str()),
                    &format,
                )?,
            };
        }
        for (name, range, validation) in &m.validations {
            if name != &sheet.name {
                continue;
            }
            let dv = match validation {
                Validation::List(formula) => {
                    DataValidation::new().allow_list_formula(Formula::new(formula.as_str()))
                }
                Validation::Decimal { min, max } => DataValidation::new()
                    .allow_decimal_number(DataValidationRule::Between(*min, *max)),
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
    book.save_to_buffer()
}
