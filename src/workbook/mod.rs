//! Bytes → a neutral grid of typed cells. calamine is used here and nowhere else.
//!
//! Architecture invariant: nothing above this layer knows which file format a workbook came in;
//! every format becomes the same [`Workbook`] of [`Sheet`]s of [`Cell`]s, addressed A1-style.

mod address;
pub mod definitions;
mod error;
mod guard;
mod package;
mod sniff;
pub mod zip_writer;

pub use address::{column_letters, column_number, CellRange, CellRef, MAX_COLUMN, MAX_ROW};
pub use definitions::{DefinedName, ErrorStyle, Link, Operator, Validation, ValidationKind};
pub use error::{thousands, ReadError, TooLarge, Unreadable, MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES};
pub use package::{check_and_unzip, check_package, MAX_UNZIPPED_COPY_BYTES};
pub use sniff::{sniff, Format, Sniffed};

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};

/// A cell's value as a rule sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Number(f64),
    /// Shared rather than owned: the plan copies every value it reads from the grid, and a copy of
    /// shared text costs no allocation.
    Text(std::sync::Arc<str>),
    Bool(bool),
    /// An Excel date serial (days since 1899-12-30), whatever format the file stored it in.
    Date(f64),
    /// An Excel error such as `#REF!` or `#DIV/0!`, as Excel shows it.
    Error(String),
}

impl Value {
    /// Empty, or text that is only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as a user would see it in the cell, for quoting in messages.
    pub fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Number(n) => format_number(*n),
            Value::Text(t) => t.to_string(),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Value::Date(serial) => date_from_serial(*serial)
                .map(|(y, m, d)| format!("{d:02}/{m:02}/{y:04}"))
                .unwrap_or_else(|| format_number(*serial)),
            Value::Error(e) => e.clone(),
        }
    }
}

/// One cell: its (cached) value and, when it holds one, its formula.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub value: Value,
    /// `Some` when the cell holds a formula. Read from a file, the text is left empty: no rule
    /// reads formulas, only whether there is one (`cell.no-cached-value`), and keeping the text of
    /// every shared formula would cost memory the file does not. The template writer, which
    /// builds grids itself, puts the formula's text here.
    pub formula: Option<String>,
}

/// A worksheet as a sparse grid. Cells never read from the file are absent, not `Empty`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    /// Row-major (sorted by row, then column).
    pub cells: BTreeMap<CellRef, Cell>,
    /// Its data validations (drop-down lists and number limits), for formats that keep them
    /// readable (`.xlsx`, `.xlsm`).
    pub validations: Vec<Validation>,
    /// Its links to places in this workbook: hyperlinks, and `HYPERLINK("#…")` formulas.
    pub links: Vec<Link>,
    /// Validations that were not read (past the limits): counted, never evaluated.
    pub validations_not_read: usize,
}

const EMPTY_VALUE: Value = Value::Empty;

impl Sheet {
    pub fn new(name: &str) -> Self {
        Sheet { name: name.to_string(), ..Default::default() }
    }

    pub fn cell(&self, at: CellRef) -> Option<&Cell> {
        self.cells.get(&at)
    }

    /// The value at `at`, `Empty` when nothing is there.
    pub fn value(&self, at: CellRef) -> &Value {
        self.cells.get(&at).map_or(&EMPTY_VALUE, |c| &c.value)
    }

    /// Sets a value (used by tests and by readers of other formats).
    pub fn set(&mut self, at: CellRef, value: Value) {
        self.cells.insert(at, Cell { value, formula: None });
    }

    /// The cells of one row read from the file, left to right.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (&CellRef, &Cell)> {
        self.cells.range(CellRef::new(row, 0)..=CellRef::new(row, u32::MAX))
    }

    /// The highest row with anything in it, 0 for an empty sheet.
    pub fn last_row(&self) -> u32 {
        self.cells.keys().next_back().map_or(0, |c| c.row)
    }
}

/// A whole workbook: every sheet's name in workbook order, and the grids of the sheets read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbook {
    pub format: Option<Format>,
    /// All sheet names in workbook order, including sheets whose cells were not read.
    pub sheet_names: Vec<String>,
    /// The sheets that were read, in workbook order.
    pub sheets: Vec<Sheet>,
    /// The workbook's defined names (a list's source may be one).
    pub names: Vec<DefinedName>,
    /// Whether the file's format keeps validations and links where they could be read: only
    /// `.xlsx` and `.xlsm` packages do (for `.xls`, `.xlsb` and `.ods` the report says so).
    pub definitions_read: bool,
    /// Sheets a required sheet did not need and whose cells did not fit the budget left for
    /// them: the checks the workbook defines on them were not made.
    pub sheets_not_read: Vec<String>,
}

impl Workbook {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// Reads a workbook from bytes. Only sheets for which `wanted(name)` is true are loaded into
/// grids, so a workbook with thousands of extra sheets costs only their names.
///
/// Never panics on its own account; a panic inside calamine is the caller's to catch
/// (see `check::check_bytes`), because only the caller knows whether unwinding is available.
pub fn read_workbook(bytes: &[u8], wanted: &dyn Fn(&str) -> bool) -> Result<Workbook, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { what: TooLarge::File { bytes: bytes.len() } });
    }
    let format = match sniff(bytes) {
        Sniffed::Spreadsheet(format) => format,
        Sniffed::Encrypted => return Err(ReadError::Encrypted),
        Sniffed::OtherKind(kind) => return Err(ReadError::UnsupportedFormat { kind }),
        Sniffed::DamagedZip => return Err(ReadError::Unreadable { reason: Unreadable::DamagedZip }),
        Sniffed::Unknown => return Err(ReadError::Unreadable { reason: Unreadable::Unrecognised }),
        Sniffed::Empty => return Err(ReadError::Unreadable { reason: Unreadable::Empty }),
    };
    // An .xlsx package is read from an unzipped copy made while it is checked (a tenth of a check
    // faster than the parser inflating each part again).
    let unzipped = match format {
        Format::Xlsx => package::check_and_unzip(bytes)?,
        Format::Xlsb | Format::Ods => package::check_package(bytes).map(|()| None)?,
        Format::Xls => None,
    };
    let mut budget = Budget::default();
    let package = unzipped.as_deref().unwrap_or(bytes);
    let cursor = Cursor::new(package);
    match format {
        // xlsx and xlsb are streamed cell by cell into the sparse grid: calamine's `Range` is dense
        // (rows × columns), so a hostile sheet with cells at A1 and XFD1048576 would ask for
        // hundreds of gigabytes.
        Format::Xlsx => {
            let mut book: Xlsx<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| parser_error(&e))?;
            let metadata = book.sheets_metadata().to_vec();
            let mut definitions = definitions::read(package);
            let mut workbook = read_wanted(format, &metadata, wanted, true, &mut budget, |name, budget| {
                let mut reader = book.worksheet_cells_reader(name).map_err(|e| parser_error(&e))?;
                let mut cells = Vec::with_capacity(expected_cells(reader.dimensions()));
                let mut links = Vec::new();
                let mut seen = 0usize;
                // Formula metadata, not text: shared formulas are not expanded into every cell
                // (nor sized from their declared index), and only "has a formula" is kept, and
                // where a formula links to a place in the workbook (a checklist's links), where.
                while let Some(cell) = next_xlsx_cell(&mut reader).map_err(|e| parser_error(&e))? {
                    seen = count_cell(seen, name)?;
                    let value = budget.take(convert_ref(&cell.value))?;
                    let at = at(cell.pos);
                    if let Some(location) = cell.formula.as_ref().and_then(hyperlink_location) {
                        if links.len() < definitions::MAX_LINKS_PER_SHEET {
                            links.push(Link { from: CellRange::single(at), location });
                        }
                    }
                    let formula = cell.formula.map(|_| String::new());
                    if value != Value::Empty || formula.is_some() {
                        cells.push((at, Cell { value, formula }));
                    }
                }
                Ok((into_grid(cells), links))
            })?;
            workbook.definitions_read = true;
            for sheet in &mut workbook.sheets {
                if let Some(d) = definitions.take(&sheet.name) {
                    sheet.validations = d.validations;
                    sheet.links.extend(d.links);
                    sheet.validations_not_read = d.not_read;
                }
            }
            workbook.names = definitions.names;
            Ok(workbook)
        }
        Format::Xlsb | Format::Xls | Format::Ods => match other_formats_reader() {
            Some(read) => read(bytes, format, wanted, &mut budget),
            // Not reached: the worker without these readers hands such a file on (`reads`).
            None => Err(parser_error(&"this part of the checker does not read this kind of file")),
        },
    }
}

/// Where a `HYPERLINK("#…")` formula links to (only formulas that name the function are looked
/// at; the text of shared formulas' other cells is not expanded).
fn hyperlink_location(formula: &calamine::XlsxFormulaMetadata) -> Option<String> {
    let text = match formula {
        calamine::XlsxFormulaMetadata::Normal { formula } => formula,
        calamine::XlsxFormulaMetadata::Shared { formula, .. } => formula,
        _ => return None,
    };
    definitions::hyperlink_formula_location(text)
}

/// Room for the cells a sheet's declared dimensions hold, up to a bound (the declaration may be
/// wrong, or hostile): growing the list as cells arrive copied it a dozen times.
fn expected_cells(d: calamine::Dimensions) -> usize {
    let rows = d.end.0.saturating_sub(d.start.0).saturating_add(1) as usize;
    let cols = d.end.1.saturating_sub(d.start.1).saturating_add(1) as usize;
    rows.saturating_mul(cols).min(1 << 14)
}

/// The parser's next cell of an `.xlsx` sheet, kept out of line. Called from one place, it was
/// otherwise inlined into the one function that reads and checks a whole workbook, which the
/// browser's engine then compiled markedly slower: a whole check about 12% slower (measured in
/// Node, the shipped build, README "Speed and size").
#[inline(never)]
fn next_xlsx_cell<'a>(
    reader: &mut calamine::XlsxCellReader<'a, Cursor<&[u8]>>,
) -> Result<Option<calamine::XlsxCellFormulaMetadataRecord<'a>>, calamine::XlsxError> {
    reader.next_cell_with_formula_metadata()
}

/// Reads an `.xlsb`, `.xls` or `.ods` workbook.
type OtherFormatsReader = fn(&[u8], Format, &dyn Fn(&str) -> bool, &mut Budget) -> Result<Workbook, ReadError>;

fn read_other_format(
    bytes: &[u8],
    format: Format,
    wanted: &dyn Fn(&str) -> bool,
    budget: &mut Budget,
) -> Result<Workbook, ReadError> {
    let cursor = Cursor::new(bytes);
    match format {
        Format::Xlsb => {
            let mut book: Xlsb<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| parser_error(&e))?;
            let metadata = book.sheets_metadata().to_vec();
            read_wanted(format, &metadata, wanted, false, budget, |name, budget| {
                let mut read = Vec::new();
                let mut reader = book.worksheet_cells_reader(name).map_err(|e| parser_error(&e))?;
                let mut seen = 0usize;
                while let Some(cell) = reader.next_cell().map_err(|e| parser_error(&e))? {
                    seen = count_cell(seen, name)?;
                    let value = budget.take(convert_ref(cell.get_value()))?;
                    if value != Value::Empty {
                        read.push((at(cell.get_position()), Cell { value, formula: None }));
                    }
                }
                drop(reader);
                let mut cells = into_grid(read);
                // Formulas are optional knowledge (only `cell.no-cached-value` needs them).
                if let Ok(mut reader) = book.worksheet_cells_reader(name) {
                    let mut seen = 0usize;
                    while let Ok(Some(cell)) = reader.next_formula() {
                        seen = count_cell(seen, name)?;
                        if !cell.get_value().is_empty() {
                            let entry = cells
                                .entry(at(cell.get_position()))
                                .or_insert(Cell { value: Value::Empty, formula: None });
                            entry.formula = Some(String::new());
                        }
                    }
                }
                Ok((cells, Vec::new()))
            })
        }
        // calamine reads these formats whole, as ranges, so they are bounded first by `guard`.
        Format::Xls => {
            guard::check_xls(bytes)?;
            let book: Xls<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| parser_error(&e))?;
            read_ranges(Sheets::Xls(book), format, wanted, budget)
        }
        Format::Ods => {
            guard::check_ods(bytes)?;
            let book: Ods<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| parser_error(&e))?;
            read_ranges(Sheets::Ods(book), format, wanted, budget)
        }
        Format::Xlsx => Err(parser_error(&"not one of the other formats")),
    }
}

/// The `.xlsb`, `.xls` and `.ods` readers would be about an eighth of the module every visit
/// loads (46 KB brotli), for formats few plans come in (the template is an `.xlsx` workbook): that
/// module is built without them, and the page hands such a file to the build that has them (which turns
/// them on with [`read_other_formats`]). Natively they are always there.
#[cfg(target_arch = "wasm32")]
static OTHER_FORMATS: std::sync::OnceLock<OtherFormatsReader> = std::sync::OnceLock::new();

/// Turns on the `.xlsb`, `.xls` and `.ods` readers, and every encoding an XML part may declare,
/// in a browser build (natively they are always on).
pub fn read_other_formats() {
    #[cfg(target_arch = "wasm32")]
    let _ = OTHER_FORMATS.set(read_other_format);
    encoding_rs::know_every_encoding();
}

/// Whether the workbook last read declared an encoding other than UTF-8 or UTF-16 for a part,
/// in a browser build without [`read_other_formats`]: that build does not carry the other
/// encodings' tables (Excel writes UTF-8), so what it read must be read again by the build that
/// does. Asking takes the answer, so the next workbook starts afresh.
pub fn needs_other_encodings() -> bool {
    encoding_rs::take_other_label_asked_for()
}

#[cfg(target_arch = "wasm32")]
fn other_formats_reader() -> Option<OtherFormatsReader> {
    OTHER_FORMATS.get().copied()
}

#[cfg(not(target_arch = "wasm32"))]
fn other_formats_reader() -> Option<OtherFormatsReader> {
    Some(read_other_format)
}

/// Whether this build reads workbooks of this format.
pub fn reads(format: Format) -> bool {
    format == Format::Xlsx || other_formats_reader().is_some()
}

/// The parser's own (technical) message, kept for the hint of `file.unreadable`.
fn parser_error(e: &dyn std::fmt::Display) -> ReadError {
    ReadError::Unreadable { reason: Unreadable::Parser(e.to_string()) }
}

/// The most cells read from all the template's sheets together: several sheets each just under
/// the per-sheet limit would otherwise cost gigabytes.
pub const MAX_CELLS_PER_WORKBOOK: usize = 1_500_000;

/// The most text read from cells, all sheets together (each cell's text counted, as each cell
/// keeps its own copy).
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// The most cells, and text, read from the sheets no round requires (a guidance sheet, a
/// checklist, lists), all together: read only for the checks a workbook defines for itself, so a
/// large one is left unread (and the report says so) rather than making the file too large.
pub const MAX_EXTRA_CELLS: usize = 200_000;
pub const MAX_EXTRA_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// What the cells read so far have cost, against the workbook's limits.
#[derive(Clone)]
struct Budget {
    cells: usize,
    text: u64,
    max_cells: usize,
    max_text: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { cells: 0, text: 0, max_cells: MAX_CELLS_PER_WORKBOOK, max_text: MAX_TEXT_BYTES }
    }
}

impl Budget {
    fn for_extra_sheets() -> Self {
        Budget { cells: 0, text: 0, max_cells: MAX_EXTRA_CELLS, max_text: MAX_EXTRA_TEXT_BYTES }
    }

    /// Counts one cell's value against the limits, and passes it on.
    fn take(&mut self, value: Value) -> Result<Value, ReadError> {
        self.cells += 1;
        if self.cells > self.max_cells {
            return Err(ReadError::TooLarge { what: TooLarge::WorkbookCells });
        }
        let text = match &value {
            Value::Text(t) => Some(t.len()),
            Value::Error(e) => Some(e.len()),
            _ => None,
        };
        if let Some(len) = text {
            self.text += len as u64;
            if self.text > self.max_text {
                return Err(ReadError::TooLarge { what: TooLarge::Text { bytes: self.text } });
            }
        }
        Ok(value)
    }
}

/// The most cells read from one sheet. The planning template has a few thousand; the limit
/// leaves room for a million-row sheet while keeping memory bounded.
pub const MAX_CELLS_PER_SHEET: usize = 1_000_000;

fn count_cell(seen: usize, sheet: &str) -> Result<usize, ReadError> {
    if seen >= MAX_CELLS_PER_SHEET {
        return Err(ReadError::TooLarge { what: TooLarge::Cells { sheet: sheet.to_string() } });
    }
    Ok(seen + 1)
}

/// The cells of a sheet as read (in the file's order; a cell given twice keeps its last value,
/// as inserting one by one would) made into its grid. Readers give cells row by row, so the grid
/// is built in one pass over sorted cells rather than by a search per cell (about 4% of a whole
/// check in the browser's worker, measured).
fn into_grid(cells: Vec<(CellRef, Cell)>) -> BTreeMap<CellRef, Cell> {
    cells.into_iter().collect()
}

fn at((row, col): (u32, u32)) -> CellRef {
    CellRef::new(row.saturating_add(1), col.saturating_add(1))
}

fn sheet_list(metadata: &[calamine::Sheet]) -> Vec<(String, bool)> {
    metadata.iter().map(|s| (s.name.clone(), s.visible != calamine::SheetVisible::Visible)).collect()
}

fn start_workbook(format: Format, metadata: &[calamine::Sheet]) -> Workbook {
    Workbook {
        format: Some(format),
        sheet_names: metadata.iter().map(|s| s.name.clone()).collect(),
        ..Default::default()
    }
}

/// A sheet's cells, and the links its formulas make.
type SheetCells = (BTreeMap<CellRef, Cell>, Vec<Link>);

/// Reads the wanted sheets, in workbook order, with `read_sheet` (name → cells). With `extras`,
/// the other sheets are read too, within their own budget: a workbook's own checklist and lists
/// live on them. An extra sheet that does not fit, or that the parser cannot read, is left out
/// and named in `sheets_not_read`: it must never make a plan unreadable that was read before.
fn read_wanted(
    format: Format,
    metadata: &[calamine::Sheet],
    wanted: &dyn Fn(&str) -> bool,
    extras: bool,
    budget: &mut Budget,
    mut read_sheet: impl FnMut(&str, &mut Budget) -> Result<SheetCells, ReadError>,
) -> Result<Workbook, ReadError> {
    let mut workbook = start_workbook(format, metadata);
    // Excel does not allow two sheets with one name (in any case); a file listing one twice is
    // damaged, and reading each copy again would multiply the cost.
    let mut seen = std::collections::HashSet::new();
    for sheet in metadata {
        if !seen.insert(sheet.name.to_lowercase()) {
            return Err(ReadError::Unreadable { reason: Unreadable::DuplicateSheet(sheet.name.clone()) });
        }
    }
    let mut extra_budget = Budget::for_extra_sheets();
    for (name, hidden) in sheet_list(metadata) {
        let (cells, links) = if wanted(&name) {
            read_sheet(&name, budget)?
        } else if extras {
            let before = extra_budget.clone();
            match read_sheet(&name, &mut extra_budget) {
                Ok(read) => read,
                Err(_) => {
                    extra_budget = before;
                    workbook.sheets_not_read.push(name);
                    continue;
                }
            }
        } else {
            continue;
        };
        workbook.sheets.push(Sheet { name, hidden, cells, links, ..Default::default() });
    }
    Ok(workbook)
}

/// xls and ods: calamine reads these formats whole, as ranges (bounded first by `guard`).
fn read_ranges(
    mut book: Sheets<Cursor<&[u8]>>,
    format: Format,
    wanted: &dyn Fn(&str) -> bool,
    budget: &mut Budget,
) -> Result<Workbook, ReadError> {
    let metadata = book.sheets_metadata().to_vec();
    read_wanted(format, &metadata, wanted, false, budget, |name, budget| {
        let range = book.worksheet_range(name).map_err(|e| parser_error(&e))?;
        let mut read = Vec::new();
        if let Some((row0, col0)) = range.start() {
            let mut seen = 0usize;
            for (r, c, data) in range.used_cells() {
                seen = count_cell(seen, name)?;
                let value = budget.take(convert(data))?;
                read.push((at((row0 + r as u32, col0 + c as u32)), Cell { value, formula: None }));
            }
        }
        let mut cells = into_grid(read);
        // Formulas are optional knowledge: a reader that cannot give them loses only the
        // `cell.no-cached-value` check, never the whole file.
        if let Ok(formulas) = book.worksheet_formula(name) {
            if let Some((row0, col0)) = formulas.start() {
                for (r, c, formula) in formulas.used_cells() {
                    if formula.is_empty() {
                        continue;
                    }
                    let entry = cells
                        .entry(at((row0 + r as u32, col0 + c as u32)))
                        .or_insert(Cell { value: Value::Empty, formula: None });
                    entry.formula = Some(String::new());
                }
            }
        }
        Ok((cells, Vec::new()))
    })
}

fn convert_ref(data: &DataRef<'_>) -> Value {
    match data {
        DataRef::Empty => Value::Empty,
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) => Value::Text(s.as_str().into()),
        DataRef::SharedString(s) => Value::Text((*s).into()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(dt) => Value::Date(dt.as_f64()),
        DataRef::DateTimeIso(iso) => serial_from_iso(iso).map_or_else(|| Value::Text(iso.as_str().into()), Value::Date),
        DataRef::DurationIso(iso) => Value::Text(iso.as_str().into()),
        DataRef::Error(e) => Value::Error(e.to_string()),
    }
}

fn convert(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::String(s) => Value::Text(s.as_str().into()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => Value::Date(dt.as_f64()),
        Data::DateTimeIso(iso) => serial_from_iso(iso).map_or_else(|| Value::Text(iso.as_str().into()), Value::Date),
        Data::DurationIso(iso) => Value::Text(iso.as_str().into()),
        Data::Error(e) => Value::Error(e.to_string()),
    }
}

/// Numbers as a person would type them: no trailing `.0`, no exponent for ordinary amounts.
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n}");
        s
    }
}

/// `"2025-03-01"` or `"2025-03-01T00:00:00"` → Excel serial.
fn serial_from_iso(iso: &str) -> Option<f64> {
    let date = iso.get(..10)?;
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=9999).contains(&y) {
        return None;
    }
    Some((days_from_civil(y, m, d) - days_from_civil(1899, 12, 30)) as f64)
}

/// Text that reads as exactly one date in UK English → Excel serial: `30/04/2025`, `30-04-25`,
/// `30.04.2025`, `2025-04-30`, `30 April 2025`, `1st Oct 2016`, `Wednesday 30 April 2025`. Day
/// before month, as Excel reads typed dates on a UK system; a two-digit year is 1930 to 2029, as in
/// Excel. Anything else (`April 2025`, `TBC`, `31/02/2025`) is `None`.
pub fn parse_uk_date(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() || text.len() > 40 {
        return None;
    }
    let (y, m, d) = numeric_date(text).or_else(|| worded_date(text))?;
    let y = match y {
        0..=29 => 2000 + y,
        30..=99 => 1900 + y,
        _ => y,
    };
    if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some((days_from_civil(y, m, d) - days_from_civil(1899, 12, 30)) as f64)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// `d/m/y`, `d-m-y`, `d.m.y` (day first) and ISO `yyyy-mm-dd`.
fn numeric_date(text: &str) -> Option<(i64, i64, i64)> {
    let separator = ['/', '-', '.'].into_iter().find(|&c| text.contains(c))?;
    let parts: Vec<&str> = text.split(separator).map(str::trim).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(a) && digits(b) && digits(c)) {
        return None;
    }
    let (a_n, b_n, c_n): (i64, i64, i64) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    if a.len() == 4 && separator == '-' {
        return Some((a_n, b_n, c_n));
    }
    if a.len() > 2 || b.len() > 2 || !(c.len() == 2 || c.len() == 4) {
        return None;
    }
    Some((c_n, b_n, a_n))
}

/// `30 April 2025`, `1st Oct 2016`, `Wednesday, 30 April 2025`, `30-Apr-2025`.
fn worded_date(text: &str) -> Option<(i64, i64, i64)> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let lower = text.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| c.is_whitespace() || c == ',' || c == '-').filter(|w| !w.is_empty()).collect();
    let words: Vec<&str> = match words.first() {
        Some(first) if DAYS.iter().any(|d| d.starts_with(first.trim_end_matches('.')) && first.len() >= 3) => {
            words[1..].to_vec()
        }
        _ => words,
    };
    let [day, month, year] = words.as_slice() else { return None };
    let day = day.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if day.is_empty() || day.len() > 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = month.trim_end_matches('.');
    let m = MONTHS.iter().position(|name| *name == month || (month.len() >= 3 && name.starts_with(month)))?;
    if !(year.len() == 2 || year.len() == 4) || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((year.parse().ok()?, m as i64 + 1, day.parse().ok()?))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Excel serial → (year, month, day); `None` outside years 1900 to 9999.
pub fn date_from_serial(serial: f64) -> Option<(i64, i64, i64)> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let z = serial.floor() as i64 + days_from_civil(1899, 12, 30) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    Some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_for_cells_follows_the_declared_dimensions_within_a_bound() {
        let dims = |start, end| calamine::Dimensions { start, end };
        assert_eq!(expected_cells(dims((1, 1), (205, 16))), 205 * 16);
        assert_eq!(expected_cells(dims((0, 0), (1_048_575, 16_383))), 1 << 14);
        // An end before the start (a wrong declaration) asks for almost nothing.
        assert_eq!(expected_cells(dims((10, 10), (2, 2))), 1);
        assert_eq!(expected_cells(dims((u32::MAX, 0), (0, u32::MAX))), 1 << 14);
    }

    #[test]
    fn dates_round_trip_through_serials() {
        assert_eq!(serial_from_iso("2025-03-01"), Some(45717.0));
        assert_eq!(date_from_serial(45717.0), Some((2025, 3, 1)));
        assert_eq!(serial_from_iso("2017-09-11T00:00:00"), Some(42989.0));
        assert_eq!(serial_from_iso("not a date"), None);
        assert_eq!(date_from_serial(f64::NAN), None);
        assert_eq!(Value::Date(45717.0).display(), "01/03/2025");
    }

    #[test]
    fn dates_typed_as_text_read_as_a_uk_user_means_them() {
        let serial = |y, m, d| Some((days_from_civil(y, m, d) - days_from_civil(1899, 12, 30)) as f64);
        for text in [
            "30/04/2025",
            " 30/4/2025 ",
            "30-04-2025",
            "30.04.2025",
            "30/04/25",
            "2025-04-30",
            "30 April 2025",
            "30th April 2025",
            "30 Apr 2025",
            "Wednesday 30 April 2025",
            "Wed, 30 April 2025",
            "30-Apr-2025",
            "30 APRIL 2025",
        ] {
            assert_eq!(parse_uk_date(text), serial(2025, 4, 30), "{text}");
        }
        assert_eq!(parse_uk_date("01/10/2016"), serial(2016, 10, 1), "day first, as in the UK");
        assert_eq!(parse_uk_date("1 October 2016"), serial(2016, 10, 1));
        for text in [
            "",
            "TBC",
            "April 2025",
            "31/02/2025",
            "30/13/2025",
            "2025",
            "next month",
            "30/04",
            "Q1 2025-26",
            "1/2/3/4",
            "30 Foo 2025",
        ] {
            assert_eq!(parse_uk_date(text), None, "{text}");
        }
    }

    #[test]
    fn numbers_display_as_typed() {
        assert_eq!(format_number(1200.0), "1200");
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(-3.0), "-3");
    }
}
