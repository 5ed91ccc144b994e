use super::CATALOGUE;
use crate::report::Severity;

/// The catalogue matches `shared/spec/rules.md`, id for id and severity for severity. The spec sits
/// beside the project (`../shared/spec/`) in CI and on developers' machines.
#[test]
fn catalogue_matches_the_specification() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/rules.md");
    let Ok(spec) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} not found; the catalogue was not compared with it", path.display());
        return;
    };
    let mut specified: Vec<(String, Option<Severity>)> = Vec::new();
    for line in spec.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (Some(ids), Some(severity)) = (cells.get(1), cells.get(2)) else {
            continue;
        };
        let severity = match *severity {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "advisory" => Some(Severity::Advisory),
            _ => None, // file.*: the status is `unreadable`
        };
        for id in ids.split('/').map(|s| s.trim().trim_matches('`')) {
            specified.push((id.to_string(), severity));
        }
    }
    assert!(specified.len() > 40, "the specification's tables were not found");
    for (id, severity) in &specified {
        match severity {
            Some(severity) => {
                let rule = CATALOGUE.iter().find(|r| r.id == id);
                assert_eq!(rule.map(|r| r.severity), Some(*severity), "{id}");
            }
            None => assert!(id.starts_with("file."), "{id}"),
        }
    }
    for rule in CATALOGUE {
        assert!(specified.iter().any(|(id, _)| id == rule.id), "{} is not in the specification", rule.id);
    }
}
