//! The command-line tool as a user runs it: the real binary, real files, exit statuses.

mod support;

use std::path::PathBuf;
use std::process::Command;

use bcf_check::workbook::Value;
use support::Fixture;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("bcf-check-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path.display().to_string()
}

/// Runs the CLI; returns (exit status, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bcf-check")).args(args).output().expect("run bcf-check");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `bcf-check -` with `input` on standard input; returns whether all of it was written (the
/// tool stops reading past its limit), the exit status and standard output.
fn run_with_stdin(input: &[u8]) -> (std::io::Result<()>, i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bcf-check"))
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    let mut stdin = child.stdin.take().expect("stdin");
    let written = std::io::Write::write_all(&mut stdin, input);
    drop(stdin);
    let out = child.wait_with_output().expect("output");
    (written, out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn not_the_template() -> String {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "Budget").expect("write");
    temp_file("budget.xlsx", &book.save_to_buffer().expect("save"))
}

#[test]
fn a_valid_plan_exits_0() {
    let (status, out, _) = run(&[&fixture("valid-2025-26.xlsx")]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("(planning round 2025-26, Leicester): no problems found"), "{out}");
}

#[test]
fn an_error_finding_exits_1() {
    let (status, out, _) = run(&["--format", "text", &not_the_template()]);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("template.sheet-missing"), "{out}");
    assert!(out.contains("This workbook is not a Better Care Fund planning template."), "{out}");
}

#[test]
fn an_unreadable_file_exits_2_even_beside_errors() {
    let broken = temp_file("broken.xlsx", b"PK\x03\x04 not really");
    let (status, out, _) = run(&[&broken, &not_the_template(), &fixture("valid-2017-19.xlsx")]);
    assert_eq!(status, 2, "{out}");
    let (status, out, _) = run(&["/no/such/plan.xlsx"]);
    assert_eq!(status, 2);
    assert!(out.contains("The file could not be opened"), "{out}");
}

#[test]
fn bad_usage_exits_2_with_help() {
    for args in [&[][..], &["--format"][..], &["--format", "xml", "x.xlsx"][..], &["--nope", "x.xlsx"][..]] {
        let (status, out, err) = run(args);
        assert_eq!(status, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.contains("Usage: bcf-check"), "{err}");
    }
    let (status, out, _) = run(&["--help"]);
    assert_eq!((status, out.contains("Usage: bcf-check")), (0, true));
}

#[test]
fn json_is_one_object_for_one_file_and_an_array_for_several() {
    let (_, out, _) = run(&["--format", "json", &fixture("valid-2025-26.xlsx")]);
    let one: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(one["profile"], "2025-26");
    assert_eq!(one["hwb"], "Leicester");
    assert_eq!(one["status"], "pass");
    assert_eq!(one["counts"], serde_json::json!({"error": 0, "warning": 0, "advisory": 0}));
    assert_eq!(one["findings"], serde_json::json!([]));
    let (_, out, _) = run(&["--format=json", &fixture("valid-2025-26.xlsx"), &not_the_template()]);
    let many: serde_json::Value = serde_json::from_str(&out).expect("json");
    let reports = many.as_array().expect("an array");
    assert_eq!(reports.len(), 2);
    let finding = &reports[1]["findings"][0];
    let mut keys: Vec<&str> = finding.as_object().expect("object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["cell", "hint", "message", "rule", "severity", "sheet"]);
    assert_eq!(finding["cell"], serde_json::Value::Null);
    assert_eq!(reports[1]["status"], "error");
}

#[test]
fn csv_has_the_contract_columns() {
    let broken = temp_file("=cmd.xlsx", b"");
    let (_, out, _) = run(&["-f", "csv", &not_the_template(), &broken]);
    // The byte-order mark makes Excel on Windows read the file as UTF-8 (£ and curly quotes).
    let out = out.strip_prefix('\u{feff}').unwrap_or_else(|| panic!("no byte-order mark: {out:?}"));
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("file,sheet,cell,severity,rule,message,hint"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].contains(",,,error,template.sheet-missing,"), "{}", rows[0]);
    assert!(rows[1].contains(",,,error,file.unreadable,The selected file is empty.,"), "{}", rows[7]);
}

#[test]
fn the_sample_fixtures_are_current() {
    // tests/fixtures and www/templates are written by `cargo run --bin bcf-check-templates`;
    // they must read back exactly as the generator builds them now.
    for (path, bytes) in bcf_check::template::published_files() {
        let committed = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(&path))
            .unwrap_or_else(|e| panic!("{path} is missing ({e}): run cargo run --bin bcf-check-templates"));
        // Byte for byte: the generator is deterministic (no timestamp), so rerunning it changes
        // no committed file whose content did not change.
        assert!(committed == bytes, "{path} is stale: run cargo run --bin bcf-check-templates");
    }
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_unicode() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"/tmp/plan-\xFF.xlsx");
    let out = Command::new(env!("CARGO_BIN_EXE_bcf-check")).arg(name).output().expect("run bcf-check");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("The file could not be opened"));
}

#[test]
fn the_rounds_and_their_definitions() {
    let (status, out, _) = run(&["profiles"]);
    assert_eq!(status, 0);
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap_or("")).collect();
    assert_eq!(ids, ["2017-19", "2025-26", "2015-16"]);
    let (status, out, _) = run(&["profile", "2015-16"]);
    assert_eq!(status, 0);
    assert!(bcf_check::profile::parse(&out).is_ok(), "the printed definition loads as it is");
    let (status, _, err) = run(&["profile", "2019-20"]);
    assert_eq!(status, 2);
    assert!(err.contains("there is no planning round “2019-20”; the rounds are 2017-19, 2025-26, 2015-16"), "{err}");
}

#[test]
fn a_definition_from_a_file_and_a_broken_one() {
    let json = bcf_check::profile::built_in_json("2025-26").expect("built-in");
    let mut p: serde_json::Value = serde_json::from_str(json).expect("json");
    p["id"] = "cli-variant".into();
    p["version"] = "BCF-2025-26 cli-variant".into();
    p["sheets"]["expenditure"] = "5. Spending plan".into();
    let definition = temp_file("variant.json", serde_json::to_string(&p).expect("json").as_bytes());
    // A workbook written to the variant: unknown to the built-in rounds, known with --profile.
    let profile = bcf_check::profile::load(&serde_json::to_string(&p).expect("json")).expect("loads");
    let boards = bcf_check::template::boards(profile);
    let board = boards.iter().find(|b| b.name == "Leicester").expect("board");
    let mut plan = bcf_check::template::build(profile, &boards, Some(board));
    bcf_check::template::fill_valid(&mut plan);
    let workbook = temp_file("variant.xlsx", &plan.to_xlsx());
    // No built-in round has its sheets: only its own drop-down lists are checked, and it says so.
    let (status, out, _) = run(&[&workbook]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("template.not-recognised"), "{out}");
    assert!(out.contains("partial check"), "{out}");
    let (status, out, _) = run(&["--profile", &definition, &workbook]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("(planning round cli-variant, Leicester): no problems found"), "{out}");
    p["values"]["yes"] = "Oui".into();
    let broken = temp_file("broken.json", serde_json::to_string(&p).expect("json").as_bytes());
    let (status, _, err) = run(&["--profile", &broken, &workbook]);
    assert_eq!(status, 2);
    assert!(err.contains("cannot be used:\n  `values.yes`: “Oui” is not in `lists.yes_no`"), "{err}");
}

#[test]
fn a_folder_standard_input_and_plain_messages() {
    // A folder: every spreadsheet under it by content (not name), in name order, others passed over.
    let dir = std::env::temp_dir().join(format!("bcf-check-folder-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("b")).expect("dirs");
    let valid = std::fs::read(fixture("valid-2025-26.xlsx")).expect("fixture");
    std::fs::write(dir.join("b/second.xlsx"), &valid).expect("write");
    std::fs::write(dir.join("a-first.dat"), &valid).expect("write");
    std::fs::write(dir.join("notes.txt"), b"not a plan").expect("write");
    let (status, out, _) = run(&["--format", "json", &dir.display().to_string()]);
    assert_eq!(status, 0, "{out}");
    let reports: Vec<serde_json::Value> = serde_json::from_str(&out).expect("an array");
    let files: Vec<&str> = reports.iter().map(|r| r["file"].as_str().unwrap_or("")).collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].ends_with("a-first.dat") && files[1].ends_with("b/second.xlsx"), "{files:?}");
    // Standard input.
    let (written, status, out) = run_with_stdin(&valid);
    written.expect("write stdin");
    assert_eq!(status, 0);
    assert!(out.starts_with("standard input (planning round 2025-26, Leicester)"));
    // A missing file: a plain message, not the operating system's.
    let (status, out, _) = run(&["no-such-plan.xlsx"]);
    assert_eq!(status, 2);
    assert!(out.contains("The file could not be opened: there is no file called no-such-plan.xlsx."), "{out}");
    assert!(!out.contains("os error"), "{out}");
}

#[test]
fn a_summary_of_many_plans() {
    let plans = [
        fixture("2015-16/dorset.xlsx"),
        fixture("defective-2025-26.xlsx"),
        fixture("sniffing/ods-saved-with-a-password.ods"),
    ];
    let args: Vec<&str> = ["--format", "summary"].into_iter().chain(plans.iter().map(String::as_str)).collect();
    let (status, out, _) = run(&args);
    assert_eq!(status, 2, "an unreadable file among them");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].ends_with("dorset.xlsx  |  2015-16  |  Dorset  |  no problems found  |  pooled in 2015-16 £42,981,000  |  performance fund £539,070"), "{out}");
    assert_eq!(
        lines[1],
        "    Protection of social care 2015-16: minimum £9,843,000, planned £11,319,000, headroom £1,476,000"
    );
    assert!(out.contains("defective-2025-26.xlsx  |  2025-26  |  Leicester  |  7 errors  |  pooled in 2025-26 £17,217,000\n    Minimum spend on adult social care 2025-26: minimum £4,233,000, planned £0, headroom -£4,233,000\n"), "{out}");
    assert!(
        out.contains(
            "ods-saved-with-a-password.ods  |  round not recognised  |  board not recognised  |  could not be read"
        ),
        "{out}"
    );

    let args: Vec<&str> = ["--format", "summary-csv"].into_iter().chain(plans.iter().map(String::as_str)).collect();
    let (_, out, _) = run(&args);
    let out = out.strip_prefix('\u{feff}').expect("byte-order mark");
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows[0], "file,round,board,result,checked,errors,warnings,advisories,total_pooled,performance_fund,funding_test,year,minimum,planned,headroom");
    // One row a plan and funding test: five for Dorset, one for the defective plan, one for the unreadable file.
    assert_eq!(rows.len(), 1 + 5 + 1 + 1, "{out}");
    assert!(rows[1].ends_with(",2015-16,Dorset,pass,in full,0,0,0,42981000.00,539070.00,Protection of social care,2015-16,9843000.00,11319000.00,1476000.00"), "{}", rows[1]);
    assert!(rows[7].ends_with(",,,unreadable,not checked,1,0,0,,,,,,,"), "{}", rows[7]);
}

#[test]
fn what_changed_between_two_versions_of_a_plan() {
    use bcf_check::template::{write_scheme, SchemeRow};
    let old = Fixture::valid("2017-19", "Leicester");
    let new = Fixture::valid("2017-19", "Leicester").with(|m| {
        // A scheme's amount moved to a new scheme; an ambition adjusted after correspondence; a
        // condition now answered No, with its actions and date.
        let amount = match m.value("5. Expenditure", "O11") {
            bcf_check::workbook::Value::Number(n) => *n,
            other => panic!("{other:?}"),
        };
        m.set_number("5. Expenditure", "O11", amount - 100_000.0);
        let joint = SchemeRow {
            id: "9".into(),
            name: "Falls response".into(),
            description: "A falls response service.".into(),
            scheme_type: "Prevention / Early Intervention".into(),
            sub_type: Some("Falls prevention".into()),
            area: "Community Health".into(),
            commissioner: "CCG".into(),
            provider: "NHS Community Provider".into(),
            source: "Minimum NHS Contribution".into(),
            amounts: vec![100_000.0, 0.0],
            new_existing: "New".into(),
            ..Default::default()
        };
        write_scheme(m, 12, &joint);
        m.set_number("6. Metrics", "H18", 800.0);
        m.set_text("7. National Conditions", "D9", "No");
        m.set_text("7. National Conditions", "E9", "Trusted assessors start in the autumn.");
        m.set("7. National Conditions", "F9", bcf_check::workbook::Value::Date(43_373.0));
    });
    let (a, b) = (temp_file("plan-v1.xlsx", &old.xlsx()), temp_file("plan-v2.xlsx", &new.xlsx()));
    let (status, out, err) = run(&["compare", &a, &b]);
    assert_eq!(status, 0, "{err}");
    let body: Vec<&str> = out.lines().skip(1).collect();
    let condition = "“Implementation of the High Impact Change Model for managing transfers of care” (NC4)";
    // A count first; the edits by sheet, amounts in pounds; then the problems fixed and new.
    let expected = [
        "6 edits, 1 new problem and 0 problems fixed".to_string(),
        "".into(),
        "5. Expenditure".into(),
        "  changed [O11]: Scheme 5 (Joint community services): Expenditure (£): “£3,561,000” → “£3,461,000”".into(),
        "  added [B12]: Scheme 9 (Falls response) (£100,000, £0)".into(),
        "".into(),
        "6. Metrics".into(),
        "  changed [H18]: Delayed transfers of care (delayed days) from hospital per 100,000 population (18+), 2017-18: planned: “936.9” → “800”".into(),
        "".into(),
        "7. National Conditions".into(),
        format!("  changed [D9]: {condition}: answer: “Yes” → “No”"),
        format!("  changed [E9]: {condition}: actions: “” → “Trusted assessors start in the autumn.”"),
        format!("  changed [F9]: {condition}: timeframe: “” → “30/09/2018”"),
        "".into(),
        "Problems fixed and new".into(),
        "  new problem [6. Metrics!H18]: The plan for delayed transfers of care (delayed days) from hospital per 100,000 population (18+) in 2017-18 is 800, but the numerator divided by the denominator, times 100,000, is 936.9. (metric.rate-inconsistent)".into(),
    ];
    assert_eq!(body, expected, "{out}");
    // A plan of another board is not another version.
    let other = temp_file("other.xlsx", &Fixture::valid("2017-19", "Leicestershire").xlsx());
    let (status, _, err) = run(&["compare", &a, &other]);
    assert_eq!(status, 2);
    assert!(err.contains("different Health and Wellbeing Boards (Leicester and Leicestershire)"), "{err}");
    // JSON and CSV carry the same changes.
    let (_, json, _) = run(&["compare", "--format", "json", &a, &b]);
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(parsed["changes"].as_array().is_some_and(|c| c.len() >= 5), "{json}");
    let (_, csv, _) = run(&["compare", "--format", "csv", &a, &b]);
    assert!(csv.starts_with("\u{feff}sheet,cell,change,what,old,new\r\n"), "{csv}");
}

/// The edits (not the problems) `compare` finds between two versions, as its text prints them.
fn edits(old: &Fixture, new: &Fixture) -> Vec<String> {
    let changes =
        bcf_check::compare::compare_bytes("old.xlsx", &old.xlsx(), "new.xlsx", &new.xlsx()).expect("compared");
    let text = bcf_check::compare::to_text("old.xlsx", "new.xlsx", &changes);
    text.lines()
        .take_while(|l| *l != "Problems fixed and new")
        .filter(|l| l.starts_with("  "))
        .map(|l| l.trim().to_string())
        .collect()
}

/// Schemes `first..first+n` at rows from `row`, named after their number.
fn schemes(m: &mut bcf_check::template::TemplateModel, row: u32, ids: std::ops::Range<u32>, skip: u32) {
    use bcf_check::template::{write_scheme, SchemeRow};
    for (i, n) in ids.enumerate() {
        let scheme = SchemeRow {
            id: (n + skip).to_string(),
            name: format!("Scheme number {n}"),
            description: "A service.".into(),
            scheme_type: "Prevention / Early Intervention".into(),
            sub_type: Some("Falls prevention".into()),
            area: "Community Health".into(),
            commissioner: "CCG".into(),
            provider: "NHS Community Provider".into(),
            source: "Minimum NHS Contribution".into(),
            amounts: vec![1_000.0 * f64::from(n), 0.0],
            new_existing: "New".into(),
            ..Default::default()
        };
        write_scheme(m, row + i as u32, &scheme);
    }
}

#[test]
fn a_changed_scheme_id_is_one_change_and_renumbered_ids_one_line() {
    // An ID typed differently showed as every field of the scheme now under that ID changed, and
    // the old one removed; IDs renumbered after an inserted scheme showed every shifted scheme.
    let old = Fixture::valid("2017-19", "Leicester");
    let typo = Fixture::valid("2017-19", "Leicester").with(|m| m.set_text("5. Expenditure", "B8", "3A"));
    let found = edits(&old, &typo);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("changed [B8]: Scheme 3A (") && found[0].ends_with(": Scheme ID: “2” → “3A”"),
        "{found:#?}"
    );

    let before = Fixture::valid("2017-19", "Leicester").with(|m| schemes(m, 12, 9..15, 0));
    let inserted = Fixture::valid("2017-19", "Leicester").with(|m| {
        schemes(m, 12, 100..101, 0);
        schemes(m, 13, 9..15, 1);
    });
    let found = edits(&before, &inserted);
    assert_eq!(
        found,
        [
            "added [B12]: Scheme 100 (Scheme number 100) (£100,000, £0)".to_string(),
            "renumbered [B13]: 6 schemes have a new Scheme ID and are otherwise unchanged: “9 to 14” → “10 to 15”"
                .into(),
        ]
    );
}

#[test]
fn a_space_added_to_a_list_value_shows_as_the_change_behind_the_new_problem() {
    let old = Fixture::valid("2017-19", "Leicester");
    let spaced = Fixture::valid("2017-19", "Leicester").with(|m| {
        let area = match m.value("5. Expenditure", "H7") {
            bcf_check::workbook::Value::Text(t) => t.to_string(),
            other => panic!("{other:?}"),
        };
        m.set_text("5. Expenditure", "H7", &format!("{area} "));
    });
    let found = edits(&old, &spaced);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("(spaces before or after the text)"), "{found:#?}");
}

#[test]
fn a_definition_derived_from_a_blank_template() {
    // Everything found: exit 0, the definition on standard output, the account on standard error.
    let blank = temp_file("blank-2017-19.xlsx", &Fixture::blank("2017-19").xlsx());
    let (status, out, err) = run(&["profile", "derive", &blank]);
    assert_eq!(status, 0, "{err}");
    assert!(bcf_check::profile::parse(&out).is_ok(), "the definition loads as it is");
    assert!(err.contains("from the built-in definition for 2017-19"), "{err}");
    assert!(err.contains("Everything was found"), "{err}");
    // Deriving from another round than the one it is most like: most is not found, exit 1, and
    // the definition is still written.
    let (status, out, err) = run(&["profile", "derive", "--from", "2025-26", &blank]);
    assert_eq!(status, 1, "{err}");
    assert!(out.contains("\"id\": \"derived-"), "{out}");
    assert!(err.contains("Not found: the header “EA65” on the sheet “HWB Data”"), "{err}");
    // A file that is not a workbook, and a round that does not exist: exit 2.
    let not_a_workbook = temp_file("notes.xlsx", b"these are my notes");
    let (status, out, err) = run(&["profile", "derive", &not_a_workbook]);
    assert_eq!((status, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("notes.xlsx cannot be read"), "{err}");
    let (status, _, err) = run(&["profile", "derive", "--from", "2019-20", &blank]);
    assert_eq!(status, 2);
    assert!(err.contains("there is no built-in template definition “2019-20”"), "{err}");
    let (status, _, err) = run(&["profile", "derive"]);
    assert_eq!(status, 2);
    assert!(err.contains("profile derive needs one file: the blank template"), "{err}");
}

/// The worked example of docs/profiles.md, "Derive a definition from a blank template", run as
/// the page describes it: each line it quotes is what the command prints.
#[test]
fn the_worked_example_of_deriving_a_definition() {
    use bcf_check::workbook::{CellRef, Value};
    let docs = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/profiles.md"))
        .expect("docs/profiles.md");
    // The publisher's layout: three more rows on the Cover above the board's name, the
    // Expenditure sheet renamed, no version cell, and "Completed by:" reworded.
    let local = |model: &mut bcf_check::template::TemplateModel| {
        model.set_at("2. Cover", CellRef::new(3, 2), Value::Empty);
        model.set_at("2. Cover", CellRef::new(3, 3), Value::Empty);
        model.insert_rows("2. Cover", 5, 3);
        model.set_at("2. Cover", CellRef::new(9, 2), Value::Text("Prepared by:".into()));
        model.rename_sheet("5. Expenditure", "5. Spending plan");
    };
    let blank = temp_file("bcf-2025-26-local.xlsx", &Fixture::blank("2025-26").without_recalculating(local).xlsx());
    let plan =
        temp_file("local-plan.xlsx", &Fixture::valid("2025-26", "Leicester").without_recalculating(local).xlsx());

    let (status, json, err) = run(&["profile", "derive", &blank]);
    assert_eq!(status, 1, "{err}");
    for line in err.lines() {
        assert!(docs.contains(line), "docs/profiles.md quotes what derive prints: {line}");
    }
    assert!(
        err.contains("Not found: the label “Completed by:” on the sheet “2. Cover” (the base had it at B6)"),
        "{err}"
    );

    // Step 3 of the example: the label as the template words it, where it is.
    let mut definition: serde_json::Value = serde_json::from_str(&json).expect("json");
    definition["cover"]["completed_by"] =
        serde_json::json!({ "label": "Prepared by:", "label_cell": "B9", "cell": "C9" });
    assert!(docs.contains(r#""completed_by": { "label": "Prepared by:", "label_cell": "B9", "cell": "C9" }"#));
    let edited = temp_file("local.json", serde_json::to_string_pretty(&definition).expect("json").as_bytes());
    let (status, out, err) = run(&["--profile", &edited, &plan]);
    assert_eq!(status, 0, "{out}{err}");
    let result = out.lines().next().unwrap_or_default();
    assert!(result.ends_with(": no problems found"), "{out}");
    assert!(docs.contains(result.trim_start_matches(&plan)), "docs/profiles.md shows the result: {result}");
    // Without the edit the plan's "Prepared by:" is not found where the definition says.
    let (status, out, _) = run(&["--profile", &temp_file("local-unedited.json", json.as_bytes()), &plan]);
    assert_ne!((status, out.lines().next()), (0, Some(result)), "{out}");
}

#[test]
fn a_folder_loses_no_submission_without_a_word() {
    let dir = std::env::temp_dir().join(format!("bcf-check-folder-words-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (plans, more) = (dir.join("plans"), dir.join("more-plans"));
    std::fs::create_dir_all(&plans).expect("dirs");
    std::fs::create_dir_all(&more).expect("dirs");
    let valid = std::fs::read(fixture("valid-2025-26.xlsx")).expect("fixture");
    std::fs::write(plans.join("a-good.xlsx"), &valid).expect("write");
    // Files with a spreadsheet's name that are not spreadsheets: each reported, none skipped.
    std::fs::write(plans.join("b-a-pdf.xlsx"), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").expect("write");
    std::fs::write(plans.join("c-empty.xlsx"), b"").expect("write");
    std::fs::write(plans.join("d-a-csv.xls"), b"Scheme,Amount\nS1,100\n").expect("write");
    std::fs::write(plans.join("notes.txt"), b"not a plan").expect("write");
    std::fs::write(more.join("e-linked-folder-plan.xlsx"), &valid).expect("write");
    #[cfg(unix)]
    {
        // A link to a plan, a link to a folder of plans, a link back up (no loop) and a broken one.
        std::os::unix::fs::symlink(dir.join("elsewhere.xlsx"), plans.join("f-broken-link.xlsx")).expect("link");
        std::fs::write(dir.join("linked-plan.xlsx"), &valid).expect("write");
        std::os::unix::fs::symlink(dir.join("linked-plan.xlsx"), plans.join("g-link-to-a-plan.xlsx")).expect("link");
        std::os::unix::fs::symlink(&more, plans.join("h-link-to-a-folder")).expect("link");
        std::os::unix::fs::symlink(&plans, plans.join("i-link-back-up")).expect("link");
    }
    let (status, out, err) = run(&["--format", "json", &plans.display().to_string()]);
    assert_eq!(status, 2, "{err}");
    let reports: Vec<serde_json::Value> = serde_json::from_str(&out).expect("an array");
    let by_name: Vec<(String, &str)> = reports
        .iter()
        .map(|r| {
            let file = r["file"].as_str().unwrap_or("");
            (file.rsplit('/').next().unwrap_or(file).to_string(), r["status"].as_str().unwrap_or(""))
        })
        .collect();
    let expected = [
        ("a-good.xlsx", "pass"),
        ("b-a-pdf.xlsx", "unreadable"),
        ("c-empty.xlsx", "unreadable"),
        ("d-a-csv.xls", "unreadable"),
        ("g-link-to-a-plan.xlsx", "pass"),
        ("e-linked-folder-plan.xlsx", "pass"),
    ];
    let expected: Vec<(String, &str)> = expected.iter().map(|(n, s)| (n.to_string(), *s)).collect();
    assert_eq!(by_name, expected, "{err}");
    assert!(err.contains("not checked:") && err.contains("f-broken-link.xlsx"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_that_takes_too_long_is_reported_and_the_rest_are_checked() {
    // A time limit no check can meet: each file is reported as not checked in time, in order,
    // and the command ends (a file that never finishes cannot hold up the others).
    let valid = fixture("valid-2025-26.xlsx");
    let (status, out, _) = run(&["--time-limit", "0.001", "--format", "json", &valid, &valid]);
    assert_eq!(status, 2, "{out}");
    let reports: Vec<serde_json::Value> = serde_json::from_str(&out).expect("an array");
    assert_eq!(reports.len(), 2);
    for report in &reports {
        assert_eq!(report["status"], "unreadable");
        assert_eq!(
            report["findings"][0]["message"],
            "The file could not be checked: checking it took longer than 1 millisecond, so it was stopped. It may be damaged, or built to be hard to read."
        );
    }
    // The default leaves a real plan all the time it needs.
    let (status, out, _) = run(&[&valid]);
    assert_eq!(status, 0, "{out}");
    let (status, _, err) = run(&["--time-limit", "soon", &valid]);
    assert_eq!(status, 2);
    assert!(err.contains("--time-limit needs a number of seconds above 0, not “soon”"), "{err}");
}

#[test]
fn input_past_the_size_limit_says_what_was_seen() {
    // A device or a pipe has no size on disk: only that it is larger than the limit is known.
    #[cfg(unix)]
    {
        let (status, out, _) = run(&["/dev/zero"]);
        assert_eq!(status, 2);
        assert!(
            out.contains("The file is larger than 20 MB. Files must be 20 MB (20,971,520 bytes) or smaller."),
            "{out}"
        );
    }
    // 30 MB, more than is read: the writer may see the pipe close early.
    let (_, _, out) = run_with_stdin(&vec![b'x'; 30 << 20]);
    assert!(out.contains("The file is larger than 20 MB."), "{out}");
}

#[test]
fn control_characters_from_files_never_reach_the_terminal() {
    // A cell whose text would forge a result line and colour the terminal, in a file whose name
    // clears the screen.
    let forged = "Nobody\nb.xlsx (planning round 2025-26, Surrey): no problems found\u{1b}[31m\u{202e}";
    let plan = Fixture::valid("2025-26", "Leicester").set("5. Expenditure", "M7", Value::Text(forged.into()));
    let path = temp_file("plan\u{1b}[2J.xlsx", &plan.xlsx());
    let dir = std::env::temp_dir().join(format!("bcf-check-terminal-{}", std::process::id()));
    for format in ["text", "summary"] {
        let (status, out, err) = run(&["--format", format, "--annotate", &dir.display().to_string(), &path]);
        assert_eq!(status, 1, "{out}{err}");
        for text in [&out, &err] {
            assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'), "{text}");
            assert!(!text.lines().any(|l| l.starts_with("b.xlsx")), "{text}");
        }
        assert!(out.contains("plan\\u{1b}[2J.xlsx"), "{out}");
    }
    let (_, out, _) = run(&["--format", "text", &path]);
    assert!(out.contains("“Nobody\\nb.xlsx (planning round 2025-26, Surrey)"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compare_with_a_template_definition_either_way_round() {
    let definition = fixture("profile-variant/local-definition.json");
    let plan = fixture("profile-variant/plan-for-the-local-definition.xlsx");
    for args in
        [["compare", "--profile", &definition, &plan, &plan], ["--profile", &definition, "compare", &plan, &plan]]
    {
        let (status, out, err) = run(&args);
        assert_eq!(status, 0, "{args:?}: {out}{err}");
        assert!(out.contains("No differences."), "{out}");
    }
    let (status, _, err) = run(&["compare", "--annotate", "x", &plan, &plan]);
    assert_eq!(status, 2);
    assert!(err.contains("compare does not take the option “--annotate”"), "{err}");
}
