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
    let incomplete = CannotMark::Unusual("a sheet's drawing of notes is incomplete");
    let close = text.rfind("</xml>").ok_or(incomplete.clone())?;
    let (root_start, root_end) = root_tag(&text[..close]).ok_or(incomplete)?;
    let added_blocks: Vec<String> = blocks.iter().map(u32::to_string).collect();
    let added_blocks = added_blocks.join(",");
    let mut out = String::with_capacity(text.len() + shapes.len() + 512);
    // The root declares the prefixes the boxes are written with, when it does not already
    // (openpyxl writes its drawings under prefixes of its own).
    let root = &text[root_start..root_end];
    let close_at = root.len() - if root.ends_with("/>") { 2 } else { 1 };
    out.push_str(&text[..root_start + close_at]);
    for (prefix, namespace) in VML_NAMESPACES {
        if !root.contains(&format!("xmlns:{prefix}=")) {
            out.push_str(&format!(r#" xmlns:{prefix}="{namespace}""#));
        }
    }
    out.push_str(&root[close_at..]);
    let head = &text[root_end..close];
    // Add the blocks to the first idmap's list, or a layout with them after the root's start
    // tag when there is none (LibreOffice writes none).
    match idmap_value(head) {
        Some((from, to)) => {
            out.push_str(&head[..to]);
            if from < to {
                out.push(',');
            }
            out.push_str(&added_blocks);
            out.push_str(&head[to..]);
        }
        None => {
            out.push_str(&format!(
                r#"<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{added_blocks}"/></o:shapelayout>"#
            ));
            out.push_str(head);
        }
    }
    if !text.contains("_x0000_t202") {
        out.push_str(SHAPE_TYPE);
    }
    out.push_str(&shapes);
    out.push_str(&text[close..]);
    Ok((out.into_bytes(), last))
}

/// An existing comments part with what an earlier marked copy added taken out: our notes whole,
/// and our part after a note of the user's. Returns the part and the cells whose notes went
/// (their boxes must go from the drawing too).
///
/// Ours are found by their text, which begins "bcf-check:" (after a blank line when it follows
/// the user's): programs that save the copy again drop the notes' author, and regroup the text
/// into runs of their own.
pub fn remove_ours(xml_part: &[u8]) -> Result<(Vec<u8>, BTreeSet<CellRef>), CannotMark> {
    let lead = format!("{AUTHOR}:");
    if !xml_part.windows(lead.len()).any(|w| w == lead.as_bytes()) {
        return Ok((xml_part.to_vec(), BTreeSet::new()));
    }
    let mut out = Vec::with_capacity(xml_part.len());
    let mut removed = BTreeSet::new();
    let mut comment: Option<(Vec<Held>, Option<CellRef>)> = None;
    let mut run: Option<Run> = None;
    let mut in_t = false;
    each_piece(xml_part, |p| {
        let Some((held, cell)) = comment.as_mut() else {
            if let Event::Start(e) = &p.event {
                if xml::local_name(e) == "comment" {
                    let cell = xml::attr(e, "ref").and_then(|r| CellRef::parse(&r));
                    comment = Some((vec![Held::Markup(p.raw.to_vec())], cell));
                    return Ok(());
                }
            }
            out.extend_from_slice(p.raw);
            return Ok(());
        };
        match &p.event {
            Event::Start(e) if xml::local_name(e) == "r" && run.is_none() => {
                run = Some(Run { before: p.raw.to_vec(), raw: p.raw.to_vec(), ..Run::default() });
            }
            Event::Start(e) if xml::local_name(e) == "t" && !in_t => {
                in_t = true;
                let r = run.get_or_insert_with(|| Run { alone: true, ..Run::default() });
                r.t = e.name().into_inner().to_string();
                r.raw.extend_from_slice(p.raw);
            }
            Event::Text(t) if in_t => {
                if let Some(r) = run.as_mut() {
                    r.text.push_str(&xml::unescape(t));
                    r.raw.extend_from_slice(p.raw);
                }
            }
            Event::GeneralRef(r) if in_t => {
                if let Some(run) = run.as_mut() {
                    run.text.push_str(&xml::reference_text(r));
                    run.raw.extend_from_slice(p.raw);
                }
            }
            Event::End(e) if in_t && e.local_name().into_inner() == "t" => {
                in_t = false;
                if let Some(r) = run.as_mut() {
                    r.text_done = true;
                    r.raw.extend_from_slice(p.raw);
                }
                if run.as_ref().is_some_and(|r| r.alone) {
                    held.extend(run.take().map(Held::Run));
                }
            }
            Event::End(e) if e.local_name().into_inner() == "r" && run.is_some() => {
                if let Some(mut r) = run.take() {
                    r.after.extend_from_slice(p.raw);
                    r.raw.extend_from_slice(p.raw);
                    held.push(Held::Run(r));
                }
            }
            _ if run.is_some() => {
                if let Some(r) = run.as_mut() {
                    r.raw.extend_from_slice(p.raw);
                    if r.text_done {
                        r.after.extend_from_slice(p.raw);
                    } else {
                        r.before.extend_from_slice(p.raw);
                    }
                }
            }
            Event::End(e) if e.local_name().into_inner() == "comment" => {
                held.push(Held::Markup(p.raw.to_vec()));
                let whole: String = held
                    .iter()
                    .filter_map(|h| if let Held::Run(r) = h { Some(r.text.as_str()) } else { None })
                    .collect();
                // Ours whole, ours after the user's (cut before the blank line), or none of ours.
                let cut = if whole.starts_with(&lead) {
                    removed.extend(*cell);
                    held.clear();
                    0
                } else {
                    whole.find(&format!("\n\n{lead}")).unwrap_or(whole.len())
                };
                let mut at = 0;
                for piece in held.drain(..) {
                    match piece {
                        Held::Markup(raw) => out.extend(raw),
                        Held::Run(r) if at + r.text.len() <= cut => {
                            at += r.text.len();
                            out.extend(r.raw);
                        }
                        Held::Run(r) if at < cut => {
                            let keep = &r.text[..(cut - at).min(r.text.len())];
                            at += r.text.len();
                            out.extend(r.before);
                            out.extend_from_slice(
                                format!(r#"<{0} xml:space="preserve">{1}</{0}>"#, r.t, xml::escape(keep)).as_bytes(),
                            );
                            out.extend(r.after);
                        }
                        Held::Run(_) => {}
                    }
                }
                comment = None;
            }
            _ => held.push(Held::Markup(p.raw.to_vec())),
        }
        Ok(())
    })?;
    Ok((out, removed))
}

/// A piece of one comment: markup kept as it is, or a run of its text.
enum Held {
    Markup(Vec<u8>),
    Run(Run),
}

/// A run of a note's text (`<r>…<t>text</t>…</r>`, or a `<t>` on its own), which may be cut
/// short: the pieces before its `<t>`, the `<t>` element's name, the text, the pieces after.
#[derive(Default)]
struct Run {
    before: Vec<u8>,
    t: String,
    text: String,
    after: Vec<u8>,
    /// All of it, as written.
    raw: Vec<u8>,
    text_done: bool,
    alone: bool,
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

/// A VML drawing without the note boxes of `cells`; the blocks of note numbers only those boxes
/// used come off its list, so that marking again numbers its boxes as before.
pub fn remove_boxes(vml: &[u8], cells: &BTreeSet<CellRef>) -> Vec<u8> {
    if cells.is_empty() {
        return vml.to_vec();
    }
    let text = String::from_utf8_lossy(vml);
    let mut out = String::with_capacity(text.len());
    let (mut kept_blocks, mut removed_blocks) = (BTreeSet::new(), BTreeSet::new());
    let mut rest = text.as_ref();
    while let Some((start, end)) = next_shape(rest) {
        out.push_str(&rest[..start]);
        let shape = &rest[start..end];
        let cell = match (number_in(shape, "Row"), number_in(shape, "Column")) {
            (Some(row), Some(col)) => Some(CellRef::new(row.saturating_add(1), col.saturating_add(1))),
            _ => None,
        };
        let block = shape_block(shape);
        if cell.is_some_and(|c| cells.contains(&c)) {
            removed_blocks.extend(block);
        } else {
            kept_blocks.extend(block);
            out.push_str(shape);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    let unused: BTreeSet<u32> = removed_blocks.difference(&kept_blocks).copied().collect();
    match idmap_value(&out) {
        Some((from, to)) if !unused.is_empty() => {
            let kept: Vec<&str> = out[from..to]
                .split(',')
                .filter(|b| b.trim().parse::<u32>().map_or(true, |b| !unused.contains(&b)))
                .collect();
            let kept = kept.join(",");
            out.replace_range(from..to, &kept);
            out.into_bytes()
        }
        _ => out.into_bytes(),
    }
}

/// The next note box (a `shape` element under any prefix) in `text`: where it starts and ends.
fn next_shape(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    loop {
        let at = from + text[from..].find('<')?;
        let name_end =
            text[at + 1..].find(|c: char| c.is_whitespace() || c == '>' || c == '/').map_or(text.len(), |e| at + 1 + e);
        let name = &text[at + 1..name_end];
        if name.rsplit(':').next() == Some("shape") {
            let close = format!("</{name}>");
            let end = text[at..].find(&close).map(|e| at + e + close.len())?;
            return Some((at, end));
        }
        from = at + 1;
    }
}

/// The number in a box's `<x:Row>` or `<x:Column>` (under any prefix).
fn number_in(shape: &str, tag: &str) -> Option<u32> {
    let mut from = 0;
    let open = format!("{tag}>");
    while let Some(at) = shape[from..].find(&open).map(|a| from + a) {
        let tag_start = shape[..at].rfind('<')?;
        let between = &shape[tag_start + 1..at];
        if between.is_empty() || (between.ends_with(':') && !between.contains(['/', ' '])) {
            return shape[at + open.len()..].split('<').next()?.trim().parse().ok();
        }
        from = at + open.len();
    }
    None
}

/// The block of note numbers a box's id (`_x0000_s2049`) is in.
fn shape_block(shape: &str) -> Option<u32> {
    let at = shape.find("_x0000_s")? + "_x0000_s".len();
    let digits: String = shape[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u32>().ok().map(|n| n / 1024)
}

/// Where the value of the drawing's first list of blocks (`o:idmap data="…"`) is.
fn idmap_value(text: &str) -> Option<(usize, usize)> {
    let at = text.find("idmap")?;
    let value = at + text[at..].find("data=")? + 5;
    let quote = text[value..].chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let end = value + 1 + text[value + 1..].find(quote)?;
    Some((value + 1, end))
}

/// The drawing's root element: where its start tag begins and ends (past an XML declaration,
/// comments and a document type).
fn root_tag(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    loop {
        let at = from + text[from..].find('<')?;
        let rest = &text[at + 1..];
        from = if rest.starts_with('?') {
            at + 1 + rest.find("?>")? + 2
        } else if rest.starts_with("!--") {
            at + 1 + rest.find("-->")? + 3
        } else if rest.starts_with('!') {
            at + 1 + rest.find('>')? + 1
        } else {
            return Some((at, at + 1 + rest.find('>')? + 1));
        };
    }
}

/// The namespaces the boxes written here use, by the prefix they are written with.
const VML_NAMESPACES: [(&str, &str); 3] = [
    ("v", "urn:schemas-microsoft-com:vml"),
    ("o", "urn:schemas-microsoft-com:office:office"),
    ("x", "urn:schemas-microsoft-com:office:excel"),
];

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
