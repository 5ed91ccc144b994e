//! Why a file could not be read, in words a commissioner can act on.

use std::fmt;

use crate::catalogue;

/// The largest file accepted. The official templates are a few megabytes; anything far larger is
/// not a planning template, and refusing it early keeps the browser responsive.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// The most a workbook may expand to when unzipped (sum of the sizes its zip directory declares).
/// Guards against zip bombs: a small file that claims gigabytes of XML.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 200 * 1024 * 1024;

/// Every way reading a file can fail. Each maps to one `file.*` rule id of the report contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Empty, damaged, truncated, or the parser could not make sense of it.
    Unreadable { reason: Unreadable },
    /// A password-protected Office file.
    Encrypted,
    /// Recognisably another kind of file (`kind` names it), or a format that cannot hold the template.
    UnsupportedFormat { kind: &'static str },
    /// Over a size limit; `what` says which.
    TooLarge { what: TooLarge },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    Empty,
    DamagedZip,
    Unrecognised,
    /// The spreadsheet parser failed; the text is its own (technical) message, kept for the hint.
    Parser(String),
    /// The parser panicked on this file (a bug in the parser, caught and reported).
    ParserCrashed,
    /// The file could not be opened at all (the CLI's read from disk failed).
    Io(String),
    /// A part declares more of something (`what`) than it holds: the parser would size memory
    /// from the claim.
    DeclaredCount(&'static str),
    /// Two sheets with the same name (Excel does not allow it; a reader would pick one).
    DuplicateSheet(String),
    /// Checking it took longer than the time allowed for one file, so it was stopped.
    TookTooLong {
        milliseconds: u64,
    },
    /// The part of the checker that reads this kind of file could not be loaded (the page is
    /// offline and it was never downloaded): nothing is known about the file itself.
    CheckerPartMissing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TooLarge {
    File {
        bytes: usize,
    },
    Unzipped {
        bytes: u64,
    },
    /// A sheet with more than `MAX_CELLS_PER_SHEET` cells.
    Cells {
        sheet: String,
    },
    /// More cells in the sheets read than `MAX_CELLS_PER_WORKBOOK`.
    WorkbookCells,
    /// More text in the cells read (or in the shared strings part) than the text budget.
    Text {
        bytes: u64,
    },
    SharedStrings {
        count: u64,
    },
    Styles {
        count: u64,
    },
    /// An .xls split into more CONTINUE records than the parser can join in reasonable time.
    Continuations {
        count: u64,
    },
    /// Something in a row far below any table the template has (`sheet`, `row`).
    Rows {
        sheet: String,
        row: u32,
        read_to: u32,
    },
}

impl ReadError {
    /// The stable rule id of `docs/rules.md`.
    pub fn rule(&self) -> &'static str {
        match self {
            ReadError::Unreadable { .. } => catalogue::FILE_UNREADABLE.id,
            ReadError::Encrypted => catalogue::FILE_ENCRYPTED.id,
            ReadError::UnsupportedFormat { .. } => catalogue::FILE_UNSUPPORTED_FORMAT.id,
            ReadError::TooLarge { .. } => catalogue::FILE_TOO_LARGE.id,
        }
    }

    pub fn message(&self) -> String {
        match self {
            ReadError::Unreadable { reason: Unreadable::Empty } => "The selected file is empty.".into(),
            ReadError::Unreadable { reason: Unreadable::DamagedZip } => {
                "The file could not be read. It looks damaged or only partly downloaded.".into()
            }
            ReadError::Unreadable { reason: Unreadable::Unrecognised } => {
                "The file could not be read. It is not a spreadsheet this tool recognises.".into()
            }
            ReadError::Unreadable { reason: Unreadable::Parser(_) } => {
                "The file could not be read. It looks like a spreadsheet, but part of it is damaged.".into()
            }
            ReadError::Unreadable { reason: Unreadable::ParserCrashed } => {
                "The file could not be read. Part of it is damaged in a way the reader could not handle.".into()
            }
            ReadError::Unreadable { reason: Unreadable::Io(detail) } => {
                format!("The file could not be opened: {detail}.")
            }
            ReadError::Unreadable { reason: Unreadable::CheckerPartMissing } => {
                "The file could not be checked: the part of the checker that reads this kind of file has not been downloaded to this computer yet, and it cannot be downloaded now.".into()
            }
            ReadError::Unreadable { reason: Unreadable::TookTooLong { milliseconds } } => {
                let ms = *milliseconds;
                let limit = match ms {
                    1 => "1 millisecond".to_string(),
                    1_000 => "1 second".to_string(),
                    ms if ms % 1_000 == 0 => format!("{} seconds", thousands(ms / 1_000)),
                    ms => format!("{} milliseconds", thousands(ms)),
                };
                format!(
                    "The file could not be checked: checking it took longer than {limit}, so it was stopped. It may be damaged, or built to be hard to read."
                )
            }
            ReadError::Encrypted => "The file is protected with a password, so it cannot be checked.".into(),
            ReadError::UnsupportedFormat { kind } => {
                format!("The file is {kind}, not a spreadsheet that can hold the planning template.")
            }
            // Reading stops one byte past the limit: a stream or device of unknown size is only
            // known to be larger than it.
            ReadError::TooLarge { what: TooLarge::File { bytes } } if *bytes == MAX_FILE_BYTES + 1 => format!(
                "The file is larger than {}. Files must be {} ({} bytes) or smaller.",
                megabytes(MAX_FILE_BYTES as u64),
                megabytes(MAX_FILE_BYTES as u64),
                thousands(MAX_FILE_BYTES as u64)
            ),
            ReadError::TooLarge { what: TooLarge::File { bytes } } => format!(
                "The file is {}. Files must be {} ({} bytes) or smaller.",
                megabytes(*bytes as u64),
                megabytes(MAX_FILE_BYTES as u64),
                thousands(MAX_FILE_BYTES as u64)
            ),
            ReadError::TooLarge { what: TooLarge::Cells { sheet } } => format!(
                "The sheet “{sheet}” has more than {} cells. The planning template has far fewer.",
                thousands(super::MAX_CELLS_PER_SHEET as u64)
            ),
            ReadError::Unreadable { reason: Unreadable::DeclaredCount(what) } => format!(
                "The file could not be read. It says it holds more {what} than it does, so it is damaged or was not saved by a spreadsheet program."
            ),
            ReadError::Unreadable { reason: Unreadable::DuplicateSheet(name) } => format!(
                "The file could not be read. It has two sheets called “{name}”, which Excel does not allow, so it is damaged."
            ),
            ReadError::TooLarge { what: TooLarge::WorkbookCells } => format!(
                "The template's sheets hold more than {} cells between them. The planning template has far fewer.",
                thousands(super::MAX_CELLS_PER_WORKBOOK as u64)
            ),
            ReadError::TooLarge { what: TooLarge::Text { bytes } } => format!(
                "The file holds {} of text in its cells. Planning templates hold far less; the limit is {}.",
                megabytes(*bytes),
                megabytes(super::MAX_TEXT_BYTES)
            ),
            ReadError::TooLarge { what: TooLarge::SharedStrings { count } } => format!(
                "The file holds {} different pieces of text. The planning template has a few thousand; the limit is {}.",
                thousands(*count),
                thousands(super::package::MAX_SHARED_STRINGS)
            ),
            ReadError::TooLarge { what: TooLarge::Styles { count } } => format!(
                "The file has {} cell formats. The planning template has a few hundred; the limit is {}.",
                thousands(*count),
                thousands(super::package::MAX_STYLE_RECORDS)
            ),
            ReadError::TooLarge { what: TooLarge::Continuations { count } } => format!(
                "The file is split into {} continuation records. Spreadsheet programs write a few thousand at most; the limit is {}.",
                thousands(*count),
                thousands(super::guard::MAX_CONTINUE_RECORDS as u64)
            ),
            ReadError::TooLarge { what: TooLarge::Rows { sheet, row, read_to } } => format!(
                "The sheet “{sheet}” has something in row {}, far below the template's table. The checker reads down to row {}, so it could not check the whole plan.",
                thousands(u64::from(*row)),
                thousands(u64::from(*read_to))
            ),
            ReadError::TooLarge { what: TooLarge::Unzipped { bytes } } => format!(
                "The file would expand to {} when opened. Workbooks must expand to {} or less.",
                megabytes(*bytes),
                megabytes(MAX_UNCOMPRESSED_BYTES)
            ),
        }
    }

    pub fn hint(&self) -> String {
        match self {
            ReadError::Unreadable { reason: Unreadable::Parser(detail) } => format!(
                "Open the file in Excel, save it again as an Excel workbook (.xlsx), then check the saved copy. If that does not help, give this detail to whoever supports you: {detail}"
            ),
            ReadError::Unreadable { reason: Unreadable::Io(_) } => {
                "Check the file name and that you can open the file, then try again.".into()
            }
            ReadError::Unreadable { reason: Unreadable::CheckerPartMissing } => {
                "Connect to the internet once and check the file again: the checker keeps that part for next time. Or save the file as an Excel workbook (.xlsx), which can be checked now.".into()
            }
            ReadError::Unreadable { .. } => "Open the file in Excel, save it again as an Excel workbook (.xlsx), then check the saved copy.".into(),
            ReadError::Encrypted => "Open the file in Excel, remove the password (File, Info, Protect Workbook, Encrypt with Password), save it, then check it again.".into(),
            ReadError::UnsupportedFormat { .. } => "Choose the Better Care Fund planning template saved as an Excel workbook (.xlsx).".into(),
            ReadError::TooLarge { what: TooLarge::Rows { .. } } => "Delete whatever is far below the table on that sheet (notes, stray values), or move those schemes into the table's rows, save the file, then check it again.".into(),
            ReadError::TooLarge { .. } => "Check that you chose the planning template. Remove any pictures or sheets you added, save it, then check it again.".into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ReadError {}

/// `2000000 → "2,000,000"`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1536 → "1.5 KB"`, `20971520 → "20 MB"`: sizes as a person reads them.
/// A size people can compare with a limit: megabytes to one decimal place (1 MB = 1,048,576 bytes,
/// as Windows shows file sizes), and the exact bytes too when that rounding would hide the
/// difference (a 21,000,000-byte file is 20.0 MB, against a 20 MB limit).
fn megabytes(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let mb = bytes as f64 / MB;
    if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else if bytes % (1024 * 1024) == 0 {
        format!("{} MB", bytes / (1024 * 1024))
    } else if mb >= 1024.0 {
        // "2.0 GB", not "2048.0 MB (2,147,495,556 bytes)": past a gigabyte the bytes say nothing.
        format!("{:.1} GB", mb / 1024.0)
    } else {
        format!("{mb:.1} MB ({} bytes)", thousands(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(megabytes(20 * 1024 * 1024), "20 MB");
        assert_eq!(megabytes(1536 * 1024), "1.5 MB (1,572,864 bytes)");
        assert_eq!(megabytes(1536), "1.5 KB");
        assert_eq!(megabytes(34 * 1024 * 1024 + 200_000), "34.2 MB (35,851,584 bytes)");
        assert_eq!(megabytes(2_147_495_556), "2.0 GB");
    }

    #[test]
    fn a_file_just_over_the_limit_is_not_said_to_be_at_it() {
        let message = ReadError::TooLarge { what: TooLarge::File { bytes: 21_000_000 } }.message();
        assert_eq!(
            message,
            "The file is 20.0 MB (21,000,000 bytes). Files must be 20 MB (20,971,520 bytes) or smaller."
        );
    }
}
