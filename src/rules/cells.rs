//! `cell.excel-error` and `cell.no-cached-value`: problems with a cell itself, whatever it holds.

use super::{Sink, CELL_EXCEL_ERROR, CELL_NO_CACHED_VALUE};
use crate::workbook::Value;

pub fn check(sink: &mut Sink) {
    let plan = sink.plan;
    for (kind, field) in plan.cells() {
        match &field.value {
            Value::Error(error) if field.formula => sink.field(
                CELL_EXCEL_ERROR,
                kind,
                field,
                format!("This cell shows the Excel error {error} instead of a value."),
                "This figure comes from a formula. Check the board chosen on the Cover and any cells the formula uses; if the formula was changed, copy your figures into a fresh copy of the template.",
            ),
            Value::Error(error) => sink.field(
                CELL_EXCEL_ERROR,
                kind,
                field,
                format!("This cell shows the Excel error {error} instead of a value."),
                "Replace it with the value that belongs here.",
            ),
            Value::Empty if field.formula => sink.field(
                CELL_NO_CACHED_VALUE,
                kind,
                field,
                "This cell has a formula but no calculated value, so the file was saved without being recalculated.",
                "Open the file in Excel, recalculate (press Ctrl, Alt and F9 together), save it, then check it again.",
            ),
            _ => {}
        }
    }
}
