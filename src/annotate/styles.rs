//! The styles part: the formats the marked copy adds (a red border for cells with an error, and
//! the "Problems found" sheet's title, headings, text and links), appended after the workbook's
//! own so that every existing style index keeps its meaning.

use std::collections::BTreeMap;

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

/// How many formats the sheet adds before the marked copies of the workbook's own.
const SHEET_FORMATS: u32 = 5;

/// The workbook's styles, read, and the formats added to them.
pub struct Styles {
    /// Each existing cell format (`<xf>` in `cellXfs`), as written.
    formats: Vec<Vec<u8>>,
    fonts: u32,
    borders: u32,
    /// Existing format index → the index of its copy with the red border.
    marked: BTreeMap<u32, u32>,
    pub sheet: SheetFormats,
    /// The namespace prefix the part writes its elements with (usually none).
    prefix: String,
}

/// The fonts added: title, heading, text, link (in this order, after the workbook's own).
const FONTS: &str = concat!(
    r#"<font><b/><sz val="14"/><name val="Arial"/><family val="2"/></font>"#,
    r#"<font><b/><sz val="11"/><name val="Arial"/><family val="2"/></font>"#,
    r#"<font><sz val="11"/><name val="Arial"/><family val="2"/></font>"#,
    r#"<font><u/><sz val="11"/><color rgb="FF1D70B8"/><name val="Arial"/><family val="2"/></font>"#,
);

/// GOV.UK's error red (#ca3535), around all four sides.
const RED_BORDER: &str = concat!(
    r#"<border><left style="medium"><color rgb="FFCA3535"/></left><right style="medium"><color rgb="FFCA3535"/></right>"#,
    r#"<top style="medium"><color rgb="FFCA3535"/></top><bottom style="medium"><color rgb="FFCA3535"/></bottom><diagonal/></border>"#,
);

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

impl Styles {
    pub fn read(xml: &[u8]) -> Result<Styles, CannotMark> {
        let (mut fonts, mut borders) = (None::<u32>, None::<u32>);
        let mut formats: Vec<Vec<u8>> = Vec::new();
        let mut list: Option<String> = None;
        let mut current: Option<Vec<u8>> = None;
        let mut has_cell_formats = false;
        let mut prefix = String::new();
        each_piece(xml, |p| {
            match &p.event {
                Event::Start(e) if p.depth == 0 => prefix = xml::prefix_of(e.name().into_inner()).to_string(),
                Event::Start(e) | Event::Empty(e) if p.depth == 1 => {
                    let name = xml::local_name(e);
                    let empty = matches!(p.event, Event::Empty(_));
                    match name.as_str() {
                        "fonts" => fonts = Some(0),
                        "borders" => borders = Some(0),
                        "cellXfs" => has_cell_formats = true,
                        _ => {}
                    }
                    if !empty {
                        list = Some(name);
                    }
                }
                Event::End(_) if p.depth == 1 => list = None,
                Event::Start(e) | Event::Empty(e) if p.depth == 2 => {
                    let empty = matches!(p.event, Event::Empty(_));
                    match (list.as_deref(), xml::local_name(e).as_str()) {
                        (Some("fonts"), "font") => fonts = fonts.map(|n| n + 1),
                        (Some("borders"), "border") => borders = borders.map(|n| n + 1),
                        (Some("cellXfs"), "xf") if empty => formats.push(p.raw.to_vec()),
                        (Some("cellXfs"), "xf") => current = Some(p.raw.to_vec()),
                        _ => {}
                    }
                }
                Event::End(e) if p.depth == 2 && e.local_name().into_inner() == "xf" => {
                    if let Some(mut xf) = current.take() {
                        xf.extend_from_slice(p.raw);
                        formats.push(xf);
                    }
                }
                _ => {
                    if let Some(xf) = current.as_mut() {
                        xf.extend_from_slice(p.raw);
                    }
                }
            }
            Ok(())
        })?;
        let (Some(fonts), Some(borders), true) = (fonts, borders, has_cell_formats) else {
            return Err(CannotMark::Unusual("the workbook's styles have no list of fonts, borders or cell formats"));
        };
        let n = formats.len() as u32;
        let sheet = SheetFormats { title: n, heading: n + 1, text: n + 2, link: n + 3, plain: n + 4 };
        Ok(Styles { formats, fonts, borders, marked: BTreeMap::new(), sheet, prefix })
    }

    /// The format to give a cell with an error whose format is `base`: the same with a red border.
    pub fn marked(&mut self, base: u32) -> u32 {
        let base = if (base as usize) < self.formats.len() { base } else { 0 };
        let next = self.formats.len() as u32 + SHEET_FORMATS + self.marked.len() as u32;
        *self.marked.entry(base).or_insert(next)
    }

    /// The formats given to cells with an error (marked format, the cell's own format).
    pub fn marked_pairs(&self) -> Vec<(u32, u32)> {
        self.marked.iter().map(|(base, marked)| (*marked, *base)).collect()
    }

    /// How many cell formats the workbook had.
    pub fn count(&self) -> u32 {
        self.formats.len() as u32
    }

    /// The styles part with the added fonts, border and formats.
    pub fn write(&self, xml: &[u8]) -> Result<Vec<u8>, CannotMark> {
        let added_formats = self.added_formats()?;
        let added = |name: &str| -> Option<(u32, String)> {
            match name {
                "fonts" => Some((self.fonts + 4, xml::prefixed(FONTS, &self.prefix))),
                "borders" => Some((self.borders + 1, xml::prefixed(RED_BORDER, &self.prefix))),
                "cellXfs" => {
                    Some((self.formats.len() as u32 + SHEET_FORMATS + self.marked.len() as u32, added_formats.clone()))
                }
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

    fn added_formats(&self) -> Result<String, CannotMark> {
        let font = |i: u32| self.fonts + i;
        let wrap = r#"<alignment vertical="top" wrapText="1"/>"#;
        let out = format!(
            concat!(
                r#"<xf numFmtId="0" fontId="{}" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
                r#"<xf numFmtId="0" fontId="{}" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">{}</xf>"#,
                r#"<xf numFmtId="0" fontId="{}" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">{}</xf>"#,
                r#"<xf numFmtId="0" fontId="{}" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">{}</xf>"#,
                r#"<xf numFmtId="0" fontId="{}" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
            ),
            font(0),
            font(1),
            wrap,
            font(2),
            wrap,
            font(3),
            wrap,
            font(2)
        );
        // The workbook's own formats, copied below, already carry its prefix.
        let mut out = xml::prefixed(&out, &self.prefix);
        let red = self.borders.to_string();
        let mut by_index: Vec<(u32, u32)> = self.marked.iter().map(|(b, m)| (*m, *b)).collect();
        by_index.sort_unstable();
        for (_, base) in by_index {
            let raw = &self.formats[base as usize];
            let mut copy = Vec::with_capacity(raw.len() + 32);
            let mut first = true;
            each_piece(raw, |p| {
                match &p.event {
                    Event::Start(e) | Event::Empty(e) if first => {
                        first = false;
                        let empty = matches!(p.event, Event::Empty(_));
                        copy.extend(xml::with_attrs(e, empty, &[("borderId", Some(&red)), ("applyBorder", Some("1"))]));
                    }
                    _ => copy.extend_from_slice(p.raw),
                }
                Ok(())
            })?;
            out.push_str(&String::from_utf8_lossy(&copy));
        }
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
    }
}
