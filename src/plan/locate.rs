//! Finding a template label where the user's edits have left it.

use crate::workbook::{CellRef, Sheet, Value};

/// Where a label was found relative to where the template puts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    InPlace,
    Moved { to: CellRef },
    NotFound,
}

impl Anchor {
    /// Rows and columns to add to the template's addresses to read relative to the label.
    pub fn shift(self, expected: CellRef) -> (i64, i64) {
        match self {
            Anchor::Moved { to } => {
                (i64::from(to.row) - i64::from(expected.row), i64::from(to.col) - i64::from(expected.col))
            }
            Anchor::InPlace | Anchor::NotFound => (0, 0),
        }
    }
}

/// Labels match ignoring case, repeated spaces, line breaks and a trailing colon: these differ
/// between Excel versions and LibreOffice round trips without the label meaning anything else.
pub fn same_label(cell_text: &str, label: &str) -> bool {
    normalise(cell_text) == normalise(label)
}

fn normalise(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").trim_end_matches(':').trim().to_lowercase()
}

fn text_at(sheet: &Sheet, at: CellRef) -> Option<&str> {
    match sheet.value(at) {
        Value::Text(t) => Some(t.as_str()),
        _ => None,
    }
}

/// Looks for `label` at `expected`, then in the same column (nearest row first), then anywhere on
/// the sheet (row by row).
pub fn find_label(sheet: &Sheet, label: &str, expected: CellRef) -> Anchor {
    if text_at(sheet, expected).is_some_and(|t| same_label(t, label)) {
        return Anchor::InPlace;
    }
    let matching = || {
        sheet.cells.iter().filter_map(|(at, cell)| match &cell.value {
            Value::Text(t) if same_label(t, label) => Some(*at),
            _ => None,
        })
    };
    let in_column = matching()
        .filter(|at| at.col == expected.col)
        .min_by_key(|at| (i64::from(at.row) - i64::from(expected.row)).abs());
    match in_column.or_else(|| matching().next()) {
        Some(to) => Anchor::Moved { to },
        None => Anchor::NotFound,
    }
}

/// Looks for a column header along one row, for tables whose columns a user moved.
pub fn find_in_row(sheet: &Sheet, label: &str, row: u32) -> Option<u32> {
    sheet
        .cells
        .range(CellRef::new(row, 1)..CellRef::new(row + 1, 1))
        .find(|(_, cell)| matches!(&cell.value, Value::Text(t) if same_label(t, label)))
        .map(|(at, _)| at.col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(cells: &[(&str, &str)]) -> Sheet {
        let mut s = Sheet::new("test");
        for (at, text) in cells {
            s.set(CellRef::parse(at).unwrap(), Value::Text(text.to_string()));
        }
        s
    }

    fn check(cells: &[(&str, &str)], label: &str, expected: &str, want: Option<&str>) {
        let found = find_label(&sheet(cells), label, CellRef::parse(expected).unwrap());
        let want = match want {
            None => Anchor::NotFound,
            Some(at) if at == expected => Anchor::InPlace,
            Some(at) => Anchor::Moved { to: CellRef::parse(at).unwrap() },
        };
        assert_eq!(found, want, "{label} expected at {expected}");
    }

    #[test]
    fn finds_labels() {
        check(&[("B6", "Completed by:")], "Completed by:", "B6", Some("B6"));
        check(&[("B6", "  completed   BY ")], "Completed by:", "B6", Some("B6"));
        check(&[("B8", "Completed by:")], "Completed by:", "B6", Some("B8"));
        check(&[("B2", "Completed by:"), ("B9", "Completed by:")], "Completed by:", "B8", Some("B9"));
        check(&[("D3", "Completed by:")], "Completed by:", "B6", Some("D3"));
        check(&[("B6", "Something else")], "Completed by:", "B6", None);
    }

    #[test]
    fn shifts_are_relative_to_the_template() {
        let expected = CellRef::parse("B6").unwrap();
        let moved = Anchor::Moved { to: CellRef::parse("C9").unwrap() };
        assert_eq!(moved.shift(expected), (3, 1));
        assert_eq!(Anchor::NotFound.shift(expected), (0, 0));
    }
}
