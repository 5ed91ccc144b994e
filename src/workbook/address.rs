//! A1 addresses exactly as Excel shows them: columns A..Z, AA..AZ, BA.., rows from 1.

use std::fmt;

/// The largest column Excel allows (XFD).
pub const MAX_COLUMN: u32 = 16_384;
/// The largest row Excel allows.
pub const MAX_ROW: u32 = 1_048_576;

/// One cell's position, 1-based, as a user sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::workbook))]
pub struct CellRef {
    /// Row number, 1-based (row first so that sorting is row-major).
    pub row: u32,
    /// Column number, 1-based (A = 1).
    pub col: u32,
}

impl CellRef {
    pub const fn new(row: u32, col: u32) -> Self {
        CellRef { row, col }
    }

    /// Parses `"AA12"` (case-insensitive, `$` signs allowed). `None` for anything else.
    pub fn parse(text: &str) -> Option<CellRef> {
        let text = text.trim().replace('$', "");
        let split = text.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = text.split_at(split);
        let col = column_number(letters)?;
        let row: u32 = digits.parse().ok()?;
        (1..=MAX_ROW).contains(&row).then_some(CellRef { row, col })
    }

    /// The same cell moved by whole rows (used when a label has moved).
    pub fn offset_rows(self, delta: i64) -> Option<CellRef> {
        let row = i64::from(self.row) + delta;
        (1..=i64::from(MAX_ROW)).contains(&row).then_some(CellRef { row: row as u32, col: self.col })
    }

    pub fn with_col(self, col: u32) -> CellRef {
        CellRef { row: self.row, col }
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_letters(self.col), self.row)
    }
}

/// `1 → "A"`, `26 → "Z"`, `27 → "AA"`, `16384 → "XFD"` (bijective base 26: there is no zero digit).
pub fn column_letters(col: u32) -> String {
    let mut n = col;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// `"A" → 1`, `"aa" → 27`. `None` for empty text, non-letters or columns past XFD.
pub fn column_number(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n: u32 = 0;
    for c in letters.chars() {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        n = n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    (n <= MAX_COLUMN).then_some(n)
}

/// A rectangle of cells, shown as `"O12:O15"` (or `"O12"` for a single cell).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRange {
    pub start: CellRef,
    pub end: CellRef,
}

impl CellRange {
    pub fn single(cell: CellRef) -> Self {
        CellRange { start: cell, end: cell }
    }

    /// `"O12"`, `"O12:O15"` or `"$C$6:$D$7"` (either corner first) as a range.
    pub fn parse(text: &str) -> Option<CellRange> {
        let (a, b) = text.split_once(':').unwrap_or((text, text));
        let (a, b) = (CellRef::parse(a)?, CellRef::parse(b)?);
        Some(CellRange {
            start: CellRef::new(a.row.min(b.row), a.col.min(b.col)),
            end: CellRef::new(a.row.max(b.row), a.col.max(b.col)),
        })
    }
}

impl fmt::Display for CellRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}:{}", self.start, self.end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(row: u32, col: u32, expected: &str) {
        let cell = CellRef::new(row, col);
        assert_eq!(cell.to_string(), expected);
        assert_eq!(CellRef::parse(expected), Some(cell), "round trip of {expected}");
    }

    #[test]
    fn golden_addresses() {
        check(1, 1, "A1");
        check(1, 26, "Z1");
        check(2, 27, "AA2");
        check(3, 52, "AZ3");
        check(4, 53, "BA4");
        check(5, 78, "BZ5");
        check(6, 79, "CA6");
        check(7, 702, "ZZ7");
        check(8, 703, "AAA8");
        check(9, 728, "AAZ9");
        check(10, 16_384, "XFD10");
        check(1_048_576, 1, "A1048576");
        check(1_048_576, 16_384, "XFD1048576");
        check(206, 15, "O206");
    }

    #[test]
    fn rejects_what_excel_would_not_show() {
        for bad in ["", "A", "12", "A0", "XFE1", "A1048577", "1A", "A-1", "ÄB3", "AAAA1"] {
            assert_eq!(CellRef::parse(bad), None, "{bad:?}");
        }
        assert_eq!(CellRef::parse("$b$7"), Some(CellRef::new(7, 2)));
    }

    #[test]
    fn every_column_round_trips() {
        for col in 1..=MAX_COLUMN {
            assert_eq!(column_number(&column_letters(col)), Some(col));
        }
    }

    #[test]
    fn ranges_collapse_single_cells() {
        let a = CellRef::new(12, 15);
        assert_eq!(CellRange::single(a).to_string(), "O12");
        assert_eq!(CellRange { start: a, end: CellRef::new(15, 15) }.to_string(), "O12:O15");
    }
}
