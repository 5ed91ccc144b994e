//! Every fixture's report, recorded: a change to how rounds are described (profiles, the
//! funding-test table, the Summary's rows) must leave every report byte for byte as it was.
//! Run with `BLESS=1` to record them again after a deliberate change, then read the diff.

use std::path::{Path, PathBuf};

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixtures(&path, out);
        } else if path.extension().is_some_and(|e| ["xlsx", "xlsb", "xls", "ods"].contains(&e.to_str().unwrap_or(""))) {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_reports_as_recorded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    // The hostile files have their own assertions and cost seconds each; the rest are plans.
    for dir in ["tests/fixtures", "www/templates"] {
        fixtures(&root.join(dir), &mut files);
    }
    files.retain(|f| !f.starts_with(root.join("tests/fixtures/hostile")));
    files.sort();
    assert!(files.len() > 40, "{}", files.len());
    let mut recorded = String::new();
    for file in &files {
        let name = file.strip_prefix(root).unwrap_or(file).display().to_string();
        let bytes = std::fs::read(file).expect("fixture");
        let report = bcf_check::check_bytes(&name, &bytes);
        recorded.push_str(&report.to_json());
        recorded.push('\n');
    }
    let path = root.join("tests/golden/reports.json");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &recorded).expect("write");
    }
    let golden = std::fs::read_to_string(&path).expect("tests/golden/reports.json (run with BLESS=1)");
    assert!(recorded == golden, "a report changed: run with BLESS=1 and review the diff of tests/golden/reports.json");
}
