//! The rule catalogue: one real workbook per rule and round, built by the fixture builder from a
//! valid plan with one defect, asserting the exact rule, severity and cell of every finding.

mod support;

use bcf_check::template::{write_scheme, SchemeRow, TemplateModel};
use bcf_check::workbook::{CellRef, Value};
use support::*;

const BOTH: [&str; 2] = ["2017-19", "2025-26"];
const COVER: &str = "2. Cover";
const SUMMARY: &str = "3. Summary";
const INCOME: &str = "4. Income";
const EXPENDITURE: &str = "5. Expenditure";
const METRICS: &str = "6. Metrics";
const CONDITIONS: &str = "7. National Conditions";

/// The one helper: a valid plan for `board` in `round`, `defect` applied, checked through a real
/// .xlsx; the findings must be exactly `expected` (`rule severity sheet!cell`, in report order).
fn check(
    round: &str,
    board: &str,
    defect: impl FnOnce(&mut TemplateModel),
    expected: &[&str],
) -> bcf_check::report::Report {
    let report = Fixture::valid(round, board).with(defect).check();
    let found = summarise(&report.findings);
    assert_eq!(found, expected, "{round} {board}: {:#?}", report.findings);
    report
}

/// Asserts that finding `index` of a report says `phrase`.
fn says(report: &bcf_check::report::Report, index: usize, phrase: &str) {
    let message = &report.findings[index].message;
    assert!(message.contains(phrase), "{message:?} does not say {phrase:?}");
}

fn num(n: f64) -> Value {
    Value::Number(n)
}

fn at(a1: &str) -> CellRef {
    CellRef::parse(a1).expect("address")
}

fn number(m: &TemplateModel, sheet: &str, a1: &str) -> f64 {
    match m.value(sheet, a1) {
        Value::Number(n) => *n,
        other => panic!("{sheet}!{a1} is {other:?}"),
    }
}

/// Replaces a formula cell's cached result, keeping its formula.
fn cache(m: &mut TemplateModel, sheet: &str, a1: &str, value: Value) {
    let formula = m.sheet(sheet).cell(at(a1)).and_then(|c| c.formula.clone()).expect("a formula cell");
    m.set_formula_at(sheet, at(a1), &formula, value);
}

/// The row of the joint scheme: after the OOH scheme in 2017-19.
fn joint_row(round: &str) -> u32 {
    if round == "2017-19" {
        11
    } else {
        10
    }
}

#[test]
fn valid_plans_have_no_findings() {
    for round in BOTH {
        for board in [SINGLE_TIER, TWO_TIER] {
            let report = check(round, board, |_| {}, &[]);
            assert_eq!(report.status, bcf_check::report::Status::Pass);
            assert_eq!(report.hwb.as_deref(), Some(board));
        }
    }
}

#[test]
fn cell_excel_error() {
    for round in BOTH {
        check(
            round,
            SINGLE_TIER,
            |m| m.set(COVER, "C8", Value::Error("#VALUE!".into())),
            &["cell.excel-error error 2. Cover!C8"],
        );
        let report = check(
            round,
            SINGLE_TIER,
            |m| cache(m, METRICS, "E6", Value::Error("#N/A".into())),
            &["cell.excel-error error 6. Metrics!E6"],
        );
        assert_eq!(report.findings[0].message, "This cell shows the Excel error #N/A instead of a value.");
    }
}

#[test]
fn cell_no_cached_value_collapses_into_a_range() {
    check(
        "2025-26",
        SINGLE_TIER,
        |m| cache(m, METRICS, "E6", Value::Empty),
        &["cell.no-cached-value warning 6. Metrics!E6"],
    );
    check(
        "2025-26",
        SINGLE_TIER,
        |m| ["E6", "E7", "E8", "E9"].iter().for_each(|a| cache(m, METRICS, a, Value::Empty)),
        &["cell.no-cached-value warning 6. Metrics!E6:E9"],
    );
    check(
        "2017-19",
        SINGLE_TIER,
        |m| (6..=13).for_each(|r| cache(m, METRICS, &format!("E{r}"), Value::Empty)),
        &["cell.no-cached-value warning 6. Metrics!E6:E13"],
    );
}

#[test]
fn summary_stale() {
    for round in BOTH {
        let report =
            Fixture::valid(round, SINGLE_TIER).without_recalculating(|m| cache(m, SUMMARY, "C7", num(1.0))).check();
        assert_eq!(summarise(&report.findings), ["summary.stale warning 3. Summary!C7"]);
        assert!(
            report.findings[0].message.starts_with("The Summary shows £1 as the total expenditure"),
            "{}",
            report.findings[0].message
        );
    }
    // A scheme added after the last recalculation: totals and planned ASC spend are stale.
    let report = Fixture::valid("2025-26", SINGLE_TIER)
        .without_recalculating(|m| {
            let amount = number(m, EXPENDITURE, "O9");
            m.set_number(EXPENDITURE, "O9", amount + 1000.0);
        })
        .check();
    assert_eq!(
        summarise(&report.findings),
        [
            "summary.stale warning 3. Summary!C7",
            "summary.stale warning 3. Summary!C9",
            "funding.over-allocated error 4. Income!D8",
        ]
    );
}

#[test]
fn cover_rules() {
    for round in BOTH {
        let report = check(round, SINGLE_TIER, |m| m.clear(COVER, "C5"), &["cover.hwb-missing error 2. Cover!C5"]);
        assert_eq!(report.hwb, None);
        check(
            round,
            SINGLE_TIER,
            |m| m.set_text(COVER, "C5", "Leicester City"),
            &["cover.hwb-unknown error 2. Cover!C5"],
        );
        check(
            round,
            SINGLE_TIER,
            |m| ["C6", "C7", "C8"].iter().for_each(|a| m.clear(COVER, a)),
            &[
                "cover.required error 2. Cover!C6",
                "cover.required error 2. Cover!C7",
                "cover.required error 2. Cover!C8",
            ],
        );
        let report = check(
            round,
            SINGLE_TIER,
            |m| {
                m.set_text(COVER, "C7", "alex.morgan(at)example.gov.uk");
                m.set_text(COVER, "D15", "chris");
            },
            &["cover.email-invalid error 2. Cover!C7", "cover.email-invalid error 2. Cover!D15"],
        );
        assert_eq!(
            report.findings[0].message,
            "The contact e-mail address, “alex.morgan(at)example.gov.uk”, is not an e-mail address."
        );
        let report = check(
            round,
            SINGLE_TIER,
            |m| m.set_text(COVER, "C7", "alex.morgan@example.gov.uk; sam.lee@example.gov.uk"),
            &["cover.email-invalid error 2. Cover!C7"],
        );
        assert_eq!(
            report.findings[0].message,
            "The contact e-mail address holds 2 e-mail addresses: “alex.morgan@example.gov.uk; sam.lee@example.gov.uk”. It must hold one."
        );
        check(round, SINGLE_TIER, |m| m.set_text(COVER, "C9", "Maybe"), &["cover.signoff-invalid error 2. Cover!C9"]);
        check(round, SINGLE_TIER, |m| m.clear(COVER, "C9"), &["cover.signoff-invalid error 2. Cover!C9"]);
        check(
            round,
            SINGLE_TIER,
            |m| m.set_text(COVER, "C9", "No"),
            &[
                "cover.signoff-date-missing error 2. Cover!C10",
                "condition.signoff-inconsistent warning 7. National Conditions!D6",
            ],
        );
        check(
            round,
            SINGLE_TIER,
            |m| {
                m.set_text(COVER, "C9", "No");
                m.set_text(COVER, "C10", "next spring");
            },
            &[
                "cover.signoff-date-missing error 2. Cover!C10",
                "condition.signoff-inconsistent warning 7. National Conditions!D6",
            ],
        );
        check(
            round,
            SINGLE_TIER,
            |m| {
                m.set_text(COVER, "C9", "No");
                m.set(COVER, "C10", Value::Date(46112.0));
                m.set_text(CONDITIONS, "D6", "No");
                m.set_text(CONDITIONS, "E6", "Sign-off at the March board meeting.");
                m.set(CONDITIONS, "F6", Value::Date(46112.0));
            },
            &[],
        );
        check(
            round,
            SINGLE_TIER,
            |m| {
                m.clear(COVER, "C13");
                m.clear(COVER, "D18");
            },
            &["cover.contact-missing error 2. Cover!C13", "cover.contact-missing error 2. Cover!D18"],
        );
    }
}

#[test]
fn income_prepopulated_changed() {
    for round in BOTH {
        let report = check(
            round,
            SINGLE_TIER,
            |m| cache(m, INCOME, "D7", num(1_000_000.0)),
            &["income.prepopulated-changed error 4. Income!D7", "funding.over-allocated error 4. Income!D7"],
        );
        says(&report, 0, "is £1,000,000, but the published figure for Leicester is £");
        let lower = |m: &mut TemplateModel| {
            let minimum = number(m, INCOME, "D45");
            cache(m, INCOME, "D45", num(minimum - 500.0));
        };
        check(round, SINGLE_TIER, lower, &["income.prepopulated-changed error 4. Income!D45"]);
    }
    // A district's DFG amount in a two-tier area.
    check(
        "2025-26",
        TWO_TIER,
        |m| {
            let amount = number(m, INCOME, "D8");
            m.set_number(INCOME, "D8", amount + 1000.0);
        },
        &[
            "funding.under-allocated error 4. Income!D6",
            "funding.dfg-districts error 4. Income!D6",
            "income.prepopulated-changed error 4. Income!D8",
            "condition.contradicted error 7. National Conditions!D6",
        ],
    );
}

#[test]
fn income_additional_incomplete() {
    for round in BOTH {
        check(
            round,
            SINGLE_TIER,
            |m| m.set_text(INCOME, "E9", "Council top-up"),
            &["income.additional-incomplete error 4. Income!D9"],
        );
        check(
            round,
            SINGLE_TIER,
            |m| m.set_number(INCOME, "D10", 50_000.0),
            &["funding.under-allocated error 4. Income!D10", "income.additional-incomplete error 4. Income!E10"],
        );
    }
}

#[test]
fn numbers_not_numeric_and_out_of_range() {
    for round in BOTH {
        let report = check(
            round,
            SINGLE_TIER,
            |m| m.set_text(EXPENDITURE, "O8", "about 1.9m"),
            &["funding.under-allocated error 4. Income!D7", "number.not-numeric error 5. Expenditure!O8"],
        );
        assert_eq!(
            report.findings[1].message,
            "The amount in “Expenditure (£)” is “about 1.9m”, which is not a number."
        );
        // The money left unallocated follows from the amount typed as text: it says so, so that
        // the user fixes the cause and not the symptom.
        assert_eq!(report.findings[0].related, ["5. Expenditure!O8"], "{round}");
        assert!(report.findings[1].related.is_empty());
        assert!(report.to_json().contains(r#""related": ["#), "{round}");
        let row = joint_row(round);
        check(
            round,
            SINGLE_TIER,
            |m| {
                m.set_number(EXPENDITURE, &format!("K{row}"), 150.0);
                m.set_number(EXPENDITURE, &format!("L{row}"), -50.0);
            },
            &[
                &format!("number.out-of-range error 5. Expenditure!K{row}"),
                &format!("number.out-of-range error 5. Expenditure!L{row}"),
            ],
        );
        check(
            round,
            SINGLE_TIER,
            |m| m.set_text(INCOME, "D9", "TBC"),
            &["number.not-numeric error 4. Income!D9", "income.additional-incomplete error 4. Income!E9"],
        );
    }
}

#[test]
fn funding_asc_minimum() {
    // The ASC scheme (row 9) moved out of social care: planned ASC spend from the NHS minimum is 0.
    let report = check(
        "2025-26",
        SINGLE_TIER,
        |m| m.set_text(EXPENDITURE, "H9", "Community Health"),
        &["funding.asc-minimum error 4. Income!D45", "condition.contradicted error 7. National Conditions!D8"],
    );
    let message = &report.findings[0].message;
    assert!(
        message.starts_with(
            "Planned spending on adult social care from the Minimum NHS Contribution is £0. The minimum is £"
        ),
        "{message}"
    );
    assert!(message.ends_with("short."), "{message}");
    check(
        "2017-19",
        SINGLE_TIER,
        |m| m.set_text(EXPENDITURE, "H9", "Community Health"),
        &[
            "funding.asc-minimum error 4. Income!D45",
            "funding.asc-minimum error 4. Income!F45",
            "condition.contradicted error 7. National Conditions!D7",
        ],
    );
    // Short by £1,000 in the second year only.
    let report = check(
        "2017-19",
        SINGLE_TIER,
        |m| {
            let asc = number(m, EXPENDITURE, "P9");
            let joint = number(m, EXPENDITURE, "P11");
            m.set_number(EXPENDITURE, "P9", asc - 1000.0);
            m.set_number(EXPENDITURE, "P11", joint + 1000.0);
        },
        &["funding.asc-minimum error 4. Income!F45", "condition.contradicted error 7. National Conditions!D7"],
    );
    says(&report, 0, "for 2018-19");
    assert!(report.findings[0].message.ends_with("so it is £1,000 short."), "{}", report.findings[0].message);
}

#[test]
fn funding_ooh_minimum() {
    check(
        "2017-19",
        SINGLE_TIER,
        |m| m.set_text(EXPENDITURE, "J10", "Local Authority"),
        &[
            "funding.ooh-minimum error 4. Income!D46",
            "funding.ooh-minimum error 4. Income!F46",
            "condition.contradicted error 7. National Conditions!D8",
        ],
    );
}

#[test]
fn funding_balance() {
    for round in BOTH {
        let nudge = |delta: f64| {
            move |m: &mut TemplateModel| {
                let amount = number(m, EXPENDITURE, "O8");
                m.set_number(EXPENDITURE, "O8", amount + delta);
            }
        };
        let report = check(round, SINGLE_TIER, nudge(1000.0), &["funding.over-allocated error 4. Income!D7"]);
        says(&report, 0, "which is £1,000 more than its income");
        check(round, SINGLE_TIER, nudge(-1000.0), &["funding.under-allocated error 4. Income!D7"]);
        check(round, SINGLE_TIER, nudge(0.99), &[]);
        let p = profile(round);
        let years = p.years.len();
        let source = |m: &mut TemplateModel| {
            let scheme = SchemeRow {
                id: "9".into(),
                name: "Falls service".into(),
                description: "Falls prevention in the community.".into(),
                scheme_type: "Prevention / Early Intervention".into(),
                sub_type: Some("Falls prevention".into()),
                area: "Community Health".into(),
                commissioner: p.values.commissioner_nhs.clone(),
                provider: "NHS Community Provider".into(),
                source: "Additional NHS Contribution".into(),
                amounts: vec![5000.0; years],
                new_existing: "New".into(),
                ..Default::default()
            };
            write_scheme(m, 20, &scheme);
        };
        let mut expected = vec!["funding.source-without-income error 4. Income!D10".to_string()];
        if round == "2017-19" {
            expected.push("funding.source-without-income error 4. Income!F10".into());
        }
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        check(round, SINGLE_TIER, source, &expected);
    }
}

#[test]
fn dfg_scheme_checks_still_run_when_a_two_tier_plan_has_no_grant_rows() {
    // A regression: with no grant row on Income, the rule returned before checking the schemes
    // the grant funds, silently dropping their commissioner and scheme type findings.
    for round in BOTH {
        let nhs = profile(round).values.commissioner_nhs.clone();
        let report = Fixture::valid(round, TWO_TIER)
            .with(|m| {
                for r in 6..=45 {
                    if m.value(INCOME, &format!("B{r}")) == &text("Disabled Facilities Grant") {
                        m.set_text(INCOME, &format!("B{r}"), "Disabled Facilities Grants");
                    }
                }
                let row = (7..=206)
                    .find(|r| m.value(EXPENDITURE, &format!("N{r}")) == &text("Disabled Facilities Grant"))
                    .expect("a scheme funded from the grant");
                m.set_text(EXPENDITURE, &format!("J{row}"), &nhs);
                m.set_text(EXPENDITURE, &format!("E{row}"), "Housing Related Schemes");
                m.clear(EXPENDITURE, &format!("F{row}"));
            })
            .check();
        let found = summarise(&report.findings);
        assert!(found.contains(&"funding.dfg-districts error 4. Income".to_string()), "{round}: {found:#?}");
        assert!(
            found.iter().any(|f| f.starts_with("funding.dfg-commissioner warning 5. Expenditure!J")),
            "{round}: {found:#?}"
        );
        assert!(
            found.iter().any(|f| f.starts_with("funding.dfg-scheme-type advisory 5. Expenditure!E")),
            "{round}: {found:#?}"
        );
    }
}

#[test]
fn funding_dfg_districts() {
    for round in BOTH {
        // A district renamed: Melton has no row.
        let report = check(
            round,
            TWO_TIER,
            |m| m.set_text(INCOME, "C10", "Melton Borough"),
            &["funding.dfg-districts error 4. Income!B6", "condition.contradicted error 7. National Conditions!D6"],
        );
        assert_eq!(
            report.findings[0].message,
            "Leicestershire is a two-tier area, but there is no Disabled Facilities Grant row for “Melton”."
        );
    }
}

#[test]
fn funding_dfg_commissioner_and_scheme_type() {
    for round in BOTH {
        let nhs = profile(round).values.commissioner_nhs.clone();
        check(
            round,
            SINGLE_TIER,
            |m| m.set_text(EXPENDITURE, "J7", &nhs),
            &["funding.dfg-commissioner warning 5. Expenditure!J7"],
        );
        check(
            round,
            SINGLE_TIER,
            |m| {
                m.set_text(EXPENDITURE, "E7", "Home Care or Domiciliary Care");
                m.clear(EXPENDITURE, "F7");
            },
            &["funding.dfg-scheme-type advisory 5. Expenditure!E7"],
        );
    }
}

#[test]
fn scheme_required_collapses_runs() {
    for round in BOTH {
        check(round, SINGLE_TIER, |m| m.clear(EXPENDITURE, "C9"), &["scheme.required error 5. Expenditure!C9"]);
        let report = check(
            round,
            SINGLE_TIER,
            |m| (7..=10).for_each(|r| m.clear(EXPENDITURE, &format!("D{r}"))),
            &["scheme.required error 5. Expenditure!D7:D10"],
        );
        assert_eq!(report.findings[0].message, "4 schemes have no “Brief Description of Scheme”.");
        assert_eq!(report.counts.error, 1, "a range is one finding: the rules document counts findings as listed");
    }
}

#[test]
fn scheme_duplicate_id() {
    for round in BOTH {
        let report = check(
            round,
            SINGLE_TIER,
            |m| m.set_number(EXPENDITURE, "B9", 1.0),
            &["scheme.duplicate-id error 5. Expenditure!B9"],
        );
        assert_eq!(report.findings[0].message, "Scheme ID “1” is already used in row 7.");
    }
}

#[test]
fn scheme_duplicate_id_ignores_case_and_points_every_repeat_at_the_first_row() {
    for round in BOTH {
        let report = check(
            round,
            SINGLE_TIER,
            |m| {
                m.set_text(EXPENDITURE, "B8", "Ab-1");
                m.set_text(EXPENDITURE, "B9", "AB-1");
                m.set_text(EXPENDITURE, "B10", "ab-1");
            },
            &["scheme.duplicate-id error 5. Expenditure!B9", "scheme.duplicate-id error 5. Expenditure!B10"],
        );
        assert_eq!(report.findings[0].message, "Scheme ID “AB-1” is already used in row 8.");
        assert_eq!(report.findings[1].message, "Scheme ID “ab-1” is already used in row 8.");
    }
}

#[test]
fn scheme_invalid_choice() {
    for round in BOTH {
        let report = check(
            round,
            SINGLE_TIER,
            |m| {
                // Excel's list validation ignores case: “social care” is the listed value.
                m.set_text(EXPENDITURE, "H8", "social care");
                m.set_text(EXPENDITURE, "M8", "Hospice");
                m.set_text(EXPENDITURE, "M9", "Private  sector");
            },
            &["scheme.invalid-choice error 5. Expenditure!M8", "scheme.invalid-choice error 5. Expenditure!M9"],
        );
        assert_eq!(
            report.findings[0].message,
            format!("“Hospice” is not on the list for “Provider” in the {round} template.")
        );
        assert_eq!(
            report.findings[1].message,
            "“Private  sector” is not on the list for “Provider”. Did you mean “Private Sector”?"
        );
    }
    // Each round's own lists: ICB did not exist in 2017-19, CCGs no longer do.
    check(
        "2017-19",
        SINGLE_TIER,
        |m| m.set_text(EXPENDITURE, "J8", "ICB"),
        &["scheme.invalid-choice error 5. Expenditure!J8"],
    );
    check(
        "2025-26",
        SINGLE_TIER,
        |m| m.set_text(EXPENDITURE, "J8", "CCG"),
        &["scheme.invalid-choice error 5. Expenditure!J8"],
    );
}

#[test]
fn scheme_invalid_subtype() {
    for round in BOTH {
        check(
            round,
            SINGLE_TIER,
            |m| m.set_text(EXPENDITURE, "F9", "Telecare"),
            &["scheme.invalid-subtype error 5. Expenditure!F9"],
        );
        check(
            round,
            SINGLE_TIER,
            |m| m.set_text(EXPENDITURE, "F8", "Respite services"),
            &["scheme.invalid-subtype error 5. Expenditure!F8"],
        );
        check(round, SINGLE_TIER, |m| m.clear(EXPENDITURE, "F7"), &["scheme.invalid-subtype error 5. Expenditure!F7"]);
    }
}

#[test]
fn scheme_other_unspecified() {
    for round in BOTH {
        check(
            round,
            SINGLE_TIER,
            |m| {
                m.set_text(EXPENDITURE, "E8", "Other");
                m.set_text(EXPENDITURE, "H8", "Other");
            },
            &["scheme.other-unspecified error 5. Expenditure!G8", "scheme.other-unspecified error 5. Expenditure!I8"],
        );
        check(
            round,
            SINGLE_TIER,
            |m| {
                m.set_text(EXPENDITURE, "E8", "Other");
                m.set_text(EXPENDITURE, "G8", "Handyperson service");
            },
            &[],
        );
    }
}

#[test]
fn scheme_joint_percentages() {
    for round in BOTH {
        let row = joint_row(round);
        let report = check(
            round,
            SINGLE_TIER,
            |m| m.set_number(EXPENDITURE, &format!("L{row}"), 30.0),
            &[&format!("scheme.joint-percentages error 5. Expenditure!K{row}")],
        );
        assert_eq!(
            report.findings[0].message,
            "The NHS and local authority percentages are 60% and 30%, which add up to 90%, not 100%."
        );
        check(
            round,
            SINGLE_TIER,
            |m| m.clear(EXPENDITURE, &format!("L{row}")),
            &[&format!("scheme.joint-percentages error 5. Expenditure!L{row}")],
        );
    }
}

#[test]
fn scheme_percentages_not_joint() {
    for round in BOTH {
        check(
            round,
            SINGLE_TIER,
            |m| m.set_number(EXPENDITURE, "K8", 50.0),
            &["scheme.percentages-not-joint warning 5. Expenditure!K8"],
        );
    }
}

#[test]
fn metric_missing_and_rate_inconsistent() {
    // 2025-26: EA65 (a rate, rows 6-9). 2017-19: RES (a rate, rows 14-15).
    for (round, row) in [("2025-26", 6), ("2017-19", 14)] {
        let h = format!("H{row}");
        let expected = format!("metric.missing error 6. Metrics!{h}");
        check(round, SINGLE_TIER, |m| m.clear(METRICS, &h), &[&expected]);
        let report = check(round, SINGLE_TIER, |m| m.clear(METRICS, &format!("F{row}")), &[&expected]);
        assert!(report.findings[0].message.starts_with("The numerator for"), "{}", report.findings[0].message);
        let report = check(
            round,
            SINGLE_TIER,
            |m| {
                let planned = number(m, METRICS, &h);
                m.set_number(METRICS, &h, planned - 5.0);
            },
            &[&format!("metric.rate-inconsistent error 6. Metrics!{h}")],
        );
        says(&report, 0, "the numerator divided by the denominator, times 100,000, is");
    }
}

#[test]
fn metric_rationale_and_baseline() {
    for round in BOTH {
        check(round, SINGLE_TIER, |m| m.clear(METRICS, "I6"), &["metric.rationale-missing error 6. Metrics!I6"]);
        let report = check(
            round,
            SINGLE_TIER,
            |m| {
                let baseline = number(m, METRICS, "E6");
                cache(m, METRICS, "E6", num(baseline + 10.0));
            },
            &["metric.baseline-changed error 6. Metrics!E6"],
        );
        says(&report, 0, "but the published baseline is");
    }
}

#[test]
fn metric_ambition() {
    // A count or days metric without numerator and denominator: NEA (2017-19) row 6, DDL (2025-26) row 10.
    for (round, h) in [("2017-19", "H6"), ("2025-26", "H10")] {
        check(
            round,
            SINGLE_TIER,
            |m| {
                let baseline = number(m, METRICS, &format!("E{}", &h[1..]));
                m.set_number(METRICS, h, baseline * 1.01);
            },
            &[&format!("metric.less-ambitious warning 6. Metrics!{h}")],
        );
        check(
            round,
            SINGLE_TIER,
            |m| {
                let baseline = number(m, METRICS, &format!("E{}", &h[1..]));
                m.set_number(METRICS, h, (baseline * 0.4 * 100.0).round() / 100.0);
            },
            &[&format!("metric.implausible warning 6. Metrics!{h}")],
        );
        check(
            round,
            SINGLE_TIER,
            |m| {
                let baseline = number(m, METRICS, &format!("E{}", &h[1..]));
                m.set_number(METRICS, h, baseline * 2.0);
            },
            &[
                &format!("metric.less-ambitious warning 6. Metrics!{h}"),
                &format!("metric.implausible warning 6. Metrics!{h}"),
            ],
        );
    }
    // REA (2017-19, rows 16-17): higher is better.
    check(
        "2017-19",
        SINGLE_TIER,
        |m| {
            let denominator = number(m, METRICS, "G16");
            m.set_number(METRICS, "F16", (denominator * 0.4).round());
            m.set_number(METRICS, "H16", ((denominator * 0.4).round() / denominator * 1000.0).round() / 10.0);
        },
        &["metric.less-ambitious warning 6. Metrics!H16", "metric.implausible warning 6. Metrics!H16"],
    );
}

#[test]
fn metric_dtoc_expectation() {
    // DTOC rows 18-19: plan a rate below baseline but above the expectation (90% of baseline).
    let report = check(
        "2017-19",
        SINGLE_TIER,
        |m| {
            let baseline = number(m, METRICS, "E18");
            let denominator = number(m, METRICS, "G18");
            let numerator = (baseline * 0.95 * denominator / 100_000.0).round();
            m.set_number(METRICS, "F18", numerator);
            m.set_number(METRICS, "H18", (numerator / denominator * 1_000_000.0).round() / 10.0);
        },
        &["metric.dtoc-expectation error 6. Metrics!H18"],
    );
    says(&report, 0, "above the national expectation for Leicester of");
}

#[test]
fn condition_rules() {
    for round in BOTH {
        check(
            round,
            SINGLE_TIER,
            |m| m.clear(CONDITIONS, "D7"),
            &["condition.unanswered error 7. National Conditions!D7"],
        );
        let report = check(
            round,
            SINGLE_TIER,
            |m| m.set_text(CONDITIONS, "D7", "Partly"),
            &["condition.unanswered error 7. National Conditions!D7"],
        );
        assert!(report.findings[0].message.contains("is “Partly”. It must be Yes or No."));
        check(
            round,
            SINGLE_TIER,
            |m| m.set_text(CONDITIONS, "D9", "No"),
            &[
                "condition.no-without-actions error 7. National Conditions!E9",
                "condition.no-without-actions error 7. National Conditions!F9",
            ],
        );
        check(
            round,
            SINGLE_TIER,
            |m| {
                m.set_text(CONDITIONS, "D9", "No");
                m.set_text(CONDITIONS, "E9", "Joining the regional programme.");
                m.set_text(CONDITIONS, "F9", "Quarter 2");
            },
            &[],
        );
    }
}

#[test]
fn many_defects_are_all_reported_in_workbook_order() {
    let report = check(
        "2025-26",
        SINGLE_TIER,
        |m| {
            m.set_text(CONDITIONS, "D9", "No");
            m.clear(METRICS, "I10");
            m.set_number(EXPENDITURE, "B9", 1.0);
            m.set_text(EXPENDITURE, "H9", "Community Health");
            m.set_text(COVER, "D15", "chris");
            m.clear(COVER, "C6");
            cache(m, METRICS, "E14", Value::Error("#REF!".into()));
        },
        &[
            "cover.required error 2. Cover!C6",
            "cover.email-invalid error 2. Cover!D15",
            "funding.asc-minimum error 4. Income!D45",
            "scheme.duplicate-id error 5. Expenditure!B9",
            "metric.rationale-missing error 6. Metrics!I10",
            "cell.excel-error error 6. Metrics!E14",
            "condition.contradicted error 7. National Conditions!D8",
            "condition.no-without-actions error 7. National Conditions!E9",
            "condition.no-without-actions error 7. National Conditions!F9",
        ],
    );
    assert_eq!(report.counts.error, 9);
    assert_eq!(report.status, bcf_check::report::Status::Error);
}

#[test]
fn a_large_plan_with_200_schemes_passes() {
    for round in BOTH {
        let p = profile(round);
        let boards = bcf_check::template::boards(p);
        let chosen = board(p, TWO_TIER);
        let mut model = bcf_check::template::build(p, &boards, Some(&chosen));
        bcf_check::template::fill_valid_with_schemes(&mut model, 200);
        let report = bcf_check::check_bytes("large.xlsx", &model.to_xlsx());
        assert_eq!(report.status, bcf_check::report::Status::Pass, "{round}: {:#?}", report.findings);
        let header = p.expenditure.header_row;
        let rows = model.sheet(&p.sheets.expenditure).cells.keys().filter(|c| c.col == 2 && c.row > header).count();
        assert_eq!(rows, 200);
    }
}

#[test]
fn a_condition_the_figures_contradict_names_the_money_test_it_follows_from() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/defective-2025-26.xlsx")).unwrap();
    let report = bcf_check::check_bytes("defective-2025-26.xlsx", &bytes);
    let contradicted = report.findings.iter().find(|f| f.rule == "condition.contradicted").expect("contradicted");
    assert_eq!(contradicted.related, ["4. Income!D45"]);
    let text = bcf_check::report::to_text(std::slice::from_ref(&report));
    assert!(text.contains("It may follow from: 4. Income!D45"), "{text}");
}
