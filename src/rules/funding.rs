//! The funding tests: minimum spend on adult social care (and the 2017-19 out-of-hospital
//! ring-fence), every source spent in full and no more, and the Disabled Facilities Grant.

use super::income::year_suffix;
use super::{
    Sink, FUNDING_ASC_MINIMUM, FUNDING_DFG_COMMISSIONER, FUNDING_DFG_DISTRICTS, FUNDING_DFG_SCHEME_TYPE,
    FUNDING_EARMARK_MINIMUM, FUNDING_OOH_MINIMUM, FUNDING_OVER_ALLOCATED, FUNDING_PROTECTION_UNDECLARED,
    FUNDING_SOURCE_WITHOUT_INCOME, FUNDING_UNDER_ALLOCATED,
};
use crate::plan::{Plan, Scheme, SheetKind};
use crate::profile::{IncomeSource, SourceRole};
use crate::report::figures::meets_minimum;
use crate::report::words::{and_list, pounds, quote};

pub const ASC_MINIMUM: &str = "minimum spend on adult social care";
pub const OOH_MINIMUM: &str = "minimum spend on NHS-commissioned out-of-hospital services";

fn source_name(plan: &Plan, role: SourceRole) -> Option<&str> {
    plan.profile.income.sources.iter().find(|s| s.role == role).map(|s| s.name.as_str())
}

fn amount(scheme: &Scheme, year: usize) -> f64 {
    scheme.amounts.get(year).map_or(0.0, |f| f.amount())
}

/// Planned ASC spend: schemes funded from the Minimum NHS Contribution with Area of Spend
/// "Social Care", the whole amount whoever commissions them.
pub fn planned_asc(plan: &Plan, year: usize) -> f64 {
    let Some(nhs) = source_name(plan, SourceRole::NhsMinimum) else {
        return 0.0;
    };
    let social_care = &plan.profile.values.social_care;
    plan.schemes
        .iter()
        .filter(|s| s.source.shown() == nhs && s.area.shown() == *social_care)
        .map(|s| amount(s, year))
        .sum()
}

/// Planned NHS-commissioned out-of-hospital spend (2017-19): schemes funded from the Minimum NHS
/// Contribution, in any area but social care and acute, times the NHS share (all of it for the
/// NHS commissioner, K% for joint schemes, none for the local authority), the shares read as the
/// user sees them (60% formatted as a percentage is 0.6 in the cell).
pub fn planned_ooh(plan: &Plan, year: usize) -> f64 {
    ooh_spend(plan, year, Shares::AsSeen)
}

/// The same sum as the template's own formula computes it, the NHS share divided by 100 as the
/// cell stores it: for shares formatted as percentages, Excel's Summary shows this figure.
pub fn planned_ooh_by_formula(plan: &Plan, year: usize) -> f64 {
    ooh_spend(plan, year, Shares::AsStored)
}

#[derive(Clone, Copy, PartialEq)]
enum Shares {
    AsSeen,
    AsStored,
}

fn ooh_spend(plan: &Plan, year: usize, shares: Shares) -> f64 {
    let Some(nhs) = source_name(plan, SourceRole::NhsMinimum) else {
        return 0.0;
    };
    let v = &plan.profile.values;
    plan.schemes
        .iter()
        .filter(|s| s.source.shown() == nhs)
        .filter(|s| {
            let area = s.area.shown();
            area != v.social_care && area != v.acute
        })
        .map(|s| {
            let commissioner = s.commissioner.shown();
            let share = if commissioner == v.commissioner_nhs {
                1.0
            } else if commissioner == v.commissioner_joint {
                let nhs_share = match shares {
                    Shares::AsSeen => s.percent_shares().0,
                    Shares::AsStored => s.nhs_share.number(),
                };
                nhs_share.unwrap_or(0.0) / 100.0
            } else {
                0.0
            };
            amount(s, year) * share
        })
        .sum()
}

/// The two minimum-spend tests of the funding rules.
#[derive(Clone, Copy, PartialEq)]
enum Minimum {
    Asc,
    Ooh,
}

/// One minimum-spend test for one year, as the rules and the page's panel both see it.
struct MinimumTest<'p> {
    which: Minimum,
    year: usize,
    field: &'p crate::plan::Field,
    minimum: f64,
    planned: f64,
}

/// Every minimum the Income sheet gives a figure for, against what the plan spends.
fn minimum_tests(plan: &Plan) -> Vec<MinimumTest<'_>> {
    type PlannedSpend = fn(&Plan, usize) -> f64;
    let tests: [(Minimum, &[crate::plan::Field], PlannedSpend); 2] =
        [(Minimum::Asc, &plan.income.asc_minimum, planned_asc), (Minimum::Ooh, &plan.income.ooh_minimum, planned_ooh)];
    let mut out = Vec::new();
    for (which, fields, planned) in tests {
        for (year, field) in fields.iter().enumerate() {
            if let Some(minimum) = field.number() {
                out.push(MinimumTest { which, year, field, minimum, planned: planned(plan, year) });
            }
        }
    }
    out
}

/// The funding tests as figures for the page: each minimum against the plan, per year, then
/// each earmark.
pub fn tests(plan: &Plan) -> Vec<crate::report::FundingTest> {
    let mut out = minimum_figures(plan);
    if let (Some(board), Some(nhs)) = (plan.hwb(), source_name(plan, SourceRole::NhsMinimum)) {
        for earmark in &plan.profile.funding.earmarks {
            let Some(minimum) = board.number(&earmark.hwb_key, 0) else { continue };
            let (planned, _) = earmark_spend(plan, earmark, nhs);
            let mut name = format!("Spending on {} from the {nhs}", earmark.name);
            name[..1].make_ascii_uppercase();
            out.push(crate::report::FundingTest {
                name,
                year: plan.profile.years.first().cloned().unwrap_or_default(),
                minimum,
                planned,
                cell: String::new(),
            });
        }
    }
    out
}

fn minimum_figures(plan: &Plan) -> Vec<crate::report::FundingTest> {
    minimum_tests(plan)
        .into_iter()
        .map(|t| {
            // A minimum the board declares, or one worked out from its plan, goes by its label.
            let layout = if t.which == Minimum::Asc {
                Some(&plan.profile.income.asc_minimum)
            } else {
                plan.profile.income.ooh_minimum.as_ref()
            };
            let mut name = match layout.filter(|l| l.hwb_key.is_none()) {
                Some(l) => l.label.trim_end_matches(" (£)").to_string(),
                None => if t.which == Minimum::Asc { ASC_MINIMUM } else { OOH_MINIMUM }.to_string(),
            };
            name[..1].make_ascii_uppercase();
            crate::report::FundingTest {
                name,
                year: plan.profile.years.get(t.year).cloned().unwrap_or_default(),
                minimum: t.minimum,
                planned: t.planned,
                cell: format!("{}!{}", plan.sheet_name(SheetKind::Income), t.field.at),
            }
        })
        .collect()
}

pub fn check(sink: &mut Sink) {
    declared(sink);
    minimums(sink);
    earmarks(sink);
    balance(sink);
    dfg(sink);
}

/// A minimum the board declares (2015-16: the protection of social care) must be filled in with
/// a number; without it the minimum-spend test cannot run.
fn declared(sink: &mut Sink) {
    let plan = sink.plan;
    if !plan.profile.income.asc_minimum.input {
        return;
    }
    for field in &plan.income.asc_minimum {
        if field.number().is_some() {
            continue;
        }
        let label = plan.profile.income.asc_minimum.label.trim_end_matches(" (£)").to_lowercase();
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

/// Planned spending on one earmark: schemes funded from the NHS money of the earmark's scheme
/// type (and sub type, where it has one), whole amounts whatever their area or commissioner.
fn earmark_spend<'p>(plan: &'p Plan, earmark: &crate::profile::Earmark, nhs: &str) -> (f64, Option<&'p Scheme>) {
    let schemes: Vec<&Scheme> = plan
        .schemes
        .iter()
        .filter(|s| s.source.shown() == nhs && s.scheme_type.shown() == earmark.scheme_type)
        .filter(|s| earmark.sub_type.as_ref().is_none_or(|sub| s.sub_type.shown() == *sub))
        .collect();
    (schemes.iter().map(|s| amount(s, 0)).sum(), schemes.first().copied())
}

/// Amounts the NHS money must fund for given kinds of scheme (2015-16: Care Act duties, carers'
/// breaks, reablement), each against the board's figure in `HWB Data`.
fn earmarks(sink: &mut Sink) {
    let plan = sink.plan;
    let Some(board) = plan.hwb() else { return };
    let Some(nhs) = source_name(plan, SourceRole::NhsMinimum) else { return };
    for earmark in &plan.profile.funding.earmarks {
        let Some(minimum) = board.number(&earmark.hwb_key, 0) else { continue };
        let (planned, first) = earmark_spend(plan, earmark, nhs);
        if meets_minimum(planned, minimum) {
            continue;
        }
        let kind = match &earmark.sub_type {
            Some(sub) => format!("“{}” schemes with sub type “{sub}”", earmark.scheme_type),
            None => format!("“{}” schemes", earmark.scheme_type),
        };
        let message = format!(
            "Planned spending on {} from the {nhs} is {}. {}'s amount is {}, so it is {} short.",
            earmark.name,
            pounds(planned),
            board.name,
            pounds(minimum),
            pounds(minimum - planned)
        );
        let hint = format!("Fund at least {} more of {kind} from the {nhs}.", pounds(minimum - planned));
        match (first, plan.income.rows.iter().find(|r| r.source.shown() == nhs)) {
            (Some(scheme), _) => {
                if let Some(cell) = scheme.amounts.first() {
                    sink.field(FUNDING_EARMARK_MINIMUM, SheetKind::Expenditure, cell, message, hint);
                }
            }
            (None, Some(row)) => {
                if let Some(cell) = row.amounts.first() {
                    sink.field(FUNDING_EARMARK_MINIMUM, SheetKind::Income, cell, message, hint);
                }
            }
            (None, None) => sink.sheet(FUNDING_EARMARK_MINIMUM, SheetKind::Income, message, hint),
        }
    }
}

fn minimums(sink: &mut Sink) {
    let plan = sink.plan;
    let years = &plan.profile.years;
    let v = &plan.profile.values;
    let nhs = source_name(plan, SourceRole::NhsMinimum).unwrap_or_default();
    for t in minimum_tests(plan) {
        if meets_minimum(t.planned, t.minimum) {
            continue;
        }
        let gap = pounds(t.minimum - t.planned);
        let (rule, spending, minimum, hint) = match t.which {
            Minimum::Asc => (
                FUNDING_ASC_MINIMUM,
                "spending on adult social care",
                // A figure the board declares is its own commitment, not a national minimum.
                if plan.profile.income.asc_minimum.input { "protection the plan declares" } else { "minimum" },
                format!(
                    "On the Expenditure sheet, fund at least {gap} more of schemes with Source of Funding “{nhs}” and Area of Spend “{}”.",
                    v.social_care
                ),
            ),
            Minimum::Ooh => (
                FUNDING_OOH_MINIMUM,
                "NHS-commissioned out-of-hospital spending",
                "ring-fenced minimum",
                format!(
                    "Fund at least {gap} more of out-of-hospital schemes (any area of spend except social care and acute) from the {nhs}, commissioned by the {} or jointly.",
                    v.commissioner_nhs
                ),
            ),
        };
        sink.field(
            rule,
            SheetKind::Income,
            t.field,
            format!(
                "Planned {spending} from the {nhs}{} is {}. The {minimum} is {}, so it is {gap} short.",
                year_suffix(years, t.year),
                pounds(t.planned),
                pounds(t.minimum),
            ),
            hint,
        );
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
            if let Some(expected) = board.number("dfg", year) {
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
