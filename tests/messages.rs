//! The message review: every rule's message and hint for a sample plan of each round, as a
//! commissioner would read them, kept in `tests/golden/messages-<round>.txt` so a reviewer can
//! read the whole catalogue's wording in one go. Run with `BLESS=1` to rewrite the golden files
//! after a deliberate change of wording, then read the diff.

mod support;

use bcf_check::template::TemplateModel;
use bcf_check::workbook::{CellRef, Value};
use support::*;

const COVER: &str = "2. Cover";
const SUMMARY: &str = "3. Summary";
const INCOME: &str = "4. Income";
const EXPENDITURE: &str = "5. Expenditure";
const METRICS: &str = "6. Metrics";
const CONDITIONS: &str = "7. National Conditions";

type Defect = (&'static str, &'static str, Box<dyn Fn(&mut TemplateModel)>);

fn number(m: &TemplateModel, sheet: &str, a1: &str) -> f64 {
    match m.value(sheet, a1) {
        Value::Number(n) => *n,
        other => panic!("{sheet}!{a1} is {other:?}"),
    }
}

/// Rows of the Expenditure sheet whose column `col` holds `text`.
fn rows_with(m: &TemplateModel, col: &str, text: &str) -> Vec<u32> {
    (7..=206).filter(|r| m.value(EXPENDITURE, &format!("{col}{r}")) == &Value::Text(text.into())).collect()
}

/// The 2015-16 round's own mistakes (its layout differs: CCG rows, the pay-for-performance sheet).
fn defects_2015_16() -> Vec<Defect> {
    const P4P: &str = "8. Pay for Performance";
    vec![
        ("the protection of social care not declared", SINGLE_TIER, Box::new(|m| m.clear(INCOME, "D45"))),
        (
            "the protection declared above what the plan spends",
            SINGLE_TIER,
            Box::new(|m| {
                let declared = number(m, INCOME, "D45");
                m.set_number(INCOME, "D45", declared * 3.0);
            }),
        ),
        (
            "Care Act spending short, the difference moved to the joint scheme",
            SINGLE_TIER,
            Box::new(|m| {
                let (a, b) = (number(m, EXPENDITURE, "O12"), number(m, EXPENDITURE, "O11"));
                m.set_number(EXPENDITURE, "O12", a - 1000.0);
                m.set_number(EXPENDITURE, "O11", b + 1000.0);
            }),
        ),
        ("a CCG's row renamed", "Birmingham", Box::new(|m| m.set_text(INCOME, "C7", "NHS Solihull CCG"))),
        ("the performance fund typed over", SINGLE_TIER, Box::new(|m| m.set_number(P4P, "D15", 1.0))),
        (
            "more admissions planned than the baseline",
            SINGLE_TIER,
            Box::new(|m| {
                let q1 = number(m, P4P, "D6");
                m.set_number(P4P, "F6", q1 + 2000.0);
            }),
        ),
        (
            "a small reduction without a case",
            SINGLE_TIER,
            Box::new(|m| {
                let baseline: f64 = (6..=9).map(|r| number(m, P4P, &format!("D{r}"))).sum();
                let rest: f64 = (7..=9).map(|r| number(m, P4P, &format!("F{r}"))).sum();
                m.set_number(P4P, "F6", (baseline * 0.97 - rest).round());
            }),
        ),
        ("a local cost without a reason", SINGLE_TIER, Box::new(|m| m.set_number(P4P, "D14", 1200.0))),
        ("a quarter's plan missing", SINGLE_TIER, Box::new(|m| m.clear(P4P, "F7"))),
        (
            "local metrics not named, no direction",
            SINGLE_TIER,
            Box::new(|m| {
                m.set_text(METRICS, "B14", "Patient / service user experience: ");
                m.clear(METRICS, "J15");
            }),
        ),
        (
            "a condition not met, with no date",
            SINGLE_TIER,
            Box::new(|m| {
                m.set_text(CONDITIONS, "D9", "No");
                m.set_text(CONDITIONS, "E9", "A shared record is being procured.");
                m.set_text(CONDITIONS, "F9", "when the procurement ends");
            }),
        ),
    ]
}

fn defects(round: &str) -> Vec<Defect> {
    if round == "2015-16" {
        return defects_2015_16();
    }
    let mut list: Vec<Defect> = vec![
        ("no board chosen", SINGLE_TIER, Box::new(|m| m.clear(COVER, "C5"))),
        ("a board not on the list", SINGLE_TIER, Box::new(|m| m.set_text(COVER, "C5", "Narnia"))),
        ("Cover details missing", SINGLE_TIER, Box::new(|m| m.clear(COVER, "C6"))),
        (
            "an e-mail address mistyped, another cell with two",
            SINGLE_TIER,
            Box::new(|m| {
                m.set_text(COVER, "C7", "alex.morgan(at)example.gov.uk");
                m.set_text(COVER, "D15", "jo@example.gov.uk, sam@example.gov.uk");
            }),
        ),
        ("sign-off neither Yes nor No", SINGLE_TIER, Box::new(|m| m.set_text(COVER, "C9", "Maybe"))),
        (
            "not signed off, no date",
            SINGLE_TIER,
            Box::new(|m| {
                m.set_text(COVER, "C9", "No");
                m.set_text(COVER, "C10", "TBC");
            }),
        ),
        ("a contact without a name", SINGLE_TIER, Box::new(|m| m.clear(COVER, "C14"))),
        ("the Summary typed over", SINGLE_TIER, Box::new(|_| {})),
        (
            "a pre-populated figure changed",
            SINGLE_TIER,
            Box::new(|m| {
                let amount = number(m, INCOME, "D6");
                m.set_number(INCOME, "D6", amount + 500.0);
            }),
        ),
        (
            "an additional contribution without an amount",
            SINGLE_TIER,
            Box::new(|m| m.set_text(INCOME, "E9", "Council top-up")),
        ),
        (
            "text and a negative number in amounts",
            SINGLE_TIER,
            Box::new(|m| {
                m.set_text(EXPENDITURE, "O7", "TBC");
                m.set_number(EXPENDITURE, "O8", -5.0);
            }),
        ),
        (
            "adult social care spending moved elsewhere",
            SINGLE_TIER,
            Box::new(|m| {
                for r in rows_with(m, "H", "Social Care") {
                    m.set_text(EXPENDITURE, &format!("H{r}"), "Community Health");
                }
            }),
        ),
        (
            "a source overspent",
            SINGLE_TIER,
            Box::new(|m| {
                let amount = number(m, EXPENDITURE, "O8");
                m.set_number(EXPENDITURE, "O8", amount + 1000.0);
            }),
        ),
        (
            "a source underspent",
            SINGLE_TIER,
            Box::new(|m| {
                let amount = number(m, EXPENDITURE, "O8");
                m.set_number(EXPENDITURE, "O8", amount - 1000.0);
            }),
        ),
        ("a district's grant row renamed", TWO_TIER, Box::new(|m| m.set_text(INCOME, "C10", "Melton Borough"))),
        (
            "the grant for districts spent by the NHS on other things",
            TWO_TIER,
            Box::new(|m| {
                let dfg = rows_with(m, "N", "Disabled Facilities Grant");
                let row = dfg[0];
                let nhs = m.profile.values.commissioner_nhs.clone();
                m.set_text(EXPENDITURE, &format!("J{row}"), &nhs);
                m.set_text(EXPENDITURE, &format!("E{row}"), "Housing Related Schemes");
                m.clear(EXPENDITURE, &format!("F{row}"));
            }),
        ),
        (
            "schemes without descriptions",
            SINGLE_TIER,
            Box::new(|m| (7..=10).for_each(|r| m.clear(EXPENDITURE, &format!("D{r}")))),
        ),
        (
            "a repeated scheme ID",
            SINGLE_TIER,
            Box::new(|m| {
                let first = m.value(EXPENDITURE, "B7").clone();
                m.set(EXPENDITURE, "B9", first);
            }),
        ),
        (
            "values not on the lists",
            SINGLE_TIER,
            Box::new(|m| {
                m.set_text(EXPENDITURE, "M8", "Hospice");
                m.set_text(EXPENDITURE, "H9", "Social Care ");
            }),
        ),
        ("a sub type of another scheme type", SINGLE_TIER, Box::new(|m| m.set_text(EXPENDITURE, "F9", "Telecare"))),
        (
            "Other without saying what",
            SINGLE_TIER,
            Box::new(|m| {
                m.set_text(EXPENDITURE, "E8", "Other");
                m.clear(EXPENDITURE, "F8");
            }),
        ),
        (
            "joint percentages that do not add up, and percentages on a council scheme",
            SINGLE_TIER,
            Box::new(|m| {
                let joint = rows_with(m, "J", "Joint")[0];
                m.set_number(EXPENDITURE, &format!("K{joint}"), 70.0);
                let la = rows_with(m, "J", "Local Authority")[0];
                m.set_number(EXPENDITURE, &format!("K{la}"), 50.0);
            }),
        ),
        (
            "metric figures missing or inconsistent",
            SINGLE_TIER,
            Box::new(|m| {
                m.clear(METRICS, "H6");
                let h = number(m, METRICS, "H7");
                m.set_number(METRICS, "H7", h + 10.0);
            }),
        ),
        (
            "no rationale, a baseline changed",
            SINGLE_TIER,
            Box::new(|m| {
                (6..=30).for_each(|r| {
                    if m.value(METRICS, &format!("I{r}")) != &Value::Empty {
                        m.clear(METRICS, &format!("I{r}"))
                    }
                });
                let e = number(m, METRICS, "E6");
                m.set_number(METRICS, "E6", e + 3.0);
            }),
        ),
        (
            "an unambitious and an implausible plan",
            SINGLE_TIER,
            Box::new(|m| {
                let last = (6..=40).rev().find(|r| m.value(METRICS, &format!("B{r}")) != &Value::Empty).unwrap_or(6);
                let (e, f, g) = (format!("E{last}"), format!("F{last}"), format!("G{last}"));
                let _ = (&f, &g);
                let baseline = number(m, METRICS, &e);
                if m.value(METRICS, &g) != &Value::Empty {
                    let denominator = number(m, METRICS, &g);
                    let numerator = (baseline * 1.8 * denominator / 100_000.0).round();
                    m.set_number(METRICS, &f, numerator);
                    m.set_number(METRICS, &format!("H{last}"), numerator / denominator * 100_000.0);
                } else {
                    m.set_number(METRICS, &format!("H{last}"), baseline * 1.8);
                }
            }),
        ),
        (
            "a condition unanswered, another No without actions",
            SINGLE_TIER,
            Box::new(|m| {
                m.clear(CONDITIONS, "D7");
                m.set_text(CONDITIONS, "D9", "No");
            }),
        ),
        (
            "signed off No while NC1 says Yes",
            SINGLE_TIER,
            Box::new(|m| {
                m.set_text(COVER, "C9", "No");
                m.set(COVER, "C10", Value::Date(46_142.0));
            }),
        ),
    ];
    if round == "2017-19" {
        list.push((
            "out-of-hospital spending moved to the council",
            SINGLE_TIER,
            Box::new(|m| m.set_text(EXPENDITURE, "J10", "Local Authority")),
        ));
        list.push((
            "a delayed transfers plan above the expectation",
            SINGLE_TIER,
            Box::new(|m| {
                let baseline = number(m, METRICS, "E18");
                let denominator = number(m, METRICS, "G18");
                let numerator = (baseline * 0.95 * denominator / 100_000.0).round();
                m.set_number(METRICS, "F18", numerator);
                m.set_number(METRICS, "H18", (numerator / denominator * 1_000_000.0).round() / 10.0);
            }),
        ));
    }
    list
}

fn render(round: &str) -> String {
    let mut out = format!(
        "# Every message and hint for a {round} plan\n\nEach section is one everyday mistake in the valid sample plan, then every finding it gives:\nseverity, place, rule id, the message and (indented) the hint.\n"
    );
    for (what, board, defect) in defects(round) {
        let fixture = if what == "the Summary typed over" {
            Fixture::valid(round, board).without_recalculating(|m| {
                let at = CellRef::parse("C7").expect("address");
                let formula = m.sheet(SUMMARY).cell(at).and_then(|c| c.formula.clone()).expect("formula");
                m.set_formula_at(SUMMARY, at, &formula, Value::Number(1.0));
            })
        } else {
            Fixture::valid(round, board).with(|m| defect(m))
        };
        let report = fixture.check();
        out.push_str(&format!("\n## {what} ({board})\n"));
        for f in &report.findings {
            let place = match (&f.sheet, &f.cell) {
                (Some(s), Some(c)) => format!("{s}!{c}"),
                (Some(s), None) => s.clone(),
                _ => "the workbook".into(),
            };
            out.push_str(&format!(
                "\n{} at {place} [{}]\n  {}\n    {}\n",
                f.severity.as_str(),
                f.rule,
                f.message,
                f.hint
            ));
        }
    }
    out
}

#[test]
fn every_message_reads_as_reviewed() {
    for round in ["2015-16", "2017-19", "2025-26"] {
        let text = render(round);
        // Sentences say things in words: no metric or condition codes, and no internal shorthands.
        for code in ["EA65", "DDL", "LTA", "NEA ", "RES ", "REA ", "DTOC", " asc", " ooh", "ASC ", "OOH "] {
            for line in text.lines().filter(|l| l.starts_with("  ")) {
                assert!(!line.contains(code), "{round}: {code:?} in {line:?}");
            }
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/messages-{round}.txt"));
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, &text).expect("write golden");
        }
        let golden =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (run with BLESS=1)", path.display()));
        assert_eq!(text, golden, "messages changed: run with BLESS=1 and review the diff");
    }
}
