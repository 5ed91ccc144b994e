use super::*;

#[test]
fn every_profile_parses_and_is_consistent() {
    let profiles = all();
    // The profile files are the source natively; the web build carries only what they became.
    #[cfg(not(target_arch = "wasm32"))]
    assert_eq!(profiles.len(), PROFILE_SOURCES.len());
    for p in profiles {
        if let Some(version) = &p.version {
            assert_eq!(by_version(&format!("  {version}  ")).map(|q| &q.id), Some(&p.id));
        }
        assert_eq!(p.income.amounts.len(), p.years.len(), "{}: one income amount column per year", p.id);
        assert_eq!(p.expenditure.amounts.len(), p.years.len(), "{}: one expenditure column per year", p.id);
        assert_eq!(p.summary.value_cols.len(), p.years.len(), "{}", p.id);
        for m in &p.income.minimums {
            assert_eq!(m.cells.len(), p.years.len(), "{}: {}", p.id, m.id);
        }
        // Every source of funding is an income source, and the reverse.
        let sources: Vec<&str> = p.income.sources.iter().map(|s| s.name.as_str()).collect();
        for s in &p.lists.source_of_funding {
            assert!(sources.contains(&s.as_str()), "{}: {s} has no income row", p.id);
        }
        assert_eq!(sources.len(), p.lists.source_of_funding.len());
        // Named values are members of their lists.
        let v = &p.values;
        assert!(p.lists.commissioner.contains(&v.commissioner_la));
        assert!(p.lists.commissioner.contains(&v.commissioner_nhs));
        assert!(p.lists.commissioner.contains(&v.commissioner_joint));
        assert!(p.lists.area_of_spend.contains(&v.social_care));
        assert!(p.lists.area_of_spend.contains(&v.acute));
        assert!(p.lists.scheme_type(&v.dfg_scheme_type).is_some());
        // Every metric has a baseline column in HWB Data; ratios have a scale.
        // (A local metric's baseline is the board's own, an input.)
        for m in p.metric_list.iter().filter(|m| m.local_prompt.is_none()) {
            assert!(p.hwb_data.header(&format!("baseline:{}", m.code), 0).is_some(), "{}: {}", p.id, m.code);
            assert!(!m.ratio || m.scale.is_some(), "{}: {} needs a scale", p.id, m.code);
        }
        // Every reference resolves (HWB Data columns, lists, tests, rules): see `validate.rs`.
        assert_eq!(p.problems(), Vec::<String>::new(), "{}", p.id);
        // Rules named by conditions exist in the catalogue.
        for c in &p.condition_list {
            for rule in &c.contradicted_by {
                assert!(crate::rules::CATALOGUE.iter().any(|r| r.id == rule), "{}: {rule}", p.id);
            }
        }
    }
}

#[test]
fn rounds_differ_only_where_the_spec_says() {
    let old = by_id("2017-19").expect("2017-19");
    let new = by_id("2025-26").expect("2025-26");
    assert_eq!(old.years, ["2017-18", "2018-19"]);
    assert_eq!(new.years, ["2025-26"]);
    assert!(old.income.minimum("ooh").is_some() && new.income.minimum("ooh").is_none());
    assert_eq!(old.values.commissioner_nhs, "CCG");
    assert_eq!(new.values.commissioner_nhs, "ICB");
    assert!(old.lists.scheme_type("Intermediate Care Services").is_some());
    assert!(new.lists.scheme_type("Intermediate Care Services").is_none());
    assert!(new.lists.scheme_type("Urgent Community Response").is_some_and(|t| t.sub_types.is_empty()));
    assert_eq!(old.metric_list.iter().map(|m| m.code.as_str()).collect::<Vec<_>>(), ["NEA", "RES", "REA", "DTOC"]);
    assert_eq!(new.metric_list.iter().map(|m| m.code.as_str()).collect::<Vec<_>>(), ["EA65", "DDL", "LTA"]);
    assert_eq!(old.metric_list[0].periods.len(), 8);
    assert_eq!(old.funding.ceiling.as_ref().map(|c| c.metric.as_str()), Some("DTOC"));
    assert!(new.funding.ceiling.is_none());
    // The same sheets, but where the blank template's checklist is: its own sheet in 2017-19 (as
    // the real 2017-19 template), a section of the Cover in 2025-26 (as the real 2019-20 one).
    let without_checklist = |p: &Profile| {
        let mut names = p.sheets.in_order();
        names.retain(|n| Some(*n) != p.sheets.checklist.as_deref());
        names.iter().map(|n| n.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(without_checklist(old), without_checklist(new));
    assert_eq!((old.sheets.checklist.as_deref(), new.sheets.checklist.as_deref()), (Some("Checklist"), None));
}

#[test]
fn the_2015_16_round_is_its_own_shape() {
    let p = by_id("2015-16").expect("2015-16");
    assert_eq!(p.years, ["2015-16"]);
    assert_eq!(
        p.sheets.required(),
        [
            "2. Cover",
            "3. Summary",
            "4. Income",
            "5. Expenditure",
            "6. Metrics",
            "7. National Conditions",
            "8. Pay for Performance",
            "HWB Data"
        ]
    );
    let codes: Vec<&str> = p.condition_list.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["NC1", "NC2", "NC3", "NC4a", "NC4b", "NC4c", "NC5", "NC6"]);
    assert!(p.lists.scheme_type("High Impact Change Model for Managing Transfer of Care").is_none());
    let declared = p.income.minimum("asc").expect("the protection of social care");
    assert!(declared.input && declared.hwb_key.is_none());
    let earmarks = p.funding.minimum_tests.iter().filter(|t| t.rule == "funding.earmark-minimum").count();
    assert_eq!(earmarks, 3);
    assert!(p.conditions.timeframe_is_date);
}
