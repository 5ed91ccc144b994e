//! The marked copy (`bcf-check --annotate`, and the page's download): the user's own workbook back
//! with a "Problems found" sheet first, a note on each cell with a finding and a red border on
//! each cell with an error, and every other part of the package as it was.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bcf_check::annotate::{mark_copy, CannotMark, MarkedCopy, HEADING_ROW, PROBLEMS_SHEET};
use bcf_check::report::{Report, Severity};
use bcf_check::template;
use bcf_check::workbook::{read_workbook, CellRef, Value, Workbook};
use quick_xml::events::Event;
use support::*;

const WHEN: &str = "25 November 2026 at 18:46";

/// The expenditure sheet's name in the definition these plans are written to: a space and an
/// apostrophe, which a link to it must quote.
const SPENDING: &str = "5. Board's spending plan";

/// A plan with findings on four sheets: an error on a merged cell (Cover C7:E7), a run of errors
/// down a column (a range), an error on a cell that already has a reviewer's note, warnings and
/// errors on the sheet whose name has an apostrophe; and a note on a cell with no finding.
fn defective_plan() -> (Vec<u8>, Report) {
    static PLAN: std::sync::OnceLock<(Vec<u8>, Report)> = std::sync::OnceLock::new();
    PLAN.get_or_init(write_defective_plan).clone()
}

fn write_defective_plan() -> (Vec<u8>, Report) {
    let json = {
        let base = bcf_check::profile::built_in_json("2025-26").expect("built-in");
        let mut p: serde_json::Value = serde_json::from_str(base).expect("json");
        p["id"] = "2025-26-marked".into();
        p["version"] = "BCF-2025-26 marked".into();
        p["sheets"]["expenditure"] = SPENDING.into();
        serde_json::to_string(&p).expect("json")
    };
    let profile = bcf_check::profile::load(&json).unwrap_or_else(|p| panic!("{p:?}"));
    let boards = template::boards(profile);
    let board = boards.iter().find(|b| b.name == SINGLE_TIER).expect("board");
    let mut plan = template::build(profile, &boards, Some(board));
    template::fill_valid(&mut plan);
    let cover = profile.sheets.cover.clone();
    let metrics = profile.sheets.metrics.clone();
    let conditions = profile.sheets.conditions.clone();
    plan.set_text(&cover, "C7", "alex.morgan(at)example.gov.uk");
    plan.merges.push((cover.clone(), range("C7:E7")));
    for row in ["M7", "M8", "M9"] {
        plan.clear(SPENDING, row);
    }
    plan.set_number(SPENDING, "B10", 1.0);
    plan.clear(&metrics, "I10");
    plan.notes.push((
        metrics.clone(),
        at("I10"),
        "Ann Reviewer".into(),
        "Please add the rationale before Friday.".into(),
    ));
    plan.notes.push((cover.clone(), at("C6"), "Ann Reviewer".into(), "Check the name is spelt right.".into()));
    plan.set_text(&conditions, "D9", "No");
    plan.recalculate();
    let bytes = plan.to_xlsx();
    let report = bcf_check::check_bytes("plan for Leicester.xlsx", &bytes);
    (bytes, report)
}

fn at(a1: &str) -> CellRef {
    CellRef::parse(a1).expect("address")
}

fn range(text: &str) -> bcf_check::workbook::CellRange {
    let (a, b) = text.split_once(':').expect("range");
    bcf_check::workbook::CellRange { start: at(a), end: at(b) }
}

fn marked(bytes: &[u8], report: &Report) -> MarkedCopy {
    mark_copy(bytes, report, WHEN).unwrap_or_else(|e| panic!("no copy: {}", e.message()))
}

fn read_all(bytes: &[u8]) -> Workbook {
    read_workbook(bytes, &|_| true).unwrap_or_else(|e| panic!("did not read back: {e}"))
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Text(t) => t.to_string(),
        other => other.display(),
    }
}

/// The parts of a package by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    unzip(bytes).into_iter().collect()
}

/// Every start or empty element of a part named `name`, as its attributes.
fn elements(xml: &[u8], name: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut found = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => return found,
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == name => {
                found.push(
                    e.attributes()
                        .flatten()
                        .map(|a| {
                            (
                                a.key.into_inner().to_string(),
                                quick_xml::escape::unescape(&a.value).expect("value").into_owned(),
                            )
                        })
                        .collect(),
                );
            }
            _ => {}
        }
    }
}

/// The text of a part between its elements (notes' text), joined.
fn all_text(xml: &[u8]) -> String {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => return out,
            Event::Text(t) => out.push_str(&t),
            Event::GeneralRef(r) => {
                out.push_str(quick_xml::escape::resolve_predefined_entity(&r).unwrap_or(""));
            }
            _ => {}
        }
    }
}

/// Sheet name → its part, from the workbook and its relationships.
fn sheet_parts(p: &BTreeMap<String, Vec<u8>>) -> Vec<(String, String)> {
    let rels = elements(&p["xl/_rels/workbook.xml.rels"], "Relationship");
    elements(&p["xl/workbook.xml"], "sheet")
        .into_iter()
        .map(|s| {
            let target = rels.iter().find(|r| r["Id"] == s["r:id"]).expect("sheet relationship")["Target"].clone();
            (s["name"].clone(), format!("xl/{}", target.trim_start_matches("/xl/")))
        })
        .collect()
}

/// The relationships of a part, targets as package paths.
fn relationships_of(p: &BTreeMap<String, Vec<u8>>, part: &str) -> Vec<BTreeMap<String, String>> {
    let (folder, file) = part.rsplit_once('/').expect("a part in a folder");
    let Some(xml) = p.get(&format!("{folder}/_rels/{file}.rels")) else { return Vec::new() };
    elements(xml, "Relationship")
        .into_iter()
        .map(|mut r| {
            let mut path: Vec<&str> = folder.split('/').collect();
            let target = r["Target"].clone();
            for piece in target.split('/') {
                match piece {
                    ".." => {
                        path.pop();
                    }
                    p => path.push(p),
                }
            }
            r.insert("path".into(), path.join("/").to_string());
            r
        })
        .collect()
}

/// The comments (notes) of a sheet part: cell → text.
fn notes_of(p: &BTreeMap<String, Vec<u8>>, sheet_part: &str) -> BTreeMap<String, String> {
    let Some(rel) = relationships_of(p, sheet_part).into_iter().find(|r| r["Type"].ends_with("/comments")) else {
        return BTreeMap::new();
    };
    let xml = &p[&rel["path"]];
    // Each comment's text, in order: split the part at its comments.
    let text = String::from_utf8_lossy(xml);
    elements(xml, "comment")
        .into_iter()
        .zip(text.split("<comment ").skip(1))
        .map(|(c, body)| {
            (
                c["ref"].clone(),
                all_text(
                    format!("<x>{}</x>", body.split_once('>').unwrap().1.split("</comment>").next().unwrap())
                        .as_bytes(),
                ),
            )
        })
        .collect()
}

/// The border of a cell's format, as its part's XML.
fn border_of(p: &BTreeMap<String, Vec<u8>>, sheet_part: &str, cell: &str) -> String {
    // A cell the sheet does not list has the default format.
    let c = elements(&p[sheet_part], "c").into_iter().find(|c| c["r"] == cell).unwrap_or_default();
    let style: usize = c.get("s").map_or(0, |s| s.parse().unwrap());
    let styles = String::from_utf8_lossy(&p["xl/styles.xml"]).into_owned();
    let cell_xfs = styles.split("<cellXfs").nth(1).unwrap().split("</cellXfs>").next().unwrap().to_string();
    let xf = &elements(format!("<x{cell_xfs}</x>").as_bytes(), "xf")[style];
    let border: usize = xf["borderId"].parse().unwrap();
    let borders = styles.split("<borders").nth(1).unwrap().split("</borders>").next().unwrap();
    // Each `<border>` or `<border …>` element, in order.
    let mut found = Vec::new();
    let mut rest = borders;
    while let Some(at) = rest.find("<border") {
        rest = &rest[at + "<border".len()..];
        if rest.starts_with([' ', '>', '/']) {
            found.push(rest.split("</border>").next().unwrap_or(""));
        }
    }
    found.get(border).unwrap_or(&"").to_string()
}

const RED: &str = "FFCA3535";

#[test]
fn the_problems_sheet_lists_the_report_and_every_other_sheet_reads_as_before() {
    let (bytes, report) = defective_plan();
    assert_eq!(
        summarise(&report.findings),
        [
            "cover.email-invalid error 2. Cover!C7",
            "scheme.required error 5. Board's spending plan!M7:M9",
            "scheme.duplicate-id error 5. Board's spending plan!B10",
            "metric.rationale-missing error 6. Metrics!I10",
            "condition.no-without-actions error 7. National Conditions!E9",
            "condition.no-without-actions error 7. National Conditions!F9",
        ],
        "the plan's findings changed: update the test's expectations"
    );
    let copy = marked(&bytes, &report);
    assert_eq!(copy.file_name, "plan for Leicester-checked.xlsx");
    let (before, after) = (read_all(&bytes), read_all(&copy.bytes));
    let mut expected_names = vec![PROBLEMS_SHEET.to_string()];
    expected_names.extend(before.sheet_names.iter().cloned());
    assert_eq!(after.sheet_names, expected_names);
    for sheet in &before.sheets {
        assert_eq!(after.sheet(&sheet.name).map(|s| &s.cells), Some(&sheet.cells), "{} changed", sheet.name);
    }
    let problems = after.sheet(PROBLEMS_SHEET).expect("Problems found");
    let cell = |row: u32, col: u32| text_of(problems.value(CellRef::new(row, col)));
    assert_eq!(cell(1, 1), "Problems found in plan for Leicester.xlsx");
    assert_eq!(
        cell(2, 1),
        format!(
            "Planning round: 2025-26-marked. Health and Wellbeing Board: Leicester. Checked on {WHEN} by bcf-check {}. 6 errors.",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(cell(3, 1), bcf_check::annotate::problems::ADDED);
    assert!(cell(3, 1).contains("Delete this sheet before you submit the plan"));
    let headings: Vec<String> = (1..=4).map(|c| cell(HEADING_ROW, c)).collect();
    assert_eq!(headings, ["Where", "Severity", "What is wrong", "How to fix it"]);
    let rows: Vec<[String; 4]> =
        (0..report.findings.len() as u32).map(|i| [1, 2, 3, 4].map(|c| cell(HEADING_ROW + 1 + i, c))).collect();
    let expected: Vec<[String; 4]> = report
        .findings
        .iter()
        .map(|f| {
            let severity = match f.severity {
                Severity::Error => "Error",
                Severity::Warning => "Warning",
                Severity::Advisory => "Advisory",
            };
            [
                format!("{}!{}", f.sheet.clone().unwrap(), f.cell.clone().unwrap()),
                severity.into(),
                f.message.clone(),
                f.hint.clone(),
            ]
        })
        .collect();
    assert_eq!(rows, expected);
    assert_eq!(problems.last_row(), HEADING_ROW + report.findings.len() as u32, "nothing after the findings");
}

#[test]
fn each_finding_links_to_its_cell_and_each_finding_cell_has_one_note() {
    let (bytes, report) = defective_plan();
    let copy = marked(&bytes, &report);
    let p = parts(&copy.bytes);
    let sheets = sheet_parts(&p);
    assert_eq!(sheets[0].0, PROBLEMS_SHEET);
    let links = elements(&p[&sheets[0].1], "hyperlink");
    let expected: Vec<(String, String)> = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let sheet = f.sheet.clone().unwrap().replace('\'', "''");
            (format!("A{}", HEADING_ROW + 1 + i as u32), format!("'{sheet}'!{}", f.cell.clone().unwrap()))
        })
        .collect();
    let found: Vec<(String, String)> = links.iter().map(|l| (l["ref"].clone(), l["location"].clone())).collect();
    assert_eq!(found, expected);
    assert!(expected.iter().any(|(_, l)| l == "'5. Board''s spending plan'!M7:M9"), "{expected:?}");

    let part = |name: &str| sheets.iter().find(|(n, _)| n == name).unwrap().1.clone();
    // Cover: the merged cell's note is on its top-left cell, and the reviewer's note elsewhere is kept.
    let cover = notes_of(&p, &part("2. Cover"));
    assert_eq!(cover.keys().collect::<Vec<_>>(), ["C6", "C7"]);
    assert_eq!(cover["C6"], "Check the name is spelt right.");
    assert!(cover["C7"].starts_with("bcf-check:\nError: The contact e-mail address"), "{}", cover["C7"]);
    assert!(cover["C7"].contains("\nTo fix: Enter an e-mail address"), "{}", cover["C7"]);
    // The run down a column: one note, on its first cell.
    let spending = notes_of(&p, &part(SPENDING));
    assert_eq!(spending.keys().collect::<Vec<_>>(), ["B10", "M7"]);
    // A cell that had a note keeps it, with ours after it: still one note.
    let metrics = notes_of(&p, &part("6. Metrics"));
    assert_eq!(metrics.keys().collect::<Vec<_>>(), ["I10"]);
    assert!(metrics["I10"].starts_with("Please add the rationale before Friday."), "{}", metrics["I10"]);
    assert!(metrics["I10"].contains("\n\nbcf-check:\nError: There is no rationale"), "{}", metrics["I10"]);
    let conditions = notes_of(&p, &part("7. National Conditions"));
    assert_eq!(conditions.keys().collect::<Vec<_>>(), ["E9", "F9"]);
    // Every note has a box in the sheet's drawing, each shape id used once in the workbook.
    let mut shape_ids = BTreeSet::new();
    for (name, sheet_part) in &sheets {
        let notes = notes_of(&p, sheet_part);
        let drawing = relationships_of(&p, sheet_part).into_iter().find(|r| r["Type"].ends_with("/vmlDrawing"));
        let Some(drawing) = drawing else {
            assert!(notes.is_empty(), "{name} has notes but no drawing");
            continue;
        };
        let vml = String::from_utf8_lossy(&p[&drawing["path"]]).into_owned();
        let boxes: BTreeSet<String> = vml
            .split("<x:Row>")
            .skip(1)
            .zip(vml.split("<x:Column>").skip(1))
            .map(|(r, c)| {
                let (r, c): (u32, u32) =
                    (r.split('<').next().unwrap().parse().unwrap(), c.split('<').next().unwrap().parse().unwrap());
                CellRef::new(r + 1, c + 1).to_string()
            })
            .collect();
        assert_eq!(boxes, notes.keys().cloned().collect(), "{name}: a box for each note");
        for id in vml.split("<v:shape id=\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()) {
            assert!(shape_ids.insert(id.clone()), "shape {id} used twice");
        }
        let sheet_xml = String::from_utf8_lossy(&p[sheet_part]).into_owned();
        assert!(sheet_xml.contains("<legacyDrawing "), "{name} links its drawing");
    }
}

#[test]
fn cells_with_an_error_have_a_red_border_and_keep_their_own_format_otherwise() {
    let (bytes, report) = defective_plan();
    let copy = marked(&bytes, &report);
    let p = parts(&copy.bytes);
    let sheets = sheet_parts(&p);
    let part = |name: &str| sheets.iter().find(|(n, _)| n == name).unwrap().1.clone();
    for (sheet, cell) in [
        ("2. Cover", "C7"),
        ("2. Cover", "D7"),
        ("2. Cover", "E7"),
        (SPENDING, "M7"),
        (SPENDING, "M8"),
        (SPENDING, "M9"),
        (SPENDING, "B10"),
        ("6. Metrics", "I10"),
        ("7. National Conditions", "E9"),
    ] {
        assert!(border_of(&p, &part(sheet), cell).contains(RED), "{sheet}!{cell} is not marked");
    }
    for (sheet, cell) in [("2. Cover", "C6"), (SPENDING, "M10"), ("6. Metrics", "I11")] {
        assert!(!border_of(&p, &part(sheet), cell).contains(RED), "{sheet}!{cell} is marked");
    }
    // The marked format is the cell's own with the border added: the input's yellow fill stays.
    let original = parts(&bytes);
    let c7 = |p: &BTreeMap<String, Vec<u8>>, sheet_part: &str| {
        elements(&p[sheet_part], "c").into_iter().find(|c| c["r"] == "C7").unwrap()["s"].clone()
    };
    let original_cover = sheet_parts(&original).into_iter().find(|(n, _)| n == "2. Cover").unwrap().1;
    let xf = |p: &BTreeMap<String, Vec<u8>>, index: &str| {
        let styles = String::from_utf8_lossy(&p["xl/styles.xml"]).into_owned();
        let cell_xfs = styles.split("<cellXfs").nth(1).unwrap().split("</cellXfs>").next().unwrap().to_string();
        elements(format!("<x{cell_xfs}</x>").as_bytes(), "xf")[index.parse::<usize>().unwrap()].clone()
    };
    let (before, after) = (xf(&original, &c7(&original, &original_cover)), xf(&p, &c7(&p, &part("2. Cover"))));
    for key in ["fillId", "fontId", "numFmtId"] {
        assert_eq!(before.get(key), after.get(key), "{key}");
    }
}

#[test]
fn parts_that_need_no_change_are_copied_byte_for_byte() {
    let (bytes, report) = defective_plan();
    let copy = marked(&bytes, &report);
    let (before, after) = (parts(&bytes), parts(&copy.bytes));
    let sheets = sheet_parts(&before);
    let with_findings: BTreeSet<String> = report.findings.iter().filter_map(|f| f.sheet.clone()).collect();
    let mut may_change: BTreeSet<String> =
        ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]
            .map(String::from)
            .into();
    for (name, part) in &sheets {
        let (folder, file) = part.rsplit_once('/').unwrap();
        let selected = String::from_utf8_lossy(&before[part]).contains("tabSelected");
        if with_findings.contains(name) || selected {
            may_change.insert(part.clone());
            may_change.insert(format!("{folder}/_rels/{file}.rels"));
            for r in relationships_of(&before, part) {
                if r["Type"].ends_with("/comments") || r["Type"].ends_with("/vmlDrawing") {
                    may_change.insert(r["path"].clone());
                }
            }
        }
    }
    let mut untouched = 0;
    for (name, content) in &before {
        let copied = after.get(name).unwrap_or_else(|| panic!("{name} is missing from the copy"));
        if !may_change.contains(name) {
            assert!(copied == content, "{name} changed");
            untouched += 1;
        }
    }
    assert!(untouched >= 8, "only {untouched} parts were left alone");
    // Copied as stored: the compressed bytes too, not only what they hold.
    let raw = |bytes: &[u8], name: &str| {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let entry = archive.by_name(name).unwrap();
        (entry.compressed_size(), entry.crc32())
    };
    assert_eq!(raw(&bytes, "xl/sharedStrings.xml"), raw(&copy.bytes, "xl/sharedStrings.xml"));
}

#[test]
fn the_package_is_consistent() {
    let (bytes, report) = defective_plan();
    let copy = marked(&bytes, &report);
    let p = parts(&copy.bytes);
    let types = &p["[Content_Types].xml"];
    let defaults: BTreeSet<String> = elements(types, "Default").iter().map(|d| d["Extension"].to_lowercase()).collect();
    let overrides: Vec<String> = elements(types, "Override").iter().map(|o| o["PartName"].to_lowercase()).collect();
    for o in &overrides {
        assert!(p.keys().any(|n| format!("/{}", n.to_lowercase()) == *o), "an override for a missing part {o}");
        assert_eq!(overrides.iter().filter(|x| *x == o).count(), 1, "{o} listed twice");
    }
    for name in p.keys().filter(|n| !n.ends_with('/') && *n != "[Content_Types].xml") {
        let extension = name.rsplit('.').next().unwrap().to_lowercase();
        assert!(
            defaults.contains(&extension) || overrides.contains(&format!("/{}", name.to_lowercase())),
            "{name} has no content type"
        );
    }
    for rels in p.keys().filter(|n| n.ends_with(".rels")) {
        let source = rels.replace("_rels/", "").trim_end_matches(".rels").to_string();
        let listed = relationships_of(&p, if source.is_empty() || source == "." { "x/." } else { &source });
        let ids: BTreeSet<&String> = listed.iter().map(|r| &r["Id"]).collect();
        assert_eq!(ids.len(), listed.len(), "{rels}: ids are unique");
        for r in listed.iter().filter(|r| r.get("TargetMode").is_none() && !rels.starts_with("_rels/")) {
            assert!(p.contains_key(&r["path"]), "{rels} points at a missing {}", r["path"]);
        }
    }
    let workbook = elements(&p["xl/workbook.xml"], "sheet");
    let ids: BTreeSet<&String> = workbook.iter().map(|s| &s["sheetId"]).collect();
    assert_eq!(ids.len(), workbook.len(), "sheet ids are unique");
    // Hidden sheets stay hidden; only the new sheet is selected, and the workbook opens on it.
    assert!(workbook.iter().any(|s| s["name"] == "Lists" && s.get("state").map(String::as_str) == Some("hidden")));
    let selected: Vec<String> = sheet_parts(&p)
        .into_iter()
        .filter(|(_, part)| {
            elements(&p[part], "sheetView").iter().any(|v| v.get("tabSelected").map(String::as_str) == Some("1"))
        })
        .map(|(n, _)| n)
        .collect();
    assert_eq!(selected, [PROBLEMS_SHEET]);
    assert_eq!(elements(&p["xl/workbook.xml"], "workbookView")[0]["activeTab"], "0");
}

#[test]
fn checking_the_copy_finds_what_checking_the_plan_found() {
    let (bytes, report) = defective_plan();
    let copy = marked(&bytes, &report);
    let again = bcf_check::check_bytes("plan for Leicester.xlsx", &copy.bytes);
    assert_eq!(again.findings, report.findings);
    // And a copy of the copy: the same one sheet of problems, made again.
    let twice = marked(&copy.bytes, &again);
    let names = read_all(&twice.bytes).sheet_names;
    assert_eq!(names.iter().filter(|n| n.starts_with(PROBLEMS_SHEET)).count(), 1, "{names:?}");
    assert_eq!(names[0], PROBLEMS_SHEET);
}

#[test]
fn a_plan_with_no_problems_says_so() {
    let bytes = std::fs::read(fixture("valid-2025-26.xlsx")).unwrap();
    let report = bcf_check::check_bytes("valid-2025-26.xlsx", &bytes);
    let copy = marked(&bytes, &report);
    let problems = read_all(&copy.bytes);
    let sheet = problems.sheet(PROBLEMS_SHEET).unwrap();
    assert_eq!(text_of(sheet.value(CellRef::new(HEADING_ROW + 1, 1))), "No problems found");
    assert!(text_of(sheet.value(CellRef::new(2, 1))).ends_with("No problems found."));
    let p = parts(&copy.bytes);
    assert!(!p.keys().any(|n| n.contains("comments") || n.ends_with(".vml")), "no notes without findings");
}

#[test]
fn positions_of_later_sheets_move_up_one_in_defined_names() {
    let (bytes, report) = defective_plan();
    let workbook = String::from_utf8(parts(&bytes)["xl/workbook.xml"].clone()).unwrap();
    let named = workbook.replacen(
        "</sheets>",
        r#"</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">'2. Cover'!$A$1:$E$20</definedName><definedName name="Everywhere">'2. Cover'!$C$7</definedName></definedNames>"#,
        1,
    );
    assert_ne!(named, workbook);
    let bytes = replace_entry(&bytes, "xl/workbook.xml", named.as_bytes());
    let copy = marked(&bytes, &report);
    let names = elements(&parts(&copy.bytes)["xl/workbook.xml"], "definedName");
    assert_eq!(names[0]["localSheetId"], "2");
    assert!(!names[1].contains_key("localSheetId"));
}

#[test]
fn a_workbook_with_macros_stays_one() {
    let (bytes, report) = defective_plan();
    let types = String::from_utf8(parts(&bytes)["[Content_Types].xml"].clone()).unwrap();
    let macro_types = types.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    );
    assert_ne!(macro_types, types);
    let macro_types = macro_types.replace(
        "</Types>",
        r#"<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>"#,
    );
    let mut entries = unzip(&replace_entry(&bytes, "[Content_Types].xml", macro_types.as_bytes()));
    let project: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    entries.push(("xl/vbaProject.bin".into(), project.clone()));
    let entries: Vec<(&str, &[u8])> = entries.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
    let xlsm = zip_of(&entries);
    let report = Report { file: "plan.xlsm".into(), ..report };
    let copy = marked(&xlsm, &report);
    assert_eq!(copy.file_name, "plan-checked.xlsm");
    assert_eq!(parts(&copy.bytes)["xl/vbaProject.bin"], project);
}

#[test]
fn other_formats_are_refused_with_what_to_do() {
    for (file, kind) in [
        ("valid-2025-26.xlsb", "Excel binary workbook (.xlsb)"),
        ("libreoffice/valid-2025-26.ods", "OpenDocument spreadsheet (.ods)"),
        ("libreoffice/valid-2025-26.xls", "Excel 97-2003 workbook (.xls)"),
    ] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        let report = bcf_check::check_bytes(file, &bytes);
        let refused = mark_copy(&bytes, &report, WHEN).expect_err(file);
        assert_eq!(refused, CannotMark::NotXlsx(kind));
        assert!(refused.message().contains(kind), "{}", refused.message());
        assert!(refused.hint().contains("save it as an Excel Workbook (.xlsx)"), "{}", refused.hint());
    }
}

#[test]
fn a_copy_of_a_plan_libreoffice_saved_is_marked_too() {
    let bytes = std::fs::read(fixture("libreoffice/defective-2025-26.xlsx")).unwrap();
    let report = bcf_check::check_bytes("defective-2025-26.xlsx", &bytes);
    assert!(report.counts.error >= 5, "{:?}", summarise(&report.findings));
    let copy = marked(&bytes, &report);
    let again = bcf_check::check_bytes("defective-2025-26.xlsx", &copy.bytes);
    assert_eq!(again.findings, report.findings);
    let (before, after) = (read_all(&bytes), read_all(&copy.bytes));
    for sheet in &before.sheets {
        assert_eq!(after.sheet(&sheet.name).map(|s| &s.cells), Some(&sheet.cells), "{} changed", sheet.name);
    }
}

#[test]
fn libreoffice_opens_the_copies() {
    // LibreOffice is installed by scripts/setup.sh; it converts each copy to PDF, which it does
    // only for a workbook it could open.
    let (bytes, report) = defective_plan();
    let lo_bytes = std::fs::read(fixture("libreoffice/defective-2025-26.xlsx")).unwrap();
    let lo_report = bcf_check::check_bytes("defective-2025-26.xlsx", &lo_bytes);
    let dir = std::env::temp_dir().join(format!("bcf-check-marked-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let first = marked(&bytes, &report);
    let mut fixed = report.clone();
    fixed.findings.retain(|f| f.rule != "cover.email-invalid");
    let copy_of_copy = marked(&first.bytes, &fixed);
    let copies = [("ours", first), ("libreoffice", marked(&lo_bytes, &lo_report)), ("copy-of-copy", copy_of_copy)];
    for (name, copy) in &copies {
        std::fs::write(dir.join(format!("{name}.xlsx")), &copy.bytes).unwrap();
    }
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .args(copies.iter().map(|(name, _)| dir.join(format!("{name}.xlsx"))))
        .env("HOME", &dir)
        .output()
        .expect("LibreOffice (soffice) runs: scripts/setup.sh installs it");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    for (name, _) in &copies {
        let pdf = std::fs::read(dir.join(format!("{name}.pdf")))
            .unwrap_or_else(|_| panic!("no PDF of {name}: {}", String::from_utf8_lossy(&status.stdout)));
        assert!(pdf.starts_with(b"%PDF") && pdf.len() > 10_000, "{name}.pdf is {} bytes", pdf.len());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_command_line_writes_copies_and_says_why_not() {
    let dir = std::env::temp_dir().join(format!("bcf-check-annotate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let args: Vec<String> =
        ["--annotate", dir.to_str().unwrap(), &fixture("defective-2025-26.xlsx"), &fixture("valid-2025-26.xlsb")]
            .map(String::from)
            .to_vec();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = bcf_check::cli::run(&args, &mut out, &mut err);
    assert_eq!(status, 1, "an error was found");
    let err = String::from_utf8(err).unwrap();
    let written: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(written, ["defective-2025-26-checked.xlsx"]);
    assert!(err.contains("marked copy written to"), "{err}");
    assert!(err.contains("valid-2025-26.xlsb: A copy with the problems marked can only be made from an Excel workbook (.xlsx or .xlsm)."), "{err}");
    let copy = std::fs::read(dir.join("defective-2025-26-checked.xlsx")).unwrap();
    assert_eq!(read_all(&copy).sheet_names[0], PROBLEMS_SHEET);
    let _ = std::fs::remove_dir_all(&dir);
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

/// A part's elements in the SpreadsheetML namespace written under the prefix `x:`, as some
/// writers (the Open XML SDK among them) write them.
fn under_prefix(xml: &str) -> String {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    if !xml.contains(&format!("xmlns=\"{MAIN}\"")) {
        return xml.to_string();
    }
    let mut out = String::with_capacity(xml.len() * 2);
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            out.push('/');
            rest = after;
        }
        let name_end = rest.find([' ', '>', '/']).unwrap_or(rest.len());
        if rest.starts_with(|c: char| c.is_ascii_alphabetic()) && !rest[..name_end].contains(':') {
            out.push_str("x:");
        }
    }
    out.push_str(rest);
    out.replace(&format!("xmlns=\"{MAIN}\""), &format!("xmlns:x=\"{MAIN}\""))
}

#[test]
fn a_workbook_written_under_a_namespace_prefix_gets_additions_under_it_too() {
    let (bytes, _) = defective_plan();
    let entries: Vec<(String, Vec<u8>)> = unzip(&bytes)
        .into_iter()
        .map(|(name, content)| {
            if name.ends_with(".xml") && name.starts_with("xl/") {
                (name, under_prefix(&String::from_utf8(content).unwrap()).into_bytes())
            } else {
                (name, content)
            }
        })
        .collect();
    let entries: Vec<(&str, &[u8])> = entries.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
    let prefixed = zip_of(&entries);
    assert!(String::from_utf8_lossy(&parts(&prefixed)["xl/workbook.xml"]).contains("<x:sheets>"));
    let report = bcf_check::check_bytes("plan for Leicester.xlsx", &prefixed);
    assert_eq!(report.counts.error, 6, "{:?}", summarise(&report.findings));
    let copy = marked(&prefixed, &report);
    let p = parts(&copy.bytes);
    let original = parts(&prefixed);
    // The parts the copy edits (its own new parts declare their own namespace).
    for (name, content) in p.iter().filter(|(n, _)| original.contains_key(*n)) {
        if name.ends_with(".xml") && name.starts_with("xl/") {
            let text = String::from_utf8_lossy(content);
            for bare in
                ["<c ", "<row ", "<sheet ", "<font>", "<border>", "<xf ", "<legacyDrawing ", "<author>", "<comment "]
            {
                assert!(!text.contains(bare), "{name} has an element without the prefix: {bare}");
            }
        }
    }
    let again = bcf_check::check_bytes("plan for Leicester.xlsx", &copy.bytes);
    assert_eq!(again.findings, report.findings);
    assert_eq!(read_all(&copy.bytes).sheet_names[0], PROBLEMS_SHEET);
}

#[test]
fn hostile_packages_are_refused_or_marked_within_bounds_never_a_crash() {
    // Asked of bytes with a report that says they were read (the marker worker trusts the page's
    // report): the copy re-checks the package itself.
    let (_, report) = defective_plan();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    for (file, refused) in [
        ("zip-entry-whose-crc-does-not-match.xlsx", Some(CannotMark::Damaged)),
        ("zip-with-two-entries-of-one-name.xlsx", Some(CannotMark::Damaged)),
        ("sst-unique-count-ten-billion.xlsx", Some(CannotMark::Damaged)),
        ("styles-with-ten-million-formats.xlsx", Some(CannotMark::TooLarge)),
        ("shared-formula-of-100-kb-in-20000-cells.xlsx", None),
        ("workbook-lists-a-sheet-2000-times.xlsx", None),
    ] {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let started = std::time::Instant::now();
        let outcome = mark_copy(&bytes, &report, WHEN);
        match (&outcome, &refused) {
            (Err(got), Some(expected)) => assert_eq!(got, expected, "{file}"),
            (Ok(copy), None) => assert!(copy.bytes.len() <= bcf_check::workbook::MAX_FILE_BYTES, "{file}"),
            (Err(got), None) => assert!(matches!(got, CannotMark::Unusual(_) | CannotMark::Damaged), "{file}: {got:?}"),
            (Ok(_), Some(expected)) => panic!("{file}: marked, but should be refused as {expected:?}"),
        }
        assert!(started.elapsed().as_secs() < 20, "{file} took {:?}", started.elapsed());
    }
}

#[test]
fn marking_a_marked_copy_again_takes_the_old_marks_off_first() {
    // A user fixes the e-mail address in the copy and checks it again: the new copy must not keep
    // the old note and red border on that cell, nor repeat the notes that are still true.
    let (bytes, report) = defective_plan();
    let first = marked(&bytes, &report);
    let mut fixed = report.clone();
    fixed.findings.retain(|f| f.rule != "cover.email-invalid");
    let second = marked(&first.bytes, &fixed);

    let (original, p) = (parts(&bytes), parts(&second.bytes));
    let sheets = sheet_parts(&p);
    let names: Vec<&String> = sheets.iter().map(|(n, _)| n).collect();
    assert_eq!(names.iter().filter(|n| n.starts_with(PROBLEMS_SHEET)).count(), 1, "{names:?}");
    assert_eq!(names[0], PROBLEMS_SHEET);
    let problems = read_all(&second.bytes);
    let sheet = problems.sheet(PROBLEMS_SHEET).unwrap();
    let wheres: Vec<String> =
        (0..fixed.findings.len() as u32).map(|i| text_of(sheet.value(CellRef::new(HEADING_ROW + 1 + i, 1)))).collect();
    assert_eq!(wheres.len(), 5);
    assert!(!wheres.iter().any(|w| w.contains("2. Cover")), "{wheres:?}");
    assert_eq!(sheet.last_row(), HEADING_ROW + fixed.findings.len() as u32);

    let part = |name: &str| sheets.iter().find(|(n, _)| n == name).unwrap().1.clone();
    // The fixed cell: its own format again (no red border), no note of ours; the reviewer's kept.
    let style_of = |parts: &BTreeMap<String, Vec<u8>>, sheet_part: &str, cell: &str| {
        elements(&parts[sheet_part], "c").into_iter().find(|c| c["r"] == cell).and_then(|c| c.get("s").cloned())
    };
    let original_cover = sheet_parts(&original).into_iter().find(|(n, _)| n == "2. Cover").unwrap().1;
    for cell in ["C7", "D7", "E7"] {
        assert_eq!(style_of(&p, &part("2. Cover"), cell), style_of(&original, &original_cover, cell), "{cell}");
        assert!(!border_of(&p, &part("2. Cover"), cell).contains(RED), "{cell} is still marked");
    }
    let cover = notes_of(&p, &part("2. Cover"));
    assert_eq!(cover.keys().collect::<Vec<_>>(), ["C6"]);
    assert_eq!(cover["C6"], "Check the name is spelt right.");
    // A finding still there: marked, with one note of ours after the reviewer's.
    assert!(border_of(&p, &part("6. Metrics"), "I10").contains(RED));
    let metrics = notes_of(&p, &part("6. Metrics"));
    assert_eq!(metrics["I10"].matches("bcf-check:").count(), 1, "{}", metrics["I10"]);
    assert!(metrics["I10"].starts_with("Please add the rationale before Friday."));
    // Every note has its box, and no box is left without a note.
    for (name, sheet_part) in &sheets {
        let notes = notes_of(&p, sheet_part);
        let Some(drawing) = relationships_of(&p, sheet_part).into_iter().find(|r| r["Type"].ends_with("/vmlDrawing"))
        else {
            continue;
        };
        let vml = String::from_utf8_lossy(&p[&drawing["path"]]).into_owned();
        assert_eq!(vml.matches("<v:shape ").count(), notes.len(), "{name}");
    }
    // No hidden record of formats (another program that saves the copy shows it and renumbers
    // the formats it named): the marks are found from the cells.
    assert!(!String::from_utf8_lossy(&p["xl/workbook.xml"]).contains("_bcfcheck"));
    // Only formats and notes changed: checking the copy of the copy finds what the plan had.
    let again = bcf_check::check_bytes("plan for Leicester.xlsx", &second.bytes);
    assert_eq!(again.findings, report.findings, "the values are unchanged, so every finding is still found");
}

#[test]
fn note_drawings_numbered_at_the_limit_are_refused_not_a_crash() {
    // A drawing already using the last block of shape numbers leaves none for new boxes.
    let (bytes, report) = defective_plan();
    let p = parts(&bytes);
    let vml = p.keys().find(|n| n.ends_with(".vml")).expect("the reviewer's notes have a drawing").clone();
    let text = String::from_utf8(p[&vml].clone()).unwrap();
    let start = text.find("data=\"").unwrap() + 6;
    let end = start + text[start..].find('"').unwrap();
    let numbered = format!("{}4294967295{}", &text[..start], &text[end..]);
    let bytes = replace_entry(&bytes, &vml, numbered.as_bytes());
    assert_eq!(
        mark_copy(&bytes, &report, WHEN).err(),
        Some(CannotMark::Unusual("the workbook's notes are numbered past what the format allows"))
    );
}

#[test]
fn a_package_of_more_parts_than_a_zip_directory_counts_is_refused_not_corrupted() {
    // Without zip64 the directory counts entries in 16 bits: 70,000 would wrap to 4,464.
    let (bytes, report) = defective_plan();
    let mut entries = unzip(&bytes);
    for i in 0..70_000 {
        entries.push((format!("extra/{i}.txt"), Vec::new()));
    }
    let entries: Vec<(&str, &[u8])> = entries.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
    let bytes = zip_of(&entries);
    assert_eq!(mark_copy(&bytes, &report, WHEN).err(), Some(CannotMark::TooLarge));
}

/// Runs the CLI in-process: (status, standard error).
fn annotate(args: &[&str]) -> (i32, String) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = bcf_check::cli::run(&args, &mut out, &mut err);
    (status, String::from_utf8(err).unwrap())
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[test]
fn a_marked_copy_never_replaces_a_file_or_follows_a_link() {
    let dir = std::env::temp_dir().join(format!("bcf-check-no-overwrite-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
    let plan = std::fs::read(fixture("defective-2025-26.xlsx")).unwrap();
    std::fs::write(dir.join("board.xlsx"), &plan).unwrap();
    // The user's own file with the name the copy would have.
    std::fs::write(dir.join("board-checked.xlsx"), b"my own notes").unwrap();
    let (status, err) = annotate(&["--annotate", dir.to_str().unwrap(), dir.join("board.xlsx").to_str().unwrap()]);
    assert_eq!(status, 1, "{err}");
    assert_eq!(std::fs::read(dir.join("board-checked.xlsx")).unwrap(), b"my own notes");
    assert!(
        err.contains("board-checked (2).xlsx (board-checked.xlsx was already there, and was left as it was)"),
        "{err}"
    );
    // Checking the whole folder, the output folder: the inputs (the plan, the user's file and the
    // copy just written) are all left as they were.
    let before: Vec<Vec<u8>> =
        names_in(&dir).iter().filter(|n| n.ends_with(".xlsx")).map(|n| std::fs::read(dir.join(n)).unwrap()).collect();
    let (_, err) = annotate(&["--annotate", dir.to_str().unwrap(), dir.to_str().unwrap()]);
    let after: Vec<Vec<u8>> = ["board-checked (2).xlsx", "board-checked.xlsx", "board.xlsx"]
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    assert_eq!(before, after, "{err}");
    // A link at the copy's name, to a file outside the folder or to nothing: not followed.
    #[cfg(unix)]
    {
        let out = dir.join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(dir.join("elsewhere/target.xlsx"), b"outside").unwrap();
        std::os::unix::fs::symlink(dir.join("elsewhere/target.xlsx"), out.join("board-checked.xlsx")).unwrap();
        std::os::unix::fs::symlink(dir.join("elsewhere/nothing.xlsx"), out.join("board-checked (2).xlsx")).unwrap();
        let (_, err) = annotate(&["--annotate", out.to_str().unwrap(), dir.join("board.xlsx").to_str().unwrap()]);
        assert_eq!(std::fs::read(dir.join("elsewhere/target.xlsx")).unwrap(), b"outside", "{err}");
        assert!(!dir.join("elsewhere/nothing.xlsx").exists(), "{err}");
        assert!(err.contains("board-checked (3).xlsx"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_copy_that_cannot_be_written_is_a_failure_and_a_long_name_is_shortened() {
    let dir = std::env::temp_dir().join(format!("bcf-check-long-name-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let long = dir.join(format!("{}.xlsx", "a".repeat(250)));
    std::fs::write(&long, std::fs::read(fixture("valid-2025-26.xlsx")).unwrap()).unwrap();
    let out = dir.join("out");
    let (status, err) = annotate(&["--annotate", out.to_str().unwrap(), long.to_str().unwrap()]);
    assert_eq!(status, 0, "{err}");
    let written = names_in(&out);
    assert_eq!(written.len(), 1, "{err}");
    assert!(written[0].len() <= 255 && written[0].ends_with(".xlsx"), "{written:?}");
    // A folder nothing can be written to (as any user): exit status 2, and it says so.
    let (status, err) = annotate(&["--annotate", "/proc/self", &fixture("valid-2025-26.xlsx")]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("no marked copy was written"), "{err}");
    // An output "folder" that is a file.
    let (status, err) = annotate(&["--annotate", long.to_str().unwrap(), &fixture("valid-2025-26.xlsx")]);
    assert_eq!(status, 2, "{err}");
    assert!(err.contains("is a file, not a folder"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn parts_that_begin_with_a_byte_order_mark_are_marked_in_the_right_places() {
    // Some writers put a UTF-8 byte-order mark before the XML of every part. Insertions were
    // placed three bytes early (`<bookVie<workbookView …/> />`), and with the mark on the styles
    // or the content types no copy was made at all.
    let (bytes, _) = defective_plan();
    let with_marks: Vec<(String, Vec<u8>)> = unzip(&bytes)
        .into_iter()
        .map(|(name, body)| {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let mut marked = b"\xEF\xBB\xBF".to_vec();
                marked.extend(body);
                (name, marked)
            } else {
                (name, body)
            }
        })
        .collect();
    let entries: Vec<(&str, &[u8])> = with_marks.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let bytes = zip_of(&entries);
    let report = bcf_check::check_bytes("plan for Leicester.xlsx", &bytes);
    assert!(report.counts.error > 0, "{:?}", report.findings);
    let copy = marked(&bytes, &report);
    // Every XML part of the copy parses, and the copy is checked as the plan was.
    for (name, body) in parts(&copy.bytes) {
        if name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml") {
            let mut reader = quick_xml::Reader::from_reader(body.as_slice());
            let mut buf = Vec::new();
            loop {
                match reader.read_event_into(&mut buf) {
                    Ok(Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{name} is not well-formed XML: {e}"),
                }
                buf.clear();
            }
        }
    }
    let again = bcf_check::check_bytes("plan for Leicester.xlsx", &copy.bytes);
    assert_eq!(again.findings, report.findings);
    assert_eq!(read_all(&copy.bytes).sheet_names[0], PROBLEMS_SHEET);
}

/// Every XML part of a package (VML drawings included) parses, has one root, and declares every
/// namespace prefix it uses: what LibreOffice and openpyxl need to open it.
fn assert_every_part_well_formed(bytes: &[u8]) {
    use quick_xml::name::ResolveResult;
    for (name, body) in parts(bytes) {
        if !(name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml")) {
            continue;
        }
        let mut reader = quick_xml::NsReader::from_reader(body.as_slice());
        let (mut depth, mut roots) = (0u32, 0u32);
        loop {
            let (resolved, event) = reader.read_resolved_event().unwrap_or_else(|e| panic!("{name}: {e}"));
            let unknown = matches!(resolved, ResolveResult::Unknown(_));
            let empty = matches!(event, Event::Empty(_));
            match event {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    assert!(!unknown, "{name}: <{}> has a prefix it never declares", e.name().as_ref());
                    for a in e.attributes().flatten() {
                        let (r, _) = reader.resolver().resolve_attribute(a.key);
                        assert!(
                            !matches!(r, ResolveResult::Unknown(_)),
                            "{name}: attribute {:?} has an undeclared prefix",
                            a.key
                        );
                    }
                    if depth == 0 {
                        roots += 1;
                    }
                    if !empty {
                        depth += 1;
                    }
                }
                Event::End(_) => depth -= 1,
                _ => {}
            }
        }
        assert_eq!(roots, 1, "{name} has {roots} root elements");
    }
}

/// The plan's findings without the e-mail address's: what checking a copy finds once the user has
/// fixed that cell (C7:E7 on the Cover).
fn fixed_email(report: &Report) -> Report {
    let mut fixed = report.clone();
    fixed.findings.retain(|f| f.rule != "cover.email-invalid");
    fixed
}

/// After marking `copy` again for `fixed_email`: one sheet of problems, the fixed cell with no red
/// border and no note of ours, the reviewer's notes kept, a finding still there marked once.
fn assert_marked_once_again(copy: &[u8]) {
    let p = parts(copy);
    let sheets = sheet_parts(&p);
    let names: Vec<&String> = sheets.iter().map(|(n, _)| n).collect();
    assert_eq!(names.iter().filter(|n| n.starts_with(PROBLEMS_SHEET)).count(), 1, "{names:?}");
    assert_eq!(names[0], PROBLEMS_SHEET);
    let part = |name: &str| sheets.iter().find(|(n, _)| n == name).unwrap().1.clone();
    for cell in ["C7", "D7", "E7"] {
        assert!(!border_of(&p, &part("2. Cover"), cell).contains(RED), "{cell} is still marked");
    }
    let cover = notes_of(&p, &part("2. Cover"));
    assert_eq!(cover.keys().collect::<Vec<_>>(), ["C6"], "{cover:?}");
    assert_eq!(cover["C6"].trim(), "Check the name is spelt right.");
    assert!(border_of(&p, &part("6. Metrics"), "I10").contains(RED));
    let metrics = notes_of(&p, &part("6. Metrics"));
    assert_eq!(metrics["I10"].matches("bcf-check:").count(), 1, "{}", metrics["I10"]);
    assert!(metrics["I10"].starts_with("Please add the rationale before Friday."), "{}", metrics["I10"]);
    let problems = read_all(copy);
    let sheet = problems.sheet(PROBLEMS_SHEET).unwrap();
    let wheres: Vec<String> =
        (HEADING_ROW + 1..=sheet.last_row()).map(|r| text_of(sheet.value(CellRef::new(r, 1)))).collect();
    assert!(!wheres.iter().any(|w| w.contains("2. Cover")), "{wheres:?}");
    assert_every_part_well_formed(copy);
}

#[test]
fn old_marks_come_off_a_copy_libreoffice_saved_again() {
    // LibreOffice renumbers the formats, drops the notes' author and keeps our record of formats
    // (now pointing at other formats): the marks must be found from the cells themselves.
    let (bytes, report) = defective_plan();
    let first = marked(&bytes, &report);
    let resaved = resaved_by_libreoffice("marked-copy", &first.bytes);
    let second = marked(&resaved, &fixed_email(&report));
    assert_marked_once_again(&second.bytes);
    let (before, after) = (read_all(&resaved), read_all(&second.bytes));
    for sheet in before.sheets.iter().filter(|s| !s.name.starts_with(PROBLEMS_SHEET)) {
        assert_eq!(after.sheet(&sheet.name).map(|s| &s.cells), Some(&sheet.cells), "{} changed", sheet.name);
    }
}

#[test]
fn old_marks_come_off_after_the_problems_sheet_is_deleted() {
    // As the sheet asks: the user deletes "Problems found" in Excel, which takes the sheet-scoped
    // names with it. The notes and borders on the other sheets must still be recognised.
    let (bytes, report) = defective_plan();
    let first = marked(&bytes, &report);
    let p = parts(&first.bytes);
    let problems_part = sheet_parts(&p).into_iter().find(|(n, _)| n == PROBLEMS_SHEET).unwrap().1;
    let workbook = String::from_utf8(p["xl/workbook.xml"].clone()).unwrap();
    let sheet_element =
        workbook.split("<sheet ").find(|s| s.starts_with(&format!(r#"name="{PROBLEMS_SHEET}""#))).unwrap();
    let sheet_element = format!("<sheet {}", &sheet_element[..=sheet_element.find("/>").unwrap() + 1]);
    let edited = workbook.replace(&sheet_element, "");
    // Later sheets' positions move back down by one.
    let mut out = String::new();
    let mut rest = edited.as_str();
    while let Some(at) = rest.find(r#"localSheetId=""#) {
        let (head, tail) = rest.split_at(at + r#"localSheetId=""#.len());
        let end = tail.find('"').unwrap();
        out.push_str(head);
        out.push_str(&(tail[..end].parse::<u32>().unwrap() - 1).to_string());
        rest = &tail[end..];
    }
    out.push_str(rest);
    let out = out.replace(r#"activeTab="0""#, r#"activeTab="1""#);
    let entries: Vec<(String, Vec<u8>)> = unzip(&first.bytes)
        .into_iter()
        .filter(|(name, _)| name != &problems_part)
        .map(|(name, body)| if name == "xl/workbook.xml" { (name, out.clone().into_bytes()) } else { (name, body) })
        .collect();
    let entries: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let deleted = zip_of(&entries);
    assert!(!read_all(&deleted).sheet_names.iter().any(|n| n.starts_with(PROBLEMS_SHEET)));
    let second = marked(&deleted, &fixed_email(&report));
    assert_marked_once_again(&second.bytes);
}

#[test]
fn marking_again_and_again_reuses_what_the_last_marking_added() {
    // Each marking added six cell formats, four fonts, a border and new blocks of note numbers.
    let (bytes, report) = defective_plan();
    let counts = |copy: &[u8]| {
        let p = parts(copy);
        let styles = String::from_utf8_lossy(&p["xl/styles.xml"]).into_owned();
        let count = |list: &str| {
            styles
                .split(&format!("<{list} count=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or("")
                .to_string()
        };
        let blocks: Vec<String> = p
            .iter()
            .filter(|(n, _)| n.ends_with(".vml"))
            .map(|(n, b)| {
                format!(
                    "{n}: {}",
                    String::from_utf8_lossy(b).split("data=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("")
                )
            })
            .collect();
        (count("cellXfs"), count("fonts"), count("borders"), blocks)
    };
    let mut copy = marked(&bytes, &report).bytes;
    let once = counts(&copy);
    for _ in 0..4 {
        copy = marked(&copy, &report).bytes;
    }
    assert_eq!(counts(&copy), once);
    assert_eq!(bcf_check::check_bytes("plan for Leicester.xlsx", &copy).findings, report.findings);
}

#[test]
fn notes_added_to_drawings_from_other_writers_stay_well_formed() {
    // LibreOffice writes its drawings with an XML declaration and no list of note numbers (the
    // list went in before the root element); openpyxl writes them under prefixes of its own (ours
    // went in with prefixes the part never declared).
    let (bytes, report) = defective_plan();
    let resaved = resaved_by_libreoffice("with-notes", &bytes);
    let copy = marked(&resaved, &bcf_check::check_bytes("plan for Leicester.xlsx", &resaved));
    assert_every_part_well_formed(&copy.bytes);

    let p = parts(&bytes);
    let cover = sheet_parts(&p).into_iter().find(|(n, _)| n == "2. Cover").unwrap().1;
    let drawing =
        relationships_of(&p, &cover).into_iter().find(|r| r["Type"].ends_with("/vmlDrawing")).unwrap()["path"].clone();
    let openpyxl = concat!(
        r#"<xml xmlns:ns0="urn:schemas-microsoft-com:office:office" xmlns:ns1="urn:schemas-microsoft-com:vml" xmlns:ns2="urn:schemas-microsoft-com:office:excel">"#,
        r#"<ns0:shapelayout ns1:ext="edit"><ns0:idmap ns1:ext="edit" data="1"/></ns0:shapelayout>"#,
        r#"<ns1:shapetype id="_x0000_t202" coordsize="21600,21600" ns0:spt="202" path="m,l,21600r21600,l21600,xe"><ns1:stroke joinstyle="miter"/><ns1:path gradientshapeok="t" ns0:connecttype="rect"/></ns1:shapetype>"#,
        r##"<ns1:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute; margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" ns0:insetmode="auto">"##,
        r##"<ns1:fill color2="#ffffe1"/><ns1:shadow color="black" obscured="t"/><ns1:path ns0:connecttype="none"/><ns1:textbox style="mso-direction-alt:auto"><div style="text-align:left"/></ns1:textbox>"##,
        r#"<ns2:ClientData ObjectType="Note"><ns2:MoveWithCells/><ns2:SizeWithCells/><ns2:AutoFill>False</ns2:AutoFill><ns2:Row>5</ns2:Row><ns2:Column>2</ns2:Column></ns2:ClientData></ns1:shape></xml>"#
    );
    let bytes = replace_entry(&bytes, &drawing, openpyxl.as_bytes());
    let first = marked(&bytes, &report);
    assert_every_part_well_formed(&first.bytes);
    // And marked again: our boxes come off and go on again, the user's stays.
    let second = marked(&first.bytes, &fixed_email(&report));
    assert_every_part_well_formed(&second.bytes);
    let vml = String::from_utf8(parts(&second.bytes)[&drawing].clone()).unwrap();
    assert_eq!(vml.matches("<ns2:Row>5</ns2:Row>").count(), 1, "{vml}");
    assert!(!vml.contains("<x:Row>6</x:Row>"), "the box of the fixed cell's note is gone: {vml}");
}

#[test]
fn a_workbook_whose_structure_is_protected_says_the_sheet_cannot_be_deleted() {
    // The sheet asks to be deleted before the plan is submitted; with the structure locked that
    // cannot be done without the password, so the sheet, the page and the command line say so.
    let (bytes, report) = defective_plan();
    let workbook = String::from_utf8(parts(&bytes)["xl/workbook.xml"].clone()).unwrap();
    let locked = workbook.replacen("<bookViews>", r#"<workbookProtection lockStructure="1"/><bookViews>"#, 1);
    assert_ne!(locked, workbook);
    let locked = replace_entry(&bytes, "xl/workbook.xml", locked.as_bytes());
    let copy = marked(&locked, &report);
    let notice = copy.notice.clone().expect("a notice");
    assert!(notice.contains("protected") && notice.contains("cannot delete"), "{notice}");
    let sheet = read_all(&copy.bytes);
    let third = text_of(sheet.sheet(PROBLEMS_SHEET).unwrap().value(CellRef::new(3, 1)));
    assert!(third.contains("protected") && !third.contains("Delete this sheet before"), "{third}");
    assert!(String::from_utf8_lossy(&parts(&copy.bytes)["xl/workbook.xml"]).contains("lockStructure"), "kept");
    // Marked again: the sheet is still recognised as ours and used again.
    let again = marked(&copy.bytes, &report);
    assert_eq!(read_all(&again.bytes).sheet_names.iter().filter(|n| n.starts_with(PROBLEMS_SHEET)).count(), 1);
    // Unprotected: no notice.
    assert_eq!(marked(&bytes, &report).notice, None);
}

#[test]
fn a_copy_with_200000_findings_stays_small_enough_to_check_again() {
    // A definition can give a finding on every cell of a long table: the copy grew to 765 MB,
    // which the checker then refused to read back. The sheet of problems lists the first
    // thousands and counts the rest; notes go on the first cells only.
    let (bytes, report) = defective_plan();
    let mut many = report.clone();
    many.findings = (0..200_000u32)
        .map(|i| {
            bcf_check::report::Finding::new("test.many", Severity::Error, format!("Problem {i}"), "Fix it.")
                .at(SPENDING, bcf_check::workbook::CellRange::single(CellRef::new(100 + i / 20, 1 + i % 20)))
        })
        .collect();
    let copy = marked(&bytes, &many);
    assert!(copy.bytes.len() < 20_000_000, "{} bytes", copy.bytes.len());
    let again = bcf_check::check_bytes("plan for Leicester.xlsx", &copy.bytes);
    assert_eq!(again.findings, report.findings, "read back and checked as the plan was");
    let book = read_all(&copy.bytes);
    let sheet = book.sheet(PROBLEMS_SHEET).unwrap();
    let last = text_of(sheet.value(CellRef::new(sheet.last_row(), 1)));
    assert!(last.contains("195,000 more problems"), "{last}");
    assert_eq!(sheet.last_row(), HEADING_ROW + 5_000 + 1);
}

/// The defective plan with a threaded comment (Excel 365's comments) by a reviewer on the Cover's
/// e-mail address cell, as Excel writes one: the thread, its people, and the legacy note that
/// older programs show.
fn with_threaded_comment() -> Vec<u8> {
    let (bytes, _) = defective_plan();
    let p = parts(&bytes);
    let cover = sheet_parts(&p).into_iter().find(|(n, _)| n == "2. Cover").unwrap().1;
    let (folder, file) = cover.rsplit_once('/').unwrap();
    let rels_part = format!("{folder}/_rels/{file}.rels");
    let rels = String::from_utf8(p[&rels_part].clone()).unwrap().replace(
        "</Relationships>",
        r#"<Relationship Id="rIdThread" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>"#,
    );
    let workbook_rels = String::from_utf8(p["xl/_rels/workbook.xml.rels"].clone()).unwrap().replace(
        "</Relationships>",
        r#"<Relationship Id="rIdPersons" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/></Relationships>"#,
    );
    let types = String::from_utf8(p["[Content_Types].xml"].clone()).unwrap().replace(
        "</Types>",
        concat!(
            r#"<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/>"#,
            r#"<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/></Types>"#
        ),
    );
    let thread = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        r#"<threadedComment ref="C7" dT="2026-11-30T09:15:00.00" personId="{5A4E1D3C-0B7F-4E2A-9C11-2F6D8E0A1B23}" id="{00000000-0001-0000-0000-000000000001}"><text>Is this the right contact?</text></threadedComment>"#,
        "</ThreadedComments>"
    );
    let persons = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        r#"<person displayName="Ann Reviewer" id="{5A4E1D3C-0B7F-4E2A-9C11-2F6D8E0A1B23}" userId="ann@example.gov.uk" providerId="None"/></personList>"#
    );
    let mut entries: Vec<(String, Vec<u8>)> = unzip(&bytes)
        .into_iter()
        .map(|(name, body)| match name.as_str() {
            n if n == rels_part => (name, rels.clone().into_bytes()),
            "xl/_rels/workbook.xml.rels" => (name, workbook_rels.clone().into_bytes()),
            "[Content_Types].xml" => (name, types.clone().into_bytes()),
            _ => (name, body),
        })
        .collect();
    entries.push(("xl/threadedComments/threadedComment1.xml".into(), thread.as_bytes().to_vec()));
    entries.push(("xl/persons/person.xml".into(), persons.as_bytes().to_vec()));
    let entries: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    zip_of(&entries)
}

#[test]
fn a_cell_with_a_threaded_comment_gets_a_reply_that_current_excel_shows() {
    // Current Excel shows a cell's thread, not its legacy note: our words went only into the
    // note, which it does not show. They go into the thread as a reply by "bcf-check", as Excel
    // itself would write one, and come off again when the copy is marked again.
    let bytes = with_threaded_comment();
    let report = bcf_check::check_bytes("plan for Leicester.xlsx", &bytes);
    let copy = marked(&bytes, &report);
    assert_every_part_well_formed(&copy.bytes);
    let p = parts(&copy.bytes);
    let people = elements(&p["xl/persons/person.xml"], "person");
    let ours = people.iter().find(|p| p["displayName"] == "bcf-check").expect("bcf-check is one of the people");
    let replies = elements(&p["xl/threadedComments/threadedComment1.xml"], "threadedComment");
    assert_eq!(replies.len(), 2, "{replies:?}");
    assert_eq!(replies[1]["ref"], "C7");
    assert_eq!(replies[1]["parentId"], "{00000000-0001-0000-0000-000000000001}");
    assert_eq!(replies[1]["personId"], ours["id"]);
    assert!(all_text(&p["xl/threadedComments/threadedComment1.xml"]).contains("is not an e-mail address"));
    // Marked again with the address fixed: the reply comes off, the reviewer's thread stays, and
    // the people are not added twice.
    let second = marked(&copy.bytes, &fixed_email(&report));
    let p = parts(&second.bytes);
    let replies = elements(&p["xl/threadedComments/threadedComment1.xml"], "threadedComment");
    assert_eq!(replies.len(), 1, "{replies:?}");
    assert_eq!(replies[0]["personId"], "{5A4E1D3C-0B7F-4E2A-9C11-2F6D8E0A1B23}");
    assert_eq!(elements(&p["xl/persons/person.xml"], "person").len(), 2);
    assert_every_part_well_formed(&second.bytes);
}

#[test]
fn a_part_that_claims_more_compressed_bytes_than_the_file_holds_is_no_huge_allocation() {
    // Found by fuzzing the marked copy: a part whose directory entry claims 805 MB of compressed
    // data (the file is 40 KB) made the copy reserve that much before reading it, and abort.
    // Run under a 600 MB address-space limit, as a browser tab would refuse the allocation.
    let file = fixture("fuzz/marked-copy-part-claims-805-mb-compressed.xlsx");
    let dir = std::env::temp_dir().join(format!("bcf-check-claims-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 600000; exec '{}' --annotate '{}' '{}'",
            env!("CARGO_BIN_EXE_bcf-check"),
            dir.display(),
            file
        ))
        .output()
        .unwrap();
    let status = output.status.code();
    assert!(matches!(status, Some(0..=2)), "{status:?}: {}", String::from_utf8_lossy(&output.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}
