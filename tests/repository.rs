//! The repository stands alone: it describes the templates and rules in its own `docs/`, and no
//! file refers to material outside it (a fresh clone has nothing beside it).

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if ["target", "node_modules", ".git", ".tools", "dist"].contains(&name.as_str()) {
            continue;
        }
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_file_refers_to_anything_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    files(root, &mut all);
    assert!(all.len() > 50, "the walk found the repository's files");
    // Spelt in two halves so that this file does not match itself.
    let outside = ["..", "/shared"].concat();
    let spec = ["shared", "/spec/"].concat();
    for path in all {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        for needle in [&outside, &spec] {
            assert!(!text.contains(needle.as_str()), "{} refers to {needle}", path.display());
        }
    }
}

#[test]
fn the_rules_and_templates_are_documented_here() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for doc in ["docs/rules.md", "docs/templates.md"] {
        let text = std::fs::read_to_string(root.join(doc)).unwrap_or_else(|e| panic!("{doc}: {e}"));
        assert!(text.len() > 2_000, "{doc} is a real document");
    }
}

#[test]
fn no_round_is_named_outside_the_profiles() {
    // Rounds are data: the layers that read, judge and show a plan name no planning round and no
    // round's own income source; a new round is a profile (plus code only for a new kind of rule).
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let named = [
        "2015-16",
        "2017-19",
        "2025-26",
        "Improved Better Care Fund",
        "Local Authority Better Care Grant",
        "Social Care Capital Grant",
        "Minimum NHS Contribution",
        "Minimum CCG Contribution",
        "iBCF",
        "DTOC",
        "OOH",
    ];
    let mut checked = 0;
    for dir in ["src/rules", "src/plan", "src/report", "src/app"] {
        let mut all = Vec::new();
        files(&root.join(dir), &mut all);
        for path in all {
            let text = std::fs::read_to_string(&path).expect("source");
            for word in named {
                assert!(!text.contains(word), "{} names “{word}”", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked}");
}

#[test]
fn the_page_names_the_rounds_the_checker_knows() {
    // The page's code carries no profile; index.html says which rounds are accepted.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(root.join("index.html")).expect("index.html");
    let at = html.find("data-rounds=\"").expect("data-rounds on #app") + "data-rounds=\"".len();
    let phrase = &html[at..at + html[at..].find('"').expect("closing quote")];
    let mut ids: Vec<&str> = bcf_check::profile::built_in_profiles().iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    let (last, rest) = ids.split_last().expect("rounds");
    assert_eq!(phrase, format!("{} or {last}", rest.join(", ")));
}
