//! What an `.xlsx` workbook defines for itself beyond its cells' values: each sheet's data
//! validations (drop-down lists and number limits), its internal hyperlinks, and the workbook's
//! defined names. The parser does not expose these, so they are read here from the package's XML.
//!
//! A sheet part is streamed once: its cells are skipped by a byte search for the end of
//! `sheetData` (validations and hyperlinks come after it in every worksheet), and only what
//! follows is parsed. The work is proportional to the part's bytes, never to a validation's
//! declared range (a validation over `A1:XFD1048576` is ordinary in real workbooks).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::{CellRange, CellRef};

/// The most validations kept per sheet; the rest are counted, not evaluated.
pub const MAX_VALIDATIONS_PER_SHEET: usize = 10_000;
/// The most internal links kept per sheet (a checklist has tens).
pub const MAX_LINKS_PER_SHEET: usize = 10_000;
/// The most cell ranges one sheet's validations may list in all.
const MAX_RANGES_PER_SHEET: usize = 100_000;
/// The most of a sheet part read after its cells: mergeCells, conditional formats, validations,
/// hyperlinks, page setup and extensions are kilobytes in a real workbook.
const MAX_TAIL_BYTES: usize = 16 * 1024 * 1024;
/// The most of a small part (workbook, relationships) read.
const MAX_SMALL_PART_BYTES: u64 = 16 * 1024 * 1024;

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

/// Everything the package defines, by sheet name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PackageDefinitions {
    pub names: Vec<DefinedName>,
    pub sheets: HashMap<String, SheetDefinitions>,
}

/// Reads the definitions of an `.xlsx` package. Never fails the file: what cannot be read is
/// left out (a damaged part was already refused by the package check, so this is rare).
pub fn read(package: &[u8]) -> PackageDefinitions {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(package)) else { return PackageDefinitions::default() };
    let workbook_part = office_document(&mut archive).unwrap_or_else(|| "xl/workbook.xml".to_string());
    let Some(workbook_xml) = read_small(&mut archive, &workbook_part) else { return PackageDefinitions::default() };
    let (sheets, names) = workbook_entries(&workbook_xml);
    let relationships =
        read_small(&mut archive, &rels_path(&workbook_part)).map(|xml| relationships(&xml)).unwrap_or_default();
    let mut out = PackageDefinitions { names, sheets: HashMap::new() };
    for (name, id) in sheets {
        let Some(rel) = relationships.iter().find(|r| r.id == id) else { continue };
        let part = resolve(&workbook_part, &rel.target);
        let definitions = read_sheet(&mut archive, &part);
        out.sheets.insert(name, definitions);
    }
    out
}

struct Relationship {
    id: String,
    target: String,
    external: bool,
}

fn office_document(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    let xml = read_small(archive, "_rels/.rels")?;
    relationships(&xml)
        .into_iter()
        .find(|r| r.target.ends_with(".xml") && !r.external && r.target.contains("workbook"))
        .map(|r| resolve("", &r.target))
}

/// A part's bytes, when it exists and is small. Names are matched exactly, else ignoring case
/// (zip names in some packages differ in case from their relationships' targets).
fn read_small(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let index = part_index(archive, name)?;
    let entry = archive.by_index(index).ok()?;
    let mut bytes = Vec::new();
    entry.take(MAX_SMALL_PART_BYTES).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

fn part_index(archive: &zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<usize> {
    archive.index_for_name(name).or_else(|| {
        (0..archive.len())
            .find(|&i| archive.name_for_index(i).is_some_and(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name))))
    })
}

/// The sheets (name, relationship id) in workbook order, and the defined names.
fn workbook_entries(xml: &[u8]) -> (Vec<(String, String)>, Vec<DefinedName>) {
    let mut sheets = Vec::new();
    let mut names = Vec::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut open_name: Option<(String, Option<usize>)> = None;
    let mut text = String::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(&e) == "sheet" => {
                let name = attr(&e, "name");
                let id = attr_local(&e, "id", true);
                if let (Some(name), Some(id)) = (name, id) {
                    sheets.push((name, id));
                }
            }
            Ok(Event::Start(e)) if local(&e) == "definedName" => {
                let local_sheet = attr(&e, "localSheetId").and_then(|s| s.parse().ok());
                open_name = attr(&e, "name").map(|n| (n, local_sheet));
                text.clear();
            }
            Ok(Event::Text(t)) if open_name.is_some() => text.push_str(&unescape(&t)),
            Ok(Event::GeneralRef(r)) if open_name.is_some() => text.push_str(&entity(&r)),
            Ok(Event::End(e)) if e.local_name().into_inner() == "definedName" => {
                if let Some((name, local_sheet)) = open_name.take() {
                    names.push(DefinedName { name, local_sheet, formula: text.clone() });
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    (sheets, names)
}

fn relationships(xml: &[u8]) -> Vec<Relationship> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(&e) == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    let external = attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
                    out.push(Relationship { id, target, external });
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// One sheet part: its cells skipped, then its validations and hyperlinks read.
fn read_sheet(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, part: &str) -> SheetDefinitions {
    let Some(index) = part_index(archive, part) else { return SheetDefinitions::default() };
    let tail = match archive.by_index(index) {
        Ok(entry) => after_sheet_data(entry),
        Err(_) => return SheetDefinitions::default(),
    };
    let mut definitions = SheetDefinitions::default();
    let Some(tail) = tail else {
        // Not read whole: say that its validations (if any) were not evaluated.
        definitions.not_read = 1;
        return definitions;
    };
    let rels = if tail.windows(9).any(|w| w == b"hyperlink") {
        read_small(archive, &rels_path(part)).map(|xml| relationships(&xml)).unwrap_or_default()
    } else {
        Vec::new()
    };
    parse_tail(&tail, &rels, &mut definitions);
    definitions
}

/// The bytes of a worksheet after its `sheetData`, found by a byte search (text in cells cannot
/// hold a raw `<`, so the first end tag of `sheetData` is the real one). `None` when the rest is
/// larger than the tail budget or the part cannot be read.
fn after_sheet_data(mut part: impl Read) -> Option<Vec<u8>> {
    const CHUNK: usize = 64 * 1024;
    // Room for `</prefix:sheetData` to straddle two chunks.
    const LOOKAHEAD: usize = 48;
    let mut window: Vec<u8> = Vec::with_capacity(CHUNK + LOOKAHEAD);
    let mut chunk = vec![0u8; CHUNK];
    let mut ended = false;
    loop {
        let n = read_some(&mut part, &mut chunk)?;
        if n == 0 {
            ended = true;
        }
        window.extend_from_slice(&chunk[..n]);
        if let Some(end) = sheet_data_end(&window, ended) {
            let mut tail = window.split_off(end);
            // The rest of the part.
            let mut limited = (&mut part).take((MAX_TAIL_BYTES + 1) as u64);
            limited.read_to_end(&mut tail).ok()?;
            return (tail.len() <= MAX_TAIL_BYTES).then_some(tail);
        }
        if ended {
            // No sheetData at all (a chart sheet, or damage): nothing after it to read.
            return Some(Vec::new());
        }
        // Keep only what a marker could still start in.
        let keep = window.len().saturating_sub(LOOKAHEAD);
        window.drain(..keep);
    }
}

fn read_some(part: &mut impl Read, chunk: &mut [u8]) -> Option<usize> {
    loop {
        match part.read(chunk) {
            Ok(n) => return Some(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        }
    }
}

/// Where the `sheetData` element ends in `window` (just past `</sheetData>`, `</x:sheetData>` or
/// `<sheetData/>`), when it can be told from the bytes so far.
fn sheet_data_end(window: &[u8], ended: bool) -> Option<usize> {
    const NAME: &[u8] = b"sheetData";
    let mut from = 0;
    while let Some(found) = find(&window[from..], NAME).map(|i| i + from) {
        let after = found + NAME.len();
        let before = &window[..found];
        let is_end_tag = before.ends_with(b"</") || {
            // `</prefix:sheetData`
            before.ends_with(b":")
                && before[..before.len() - 1]
                    .iter()
                    .rposition(|b| !b.is_ascii_alphanumeric() && *b != b'_' && *b != b'-' && *b != b'.')
                    .is_some_and(|i| i >= 1 && &before[i - 1..=i] == b"</")
        };
        let rest = &window[after..];
        let close = rest.iter().position(|&b| b == b'>');
        match close {
            Some(close) if is_end_tag => return Some(after + close + 1),
            Some(close) if rest[..close].iter().all(u8::is_ascii_whitespace) => {}
            Some(close) if rest[..close].trim_ascii() == b"/" || rest[..close].ends_with(b"/") => {
                // `<sheetData/>` (or with attributes and `/>`): an empty sheet.
                let starts_tag = before.ends_with(b"<") || before.ends_with(b":");
                if starts_tag {
                    return Some(after + close + 1);
                }
            }
            Some(_) => {}
            None if !ended => return None,
            None => return None,
        }
        from = after;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(i) = haystack[from..].iter().position(|&b| b == first) {
        let at = from + i;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Parses what follows `sheetData`: `dataValidations` (and Excel 2010's `x14:dataValidations`,
/// which Excel writes for lists on other sheets) and `hyperlinks`.
fn parse_tail(tail: &[u8], rels: &[Relationship], out: &mut SheetDefinitions) {
    let mut reader = quick_xml::Reader::from_reader(tail);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut ranges_kept = 0usize;
    // The validation being read, and which of its child elements' text is being collected.
    let mut open: Option<Validation> = None;
    let mut text_of: Option<&'static str> = None;
    let mut text = String::new();
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match event {
            Event::Start(e) | Event::Empty(e) if local(&e) == "hyperlink" => {
                if out.links.len() >= MAX_LINKS_PER_SHEET {
                    continue;
                }
                let Some(from) = attr(&e, "ref").and_then(|r| parse_range(&r)) else { continue };
                let location = attr(&e, "location").filter(|l| !l.is_empty()).or_else(|| {
                    let id = attr_local(&e, "id", true)?;
                    let rel = rels.iter().find(|r| r.id == id)?;
                    rel.target.strip_prefix('#').map(str::to_string)
                });
                if let Some(location) = location {
                    out.links.push(Link { from, location: location.trim_start_matches('#').to_string() });
                }
            }
            Event::Start(e) if local(&e) == "dataValidation" => {
                open = Some(validation_from(&e));
                if let Some(v) = open.as_mut() {
                    v.ranges = attr(&e, "sqref").map(|s| parse_sqref(&s)).unwrap_or_default();
                }
            }
            Event::Empty(e) if local(&e) == "dataValidation" => {
                let mut v = validation_from(&e);
                v.ranges = attr(&e, "sqref").map(|s| parse_sqref(&s)).unwrap_or_default();
                keep(out, v, &mut ranges_kept);
            }
            Event::Start(e) if open.is_some() => {
                let name = local(&e);
                let which = match name.as_str() {
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
            Event::Text(t) if text_of.is_some() => text.push_str(&unescape(&t)),
            // `&quot;` around an inline list (LibreOffice writes them so) comes as its own event.
            Event::GeneralRef(r) if text_of.is_some() => text.push_str(&entity(&r)),
            Event::End(e) => {
                let name = e.local_name().into_inner().to_string();
                match (name.as_str(), open.as_mut(), text_of) {
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
                }
            }
            _ => {}
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

fn validation_from(e: &BytesStart<'_>) -> Validation {
    let kind = match attr(e, "type").as_deref() {
        Some("list") => ValidationKind::List,
        Some("whole") => ValidationKind::Whole,
        Some("decimal") => ValidationKind::Decimal,
        Some("date") => ValidationKind::Date,
        Some("time") => ValidationKind::Time,
        Some("textLength") => ValidationKind::TextLength,
        Some("custom") => ValidationKind::Custom,
        _ => ValidationKind::Any,
    };
    let operator = match attr(e, "operator").as_deref() {
        Some("notBetween") => Operator::NotBetween,
        Some("equal") => Operator::Equal,
        Some("notEqual") => Operator::NotEqual,
        Some("greaterThan") => Operator::GreaterThan,
        Some("lessThan") => Operator::LessThan,
        Some("greaterThanOrEqual") => Operator::GreaterThanOrEqual,
        Some("lessThanOrEqual") => Operator::LessThanOrEqual,
        _ => Operator::Between,
    };
    let error_style = match attr(e, "errorStyle").as_deref() {
        Some("warning") => ErrorStyle::Warning,
        Some("information") => ErrorStyle::Information,
        _ => ErrorStyle::Stop,
    };
    Validation { kind, operator, formula1: String::new(), formula2: String::new(), error_style, ranges: Vec::new() }
}

/// `"A1 C3:D9"` → the ranges; anything that is not a cell or range is left out.
pub fn parse_sqref(sqref: &str) -> Vec<CellRange> {
    sqref.split_ascii_whitespace().filter_map(parse_range).collect()
}

/// `"C6"`, `"$C$6:$D$7"` → a range (corners put in order).
pub fn parse_range(text: &str) -> Option<CellRange> {
    let (a, b) = text.split_once(':').unwrap_or((text, text));
    let (a, b) = (CellRef::parse(a)?, CellRef::parse(b)?);
    Some(CellRange {
        start: CellRef::new(a.row.min(b.row), a.col.min(b.col)),
        end: CellRef::new(a.row.max(b.row), a.col.max(b.col)),
    })
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().into_inner().to_string()
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find(|a| a.key.into_inner() == key).map(|a| unescape(&a.value))
}

/// An attribute by local name; with `prefixed`, only one with a namespace prefix (`r:id`, not a
/// plain `id` or `sheetId`).
fn attr_local(e: &BytesStart<'_>, key: &str, prefixed: bool) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().into_inner() == key && (!prefixed || a.key.prefix().is_some()))
        .map(|a| unescape(&a.value))
}

fn unescape(text: &str) -> String {
    quick_xml::escape::unescape(text).map(|t| t.into_owned()).unwrap_or_else(|_| text.to_string())
}

/// The text an entity reference (`quot`, `#39`) stands for.
fn entity(name: &str) -> String {
    unescape(&format!("&{name};"))
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
    let upper = formula.to_ascii_uppercase();
    let start = upper.find("HYPERLINK(")? + "HYPERLINK(".len();
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

    fn tail_of(xml: &str, chunked: bool) -> Option<Vec<u8>> {
        if chunked {
            // One byte a read: every marker straddles a chunk boundary.
            struct Slow<'a>(&'a [u8]);
            impl Read for Slow<'_> {
                fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                    if self.0.is_empty() || buf.is_empty() {
                        return Ok(0);
                    }
                    buf[0] = self.0[0];
                    self.0 = &self.0[1..];
                    Ok(1)
                }
            }
            after_sheet_data(Slow(xml.as_bytes()))
        } else {
            after_sheet_data(xml.as_bytes())
        }
    }

    #[test]
    fn the_cells_are_skipped_whatever_the_prefix_or_chunking() {
        for chunked in [false, true] {
            let t = tail_of("<worksheet><sheetData><row><c><is><t>sheetData</t></is></c></row></sheetData><hyperlinks/></worksheet>", chunked);
            assert_eq!(t.as_deref(), Some(&b"<hyperlinks/></worksheet>"[..]));
            let t = tail_of("<x:worksheet><x:sheetData></x:sheetData><x:dataValidations/></x:worksheet>", chunked);
            assert_eq!(t.as_deref(), Some(&b"<x:dataValidations/></x:worksheet>"[..]));
            let t = tail_of("<worksheet><sheetData/><hyperlinks/></worksheet>", chunked);
            assert_eq!(t.as_deref(), Some(&b"<hyperlinks/></worksheet>"[..]));
            let t = tail_of("<worksheet><sheetData /><hyperlinks/></worksheet>", chunked);
            assert_eq!(t.as_deref(), Some(&b"<hyperlinks/></worksheet>"[..]));
            assert_eq!(tail_of("<chartsheet/>", chunked).as_deref(), Some(&b""[..]));
        }
    }

    #[test]
    fn validations_and_links_are_read_from_both_forms() {
        let tail = br#"<dataValidations count="2"><dataValidation type="list" errorStyle="warning" allowBlank="1" sqref="C9 E7:E206"><formula1>"Yes,No"</formula1></dataValidation><dataValidation type="whole" operator="greaterThanOrEqual" sqref="O7:O206"><formula1>0</formula1></dataValidation></dataValidations><hyperlinks><hyperlink ref="C5" location="'2. Cover'!C6" display="C6"/><hyperlink ref="C6" r:id="rId1"/><hyperlink ref="C7" r:id="rId2"/></hyperlinks><extLst><ext><x14:dataValidations><x14:dataValidation type="list"><x14:formula1><xm:f>Lists!$A$2:$A$9</xm:f></x14:formula1><xm:sqref>E7:E206</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>"#;
        let rels = vec![
            Relationship { id: "rId1".into(), target: "#Cover!C7".into(), external: true },
            Relationship { id: "rId2".into(), target: "https://example.org/".into(), external: true },
        ];
        let mut out = SheetDefinitions::default();
        parse_tail(tail, &rels, &mut out);
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
        assert_eq!(links, [("C5".to_string(), "'2. Cover'!C6"), ("C6".to_string(), "Cover!C7")]);
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
