//! A typed plan, extracted from a workbook through a profile. Every value remembers its cell.
//!
//! Architecture invariant: extraction never judges the plan. It reports only what it had to do to
//! find things (`template.*` findings); every judgement about the values is a rule's.

mod extract;
mod locate;

pub use extract::{detect_profile, detect_unknown, extract, Detection, Extracted, VersionSeen};
pub use locate::same_label;

use std::collections::BTreeMap;

use crate::profile::{Profile, SummaryValue};
use crate::workbook::{CellRef, Value};

/// Which template sheet a value came from; the profile gives its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SheetKind {
    Cover,
    Summary,
    Income,
    Expenditure,
    Metrics,
    Conditions,
    PayForPerformance,
    HwbData,
}

impl SheetKind {
    pub fn name(self, profile: &Profile) -> &str {
        let s = &profile.sheets;
        match self {
            SheetKind::Cover => &s.cover,
            SheetKind::Summary => &s.summary,
            SheetKind::Income => &s.income,
            SheetKind::Expenditure => &s.expenditure,
            SheetKind::Metrics => &s.metrics,
            SheetKind::Conditions => &s.conditions,
            SheetKind::PayForPerformance => s.pay_for_performance.as_deref().unwrap_or(""),
            SheetKind::HwbData => &s.hwb_data,
        }
    }
}

/// One cell's value and where it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub at: CellRef,
    pub value: Value,
    /// The cell holds a formula (its value is the cached result, `Empty` if none was saved).
    pub formula: bool,
}

impl Field {
    pub fn is_blank(&self) -> bool {
        self.value.is_blank()
    }

    /// Trimmed text, or `None` when the cell is blank or not text.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(t) if !t.trim().is_empty() => Some(t.trim()),
            _ => None,
        }
    }

    /// What the cell holds, as text (numbers too), the way Excel's `=`, `SUMIFS` and `COUNTIF`
    /// compare it: surrounding spaces are kept, because Excel does not ignore them (a pasted
    /// `Social Care ` is left out of the template's totals). Empty for a blank cell or one that
    /// holds only spaces. Letter case is settled at extraction, where list values are replaced by
    /// their listed spelling. Text is borrowed: rules compare list values in every row.
    pub fn shown(&self) -> std::borrow::Cow<'_, str> {
        match &self.value {
            Value::Text(t) if t.trim().is_empty() => std::borrow::Cow::Borrowed(""),
            Value::Text(t) => std::borrow::Cow::Borrowed(t),
            Value::Empty => std::borrow::Cow::Borrowed(""),
            other => std::borrow::Cow::Owned(other.display().trim().to_string()),
        }
    }

    /// Text with spaces around it that Excel would not ignore: `Some((the text without them,
    /// "a space after it" | "spaces before it" | "spaces before and after it"))`; `None` when there
    /// are none, or the cell is blank or not text.
    pub fn padded(&self) -> Option<(&str, &'static str)> {
        let Value::Text(t) = &self.value else { return None };
        let trimmed = t.trim();
        if trimmed.is_empty() || trimmed.len() == t.len() {
            return None;
        }
        let before = t.chars().take_while(|c| c.is_whitespace()).count();
        let after = t.chars().rev().take_while(|c| c.is_whitespace()).count();
        let place = match (before, after) {
            (0, 1) => "a space after it",
            (0, _) => "spaces after it",
            (1, 0) => "a space before it",
            (_, 0) => "spaces before it",
            _ => "spaces before and after it",
        };
        Some((trimmed, place))
    }

    /// Whether the cell holds a template label (a metric code, a period, a condition code),
    /// ignoring letter case, extra spaces and a trailing colon: these are the template's own
    /// labels, matched as labels are, not list values a formula looks up.
    pub fn reads_as(&self, label: &str) -> bool {
        match &self.value {
            Value::Text(t) => locate::same_label(t, label),
            Value::Empty => label.is_empty(),
            other => locate::same_label(&other.display(), label),
        }
    }

    /// The date the cell holds: an Excel date, a serial number Excel would show as one, or text
    /// that reads as one date in UK English (`30/04/2025`, `30 April 2025`).
    pub fn date(&self) -> Option<f64> {
        match &self.value {
            Value::Date(serial) | Value::Number(serial) => {
                crate::workbook::date_from_serial(*serial).map(|_| serial.floor())
            }
            Value::Text(t) => crate::workbook::parse_uk_date(t),
            _ => None,
        }
    }

    /// The number in the cell. Text that looks like a number is not a number: Excel's own
    /// formulas ignore it, so the template's totals would too.
    pub fn number(&self) -> Option<f64> {
        match self.value {
            Value::Number(n) if n.is_finite() => Some(n),
            _ => None,
        }
    }

    /// The number, counting a blank cell as zero (for totals).
    pub fn amount(&self) -> f64 {
        self.number().unwrap_or(0.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cover {
    /// The version cell, where the template has one.
    pub version: Option<Field>,
    pub hwb: Field,
    pub completed_by: Field,
    pub email: Field,
    pub phone: Field,
    pub signed_off: Field,
    pub signoff_date: Field,
    pub contacts: Vec<Contact>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub role: Field,
    pub name: Field,
    pub email: Field,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IncomeRow {
    pub row: u32,
    pub source: Field,
    pub organisation: Field,
    /// One per planning year.
    pub amounts: Vec<Field>,
    pub description: Field,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Income {
    pub rows: Vec<IncomeRow>,
    /// The minimums below the table, in the profile's order (`income.minimums`), one field per year.
    pub minimums: Vec<Vec<Field>>,
}

impl Income {
    /// The fields of the minimum with this id (one per year; empty when the round has none).
    pub fn minimum<'a>(&'a self, profile: &Profile, id: &str) -> &'a [Field] {
        profile
            .income
            .minimums
            .iter()
            .position(|m| m.id == id)
            .and_then(|i| self.minimums.get(i))
            .map_or(&[], Vec::as_slice)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scheme {
    pub row: u32,
    pub scheme_id: Field,
    pub scheme_name: Field,
    pub description: Field,
    pub scheme_type: Field,
    pub sub_type: Field,
    pub type_other: Field,
    pub area: Field,
    pub area_other: Field,
    pub commissioner: Field,
    pub nhs_share: Field,
    pub la_share: Field,
    pub provider: Field,
    pub source: Field,
    pub amounts: Vec<Field>,
    pub new_existing: Field,
}

impl Scheme {
    /// Its details other than the ID, the amounts and whether it is new: the columns from its
    /// name to its source of funding, in the table's order.
    pub fn details(&self) -> [&Field; 12] {
        [
            &self.scheme_name,
            &self.description,
            &self.scheme_type,
            &self.sub_type,
            &self.type_other,
            &self.area,
            &self.area_other,
            &self.commissioner,
            &self.nhs_share,
            &self.la_share,
            &self.provider,
            &self.source,
        ]
    }

    /// The NHS and local authority shares as the percentages the user sees. A cell formatted as a
    /// percentage that shows 60% holds 0.6, so two shares that are both fractions between 0 and 1
    /// adding up to 1 are read as percentages of 100. Anything else is read as typed.
    pub fn percent_shares(&self) -> (Option<f64>, Option<f64>) {
        let (nhs, la) = (self.nhs_share.number(), self.la_share.number());
        match (nhs, la) {
            (Some(n), Some(l)) if shares_are_fractions(n, l) => (Some(n * 100.0), Some(l * 100.0)),
            _ => (nhs, la),
        }
    }
}

/// Whether two shares are fractions of 1 (cells formatted as percentages), not numbers of 100.
pub fn shares_are_fractions(nhs: f64, la: f64) -> bool {
    (0.0..=1.0).contains(&nhs) && (0.0..=1.0).contains(&la) && (nhs + la - 1.0).abs() <= 1e-6
}

#[derive(Clone, Debug, PartialEq)]
pub struct MetricRow {
    pub row: u32,
    pub metric: Field,
    pub code: Field,
    pub period: Field,
    pub baseline: Field,
    pub numerator: Field,
    pub denominator: Field,
    pub planned: Field,
    pub rationale: Field,
    /// `Higher` or `Lower` where the board states the direction (blank where the layout has none).
    pub better: Field,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConditionAnswer {
    pub row: u32,
    pub code: Field,
    pub condition: Field,
    pub answer: Field,
    pub actions: Field,
    pub timeframe: Field,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryFigure {
    pub value: SummaryValue,
    pub label: String,
    /// One per planning year.
    pub values: Vec<Field>,
}

/// The pay-for-performance sheet, in rounds that have one, each figure with its cell.
#[derive(Clone, Debug, PartialEq)]
pub struct PayForPerformance {
    /// Baseline and planned emergency admissions, one per quarter.
    pub baseline: Vec<Field>,
    pub planned: Vec<Field>,
    pub baseline_total: Field,
    pub planned_total: Field,
    pub reduction: Field,
    pub reduction_percent: Field,
    pub cost: Field,
    pub cost_reason: Field,
    pub fund: Field,
    pub share: Field,
    pub required: Field,
    pub operating_plan: Field,
    pub case: Field,
}

impl PayForPerformance {
    /// The planned admissions, when every quarter holds a number.
    pub fn planned_numbers(&self) -> Option<Vec<f64>> {
        self.planned.iter().map(Field::number).collect()
    }

    /// The baseline admissions, when every quarter holds a number.
    pub fn baseline_numbers(&self) -> Option<Vec<f64>> {
        self.baseline.iter().map(Field::number).collect()
    }

    /// The planned reduction in admissions (baseline total − planned total) from the quarters as
    /// the sheet holds them, when all are numbers.
    /// The sheet's own totals (D10, F10) are used as the workbook holds them; where one is not a
    /// number, the quarters are added up instead.
    pub fn reduction(&self) -> Option<f64> {
        let baseline = self.baseline_total.number().or_else(|| Some(self.baseline_numbers()?.iter().sum()))?;
        let planned = self.planned_total.number().or_else(|| Some(self.planned_numbers()?.iter().sum()))?;
        Some(baseline - planned)
    }

    /// The fund the sheet's own formula gives: max(0, reduction) × cost.
    pub fn fund(&self) -> Option<f64> {
        Some(self.reduction()?.max(0.0) * self.cost.number()?)
    }
}

/// One board's row of `HWB Data`: the publisher's reference figures.
#[derive(Clone, Debug, PartialEq)]
pub struct HwbRecord {
    pub row: u32,
    pub code: String,
    pub name: String,
    /// Keyed by the profile's column key and year (`("dfg", 0)`, `("baseline:NEA", 0)`).
    pub values: BTreeMap<(String, usize), Field>,
}

impl HwbRecord {
    /// Whether this is the board a Cover names (spaces and case aside).
    pub fn is_named(&self, name: &str) -> bool {
        let name = name.trim();
        !name.is_empty() && self.name.trim().eq_ignore_ascii_case(name)
    }

    pub fn field(&self, key: &str, year: usize) -> Option<&Field> {
        self.values.get(&(key.to_string(), year))
    }

    pub fn number(&self, key: &str, year: usize) -> Option<f64> {
        self.field(key, year).and_then(Field::number)
    }

    /// `DFG Districts`: `Name=amount` pairs separated by `;`. Entries that do not parse are kept
    /// with no amount, so a rule can still see the district's name.
    pub fn districts(&self, year: usize) -> Vec<(String, Option<f64>)> {
        self.pairs(crate::profile::keys::DFG_DISTRICTS, year)
    }

    /// A column of `Name=amount` pairs separated by `;` (`DFG Districts`, `CCG Contributions`).
    pub fn pairs(&self, key: &str, year: usize) -> Vec<(String, Option<f64>)> {
        let text = self.field(key, year).map(Field::shown).unwrap_or_default();
        text.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|entry| match entry.split_once('=') {
                Some((name, amount)) => (name.trim().to_string(), amount.trim().parse().ok()),
                None => (entry.to_string(), None),
            })
            .collect()
    }
}

/// The extracted plan.
#[derive(Clone, Debug)]
pub struct Plan {
    pub profile: &'static Profile,
    pub cover: Cover,
    pub income: Income,
    pub schemes: Vec<Scheme>,
    pub metrics: Vec<MetricRow>,
    pub conditions: Vec<ConditionAnswer>,
    pub summary: Vec<SummaryFigure>,
    /// The pay-for-performance sheet, in rounds that have one.
    pub p4p: Option<PayForPerformance>,
    /// Every board in `HWB Data`; only the chosen board's record carries its figures.
    pub boards: Vec<HwbRecord>,
    /// Which of `boards` the Cover chose, if any.
    pub chosen: Option<usize>,
}

impl Plan {
    /// The `HWB Data` row of the board chosen on the Cover, if it is one.
    pub fn hwb(&self) -> Option<&HwbRecord> {
        self.chosen.and_then(|i| self.boards.get(i))
    }

    pub fn sheet_name(&self, kind: SheetKind) -> &'static str {
        kind.name(self.profile)
    }

    /// Every input and pre-populated cell the plan was read from, for cell-level checks
    /// (`cell.excel-error`, `cell.no-cached-value`). Labels and `HWB Data` are not included:
    /// the board's row is checked through the cells that use it.
    pub fn cells(&self) -> Vec<(SheetKind, &Field)> {
        let mut out: Vec<(SheetKind, &Field)> = Vec::new();
        let c = &self.cover;
        for f in c.version.iter().chain([&c.hwb, &c.completed_by, &c.email, &c.phone, &c.signed_off, &c.signoff_date]) {
            out.push((SheetKind::Cover, f));
        }
        for contact in &c.contacts {
            out.push((SheetKind::Cover, &contact.name));
            out.push((SheetKind::Cover, &contact.email));
        }
        for figure in &self.summary {
            out.extend(figure.values.iter().map(|f| (SheetKind::Summary, f)));
        }
        for row in &self.income.rows {
            out.push((SheetKind::Income, &row.organisation));
            out.extend(row.amounts.iter().map(|f| (SheetKind::Income, f)));
            out.push((SheetKind::Income, &row.description));
        }
        for f in self.income.minimums.iter().flatten() {
            out.push((SheetKind::Income, f));
        }
        for s in &self.schemes {
            out.push((SheetKind::Expenditure, &s.scheme_id));
            out.extend(s.details().into_iter().map(|f| (SheetKind::Expenditure, f)));
            out.extend(s.amounts.iter().map(|f| (SheetKind::Expenditure, f)));
            out.push((SheetKind::Expenditure, &s.new_existing));
        }
        for m in &self.metrics {
            for f in [&m.baseline, &m.numerator, &m.denominator, &m.planned, &m.rationale] {
                out.push((SheetKind::Metrics, f));
            }
        }
        for a in &self.conditions {
            for f in [&a.answer, &a.actions, &a.timeframe] {
                out.push((SheetKind::Conditions, f));
            }
        }
        if let Some(p) = &self.p4p {
            let kind = SheetKind::PayForPerformance;
            out.extend(p.baseline.iter().chain(&p.planned).map(|f| (kind, f)));
            for f in [
                &p.baseline_total,
                &p.planned_total,
                &p.reduction,
                &p.reduction_percent,
                &p.cost,
                &p.cost_reason,
                &p.fund,
                &p.share,
                &p.required,
                &p.operating_plan,
                &p.case,
            ] {
                out.push((kind, f));
            }
        }
        out
    }
}

impl Plan {
    /// Every extracted value, one line each: `name  sheet!cell = value` (`=` becomes `≡` for a
    /// formula's cached value). For golden tests and for debugging extraction.
    pub fn listing(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        let mut line = |name: &str, kind: SheetKind, f: &Field| {
            let sign = if f.formula { "≡" } else { "=" };
            lines.push(format!("{name:<28} {}!{} {sign} {}", self.sheet_name(kind), f.at, f.value.display()));
        };
        let c = &self.cover;
        if let Some(version) = &c.version {
            line("cover.version", SheetKind::Cover, version);
        }
        for (name, f) in [
            ("cover.hwb", &c.hwb),
            ("cover.completed_by", &c.completed_by),
            ("cover.email", &c.email),
            ("cover.phone", &c.phone),
            ("cover.signed_off", &c.signed_off),
            ("cover.signoff_date", &c.signoff_date),
        ] {
            line(name, SheetKind::Cover, f);
        }
        for (i, contact) in c.contacts.iter().enumerate() {
            line(&format!("contact[{i}].role"), SheetKind::Cover, &contact.role);
            line(&format!("contact[{i}].name"), SheetKind::Cover, &contact.name);
            line(&format!("contact[{i}].email"), SheetKind::Cover, &contact.email);
        }
        for s in &self.summary {
            for (y, f) in s.values.iter().enumerate() {
                line(&format!("summary.{}[{y}]", s.value.name()), SheetKind::Summary, f);
            }
        }
        for (i, r) in self.income.rows.iter().enumerate() {
            line(&format!("income[{i}].source"), SheetKind::Income, &r.source);
            line(&format!("income[{i}].organisation"), SheetKind::Income, &r.organisation);
            for (y, f) in r.amounts.iter().enumerate() {
                line(&format!("income[{i}].amount[{y}]"), SheetKind::Income, f);
            }
            line(&format!("income[{i}].description"), SheetKind::Income, &r.description);
        }
        for (layout, fields) in self.profile.income.minimums.iter().zip(&self.income.minimums) {
            for (y, f) in fields.iter().enumerate() {
                line(&format!("income.{}_minimum[{y}]", layout.id), SheetKind::Income, f);
            }
        }
        for (i, s) in self.schemes.iter().enumerate() {
            let fields = [
                ("scheme_id", &s.scheme_id),
                ("scheme_name", &s.scheme_name),
                ("description", &s.description),
                ("scheme_type", &s.scheme_type),
                ("sub_type", &s.sub_type),
                ("type_other", &s.type_other),
                ("area", &s.area),
                ("area_other", &s.area_other),
                ("commissioner", &s.commissioner),
                ("nhs_share", &s.nhs_share),
                ("la_share", &s.la_share),
                ("provider", &s.provider),
                ("source", &s.source),
            ];
            for (name, f) in fields {
                line(&format!("scheme[{i}].{name}"), SheetKind::Expenditure, f);
            }
            for (y, f) in s.amounts.iter().enumerate() {
                line(&format!("scheme[{i}].amount[{y}]"), SheetKind::Expenditure, f);
            }
            line(&format!("scheme[{i}].new_existing"), SheetKind::Expenditure, &s.new_existing);
        }
        for (i, m) in self.metrics.iter().enumerate() {
            let fields = [
                ("metric", &m.metric),
                ("code", &m.code),
                ("period", &m.period),
                ("baseline", &m.baseline),
                ("numerator", &m.numerator),
                ("denominator", &m.denominator),
                ("planned", &m.planned),
                ("rationale", &m.rationale),
            ];
            for (name, f) in fields {
                line(&format!("metric[{i}].{name}"), SheetKind::Metrics, f);
            }
        }
        for (i, a) in self.conditions.iter().enumerate() {
            for (name, f) in [
                ("code", &a.code),
                ("condition", &a.condition),
                ("answer", &a.answer),
                ("actions", &a.actions),
                ("timeframe", &a.timeframe),
            ] {
                line(&format!("condition[{i}].{name}"), SheetKind::Conditions, f);
            }
        }
        if let Some(p) = &self.p4p {
            for (i, (b, pl)) in p.baseline.iter().zip(&p.planned).enumerate() {
                line(&format!("p4p.baseline[{i}]"), SheetKind::PayForPerformance, b);
                line(&format!("p4p.planned[{i}]"), SheetKind::PayForPerformance, pl);
            }
            for (name, f) in [
                ("p4p.baseline_total", &p.baseline_total),
                ("p4p.planned_total", &p.planned_total),
                ("p4p.reduction", &p.reduction),
                ("p4p.reduction_percent", &p.reduction_percent),
                ("p4p.cost", &p.cost),
                ("p4p.cost_reason", &p.cost_reason),
                ("p4p.fund", &p.fund),
                ("p4p.share", &p.share),
                ("p4p.required", &p.required),
                ("p4p.operating_plan", &p.operating_plan),
                ("p4p.case", &p.case),
            ] {
                line(name, SheetKind::PayForPerformance, f);
            }
        }
        let board = self.hwb();
        if let Some(board) = board {
            for ((key, year), f) in &board.values {
                line(&format!("board.{key}[{year}]"), SheetKind::HwbData, f);
            }
        }
        lines.push(format!("boards: {}", self.boards.len()));
        if let Some(board) = board {
            lines.push(format!("board: {} {} (HWB Data row {})", board.code, board.name, board.row));
        }
        lines.join("\n") + "\n"
    }
}
