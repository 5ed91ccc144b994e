//! Notes (Excel's "comments"): the comments part that holds their text and the legacy VML drawing
//! that draws their boxes. A cell that already has a note keeps it, with ours added after.

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::events::Event;

use super::xml::{self, each_piece};
use super::CannotMark;
use crate::workbook::CellRef;

const AUTHOR: &str = "bcf-check";

/// A note's text: each finding on the cell, in order.
pub type Notes = BTreeMap<CellRef, Vec<String>>;

/// The runs of rich text for our part of a note: the author in bold, then each finding.
fn runs(texts: &[String], after_existing: bool) -> String {
    let format = r#"<rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>"#;
    let bold = r#"<rPr><b/><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>"#;
    let lead = if after_existing { "\n\n" } else { "" };
    format!(
        r#"<r>{bold}<t xml:space="preserve">{lead}{AUTHOR}:</t></r><r>{format}<t xml:space="preserve">{}</t></r>"#,
        xml::escape(&format!("\n{}", texts.join("\n\n")))
    )
}

/// A new comments part holding `notes`.
pub fn new_comments(notes: &Notes) -> Vec<u8> {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>"#
    ));
    out.push_str(AUTHOR);
    out.push_str("</author></authors><commentList>");
    for (cell, texts) in notes {
        out.push_str(&format!(r#"<comment ref="{cell}" authorId="0"><text>{}</text></comment>"#, runs(texts, false)));
    }
    out.push_str("</commentList></comments>");
    out.into_bytes()
}

/// An existing comments part with `notes` added: to a cell's own note after its text, else as a
/// new note. Returns the part and the cells that got a new note (which need a box drawn).
pub fn add_to_comments(xml_part: &[u8], notes: &Notes) -> Result<(Vec<u8>, BTreeSet<CellRef>), CannotMark> {
    let names = author_names(xml_part)?;
    // Our author, added by an earlier copy, is used again rather than listed twice.
    let (authors, add_author) = match names.iter().position(|a| a == AUTHOR) {
        Some(i) => (i, false),
        None => (names.len(), true),
    };
    let mut existing: BTreeSet<CellRef> = BTreeSet::new();
    each_piece(xml_part, |p| {
        if let Event::Start(e) | Event::Empty(e) = &p.event {
            if xml::local_name(e) == "comment" {
                if let Some(cell) = xml::attr(e, "ref").and_then(|r| CellRef::parse(&r)) {
                    existing.insert(cell);
                }
            }
        }
        Ok(())
    })?;
    let new: BTreeSet<CellRef> = notes.keys().filter(|c| !existing.contains(c)).copied().collect();
    // The prefix the part writes its elements with (usually none): added ones use it too.
    let mut ns = String::new();
    each_piece(xml_part, |p| {
        if let (Event::Start(e), 0) = (&p.event, p.depth) {
            ns = xml::prefix_of(e.name().into_inner()).to_string();
        }
        Ok(())
    })?;
    let new_comments: String = new
        .iter()
        .map(|cell| {
            let texts = notes.get(cell).map_or(&[][..], Vec::as_slice);
            format!(r#"<comment ref="{cell}" authorId="{authors}"><text>{}</text></comment>"#, runs(texts, false))
        })
        .collect();
    let new_comments = xml::prefixed(&new_comments, &ns);
    let author = if add_author { xml::prefixed(&format!("<author>{AUTHOR}</author>"), &ns) } else { String::new() };
    let mut out = Vec::with_capacity(xml_part.len() + new_comments.len() + 256);
    let mut current: Option<CellRef> = None;
    let mut saw_authors = false;
    each_piece(xml_part, |p| {
        match &p.event {
            Event::Start(e) if xml::local_name(e) == "comment" => {
                current = xml::attr(e, "ref").and_then(|r| CellRef::parse(&r));
            }
            Event::Empty(e) if xml::local_name(e) == "authors" => {
                saw_authors = true;
                out.extend_from_slice(format!("<{0}>{author}</{0}>", e.name().into_inner()).as_bytes());
                return Ok(());
            }
            Event::Start(e) if xml::local_name(e) == "authors" => saw_authors = true,
            Event::End(e) => match e.local_name().into_inner() {
                "authors" => out.extend_from_slice(author.as_bytes()),
                "text" => {
                    if let Some(texts) = current.and_then(|c| notes.get(&c)) {
                        out.extend_from_slice(xml::prefixed(&runs(texts, true), &ns).as_bytes());
                    }
                }
                "comment" => current = None,
                "commentList" => out.extend_from_slice(new_comments.as_bytes()),
                _ => {}
            },
            Event::Empty(e) if xml::local_name(e) == "commentList" => {
                out.extend_from_slice(format!("<{0}>{new_comments}</{0}>", e.name().into_inner()).as_bytes());
                return Ok(());
            }
            _ => {}
        }
        out.extend_from_slice(p.raw);
        Ok(())
    })?;
    if !saw_authors {
        return Err(CannotMark::Unusual("a sheet's notes have no list of authors"));
    }
    Ok((out, new))
}

/// The drawing blocks (`o:idmap data`) the package's VML drawings already use: shape ids are
/// `block × 1024 + n`, and two drawings must not share a block.
pub fn used_blocks(vml: &[u8]) -> Vec<u32> {
    let text = String::from_utf8_lossy(vml);
    let mut blocks = Vec::new();
    let mut rest = text.as_ref();
    while let Some(at) = rest.find("idmap") {
        rest = &rest[at + 5..];
        let Some(data) = rest.find("data=") else { break };
        let value = &rest[data + 5..];
        let quote = value.chars().next().unwrap_or('"');
        let value = value.get(1..).unwrap_or("");
        let value = value.split(quote).next().unwrap_or("");
        blocks.extend(value.split(',').filter_map(|b| b.trim().parse::<u32>().ok()));
    }
    blocks
}

/// The highest drawing block whose shape ids (block × 1,024 + n) still fit the format's numbers.
pub const MAX_BLOCK: u32 = u32::MAX / 1024 - 1;

const SHAPE_TYPE: &str = concat!(
    r#"<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">"#,
    r#"<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>"#
);

/// The boxes for `cells`, numbered from `first_block` (1,023 shapes a block). Returns the shapes
/// and the blocks they use.
fn shapes(cells: &[(CellRef, usize)], first_block: u32) -> (String, Vec<u32>) {
    let mut out = String::new();
    let mut blocks = vec![first_block];
    for (i, (cell, length)) in cells.iter().enumerate() {
        let block = first_block + (i / 1023) as u32;
        if blocks.last() != Some(&block) {
            blocks.push(block);
        }
        let id = block * 1024 + 1 + (i % 1023) as u32;
        let (row, col) = (cell.row - 1, cell.col - 1);
        let top = row.saturating_sub(1);
        // Tall enough for the text at about 45 characters a line, within reason.
        let rows = (3 + length / 45).min(30) as u32;
        out.push_str(&format!(
            concat!(
                r##"<v:shape id="_x0000_s{id}" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;width:240pt;height:{height}pt;z-index:{z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">"##,
                r##"<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>"##,
                r##"<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>"##,
                r##"<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>"##,
                r##"<x:Anchor>{left}, 15, {top}, 10, {right}, 15, {bottom}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>"##,
                r##"<x:Row>{row}</x:Row><x:Column>{col}</x:Column></x:ClientData></v:shape>"##
            ),
            id = id,
            height = rows * 15,
            z = i + 1,
            left = col + 1,
            right = col + 5,
            top = top,
            bottom = top + rows,
            row = row,
            col = col,
        ));
    }
    (out, blocks)
}

/// A new VML drawing with a box for each of `cells` (cell, length of its note's text).
pub fn new_drawing(cells: &[(CellRef, usize)], first_block: u32) -> (Vec<u8>, u32) {
    let (shapes, blocks) = shapes(cells, first_block);
    let data: Vec<String> = blocks.iter().map(u32::to_string).collect();
    let last = blocks.last().copied().unwrap_or(first_block);
    let vml = format!(
        concat!(
            r#"<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">"#,
            r#"<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{}"/></o:shapelayout>{}{}</xml>"#
        ),
        data.join(","),
        SHAPE_TYPE,
        shapes
    );
    (vml.into_bytes(), last)
}

/// An existing VML drawing with boxes added for `cells`, in blocks from `first_block` (added to
/// its `idmap`). VML is not always well-formed XML (Excel writes `<br>`), so this edits text.
pub fn add_to_drawing(vml: &[u8], cells: &[(CellRef, usize)], first_block: u32) -> Result<(Vec<u8>, u32), CannotMark> {
    let text = String::from_utf8(vml.to_vec()).map_err(|_| CannotMark::Damaged)?;
    let (shapes, blocks) = shapes(cells, first_block);
    let last = blocks.last().copied().unwrap_or(first_block);
    let close = text.rfind("</xml>").ok_or(CannotMark::Unusual("a sheet's drawing of notes is incomplete"))?;
    let mut out = String::with_capacity(text.len() + shapes.len() + 512);
    let head = &text[..close];
    let added_blocks: Vec<String> = blocks.iter().map(u32::to_string).collect();
    // Add the blocks to the first idmap's list, or a layout with them when there is none.
    match head.find("idmap").and_then(|at| head[at..].find("data=").map(|d| at + d + 5)) {
        Some(value) if head[value..].starts_with(['"', '\'']) => {
            let quote = &head[value..=value];
            let end = head[value + 1..].find(quote).map(|e| value + 1 + e).ok_or(CannotMark::Damaged)?;
            out.push_str(&head[..end]);
            out.push(',');
            out.push_str(&added_blocks.join(","));
            out.push_str(&head[end..]);
        }
        _ => {
            let open = head.find('>').ok_or(CannotMark::Damaged)? + 1;
            out.push_str(&head[..open]);
            out.push_str(&format!(
                r#"<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{}"/></o:shapelayout>"#,
                added_blocks.join(",")
            ));
            out.push_str(&head[open..]);
        }
    }
    if !text.contains("_x0000_t202") {
        out.push_str(SHAPE_TYPE);
    }
    out.push_str(&shapes);
    out.push_str(&text[close..]);
    Ok((out.into_bytes(), last))
}

/// An existing comments part with what an earlier marked copy added taken out: our runs after a
/// note of the user's, and our own notes whole. Returns the part and the cells whose notes went
/// (their boxes must go from the drawing too).
pub fn remove_ours(xml_part: &[u8]) -> Result<(Vec<u8>, BTreeSet<CellRef>), CannotMark> {
    // Our author's index, if an earlier copy added it.
    let authors = author_names(xml_part)?;
    let Some(ours) = authors.iter().position(|a| a == AUTHOR) else {
        return Ok((xml_part.to_vec(), BTreeSet::new()));
    };
    let ours = ours.to_string();
    // Each comment is held back until its end: dropped whole when it is ours, else written
    // without our runs (a "bcf-check:" run and the run after it).
    enum Held {
        Run(Vec<u8>, String),
        Other(Vec<u8>),
    }
    let mut out = Vec::with_capacity(xml_part.len());
    let mut removed = BTreeSet::new();
    let mut comment: Option<(Vec<Held>, Option<CellRef>, bool)> = None;
    let mut run: Option<(Vec<u8>, String)> = None;
    each_piece(xml_part, |p| {
        let Some((held, cell, by_us)) = comment.as_mut() else {
            if let Event::Start(e) = &p.event {
                if xml::local_name(e) == "comment" {
                    let cell = xml::attr(e, "ref").and_then(|r| CellRef::parse(&r));
                    let by_us = xml::attr(e, "authorId").is_some_and(|a| a == ours);
                    comment = Some((vec![Held::Other(p.raw.to_vec())], cell, by_us));
                    return Ok(());
                }
            }
            out.extend_from_slice(p.raw);
            return Ok(());
        };
        match (&p.event, run.as_mut()) {
            (Event::Start(e), None) if xml::local_name(e) == "r" => run = Some((p.raw.to_vec(), String::new())),
            (Event::End(e), Some(_)) if e.local_name().into_inner() == "r" => {
                if let Some((mut raw, text)) = run.take() {
                    raw.extend_from_slice(p.raw);
                    held.push(Held::Run(raw, text));
                }
            }
            (Event::Text(t), Some((raw, text))) => {
                raw.extend_from_slice(p.raw);
                text.push_str(&xml::unescape(t));
            }
            (_, Some((raw, _))) => raw.extend_from_slice(p.raw),
            (Event::End(e), None) if e.local_name().into_inner() == "comment" => {
                held.push(Held::Other(p.raw.to_vec()));
                if *by_us {
                    removed.extend(*cell);
                } else {
                    let mut skip_next_run = false;
                    for piece in held.drain(..) {
                        match piece {
                            Held::Run(_, text) if text == format!("{AUTHOR}:") || text == format!("\n\n{AUTHOR}:") => {
                                skip_next_run = true;
                            }
                            Held::Run(_, _) if skip_next_run => skip_next_run = false,
                            Held::Run(raw, _) | Held::Other(raw) => out.extend(raw),
                        }
                    }
                }
                comment = None;
            }
            (_, None) => held.push(Held::Other(p.raw.to_vec())),
        }
        Ok(())
    })?;
    Ok((out, removed))
}

/// The names of a comments part's authors, in order.
fn author_names(xml_part: &[u8]) -> Result<Vec<String>, CannotMark> {
    let mut authors = Vec::new();
    let mut in_author = false;
    each_piece(xml_part, |p| {
        match &p.event {
            Event::Start(e) if xml::local_name(e) == "author" => {
                in_author = true;
                authors.push(String::new());
            }
            Event::Empty(e) if xml::local_name(e) == "author" => authors.push(String::new()),
            Event::End(e) if e.local_name().into_inner() == "author" => in_author = false,
            Event::Text(t) if in_author => {
                if let Some(last) = authors.last_mut() {
                    last.push_str(&xml::unescape(t));
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(authors)
}

/// A VML drawing without the note boxes of `cells`.
pub fn remove_boxes(vml: &[u8], cells: &BTreeSet<CellRef>) -> Vec<u8> {
    if cells.is_empty() {
        return vml.to_vec();
    }
    let text = String::from_utf8_lossy(vml);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("<v:shape ") {
        out.push_str(&rest[..start]);
        let Some(length) = rest[start..].find("</v:shape>") else { break };
        let shape = &rest[start..start + length + "</v:shape>".len()];
        let number = |tag: &str| {
            let open = format!("<x:{tag}>");
            let at = shape.find(&open)? + open.len();
            shape[at..].split('<').next()?.trim().parse::<u32>().ok()
        };
        let cell = match (number("Row"), number("Column")) {
            (Some(row), Some(col)) => Some(CellRef::new(row + 1, col + 1)),
            _ => None,
        };
        if !cell.is_some_and(|c| cells.contains(&c)) {
            out.push_str(shape);
        }
        rest = &rest[start + shape.len()..];
    }
    out.push_str(rest);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cells_own_note_is_kept_and_ours_added_after() {
        let part = br#"<comments xmlns="m"><authors><author>Ann</author></authors><commentList><comment ref="B2" authorId="0"><text><r><t>Ann's note</t></r></text></comment></commentList></comments>"#;
        let mut notes = Notes::new();
        notes.insert(CellRef::new(2, 2), vec!["Error: first".into()]);
        notes.insert(CellRef::new(3, 1), vec!["Warning: second".into()]);
        let (out, new) = add_to_comments(part, &notes).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(new.into_iter().collect::<Vec<_>>(), vec![CellRef::new(3, 1)]);
        assert!(out.contains("<author>Ann</author><author>bcf-check</author>"), "{out}");
        assert!(out.contains("<t>Ann's note</t></r><r>"), "{out}");
        assert!(out.contains(r#"<comment ref="A3" authorId="1">"#), "{out}");
        assert_eq!(out.matches("<comment ").count(), 2);
    }

    #[test]
    fn blocks_in_use_are_read_from_every_form() {
        assert_eq!(used_blocks(br#"<o:idmap v:ext="edit" data="1"/> <o:idmap data='3,4'/>"#), vec![1, 3, 4]);
        let (vml, last) = add_to_drawing(br#"<xml><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t201"/></xml>"#, &[(CellRef::new(1, 1), 10)], 2).unwrap();
        let vml = String::from_utf8(vml).unwrap();
        assert_eq!(last, 2);
        assert!(vml.contains(r#"data="1,2""#), "{vml}");
        assert!(vml.contains("_x0000_s2049"), "{vml}");
        assert!(vml.contains(r#"id="_x0000_t202""#), "{vml}");
    }
}
