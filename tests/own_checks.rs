//! What a workbook defines for itself (its checklist and drop-down lists), checked on a template
//! the checker does not know: written by rust_xlsxwriter, re-saved by LibreOffice, and built byte
//! by byte. One helper, `check(bytes, expected)`, compares the findings with the list expected.

use std::io::Write;

use bcf_check::report::{Coverage, Report, Status};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Formula, Url, Workbook,
};

const TITLE: &str = "Better Care Fund 2026-27 Planning Template";

/// `rule severity sheet!cell`, one a finding, as the report lists them.
fn summarise(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| {
            let place = match (&f.sheet, &f.cell) {
                (Some(s), Some(c)) => format!("{s}!{c}"),
                (Some(s), None) => s.clone(),
                _ => "-".into(),
            };
            format!("{} {} {place}", f.rule, f.severity.as_str())
        })
        .collect()
}

fn check(name: &str, bytes: &[u8], expected: &[&str]) -> Report {
    let report = bcf_check::check_bytes(name, bytes);
    assert_eq!(summarise(&report), expected, "{name}: {:#?}", report.findings);
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

/// A template laid out as no round is (as the current round's may be), with a checklist sheet
/// like the real ones (description, hyperlinked cell reference, a checker formula showing Yes or
/// No) and drop-down lists and number limits as Excel data validation; the values are what a
/// user pasted past them.
fn real_style_template() -> Vec<u8> {
    let mut book = Workbook::new();
    let guidance = book.add_worksheet().set_name("Guidance").expect("name");
    guidance.write(1, 1, TITLE).expect("write");
    guidance.write(3, 1, "Complete every yellow cell. The checklist shows what is left to do.").expect("write");

    let cover = book.add_worksheet().set_name("Cover").expect("name");
    cover.write(1, 1, TITLE).expect("write");
    let rows: [(&str, Option<&str>); 6] = [
        ("Health and Wellbeing Board:", Some("Leicester")),
        ("Completed by:", None),
        ("E-mail:", Some("lead@example.org")),
        ("Has the plan been signed off?", Some("Maybe")),
        ("Expected sign-off date:", None),
        ("Contact number:", None),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        cover.write(row, 1, *label).expect("write");
        if let Some(value) = value {
            cover.write(row, 2, *value).expect("write");
        }
    }
    cover.write_datetime(7, 2, ExcelDateTime::from_ymd(2028, 1, 31).expect("date")).expect("date");
    let boards = DataValidation::new().allow_list_formula(Formula::new("=Boards"));
    cover.add_data_validation(3, 2, 3, 2, &boards).expect("validation");
    let yes_no = DataValidation::new().allow_list_strings(&["Yes", "No"]).expect("list");
    cover.add_data_validation(6, 2, 6, 2, &yes_no).expect("validation");
    let from = ExcelDateTime::from_ymd(2026, 4, 1).expect("date");
    let to = ExcelDateTime::from_ymd(2027, 3, 31).expect("date");
    let dates = DataValidation::new().allow_date(DataValidationRule::Between(from, to));
    cover.add_data_validation(7, 2, 7, 2, &dates).expect("validation");

    let checklist = book.add_worksheet().set_name("Checklist").expect("name");
    checklist.write(0, 1, "Checklist").expect("write");
    checklist.write(1, 1, "Incomplete Template").expect("write");
    for (col, header) in ["Description", "Cell Reference", "checker"].iter().enumerate() {
        checklist.write(2, 1 + col as u16, *header).expect("write");
    }
    // (description, cell, checker as last calculated)
    let items = [
        ("Health and Wellbeing Board", "C4", "Yes"),
        ("Completed by", "C5", "No"),
        ("E-mail", "C6", "Yes"),
        ("Signed off", "C7", "Yes"),
        ("Expected sign-off date", "C8", "Yes"),
        // Calculated before the contact number was deleted.
        ("Contact number", "C9", "Yes"),
    ];
    for (i, (description, cell, checker)) in items.iter().enumerate() {
        let row = 3 + i as u32;
        checklist.write(row, 1, *description).expect("write");
        if *cell == "C8" {
            // A link made with the HYPERLINK function, as some templates make theirs.
            let link = Formula::new(format!("=HYPERLINK(\"#Cover!{cell}\",\"Cover!{cell}\")"))
                .set_result(format!("Cover!{cell}"));
            checklist.write_formula(row, 2, link).expect("formula");
        } else {
            let url = Url::new(format!("internal:Cover!{cell}")).set_text(format!("Cover!{cell}"));
            checklist.write_url(row, 2, url).expect("link");
        }
        let formula = Formula::new(format!("=IF(Cover!{cell}=\"\",\"No\",\"Yes\")")).set_result(*checker);
        checklist.write_formula(row, 3, formula).expect("formula");
    }
    checklist.write(9, 1, "Sheet completed").expect("write");
    checklist.write(9, 3, "No").expect("write");
    checklist.write(10, 1, "Workforce plan").expect("write");
    let broken = Url::new("internal:'Workforce'!C4").set_text("Workforce!C4");
    checklist.write_url(10, 2, broken).expect("link");
    checklist.write(10, 3, "No").expect("write");

    let spending = book.add_worksheet().set_name("Expenditure").expect("name");
    for (col, header) in ["Scheme ID", "Amount (£)", "Area", "Sub type", "NHS share (%)"].iter().enumerate() {
        spending.write(2, 1 + col as u16, *header).expect("write");
    }
    let schemes: [(&str, Option<f64>, &str, &str, f64); 4] = [
        ("S1", Some(100.0), "Social Care", "Anything", 50.0),
        ("S2", Some(-5.0), "social care", "Anything", 50.0),
        ("S3", None, "Social Care ", "Anything", 50.0),
        ("S4", Some(10.5), "Acute", "Anything", 150.0),
    ];
    for (i, (id, amount, area, sub, share)) in schemes.iter().enumerate() {
        let row = 3 + i as u32;
        spending.write(row, 1, *id).expect("write");
        match amount {
            Some(n) => spending.write(row, 2, *n).expect("write"),
            None => spending.write(row, 2, "9.5m").expect("write"),
        };
        spending.write(row, 3, *area).expect("write");
        spending.write(row, 4, *sub).expect("write");
        spending.write(row, 5, *share).expect("write");
    }
    let whole = DataValidation::new().allow_whole_number(DataValidationRule::Between(0, 1_000_000_000));
    spending.add_data_validation(3, 2, 49, 2, &whole).expect("validation");
    let areas = DataValidation::new().allow_list_formula(Formula::new("=Lists!$A$2:$A$4"));
    spending.add_data_validation(3, 3, 49, 3, &areas).expect("validation");
    // Excel works this one out from the row's area: not evaluated, never guessed.
    let sub_types = DataValidation::new().allow_list_formula(Formula::new("=INDIRECT($D4)"));
    spending.add_data_validation(3, 4, 49, 4, &sub_types).expect("validation");
    let share = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        .set_error_style(DataValidationErrorStyle::Warning);
    spending.add_data_validation(3, 5, 49, 5, &share).expect("validation");

    let lists = book.add_worksheet().set_name("Lists").expect("name");
    lists.set_hidden(true);
    lists.write(0, 0, "Area of spend").expect("write");
    for (i, area) in ["Social Care", "Community Health", "Primary Care"].iter().enumerate() {
        lists.write(1 + i as u32, 0, *area).expect("write");
    }
    lists.write(0, 1, "Boards").expect("write");
    for (i, board) in ["Leicester", "Leicestershire", "Rutland"].iter().enumerate() {
        lists.write(1 + i as u32, 1, *board).expect("write");
    }
    book.define_name("Boards", "=Lists!$B$2:$B$4").expect("name");
    book.save_to_buffer().expect("saved")
}

#[test]
fn a_template_no_round_knows_is_checked_by_its_own_checklist_and_lists() {
    let report = check("real-style.xlsx", &real_style_template(), REAL_STYLE_FINDINGS);
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
    let dir = std::env::temp_dir().join(format!("bcf-own-checks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let original = dir.join("real-style.xlsx");
    std::fs::write(&original, real_style_template()).expect("write");
    let out = dir.join("resaved");
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir"])
        .arg(&out)
        .arg(&original)
        .env("HOME", &dir)
        .output()
        .expect("LibreOffice (soffice) runs: scripts/setup.sh installs it");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let bytes = std::fs::read(out.join("real-style.xlsx")).expect("LibreOffice wrote the copy");
    // LibreOffice keeps the checklist's results as they were saved, and writes its links and
    // validations its own way (an inline list's quotes as entities, every validation with both
    // formulas).
    check("resaved.xlsx", &bytes, REAL_STYLE_FINDINGS);
    let _ = std::fs::remove_dir_all(&dir);
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
        summarise(&report),
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
