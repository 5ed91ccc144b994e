//! Planning rounds as data: a template definition loaded from a file at run time, checked as it
//! loads, and a workbook written to it checked with the expected report.

mod support;

use bcf_check::report::Status;
use bcf_check::template;
use support::*;

/// The 2025-26 definition with a sheet renamed, a label changed, an extra income source and its
/// own id and version: what a real published template that differs from ours looks like.
fn variant(id: &str) -> String {
    let json = bcf_check::profile::built_in_json("2025-26").expect("built-in");
    let mut p: serde_json::Value = serde_json::from_str(json).expect("json");
    p["id"] = id.into();
    p["version"] = format!("BCF-2025-26 {id}").into();
    p["sheets"]["expenditure"] = "5. Spending plan".into();
    p["cover"]["completed_by"]["label"] = "Prepared by:".into();
    let extra = serde_json::json!({ "name": "Winter Pressures Contribution", "role": "additional_la" });
    p["income"]["sources"].as_array_mut().expect("sources").push(extra);
    p["lists"]["source_of_funding"].as_array_mut().expect("list").push("Winter Pressures Contribution".into());
    serde_json::to_string_pretty(&p).expect("json")
}

/// The 2025-26 definition with one change made by `edit`.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let json = bcf_check::profile::built_in_json("2025-26").expect("built-in");
    let mut p: serde_json::Value = serde_json::from_str(json).expect("json");
    edit(&mut p);
    serde_json::to_string_pretty(&p).expect("json")
}

#[test]
fn a_workbook_written_to_a_loaded_definition_is_checked_against_it() {
    let json = variant("local-variant");
    assert!(json.contains("Winter Pressures Contribution"), "the variant changed the sources");
    let profile = bcf_check::profile::load(&json).unwrap_or_else(|p| panic!("{p:?}"));
    let boards = template::boards(profile);
    let board = boards.iter().find(|b| b.name == SINGLE_TIER).expect("board");
    let mut plan = template::build(profile, &boards, Some(board));
    template::fill_valid(&mut plan);
    let report = bcf_check::check_bytes("variant.xlsx", &plan.to_xlsx());
    assert_eq!(report.profile.as_deref(), Some("local-variant"));
    assert_eq!(report.status, Status::Pass, "{:#?}", report.findings);
    // The definition's own sheet name and label are what the checker reads and reports.
    plan.set_text("5. Spending plan", "D7", "");
    plan.clear("2. Cover", "C6");
    plan.recalculate();
    let report = bcf_check::check_bytes("variant.xlsx", &plan.to_xlsx());
    assert_eq!(
        summarise(&report.findings),
        ["cover.required error 2. Cover!C6", "scheme.required error 5. Spending plan!D7"]
    );
    // The extra source is an income row of its own, optional like the other contributions.
    assert_eq!(plan.value("4. Income", "B11"), &text("Winter Pressures Contribution"));
}

fn problems(json: &str) -> Vec<String> {
    bcf_check::profile::parse(json).err().unwrap_or_default()
}

#[test]
fn a_broken_definition_says_where_and_what_to_fix() {
    let base = bcf_check::profile::built_in_json("2025-26").expect("built-in");
    let found = problems(&edited(|p| p["income"]["max_row"] = 3.into()));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("`income.max_row`: unknown field `max_row`"), "{found:?}");

    let found = problems(&edited(|p| p["income"]["sources"][2]["hwb_key"] = "la_grants".into()));
    assert_eq!(
        found,
        ["`income.sources[2]`: there is no `hwb_data` column with the key “la_grants”; add one or correct the key"]
    );

    let found = problems(&edited(|p| p["condition_list"][2]["contradicted_by"][0] = "funding.asc-minimun".into()));
    assert_eq!(
        found,
        ["`condition_list[2].contradicted_by[0]`: there is no rule “funding.asc-minimun”; see docs/rules.md"]
    );

    let found = problems(&edited(|p| p["values"]["social_care"] = "Social care services".into()));
    assert_eq!(found, ["`values.social_care`: “Social care services” is not in `lists.area_of_spend`"]);

    let found = problems(&edited(|p| p["cover"]["completed_by"]["label_cell"] = "6B".into()));
    assert!(found[0].starts_with("`cover.completed_by.label_cell`: not an A1 address: 6B"), "{found:?}");

    let found = problems(&edited(|p| p["metric_list"][1]["code"] = "EA65".into()));
    assert!(found.contains(&"`metric_list[1].code`: “EA65” is used twice".to_string()), "{found:?}");

    // The same id or version as a round already known.
    let clash = bcf_check::profile::load(base).err().unwrap_or_default();
    assert_eq!(clash, ["`id`: another template definition already has the id “2025-26”; give this one its own"]);
}

#[test]
fn every_built_in_definition_is_sound() {
    for p in bcf_check::profile::built_in_profiles() {
        assert_eq!(p.problems(), Vec::<String>::new(), "{}", p.id);
        let json = bcf_check::profile::built_in_json(&p.id).expect("source");
        assert!(bcf_check::profile::parse(json).is_ok());
    }
}

#[test]
fn the_json_schema_of_the_format_is_current() {
    // docs/profile.schema.json is made from the Rust types, so it cannot drift from them; run
    // with BLESS=1 to write it again after changing the types.
    let schema = bcf_check::profile::json_schema();
    assert_committed("docs/profile.schema.json", schema.as_bytes());
    // It says what the loader says: unknown keys are refused.
    let parsed: serde_json::Value = serde_json::from_str(&schema).expect("json");
    assert_eq!(parsed["additionalProperties"], serde_json::Value::Bool(false));
    for key in ["id", "version", "sheets", "income", "funding", "metric_list", "condition_list"] {
        assert!(parsed["properties"].get(key).is_some(), "{key}");
    }
}

#[test]
fn the_variant_fixtures_for_the_page_are_current() {
    // tests/fixtures/profile-variant/: a definition and a plan written to it, for the end-to-end
    // tests of the page's "different template definition" and the JavaScript API's `profile`.
    let json = variant("2025-26-local");
    let profile = bcf_check::profile::load(&json).unwrap_or_else(|p| panic!("{p:?}"));
    let boards = template::boards(profile);
    let board = boards.iter().find(|b| b.name == SINGLE_TIER).expect("board");
    let mut plan = template::build(profile, &boards, Some(board));
    template::fill_valid(&mut plan);
    let files = [("local-definition.json", json.into_bytes()), ("plan-for-the-local-definition.xlsx", plan.to_xlsx())];
    for (name, bytes) in files {
        assert_committed(&format!("tests/fixtures/profile-variant/{name}"), &bytes);
    }
}

#[test]
fn the_built_in_profiles_as_rust_are_current() {
    // src/profile/built_in.rs is what the programs carry: the profile files turned into Rust, so the
    // web worker holds no JSON parser for them. Run with BLESS=1 to write it again after changing
    // a profile file or the types.
    assert_committed("src/profile/built_in.rs", bcf_check::profile::built_in_rust().as_bytes());
}

/// A file made from the code must be committed as the code makes it now; with BLESS=1 it is
/// written first (after a change to what makes it).
fn assert_committed(relative: &str, made: &[u8]) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("BLESS").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("dir");
        }
        std::fs::write(&path, made).expect("write");
    }
    let committed = std::fs::read(&path).unwrap_or_else(|e| panic!("{relative}: {e} (run the tests with BLESS=1)"));
    assert!(committed == made, "{relative} is out of date: run the tests with BLESS=1");
}

#[test]
fn the_built_in_profiles_are_the_profile_files() {
    // Built from the generated Rust, each profile is exactly what its JSON file parses to.
    for profile in bcf_check::profile::built_in_profiles() {
        let json = bcf_check::profile::built_in_json(&profile.id).expect("its file");
        let parsed = bcf_check::profile::parse(json).expect("parses and validates");
        assert_eq!(format!("{profile:?}"), format!("{parsed:?}"), "{}", profile.id);
    }
    assert_eq!(bcf_check::profile::built_in_profiles().len(), 3);
}

/// The loader's problems with the 2025-26 definition after `edit`.
fn refused(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
    bcf_check::profile::parse(&edited(edit)).err().unwrap_or_default()
}

#[test]
fn a_definition_past_what_a_real_template_holds_is_refused_with_its_path() {
    // Each count a real template has tens of: past its limit, refused at once, nothing else looked at.
    let problems = refused(|p| {
        let c = p["condition_list"][0].clone();
        p["condition_list"] = serde_json::Value::Array(vec![c; 101]);
    });
    assert_eq!(problems, ["`condition_list`: 101 entries; a template definition has at most 100"]);
    let problems = refused(|p| p["years"] = (0..10_000).map(|y| format!("{y}")).collect::<Vec<_>>().into());
    assert_eq!(problems[0], "`years`: 10000 entries; a template definition has at most 10");
    let problems = refused(|p| {
        p["lists"]["scheme_types"] =
            (0..100_000).map(|i| serde_json::json!({ "name": format!("Type {i}") })).collect::<Vec<_>>().into()
    });
    // 100,000 scheme types are more than a definition's size allows.
    assert!(problems[0].starts_with("the file: a template definition is at most 1024 KB"), "{problems:?}");
    let problems = refused(|p| p["funding"]["minimum_tests"][0]["message"] = "{board} ".repeat(1_000).into());
    assert_eq!(problems, ["`funding.minimum_tests[0].message`: 8000 characters; a message is at most 2000"]);
    // Rows past Excel's grid, keys and ids used twice, a version that could never match as meant.
    let problems = refused(|p| p["expenditure"]["header_row"] = 4_294_967_295u32.into());
    assert_eq!(problems[0], "`expenditure.header_row`: row 4294967295 is not a row of a sheet (rows are 1 to 1048576)");
    let problems = refused(|p| {
        let first = p["hwb_data"]["columns"][0].clone();
        p["hwb_data"]["columns"].as_array_mut().expect("columns").push(first);
    });
    assert_eq!(problems, ["`hwb_data.columns[11].key`: “code” (year 0) is used twice"]);
    let problems = refused(|p| {
        let first = p["income"]["minimums"][0].clone();
        p["income"]["minimums"].as_array_mut().expect("minimums").push(first);
    });
    assert_eq!(problems, ["`income.minimums[1].id`: “asc” is used twice"]);
    for version in [" BCF-2025-26 v1.0", "BCF-2025-26\u{200B} v1.0"] {
        let problems = refused(|p| p["version"] = version.into());
        assert!(
            problems[0].starts_with("`version`: it has spaces around it or characters that do not show"),
            "{problems:?}"
        );
    }
}

#[test]
fn a_definition_file_as_windows_writes_it_and_nothing_after_it() {
    let json = edited(|p| p["id"] = "as-windows-writes-it".into());
    // A UTF-8 byte-order mark, and UTF-16 with its mark (Windows PowerShell 5's `>`).
    assert!(bcf_check::profile::parse(&format!("\u{feff}{json}")).is_ok());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(json.encode_utf16().flat_map(u16::to_le_bytes));
    let text = bcf_check::profile::definition_text(&utf16).expect("UTF-16 is read");
    assert_eq!(bcf_check::profile::parse(&text).map(|p| p.id).ok().as_deref(), Some("as-windows-writes-it"));
    // A second definition, or anything else, after the first is refused.
    for after in ["\n{}", "\ngarbage"] {
        let problems = bcf_check::profile::parse(&format!("{json}{after}")).err().unwrap_or_default();
        assert!(problems[0].starts_with("the file: there is more after the definition"), "{problems:?}");
    }
    // A device is not read to its end.
    #[cfg(unix)]
    {
        let plan = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid-2025-26.xlsx");
        let args: Vec<String> = ["--profile", "/dev/zero", plan.to_str().expect("path")].map(String::from).to_vec();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(bcf_check::cli::run(&args, &mut out, &mut err), 2);
        let err = String::from_utf8(err).expect("text");
        assert!(err.contains("a template definition is at most 1024 KB"), "{err}");
    }
}
