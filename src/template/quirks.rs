//! Valid plans typed the way people really type them, and one that Excel itself would not match:
//! the fixtures that pin down how values are read (`tests/fixtures/excel-reading/`).
//!
//! Each is the round's valid sample with the Cover saying the plan is not yet signed off (so a
//! date is needed) and the first national condition answered No with its actions and date, then
//! one kind of quirk on top. All but the last must give exactly the report of `as-listed`.

use super::{fill_valid, TemplateModel};
use crate::workbook::{CellRef, Value};

/// 30 April 2026 as an Excel date serial.
const SIGN_OFF: f64 = 46_142.0;

/// `(file stem, plan)` for one round's sample board.
pub fn excel_reading_fixtures(mut base: TemplateModel) -> Vec<(String, TemplateModel)> {
    fill_valid(&mut base);
    let p = base.profile;
    let (cover, conditions) = (p.sheets.cover.clone(), p.sheets.conditions.clone());
    base.set_at(&cover, p.cover.signed_off.cell, Value::Text(p.values.no.as_str().into()));
    base.set_at(&cover, p.cover.signoff_date.cell, Value::Date(SIGN_OFF));
    let first = p.conditions.header_row + 1;
    base.set_at(&conditions, CellRef::new(first, p.conditions.answer.col), Value::Text(p.values.no.as_str().into()));
    base.set_at(
        &conditions,
        CellRef::new(first, p.conditions.actions.col),
        Value::Text("The Health and Wellbeing Board meets to agree the plan in April.".into()),
    );
    base.set_at(&conditions, CellRef::new(first, p.conditions.timeframe.col), Value::Date(SIGN_OFF));
    base.recalculate();

    let mut other_case = base.clone();
    retype(&mut other_case, |text, i| if i % 2 == 0 { text.to_lowercase() } else { text.to_uppercase() });

    let mut fractions = base.clone();
    let e = &p.expenditure;
    let expenditure = p.sheets.expenditure.clone();
    for row in schemes(&fractions).collect::<Vec<_>>() {
        let at = |col| CellRef::new(row, col);
        if let (Value::Number(nhs), Value::Number(la)) = (
            fractions.sheet(&expenditure).value(at(e.nhs_share.col)).clone(),
            fractions.sheet(&expenditure).value(at(e.la_share.col)).clone(),
        ) {
            // What a cell formatted as a percentage holds when it shows 60%.
            fractions.set_at(&expenditure, at(e.nhs_share.col), Value::Number(nhs / 100.0));
            fractions.set_at(&expenditure, at(e.la_share.col), Value::Number(la / 100.0));
        }
    }
    fractions.recalculate();

    let mut text_dates = base.clone();
    text_dates.set_at(&cover, p.cover.signoff_date.cell, Value::Text("30/04/2026".into()));
    text_dates.set_at(
        &conditions,
        CellRef::new(first, p.conditions.timeframe.col),
        Value::Text("30 April 2026".into()),
    );

    let mut padded = base.clone();
    let social_care: Vec<u32> = schemes(&padded)
        .filter(|&r| {
            matches!(padded.sheet(&expenditure).value(CellRef::new(r, e.area.col)), Value::Text(t) if **t == *p.values.social_care)
        })
        .collect();
    for row in social_care {
        // Pasted from another document: the template's SUMIFS no longer counts the row.
        padded.set_at(
            &expenditure,
            CellRef::new(row, e.area.col),
            Value::Text(format!("{} ", p.values.social_care).into()),
        );
    }
    padded.recalculate();

    let id = &p.id;
    vec![
        (format!("as-listed-{id}"), base),
        (format!("typed-in-other-case-{id}"), other_case),
        (format!("percentages-as-fractions-{id}"), fractions),
        (format!("dates-typed-as-text-{id}"), text_dates),
        (format!("list-values-with-a-space-after-them-{id}"), padded),
    ]
}

/// The rows of the Expenditure sheet that hold a scheme.
fn schemes(m: &TemplateModel) -> impl Iterator<Item = u32> + '_ {
    let e = &m.profile.expenditure;
    let sheet = m.sheet(&m.profile.sheets.expenditure);
    ((e.header_row + 1)..=e.last_row).filter(move |&r| !sheet.value(CellRef::new(r, e.scheme_id.col)).is_blank())
}

/// Retypes every drop-down answer (scheme lists, Yes/No, the board's name) with `change`, as a
/// user typing instead of choosing from the list would.
fn retype(m: &mut TemplateModel, change: impl Fn(&str, usize) -> String) {
    let p = m.profile;
    let e = &p.expenditure;
    let mut cells: Vec<(String, CellRef)> =
        vec![(p.sheets.cover.clone(), p.cover.hwb.cell), (p.sheets.cover.clone(), p.cover.signed_off.cell)];
    let list_columns = [&e.scheme_type, &e.sub_type, &e.area, &e.commissioner, &e.provider, &e.source, &e.new_existing];
    for row in schemes(m).collect::<Vec<_>>() {
        cells.extend(list_columns.iter().map(|c| (p.sheets.expenditure.clone(), CellRef::new(row, c.col))));
    }
    for i in 0..p.condition_list.len() as u32 {
        cells.push((
            p.sheets.conditions.clone(),
            CellRef::new(p.conditions.header_row + 1 + i, p.conditions.answer.col),
        ));
    }
    for (i, (sheet, at)) in cells.into_iter().enumerate() {
        if let Value::Text(t) = m.sheet(&sheet).value(at).clone() {
            m.set_at(&sheet, at, Value::Text(change(&t, i).into()));
        }
    }
    // Excel's SUMIFS ignores case, so the Summary's totals are the same as before.
    m.recalculate();
}
