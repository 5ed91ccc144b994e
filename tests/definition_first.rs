//! Template definitions given at run time are tried before the built-in rounds, and may share a
//! round's title or version; a definition's version cell is optional. (A file of its own: a
//! loaded definition lasts as long as the process, and would change other tests' rounds.)

mod support;

use bcf_check::report::RecognisedBy;
use support::*;

fn definition(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let json = bcf_check::profile::built_in_json("2025-26").expect("built-in");
    let mut p: serde_json::Value = serde_json::from_str(json).expect("json");
    edit(&mut p);
    serde_json::to_string(&p).expect("json")
}

#[test]
fn a_boards_own_definition_wins_and_needs_no_version_cell() {
    let plan = Fixture::valid("2025-26", SINGLE_TIER);
    assert_eq!(plan.check().profile.as_deref(), Some("2025-26"));

    // The same title and version as the built-in round: loading it is allowed (only the id must
    // be new), and from then on it is the one plans are checked as.
    let same = definition(|p| p["id"] = "board-own-2025-26".into());
    bcf_check::profile::load(&same).unwrap_or_else(|p| panic!("{p:?}"));
    let report = plan.check();
    assert_eq!(report.profile.as_deref(), Some("board-own-2025-26"));
    assert_eq!(report.recognised_by, Some(RecognisedBy::Version));
    assert!(report.findings.is_empty(), "{:?}", report.findings);

    // Without a version cell (as real templates): recognised by its title, and tried before the
    // definition loaded earlier.
    let no_version = definition(|p| {
        p["id"] = "no-version-cell".into();
        p.as_object_mut().expect("object").remove("version");
        p["cover"].as_object_mut().expect("object").remove("version");
    });
    bcf_check::profile::load(&no_version).unwrap_or_else(|p| panic!("{p:?}"));
    let report = Fixture::valid("2025-26", SINGLE_TIER).set("2. Cover", "C3", text("")).check();
    assert_eq!(report.profile.as_deref(), Some("no-version-cell"));
    assert_eq!(report.recognised_by, Some(RecognisedBy::Title));
    assert!(report.findings.is_empty(), "{:?}", report.findings);

    // Only the id must be new.
    let again = bcf_check::profile::load(&no_version).err().unwrap_or_default();
    assert_eq!(
        again,
        ["`id`: another template definition already has the id “no-version-cell”; give this one its own"]
    );
    // A version without its cell (or the reverse) is a mistake in the definition.
    let half = definition(|p| {
        p["id"] = "half".into();
        p["cover"].as_object_mut().expect("object").remove("version");
    });
    let problems = bcf_check::profile::parse(&half).err().unwrap_or_default();
    assert!(problems.iter().any(|p| p.starts_with("`cover.version`")), "{problems:?}");
}
