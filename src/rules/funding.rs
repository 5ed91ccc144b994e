//! The funding tests: the minimum-spend tests of the profile (adult social care, out-of-hospital
//! ring-fence), every source spent in full and no more, and the Disabled Facilities Grant.

use super::income::year_suffix;
use super::{
    Sink, CATALOGUE, FUNDING_DFG_COMMISSIONER, FUNDING_DFG_DISTRICTS, FUNDING_DFG_SCHEME_TYPE, FUNDING_OVER_ALLOCATED,
    FUNDING_PROTECTION_UNDECLARED, FUNDING_SOURCE_WITHOUT_INCOME, FUNDING_UNDER_ALLOCATED,
};
use crate::plan::{Field, Plan, Scheme, SheetKind};
use crate::profile::{Counts, IncomeSource, MinimumSource, MinimumTest, PointsAt, Share, SourceRole};
use crate::report::figures::meets_minimum;
use crate::report::words::{and_list, pounds, quote};

fn source_name(plan: &Plan, role: SourceRole) -> Option<&str> {
    plan.profile.income.sources.iter().find(|s| s.role == role).map(|s| s.name.as_str())
}

fn amount(scheme: &Scheme, year: usize) -> f64 {
    scheme.amounts.get(year).map_or(0.0, |f| f.amount())
}

/// How a joint scheme's NHS percentage is read: as the user sees it (a cell formatted as a
/// percentage that shows 60% holds 0.6), or as the cell stores it, which is what the template's
/// own formula divides by 100.
#[derive(Clone, Copy, PartialEq)]
pub enum Shares {
    AsSeen,
    AsStored,
}

/// Whether a scheme counts towards a test, and how much of it: `Some(fraction)` of its amount.
/// Comparisons are exact, as the template's `SUMIFS` makes them (letter case was settled at
/// extraction; spaces around a value keep it out).
fn counted(plan: &Plan, counts: &Counts, scheme: &Scheme, shares: Shares) -> Option<f64> {
    let source = source_name(plan, counts.source)?;
    if scheme.source.shown() != source {
        return None;
    }
    let area = scheme.area.shown();
    if !counts.areas.is_empty() && !counts.areas.iter().any(|a| *a == area) {
        return None;
    }
    if counts.areas_except.iter().any(|a| *a == area) {
        return None;
    }
    if counts.scheme_type.as_ref().is_some_and(|t| scheme.scheme_type.shown() != *t) {
        return None;
    }
    if counts.sub_type.as_ref().is_some_and(|t| scheme.sub_type.shown() != *t) {
        return None;
    }
    match counts.share {
        Share::All => Some(1.0),
        Share::Nhs => {
            let v = &plan.profile.values;
            let commissioner = scheme.commissioner.shown();
            if commissioner == v.commissioner_nhs {
                Some(1.0)
            } else if commissioner == v.commissioner_joint {
                let nhs = match shares {
                    Shares::AsSeen => scheme.percent_shares().0,
                    Shares::AsStored => scheme.nhs_share.number(),
                };
                Some(nhs.unwrap_or(0.0) / 100.0)
            } else {
                Some(0.0)
            }
        }
    }
}

/// The spending that counts towards a test in a year, and the first scheme that counts.
pub fn planned<'p>(plan: &'p Plan, test: &MinimumTest, year: usize, shares: Shares) -> (f64, Option<&'p Scheme>) {
    let mut first = None;
    let mut total = 0.0;
    for scheme in &plan.schemes {
        if let Some(share) = counted(plan, &test.counts, scheme, shares) {
            first = first.or(Some(scheme));
            total += amount(scheme, year) * share;
        }
    }
    (total, first)
}

/// The test with this id.
pub fn test<'p>(plan: &'p Plan, id: &str) -> Option<&'p MinimumTest> {
    plan.profile.funding.minimum_tests.iter().find(|t| t.id == id)
}

/// One minimum-spend test for one year, as the rules and the page's panel both see it.
struct Outcome<'p> {
    test: &'p MinimumTest,
    year: usize,
    /// The minimum's cell, where the minimum is on the Income sheet.
    field: Option<&'p Field>,
    minimum: f64,
    planned: f64,
    first: Option<&'p Scheme>,
}

/// Every test with a minimum to hold the plan against, per year.
fn outcomes(plan: &Plan) -> Vec<Outcome<'_>> {
    let mut out = Vec::new();
    for test in &plan.profile.funding.minimum_tests {
        match &test.minimum {
            MinimumSource::Income(id) => {
                for (year, field) in plan.income.minimum(plan.profile, id).iter().enumerate() {
                    if let Some(minimum) = field.number() {
                        let (planned, first) = planned(plan, test, year, Shares::AsSeen);
                        out.push(Outcome { test, year, field: Some(field), minimum, planned, first });
                    }
                }
            }
            MinimumSource::HwbKey(key) => {
                if let Some(minimum) = plan.hwb().and_then(|b| b.number(key, 0)) {
                    let (planned, first) = planned(plan, test, 0, Shares::AsSeen);
                    out.push(Outcome { test, year: 0, field: None, minimum, planned, first });
                }
            }
        }
    }
    out
}

/// The funding tests as figures for the page: each minimum against the plan, per year.
pub fn tests(plan: &Plan) -> Vec<crate::report::FundingTest> {
    outcomes(plan)
        .into_iter()
        .map(|o| crate::report::FundingTest {
            name: o.test.name.clone(),
            year: plan.profile.years.get(o.year).cloned().unwrap_or_default(),
            minimum: o.minimum,
            planned: o.planned,
            cell: o.field.map_or(String::new(), |f| format!("{}!{}", plan.sheet_name(SheetKind::Income), f.at)),
        })
        .collect()
}

/// What a shortfall against a rule's test says about a national condition, for
/// `condition.contradicted`.
pub fn evidence<'p>(plan: &'p Plan, rule: &str) -> Option<&'p str> {
    plan.profile.funding.minimum_tests.iter().find(|t| t.rule == rule).and_then(|t| t.evidence.as_deref())
}

pub fn check(sink: &mut Sink) {
    declared(sink);
    minimums(sink);
    balance(sink);
    dfg(sink);
}

/// A minimum the board declares (the protection of social care, where a round has one) must be filled in with
/// a number; without it the minimum-spend test cannot run.
fn declared(sink: &mut Sink) {
    let plan = sink.plan;
    for (layout, fields) in plan.profile.income.minimums.iter().zip(&plan.income.minimums) {
        if !layout.input {
            continue;
        }
        for field in fields.iter().filter(|f| f.number().is_none()) {
            let label = layout.label.trim_end_matches(" (£)").to_lowercase();
            let message = if field.is_blank() {
                format!("The plan does not declare the {label}: the amount of the NHS money that protects adult social care services.")
            } else {
                format!("The {label} is {}, which is not an amount.", quote(&field.shown()))
            };
            sink.field(
                FUNDING_PROTECTION_UNDECLARED,
                SheetKind::Income,
                field,
                message,
                "Enter the amount, in pounds, that your board agreed to spend protecting adult social care services.",
            );
        }
    }
}

/// Each test the plan falls short of, with its own rule and words.
fn minimums(sink: &mut Sink) {
    let plan = sink.plan;
    let years = &plan.profile.years;
    for o in outcomes(plan) {
        if meets_minimum(o.planned, o.minimum) {
            continue;
        }
        let Some(rule) = CATALOGUE.iter().find(|r| r.id == o.test.rule).copied() else { continue };
        let source = source_name(plan, o.test.counts.source).unwrap_or_default();
        let fill = |template: &str| {
            template
                .replace("{source}", source)
                .replace("{year}", &year_suffix(years, o.year))
                .replace("{planned}", &pounds(o.planned))
                .replace("{minimum}", &pounds(o.minimum))
                .replace("{gap}", &pounds(o.minimum - o.planned))
                .replace("{board}", plan.hwb().map_or("The board", |b| b.name.as_str()))
        };
        let (message, hint) = (fill(&o.test.message), fill(&o.test.hint));
        let first_income =
            || plan.income.rows.iter().find(|r| r.source.shown() == source).and_then(|r| r.amounts.get(o.year));
        let at: Option<(SheetKind, &Field)> = match o.test.points_at {
            PointsAt::Minimum => o.field.map(|f| (SheetKind::Income, f)),
            PointsAt::FirstScheme => o
                .first
                .and_then(|s| s.amounts.get(o.year))
                .map(|f| (SheetKind::Expenditure, f))
                .or_else(|| first_income().map(|f| (SheetKind::Income, f))),
        };
        match at {
            Some((kind, field)) => sink.field(rule, kind, field, message, hint),
            None => sink.sheet(rule, SheetKind::Income, message, hint),
        }
    }
}

/// Income and expenditure per source and year must match to within the profile's tolerance.
fn balance(sink: &mut Sink) {
    let plan = sink.plan;
    let years = &plan.profile.years;
    let tolerance = plan.profile.funding.balance_tolerance;
    for source in &plan.profile.income.sources {
        let rows: Vec<_> = plan.income.rows.iter().filter(|r| r.source.shown() == source.name).collect();
        let schemes: Vec<&Scheme> = plan.schemes.iter().filter(|s| s.source.shown() == source.name).collect();
        for year in 0..years.len() {
            let income: f64 = rows.iter().filter_map(|r| r.amounts.get(year)).map(|f| f.amount()).sum();
            let spent: f64 = schemes.iter().map(|s| amount(s, year)).sum();
            let suffix = year_suffix(years, year);
            let first_row = rows.first().and_then(|r| r.amounts.get(year));
            if income.abs() <= tolerance && spent > tolerance {
                let (kind, cell) = match first_row {
                    Some(f) => (SheetKind::Income, f.at),
                    None => match schemes.first() {
                        Some(s) => (SheetKind::Expenditure, s.source.at),
                        None => continue,
                    },
                };
                sink.at(
                    FUNDING_SOURCE_WITHOUT_INCOME,
                    kind,
                    cell,
                    format!(
                        "Schemes spend {} from the {}{suffix}, but the plan has no income from it.",
                        pounds(spent),
                        source.name
                    ),
                    hint_no_income(source),
                );
                continue;
            }
            let Some(first_row) = first_row else { continue };
            if spent > income + tolerance {
                sink.field(
                    FUNDING_OVER_ALLOCATED,
                    SheetKind::Income,
                    first_row,
                    format!(
                        "Schemes spend {} from the {}{suffix}, which is {} more than its income of {}.",
                        pounds(spent),
                        source.name,
                        pounds(spent - income),
                        pounds(income)
                    ),
                    format!(
                        "Reduce the schemes funded from the {} by {}, or fund them from another source.",
                        source.name,
                        pounds(spent - income)
                    ),
                );
            } else if income > spent + tolerance {
                sink.field(
                    FUNDING_UNDER_ALLOCATED,
                    SheetKind::Income,
                    first_row,
                    format!(
                        "{} of the {}{suffix} is not allocated to any scheme: its income is {} and schemes spend {}.",
                        pounds(income - spent),
                        source.name,
                        pounds(income),
                        pounds(spent)
                    ),
                    format!("Allocate the remaining {} to schemes on the Expenditure sheet.", pounds(income - spent)),
                );
            }
        }
    }
}

fn hint_no_income(source: &IncomeSource) -> String {
    if source.role.is_additional() {
        format!(
            "Enter the {} on the Income sheet, with a description, or fund these schemes from another source.",
            source.name
        )
    } else {
        format!("Fund these schemes from a source with income. The {} is pre-populated; do not change it.", source.name)
    }
}

fn dfg(sink: &mut Sink) {
    let plan = sink.plan;
    let profile = plan.profile;
    let v = &profile.values;
    let Some(dfg_name) = source_name(plan, SourceRole::Dfg) else {
        return;
    };

    // Two-tier areas: a DFG row for every district, adding up to the DFG.
    if let Some(board) = plan.hwb() {
        let rows: Vec<_> = plan.income.rows.iter().filter(|r| r.source.shown() == dfg_name).collect();
        let mut missing: Vec<String> = Vec::new();
        for year in 0..profile.years.len() {
            let districts = board.districts(year);
            if districts.is_empty() {
                continue;
            }
            // Sets, not nested scans: `HWB Data` is the file's to fill, with as many districts
            // as it likes.
            let listed: std::collections::HashSet<String> =
                rows.iter().map(|r| r.organisation.shown().trim().to_lowercase()).collect();
            let mut reported: std::collections::HashSet<String> = missing.iter().map(|d| d.to_lowercase()).collect();
            for (district, _) in &districts {
                let key = district.to_lowercase();
                if !listed.contains(&key) && reported.insert(key) {
                    missing.push(district.clone());
                }
            }
            let Some(first) = rows.first() else {
                sink.sheet(
                    FUNDING_DFG_DISTRICTS,
                    SheetKind::Income,
                    format!("There is no {dfg_name} row on the Income sheet, but {} is a two-tier area.", board.name),
                    format!("Add a {dfg_name} row for each district council, or copy your plan into a fresh copy of the template."),
                );
                // Said once for the plan; the checks of the schemes it funds still follow.
                break;
            };
            let total: f64 = rows.iter().filter_map(|r| r.amounts.get(year)).map(|f| f.amount()).sum();
            if let Some(expected) = board.number(crate::profile::keys::DFG, year) {
                if (total - expected).abs() > profile.funding.balance_tolerance {
                    if let Some(cell) = first.amounts.get(year) {
                        sink.field(
                            FUNDING_DFG_DISTRICTS,
                            SheetKind::Income,
                            cell,
                            format!(
                                "The {dfg_name} rows{} add up to {}, but {}'s grant is {}.",
                                year_suffix(&profile.years, year),
                                pounds(total),
                                board.name,
                                pounds(expected)
                            ),
                            "The grant must be passed to the district councils in full. Put back the pre-populated district amounts.",
                        );
                    }
                }
            }
        }
        if let (false, Some(first)) = (missing.is_empty(), rows.first()) {
            // Name a few; a list of thousands helps nobody.
            let mut names: Vec<String> = missing.iter().take(10).map(|d| quote(d)).collect();
            if missing.len() > names.len() {
                names.push(format!(
                    "{} other districts",
                    crate::workbook::thousands((missing.len() - names.len()) as u64)
                ));
            }
            sink.field(
                FUNDING_DFG_DISTRICTS,
                SheetKind::Income,
                &first.source,
                format!(
                    "{} is a two-tier area, but there is no {dfg_name} row for {}.",
                    board.name,
                    and_list(&names)
                ),
                "Add a row for each district council listed, with its pre-populated amount: the grant must be passed to every district in full.",
            );
        }
    }

    for scheme in plan.schemes.iter().filter(|s| s.source.shown() == dfg_name) {
        let commissioner = scheme.commissioner.shown();
        if !commissioner.is_empty() && commissioner != v.commissioner_la {
            sink.field(
                FUNDING_DFG_COMMISSIONER,
                SheetKind::Expenditure,
                &scheme.commissioner,
                format!("This scheme is funded from the {dfg_name} but commissioned by {}.", quote(&commissioner)),
                format!("The {dfg_name} is a local authority grant: set the Commissioner to “{}”.", v.commissioner_la),
            );
        }
        let scheme_type = scheme.scheme_type.shown();
        if !scheme_type.is_empty() && scheme_type != v.dfg_scheme_type {
            sink.field(
                FUNDING_DFG_SCHEME_TYPE,
                SheetKind::Expenditure,
                &scheme.scheme_type,
                format!("This scheme is funded from the {dfg_name}, but its type is {}.", quote(&scheme_type)),
                format!(
                    "Check the scheme type. Schemes funded from the {dfg_name} are usually “{}”.",
                    v.dfg_scheme_type
                ),
            );
        }
    }
}
