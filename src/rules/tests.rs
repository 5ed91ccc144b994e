use super::CATALOGUE;
use crate::report::Severity;

/// The catalogue matches the project's own rule document, `docs/rules.md`, id for id and severity
/// for severity. The document is part of the repository, so a missing one is a failure.
#[test]
fn catalogue_matches_the_rules_document() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let spec = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
            "unreadable" => None, // file.*: the status is `unreadable`
            other => panic!("{ids}: unknown severity {other:?}"),
        };
        for id in ids.split('/').map(|s| s.trim().trim_matches('`')) {
            specified.push((id.to_string(), severity));
        }
    }
    assert!(specified.len() > 40, "the document's tables were not found");
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
        assert!(specified.iter().any(|(id, _)| id == rule.id), "{} is not in docs/rules.md", rule.id);
    }
}
