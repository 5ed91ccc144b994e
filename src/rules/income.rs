//! Income: pre-populated figures left as published, additional contributions complete.

use super::numbers::checked;
use super::{Sink, INCOME_ADDITIONAL_INCOMPLETE, INCOME_LISTED_ROWS, INCOME_PREPOPULATED_CHANGED};
use crate::plan::{Field, SheetKind};
use crate::profile::SourceRole;
use crate::report::words::pounds;

const INCOME: SheetKind = SheetKind::Income;

pub fn check(sink: &mut Sink) {
    let plan = sink.plan;
    let profile = plan.profile;
    let years = &profile.years;
    let board = plan.hwb();

    // Each year's districts parsed once, by name (as Excel's MATCH, without regard to case).
    let district_amounts: Vec<std::collections::HashMap<String, Option<f64>>> = (0..years.len())
        .map(|year| {
            let mut map = std::collections::HashMap::new();
            for (name, amount) in board.map(|b| b.districts(year)).unwrap_or_default() {
                map.entry(name.to_lowercase()).or_insert(amount);
            }
            map
        })
        .collect();
    for row in &plan.income.rows {
        let name = row.source.shown();
        let Some(source) = profile.income.sources.iter().find(|s| s.name == name) else {
            continue;
        };
        if source.role.is_additional() {
            let mut has_amount = false;
            for (year, field) in row.amounts.iter().enumerate() {
                let what = || format!("The {name}{}", year_suffix(years, year));
                if checked(sink, INCOME, field, what, profile.funding.amount_min, profile.funding.amount_max).is_some()
                    || !field.is_blank()
                {
                    has_amount = true;
                }
            }
            let described = !row.description.is_blank();
            if has_amount && !described {
                sink.field(
                    INCOME_ADDITIONAL_INCOMPLETE,
                    INCOME,
                    &row.description,
                    format!("The {name} has an amount but no description."),
                    "Describe what the additional contribution is for.",
                );
            } else if described && !has_amount {
                if let Some(amount) = row.amounts.first() {
                    sink.field(
                        INCOME_ADDITIONAL_INCOMPLETE,
                        INCOME,
                        amount,
                        format!("The {name} has a description but no amount."),
                        "Enter the amount of the additional contribution, or delete the description if there is none.",
                    );
                }
            }
            continue;
        }
        let Some(board) = board else { continue };
        // One row per entry of a list (the CCGs): `income.ccg-contributions` checks them below.
        if source.rows_from.is_some() {
            continue;
        }
        for (year, field) in row.amounts.iter().enumerate() {
            let Some(districts) = district_amounts.get(year) else { continue };
            let expected = match source.role {
                // In two-tier areas each district has its own DFG row.
                SourceRole::Dfg if !districts.is_empty() => {
                    districts.get(&row.organisation.shown().trim().to_lowercase()).copied().flatten()
                }
                _ => source.hwb_key.as_deref().and_then(|key| board.number(key, year)),
            };
            if let Some(expected) = expected {
                let what = if source.role == SourceRole::Dfg && !districts.is_empty() {
                    format!("The {name} for {}{}", row.organisation.shown(), year_suffix(years, year))
                } else {
                    format!("The {name}{}", year_suffix(years, year))
                };
                prepopulated(sink, field, &what, expected, &board.name);
            }
        }
    }

    listed_rows(sink);
    if let Some(board) = board {
        // Each published minimum, as the test that holds the plan to it names it.
        for (layout, fields) in profile.income.minimums.iter().zip(&plan.income.minimums) {
            // A minimum the board declares, or one worked out on another sheet, has no published figure.
            let Some(key) = layout.hwb_key.as_deref() else { continue };
            let phrase = profile
                .funding
                .minimum_tests
                .iter()
                .find(|t| matches!(&t.minimum, crate::profile::MinimumSource::Income(id) if *id == layout.id))
                .map_or_else(|| layout.label.trim_end_matches(" (£)").to_string(), |t| t.name.clone());
            let phrase = crate::report::words::in_sentence(&phrase);
            for (year, field) in fields.iter().enumerate() {
                if let Some(expected) = board.number(key, year) {
                    let what = format!("The {phrase}{}", year_suffix(years, year));
                    prepopulated(sink, field, &what, expected, &board.name);
                }
            }
        }
    }
}

/// Sources with one pre-populated row per entry of an `HWB Data` list (a row per CCG
/// contributing to the board): every entry has its row, with its amount.
fn listed_rows(sink: &mut Sink) {
    let plan = sink.plan;
    let Some(board) = plan.hwb() else { return };
    for source in &plan.profile.income.sources {
        let Some(key) = source.rows_from.as_deref() else { continue };
        let rows: Vec<_> = plan.income.rows.iter().filter(|r| r.source.shown() == source.name).collect();
        for (year, _) in plan.profile.years.iter().enumerate() {
            let first = rows.first().and_then(|r| r.amounts.get(year));
            let by_name: std::collections::HashMap<String, &crate::plan::IncomeRow> =
                rows.iter().map(|r| (r.organisation.shown().trim().to_lowercase(), *r)).collect();
            let mut missing: Vec<String> = Vec::new();
            for (name, amount) in board.pairs(key, year) {
                match by_name.get(&name.to_lowercase()) {
                    None => missing.push(name),
                    Some(row) => {
                        let (Some(expected), Some(field)) = (amount, row.amounts.get(year)) else { continue };
                        if let Some(seen) =
                            super::numbers::differs(field, expected, super::tolerance::POUNDS, pounds, "empty")
                        {
                            sink.field(
                                INCOME_LISTED_ROWS,
                                INCOME,
                                field,
                                format!(
                                    "The {} from {name} is {seen}, but the published figure for {} is {}.",
                                    source.name,
                                    board.name,
                                    pounds(expected)
                                ),
                                "Do not change pre-populated figures. Put the published figure back, or copy your plan into a fresh copy of the template.",
                            );
                        }
                    }
                }
            }
            if missing.is_empty() {
                continue;
            }
            let names: Vec<String> = missing.iter().take(10).map(|n| crate::report::words::quote(n)).collect();
            let message = format!(
                "The Income sheet has no {} row for {}, which contributes to {}.",
                source.name,
                crate::report::words::and_list(&names),
                board.name
            );
            let hint = "Put back a row for every CCG listed for your board, with its pre-populated amount, or copy your plan into a fresh copy of the template.";
            match first {
                Some(field) => sink.field(INCOME_LISTED_ROWS, INCOME, field, message, hint),
                None => sink.sheet(INCOME_LISTED_ROWS, INCOME, message, hint),
            }
        }
    }
}

fn prepopulated(sink: &mut Sink, field: &Field, what: &str, expected: f64, board: &str) {
    let Some(seen) = super::numbers::differs(field, expected, super::tolerance::POUNDS, pounds, "empty") else {
        return;
    };
    sink.field(
        INCOME_PREPOPULATED_CHANGED,
        INCOME,
        field,
        format!("{what} is {seen}, but the published figure for {board} is {}.", pounds(expected)),
        "Do not change pre-populated figures. Put the published figure back, or copy your plan into a fresh copy of the template.",
    );
}

/// `" for 2018-19"` in two-year plans, nothing in one-year plans.
pub fn year_suffix(years: &[String], year: usize) -> String {
    if years.len() > 1 {
        years.get(year).map_or(String::new(), |y| format!(" for {y}"))
    } else {
        String::new()
    }
}
