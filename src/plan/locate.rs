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
    // The label as the template wrote it (the usual case) needs no normalising.
    if cell_text == label {
        return true;
    }
    let mut a = String::new();
    let mut b = String::new();
    normalise_into(cell_text, &mut a);
    normalise_into(label, &mut b);
    a == b
}

/// The longest text, in characters other than spaces, that can be a template label. Longer text
/// is never a label, so the index skips it without normalising it.
const MAX_LABEL_CHARS: usize = 200;

/// Writes the normalised form of `text` into `out` (cleared first): words joined by one space,
/// a trailing colon dropped, lower case. Reusing `out` keeps indexing a sheet free of allocation.
fn normalise_into(text: &str, out: &mut String) {
    out.clear();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
    while out.ends_with(':') {
        out.pop();
    }
    while out.ends_with(' ') {
        out.pop();
    }
}

fn hash_of(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Every cell of a sheet that could be a label, by the hash of its normalised text: built once per
/// sheet in one pass, so finding all of a template's labels costs time linear in the sheet's cells
/// rather than a scan of the whole sheet per label. 16 bytes a candidate cell.
pub struct LabelIndex {
    /// (hash of normalised text, cell), sorted.
    entries: Vec<(u64, CellRef)>,
}

impl LabelIndex {
    pub fn new(sheet: &Sheet) -> LabelIndex {
        let mut buffer = String::new();
        let mut entries = Vec::new();
        for (at, cell) in &sheet.cells {
            let Value::Text(text) = &cell.value else { continue };
            if text.chars().filter(|c| !c.is_whitespace()).nth(MAX_LABEL_CHARS).is_some() {
                continue;
            }
            normalise_into(text, &mut buffer);
            if !buffer.is_empty() {
                entries.push((hash_of(&buffer), *at));
            }
        }
        // Sorted by hash, then by cell: each label's cells come out in row-major order.
        entries.sort_unstable();
        LabelIndex { entries }
    }

    /// The cells holding `label`, in row-major order.
    fn cells_with(&self, sheet: &Sheet, label: &str) -> Vec<CellRef> {
        let mut buffer = String::new();
        normalise_into(label, &mut buffer);
        let hash = hash_of(&buffer);
        let start = self.entries.partition_point(|(h, _)| *h < hash);
        self.entries[start..]
            .iter()
            .take_while(|(h, _)| *h == hash)
            .map(|(_, at)| *at)
            // A hash match is confirmed against the text itself.
            .filter(|at| text_at(sheet, *at).is_some_and(|t| same_label(t, label)))
            .collect()
    }
}

fn text_at(sheet: &Sheet, at: CellRef) -> Option<&str> {
    match sheet.value(at) {
        Value::Text(t) => Some(t),
        _ => None,
    }
}

/// Looks for `label` at `expected`, then in the same column (nearest row first), then anywhere on
/// the sheet (row by row).
pub fn find_label(index: &LabelIndex, sheet: &Sheet, label: &str, expected: CellRef) -> Anchor {
    if text_at(sheet, expected).is_some_and(|t| same_label(t, label)) {
        return Anchor::InPlace;
    }
    let matching = index.cells_with(sheet, label);
    let in_column = matching
        .iter()
        .filter(|at| at.col == expected.col)
        .min_by_key(|at| (i64::from(at.row) - i64::from(expected.row)).abs());
    match in_column.or_else(|| matching.first()) {
        Some(to) => Anchor::Moved { to: *to },
        None => Anchor::NotFound,
    }
}

/// Looks for a column header along one row, for tables whose columns a user moved.
pub fn find_in_row(sheet: &Sheet, label: &str, row: u32) -> Option<u32> {
    let mut wanted = String::new();
    normalise_into(label, &mut wanted);
    let mut buffer = String::new();
    sheet
        .cells
        .range(CellRef::new(row, 1)..CellRef::new(row.saturating_add(1), 1))
        .find(|(_, cell)| match &cell.value {
            Value::Text(t) => {
                normalise_into(t, &mut buffer);
                buffer == wanted
            }
            _ => false,
        })
        .map(|(at, _)| at.col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(cells: &[(&str, &str)]) -> Sheet {
        let mut s = Sheet::new("test");
        for (at, text) in cells {
            s.set(CellRef::parse(at).unwrap(), Value::Text((*text).into()));
        }
        s
    }

    fn check(cells: &[(&str, &str)], label: &str, expected: &str, want: Option<&str>) {
        let sheet = sheet(cells);
        let found = find_label(&LabelIndex::new(&sheet), &sheet, label, CellRef::parse(expected).unwrap());
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
