//! A workbook's data validations, tested on the values its cells hold, as Excel compares them.

use std::collections::HashMap;

use super::{excel_error, Cells, Judged, OwnCheckSummary, Places};
use crate::catalogue::{Rule, VALIDATION_NOT_IN_LIST, VALIDATION_OUT_OF_RANGE, VALIDATION_WRONG_TYPE};
use crate::report::words::{number, quote};
use crate::report::{Finding, Severity};
use crate::workbook::{
    date_from_serial, parse_uk_date, CellRange, CellRef, ErrorStyle, Operator, Sheet, Validation, ValidationKind,
    Value, Workbook,
};

/// The most list values read for all the workbook's lists together.
pub const MAX_LIST_VALUES: usize = 100_000;
/// The most validation ranges looked at while testing cells, all sheets together: far above a
/// real workbook, and a bound on a hostile one (what is left is said to be not checked).
const MAX_VISITS: usize = 20_000_000;

/// A list's allowed values, as Excel compares them: text ignoring letter case (surrounding spaces
/// count), numbers by value.
#[derive(Default)]
struct Allowed {
    /// Each value in lower case → its position in `listed`.
    texts: HashMap<String, usize>,
    /// The same with the spaces around it taken off, to say why a padded value does not match.
    trimmed: HashMap<String, usize>,
    /// The values as listed.
    listed: Vec<String>,
    /// The numbers listed, sorted ([`Allowed::finish`]): a cell's number is looked up, not
    /// compared with each.
    numbers: Vec<f64>,
    /// The first few values as shown, for the message.
    shown: Vec<String>,
    len: usize,
}

impl Allowed {
    fn add(&mut self, value: &Value) {
        let text = match value {
            Value::Empty | Value::Error(_) => return,
            Value::Number(n) | Value::Date(n) => {
                self.numbers.push(*n);
                value.display()
            }
            other => other.display(),
        };
        if text.is_empty() {
            return;
        }
        self.len += 1;
        if self.shown.len() < 10 {
            self.shown.push(text.clone());
        }
        let lower = text.to_lowercase();
        let at = self.listed.len();
        self.trimmed.entry(lower.trim().to_string()).or_insert(at);
        self.texts.entry(lower).or_insert(at);
        self.listed.push(text);
    }

    fn allows(&self, value: &Value) -> bool {
        match value {
            Value::Number(n) | Value::Date(n) => {
                self.has_number(*n) || self.texts.contains_key(&value.display().to_lowercase())
            }
            other => self.texts.contains_key(&other.display().to_lowercase()),
        }
    }

    /// Sorts the numbers, once all are added.
    fn finish(mut self) -> Self {
        self.numbers.sort_by(f64::total_cmp);
        self
    }

    /// Whether a listed number equals `n` to within a billionth of itself (or of 1): those near
    /// enough lie in a narrow window of the sorted numbers.
    fn has_number(&self, n: f64) -> bool {
        let equal = |m: f64| (m - n).abs() <= 1e-9 * m.abs().max(1.0);
        let reach = 2e-9 * n.abs().max(1.0);
        let first = self.numbers.partition_point(|m| *m < n - reach);
        self.numbers[first..].iter().take_while(|m| **m <= n + reach).any(|m| equal(*m))
    }

    /// "Social Care, Community Health and 5 more".
    fn in_words(&self) -> String {
        let quoted: Vec<String> = self.shown.iter().map(|s| format!("“{s}”")).collect();
        if self.len > self.shown.len() {
            format!("{} and {} more", quoted.join(", "), self.len - self.shown.len())
        } else {
            crate::report::words::and_list(&quoted)
        }
    }
}

/// How one validation is tested, worked out once.
enum Test {
    /// A list, by its place in [`Lists`]: its values are read the first time a cell needs them
    /// (most listed cells are the round's to judge, so most lists are never read).
    List(usize),
    Number {
        whole: bool,
        operator: Operator,
        low: f64,
        high: f64,
    },
    Date {
        operator: Operator,
        low: f64,
        high: f64,
    },
    TextLength {
        operator: Operator,
        low: f64,
        high: f64,
    },
}

pub(super) fn check(
    workbook: &Workbook,
    places: &Places<'_>,
    judged: Judged<'_>,
    findings: &mut Vec<Finding>,
    summary: &mut OwnCheckSummary,
    errors_seen: &mut Cells,
) {
    let mut lists = Lists::default();
    let mut visits = 0usize;
    for (sheet_index, sheet) in workbook.sheets.iter().enumerate() {
        // Hidden sheets hold the publisher's data: not tested.
        if sheet.hidden {
            continue;
        }
        summary.past_limits += sheet.validations_not_read;
        if sheet.validations.is_empty() {
            continue;
        }
        let workbook_index = places.index_of(&sheet.name);
        let mut tests: Vec<(Test, Severity)> = Vec::new();
        let mut index = RangeIndex::default();
        for v in &sheet.validations {
            let test = match v.kind {
                ValidationKind::Any => continue,
                ValidationKind::List => lists.add(v, sheet, workbook_index, places).map(Test::List),
                ValidationKind::Whole | ValidationKind::Decimal => bounds(v).map(|(low, high)| Test::Number {
                    whole: v.kind == ValidationKind::Whole,
                    operator: v.operator,
                    low,
                    high,
                }),
                ValidationKind::Date => bounds(v).map(|(low, high)| Test::Date { operator: v.operator, low, high }),
                ValidationKind::TextLength => {
                    bounds(v).map(|(low, high)| Test::TextLength { operator: v.operator, low, high })
                }
                ValidationKind::Time | ValidationKind::Custom => None,
            };
            let Some(test) = test else {
                summary.not_evaluated += 1;
                continue;
            };
            let severity = match v.error_style {
                ErrorStyle::Stop => Severity::Error,
                ErrorStyle::Warning | ErrorStyle::Information => Severity::Warning,
            };
            index.add(tests.len(), &v.ranges);
            tests.push((test, severity));
        }
        summary.validations += tests.len();
        let mut judged_here = judged.of_sheet(sheet_index);
        // One walk of the sheet's cells, each tested by the first validation that covers it (as
        // Excel applies one validation to a cell).
        for (&at, cell) in &sheet.cells {
            let value = &cell.value;
            if value.is_blank() {
                continue;
            }
            let Some(v) = index.first_covering(at, &mut visits) else { continue };
            if judged_here.contains(at) {
                continue;
            }
            if visits > MAX_VISITS {
                // A hostile number of overlapping ranges: the rest is said to be not checked.
                summary.past_limits += 1;
                break;
            }
            let Some((test, severity)) = tests.get(v) else { continue };
            if let Value::Error(e) = value {
                if errors_seen.insert((sheet_index, at)) {
                    findings.push(excel_error(&sheet.name, at, e));
                }
                continue;
            }
            let refused = match test {
                Test::List(i) => match lists.allowed(*i) {
                    Some(allowed) => refuse_list(allowed, value),
                    None => continue,
                },
                other => refuse(other, value),
            };
            if let Some((rule, message, hint)) = refused {
                findings.push(Finding::new(rule.id, *severity, message, hint).at(&sheet.name, CellRange::single(at)));
            }
        }
    }
    summary.past_limits += lists.too_long;
}

/// The values of the drop-down list on `column` of `sheet` in the rows `rows` (the first list
/// validation covering a cell there), as the workbook lists them; `None` when there is none, or
/// Excel works it out with a formula (`INDIRECT`), or it is past the limit on list values. What
/// `profile derive` reads a template's own lists with.
pub fn list_in_column(workbook: &Workbook, sheet: &str, column: u32, rows: (u32, u32)) -> Option<Vec<String>> {
    let places = Places::new(workbook);
    let on = places.sheet(sheet)?;
    let v = on.validations.iter().find(|v| {
        v.kind == ValidationKind::List
            && v.ranges
                .iter()
                .any(|r| (r.start.col..=r.end.col).contains(&column) && r.start.row <= rows.1 && r.end.row >= rows.0)
    })?;
    let mut lists = Lists::default();
    let at = lists.add(v, on, places.index_of(&on.name), &places)?;
    lists.allowed(at).map(|a| a.listed.clone())
}

/// Where a list's values come from, worked out from its formula alone.
enum ListSource<'w> {
    Inline(String),
    Range(&'w Sheet, CellRange),
}

/// The workbook's lists, each source once: its values read when first needed.
#[derive(Default)]
struct Lists<'w> {
    /// Each source (on a sheet) → its place in `sources`.
    by_source: HashMap<String, usize>,
    sources: Vec<(ListSource<'w>, Option<Option<Allowed>>)>,
    /// Values read so far, all lists together.
    values: usize,
    /// Lists past the limit on values: not checked.
    too_long: usize,
}

impl<'w> Lists<'w> {
    /// A list validation's place, or `None` when Excel would work the list out with a formula
    /// (`INDIRECT`, `OFFSET`) or its source is not a range on a sheet that was read.
    fn add(
        &mut self,
        v: &Validation,
        sheet: &'w Sheet,
        sheet_index: Option<usize>,
        places: &Places<'w>,
    ) -> Option<usize> {
        let key = format!("{}\u{0}{}", sheet.name, v.formula1);
        if let Some(&at) = self.by_source.get(&key) {
            return Some(at);
        }
        let formula = v.formula1.trim();
        let source = match formula.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            Some(inline) => ListSource::Inline(inline.replace("\"\"", "\"")),
            None => {
                let (name, range) = places.reference(formula, &sheet.name, sheet_index)?;
                ListSource::Range(places.sheet(&name)?, range)
            }
        };
        self.sources.push((source, None));
        self.by_source.insert(key, self.sources.len() - 1);
        Some(self.sources.len() - 1)
    }

    /// The list's allowed values, read now if they were not yet; `None` past the limit.
    fn allowed(&mut self, at: usize) -> Option<&Allowed> {
        let (source, read) = self.sources.get_mut(at)?;
        if read.is_none() {
            let allowed = read_list(source, &mut self.values);
            self.too_long += usize::from(allowed.is_none());
            *read = Some(allowed);
        }
        read.as_ref().and_then(Option::as_ref)
    }
}

/// Which validation covers a cell: the narrow ranges by column (a template's validations are
/// columns and single cells), the wide ones (a whole sheet) in a list of their own.
#[derive(Default)]
struct RangeIndex {
    /// Column → (first row, last row, validation), for ranges a few columns wide.
    by_column: Vec<Vec<(u32, u32, usize)>>,
    wide: Vec<(CellRange, usize)>,
    entries: usize,
}

impl RangeIndex {
    /// Ranges up to this many columns wide are indexed by column.
    const NARROW: u32 = 16;
    /// The most column entries kept: past it, ranges go to the wide list.
    const MAX_ENTRIES: usize = 1_000_000;

    fn add(&mut self, validation: usize, ranges: &[CellRange]) {
        for r in ranges {
            let width = r.end.col - r.start.col + 1;
            if width > Self::NARROW || self.entries + width as usize > Self::MAX_ENTRIES {
                self.wide.push((*r, validation));
                continue;
            }
            let needed = r.end.col as usize + 1;
            if self.by_column.len() < needed {
                self.by_column.resize_with(needed, Vec::new);
            }
            for col in r.start.col..=r.end.col {
                self.by_column[col as usize].push((r.start.row, r.end.row, validation));
            }
            self.entries += width as usize;
        }
    }

    /// The first validation (in the sheet's order) covering `at`, counting the entries looked at.
    fn first_covering(&self, at: CellRef, visits: &mut usize) -> Option<usize> {
        let column = self.by_column.get(at.col as usize).map_or(&[][..], Vec::as_slice);
        *visits += column.len() + self.wide.len();
        let narrow = column.iter().filter(|(first, last, _)| (*first..=*last).contains(&at.row)).map(|(_, _, v)| *v);
        let wide = self.wide.iter().filter(|(r, _)| {
            (r.start.row..=r.end.row).contains(&at.row) && (r.start.col..=r.end.col).contains(&at.col)
        });
        narrow.chain(wide.map(|(_, v)| *v)).min()
    }
}

/// The cells present in `range`: one walk of the rows it spans.
fn cells_in(sheet: &Sheet, range: CellRange) -> impl Iterator<Item = &Value> {
    sheet
        .cells
        .range(CellRef::new(range.start.row, 0)..=CellRef::new(range.end.row, u32::MAX))
        .filter(move |(at, _)| (range.start.col..=range.end.col).contains(&at.col))
        .map(|(_, cell)| &cell.value)
}

/// A list's allowed values, counted against the limit on list values (`None` past it).
fn read_list(source: &ListSource<'_>, values: &mut usize) -> Option<Allowed> {
    let mut allowed = Allowed::default();
    match source {
        ListSource::Inline(inline) => {
            for item in inline.split(',') {
                *values += 1;
                if *values > MAX_LIST_VALUES {
                    return None;
                }
                allowed.add(&Value::Text(item.into()));
                // A space after a comma is the writer's, not part of the value.
                let trimmed = item.trim();
                if trimmed != item {
                    let at = allowed.listed.len() - 1;
                    allowed.texts.entry(trimmed.to_lowercase()).or_insert(at);
                }
            }
        }
        ListSource::Range(sheet, range) => {
            for value in cells_in(sheet, *range) {
                *values += 1;
                if *values > MAX_LIST_VALUES {
                    return None;
                }
                allowed.add(value);
            }
        }
    }
    Some(allowed.finish())
}

/// Constant bounds (`0`, `1000000000`); `None` when a bound is a formula or a cell.
fn bounds(v: &Validation) -> Option<(f64, f64)> {
    let parse = |f: &str| f.trim().trim_start_matches('=').trim().parse::<f64>().ok().filter(|n| n.is_finite());
    let low = parse(&v.formula1)?;
    let high = match v.operator {
        Operator::Between | Operator::NotBetween => parse(&v.formula2)?,
        _ => low,
    };
    Some((low, high))
}

fn passes(operator: Operator, n: f64, low: f64, high: f64) -> bool {
    match operator {
        Operator::Between => n >= low && n <= high,
        Operator::NotBetween => n < low || n > high,
        Operator::Equal => n == low,
        Operator::NotEqual => n != low,
        Operator::GreaterThan => n > low,
        Operator::LessThan => n < low,
        Operator::GreaterThanOrEqual => n >= low,
        Operator::LessThanOrEqual => n <= low,
    }
}

/// "between 0 and 1,000,000,000", "at least 0".
fn bounds_in_words(operator: Operator, low: &str, high: &str) -> String {
    match operator {
        Operator::Between => format!("between {low} and {high}"),
        Operator::NotBetween => format!("less than {low} or more than {high}"),
        Operator::Equal => format!("equal to {low}"),
        Operator::NotEqual => format!("anything but {low}"),
        Operator::GreaterThan => format!("more than {low}"),
        Operator::LessThan => format!("less than {low}"),
        Operator::GreaterThanOrEqual => format!("{low} or more"),
        Operator::LessThanOrEqual => format!("{low} or less"),
    }
}

fn date_words(serial: f64) -> String {
    date_from_serial(serial).map_or_else(|| number(serial), |(y, m, d)| format!("{d:02}/{m:02}/{y:04}"))
}

/// Why a list refuses this value, if it does: the rule, the message and the hint.
fn refuse_list(allowed: &Allowed, value: &Value) -> Option<(Rule, String, String)> {
    let shown = quote(&value.display());
    if allowed.allows(value) {
        return None;
    }
    if let Value::Text(t) = value {
        if let Some(listed) = allowed.trimmed.get(t.to_lowercase().trim()).and_then(|&i| allowed.listed.get(i)) {
            let padding = if t.starts_with(char::is_whitespace) && t.ends_with(char::is_whitespace) {
                "spaces before and after it"
            } else if t.starts_with(char::is_whitespace) {
                "a space before it"
            } else {
                "a space after it"
            };
            return Some((
                VALIDATION_NOT_IN_LIST,
                format!("{shown} has {padding}, so it does not match “{listed}” in this cell's drop-down list. Excel's formulas will not count it either."),
                "Choose the value from the drop-down list in the cell, or delete the extra spaces.".to_string(),
            ));
        }
    }
    Some((
        VALIDATION_NOT_IN_LIST,
        format!("{shown} is not one of the choices in this cell's drop-down list. The choices are {}.", allowed.in_words()),
        "Choose a value from the drop-down list in the cell. Excel does not check a value that was pasted or filled into a cell, so check values you copied from elsewhere.".to_string(),
    ))
}

/// Why a number, date or length limit refuses this value, if it does.
fn refuse(test: &Test, value: &Value) -> Option<(Rule, String, String)> {
    let shown = quote(&value.display());
    match test {
        Test::List(_) => None,
        Test::Number { whole, operator, low, high } => {
            let range = bounds_in_words(*operator, &number(*low), &number(*high));
            let kind = if *whole { "a whole number" } else { "a number" };
            let n = match value {
                Value::Number(n) | Value::Date(n) => *n,
                _ => {
                    return Some((
                        VALIDATION_WRONG_TYPE,
                        format!("This cell must hold {kind} {range}, but it holds the text {shown}."),
                        "Type the number without words or symbols. If Excel shows a small green triangle in the corner, the number is stored as text: convert it to a number.".to_string(),
                    ))
                }
            };
            if *whole && n.fract() != 0.0 {
                return Some((
                    VALIDATION_OUT_OF_RANGE,
                    format!("This cell must hold a whole number {range}, but it holds {}.", number(n)),
                    "Round the figure to a whole number.".to_string(),
                ));
            }
            (!passes(*operator, n, *low, *high)).then(|| {
                (
                    VALIDATION_OUT_OF_RANGE,
                    format!("This cell must hold {kind} {range}, but it holds {}.", number(n)),
                    "Change the figure so that it is within the limits the template sets.".to_string(),
                )
            })
        }
        Test::Date { operator, low, high } => {
            let range = bounds_in_words(*operator, &date_words(*low), &date_words(*high));
            let serial = match value {
                Value::Number(n) | Value::Date(n) => Some(*n),
                Value::Text(t) => parse_uk_date(t),
                _ => None,
            };
            let Some(serial) = serial else {
                return Some((
                    VALIDATION_WRONG_TYPE,
                    format!("This cell must hold a date {range}, but it holds {shown}."),
                    "Type the date as day, month and year, for example 30/04/2025.".to_string(),
                ));
            };
            (!passes(*operator, serial.floor(), *low, *high)).then(|| {
                (
                    VALIDATION_OUT_OF_RANGE,
                    format!("This cell must hold a date {range}, but it holds {}.", date_words(serial)),
                    "Change the date so that it is within the limits the template sets.".to_string(),
                )
            })
        }
        Test::TextLength { operator, low, high } => {
            let Value::Text(t) = value else { return None };
            let length = t.chars().count() as f64;
            (!passes(*operator, length, *low, *high)).then(|| {
                let range = bounds_in_words(*operator, &number(*low), &number(*high));
                (
                    VALIDATION_OUT_OF_RANGE,
                    format!(
                        "The text in this cell must be {range} characters long, but it is {} characters long.",
                        number(length)
                    ),
                    "Shorten or complete the text so that it fits the template's limit.".to_string(),
                )
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list_of(items: &[Value]) -> Allowed {
        let mut allowed = Allowed::default();
        for item in items {
            allowed.add(item);
        }
        allowed.finish()
    }

    #[test]
    fn list_values_compare_as_excel_compares_them() {
        let allowed = list_of(&[Value::Text("Social Care".into()), Value::Number(5.0)]);
        assert!(allowed.allows(&Value::Text("social care".into())));
        assert!(allowed.allows(&Value::Text("SOCIAL CARE".into())));
        assert!(!allowed.allows(&Value::Text("Social Care ".into())), "spaces count");
        assert!(allowed.allows(&Value::Number(5.0)));
        assert!(allowed.allows(&Value::Text("5".into())));
        let refused = refuse_list(&allowed, &Value::Text("Social Care ".into()));
        let (rule, message, _) = refused.expect("a padded value is refused");
        assert_eq!(rule, VALIDATION_NOT_IN_LIST);
        assert!(message.contains("a space after it"), "{message}");
    }

    #[test]
    fn listed_numbers_are_found_among_many_as_excel_matches_them() {
        let many: Vec<Value> = (0..100_000).map(|i| Value::Number(f64::from(i) * 0.5 - 1000.0)).collect();
        let allowed = list_of(&many);
        for n in [-1000.0, -0.5, 0.0, 12.5, 48_999.5] {
            assert!(allowed.allows(&Value::Number(n)), "{n}");
        }
        // Within a billionth, as stored figures differ; not beyond it.
        assert!(allowed.allows(&Value::Number(12.5 + 1e-9)));
        assert!(!allowed.allows(&Value::Number(12.5 + 1e-6)));
        assert!(!allowed.allows(&Value::Number(49_000.0)));
        assert!(!allowed.allows(&Value::Number(-1000.25)));
    }

    #[test]
    fn numbers_are_held_to_their_bounds() {
        let test = Test::Number { whole: true, operator: Operator::Between, low: 0.0, high: 1e9 };
        assert!(refuse(&test, &Value::Number(12.0)).is_none());
        let (rule, message, _) = refuse(&test, &Value::Number(-1.0)).expect("below");
        assert_eq!(rule, VALIDATION_OUT_OF_RANGE);
        assert!(message.contains("between 0 and 1,000,000,000"), "{message}");
        assert_eq!(refuse(&test, &Value::Number(1.5)).map(|r| r.0), Some(VALIDATION_OUT_OF_RANGE));
        assert_eq!(refuse(&test, &Value::Text("9.5m".into())).map(|r| r.0), Some(VALIDATION_WRONG_TYPE));
        let at_least = Test::Number { whole: false, operator: Operator::GreaterThanOrEqual, low: 0.0, high: 0.0 };
        assert!(refuse(&at_least, &Value::Number(0.0)).is_none());
        assert!(refuse(&at_least, &Value::Number(-0.5)).is_some());
    }
}
