//! What an `.xlsx` workbook defines for itself beyond its cells' values: each sheet's data
//! validations (drop-down lists and number limits), its internal hyperlinks, and the workbook's
//! defined names. The parser does not expose these, so they are read here from the package's XML.
//!
//! A sheet part is streamed once: its cells are skipped by a byte search for the end of
//! `sheetData` (validations and hyperlinks come after it in every worksheet), and only what
//! follows is parsed. The work is proportional to the part's bytes, never to a validation's
//! declared range (a validation over `A1:XFD1048576` is ordinary in real workbooks).

use std::io::{BufRead, BufReader, Cursor, Read};

use super::CellRange;

/// The most validations kept per sheet; the rest are counted, not evaluated.
pub const MAX_VALIDATIONS_PER_SHEET: usize = 10_000;
/// The most internal links kept per sheet (a checklist has tens).
pub const MAX_LINKS_PER_SHEET: usize = 10_000;
/// The most cell ranges one sheet's validations may list in all.
const MAX_RANGES_PER_SHEET: usize = 100_000;
/// The most of a sheet part read after its cells: mergeCells, conditional formats, validations,
/// hyperlinks, page setup and extensions are kilobytes in a real workbook.
const MAX_TAIL_BYTES: usize = 16 * 1024 * 1024;

/// What kind of value a validation allows (Excel's "Allow" box).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidationKind {
    Any,
    List,
    Whole,
    Decimal,
    Date,
    Time,
    TextLength,
    Custom,
}

/// How a value is compared with the bounds (Excel's "Data" box).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    Between,
    NotBetween,
    Equal,
    NotEqual,
    GreaterThan,
    LessThan,
    GreaterThanOrEqual,
    LessThanOrEqual,
}

/// What Excel does with a value the validation refuses: `Stop` refuses it; `Warning` and
/// `Information` let the user keep it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorStyle {
    Stop,
    Warning,
    Information,
}

/// One data validation of a sheet, as the file states it.
#[derive(Clone, Debug, PartialEq)]
pub struct Validation {
    pub kind: ValidationKind,
    pub operator: Operator,
    /// The first formula (a list's source, or the lower or only bound), as written: `"Yes,No"`,
    /// `Lists!$A$2:$A$9`, `0`.
    pub formula1: String,
    pub formula2: String,
    pub error_style: ErrorStyle,
    /// The cells it covers (its `sqref`).
    pub ranges: Vec<CellRange>,
}

/// A link from a cell (or range) to a place in this workbook.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub from: CellRange,
    /// The place linked to, as written, without the leading `#`: `'2. Cover'!C6`, `Cover!C6:C7`.
    pub location: String,
}

/// A defined name of the workbook (`Lists_YesNo` → `Lists!$A$2:$A$3`).
#[derive(Clone, Debug, PartialEq)]
pub struct DefinedName {
    pub name: String,
    /// For a name scoped to one sheet, that sheet's position in the workbook.
    pub local_sheet: Option<usize>,
    pub formula: String,
}

/// What one sheet defines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetDefinitions {
    pub validations: Vec<Validation>,
    pub links: Vec<Link>,
    /// Validations past the per-sheet limit, or in a part that could not be read whole: not
    /// evaluated, and counted so the report can say so.
    pub not_read: usize,
}

/// Everything the package defines, by sheet name (in workbook order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PackageDefinitions {
    pub names: Vec<DefinedName>,
    pub sheets: Vec<(String, SheetDefinitions)>,
}

impl PackageDefinitions {
    /// What the sheet of this name defines, taken out.
    pub fn take(&mut self, sheet: &str) -> Option<SheetDefinitions> {
        let i = self.sheets.iter().position(|(name, _)| name == sheet)?;
        Some(std::mem::take(&mut self.sheets[i].1))
    }
}

/// Reads the definitions of an `.xlsx` package. Never fails the file: what cannot be read is
/// left out (a damaged part was already refused by the package check, so this is rare).
pub fn read(package: &[u8]) -> PackageDefinitions {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(package)) else { return PackageDefinitions::default() };
    let workbook_part = office_document(&mut archive).unwrap_or_else(|| "xl/workbook.xml".to_string());
    let Some((sheets, names)) = small_part(&mut archive, &workbook_part).map(|xml| workbook_entries(&xml)) else {
        return PackageDefinitions::default();
    };
    let relationships =
        small_part(&mut archive, &rels_path(&workbook_part)).map(|xml| relationships(&xml)).unwrap_or_default();
    let mut out = PackageDefinitions { names, sheets: Vec::new() };
    for (name, id) in sheets {
        let Some(rel) = relationships.iter().find(|r| r.id == id) else { continue };
        let path = resolve(&workbook_part, &rel.target);
        let definitions = read_sheet(&mut archive, package, &path);
        out.sheets.push((name, definitions));
    }
    out
}

struct Relationship {
    id: String,
    target: String,
    external: bool,
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn office_document(archive: &mut Archive<'_>) -> Option<String> {
    relationships(&small_part(archive, "_rels/.rels")?)
        .into_iter()
        .find(|r| r.target.ends_with(".xml") && !r.external && r.target.contains("workbook"))
        .map(|r| resolve("", &r.target))
}

/// A small part's text (the workbook, relationships), when it exists and fits the tail budget.
fn small_part(archive: &mut Archive<'_>, name: &str) -> Option<String> {
    let index = part_index(archive, name)?;
    let entry = archive.by_index(index).ok()?;
    let mut bytes = Vec::new();
    entry.take(MAX_TAIL_BYTES as u64).read_to_end(&mut bytes).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn part_index(archive: &Archive<'_>, name: &str) -> Option<usize> {
    archive.index_for_name(name).or_else(|| {
        (0..archive.len())
            .find(|&i| archive.name_for_index(i).is_some_and(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name))))
    })
}

/// The sheets (name, relationship id) in workbook order, and the defined names.
fn workbook_entries(xml: &str) -> (Vec<(String, String)>, Vec<DefinedName>) {
    let mut sheets = Vec::new();
    let mut names = Vec::new();
    let mut open_name: Option<(String, Option<usize>)> = None;
    let mut text = String::new();
    for piece in Pieces::new(xml) {
        match piece {
            Piece::Open { name: "sheet", attrs, .. } => {
                if let (Some(name), Some(id)) = (attribute(attrs, "name", false), attribute(attrs, "id", true)) {
                    sheets.push((name, id));
                }
            }
            Piece::Open { name: "definedName", attrs, empty } => {
                let local_sheet = attribute(attrs, "localSheetId", false).and_then(|s| s.parse().ok());
                open_name = attribute(attrs, "name", false).filter(|_| !empty).map(|n| (n, local_sheet));
                text.clear();
            }
            Piece::Text(t) if open_name.is_some() => text.push_str(&unescape(t)),
            Piece::Close { name: "definedName" } => {
                if let Some((name, local_sheet)) = open_name.take() {
                    names.push(DefinedName { name, local_sheet, formula: text.clone() });
                }
            }
            _ => {}
        }
    }
    (sheets, names)
}

fn relationships(xml: &str) -> Vec<Relationship> {
    let mut out = Vec::new();
    for piece in Pieces::new(xml) {
        if let Piece::Open { name: "Relationship", attrs, .. } = piece {
            if let (Some(id), Some(target)) = (attribute(attrs, "Id", false), attribute(attrs, "Target", false)) {
                let external =
                    attribute(attrs, "TargetMode", false).is_some_and(|m| m.eq_ignore_ascii_case("External"));
                out.push(Relationship { id, target, external });
            }
        }
    }
    out
}

/// One sheet part: what follows its cells, parsed for validations and hyperlinks. Hyperlinks
/// whose place is in the sheet's relationships (as LibreOffice writes them) are looked up after.
fn read_sheet(archive: &mut Archive<'_>, package: &[u8], path: &str) -> SheetDefinitions {
    let mut definitions = SheetDefinitions::default();
    let Some(index) = part_index(archive, path) else { return definitions };
    let tail = match stored(archive, package, index) {
        // The part as it is in the package: found from its end, the cells never looked at.
        Some(part) => Some(std::borrow::Cow::Borrowed(tail_from_end(part))),
        None => streamed_tail(archive, index).map(std::borrow::Cow::Owned),
    };
    let Some(tail) = tail else {
        // Not read whole: its validations (if any) were not evaluated.
        definitions.not_read = 1;
        return definitions;
    };
    let pending = parse_tail(&String::from_utf8_lossy(&tail), &mut definitions);
    if !pending.is_empty() {
        let rels = small_part(archive, &rels_path(path)).map(|xml| relationships(&xml)).unwrap_or_default();
        for (from, id) in pending {
            let location = rels.iter().find(|r| r.id == id).and_then(|r| r.target.strip_prefix('#'));
            if let Some(location) = location {
                if definitions.links.len() < MAX_LINKS_PER_SHEET {
                    definitions.links.push(Link { from, location: location.to_string() });
                }
            }
        }
    }
    definitions
}

/// A part's bytes where the package holds it uncompressed (the copy the parser reads stores
/// every part so): no copy, no inflating.
fn stored<'p>(archive: &mut Archive<'_>, package: &'p [u8], index: usize) -> Option<&'p [u8]> {
    let entry = archive.by_index_raw(index).ok()?;
    if entry.compression() != zip::CompressionMethod::Stored || entry.compressed_size() != entry.size() {
        return None;
    }
    let start = usize::try_from(entry.data_start()?).ok()?;
    let len = usize::try_from(entry.size()).ok()?;
    package.get(start..start.checked_add(len)?)
}

/// What follows a worksheet's `sheetData`, found from the end of the part (the end tag is the
/// last `sheetData` in it: text cannot hold a raw `<`), so only the tail is looked at. Empty
/// when the part has none (a chart sheet).
fn tail_from_end(part: &[u8]) -> &[u8] {
    let mut to = part.len();
    while let Some(d) = memchr::memrchr(b'D', &part[..to]) {
        to = d;
        // The `D` of `sheetData`.
        let Some(at) = d.checked_sub(5).filter(|&at| part[at..].starts_with(SHEET_DATA)) else { continue };
        if let Marker::End(end) = marker(part, at) {
            return &part[end..];
        }
    }
    &[]
}

/// What follows a worksheet's `sheetData` in a compressed part: read through once (a package too
/// large for the uncompressed copy). `None` when it is over the tail budget or cannot be read.
fn streamed_tail(archive: &mut Archive<'_>, index: usize) -> Option<Vec<u8>> {
    let entry = archive.by_index(index).ok()?;
    let mut source = BufReader::with_capacity(64 * 1024, entry);
    if !skip_sheet_data(&mut source).ok()? {
        return Some(Vec::new());
    }
    let mut tail = Vec::new();
    source.take(MAX_TAIL_BYTES as u64 + 1).read_to_end(&mut tail).ok()?;
    (tail.len() <= MAX_TAIL_BYTES).then_some(tail)
}

/// Moves `source` past the worksheet's `sheetData`, found by a byte search (text in cells cannot
/// hold a raw `<`, so the first end tag of `sheetData` is the real one). `false` when the part has
/// none (a chart sheet).
fn skip_sheet_data<R: BufRead>(source: &mut R) -> std::io::Result<bool> {
    // Room for `</prefix:sheetData>` to straddle two reads.
    const LOOKAHEAD: usize = 48;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let buf = source.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let len = buf.len();
        // A marker across the boundary: the end of what was read before and the start of this.
        let carried = carry.len();
        carry.extend_from_slice(&buf[..len.min(LOOKAHEAD)]);
        if let Some(end) = sheet_data_end(&carry).filter(|&end| end > carried) {
            source.consume(end - carried);
            return Ok(true);
        }
        if let Some(end) = sheet_data_end(buf) {
            source.consume(end);
            return Ok(true);
        }
        // Keep the last bytes read, for the next boundary.
        if len >= LOOKAHEAD {
            carry.clear();
            carry.extend_from_slice(&buf[len - LOOKAHEAD..]);
        } else {
            let excess = carry.len().saturating_sub(LOOKAHEAD);
            carry.drain(..excess);
        }
        source.consume(len);
    }
}

/// Where the `sheetData` element ends in `window` (just past `</sheetData>`, `</x:sheetData>` or
/// `<sheetData/>`), when it can be told from the bytes so far.
fn sheet_data_end(window: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = find(&window[from..], SHEET_DATA).map(|i| i + from) {
        match marker(window, found) {
            Marker::End(end) => return Some(end),
            Marker::NotIt => from = found + SHEET_DATA.len(),
            Marker::Cut => return None,
        }
    }
    None
}

const SHEET_DATA: &[u8] = b"sheetData";

/// How far from `sheetData` a tag's `<`, `</prefix:` or `>` can be: a tag is written whole, so a
/// marker is told from the bytes next to it, never from a walk of the rest of the part (a part
/// full of the text `sheetData` would make that quadratic).
const NEAR: usize = 32;

/// What the `sheetData` at `at` in `bytes` is.
enum Marker {
    /// The end of the cells: the end tag, or an empty element; the position just past it.
    End(usize),
    /// Text, or the start tag.
    NotIt,
    /// Cannot be told yet: the bytes end first.
    Cut,
}

fn marker(bytes: &[u8], at: usize) -> Marker {
    let before = &bytes[..at];
    let after = &bytes[at + SHEET_DATA.len()..];
    let Some(close) = memchr::memchr(b'>', &after[..after.len().min(NEAR)]) else {
        return if after.len() < NEAR { Marker::Cut } else { Marker::NotIt };
    };
    let end_tag = before.ends_with(b"</") || (before.ends_with(b":") && prefixed_end_tag(before));
    let empty_element = after[..close].ends_with(b"/") && (before.ends_with(b"<") || before.ends_with(b":"));
    if end_tag || empty_element {
        Marker::End(at + SHEET_DATA.len() + close + 1)
    } else {
        Marker::NotIt
    }
}

/// Whether the bytes before `sheetData` (which end in `:`) end in `</prefix:`.
fn prefixed_end_tag(before: &[u8]) -> bool {
    let near = &before[before.len().saturating_sub(NEAR)..before.len() - 1];
    near.iter()
        .rposition(|b| !b.is_ascii_alphanumeric() && *b != b'_' && *b != b'-' && *b != b'.')
        .is_some_and(|i| i >= 1 && &near[i - 1..=i] == b"</")
}

/// Where `needle` (`sheetData`) is in `haystack`, found by its `D`: a byte rare in sheet XML (`s`
/// is in every styled cell), so the search runs through a part at the speed of a byte scan.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    const ANCHOR: usize = 5; // the `D` of `sheetData`
    let mut from = ANCHOR;
    while let Some(i) = memchr::memchr(b'D', haystack.get(from..)?) {
        let at = from + i - ANCHOR;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        from += i + 1;
    }
    None
}

/// Parses what follows `sheetData`: `dataValidations` (and Excel 2010's `x14:dataValidations`,
/// which Excel writes for lists on other sheets) and `hyperlinks`. Returns the hyperlinks whose
/// place is in the sheet's relationships: (cells, relationship id).
fn parse_tail(tail: &str, out: &mut SheetDefinitions) -> Vec<(CellRange, String)> {
    let mut pending = Vec::new();
    let mut ranges_kept = 0usize;
    // The validation being read, and which of its child elements' text is being collected.
    let mut open: Option<Validation> = None;
    let mut text_of: Option<&'static str> = None;
    let mut text = String::new();
    for piece in Pieces::new(tail) {
        match piece {
            Piece::Open { name: "hyperlink", attrs, .. } => {
                if out.links.len() + pending.len() >= MAX_LINKS_PER_SHEET {
                    continue;
                }
                let Some(from) = attribute(attrs, "ref", false).and_then(|r| CellRange::parse(&r)) else { continue };
                match attribute(attrs, "location", false).filter(|l| !l.is_empty()) {
                    Some(location) => {
                        out.links.push(Link { from, location: location.trim_start_matches('#').to_string() })
                    }
                    None => pending.extend(attribute(attrs, "id", true).map(|id| (from, id))),
                }
            }
            Piece::Open { name: "dataValidation", attrs, empty } => {
                let mut v = validation_from(attrs);
                v.ranges = attribute(attrs, "sqref", false).map(|s| parse_sqref(&s)).unwrap_or_default();
                if empty {
                    keep(out, v, &mut ranges_kept);
                } else {
                    open = Some(v);
                }
            }
            Piece::Open { name, empty: false, .. } if open.is_some() => {
                let which = match name {
                    "formula1" => Some("formula1"),
                    "formula2" => Some("formula2"),
                    "sqref" => Some("sqref"),
                    // `<x14:formula1><xm:f>…</xm:f></x14:formula1>`: the text is the `f`'s.
                    "f" => text_of,
                    _ => None,
                };
                if which.is_some() {
                    text_of = which;
                    text.clear();
                }
            }
            Piece::Text(t) if text_of.is_some() => text.push_str(&unescape(t)),
            Piece::Close { name } => match (name, open.as_mut(), text_of) {
                ("dataValidation", Some(_), _) => {
                    if let Some(v) = open.take() {
                        keep(out, v, &mut ranges_kept);
                    }
                    text_of = None;
                }
                ("formula1" | "formula2" | "sqref", Some(v), Some(which)) => {
                    let value = text.trim().to_string();
                    match which {
                        "formula1" => v.formula1 = value,
                        "formula2" => v.formula2 = value,
                        _ => v.ranges = parse_sqref(&value),
                    }
                    text_of = None;
                }
                _ => {}
            },
            _ => {}
        }
    }
    pending
}

/// A piece of XML: a start (or empty) tag by its local name with its attributes as written, an
/// end tag, or text (still escaped).
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Open { name: &'a str, attrs: &'a str, empty: bool },
    Close { name: &'a str },
    Text(&'a str),
}

/// The pieces of a small XML text (a part's tail, a workbook, relationships): what these parts
/// need and no more. Comments, processing instructions and declarations are passed over; CDATA is
/// text. The spreadsheet parser's XML reader is not used here: the browser's module would carry
/// a second copy of it, for another kind of input.
struct Pieces<'a> {
    rest: &'a str,
}

impl<'a> Pieces<'a> {
    fn new(xml: &'a str) -> Self {
        Pieces { rest: xml }
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            if !self.rest.starts_with('<') {
                let end = self.rest.find('<').unwrap_or(self.rest.len());
                let (text, rest) = self.rest.split_at(end);
                self.rest = rest;
                return Some(Piece::Text(text));
            }
            for (open, close) in [("<!--", "-->"), ("<?", "?>")] {
                if self.rest.starts_with(open) {
                    let end = self.rest.find(close).map_or(self.rest.len(), |e| e + close.len());
                    self.rest = &self.rest[end..];
                }
            }
            if let Some(inner) = self.rest.strip_prefix("<![CDATA[") {
                let end = inner.find("]]>").unwrap_or(inner.len());
                self.rest = inner.get(end + 3..).unwrap_or("");
                return Some(Piece::Text(&inner[..end]));
            }
            if !self.rest.starts_with('<') {
                continue;
            }
            // The tag runs to the first `>` outside quotes.
            let mut quote: Option<u8> = None;
            let end = self.rest.bytes().enumerate().skip(1).find_map(|(i, b)| match (quote, b) {
                (None, b'"' | b'\'') => {
                    quote = Some(b);
                    None
                }
                (Some(q), _) if q == b => {
                    quote = None;
                    None
                }
                (None, b'>') => Some(i),
                _ => None,
            });
            let Some(end) = end else {
                self.rest = "";
                return None;
            };
            let inner = &self.rest[1..end];
            self.rest = &self.rest[end + 1..];
            if inner.starts_with('!') {
                continue;
            }
            let local = |name: &'a str| name.rsplit(':').next().unwrap_or(name);
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Piece::Close { name: local(name.trim()) });
            }
            let empty = inner.ends_with('/');
            let inner = inner.trim_end_matches('/');
            let (name, attrs) = inner.split_once(|c: char| c.is_ascii_whitespace()).unwrap_or((inner, ""));
            return Some(Piece::Open { name: local(name), attrs, empty });
        }
    }
}

/// Keeps a validation within the sheet's limits; past them it is counted as not evaluated.
fn keep(out: &mut SheetDefinitions, v: Validation, ranges_kept: &mut usize) {
    if out.validations.len() >= MAX_VALIDATIONS_PER_SHEET || *ranges_kept + v.ranges.len() > MAX_RANGES_PER_SHEET {
        out.not_read += 1;
        return;
    }
    *ranges_kept += v.ranges.len();
    out.validations.push(v);
}

fn validation_from(attrs: &str) -> Validation {
    let kind = match attribute(attrs, "type", false).as_deref() {
        Some("list") => ValidationKind::List,
        Some("whole") => ValidationKind::Whole,
        Some("decimal") => ValidationKind::Decimal,
        Some("date") => ValidationKind::Date,
        Some("time") => ValidationKind::Time,
        Some("textLength") => ValidationKind::TextLength,
        Some("custom") => ValidationKind::Custom,
        _ => ValidationKind::Any,
    };
    let operator = match attribute(attrs, "operator", false).as_deref() {
        Some("notBetween") => Operator::NotBetween,
        Some("equal") => Operator::Equal,
        Some("notEqual") => Operator::NotEqual,
        Some("greaterThan") => Operator::GreaterThan,
        Some("lessThan") => Operator::LessThan,
        Some("greaterThanOrEqual") => Operator::GreaterThanOrEqual,
        Some("lessThanOrEqual") => Operator::LessThanOrEqual,
        _ => Operator::Between,
    };
    let error_style = match attribute(attrs, "errorStyle", false).as_deref() {
        Some("warning") => ErrorStyle::Warning,
        Some("information") => ErrorStyle::Information,
        _ => ErrorStyle::Stop,
    };
    Validation { kind, operator, formula1: String::new(), formula2: String::new(), error_style, ranges: Vec::new() }
}

/// `"A1 C3:D9"` → the ranges; anything that is not a cell or range is left out.
pub fn parse_sqref(sqref: &str) -> Vec<CellRange> {
    sqref.split_ascii_whitespace().filter_map(CellRange::parse).collect()
}

/// An attribute's value (its entities replaced) from a tag's attributes as written; with
/// `prefixed`, only one with a namespace prefix (`r:id`, not a plain `id` or `sheetId`).
fn attribute(raw: &str, key: &str, prefixed: bool) -> Option<String> {
    let mut rest = raw;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let end = after[1..].find(quote)? + 1;
        let matches = if prefixed { name.split_once(':').is_some_and(|(_, local)| local == key) } else { name == key };
        if matches {
            return Some(unescape(&after[1..end]));
        }
        rest = &after[end + 1..];
    }
}

/// Text with XML's entities (`&amp;`, `&quot;`, `&#39;`, `&#x27;`) replaced.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        match tail.find(';').filter(|&end| end <= 10).and_then(|end| Some((entity_char(&tail[..end])?, end))) {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity_char(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`; `` (the package) → `_rels/.rels`.
pub fn rels_path(part: &str) -> String {
    let part = part.trim_start_matches('/');
    match part.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The package path a relationship target names, from the part that holds the relationship.
pub fn resolve(source: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(absolute) = target.strip_prefix('/') {
        return normalise(absolute.split('/').collect());
    } else {
        source.trim_start_matches('/').split('/').collect()
    };
    parts.pop();
    parts.extend(target.split('/'));
    normalise(parts)
}

fn normalise(parts: Vec<&str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for part in parts {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p),
        }
    }
    out.join("/")
}

/// The place a `HYPERLINK("#'2. Cover'!C6", …)` formula links to, when its first argument is a
/// text constant naming a place in this workbook; `None` for any other formula or link.
pub fn hyperlink_formula_location(formula: &str) -> Option<String> {
    // Looked for in place: every formula cell of a workbook passes here as it is read.
    const NAME: &[u8] = b"HYPERLINK(";
    let start = formula.as_bytes().windows(NAME.len()).position(|w| w.eq_ignore_ascii_case(NAME))? + NAME.len();
    let rest = formula[start..].trim_start();
    let mut chars = rest.strip_prefix('"')?.chars().peekable();
    let mut text = String::new();
    loop {
        match chars.next()? {
            '"' if chars.peek() == Some(&'"') => {
                chars.next();
                text.push('"');
            }
            '"' => break,
            c => text.push(c),
        }
    }
    text.strip_prefix('#').map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_entities_are_read_as_xml_writes_them() {
        let raw = r#"type="list" sqref='C9' r:id="rId1" sheetId="3" location="&apos;My &amp; Co&apos;!C6&#x21;""#;
        assert_eq!(attribute(raw, "type", false).as_deref(), Some("list"));
        assert_eq!(attribute(raw, "sqref", false).as_deref(), Some("C9"));
        assert_eq!(attribute(raw, "id", true).as_deref(), Some("rId1"));
        assert_eq!(attribute(raw, "id", false), None, "sheetId is not id");
        assert_eq!(attribute(raw, "location", false).as_deref(), Some("'My & Co'!C6!"));
        assert_eq!(unescape("a &unknown; & b &#34;"), "a &unknown; & b \"");
    }

    /// The tail of a worksheet after `sheetData`, read `chunk` bytes at a time.
    fn tail_of(xml: &str, chunk: usize) -> Option<String> {
        let mut source = BufReader::with_capacity(chunk, xml.as_bytes());
        let found = skip_sheet_data(&mut source).expect("read");
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut source, &mut rest).expect("rest");
        found.then_some(rest)
    }

    #[test]
    fn the_cells_are_skipped_whatever_the_prefix_or_chunking() {
        for chunk in [1, 3, 7, 64 * 1024] {
            let t = tail_of("<worksheet><sheetData><row><c><is><t>sheetData</t></is></c></row></sheetData><hyperlinks/></worksheet>", chunk);
            assert_eq!(t.as_deref(), Some("<hyperlinks/></worksheet>"), "{chunk}");
            let t = tail_of("<x:worksheet><x:sheetData></x:sheetData><x:dataValidations/></x:worksheet>", chunk);
            assert_eq!(t.as_deref(), Some("<x:dataValidations/></x:worksheet>"), "{chunk}");
            let t = tail_of("<worksheet><sheetData/><hyperlinks/></worksheet>", chunk);
            assert_eq!(t.as_deref(), Some("<hyperlinks/></worksheet>"), "{chunk}");
            let t = tail_of("<worksheet><sheetData /><hyperlinks/></worksheet>", chunk);
            assert_eq!(t.as_deref(), Some("<hyperlinks/></worksheet>"), "{chunk}");
            assert_eq!(tail_of("<chartsheet/>", chunk), None);
        }
    }

    #[test]
    fn validations_and_links_are_read_from_both_forms() {
        let tail = r#"<dataValidations count="2"><dataValidation type="list" errorStyle="warning" allowBlank="1" sqref="C9 E7:E206"><formula1>&quot;Yes,No&quot;</formula1></dataValidation><dataValidation type="whole" operator="greaterThanOrEqual" sqref="O7:O206"><formula1>0</formula1></dataValidation></dataValidations><hyperlinks><hyperlink ref="C5" location="'2. Cover'!C6" display="C6"/><hyperlink ref="C6" r:id="rId1"/></hyperlinks><extLst><ext><x14:dataValidations><x14:dataValidation type="list"><x14:formula1><xm:f>Lists!$A$2:$A$9</xm:f></x14:formula1><xm:sqref>E7:E206</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>"#;
        let mut out = SheetDefinitions::default();
        let pending = parse_tail(tail, &mut out);
        assert_eq!(out.validations.len(), 3);
        let v = &out.validations[0];
        assert_eq!(
            (v.kind, v.error_style, v.formula1.as_str()),
            (ValidationKind::List, ErrorStyle::Warning, "\"Yes,No\"")
        );
        assert_eq!(v.ranges.iter().map(|r| r.to_string()).collect::<Vec<_>>(), ["C9", "E7:E206"]);
        assert_eq!(
            (out.validations[1].operator, out.validations[1].formula1.as_str()),
            (Operator::GreaterThanOrEqual, "0")
        );
        let x14 = &out.validations[2];
        assert_eq!(
            (x14.kind, x14.formula1.as_str(), x14.ranges[0].to_string()),
            (ValidationKind::List, "Lists!$A$2:$A$9", "E7:E206".to_string())
        );
        let links: Vec<(String, &str)> = out.links.iter().map(|l| (l.from.to_string(), l.location.as_str())).collect();
        assert_eq!(links, [("C5".to_string(), "'2. Cover'!C6")]);
        assert_eq!(
            pending.iter().map(|(r, id)| (r.to_string(), id.as_str())).collect::<Vec<_>>(),
            [("C6".to_string(), "rId1")]
        );
    }

    #[test]
    fn the_tail_of_a_stored_part_is_found_from_its_end() {
        let tail = |xml: &str| String::from_utf8_lossy(tail_from_end(xml.as_bytes())).into_owned();
        assert_eq!(tail("<worksheet><sheetData><row><c><is><t>sheetData D</t></is></c></row></sheetData><hyperlinks/></worksheet>"), "<hyperlinks/></worksheet>");
        assert_eq!(
            tail("<x:worksheet><x:sheetData></x:sheetData><x:dataValidations/></x:worksheet>"),
            "<x:dataValidations/></x:worksheet>"
        );
        assert_eq!(tail("<worksheet><sheetData/><hyperlinks/></worksheet>"), "<hyperlinks/></worksheet>");
        assert_eq!(tail("<worksheet><sheetData /></worksheet>"), "</worksheet>");
        assert_eq!(tail("<chartsheet>Data</chartsheet>"), "");
        assert_eq!(tail(""), "");
    }

    #[test]
    fn a_part_full_of_the_word_is_scanned_once() {
        // Two megabytes of `sheetData` as text, with no `>` after it and a long `prefix:` run:
        // each candidate is told from the bytes next to it (this took minutes when a candidate
        // looked for its `>` to the end of the part).
        let mut part = b"<worksheet><sheetData>".to_vec();
        part.extend("sheetData".repeat(230_000).bytes());
        part.extend("x".repeat(100_000).bytes());
        part.extend(b":sheetData");
        assert_eq!(tail_from_end(&part), b"");
        let mut source = BufReader::with_capacity(4096, &part[..]);
        assert!(!skip_sheet_data(&mut source).expect("read"));
    }

    #[test]
    fn pieces_of_xml_as_the_parts_write_them() {
        let xml = r#"<?xml version="1.0"?><!-- a note --><x:a k="v>1" j='2'><b/>text &amp; more<![CDATA[<raw>]]></x:a><!DOCTYPE x>"#;
        let pieces: Vec<Piece<'_>> = Pieces::new(xml).collect();
        assert_eq!(
            pieces,
            [
                Piece::Open { name: "a", attrs: r#"k="v>1" j='2'"#, empty: false },
                Piece::Open { name: "b", attrs: "", empty: true },
                Piece::Text("text &amp; more"),
                Piece::Text("<raw>"),
                Piece::Close { name: "a" },
            ]
        );
        assert_eq!(Pieces::new("<a unterminated").count(), 0);
    }

    #[test]
    fn hyperlink_formulas_name_their_place() {
        assert_eq!(
            hyperlink_formula_location(r##"HYPERLINK("#'2. Cover'!C6","C6")"##).as_deref(),
            Some("'2. Cover'!C6")
        );
        assert_eq!(hyperlink_formula_location(r##"hyperlink( "#Cover!C6:C7")"##).as_deref(), Some("Cover!C6:C7"));
        assert_eq!(hyperlink_formula_location(r#"HYPERLINK("https://example.org")"#), None);
        assert_eq!(hyperlink_formula_location(r#"HYPERLINK(A1,"x")"#), None);
        assert_eq!(hyperlink_formula_location("SUM(A1:A3)"), None);
    }
}
