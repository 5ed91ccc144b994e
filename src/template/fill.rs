//! Fills a pre-populated template with a plan that passes every rule, and recalculates the
//! Summary as Excel would. Defects for tests are made by changing cells afterwards.

use super::{Board, TemplateModel};
use crate::profile::{Direction, MinimumSource, Share, SourceRole, SummaryValue, Unit};
use crate::workbook::{CellRef, Value};

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

/// Fills every input of a template built for a board (`build(.., Some(board))`) with a valid plan:
/// complete Cover, schemes that spend each source exactly and meet every minimum, metric ambitions
/// a little better than baseline, and every national condition met.
pub fn fill_valid(m: &mut TemplateModel) {
    let p = m.profile;
    let Some(board) = m.board.clone() else {
        panic!("fill_valid needs a template built for a board");
    };
    let cover = p.sheets.cover.clone();
    let c = &p.cover;
    m.set_at(&cover, c.completed_by.cell, text("Alex Morgan"));
    m.set_at(&cover, c.email.cell, text("alex.morgan@example.gov.uk"));
    m.set_at(&cover, c.phone.cell, text("0116 496 0000"));
    m.set_at(&cover, c.signed_off.cell, text(&p.values.yes));
    let people = ["Sam Patel", "Jo Williams", "Chris Taylor", "Priya Shah", "Morgan Lee", "Kim Evans"];
    for (i, _) in c.contacts.roles.iter().enumerate() {
        let row = c.contacts.header_row + 1 + i as u32;
        let name = people[i % people.len()];
        let email = format!("{}@example.gov.uk", name.to_lowercase().replace(' ', "."));
        m.set_at(&cover, CellRef::new(row, c.contacts.name.col), text(name));
        m.set_at(&cover, CellRef::new(row, c.contacts.email.col), text(&email));
    }
    for (i, scheme) in valid_schemes(m, &board).iter().enumerate() {
        write_scheme(m, p.expenditure.header_row + 1 + i as u32, scheme);
    }
    fill_metrics(m, &board);
    fill_declared(m, &board);
    let conditions = p.sheets.conditions.clone();
    for i in 0..p.condition_list.len() {
        let row = p.conditions.header_row + 1 + i as u32;
        m.set_at(&conditions, CellRef::new(row, p.conditions.answer.col), text(&p.values.yes));
    }
    recalculate_summary(m);
}

/// What a board declares rather than the template pre-populates (2015-16): the protection of
/// social care on Income, and the planned emergency admissions (with a local cost and the case
/// for a reduction below the expectation, where the sample needs them) on the pay-for-performance
/// sheet.
fn fill_declared(m: &mut TemplateModel, board: &Board) {
    let p = m.profile;
    for declared in p.income.minimums.iter().filter(|m| m.input) {
        if let (Some(cell), Some(protection)) = (declared.cells.first(), board.plan.protection) {
            m.set_at(&p.sheets.income.clone(), *cell, Value::Number(protection));
        }
    }
    let (Some(l), Some(sheet)) = (&p.pay_for_performance, p.sheets.pay_for_performance.clone()) else { return };
    let baselines: Vec<f64> = l
        .baseline_periods
        .iter()
        .map(|period| board.figure(&format!("baseline:{}:{period}", l.metric.code)).unwrap_or(0.0))
        .collect();
    let total: f64 = baselines.iter().sum();
    let reduction = board.plan.reduction.unwrap_or(0.0);
    // The reduction spread over the quarters in proportion, the last quarter taking the remainder.
    let mut given = 0.0;
    for (i, baseline) in baselines.iter().enumerate() {
        let cut = if i + 1 == baselines.len() { reduction - given } else { (reduction * baseline / total).round() };
        given += cut;
        m.set_at(&sheet, CellRef::new(l.header_row + 1 + i as u32, l.planned.col), Value::Number(baseline - cut));
    }
    if let Some((cost, reason)) = &board.plan.local_cost {
        m.set_at(&sheet, l.cost.cell, Value::Number(*cost));
        m.set_at(&sheet, l.cost_reason.cell, text(reason));
    }
    if total > 0.0 && reduction / total * 100.0 < l.expected_reduction_percent {
        m.set_at(
            &sheet,
            l.case.cell,
            text("Emergency admissions here are already among the lowest in the region; the CCG operating plans expect a smaller fall."),
        );
    }
    recalculate_pay_for_performance(m);
}

/// The pay-for-performance sheet's formulas (totals, reduction, fund, out-of-hospital
/// requirement) and the Income cell that shows the requirement, as Excel computes them.
pub fn recalculate_pay_for_performance(m: &mut TemplateModel) {
    let p = m.profile;
    let (Some(l), Some(sheet)) = (&p.pay_for_performance, p.sheets.pay_for_performance.clone()) else { return };
    let number = |m: &TemplateModel, c: CellRef| match m.sheet(&sheet).value(c) {
        Value::Number(n) => *n,
        _ => 0.0,
    };
    let quarters = l.baseline_periods.len() as u32;
    let sum = |m: &TemplateModel, col: u32| {
        (1..=quarters).map(|q| number(m, CellRef::new(l.header_row + q, col))).sum::<f64>()
    };
    let (baseline, planned) = (sum(m, l.baseline.col), sum(m, l.planned.col));
    let reduction = baseline - planned;
    let fund = reduction.max(0.0) * number(m, l.cost.cell);
    let required = (number(m, l.share.cell) - fund).max(0.0);
    let percent = if baseline == 0.0 { 0.0 } else { reduction / baseline * 100.0 };
    let mut cached = vec![
        (l.reduction.cell, reduction),
        (l.reduction_percent.cell, percent),
        (l.fund.cell, fund),
        (l.required.cell, required),
    ];
    cached.extend(l.total.cells.iter().copied().zip([baseline, planned]));
    // Only cells that still hold the template's formula are recalculated (a figure typed over
    // keeps what was typed).
    for (cell, value) in cached {
        if let Some(c) = m.sheet_mut(&sheet).cells.get_mut(&cell).filter(|c| c.formula.is_some()) {
            c.value = Value::Number(value);
        }
    }
    let income = p.sheets.income.clone();
    for cell in p.income.minimums.iter().filter(|o| o.formula.is_some()).flat_map(|o| o.cells.iter()) {
        if let Some(c) = m.sheet_mut(&income).cells.get_mut(cell).filter(|c| c.formula.is_some()) {
            c.value = Value::Number(required);
        }
    }
}

/// Like [`fill_valid`], but with `schemes` expenditure rows: each valid scheme is split into
/// parts (whole pounds, the last part taking the remainder), so the plan still balances and
/// passes. Used for the large plan of the benchmarks.
pub fn fill_valid_with_schemes(m: &mut TemplateModel, schemes: usize) {
    fill_valid(m);
    let Some(board) = m.board.clone() else { return };
    let base = valid_schemes(m, &board);
    let sheet = m.profile.sheets.expenditure.clone();
    let first = m.profile.expenditure.header_row + 1;
    let grid = m.sheet_mut(&sheet);
    grid.cells.retain(|at, _| at.row < first);
    let parts = (schemes / base.len()).max(1);
    let mut row = first;
    let mut id = 1;
    for (i, scheme) in base.iter().enumerate() {
        let count = if i + 1 == base.len() { schemes.saturating_sub(parts * i).max(1) } else { parts };
        for part in 0..count {
            let share = |total: f64| {
                let each = (total / count as f64).floor();
                if part + 1 == count {
                    total - each * (count as f64 - 1.0)
                } else {
                    each
                }
            };
            let mut piece = scheme.clone();
            piece.id = id.to_string();
            piece.name = format!("{} ({} of {count})", scheme.name, part + 1);
            piece.amounts = scheme.amounts.iter().map(|a| share(*a)).collect();
            write_scheme(m, row, &piece);
            row += 1;
            id += 1;
        }
    }
    recalculate_summary(m);
}

/// One expenditure row, by meaning; `None` leaves the cell empty.
#[derive(Clone, Debug, Default)]
pub struct SchemeRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub scheme_type: String,
    pub sub_type: Option<String>,
    pub area: String,
    pub commissioner: String,
    pub shares: Option<(f64, f64)>,
    pub provider: String,
    pub source: String,
    pub amounts: Vec<f64>,
    pub new_existing: String,
}

fn source_name(m: &TemplateModel, role: SourceRole) -> String {
    m.profile.income.sources.iter().find(|s| s.role == role).map(|s| s.name.clone()).unwrap_or_default()
}

fn valid_schemes(m: &TemplateModel, board: &Board) -> Vec<SchemeRow> {
    let v = &m.profile.values;
    let years = m.profile.years.len();
    let per_year = |f: &dyn Fn(usize) -> f64| (0..years).map(f).collect::<Vec<f64>>();
    // The minimums: published, or (2015-16) declared by the board and worked out from its plan.
    let asc = |y: usize| board.asc_minimum.get(y).copied().or(board.plan.protection).unwrap_or(0.0);
    let p4p_required = m.profile.pay_for_performance.as_ref().map(|l| {
        let fund = board.plan.reduction.unwrap_or(0.0).max(0.0)
            * board.plan.local_cost.as_ref().map(|(c, _)| *c).or(board.figure(&l.cost_key)).unwrap_or(0.0);
        (board.figure(&l.share_key).unwrap_or(0.0) - fund).max(0.0)
    });
    // With pay for performance the requirement moves with the planned admissions; the sample
    // spends the whole share on out-of-hospital services, the most it can be.
    let p4p_share = m.profile.pay_for_performance.as_ref().and_then(|l| board.figure(&l.share_key));
    let ooh = |y: usize| board.ooh_minimum.get(y).copied().or(p4p_share.or(p4p_required)).unwrap_or(0.0);
    // Tests whose minimum is a board's figure for a kind of scheme (2015-16: the earmarks).
    let earmarks: Vec<(f64, &crate::profile::MinimumTest, &str)> = m
        .profile
        .funding
        .minimum_tests
        .iter()
        .filter_map(|t| match (&t.minimum, &t.counts.scheme_type) {
            (MinimumSource::HwbKey(key), Some(kind)) => Some((board.figure(key).unwrap_or(0.0), t, kind.as_str())),
            _ => None,
        })
        .collect();
    let earmarked: f64 = earmarks.iter().map(|(amount, _, _)| amount).sum();
    let mut rows = vec![
        SchemeRow {
            id: "1".into(),
            name: "Home adaptations".into(),
            description: "Adaptations to help disabled people live safely at home.".into(),
            scheme_type: v.dfg_scheme_type.clone(),
            sub_type: Some("Adaptations".into()),
            area: v.social_care.clone(),
            commissioner: v.commissioner_la.clone(),
            provider: "Local Authority".into(),
            source: source_name(m, SourceRole::Dfg),
            amounts: per_year(&|y| board.dfg[y]),
            new_existing: "Existing".into(),
            ..Default::default()
        },
        SchemeRow {
            id: "2".into(),
            name: "Home care capacity".into(),
            description: "Extra home care hours to support timely discharge.".into(),
            scheme_type: "Home Care or Domiciliary Care".into(),
            area: v.social_care.clone(),
            commissioner: v.commissioner_la.clone(),
            provider: "Private Sector".into(),
            source: source_name(m, SourceRole::LaGrant),
            amounts: per_year(&|y| board.la_grant[y]),
            new_existing: "Existing".into(),
            ..Default::default()
        },
        SchemeRow {
            id: "3".into(),
            name: "Protecting adult social care".into(),
            description: "Care home placements funded from the NHS minimum contribution.".into(),
            scheme_type: "Residential Placements".into(),
            sub_type: Some("Care home".into()),
            area: v.social_care.clone(),
            commissioner: v.commissioner_la.clone(),
            provider: "Private Sector".into(),
            source: source_name(m, SourceRole::NhsMinimum),
            amounts: per_year(&|y| asc(y)),
            new_existing: "Existing".into(),
            ..Default::default()
        },
    ];
    if m.profile.income.minimum("ooh").is_some() {
        rows.push(SchemeRow {
            id: "4".into(),
            name: "Community care coordination".into(),
            description: "NHS-commissioned care coordinators in community teams.".into(),
            scheme_type: "Integrated Care Planning and Navigation".into(),
            sub_type: Some("Care coordination".into()),
            area: "Community Health".into(),
            commissioner: v.commissioner_nhs.clone(),
            provider: "NHS Community Provider".into(),
            source: source_name(m, SourceRole::NhsMinimum),
            amounts: per_year(&|y| ooh(y)),
            new_existing: "New".into(),
            ..Default::default()
        });
    }
    rows.push(SchemeRow {
        id: "5".into(),
        name: "Joint community services".into(),
        description: "Jointly commissioned community health services.".into(),
        scheme_type: "Community Based Schemes".into(),
        area: "Community Health".into(),
        commissioner: v.commissioner_joint.clone(),
        shares: Some((60.0, 40.0)),
        provider: "NHS Community Provider".into(),
        source: source_name(m, SourceRole::NhsMinimum),
        amounts: per_year(&|y| board.nhs_minimum[y] - asc(y) - ooh(y) - earmarked),
        new_existing: "Existing".into(),
        ..Default::default()
    });
    // The earmarks within the NHS money (2015-16), each a scheme of its own kind.
    for (i, (amount, earmark, kind)) in earmarks.iter().enumerate() {
        let lists = &m.profile.lists;
        let sub_type = earmark
            .counts
            .sub_type
            .clone()
            .or_else(|| lists.scheme_type(kind).and_then(|t| t.sub_types.first().cloned()));
        // `Spending on carers' breaks from the …` → `carers' breaks`.
        let what = earmark.name.trim_start_matches("Spending on ");
        let what = what.split(" from the ").next().unwrap_or(what);
        rows.push(SchemeRow {
            id: (6 + i).to_string(),
            name: format!("Funding {what}"),
            description: format!("The board's amount for {what} from the NHS money."),
            scheme_type: kind.to_string(),
            sub_type,
            area: v.social_care.clone(),
            commissioner: v.commissioner_la.clone(),
            provider: "Local Authority".into(),
            source: source_name(m, SourceRole::NhsMinimum),
            amounts: vec![*amount],
            new_existing: "Existing".into(),
            ..Default::default()
        });
    }
    rows
}

/// Writes a scheme into an expenditure row.
pub fn write_scheme(m: &mut TemplateModel, row: u32, s: &SchemeRow) {
    let sheet = m.profile.sheets.expenditure.clone();
    let e = &m.profile.expenditure;
    let mut put = |col: u32, value: Value| {
        if !value.is_blank() {
            m.set_at(&sheet, CellRef::new(row, col), value);
        }
    };
    let id = s.id.parse::<f64>().map_or_else(|_| text(&s.id), Value::Number);
    put(e.scheme_id.col, id);
    put(e.scheme_name.col, text(&s.name));
    put(e.description.col, text(&s.description));
    put(e.scheme_type.col, text(&s.scheme_type));
    put(e.sub_type.col, s.sub_type.as_deref().map_or(Value::Empty, text));
    put(e.area.col, text(&s.area));
    put(e.commissioner.col, text(&s.commissioner));
    if let Some((nhs, la)) = s.shares {
        put(e.nhs_share.col, Value::Number(nhs));
        put(e.la_share.col, Value::Number(la));
    }
    put(e.provider.col, text(&s.provider));
    put(e.source.col, text(&s.source));
    for (col, amount) in e.amounts.iter().zip(&s.amounts) {
        put(col.col, Value::Number(*amount));
    }
    put(e.new_existing.col, text(&s.new_existing));
}

fn fill_metrics(m: &mut TemplateModel, board: &Board) {
    let p = m.profile;
    let sheet = p.sheets.metrics.clone();
    let l = &p.metrics;
    let expectation = board.dtoc_expectation;
    let mut row = l.header_row + 1;
    for metric in &p.metric_list {
        let baseline = board.baseline(&metric.code).unwrap_or(0.0);
        for (i, _) in metric.periods.iter().enumerate() {
            // A modest improvement on baseline, and under the DTOC expectation where there is one.
            // A local metric's direction is the board's to state: the sample says lower is better.
            let mut target = match metric.better {
                Direction::Lower | Direction::Stated => baseline * (0.97 - 0.005 * i as f64),
                Direction::Higher => baseline * (1.01 + 0.005 * i as f64),
            };
            if p.funding.ceiling.as_ref().is_some_and(|c| c.metric == metric.code) {
                if let Some(limit) = expectation {
                    target = target.min(limit * 0.98);
                }
            }
            if metric.unit == Unit::Percent {
                target = target.min(99.0);
            }
            let cell = |col: u32| CellRef::new(row, col);
            if let (true, Some(scale)) = (metric.ratio, metric.scale) {
                let denominator: f64 = 150_000.0 + (row as f64) * 1_000.0;
                let numerator = (target * denominator / scale).round();
                let planned = (numerator / denominator * scale * 10.0).round() / 10.0;
                m.set_at(&sheet, cell(l.numerator.col), Value::Number(numerator));
                m.set_at(&sheet, cell(l.denominator.col), Value::Number(denominator));
                m.set_at(&sheet, cell(l.planned.col), Value::Number(planned));
            } else {
                let planned =
                    if metric.unit == Unit::Count { target.round() } else { (target * 100.0).round() / 100.0 };
                m.set_at(&sheet, cell(l.planned.col), Value::Number(planned));
            }
            if let (Some(prompt), 0) = (&metric.local_prompt, i) {
                let name = if metric.code.ends_with('5') {
                    "carers' satisfaction with support"
                } else {
                    "falls in people aged 65+"
                };
                m.set_at(&sheet, cell(l.metric.col), text(&format!("{} {name}", prompt.trim())));
                if let Some(better) = &l.better {
                    m.set_at(&sheet, cell(better.col), text("Lower"));
                }
            }
            if metric.local_prompt.is_some() {
                m.set_at(&sheet, cell(l.baseline.col), Value::Number(baseline));
            }
            if i == 0 {
                let why = format!(
                    "Building on our {} work, we expect a steady improvement on the baseline through the schemes in this plan.",
                    metric.code
                );
                m.set_at(&sheet, cell(l.rationale.col), text(&why));
            }
            row += 1;
        }
    }
}

/// Recomputes the Summary's cached results from the cells, as Excel would on saving.
/// Deliberately written apart from the rules (as cell arithmetic, like the formulas), so the
/// rules' own computation is tested against it rather than against itself.
pub fn recalculate_summary(m: &mut TemplateModel) {
    let p = m.profile;
    let income = m.sheet(&p.sheets.income);
    let expenditure = m.sheet(&p.sheets.expenditure);
    let number = |v: &Value| if let Value::Number(n) = v { *n } else { 0.0 };
    // Excel's `=` inside a formula ignores letter case and keeps surrounding spaces.
    let text_is = |v: &Value, s: &str| matches!(v, Value::Text(t) if t.to_lowercase() == s.to_lowercase());
    let e = &p.expenditure;
    let last_row = expenditure.last_row().max(e.last_row);
    let summary = m.sheet(&p.sheets.summary);
    let mut results = Vec::new();
    for def in &p.summary.rows {
        // Like a formula, the figure moves with its label when a user inserts rows.
        let row = summary
            .cells
            .iter()
            .find(|(at, c)| at.col == p.summary.label_col && text_is(&c.value, &def.label))
            .map_or(def.row, |(at, _)| at.row);
        for (y, col) in p.summary.value_cols.iter().enumerate() {
            let amount_col = e.amounts.get(y).map_or(0, |c| c.col);
            let rows = || (e.header_row + 1)..=last_row;
            let at = |row: u32, col: u32| expenditure.value(CellRef::new(row, col));
            let value = match &def.value {
                SummaryValue::TotalIncome => {
                    let col = p.income.amounts.get(y).map_or(0, |c| c.col);
                    let first = p.income.header_row + 1;
                    let top = p.income.minimums.iter().map(|m| m.label_cell.row).min().unwrap_or(u32::MAX);
                    let last = (p.income.header_row + p.income.max_rows).min(top - 1);
                    (first..=last).map(|r| number(income.value(CellRef::new(r, col)))).sum()
                }
                SummaryValue::TotalExpenditure => rows().map(|r| number(at(r, amount_col))).sum(),
                SummaryValue::Minimum(id) => {
                    p.income.minimum(id).and_then(|m| m.cells.get(y)).map_or(0.0, |c| number(income.value(*c)))
                }
                SummaryValue::PerformanceFund => match (&p.pay_for_performance, &p.sheets.pay_for_performance) {
                    (Some(l), Some(sheet)) => number(m.sheet(sheet).value(l.fund.cell)),
                    _ => 0.0,
                },
                SummaryValue::Planned(id) => {
                    let Some(test) = p.funding.minimum_tests.iter().find(|t| t.id == *id) else { continue };
                    let c = &test.counts;
                    let source = p.income.sources.iter().find(|s| s.role == c.source).map_or("", |s| s.name.as_str());
                    rows()
                        .filter(|&r| text_is(at(r, e.source.col), source))
                        .filter(|&r| c.areas.is_empty() || c.areas.iter().any(|a| text_is(at(r, e.area.col), a)))
                        .filter(|&r| !c.areas_except.iter().any(|a| text_is(at(r, e.area.col), a)))
                        .filter(|&r| c.scheme_type.as_ref().map_or(true, |t| text_is(at(r, e.scheme_type.col), t)))
                        .filter(|&r| c.sub_type.as_ref().map_or(true, |t| text_is(at(r, e.sub_type.col), t)))
                        .map(|r| {
                            let share = match c.share {
                                Share::All => 1.0,
                                Share::Nhs if text_is(at(r, e.commissioner.col), &p.values.commissioner_nhs) => 1.0,
                                Share::Nhs if text_is(at(r, e.commissioner.col), &p.values.commissioner_joint) => {
                                    number(at(r, e.nhs_share.col)) / 100.0
                                }
                                Share::Nhs => 0.0,
                            };
                            number(at(r, amount_col)) * share
                        })
                        .sum()
                }
            };
            results.push((CellRef::new(row, *col), value));
        }
    }
    let summary = m.sheet_mut(&p.sheets.summary);
    for (cell, value) in results {
        // Only cells that still hold the template's formula are recalculated.
        if let Some(c) = summary.cells.get_mut(&cell) {
            if c.formula.is_some() {
                c.value = Value::Number(value);
            }
        }
    }
}
