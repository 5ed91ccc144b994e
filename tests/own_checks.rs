//! What a workbook defines for itself (its checklist and drop-down lists), checked on a template
//! the checker does not know: written by rust_xlsxwriter, re-saved by LibreOffice, and built byte
//! by byte. One helper, `check(bytes, expected)`, compares the findings with the list expected.

use std::io::Write;

mod support;

use bcf_check::report::{Coverage, Report, Status};
use support::{resaved_by_libreoffice, summarise};

fn check(name: &str, bytes: &[u8], expected: &[&str]) -> Report {
    let report = bcf_check::check_bytes(name, bytes);
    assert_eq!(summarise(&report.findings), expected, "{name}: {:#?}", report.findings);
    report
}

/// What the real-style template below gives: the partial-check warning, then each problem its
/// checklist and validations find, in workbook order.
const REAL_STYLE_FINDINGS: &[&str] = &[
    "template.not-recognised warning -",
    "checklist.incomplete error Cover!C5",
    "validation.not-in-list error Cover!C7",
    "validation.out-of-range error Cover!C8",
    "checklist.out-of-date warning Cover!C9",
    "checklist.incomplete error Checklist!D11",
    "validation.out-of-range error Expenditure!C5",
    "validation.wrong-type error Expenditure!C6",
    "validation.not-in-list error Expenditure!D6",
    "validation.out-of-range error Expenditure!C7",
    "validation.not-in-list error Expenditure!D7",
    "validation.out-of-range warning Expenditure!F7",
];

#[test]
fn a_template_no_round_knows_is_checked_by_its_own_checklist_and_lists() {
    let report = check("real-style.xlsx", &bcf_check::template::real_style_template(), REAL_STYLE_FINDINGS);
    assert_eq!(report.coverage, Coverage::Workbook);
    assert_eq!((report.profile.as_deref(), report.recognised_by), (None, None));
    assert_eq!(report.hwb.as_deref(), Some("Leicester"));
    assert_eq!(report.status, Status::Error);
    let message = |cell: &str| {
        report.findings.iter().find(|f| f.cell.as_deref() == Some(cell)).map(|f| f.message.clone()).unwrap_or_default()
    };
    let partial = &report.findings[0].message;
    assert!(partial.contains("partial check"), "{partial}");
    assert!(partial.contains("its checklist (7 items) and 6 drop-down lists and number limits"), "{partial}");
    assert!(
        partial.contains("One drop-down list or limit was not checked, because Excel works it out with formulas"),
        "{partial}"
    );
    assert!(message("C5").contains("not complete: Completed by."), "{}", message("C5"));
    assert!(message("C9").contains("the cell is empty: Contact number"), "{}", message("C9"));
    assert!(message("D11").contains("“'Workforce'!C4”, which is not in this workbook"), "{}", message("D11"));
    assert!(message("D6").contains("“Social Care” has a space after it"), "{}", message("D6"));
    assert!(
        message("D7").contains("The choices are “Social Care”, “Community Health” and “Primary Care”"),
        "{}",
        message("D7")
    );
    assert!(message("C5").contains("The template's checklist"));
    assert!(message("C8").contains("a date between 01/04/2026 and 31/03/2027"), "{}", message("C8"));
    let summary = bcf_check::report::summary(&report);
    assert!(summary.contains("partial check"), "{summary}");
}

#[test]
fn a_libreoffice_resave_gives_the_same_findings() {
    let bytes = resaved_by_libreoffice("real-style", &bcf_check::template::real_style_template());
    // LibreOffice keeps the checklist's results as they were saved, and writes its links and
    // validations its own way (an inline list's quotes as entities, every validation with both
    // formulas).
    check("resaved.xlsx", &bytes, REAL_STYLE_FINDINGS);
}

/// A package written by hand: the parts and nothing else.
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).expect("entry");
        zip.write_all(content.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

/// One visible sheet with a quoted name and a hidden list sheet, written byte by byte: a
/// `HYPERLINK()` link, a range link, a defined-name list source, an `INDIRECT` list, a list under
/// Excel 2010's extension element, and a validation whose error style is "warning".
fn hand_built(sheet_xml: &str) -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="My Plan's Cover" sheetId="1" r:id="rId1"/><sheet name="HWB Lists" sheetId="2" state="hidden" r:id="rId2"/></sheets><definedNames><definedName name="YesNo">'HWB Lists'!$A$1:$A$2</definedName></definedNames></workbook>"#;
    let workbook_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>"#;
    let lists = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Yes</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>No</t></is></c></row></sheetData></worksheet>"#;
    package(&[
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", workbook_rels),
        ("xl/worksheets/sheet1.xml", sheet_xml),
        ("xl/worksheets/sheet2.xml", lists),
    ])
}

fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn a_hand_built_workbook_with_every_kind_of_link_and_list() {
    let rows = [
        format!(r#"<row r="2">{}{}</row>"#, inline("B2", "Health and Wellbeing Board"), inline("C2", "Rutland")),
        format!(r#"<row r="3">{}{}</row>"#, inline("B3", "Signed off?"), inline("C3", "yes")),
        format!(r#"<row r="4">{}{}</row>"#, inline("B4", "Ready?"), inline("C4", "Perhaps")),
        format!(r#"<row r="5">{}{}</row>"#, inline("B5", "Type"), inline("C5", "Anything")),
        format!(r#"<row r="6">{}{}</row>"#, inline("B6", "Agreed?"), inline("C6", "Maybe")),
        format!(r#"<row r="7">{}</row>"#, inline("B7", "Left blank")),
        format!(
            r#"<row r="10">{}{}{}</row>"#,
            inline("B10", "Item"),
            inline("C10", "Cell Ref"),
            inline("D10", "Check")
        ),
        // A HYPERLINK() link to a quoted sheet name with an apostrophe in it.
        format!(
            r##"<row r="11">{}<c r="C11" t="str"><f>HYPERLINK("#'My Plan''s Cover'!C7","C7")</f><v>C7</v></c>{}</row>"##,
            inline("B11", "The blank one"),
            inline("D11", "no")
        ),
        // A hyperlink element whose place is a range: its first cell is meant.
        format!(
            r#"<row r="12">{}{}{}</row>"#,
            inline("B12", "Signed off"),
            inline("C12", "C3:C4"),
            inline("D12", "Yes")
        ),
    ];
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x:sheetData>{}</x:sheetData><x:dataValidations count="3"><x:dataValidation type="list" allowBlank="1" sqref="C3 C7"><x:formula1>YesNo</x:formula1></x:dataValidation><x:dataValidation type="list" errorStyle="warning" sqref="C4"><x:formula1>"Yes,No"</x:formula1></x:dataValidation><x:dataValidation type="list" sqref="C5"><x:formula1>INDIRECT($B$5)</x:formula1></x:dataValidation></x:dataValidations><x:hyperlinks><x:hyperlink ref="C12" location="'My Plan''s Cover'!C3:C4" display="C3"/></x:hyperlinks><x:extLst><x:ext uri="{{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}}"><x14:dataValidations count="1"><x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>'HWB Lists'!$A$1:$A$2</xm:f></x14:formula1><xm:sqref>C6</xm:sqref></x14:dataValidation></x14:dataValidations></x:ext></x:extLst></x:worksheet>"#,
        rows.join("")
    );
    let report = check(
        "hand-built.xlsx",
        &hand_built(&sheet),
        &[
            "template.not-recognised warning -",
            "validation.not-in-list warning My Plan's Cover!C4",
            "validation.not-in-list error My Plan's Cover!C6",
            "checklist.incomplete error My Plan's Cover!C7",
        ],
    );
    assert_eq!(report.hwb.as_deref(), Some("Rutland"));
    assert!(
        report.findings[0].message.contains("its checklist (2 items) and 3 drop-down lists"),
        "{}",
        report.findings[0].message
    );
}

#[test]
fn the_cost_follows_the_cells_not_a_validations_declared_range() {
    // Ten thousand validations over the whole sheet, on a sheet of a few cells: quick, bounded.
    let mut validations = String::new();
    for _ in 0..10_000 {
        validations.push_str(r#"<dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1><formula2>10</formula2></dataValidation>"#);
    }
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>11</v></c></row></sheetData><dataValidations>{validations}<dataValidation type="whole" sqref="B1"><formula1>0</formula1><formula2>1</formula2></dataValidation></dataValidations></worksheet>"#
    );
    let started = std::time::Instant::now();
    let report = bcf_check::check_bytes("many.xlsx", &hand_built(&sheet));
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
    // A1 is reported once; the validation past the limit is counted as not evaluated.
    assert_eq!(
        summarise(&report.findings),
        ["template.not-recognised warning -", "validation.out-of-range error My Plan's Cover!A1"]
    );
    let message = &report.findings[0].message;
    assert!(
        message.contains(
            "One drop-down list or limit was not checked, because the workbook has more than the checker reads"
        ),
        "{message}"
    );
}

#[test]
fn two_versions_of_a_template_no_round_knows_are_compared_by_their_problems() {
    let version = |c4: &str, c6: &str| {
        hand_built(&format!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="4">{}</row><row r="6">{}</row></sheetData><dataValidations><dataValidation type="list" sqref="C4 C6"><formula1>"Yes,No"</formula1></dataValidation></dataValidations></worksheet>"#,
            inline("C4", c4),
            inline("C6", c6)
        ))
    };
    let changes =
        bcf_check::compare::compare_bytes("old.xlsx", &version("Perhaps", "Yes"), "new.xlsx", &version("Yes", "Maybe"))
            .unwrap_or_else(|why| panic!("{why}"));
    let seen: Vec<String> =
        changes.iter().map(|c| format!("{} {} {}", c.change, c.cell.as_deref().unwrap_or("-"), c.what)).collect();
    assert_eq!(seen, ["fixed C4 validation.not-in-list", "new problem C6 validation.not-in-list"]);
    // A version a round recognises and one it does not are not versions of one template.
    let refused = bcf_check::compare::compare_bytes(
        "template.xlsx",
        &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid-2025-26.xlsx")).expect("fixture"),
        "new.xlsx",
        &version("Yes", "No"),
    );
    assert!(refused.is_err_and(|why| why.contains("are not versions of one template")));
}

#[test]
fn a_checklist_row_beside_the_board_s_label_is_not_taken_for_the_board() {
    // A blank template no round recognises (no version cell, moved rows): its Cover's board cell
    // is empty, and its checklist has a row "Health and Wellbeing Board" with the cell reference
    // `2. Cover!C8` beside it, which is not a board's name.
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/derive/changed-layout-template.xlsx");
    let report = bcf_check::check_bytes("blank.xlsx", &std::fs::read(path).expect("fixture"));
    assert_eq!(report.findings[0].rule, "template.not-recognised");
    assert_eq!(report.hwb, None);
}
