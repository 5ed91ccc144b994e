//! `number.not-numeric` and `number.out-of-range`, shared by every sheet with numeric inputs.

use super::{Sink, NUMBER_NOT_NUMERIC, NUMBER_OUT_OF_RANGE};
use crate::plan::{Field, SheetKind};
use crate::report::words::{number, quote};
use crate::workbook::Value;

/// Checks a numeric input. Returns its number when it is one within `min..=max`; blank cells and
/// Excel errors give `None` without a finding here (other rules own those). `what` names the
/// value in a message; it is only called when there is one to write.
pub fn checked(
    sink: &mut Sink,
    kind: SheetKind,
    field: &Field,
    what: impl FnOnce() -> String,
    min: f64,
    max: f64,
) -> Option<f64> {
    match &field.value {
        Value::Empty | Value::Error(_) => None,
        Value::Text(t) if t.trim().is_empty() => None,
        Value::Number(n) if n.is_finite() => {
            if *n < min || *n > max {
                sink.field(
                    NUMBER_OUT_OF_RANGE,
                    kind,
                    field,
                    format!("{} is {}. It must be between {} and {}.", what(), number(*n), number(min), number(max)),
                    format!("Enter a number from {} to {}.", number(min), number(max)),
                );
                None
            } else {
                Some(*n)
            }
        }
        other => {
            sink.field(
                NUMBER_NOT_NUMERIC,
                kind,
                field,
                format!("{} is {}, which is not a number.", what(), quote(&other.display())),
                "Enter a number only, without words, units or symbols. Excel's own totals ignore text, so this amount is left out of them.",
            );
            None
        }
    }
}

/// How a cell that should hold `expected` differs from it, in words for a message (`£1,200`,
/// `“TBC”`, or `blank` for an empty cell); `None` when it matches to within `tolerance`, or when
/// it holds an Excel error or a formula with no cached value (those have findings of their own).
pub fn differs(field: &Field, expected: f64, tolerance: f64, show: fn(f64) -> String, blank: &str) -> Option<String> {
    match &field.value {
        Value::Number(n) if (n - expected).abs() <= tolerance => None,
        Value::Number(n) => Some(show(*n)),
        Value::Error(_) => None,
        Value::Empty if field.formula => None,
        other if other.is_blank() => Some(blank.to_string()),
        other => Some(quote(&other.display())),
    }
}
