//! A corpus of odd and hostile workbooks. Each must end in findings or a clear unreadable status,
//! never a panic, a hang or unbounded memory. (Sizes and times are measured by the benchmarks,
//! not asserted here.)

mod support;

use bcf_check::report::{Report, Status};
use bcf_check::workbook::MAX_CELLS_PER_SHEET;
use support::*;

const COVER_XML: &str = "xl/worksheets/sheet2.xml";
const EXPENDITURE_XML: &str = "xl/worksheets/sheet5.xml";

fn valid() -> Vec<u8> {
    Fixture::valid("2025-26", SINGLE_TIER).xlsx()
}

fn entry(xlsx: &[u8], name: &str) -> String {
    let (_, body) = unzip(xlsx).into_iter().find(|(n, _)| n == name).expect("entry");
    String::from_utf8(body).expect("utf-8 xml")
}

fn rules(report: &Report) -> Vec<&str> {
    report.findings.iter().map(|f| f.rule.as_str()).collect()
}

/// Replaces the `<sheetData>…</sheetData>` of a sheet.
fn with_sheet_data(xlsx: &[u8], sheet: &str, data: &str) -> Vec<u8> {
    let xml = entry(xlsx, sheet);
    let (start, end) = (xml.find("<sheetData").expect("sheetData"), xml.find("</sheetData>").expect("end"));
    let xml = format!("{}{}{}", &xml[..start], data, &xml[end + "</sheetData>".len()..]);
    replace_entry(xlsx, sheet, xml.as_bytes())
}

#[test]
fn deeply_nested_xml() {
    let depth = 200_000;
    let nested = format!("<sheetData>{}{}</sheetData>", "<x>".repeat(depth), "</x>".repeat(depth));
    let report = bcf_check::check_bytes("nested.xlsx", &with_sheet_data(&valid(), COVER_XML, &nested));
    // The Cover reads as empty: its title and labels are missing, so no round recognises the
    // workbook, and only the drop-down lists of its other sheets are checked.
    assert_eq!(rules(&report), ["template.not-recognised"]);
}

#[test]
fn cells_at_opposite_corners_of_the_sheet() {
    // A dense reader would allocate 1,048,576 × 16,384 cells for these two.
    let xml = entry(&valid(), EXPENDITURE_XML);
    let far = r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#;
    let xml = xml.replace("</sheetData>", far);
    let report = bcf_check::check_bytes("corners.xlsx", &replace_entry(&valid(), EXPENDITURE_XML, xml.as_bytes()));
    assert_eq!(report.status, Status::Pass, "{:?}", report.findings);
}

#[test]
fn nine_hundred_thousand_rows_of_notes_beside_the_table() {
    // Within the limit of 1,000,000 cells a sheet, beside the table's columns: read, and passed.
    let xml = entry(&valid(), EXPENDITURE_XML);
    let mut rows = String::with_capacity(40_000_000);
    for row in 300..900_300u32 {
        rows.push_str(&format!(r#"<row r="{row}"><c r="S{row}"><v>{row}</v></c></row>"#));
    }
    let xml = xml.replace("</sheetData>", &format!("{rows}</sheetData>"));
    let bytes = replace_entry(&valid(), EXPENDITURE_XML, xml.as_bytes());
    let report = bcf_check::check_bytes("million.xlsx", &bytes);
    assert_eq!(report.status, Status::Pass, "{:?}", report.findings);
}

#[test]
fn more_cells_than_the_limit() {
    let mut rows = String::with_capacity(60_000_000);
    rows.push_str("<sheetData>");
    for row in 1..=(MAX_CELLS_PER_SHEET as u32 + 1) {
        rows.push_str(&format!(r#"<row r="{row}"><c r="A{row}"><v>1</v></c></row>"#));
    }
    rows.push_str("</sheetData>");
    let report = bcf_check::check_bytes("cells.xlsx", &with_sheet_data(&valid(), EXPENDITURE_XML, &rows));
    assert_eq!(report.status, Status::Unreadable);
    assert_eq!(rules(&report), ["file.too-large"]);
    assert_eq!(
        report.findings[0].message,
        "The sheet “5. Expenditure” has more than 1,000,000 cells. The planning template has far fewer."
    );
}

#[test]
fn a_real_zip_bomb() {
    // 300 MB of XML that deflates to well under a megabyte, declared honestly in the directory.
    let mut sheet = String::from("<worksheet><sheetData>");
    sheet.push_str(&" ".repeat(300 * 1024 * 1024));
    sheet.push_str("</sheetData></worksheet>");
    let bytes = replace_entry(&valid(), COVER_XML, sheet.as_bytes());
    assert!(bytes.len() < 2 * 1024 * 1024, "{}", bytes.len());
    let report = bcf_check::check_bytes("bomb.xlsx", &bytes);
    assert_eq!(rules(&report), ["file.too-large"]);
}

#[test]
fn shared_string_index_out_of_range() {
    let xml = entry(&valid(), COVER_XML);
    // C6 (Completed by) points at a shared string that does not exist.
    let start = xml.find(r#"<c r="C6""#).expect("C6");
    let end = start + xml[start..].find("</c>").expect("end of C6") + 4;
    let xml = format!(r#"{}<c r="C6" t="s"><v>999999</v></c>{}"#, &xml[..start], &xml[end..]);
    let report = bcf_check::check_bytes("strings.xlsx", &replace_entry(&valid(), COVER_XML, xml.as_bytes()));
    eprintln!("shared string out of range: {:?}", report.findings);
    assert!(matches!(report.status, Status::Unreadable | Status::Error), "{:?}", report);
    assert!(!report.findings.is_empty());
}

#[test]
fn thousands_of_sheets() {
    let mut model = Fixture::valid("2025-26", SINGLE_TIER).model;
    for i in 0..3000 {
        let mut sheet = bcf_check::workbook::Sheet::new(&format!("Extra {i}"));
        sheet.set(bcf_check::workbook::CellRef::new(1, 1), text("note"));
        model.workbook.sheet_names.push(sheet.name.clone());
        model.workbook.sheets.push(sheet);
    }
    let report = bcf_check::check_bytes("sheets.xlsx", &model.to_xlsx());
    assert_eq!(report.status, Status::Pass, "{:?}", report.findings);
}

#[test]
fn names_that_are_not_utf8() {
    // A sheet name in workbook.xml with bytes that are not UTF-8.
    let valid = valid();
    let mut xml = entry(&valid, "xl/workbook.xml").into_bytes();
    let at = xml.windows(7).position(|w| w == b"1. Guid").expect("sheet name");
    xml[at + 3] = 0xFF;
    xml[at + 4] = 0xFE;
    let report = bcf_check::check_bytes("names.xlsx", &replace_entry(&valid, "xl/workbook.xml", &xml));
    assert_eq!(report.status, Status::Unreadable, "{report:?}");
    // A zip entry name that is not UTF-8.
    let mut bytes = zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/Xbad.xml", b"<x/>")]);
    // Corrupt every copy of the second entry's name (local header and central directory).
    for pos in bytes.windows(4).enumerate().filter(|(_, w)| *w == b"xl/X").map(|(i, _)| i).collect::<Vec<_>>() {
        bytes[pos + 3] = 0xFF;
    }
    let report = bcf_check::check_bytes("entry.xlsx", &bytes);
    assert_eq!(report.status, Status::Unreadable, "{report:?}");
}

#[test]
fn every_format_variant_of_the_same_plan() {
    // LibreOffice-saved xlsx, ods and xls of the valid samples (see tests/extract.rs).
    for path in ["libreoffice/valid-2025-26.ods", "libreoffice/valid-2025-26.xls", "libreoffice/valid-2017-19.ods"] {
        let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
        let report = bcf_check::check_bytes(path, &std::fs::read(full).expect("fixture"));
        assert_eq!(report.status, Status::Pass, "{path}: {:?}", report.findings);
    }
}

#[test]
fn fuzzing_regressions() {
    // tests/fixtures/fuzz: inputs the fuzzer (fuzz/, see the README) found crashing something.
    // Each is named after what it broke. calamine panics on some of them; the check must catch
    // that and report the file as unreadable.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz regressions") {
        let path = entry.expect("entry").path();
        let report = bcf_check::check_bytes(&path.display().to_string(), &std::fs::read(&path).expect("read"));
        assert!(!report.findings.is_empty(), "{}", path.display());
        seen += 1;
    }
    assert!(seen > 0);
    let panicking = dir.join("calamine-xls-formula-length-panic.xls");
    let report = bcf_check::check_bytes("panic.xls", &std::fs::read(panicking).expect("read"));
    assert_eq!(report.status, Status::Unreadable);
    assert_eq!(
        report.findings[0].message,
        "The file could not be read. Part of it is damaged in a way the reader could not handle."
    );
}

#[test]
fn an_xls_whose_dimensions_claim_terabytes() {
    // Found by fuzzing: calamine reserves rows × columns from the DIMENSIONS record, and the
    // failed allocation aborts the process. The guard refuses it first.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/calamine-xls-dimensions-reserve-abort.xls");
    let report = bcf_check::check_bytes("dims.xls", &std::fs::read(path).expect("fixture"));
    assert_eq!(rules(&report), ["file.too-large"]);
}

#[test]
fn an_ods_whose_repeated_cells_expand_to_billions() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>
<table:table table:name="2. Cover"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#;
    let ods =
        zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content.as_bytes())]);
    let report = bcf_check::check_bytes("repeats.ods", &ods);
    assert_eq!(rules(&report), ["file.too-large"]);
    assert!(report.findings[0].message.starts_with("The sheet “2. Cover” has more than"));
}

#[test]
fn an_ods_whose_long_formula_is_repeated_across_a_row() {
    // A 100 KB formula in one cell repeated over 16,384 columns: a file of a few kilobytes from
    // which the reader made 1.6 GB of formulas (3.2 GB at its peak).
    let formula = format!("of:={}", "1+".repeat(50_000) + "1");
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>
<table:table table:name="2. Cover"><table:table-row><table:table-cell table:number-columns-repeated="16384" table:formula="{formula}" office:value-type="float" office:value="1"/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#
    );
    let ods =
        zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content.as_bytes())]);
    let report = bcf_check::check_bytes("formulas.ods", &ods);
    assert_eq!(rules(&report), ["file.too-large"]);
    assert!(report.findings[0].message.starts_with("The file holds "), "{}", report.findings[0].message);
}

#[test]
fn an_xlsb_copy_of_the_plan() {
    // Written by the project's own minimal xlsb writer (values only: formulas as their results).
    for round in ["2025-26", "2017-19"] {
        let fixture = Fixture::valid(round, TWO_TIER);
        let bytes = bcf_check::template::write_xlsb(&fixture.model);
        assert_eq!(
            bcf_check::workbook::sniff(&bytes),
            bcf_check::workbook::Sniffed::Spreadsheet(bcf_check::workbook::Format::Xlsb)
        );
        let report = bcf_check::check_bytes("plan.xlsb", &bytes);
        assert_eq!(report.status, Status::Pass, "{round}: {:#?}", report.findings);
        assert_eq!(report.hwb.as_deref(), Some(TWO_TIER));
        // The same defect is found in xlsb as in xlsx.
        let defective = fixture.with(|m| m.set_text("5. Expenditure", "H9", "Community Health"));
        let report = bcf_check::check_bytes("plan.xlsb", &bcf_check::template::write_xlsb(&defective.model));
        assert!(rules(&report).contains(&"funding.asc-minimum"), "{round}: {:?}", rules(&report));
    }
}

#[test]
fn thousands_of_distinct_problems() {
    // 4,000 scheme rows, each with its own invalid area of spend: every finding has a different
    // message, so none collapse. Reporting them must stay linear.
    let fixture = Fixture::valid("2025-26", SINGLE_TIER).with(|m| {
        for row in 20..4020u32 {
            let at = |col: &str| format!("{col}{row}");
            m.set_text("5. Expenditure", &at("H"), &format!("Area {row}"));
            m.set_text("5. Expenditure", &at("M"), &format!("Provider {row}"));
        }
    });
    let started = std::time::Instant::now();
    let report = fixture.check();
    eprintln!("{} findings in {:?}", report.findings.len(), started.elapsed());
    assert_eq!(report.findings.iter().filter(|f| f.rule == "scheme.invalid-choice").count(), 8000);
}

#[test]
fn an_xls_whose_mini_fat_chain_loops() {
    // The mini FAT's own chain points back at itself and the header claims 16 million mini FAT
    // sectors: the parser follows the loop until it has that many bytes, and the process aborts.
    // The guard checks declared sizes against the file and walks every chain the parser will.
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/xls-mini-fat-chain-loops.xls");
    let report = bcf_check::check_bytes("loop.xls", &std::fs::read(path).expect("fixture"));
    assert_eq!(report.status, Status::Unreadable);
    assert_eq!(rules(&report), ["file.unreadable"]);
}

#[test]
fn an_xls_with_one_byte_sectors_is_damaged_and_ends() {
    // Sector shift 0, with a DIFAT chain to follow: the count of entries in a DIFAT sector wrapped
    // around below zero and the shipped reader looped for ever (in a test build it panicked).
    // Only 512- and 4,096-byte sectors exist: anything else is damage, said plainly.
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(hostile("xls-with-one-byte-sectors.xls"));
    });
    let report = finished.recv_timeout(std::time::Duration::from_secs(60)).expect("the check ends");
    assert_eq!(rules(&report), ["file.unreadable"]);
    assert!(
        report.findings[0].message.contains("It looks like a spreadsheet, but part of it is damaged"),
        "{}",
        report.findings[0].message
    );
}

/// The outcome of checking `tests/fixtures/hostile/NAME`: every finding as `rule: message`.
fn hostile(name: &str) -> Report {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile").join(name);
    bcf_check::check_bytes(name, &std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// Asserts a file is refused with one finding of `rule` whose message starts with `opening`.
fn refused(name: &str, rule: &str, opening: &str) {
    let report = hostile(name);
    assert_eq!(report.status, Status::Unreadable, "{name}: {:#?}", report.findings);
    assert_eq!(rules(&report), [rule], "{name}");
    assert!(report.findings[0].message.starts_with(opening), "{name}: {}", report.findings[0].message);
}

// Each file below once aborted the process, cost gigabytes or minutes, or passed a broken plan.
// tests/fixtures/hostile/make.py writes them; the README's robustness section lists the classes.

#[test]
fn numbers_a_file_declares_are_checked_against_what_it_holds() {
    refused(
        "sst-unique-count-ten-billion.xlsx",
        "file.unreadable",
        "The file could not be read. It says it holds more shared strings than it does",
    );
    // Read as metadata, a shared formula's index sizes nothing.
    let report = hostile("shared-formula-index-a-hundred-billion.xlsx");
    assert_eq!(report.status, Status::Pass, "{:#?}", report.findings);
    refused(
        "xls-with-a-million-continue-records.xls",
        "file.too-large",
        "The file is split into 1,000,000 continuation records.",
    );
}

#[test]
fn what_is_built_from_a_file_is_bounded() {
    // A shared formula is not expanded into each of its 20,000 cells: the plan reads as it is.
    let report = hostile("shared-formula-of-100-kb-in-20000-cells.xlsx");
    assert_eq!(report.status, Status::Pass, "{:#?}", report.findings);
    refused("one-long-string-in-2000-cells.xlsx", "file.too-large", "The file holds 64.0 MB");
    refused("one-inline-string-of-100-mb.xlsx", "file.too-large", "The file holds 100.0 MB");
    refused("styles-with-ten-million-formats.xlsx", "file.too-large", "The file has 10,000,011 cell formats.");
    refused(
        "three-sheets-each-under-the-cell-limit.xlsx",
        "file.too-large",
        "The template's sheets hold more than 1,500,000 cells",
    );
    refused("ods-long-string-repeated-across-columns.ods", "file.too-large", "The file holds 953.7 MB");
    refused("ods-run-of-two-billion-spaces.ods", "file.too-large", "The file holds 2.0 GB of text");
    refused(
        "ods-empty-rows-between-two-values.ods",
        "file.too-large",
        "The sheet “2. Cover” has more than 1,000,000 cells.",
    );
}

#[test]
fn damage_is_never_read_as_sound() {
    refused(
        "zip-entry-whose-crc-does-not-match.xlsx",
        "file.unreadable",
        "The file could not be read. It looks damaged",
    );
    refused("zip-with-two-entries-of-one-name.xlsx", "file.unreadable", "The file could not be read. It looks damaged");
    refused(
        "workbook-lists-a-sheet-2000-times.xlsx",
        "file.unreadable",
        "The file could not be read. It has two sheets called “2. Cover”",
    );
}

#[test]
fn nothing_is_ignored_silently() {
    // £50 million spent in row 6,000, below the rows read: the plan is not reported as passing.
    refused(
        "scheme-far-below-the-table.xlsx",
        "file.too-large",
        "The sheet “5. Expenditure” has something in row 6,000",
    );
}

#[test]
fn figures_are_honest_at_any_magnitude() {
    let report = hostile("amounts-too-large-and-too-small-to-show.xlsx");
    let ranges: Vec<&str> =
        report.findings.iter().filter(|f| f.rule == "number.out-of-range").map(|f| f.message.as_str()).collect();
    assert_eq!(
        ranges,
        [
            "The amount in “Expenditure (£)” is 100,000,000,000,000,000,000. It must be between 0 and 1,000,000,000.",
            "The amount in “Expenditure (£)” is -0.001. It must be between 0 and 1,000,000,000.",
        ]
    );
    for f in &report.findings {
        assert!(!f.message.contains("NaN") && !f.message.contains("18,446,744"), "{}", f.message);
    }
}

#[test]
fn three_hundred_thousand_districts_are_checked_in_linear_time() {
    let report = hostile("dfg-districts-with-300000-pairs.xlsx");
    let f = report.findings.iter().find(|f| f.rule == "funding.dfg-districts").expect("districts finding");
    assert_eq!(
        f.message,
        "Leicester is a two-tier area, but there is no Disabled Facilities Grant row for “District 0”, “District 1”, “District 2”, “District 3”, “District 4”, “District 5”, “District 6”, “District 7”, “District 8”, “District 9” and 299,990 other districts."
    );
}

#[test]
fn cells_out_of_order_or_given_twice_read_as_inserting_them_one_by_one() {
    // The grid is built from the cells as read, sorted once: a cell given twice keeps its last
    // value (as a map filled cell by cell keeps it), and rows listed out of order come out sorted.
    let data = r#"<sheetData><row r="9"><c r="C9" t="inlineStr"><is><t>later row first</t></is></c></row><row r="3"><c r="B3"><v>1</v></c><c r="A3"><v>2</v></c><c r="B3"><v>3</v></c></row></sheetData>"#;
    let xlsx = with_sheet_data(&valid(), COVER_XML, data);
    let workbook = bcf_check::workbook::read_workbook(&xlsx, &|_| true).expect("readable");
    let cover = workbook.sheets.iter().find(|s| s.name.contains("Cover")).expect("cover");
    let cells: Vec<(String, String)> =
        cover.cells.iter().map(|(at, cell)| (at.to_string(), format!("{:?}", cell.value))).collect();
    assert_eq!(
        cells,
        [("A3", "Number(2.0)"), ("B3", "Number(3.0)"), ("C9", "Text(\"later row first\")")]
            .map(|(a, v)| (a.to_string(), v.to_string()))
    );
}

#[test]
fn an_xls_whose_one_long_shared_string_fills_many_cells() {
    // 60,000 characters in the shared string table, shown by 2,000 cells: the reader copies the
    // string into each, 120 million characters from a 75 KB file. Counted against the text
    // budget before the reader runs.
    let report = hostile("xls-one-long-shared-string-in-2000-cells.xls");
    assert_eq!(rules(&report), ["file.too-large"], "{:#?}", report.findings);
    assert!(report.findings[0].message.starts_with("The file holds "), "{}", report.findings[0].message);
}
