//! The 2015-16 round: the first pooled fund, six national conditions (the fourth in three parts),
//! CCG contributions, the protection of social care, earmarks, local metrics and pay for
//! performance. Real .xlsx plans from the generator, checked through calamine.

mod support;

use bcf_check::report::Status;
use bcf_check::template::TemplateModel;
use bcf_check::workbook::Value;
use support::*;

const ROUND: &str = "2015-16";
const INCOME: &str = "4. Income";
const EXPENDITURE: &str = "5. Expenditure";
const METRICS: &str = "6. Metrics";
const CONDITIONS: &str = "7. National Conditions";
const P4P: &str = "8. Pay for Performance";
const BOARDS: [&str; 5] = ["Leicester", "Leicestershire", "Dorset", "Bournemouth and Poole", "Birmingham"];

/// The one helper: a valid plan for `board`, `defect` applied, checked through a real .xlsx; the
/// findings must be exactly `expected` (`rule severity sheet!cell`, in report order).
fn check(board: &str, defect: impl FnOnce(&mut TemplateModel), expected: &[&str]) -> bcf_check::report::Report {
    let report = Fixture::valid(ROUND, board).with(defect).check();
    assert_eq!(summarise(&report.findings), expected, "{board}: {:#?}", report.findings);
    report
}

fn number(m: &TemplateModel, sheet: &str, a1: &str) -> f64 {
    match m.value(sheet, a1) {
        Value::Number(n) => *n,
        other => panic!("{sheet}!{a1} is {other:?}"),
    }
}

#[test]
fn valid_plans_of_every_kind_of_board_pass() {
    for board in BOARDS {
        let report = Fixture::valid(ROUND, board).check();
        assert_eq!(report.profile.as_deref(), Some(ROUND));
        assert_eq!(report.hwb.as_deref(), Some(board));
        assert_eq!(report.status, Status::Pass, "{board}: {:#?}", report.findings);
    }
}

#[test]
fn the_dorset_boards_reproduce_their_published_figures() {
    // Dorset's 2016 governing-body report: £755 per admission avoided; 714 fewer admissions for
    // Dorset HWB (£539,070), 584 for Bournemouth and Poole HWB (£440,920).
    for (board, reduction, fund) in [("Dorset", 714.0, 539_070.0), ("Bournemouth and Poole", 584.0, 440_920.0)] {
        let fixture = Fixture::valid(ROUND, board);
        let m = &fixture.model;
        assert_eq!(number(m, P4P, "D12"), reduction, "{board}");
        assert_eq!(number(m, P4P, "D14"), 755.0, "{board}");
        assert_eq!(number(m, P4P, "D15"), fund, "{board}");
        assert!(!m.value(P4P, "E14").is_blank(), "{board}: a local cost has its reason");
        let checked = bcf_check::check_bytes_with_figures("plan.xlsx", &fixture.xlsx());
        assert_eq!(checked.report.status, Status::Pass, "{board}: {:#?}", checked.report.findings);
        assert_eq!(m.value(INCOME, "C6"), &text("NHS Dorset CCG"), "{board}");
    }
}

/// Replaces a formula cell's cached result, keeping its formula (a figure typed over).
fn cache(m: &mut TemplateModel, sheet: &str, a1: &str, value: Value) {
    let at = bcf_check::workbook::CellRef::parse(a1).expect("address");
    let formula = m.sheet(sheet).cell(at).and_then(|c| c.formula.clone()).expect("a formula cell");
    m.set_formula_at(sheet, at, &formula, value);
}

/// Moves `amount` of spending from the joint scheme (row 11) to `to` (an Expenditure cell), so
/// every source still balances.
fn move_spending(m: &mut TemplateModel, to: &str, amount: f64) {
    let joint = number(m, EXPENDITURE, "O11");
    let target = number(m, EXPENDITURE, to);
    m.set_number(EXPENDITURE, "O11", joint - amount);
    m.set_number(EXPENDITURE, to, target + amount);
}

#[test]
fn the_protection_of_social_care_is_declared_and_met() {
    check("Leicester", |m| m.clear(INCOME, "D45"), &["funding.protection-undeclared error 4. Income!D45"]);
    let report = check(
        "Leicester",
        |m| m.set_text(INCOME, "D45", "TBC"),
        &["funding.protection-undeclared error 4. Income!D45"],
    );
    assert_eq!(report.findings[0].message, "The protection of social care is “TBC”, which is not an amount.");
    // Declared above what the plan spends on social care from the CCG money: NC2 is contradicted.
    let report = check(
        "Leicester",
        |m| {
            let declared = number(m, INCOME, "D45");
            m.set_number(INCOME, "D45", declared * 3.0);
        },
        &["funding.asc-minimum error 4. Income!D45", "condition.contradicted error 7. National Conditions!D7"],
    );
    assert!(report.findings[0]
        .message
        .starts_with("Planned spending on adult social care from the Minimum CCG Contribution is £"));
    assert!(report.findings[1].message.starts_with(
        "The national condition “Protection for social care services (not spending)” (NC2) is answered Yes"
    ));
}

#[test]
fn out_of_hospital_spending_meets_the_requirement_left_by_the_fund() {
    // The out-of-hospital scheme handed to the council: NHS-commissioned spending falls short.
    // NC3 is seven-day services in this round: nothing to contradict.
    check(
        "Leicester",
        |m| {
            m.set_text(EXPENDITURE, "J10", "Local Authority");
            m.set_text(EXPENDITURE, "J11", "Local Authority");
            m.clear(EXPENDITURE, "K11");
            m.clear(EXPENDITURE, "L11");
        },
        &["funding.ooh-minimum error 4. Income!D46"],
    );
}

#[test]
fn earmarks_within_the_ccg_money() {
    // Care Act duties (row 12) short by £1,000, moved to the joint scheme so the plan balances.
    let report = check(
        "Leicester",
        |m| move_spending(m, "O12", -1000.0),
        &["funding.earmark-minimum warning 5. Expenditure!O12"],
    );
    let message = &report.findings[0].message;
    assert!(
        message.starts_with("Planned spending on Care Act duties from the Minimum CCG Contribution is £"),
        "{message}"
    );
    assert!(message.ends_with(", so it is £1,000 short."), "{message}");
    // No reablement scheme at all: the finding points at the first CCG income row.
    let report = check(
        "Leicester",
        |m| m.set_text(EXPENDITURE, "F14", "Step up"),
        &["funding.earmark-minimum warning 4. Income!D6"],
    );
    assert!(report.findings[0]
        .message
        .starts_with("Planned spending on reablement from the Minimum CCG Contribution is £0."));
}

#[test]
fn one_income_row_per_ccg() {
    // Birmingham has three contributing CCGs, on rows 6 to 8.
    let report = check(
        "Birmingham",
        |m| m.set_text(INCOME, "C7", "NHS Solihull CCG"),
        &["income.ccg-contributions error 4. Income!D6"],
    );
    assert_eq!(
        report.findings[0].message,
        "The Income sheet has no Minimum CCG Contribution row for “NHS Birmingham South Central CCG”, which contributes to Birmingham."
    );
    let report = Fixture::valid(ROUND, "Birmingham")
        .with(|m| {
            let amount = number(m, INCOME, "D8");
            m.set_number(INCOME, "D8", amount + 500.0);
        })
        .check();
    let found = summarise(&report.findings);
    assert!(found.contains(&"income.ccg-contributions error 4. Income!D8".to_string()), "{found:#?}");
    let f = report.findings.iter().find(|f| f.rule == "income.ccg-contributions").expect("finding");
    assert!(
        f.message.starts_with("The Minimum CCG Contribution from NHS Sandwell and West Birmingham CCG is £"),
        "{}",
        f.message
    );
}

#[test]
fn pay_for_performance() {
    // The fund typed over: the Summary shows what the sheet shows, so only the fund is wrong.
    let report = check(
        "Leicester",
        |m| m.set_number(P4P, "D15", 1.0),
        &["p4p.fund-inconsistent error 8. Pay for Performance!D15"],
    );
    assert!(report.findings[0].message.starts_with("The performance fund is £1, but the reduction of "));
    // More admissions planned than the baseline: no fund, and far from the operating plans.
    check(
        "Leicester",
        |m| {
            let q1 = number(m, P4P, "D6");
            m.set_number(P4P, "F6", q1 + 2000.0);
        },
        &[
            "p4p.increase warning 8. Pay for Performance!F10",
            "p4p.operating-plan-gap warning 8. Pay for Performance!D13",
        ],
    );
    // A reduction below 3.5% with no case made.
    let report = check(
        "Leicester",
        |m| {
            let baseline: f64 = (6..=9).map(|r| number(m, P4P, &format!("D{r}"))).sum();
            let planned: f64 = baseline * 0.97;
            let rest: f64 = (7..=9).map(|r| number(m, P4P, &format!("F{r}"))).sum();
            m.set_number(P4P, "F6", (planned - rest).round());
            m.set_number(P4P, "D18", 3.0);
        },
        &["p4p.below-expectation warning 8. Pay for Performance!C19"],
    );
    assert!(report.findings[0].message.ends_with("below the 3.5% expected, and there is no case for it."));
    check(
        "Leicester",
        |m| cache(m, P4P, "D18", Value::Number(0.5)),
        &["p4p.operating-plan-gap warning 8. Pay for Performance!D13"],
    );
    let report = check(
        "Leicester",
        |m| m.set_number(P4P, "D14", 1200.0),
        &["p4p.cost-changed warning 8. Pay for Performance!D14"],
    );
    assert_eq!(
        report.findings[0].message,
        "The cost of an emergency admission is £1,200, not the national average of £1,490, and no reason is given."
    );
    // A local cost with its reason is fine (Dorset's £755 passes, above).
    check(
        "Leicester",
        |m| {
            m.set_number(P4P, "D14", 1200.0);
            m.set_text(P4P, "E14", "Our own reference costs.");
        },
        &[],
    );
}

#[test]
fn the_admissions_baselines_and_plan_on_the_pay_for_performance_sheet() {
    let report = check(
        "Leicester",
        |m| {
            let q = number(m, P4P, "D6");
            cache(m, P4P, "D6", Value::Number(q + 10.0));
        },
        &["metric.baseline-changed error 8. Pay for Performance!D6"],
    );
    assert!(
        report.findings[0].message.starts_with("The baseline of emergency admissions"),
        "{}",
        report.findings[0].message
    );
    // A blank quarter: only the missing figure is reported, the tests needing the reduction do not run.
    check("Leicester", |m| m.clear(P4P, "F7"), &["metric.missing error 8. Pay for Performance!F7"]);
}

#[test]
fn local_metrics_are_named_with_their_own_direction_and_baseline() {
    check(
        "Leicester",
        |m| {
            m.set_text(METRICS, "B14", "patient / service user experience:  ");
            m.set_text(METRICS, "J15", "Sideways");
            m.clear(METRICS, "E15");
        },
        &[
            "metric.local-undefined error 6. Metrics!B14",
            "metric.missing error 6. Metrics!E15",
            "metric.local-undefined error 6. Metrics!J15",
        ],
    );
    // The board says higher is better: the plan (below baseline) is now less ambitious.
    check("Leicester", |m| m.set_text(METRICS, "J14", "higher"), &["metric.less-ambitious warning 6. Metrics!H14"]);
}

#[test]
fn timeframes_must_be_dates() {
    let no = |m: &mut TemplateModel, when: Value| {
        m.set_text(CONDITIONS, "D9", "No");
        m.set_text(CONDITIONS, "E9", "A shared record is being procured.");
        m.set(CONDITIONS, "F9", when);
    };
    check(
        "Leicester",
        |m| no(m, text("when the procurement ends")),
        &["condition.timeframe-invalid error 7. National Conditions!F9"],
    );
    // Dates typed as text in a UK form are dates; so are real ones.
    check("Leicester", |m| no(m, text("1 October 2016")), &[]);
    check("Leicester", |m| no(m, text("30/04/2016")), &[]);
    check("Leicester", |m| no(m, Value::Date(42_643.0)), &[]);
}

#[test]
fn grant_districts_contradict_nc1_in_this_round_too() {
    check(
        "Dorset",
        |m| m.set_text(INCOME, "C8", "Purbeck District"),
        &["funding.dfg-districts error 4. Income!B7", "condition.contradicted error 7. National Conditions!D6"],
    );
}

#[test]
fn a_200_scheme_plan_passes() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/2015-16/200-schemes.xlsx");
    let report = bcf_check::check_bytes("200.xlsx", &std::fs::read(path).expect("fixture"));
    assert_eq!(report.status, Status::Pass, "{:#?}", report.findings);
}

#[test]
fn libreoffice_copies_read_the_same_and_recalculate_to_the_same() {
    // The Dorset sample re-saved as xlsx and ods, and with every formula recalculated by
    // LibreOffice from the inputs (pre-populated lookups, pay for performance, Summary).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/2015-16");
    let read = |name: &str| {
        let bytes = std::fs::read(dir.join(name)).expect("fixture");
        let workbook = bcf_check::workbook::read_workbook(&bytes, &|_| true).expect("readable");
        let profile = bcf_check::profile::by_id(ROUND).expect("profile");
        let extracted = bcf_check::plan::extract(&workbook, profile).unwrap_or_else(|_| panic!("{name}"));
        (extracted.plan.listing(), bcf_check::check_bytes(name, &bytes))
    };
    let (original, _) = read("dorset.xlsx");
    for copy in
        ["libreoffice/dorset.xlsx", "libreoffice/dorset.ods", "libreoffice/dorset-recalculated-by-libreoffice.xlsx"]
    {
        let (listing, report) = read(copy);
        assert_eq!(report.status, Status::Pass, "{copy}: {:#?}", report.findings);
        // Values as read, formulas or not; numbers to 9 significant digits (LibreOffice writes 15).
        let values = |l: &str| {
            l.lines()
                .map(|line| {
                    let line = line.replace('≡', "=");
                    match line.split_once(" = ") {
                        Some((name, value)) => match value.parse::<f64>() {
                            Ok(n) => format!("{name} = {n:.9e}"),
                            Err(_) => line.clone(),
                        },
                        None => line.clone(),
                    }
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(values(&listing), values(&original), "{copy}");
    }
}
