//! Extraction: workbook + profile → typed plan, golden-tested field by field and cell by cell.
//! Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change, then review the diff.

mod support;

use std::path::PathBuf;

use bcf_check::plan::{self, Detection};
use bcf_check::report::{Coverage, Finding, RecognisedBy};
use bcf_check::workbook::{read_workbook, Workbook};
use support::*;

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{name}.txt"))
}

/// Extracts a plan and returns its listing and the extraction findings.
fn extract(workbook: &Workbook) -> (String, Vec<Finding>) {
    let Detection::Version(profile, mut findings) = plan::detect_profile(workbook) else {
        panic!("profile not detected");
    };
    let extracted = plan::extract(workbook, profile).unwrap_or_else(|f| panic!("extraction failed: {f:?}"));
    findings.clear();
    findings.extend(extracted.findings);
    (extracted.plan.listing(), findings)
}

/// The one helper of this file: a workbook's extraction must equal the golden listing `name`.
fn check(name: &str, workbook: &Workbook) {
    let name = &format!("{name} (read from {:?})", workbook.format);
    let (listing, findings) = extract(workbook);
    assert_eq!(summarise(&findings), Vec::<String>::new(), "{name}: unexpected extraction findings");
    let path = golden_path(name.split(' ').next().unwrap_or(name));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &listing).expect("write golden");
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no golden file {}", path.display()));
    if listing != golden {
        let diff: Vec<String> = golden
            .lines()
            .zip(listing.lines())
            .filter(|(a, b)| a != b)
            .take(40)
            .map(|(a, b)| format!("- {a}\n+ {b}"))
            .collect();
        panic!("{name}: extraction differs from {}:\n{}", path.display(), diff.join("\n"));
    }
}

fn fixture_file(path: &str) -> Workbook {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    read_workbook(&bytes, &|_| true).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn valid_plans_extract_every_field_at_its_cell() {
    check("2025-26-leicester", &Fixture::valid("2025-26", SINGLE_TIER).read_back());
    check("2025-26-leicestershire", &Fixture::valid("2025-26", TWO_TIER).read_back());
    check("2017-19-leicester", &Fixture::valid("2017-19", SINGLE_TIER).read_back());
    // 2015-16: a two-tier board (districts and one CCG), a single-tier board with three CCGs.
    check("2015-16-dorset", &fixture_file("2015-16/dorset.xlsx"));
    check("2015-16-birmingham", &fixture_file("2015-16/birmingham.xlsx"));
    check("2017-19-leicestershire", &Fixture::valid("2017-19", TWO_TIER).read_back());
}

#[test]
fn libreoffice_saved_copies_extract_identically() {
    // tests/fixtures/libreoffice/: the sample plans opened and saved by LibreOffice Calc 7.4
    // (`soffice --headless --convert-to xlsx|ods|xls`), so formulas were recalculated by LibreOffice.
    for round in ["2025-26", "2017-19"] {
        let golden = format!("{round}-leicester");
        check(&golden, &fixture_file(&format!("valid-{round}.xlsx")));
        for format in ["xlsx", "ods"] {
            check(&golden, &fixture_file(&format!("libreoffice/valid-{round}.{format}")));
        }
        // LibreOffice's .xls export stores 0 as the cached result of a formula that gives text
        // (xlrd reads the same 0). Those cells, and only those, differ.
        let (listing, findings) = extract(&fixture_file(&format!("libreoffice/valid-{round}.xls")));
        assert!(findings.is_empty());
        let expected = std::fs::read_to_string(golden_path(&golden)).expect("golden");
        for (want, got) in expected.lines().zip(listing.lines()) {
            let text_formula =
                want.contains(" ≡ ") && want.rsplit(" ≡ ").next().is_some_and(|v| v.parse::<f64>().is_err());
            if text_formula {
                assert!(got.ends_with(" ≡ 0") || got == want, "{got}");
            } else {
                assert_eq!(got, want);
            }
        }
        assert_eq!(expected.lines().count(), listing.lines().count());
    }
}

/// The listing with every address removed, to compare plans read from moved cells.
fn values_only(listing: &str) -> Vec<String> {
    listing
        .lines()
        .map(|l| {
            let name = l.split_whitespace().next().unwrap_or_default();
            let value = l.split_once(" = ").or_else(|| l.split_once(" ≡ ")).map_or(l, |(_, v)| v);
            format!("{name} {value}")
        })
        .collect()
}

#[test]
fn inserted_rows_are_followed_and_reported() {
    for round in ["2025-26", "2017-19"] {
        let valid = Fixture::valid(round, TWO_TIER);
        let (expected, _) = extract(&valid.read_back());
        let p = valid.profile();
        let moved = Fixture::valid(round, TWO_TIER).with(|m| {
            m.insert_rows(&p.sheets.cover, 4, 2);
            m.insert_rows(&p.sheets.metrics, 3, 1);
            m.insert_rows(&p.sheets.income, 47, 3); // below the table: nothing moves
            m.insert_rows(&p.sheets.summary, 6, 1); // inside the Summary: four labels move
        });
        let (listing, findings) = extract(&moved.read_back());
        assert_eq!(values_only(&listing), values_only(&expected), "{round}: values differ");
        let rules = summarise(&findings);
        let cover_moves = rules.iter().filter(|r| r.starts_with("template.label-moved warning 2. Cover!")).count();
        // B3 (version) is above the inserted rows; the six labels below it and the contacts table move.
        assert_eq!(cover_moves, 6 + 1, "{round}: {rules:#?}");
        assert!(rules.contains(&"template.label-moved warning 2. Cover!B7".to_string()), "{rules:#?}");
        assert!(rules.contains(&"template.label-moved warning 6. Metrics!B6".to_string()), "{rules:#?}");
        let summary_moves = rules.iter().filter(|r| r.contains("3. Summary!")).count();
        assert_eq!(summary_moves, p.summary.rows.len(), "{round}: {rules:#?}");
        assert!(!rules.iter().any(|r| r.contains("4. Income!")), "{round}: {rules:#?}");
        let message = &findings.iter().find(|f| f.cell.as_deref() == Some("B7")).expect("B7").message;
        assert_eq!(
            message,
            "The label “Health and Wellbeing Board:” is in B7, not in B5 where the template puts it. The checker read the value in C7, beside the label."
        );
    }
}

#[test]
fn a_moved_column_is_found_by_its_header() {
    let valid = Fixture::valid("2025-26", SINGLE_TIER);
    let (expected, _) = extract(&valid.read_back());
    let p = valid.profile();
    // Swap the Rationale (I) and Planned (H) columns of the Metrics table.
    let swapped = Fixture::valid("2025-26", SINGLE_TIER).with(|m| {
        let sheet = m.sheet_mut(&p.sheets.metrics);
        let cells = std::mem::take(&mut sheet.cells);
        sheet.cells = cells
            .into_iter()
            .map(|(at, c)| match at.col {
                8 => (at.with_col(9), c),
                9 => (at.with_col(8), c),
                _ => (at, c),
            })
            .collect();
    });
    let (listing, findings) = extract(&swapped.read_back());
    assert_eq!(values_only(&listing), values_only(&expected));
    let mut findings = summarise(&findings);
    findings.sort();
    assert_eq!(findings, ["template.label-moved warning 6. Metrics!H5", "template.label-moved warning 6. Metrics!I5"]);
}

#[test]
fn missing_and_renamed_sheets_stop_the_check() {
    for round in ["2025-26", "2017-19"] {
        missing_and_renamed_sheets(round);
    }
}

fn missing_and_renamed_sheets(round: &str) {
    let p = profile(round);
    let report = Fixture::valid(round, SINGLE_TIER)
        .with(|m| {
            m.rename_sheet(&p.sheets.metrics, "Metrics");
            m.remove_sheet(&p.sheets.hwb_data);
        })
        .check();
    assert_eq!(
        summarise(&report.findings),
        ["template.sheet-missing error 6. Metrics", "template.sheet-missing error HWB Data"]
    );
    assert_eq!(
        report.findings[0].message,
        "The workbook has no sheet called “6. Metrics”. The planning template needs it."
    );
}

#[test]
fn an_unknown_version_is_checked_as_the_round_its_title_names() {
    for (round, version, phrase) in [
        ("2025-26", "BCF-2023-25 v1.0", "is “BCF-2023-25 v1.0”, which this checker does not know"),
        ("2017-19", "BCF-2017-19 v0.9", "is “BCF-2017-19 v0.9”, which this checker does not know"),
    ] {
        let report = Fixture::valid(round, SINGLE_TIER).set("2. Cover", "C3", text(version)).check();
        assert_eq!(summarise(&report.findings), ["template.unknown-version error 2. Cover!C3"]);
        assert!(report.findings[0].message.contains(phrase), "{}", report.findings[0].message);
        assert!(report.findings[0].message.contains(&format!("checked as that round ({round})")));
        assert_eq!(report.profile.as_deref(), Some(round));
        assert_eq!(report.recognised_by, Some(RecognisedBy::Title));
        assert_eq!(report.coverage, Coverage::Full);
    }
}

#[test]
fn an_empty_version_cell_is_not_a_finding() {
    for round in ["2025-26", "2017-19", "2015-16"] {
        let report = Fixture::valid(round, SINGLE_TIER).set("2. Cover", "C3", text("")).check();
        assert_eq!(summarise(&report.findings), Vec::<String>::new(), "{round}");
        assert_eq!(report.profile.as_deref(), Some(round));
        assert_eq!(report.recognised_by, Some(RecognisedBy::Title));
    }
}

#[test]
fn a_title_on_another_layout_is_not_taken_for_the_round() {
    // The title and sheets of 2025-26, no version cell, but the Expenditure table's headers are
    // not the round's: its rules would give false errors, so only the workbook's own checks run.
    let mut fixture = Fixture::valid("2025-26", SINGLE_TIER).set("2. Cover", "C3", text(""));
    assert_eq!(fixture.check().recognised_by, Some(RecognisedBy::Title), "recognised by title before the change");
    for col in ["B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "Q"] {
        fixture = fixture.set("5. Expenditure", &format!("{col}6"), text(&format!("Column {col}")));
    }
    let report = fixture.check();
    assert_eq!(summarise(&report.findings), ["template.not-recognised warning -"]);
    assert_eq!((report.profile.as_deref(), report.coverage), (None, Coverage::Workbook));
    let message = &report.findings[0].message;
    assert!(
        message.contains(
            "has the title “Better Care Fund 2025-26 Planning Template”, but its sheets are laid out differently"
        ),
        "{message}"
    );
    assert!(message.contains("its checklist ("), "{message}");
}

#[test]
fn a_blank_templates_own_checklist_is_complete_on_a_valid_plan_and_found_on_every_round() {
    for round in ["2025-26", "2017-19", "2015-16"] {
        let bytes = Fixture::valid(round, SINGLE_TIER).model.to_xlsx();
        let checked = bcf_check::check_bytes_with_figures("plan.xlsx", &bytes);
        assert_eq!(summarise(&checked.report.findings), Vec::<String>::new(), "{round}");
        let words = &checked.checked_in_words;
        assert!(words.starts_with("Every check of the planning round. It also checked what the workbook defines for itself: its checklist ("), "{round}: {words}");
        assert!(words.contains("drop-down lists and number limits"), "{round}: {words}");
    }
    // A plan whose Cover lacks who completed it: the round's rule says so; the checklist's No at
    // the same cell is not said again.
    let report = Fixture::valid("2025-26", SINGLE_TIER).with(|m| m.clear("2. Cover", "C6")).check();
    assert_eq!(summarise(&report.findings), ["cover.required error 2. Cover!C6"]);
}

#[test]
fn without_version_or_title_only_what_the_workbook_defines_is_checked() {
    let report = Fixture::valid("2025-26", SINGLE_TIER)
        .set("2. Cover", "C3", text("BCF-2023-25 v1.0"))
        .set("2. Cover", "B2", text("Some other workbook"))
        .set("1. Guidance", "B2", text("Some other workbook"))
        .check();
    assert_eq!(summarise(&report.findings), ["template.not-recognised warning -"]);
    assert_eq!((report.profile.as_deref(), report.recognised_by, report.coverage), (None, None, Coverage::Workbook));
    assert_eq!(report.hwb.as_deref(), Some("Leicester"), "the board is read beside its label");
}

#[test]
fn blank_templates_extract_with_no_inputs() {
    for round in ["2025-26", "2017-19"] {
        let (listing, findings) = extract(&Fixture::blank(round).read_back());
        assert!(findings.is_empty(), "{findings:?}");
        let boards = if round == "2017-19" { 152 } else { 153 };
        assert!(listing.contains(&format!("boards: {boards}\n")), "{round}");
        assert!(!listing.contains("scheme[0]"), "{round}: a blank template has no schemes");
    }
}
