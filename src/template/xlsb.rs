//! A minimal Excel binary workbook (.xlsb) writer, for test fixtures: no tool on the registries
//! writes xlsb. Cells are written as values (a formula's cached result stands in for it, which the
//! template allows for pre-populated cells); there are no styles, so dates are plain numbers.
//! Record layouts follow [MS-XLSB] as calamine reads them.

use std::io::Write;

use super::TemplateModel;
use crate::workbook::Value;

/// A BIFF12 record: type (1 or 2 bytes, 7 bits each) and size (1 to 4 bytes, 7 bits each).
fn record(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
    if kind < 0x80 {
        out.push(kind as u8);
    } else {
        out.push((kind & 0x7F) as u8 | 0x80);
        out.push(((kind >> 7) & 0x7F) as u8);
    }
    let mut len = data.len();
    loop {
        let byte = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    out.extend_from_slice(data);
}

/// XLWideString: a character count and UTF-16LE.
fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    out
}

fn sheet_bin(sheet: &crate::workbook::Sheet) -> Vec<u8> {
    let mut out = Vec::new();
    record(&mut out, 0x0081, &[]); // BrtBeginSheet
    let (rows, cols) = sheet.cells.keys().fold((0u32, 0u32), |(r, c), at| (r.max(at.row), c.max(at.col)));
    let mut dim = Vec::new();
    for v in [0, rows.saturating_sub(1), 0, cols.saturating_sub(1)] {
        dim.extend_from_slice(&v.to_le_bytes());
    }
    record(&mut out, 0x0094, &dim); // BrtWsDim
    record(&mut out, 0x0091, &[]); // BrtBeginSheetData
    let mut current_row = 0;
    for (at, cell) in &sheet.cells {
        if at.row != current_row {
            current_row = at.row;
            let mut header = (at.row - 1).to_le_bytes().to_vec();
            header.extend_from_slice(&[0; 13]); // ixfe, miyRw, flags, ccolspan
            record(&mut out, 0x0000, &header); // BrtRowHdr
        }
        let mut data = (at.col - 1).to_le_bytes().to_vec();
        data.extend_from_slice(&[0; 4]); // iStyleRef and flags
        match &cell.value {
            Value::Empty => continue,
            Value::Number(n) | Value::Date(n) => {
                data.extend_from_slice(&n.to_le_bytes());
                record(&mut out, 0x0005, &data); // BrtCellReal
            }
            Value::Text(t) => {
                data.extend(wide(t));
                record(&mut out, 0x0006, &data); // BrtCellSt
            }
            Value::Bool(b) => {
                data.push(u8::from(*b));
                record(&mut out, 0x0004, &data); // BrtCellBool
            }
            Value::Error(e) => {
                let code = match e.as_str() {
                    "#NULL!" => 0x00,
                    "#DIV/0!" => 0x07,
                    "#VALUE!" => 0x0F,
                    "#REF!" => 0x17,
                    "#NAME?" => 0x1D,
                    "#NUM!" => 0x24,
                    _ => 0x2A,
                };
                data.push(code);
                record(&mut out, 0x0003, &data); // BrtCellError
            }
        }
    }
    record(&mut out, 0x0092, &[]); // BrtEndSheetData
    record(&mut out, 0x0082, &[]); // BrtEndSheet
    out
}

/// The model as .xlsb bytes.
pub fn write_xlsb(m: &TemplateModel) -> Vec<u8> {
    let mut workbook = Vec::new();
    record(&mut workbook, 0x0083, &[]); // BrtBeginBook
    record(&mut workbook, 0x008F, &[]); // BrtBeginBundleShs
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>"#,
    );
    for (i, sheet) in m.workbook.sheets.iter().enumerate() {
        let n = i + 1;
        let mut bundle = u32::from(sheet.hidden).to_le_bytes().to_vec();
        bundle.extend_from_slice(&(n as u32).to_le_bytes());
        bundle.extend(wide(&format!("rId{n}")));
        bundle.extend(wide(&sheet.name));
        record(&mut workbook, 0x009C, &bundle); // BrtBundleSh
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.bin"/>"#));
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.bin" ContentType="application/vnd.ms-excel.worksheet"/>"#
        ));
    }
    record(&mut workbook, 0x0090, &[]); // BrtEndBundleShs
    record(&mut workbook, 0x0084, &[]); // BrtEndBook
    rels.push_str("</Relationships>");
    types.push_str("</Types>");
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#;

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, body: &[u8]| {
        zip.start_file(name, options).unwrap_or_else(|e| panic!("xlsb {name}: {e}"));
        zip.write_all(body).unwrap_or_else(|e| panic!("xlsb {name}: {e}"));
    };
    add("[Content_Types].xml", types.as_bytes());
    add("_rels/.rels", root_rels.as_bytes());
    add("xl/workbook.bin", &workbook);
    add("xl/_rels/workbook.bin.rels", rels.as_bytes());
    for (i, sheet) in m.workbook.sheets.iter().enumerate() {
        add(&format!("xl/worksheets/sheet{}.bin", i + 1), &sheet_bin(sheet));
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_else(|e| panic!("xlsb: {e}"))
}
