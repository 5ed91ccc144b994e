//! Values read the way Excel reads them: a plan Excel accepts gets no false error, and a value
//! Excel would not match is reported in the words of what the user sees.
//!
//! The fixtures in `tests/fixtures/excel-reading/` are written by the project's generator
//! (rust_xlsxwriter) and re-saved by LibreOffice Calc as xlsx and ods (`libreoffice/`), so each
//! behaviour is pinned by files from two writers.

mod support;

use std::path::PathBuf;

use bcf_check::check::{check_bytes_with_figures, Checked};
use bcf_check::report::Status;
use support::*;

const ROUNDS: [&str; 2] = ["2017-19", "2025-26"];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/excel-reading")
}

/// The same fixture as each writer saved it: `(label, checked)`.
fn every_writer(stem: &str) -> Vec<(String, Checked)> {
    ["", "libreoffice/"]
        .iter()
        .flat_map(|sub| {
            let exts: &[&str] = if sub.is_empty() { &["xlsx"] } else { &["xlsx", "ods"] };
            exts.iter().map(move |ext| format!("{sub}{stem}.{ext}"))
        })
        .map(|name| {
            let bytes = std::fs::read(dir().join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            let checked = check_bytes_with_figures("plan.xlsx", &bytes);
            (name, checked)
        })
        .collect()
}

#[test]
fn the_same_plan_typed_in_other_ways_gives_the_same_report() {
    for round in ROUNDS {
        let base = every_writer(&format!("as-listed-{round}"));
        for (name, checked) in &base {
            assert_eq!(checked.report.status, Status::Pass, "{name}: {:#?}", checked.report.findings);
        }
        let (_, reference) = &base[0];
        for quirk in ["typed-in-other-case", "percentages-as-fractions", "dates-typed-as-text"] {
            for (name, checked) in every_writer(&format!("{quirk}-{round}")) {
                assert_eq!(checked.report.status, Status::Pass, "{name}: {:#?}", checked.report.findings);
                assert_eq!(checked.report.findings, reference.report.findings, "{name}");
                assert_eq!(checked.report.hwb, reference.report.hwb, "{name}");
                // Every figure downstream (funding tests, metric ambitions) uses the listed value
                // and the share the user sees.
                assert_eq!(checked.figures, reference.figures, "{name}");
            }
        }
    }
}

#[test]
fn list_values_with_a_space_after_them_are_left_out_of_the_totals_as_excel_leaves_it_out() {
    for round in ROUNDS {
        for (name, checked) in every_writer(&format!("list-values-with-a-space-after-them-{round}")) {
            let findings = summarise(&checked.report.findings);
            let years = if round == "2017-19" { 2 } else { 1 };
            let mut expected = Vec::new();
            // The template's SUMIFS does not match “Social Care ”, so the row's spending is not
            // adult social care spending: the minimum is not met, and the condition that says it
            // is (NC2 in 2017-19, NC3 in 2025-26) is contradicted.
            for y in 0..years {
                expected.push(format!("funding.asc-minimum error 4. Income!{}45", ["D", "F"][y]));
            }
            let padded = checked.report.findings.iter().find(|f| f.rule == "scheme.invalid-choice").expect(&name);
            assert!(checked
                .report
                .findings
                .iter()
                .filter(|f| f.rule == "scheme.invalid-choice")
                .all(|f| f.message == padded.message));
            let rows = 3;
            assert_eq!(
                padded.message,
                format!("“Area of Spend” is “Social Care” with a space after it in {rows} schemes, so it does not match “Social Care” on the list, and the template's totals leave these schemes out."),
                "{name}"
            );
            assert_eq!(padded.hint, "Delete the space, or choose “Area of Spend” from the drop-down list.");
            for e in &expected {
                assert!(findings.contains(e), "{name}: {findings:#?} lacks {e}");
            }
            assert!(findings.iter().any(|f| f.starts_with("condition.contradicted error")), "{name}: {findings:#?}");
            assert!(
                !findings.iter().any(|f| f.starts_with("summary.stale")),
                "{name}: the Summary agrees: {findings:#?}"
            );
        }
    }
}

#[test]
fn yes_and_no_with_spaces_around_them_are_not_yes_or_no() {
    for round in ROUNDS {
        let report = Fixture::valid(round, SINGLE_TIER)
            .set("2. Cover", "C9", text(" Yes"))
            .set("7. National Conditions", "D6", text("Yes  "))
            .check();
        assert_eq!(
            summarise(&report.findings),
            ["cover.signoff-invalid error 2. Cover!C9", "condition.unanswered error 7. National Conditions!D6"]
        );
        assert_eq!(
            report.findings[0].message,
            "The sign-off answer is “Yes” with a space before it, so Excel does not read it as Yes or No."
        );
        assert!(
            report.findings[1].message.contains("is “Yes” with spaces after it, so Excel does not read it"),
            "{}",
            report.findings[1].message
        );
    }
}

#[test]
fn a_board_name_in_capitals_is_the_board_and_one_with_a_space_is_reported() {
    for round in ROUNDS {
        let report = Fixture::valid(round, SINGLE_TIER).set("2. Cover", "C5", text("LEICESTER")).check();
        assert_eq!(report.status, Status::Pass, "{:#?}", report.findings);
        assert_eq!(report.hwb.as_deref(), Some("Leicester"));
        let report = Fixture::valid(round, SINGLE_TIER).set("2. Cover", "C5", text("Leicester ")).check();
        assert_eq!(summarise(&report.findings), ["cover.hwb-unknown error 2. Cover!C5"]);
        assert!(report.findings[0]
            .message
            .starts_with("The Health and Wellbeing Board is “Leicester” with a space after it."));
    }
}

#[test]
fn text_that_is_not_a_date_is_told_so() {
    for round in ROUNDS {
        let report = Fixture::valid(round, SINGLE_TIER)
            .set("2. Cover", "C9", text("No"))
            .set("2. Cover", "C10", text("end of April"))
            .set("7. National Conditions", "D6", text("No"))
            .set("7. National Conditions", "E6", text("Board meets in April."))
            .set("7. National Conditions", "F6", text("April 2026"))
            .check();
        assert_eq!(summarise(&report.findings), ["cover.signoff-date-missing error 2. Cover!C10"]);
        assert_eq!(
            report.findings[0].message,
            "The plan is not signed off, and the expected sign-off date holds the text “end of April”, not a date."
        );
        assert!(report.findings[0].hint.contains("as day/month/year, for example 31/03/2026"));
    }
}

#[test]
fn fractions_that_do_not_add_up_to_one_are_quoted_both_ways() {
    let report = Fixture::valid("2025-26", SINGLE_TIER)
        .with(|m| {
            let row = (7..=206)
                .find(|&r| m.value("5. Expenditure", &format!("J{r}")) == &text("Joint"))
                .expect("a joint scheme");
            m.set_number("5. Expenditure", &format!("K{row}"), 0.6);
            m.set_number("5. Expenditure", &format!("L{row}"), 0.3);
        })
        .check();
    let f = report.findings.iter().find(|f| f.rule == "scheme.joint-percentages").expect("joint finding");
    assert_eq!(
        f.message,
        "The NHS and local authority percentages are 0.6 and 0.3 (60% and 30% if the cells are formatted as percentages), which add up to 90%, not 100%."
    );
}

/// A writer that declares a part's encoding as ISO-8859-1 (its text all ASCII): read as Excel
/// reads it, the same plan. The page's own worker knows only UTF-8 and UTF-16 and hands such a
/// file to the full worker (tests/e2e), which reads it as here.
#[test]
fn parts_declared_in_another_encoding_read_as_the_same_plan() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |name: &str| {
        let bytes = std::fs::read(fixtures.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_bytes_with_figures("plan.xlsx", &bytes)
    };
    let declared = read("parts-declared-iso-8859-1-2025-26.xlsx");
    assert_eq!(declared.report.status, Status::Pass);
    assert_eq!(declared, read("valid-2025-26.xlsx"));
}
