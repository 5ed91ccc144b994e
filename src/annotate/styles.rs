//! The styles part: the formats the marked copy adds (a red border for cells with an error, and
//! the "Problems found" sheet's title, headings, text and links), appended after the workbook's
//! own so that every existing style index keeps its meaning.
//!
//! A mark must be recognisable from the cell alone: the user may have deleted the "Problems found"
//! sheet, or saved the copy in another program that renumbers every format. So a cell is marked
//! when its format's border is our red on all four sides, and its own format is the one that is
//! the same in every other way. What an earlier marking added is used again rather than added
//! twice (an identical font, border or format is found by its content).

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use quick_xml::events::Event;

use super::xml::{self, each_piece};
use super::CannotMark;

/// The indices of the formats the "Problems found" sheet uses.
#[derive(Clone, Copy, Debug)]
pub struct SheetFormats {
    pub title: u32,
    pub heading: u32,
    pub text: u32,
    pub link: u32,
    /// Text that runs on past its cell (not wrapped), for the line under the title.
    pub plain: u32,
}

/// The fonts the sheet uses: title, heading, text, link.
const FONTS: [&str; 4] = [
    r#"<font><b/><sz val="14"/><name val="Arial"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Arial"/><family val="2"/></font>"#,
    r#"<font><sz val="11"/><name val="Arial"/><family val="2"/></font>"#,
    r#"<font><u/><sz val="11"/><color rgb="FF1D70B8"/><name val="Arial"/><family val="2"/></font>"#,
];

/// GOV.UK's error red (#ca3535), around all four sides: how a marked cell is recognised.
const RED: &str = "CA3535";
const RED_BORDER: &str = concat!(
    r#"<border><left style="medium"><color rgb="FFCA3535"/></left><right style="medium"><color rgb="FFCA3535"/></right>"#,
    r#"<top style="medium"><color rgb="FFCA3535"/></top><bottom style="medium"><color rgb="FFCA3535"/></bottom><diagonal/></border>"#,
);
/// No lines: the border given back to a marked cell whose own format is no longer in the workbook.
const NO_BORDER: &str = "<border><left/><right/><top/><bottom/><diagonal/></border>";

/// The attributes that differ between a cell's own format and its marked copy.
const BORDER_ATTRIBUTES: [&str; 2] = ["borderId", "applyBorder"];

/// A styles part for a package that has none (the format allows it): one font, the two fills
/// every styles part starts with, one empty border and the "Normal" style.
pub const MINIMAL: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    r#"<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
    r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
    r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
    r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
    r#"<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>"#,
    r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
    "</styleSheet>"
);

/// Whether `raw` holds `text`, letters in any case.
fn contains(raw: &[u8], text: &[u8]) -> bool {
    raw.windows(text.len()).any(|w| w.eq_ignore_ascii_case(text))
}

fn hash_of(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Elements of one list (fonts, borders or cell formats): those the workbook has, found by their
/// content, and those added after them.
#[derive(Default)]
struct List {
    /// How many the workbook has.
    existing: u32,
    /// Content → the first existing one with it, for the few contents looked for.
    wanted: HashMap<String, u32>,
    added: Vec<String>,
}

impl List {
    /// The index of an element with this content (`xml`, unprefixed): an existing or added one,
    /// or a new one.
    fn index_of(&mut self, xml: &str) -> u32 {
        let key = xml::canonical(xml.as_bytes(), &[]);
        if let Some(i) = self.wanted.get(&key) {
            return *i;
        }
        let i = self.existing + self.added.len() as u32;
        self.added.push(xml.to_string());
        self.wanted.insert(key, i);
        i
    }

    fn count(&self) -> u32 {
        self.existing + self.added.len() as u32
    }
}

/// The workbook's styles, read, and the formats added to them.
pub struct Styles {
    /// Each existing cell format (`<xf>` in `cellXfs`), as written.
    formats: Vec<Vec<u8>>,
    /// Hash of a format's content without its border → the unmarked formats with it.
    by_content: HashMap<u64, Vec<u32>>,
    /// Hash of a format's whole content → the first format with it.
    by_whole: HashMap<u64, u32>,
    fonts: List,
    borders: List,
    cell_formats: List,
    /// Borders that are our red.
    red_borders: BTreeSet<u32>,
    /// The cell's own format → its marked copy.
    marked: BTreeMap<u32, u32>,
    /// A marked format the workbook has → the cell's own format.
    restore: BTreeMap<u32, u32>,
    pub sheet: SheetFormats,
    /// The namespace prefix the part writes its elements with (usually none).
    prefix: String,
}

/// Whether a `<border>` element draws our red, medium line on all four sides.
fn is_red_border(raw: &[u8]) -> bool {
    let mut sides = 0u32;
    let mut side: Option<(bool, bool)> = None;
    let _ = each_piece(raw, |p| {
        match &p.event {
            Event::Start(e) | Event::Empty(e) if p.depth == 1 => {
                if matches!(xml::local_name(e).as_str(), "left" | "right" | "top" | "bottom") {
                    let medium = xml::attr(e, "style").is_some_and(|s| s == "medium");
                    side = Some((medium, false));
                    if matches!(p.event, Event::Empty(_)) {
                        side = None;
                    }
                }
            }
            Event::Start(e) | Event::Empty(e) if p.depth == 2 && xml::local_name(e) == "color" => {
                let red = xml::attr(e, "rgb").is_some_and(|c| c.to_ascii_uppercase().ends_with(RED));
                if let Some((_, colour)) = side.as_mut() {
                    *colour = red;
                }
            }
            Event::End(_) if p.depth == 1 => sides += u32::from(side.take() == Some((true, true))),
            _ => {}
        }
        Ok(())
    });
    sides == 4
}

/// The `borderId` a format's raw `<xf>` names.
fn border_of(raw: &[u8]) -> Option<u32> {
    let mut border = None;
    let _ = each_piece(raw, |p| {
        if let (Event::Start(e) | Event::Empty(e), 0) = (&p.event, p.depth) {
            border = xml::attr(e, "borderId").and_then(|b| b.parse().ok());
        }
        Ok(())
    });
    border
}

/// A format's raw `<xf>` with its top-level attributes changed.
fn with_top_attrs(raw: &[u8], changes: &[(&str, Option<&str>)]) -> Result<String, CannotMark> {
    let mut copy = Vec::with_capacity(raw.len() + 32);
    let mut first = true;
    each_piece(raw, |p| {
        match &p.event {
            Event::Start(e) | Event::Empty(e) if first => {
                first = false;
                copy.extend(xml::with_attrs(e, matches!(p.event, Event::Empty(_)), changes));
            }
            _ => copy.extend_from_slice(p.raw),
        }
        Ok(())
    })?;
    Ok(String::from_utf8_lossy(&copy).into_owned())
}

impl Styles {
    pub fn read(xml: &[u8]) -> Result<Styles, CannotMark> {
        let (mut fonts, mut borders) = (None::<u32>, None::<u32>);
        let mut formats: Vec<Vec<u8>> = Vec::new();
        let mut list: Option<String> = None;
        let mut current: Option<Vec<u8>> = None;
        let mut has_cell_formats = false;
        let mut prefix = String::new();
        let wanted_fonts: Vec<String> = FONTS.iter().map(|f| xml::canonical(f.as_bytes(), &[])).collect();
        let mut found_fonts: HashMap<String, u32> = HashMap::new();
        let mut red_borders = BTreeSet::new();
        let red = xml::canonical(RED_BORDER.as_bytes(), &[]);
        let plain = xml::canonical(NO_BORDER.as_bytes(), &[]);
        let mut found_borders: HashMap<String, u32> = HashMap::new();
        let mut finish = |list: Option<&str>, raw: Vec<u8>, formats: &mut Vec<Vec<u8>>, n: u32| match list {
            // Only elements that could be ours are read closely: a workbook may have millions.
            Some("fonts") if contains(&raw, b"Arial") => {
                let key = xml::canonical(&raw, &[]);
                if wanted_fonts.contains(&key) {
                    found_fonts.entry(key).or_insert(n);
                }
            }
            Some("borders") if contains(&raw, RED.as_bytes()) || !raw.contains(&b'=') => {
                if is_red_border(&raw) {
                    red_borders.insert(n);
                }
                let key = xml::canonical(&raw, &[]);
                if key == red || key == plain {
                    found_borders.entry(key).or_insert(n);
                }
            }
            Some("cellXfs") => formats.push(raw),
            _ => {}
        };
        each_piece(xml, |p| {
            match &p.event {
                Event::Start(e) if p.depth == 0 => prefix = xml::prefix_of(e.name().into_inner()).to_string(),
                Event::Start(e) | Event::Empty(e) if p.depth == 1 => {
                    let name = xml::local_name(e);
                    match name.as_str() {
                        "fonts" => fonts = Some(0),
                        "borders" => borders = Some(0),
                        "cellXfs" => has_cell_formats = true,
                        _ => {}
                    }
                    if matches!(p.event, Event::Start(_)) {
                        list = Some(name);
                    }
                }
                Event::End(_) if p.depth == 1 => list = None,
                Event::Start(e) | Event::Empty(e) if p.depth == 2 => {
                    let counter = match (list.as_deref(), xml::local_name(e).as_str()) {
                        (Some("fonts"), "font") => fonts.as_mut(),
                        (Some("borders"), "border") => borders.as_mut(),
                        (Some("cellXfs"), "xf") => None,
                        _ => return Ok(()),
                    };
                    let n = match counter {
                        Some(n) => {
                            *n += 1;
                            *n - 1
                        }
                        None => formats.len() as u32,
                    };
                    if matches!(p.event, Event::Empty(_)) {
                        finish(list.as_deref(), p.raw.to_vec(), &mut formats, n);
                    } else {
                        current = Some(p.raw.to_vec());
                    }
                }
                Event::End(_) if p.depth == 2 => {
                    if let Some(mut raw) = current.take() {
                        raw.extend_from_slice(p.raw);
                        let n = match list.as_deref() {
                            Some("fonts") => fonts.unwrap_or(1) - 1,
                            Some("borders") => borders.unwrap_or(1) - 1,
                            _ => formats.len() as u32,
                        };
                        finish(list.as_deref(), raw, &mut formats, n);
                    }
                }
                _ => {
                    if let Some(raw) = current.as_mut() {
                        raw.extend_from_slice(p.raw);
                    }
                }
            }
            Ok(())
        })?;
        let (Some(fonts), Some(borders), true) = (fonts, borders, has_cell_formats) else {
            return Err(CannotMark::Unusual("the workbook's styles have no list of fonts, borders or cell formats"));
        };
        let mut by_content: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut by_whole: HashMap<u64, u32> = HashMap::new();
        let mut marked_formats = Vec::new();
        for (i, raw) in formats.iter().enumerate() {
            let i = i as u32;
            by_whole.entry(hash_of(&xml::canonical(raw, &[]))).or_insert(i);
            if border_of(raw).is_some_and(|b| red_borders.contains(&b)) {
                marked_formats.push(i);
            } else {
                by_content.entry(hash_of(&xml::canonical(raw, &BORDER_ATTRIBUTES))).or_default().push(i);
            }
        }
        let mut styles = Styles {
            formats,
            by_content,
            by_whole,
            fonts: List { existing: fonts, wanted: found_fonts, added: Vec::new() },
            borders: List { existing: borders, wanted: found_borders, added: Vec::new() },
            cell_formats: List { existing: 0, wanted: HashMap::new(), added: Vec::new() },
            red_borders,
            marked: BTreeMap::new(),
            restore: BTreeMap::new(),
            sheet: SheetFormats { title: 0, heading: 0, text: 0, link: 0, plain: 0 },
            prefix,
        };
        styles.cell_formats.existing = styles.formats.len() as u32;
        for m in marked_formats {
            let own = styles.own_format_of(m)?;
            styles.restore.insert(m, own);
        }
        let font = |styles: &mut Styles, i: usize| styles.fonts.index_of(FONTS[i]);
        let wrap = r#"<alignment vertical="top" wrapText="1"/>"#;
        let plain_xf =
            |font: u32| format!(r#"<xf numFmtId="0" fontId="{font}" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#);
        let wrapped_xf = |font: u32| {
            format!(
                r#"<xf numFmtId="0" fontId="{font}" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">{wrap}</xf>"#
            )
        };
        let fonts: Vec<u32> = (0..4).map(|i| font(&mut styles, i)).collect();
        styles.sheet = SheetFormats {
            title: styles.format(&plain_xf(fonts[0])),
            heading: styles.format(&wrapped_xf(fonts[1])),
            text: styles.format(&wrapped_xf(fonts[2])),
            link: styles.format(&wrapped_xf(fonts[3])),
            plain: styles.format(&plain_xf(fonts[2])),
        };
        Ok(styles)
    }

    /// The index of a cell format with this content (unprefixed): the workbook's own, one added
    /// already, or a new one.
    fn format(&mut self, xf: &str) -> u32 {
        let key = xml::canonical(xf.as_bytes(), &[]);
        if let Some(&i) = self.by_whole.get(&hash_of(&key)) {
            if xml::canonical(&self.formats[i as usize], &[]) == key {
                return i;
            }
        }
        self.cell_formats.index_of(xf)
    }

    /// The format a marked format `m` was made from: the workbook's format that is the same but
    /// for its border, or, when the workbook has none, the same with no border.
    fn own_format_of(&mut self, m: u32) -> Result<u32, CannotMark> {
        let raw = self.formats[m as usize].clone();
        let key = xml::canonical(&raw, &BORDER_ATTRIBUTES);
        let candidates = self.by_content.get(&hash_of(&key)).cloned().unwrap_or_default();
        if let Some(own) =
            candidates.into_iter().find(|&c| xml::canonical(&self.formats[c as usize], &BORDER_ATTRIBUTES) == key)
        {
            return Ok(own);
        }
        let none = self.borders.index_of(NO_BORDER).to_string();
        let copy = with_top_attrs(&raw, &[("borderId", Some(&none)), ("applyBorder", None)])?;
        Ok(self.format(&copy))
    }

    /// A cell's own format when `format` is one an earlier marking gave it.
    pub fn restored(&self, format: u32) -> Option<u32> {
        self.restore.get(&format).copied()
    }

    /// The format to give a cell with an error whose format is `base`: the same with a red border.
    pub fn marked(&mut self, base: u32) -> u32 {
        let base = if (base as usize) < self.formats.len() { base } else { 0 };
        let base = self.restored(base).unwrap_or(base);
        if let Some(&m) = self.marked.get(&base) {
            return m;
        }
        let red = match self.red_borders.iter().next() {
            Some(&red) => red,
            None => {
                let red = self.borders.index_of(RED_BORDER);
                self.red_borders.insert(red);
                red
            }
        };
        let m = match self.formats.get(base as usize) {
            Some(raw) => {
                let raw = raw.clone();
                let red = red.to_string();
                match with_top_attrs(&raw, &[("borderId", Some(&red)), ("applyBorder", Some("1"))]) {
                    Ok(copy) => self.format(&copy),
                    Err(_) => base,
                }
            }
            // A workbook without a single format: the marked one is the first.
            None => self.format(&format!(
                r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="{red}" xfId="0" applyBorder="1"/>"#
            )),
        };
        self.marked.insert(base, m);
        m
    }

    /// Whether writing would change the part.
    fn adds_anything(&self) -> bool {
        !(self.fonts.added.is_empty() && self.borders.added.is_empty() && self.cell_formats.added.is_empty())
    }

    /// The styles part with the added fonts, borders and formats.
    pub fn write(&self, xml: &[u8]) -> Result<Vec<u8>, CannotMark> {
        if !self.adds_anything() {
            return Ok(xml.to_vec());
        }
        let joined = |list: &List| xml::prefixed(&list.added.concat(), &self.prefix);
        let (fonts, borders, formats) = (joined(&self.fonts), joined(&self.borders), joined(&self.cell_formats));
        let added = |name: &str| -> Option<(u32, &str)> {
            match name {
                "fonts" => Some((self.fonts.count(), &fonts)),
                "borders" => Some((self.borders.count(), &borders)),
                "cellXfs" => Some((self.cell_formats.count(), &formats)),
                _ => None,
            }
        };
        let mut out = Vec::with_capacity(xml.len() + 4096);
        each_piece(xml, |p| {
            match &p.event {
                Event::Start(e) if p.depth == 1 => {
                    if let Some((count, _)) = added(&xml::local_name(e)) {
                        out.extend(xml::with_attr(e, false, "count", Some(&count.to_string())));
                        return Ok(());
                    }
                }
                Event::Empty(e) if p.depth == 1 => {
                    if let Some((count, children)) = added(&xml::local_name(e)) {
                        out.extend(xml::with_attr(e, false, "count", Some(&count.to_string())));
                        out.extend_from_slice(children.as_bytes());
                        out.extend_from_slice(format!("</{}>", e.name().into_inner()).as_bytes());
                        return Ok(());
                    }
                }
                Event::End(e) if p.depth == 1 => {
                    if let Some((_, children)) = added(e.local_name().into_inner()) {
                        out.extend_from_slice(children.as_bytes());
                    }
                }
                _ => {}
            }
            out.extend_from_slice(p.raw);
            Ok(())
        })?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_formats_follow_the_workbooks_own() {
        let mut styles = Styles::read(MINIMAL.as_bytes()).unwrap();
        assert_eq!(styles.sheet.title, 1);
        assert_eq!(styles.marked(0), 6);
        assert_eq!(styles.marked(0), 6);
        assert_eq!(styles.marked(99), 6, "an index past the list is the default format");
        let written = String::from_utf8(styles.write(MINIMAL.as_bytes()).unwrap()).unwrap();
        assert!(written.contains(r#"<fonts count="5">"#), "{written}");
        assert!(written.contains(r#"<borders count="2">"#), "{written}");
        assert!(written.contains(r#"<cellXfs count="7">"#), "{written}");
        assert!(
            written.contains(r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>"#),
            "{written}"
        );
        // Read again: nothing more to add, and the marked format is known for what it is.
        let mut again = Styles::read(written.as_bytes()).unwrap();
        assert_eq!(again.restored(6), Some(0));
        assert_eq!(again.marked(0), 6);
        assert_eq!(again.marked(6), 6, "marking a marked cell again gives the same format");
        assert_eq!(again.write(written.as_bytes()).unwrap(), written.as_bytes());
    }

    #[test]
    fn a_marked_format_whose_own_is_gone_gets_one_with_no_border() {
        // Another program dropped the formats no cell used, the cell's own among them.
        let xml = MINIMAL
            .replace(
                r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
                &format!(r#"<borders count="2"><border><left style="thin"/></border>{}</borders>"#, RED_BORDER.replace("FFCA3535", "ffca3535")),
            )
            .replace(
                r#"<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>"#,
                r#"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="4" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/></cellXfs>"#,
            );
        let styles = Styles::read(xml.as_bytes()).unwrap();
        let own = styles.restored(1).expect("recognised as marked");
        assert!(own >= 2, "a new format: {own}");
        let written = String::from_utf8(styles.write(xml.as_bytes()).unwrap()).unwrap();
        assert!(written.contains(r#"<xf numFmtId="4" fontId="0" fillId="0" borderId="2" xfId="0"/>"#), "{written}");
        assert!(written.contains(NO_BORDER), "{written}");
    }
}
