//! `profile derive`: a definition made from a blank template whose layout a publisher changed
//! (sheets renamed and reordered, rows and columns inserted, no version cell, a longer list)
//! checks plans written in that layout exactly as the built-in round checks the same plans in
//! its own layout, at the moved cells. Layouts written by rust_xlsxwriter and re-saved by
//! LibreOffice; each round in a test of its own (a derived definition has its round's title, and
//! the definitions loaded last are tried first).

mod support;

use bcf_check::derive::{derive, Derived};
use bcf_check::report::Report;
use bcf_check::template::{TemplateModel, Validation};
use bcf_check::workbook::{CellRange, CellRef, Value};
use support::*;

/// One change a publisher makes to a template, by the base round's sheet names.
#[derive(Clone)]
enum Edit {
    /// Rows inserted on a sheet: before which row, how many.
    Rows(String, u32, u32),
    Columns(String, u32, u32),
    /// A sheet moved to a position among the tabs.
    Move(String, usize),
    Rename(String, String),
    /// The version label and cell emptied: real templates have none.
    NoVersion,
    /// One more value at the end of the providers' list.
    LongerProviderList,
}

const EXTRA_PROVIDER: &str = "Community Interest Company (new)";

/// A changed layout of `round`: every sheet the rules read moved somehow.
fn changed_layout(round: &str) -> Vec<Edit> {
    let p = profile(round);
    let s = &p.sheets;
    let mut edits = vec![
        Edit::NoVersion,
        Edit::LongerProviderList,
        Edit::Rows(s.cover.clone(), p.cover.hwb.label_cell.row, 3),
        Edit::Rows(s.income.clone(), p.income.header_row, 2),
        Edit::Rows(s.expenditure.clone(), p.expenditure.header_row, 1),
        Edit::Columns(s.expenditure.clone(), p.expenditure.scheme_name.col, 2),
        Edit::Columns(s.metrics.clone(), 1, 1),
        Edit::Rows(s.conditions.clone(), p.conditions.header_row, 1),
        Edit::Rows(s.summary.clone(), p.summary.rows.iter().map(|r| r.row).min().unwrap_or(1), 2),
        Edit::Move(s.conditions.clone(), 3),
        // One sheet found by its name without the number, one by the labels on it.
        Edit::Rename(s.cover.clone(), "Cover".into()),
        Edit::Rename(s.expenditure.clone(), "Planned spending".into()),
    ];
    if let (Some(sheet), Some(layout)) = (&s.pay_for_performance, &p.pay_for_performance) {
        edits.push(Edit::Rows(sheet.clone(), layout.header_row, 2));
        edits.push(Edit::Columns(sheet.clone(), 1, 1));
    }
    edits
}

fn apply(model: &mut TemplateModel, edits: &[Edit]) {
    let p = model.profile;
    for edit in edits {
        match edit {
            Edit::NoVersion => {
                if let Some(v) = &p.cover.version {
                    model.set_at(&p.sheets.cover, v.label_cell, Value::Empty);
                    model.set_at(&p.sheets.cover, v.cell, Value::Empty);
                }
            }
            Edit::LongerProviderList => longer_provider_list(model),
            _ => {}
        }
    }
    for edit in edits {
        match edit {
            Edit::Rows(sheet, at, n) => model.insert_rows(sheet, *at, *n),
            Edit::Columns(sheet, at, n) => model.insert_columns(sheet, *at, *n),
            _ => {}
        }
    }
    for edit in edits {
        match edit {
            Edit::Move(sheet, to) => model.move_sheet(sheet, *to),
            Edit::Rename(from, to) => model.rename_sheet(from, to),
            _ => {}
        }
    }
}

/// The providers' list made one longer, on its list sheet and in every validation reading it.
fn longer_provider_list(model: &mut TemplateModel) {
    let p = model.profile;
    let col = p.expenditure.provider.col;
    let formula = model
        .validations
        .iter()
        .find_map(|(sheet, range, v)| match v {
            Validation::List(f) if *sheet == p.sheets.expenditure && range.start.col <= col && col <= range.end.col => {
                Some(f.clone())
            }
            _ => None,
        })
        .expect("the template lists the providers");
    let (sheet, range) = formula.trim_start_matches('=').rsplit_once('!').expect("a list on a sheet");
    let sheet = sheet.trim_matches('\'').to_string();
    let range = CellRange::parse(range).expect("a range");
    let below = CellRef::new(range.end.row + 1, range.start.col);
    model.set_at(&sheet, below, text(EXTRA_PROVIDER));
    let longer = formula.replace(&format!("${}", range.end.row), &format!("${}", below.row));
    assert_ne!(longer, formula, "the list's range is written with absolute rows");
    for (_, _, v) in &mut model.validations {
        if *v == Validation::List(formula.clone()) {
            *v = Validation::List(longer.clone());
        }
    }
}

/// Where a cell of the base layout is in the changed one.
fn moved(edits: &[Edit], sheet: &str, at: CellRef) -> (String, CellRef) {
    let mut at = at;
    for edit in edits {
        match edit {
            Edit::Rows(s, from, n) if s == sheet && at.row >= *from => at.row += n,
            Edit::Columns(s, from, n) if s == sheet && at.col >= *from => at.col += n,
            _ => {}
        }
    }
    let name = edits
        .iter()
        .find_map(|e| match e {
            Edit::Rename(from, to) if from == sheet => Some(to.clone()),
            _ => None,
        })
        .unwrap_or_else(|| sheet.to_string());
    (name, at)
}

/// `rule severity sheet!cell` per finding, the base's moved into the changed layout.
fn findings_moved(report: &Report, edits: &[Edit]) -> Vec<String> {
    let mut out: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            let place = match (&f.sheet, &f.cell) {
                (Some(s), Some(c)) => {
                    let range = CellRange::parse(c).unwrap_or_else(|| panic!("a finding's cell: {c}"));
                    let (name, start) = moved(edits, s, range.start);
                    let (_, end) = moved(edits, s, range.end);
                    let cell = if start == end { start.to_string() } else { format!("{start}:{end}") };
                    format!("{name}!{cell}")
                }
                (Some(s), None) => moved(edits, s, CellRef::new(1, 1)).0,
                _ => "-".into(),
            };
            format!("{} {} {place}", f.rule, f.severity.as_str())
        })
        .collect();
    out.sort();
    out
}

fn sorted(report: &Report) -> Vec<String> {
    let mut out = summarise(&report.findings);
    out.sort();
    out
}

/// A valid plan with five everyday mistakes, placed by the base round's layout.
fn defective(round: &str) -> Fixture {
    let p = profile(round);
    Fixture::valid(round, SINGLE_TIER).with(|m| {
        let s = &p.sheets;
        let first = p.expenditure.header_row + 1;
        m.set_at(&s.cover, p.cover.completed_by.cell, Value::Empty);
        m.set_at(&s.expenditure, CellRef::new(first, p.expenditure.provider.col), text("Nobody Ltd"));
        m.set_at(&s.expenditure, CellRef::new(first + 1, p.expenditure.amounts[0].col), text("9.5m"));
        m.set_at(&s.conditions, CellRef::new(p.conditions.header_row + 1, p.conditions.answer.col), text("No"));
        m.set_at(&s.metrics, CellRef::new(p.metrics.header_row + 1, p.metrics.rationale.col), Value::Empty);
    })
}

fn derived_from(template: &[u8]) -> Derived {
    let workbook = bcf_check::check::read_every_sheet(template).expect("the template reads");
    derive(&workbook, None).expect("a base round")
}

/// The whole requirement for one round: derive from the changed blank (as written, and as
/// LibreOffice re-saves it), then check a valid and a defective plan in the changed layout.
fn a_changed_layout_is_checked_as_its_round(round: &str) {
    let edits = changed_layout(round);
    let mut blank = Fixture::blank(round).model;
    apply(&mut blank, &edits);
    let template = blank.to_xlsx();

    let derived = derived_from(&template);
    assert!(derived.complete(), "{round}: {:#?}", derived.in_words());
    assert_eq!(derived.base, round);
    assert_eq!(derived.version, None, "the changed layout has no version cell");
    assert_eq!(derived, derived_from(&template), "{round}: deriving again gives the same definition");
    assert_eq!(derived.lists_differ.len(), 1, "{round}: {:?}", derived.lists_differ);
    assert!(derived.lists_differ[0].contains(EXTRA_PROVIDER), "{}", derived.lists_differ[0]);
    assert!(derived.json.contains(EXTRA_PROVIDER));

    let resaved = derived_from(&resaved_by_libreoffice(round, &template));
    assert!(resaved.complete(), "{round} re-saved by LibreOffice: {:#?}", resaved.in_words());
    assert_eq!(resaved.json, derived.json, "{round}: LibreOffice's copy gives the same definition");

    let plans = [("valid", Fixture::valid(round, SINGLE_TIER)), ("defective", defective(round))];
    let in_changed_layout: Vec<(&str, Vec<u8>, Report)> = plans
        .into_iter()
        .map(|(name, mut plan)| {
            let base = plan.check();
            apply(&mut plan.model, &edits);
            (name, plan.xlsx(), base)
        })
        .collect();
    // Before the definition is loaded, the changed layout is not checked as the round.
    for (name, bytes, base) in &in_changed_layout {
        let report = bcf_check::check_bytes(name, bytes);
        assert_ne!(sorted(&report), findings_moved(base, &edits), "{round} {name} without the definition");
    }

    // Loaded under an id of its own (the definition derived from LibreOffice's copy is the same).
    let id = format!("{}-test", derived.id);
    let json = derived.json.replacen(&format!("\"id\": \"{}\"", derived.id), &format!("\"id\": \"{id}\""), 1);
    bcf_check::profile::load(&json).unwrap_or_else(|p| panic!("{round}: the derived definition loads: {p:?}"));
    for (name, bytes, base) in &in_changed_layout {
        let report = bcf_check::check_bytes(name, bytes);
        assert_eq!(report.profile.as_deref(), Some(id.as_str()), "{round} {name}: {:?}", sorted(&report));
        assert_eq!(sorted(&report), findings_moved(base, &edits), "{round} {name}");
        if *name == "defective" {
            assert!(report.findings.len() >= 5, "{round}: the mistakes are found ({:?})", sorted(&report));
        }
    }
}

#[test]
fn a_changed_2025_26_layout_is_checked_as_its_round() {
    a_changed_layout_is_checked_as_its_round("2025-26");
}

#[test]
fn a_changed_2017_19_layout_is_checked_as_its_round() {
    a_changed_layout_is_checked_as_its_round("2017-19");
}

#[test]
fn a_changed_2015_16_layout_is_checked_as_its_round() {
    a_changed_layout_is_checked_as_its_round("2015-16");
}

#[test]
fn a_reworded_label_is_named_with_where_the_base_had_it() {
    let p = profile("2025-26");
    let mut blank = Fixture::blank("2025-26").model;
    let label = &p.cover.completed_by;
    blank.set_at(&p.sheets.cover, label.label_cell, text("Name of the person completing this plan:"));
    let derived = derived_from(&blank.to_xlsx());
    assert!(!derived.complete());
    assert_eq!(
        derived.not_found,
        [format!(
            "the label “{}” on the sheet “{}” (the base had it at {})",
            label.label, p.sheets.cover, label.label_cell
        )]
    );
    // Still written, with the base's position for what was not found, and it loads.
    let loaded = bcf_check::profile::parse(&derived.json).expect("loads");
    assert_eq!(loaded.cover.completed_by.cell, label.cell);
}

#[test]
fn each_round_s_own_blank_gives_back_its_own_positions() {
    for p in bcf_check::profile::built_in_profiles() {
        let derived = derived_from(&Fixture::blank(&p.id).xlsx());
        assert!(derived.complete(), "{}: {:#?}", p.id, derived.in_words());
        assert_eq!(derived.base, p.id);
        assert_eq!(derived.version, p.version);
        let mut expected: serde_json::Value = serde_json::to_value(p).expect("serialises");
        expected["id"] = derived.id.clone().into();
        let got: serde_json::Value = serde_json::from_str(&derived.json).expect("json");
        assert_eq!(got, expected, "{}", p.id);
    }
}

#[test]
fn derive_on_the_hostile_corpus_ends_with_a_definition_or_a_reason() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("the hostile corpus").flatten().map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|x| x != "py"));
    files.sort();
    assert!(files.len() > 10);
    for file in files {
        let bytes = std::fs::read(&file).expect("read");
        match bcf_check::check::read_every_sheet(&bytes) {
            Ok(workbook) => {
                let derived = derive(&workbook, None).expect("a base round");
                assert!(!derived.json.is_empty(), "{}", file.display());
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
}

#[test]
fn a_template_in_a_format_without_readable_lists_says_so() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid-2025-26.xlsb");
    let derived = derived_from(&std::fs::read(path).expect("fixture"));
    assert!(!derived.complete());
    // Every label and header is found; only the lists are not, and it says why.
    assert_eq!(derived.not_found.len(), 7, "{:#?}", derived.not_found);
    assert!(derived.not_found.iter().all(|n| n.contains("save the template as .xlsx")), "{:#?}", derived.not_found);
}
