//! Small tools for editing a package's XML parts in place: every event the edit does not touch is
//! copied as the exact bytes it was read from, so an edited part differs only where it must.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::CannotMark;

/// The namespace of relationship ids (`r:id`) in SpreadsheetML parts.
pub const RELATIONSHIPS_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One event of a part, with the bytes it was read from.
pub struct Piece<'a> {
    pub event: Event<'a>,
    pub raw: &'a [u8],
    /// How many elements enclose this one (the root element is at depth 0).
    pub depth: usize,
}

/// Reads a part event by event, handing each to `visit` with its original bytes. Stops at the end
/// of the part; a part that is not well-formed XML (or not UTF-8) is refused.
pub fn each_piece<'a>(
    xml: &'a [u8],
    mut visit: impl FnMut(Piece<'a>) -> Result<(), CannotMark>,
) -> Result<(), CannotMark> {
    if xml.starts_with(&[0xFF, 0xFE]) || xml.starts_with(&[0xFE, 0xFF]) {
        // UTF-16 parts are allowed by the format but never written by Excel or LibreOffice.
        return Err(CannotMark::Unusual("a part of the workbook is stored as UTF-16 text"));
    }
    let mut reader = Reader::from_reader(xml);
    let mut depth = 0usize;
    loop {
        let start = position(&reader);
        let event = reader.read_event().map_err(|_| CannotMark::Damaged)?;
        let end = position(&reader).min(xml.len());
        let raw = xml.get(start..end).ok_or(CannotMark::Damaged)?;
        let piece_depth = match &event {
            Event::Eof => return Ok(()),
            Event::End(_) => {
                depth = depth.checked_sub(1).ok_or(CannotMark::Damaged)?;
                depth
            }
            _ => depth,
        };
        if matches!(event, Event::Start(_)) {
            depth += 1;
        }
        visit(Piece { event, raw, depth: piece_depth })?;
    }
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// The element's name without its namespace prefix.
pub fn local_name(e: &BytesStart<'_>) -> String {
    e.local_name().into_inner().to_string()
}

/// The namespace prefix of an element's name with its colon (`x:` for `<x:worksheet>`), or
/// nothing. Some writers put SpreadsheetML under a prefix; what is added must use the same.
pub fn prefix_of(name: &str) -> &str {
    name.find(':').map_or("", |colon| &name[..=colon])
}

/// Elements written here (`<font>…</font>`) under a namespace prefix (`<x:font>…</x:font>`).
/// The fragments hold no `<` in text (it is escaped), so every `<` starts a tag.
pub fn prefixed(fragment: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        return fragment.to_string();
    }
    let mut out = String::with_capacity(fragment.len() + 16 * prefix.len());
    let mut rest = fragment;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            out.push('/');
            rest = after;
        }
        if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.push_str(prefix);
        }
    }
    out.push_str(rest);
    out
}

/// An attribute's value as written (still escaped), by its full name (e.g. `r` or `r:id`).
pub fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find(|a| a.key.into_inner() == key).map(|a| a.value.into_owned())
}

/// An attribute's value read as text (entities replaced).
pub fn attr_text(e: &BytesStart<'_>, key: &str) -> Option<String> {
    attr(e, key).map(|v| unescape(&v))
}

/// The element's start tag again with `key` set to `value` (already escaped), or removed when
/// `value` is `None`. Other attributes keep their written values, in their order.
pub fn with_attr(e: &BytesStart<'_>, empty: bool, key: &str, value: Option<&str>) -> Vec<u8> {
    with_attrs(e, empty, &[(key, value)])
}

/// The element's start tag again with each `(key, value)` set (already escaped), or removed when
/// the value is `None`; new attributes follow the element's own, in the order given.
pub fn with_attrs(e: &BytesStart<'_>, empty: bool, changes: &[(&str, Option<&str>)]) -> Vec<u8> {
    let mut out = Vec::new();
    out.push(b'<');
    out.extend_from_slice(e.name().into_inner().as_bytes());
    let mut done = vec![false; changes.len()];
    for a in e.attributes().with_checks(false).flatten() {
        match changes.iter().position(|(key, _)| a.key.into_inner() == *key) {
            Some(i) => {
                if let Some(value) = changes[i].1 {
                    push_attr(&mut out, changes[i].0.as_bytes(), value.as_bytes());
                }
                done[i] = true;
            }
            None => push_attr(&mut out, a.key.into_inner().as_bytes(), a.value.as_bytes()),
        }
    }
    for ((key, value), done) in changes.iter().zip(done) {
        if let (false, Some(value)) = (done, value) {
            push_attr(&mut out, key.as_bytes(), value.as_bytes());
        }
    }
    out.extend_from_slice(if empty { b"/>" } else { b">" });
    out
}

fn push_attr(out: &mut Vec<u8>, key: &[u8], value: &[u8]) {
    // A value read from single quotes may hold a double quote.
    let quote = if value.contains(&b'"') { b'\'' } else { b'"' };
    out.push(b' ');
    out.extend_from_slice(key);
    out.push(b'=');
    out.push(quote);
    out.extend_from_slice(value);
    out.push(quote);
}

/// The prefix the element declares for the relationships namespace, if any (`r` in
/// `xmlns:r="…/relationships"`).
pub fn relationships_prefix(e: &BytesStart<'_>) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let prefix = a.key.into_inner().strip_prefix("xmlns:")?;
        (a.value == RELATIONSHIPS_NS).then(|| prefix.to_string())
    })
}

/// An element (with its children) in a form that compares equal for the same meaning however it
/// was written: prefixes, namespace declarations, attribute order, quotes, `<a/>` against
/// `<a></a>`. Attributes named in `ignore` are left out of the outermost element.
pub fn canonical(raw: &[u8], ignore: &[&str]) -> String {
    let mut out = String::with_capacity(raw.len());
    let _ = each_piece(raw, |p| {
        match &p.event {
            Event::Start(e) | Event::Empty(e) => {
                out.push('<');
                out.push_str(e.local_name().into_inner());
                let mut attrs: Vec<(String, String)> = e
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .filter(|a| {
                        let key = a.key.into_inner();
                        key != "xmlns" && !key.starts_with("xmlns:")
                    })
                    .map(|a| (a.key.local_name().into_inner().to_string(), unescape(&a.value)))
                    .filter(|(key, _)| !(p.depth == 0 && ignore.contains(&key.as_str())))
                    .collect();
                attrs.sort();
                for (key, value) in attrs {
                    out.push_str(&format!(" {key}={value:?}"));
                }
                out.push('>');
                if matches!(p.event, Event::Empty(_)) {
                    out.push_str("</>");
                }
            }
            Event::End(_) => out.push_str("</>"),
            Event::Text(t) => out.push_str(t.trim()),
            _ => {}
        }
        Ok(())
    });
    out
}

/// Text for an XML element or a double-quoted attribute (the only kind written here): `&`, `<`,
/// `>` and `"` escaped, and characters XML 1.0 cannot hold dropped. Apostrophes stay as they are,
/// as Excel writes them in a link's `'Sheet name'!A1`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The character an entity or character reference between tags stands for (`&amp;`, `&#10;`).
pub fn reference_text(r: &quick_xml::events::BytesRef<'_>) -> String {
    match r.resolve_char_ref() {
        Ok(Some(c)) => c.to_string(),
        _ => quick_xml::escape::resolve_predefined_entity(r).unwrap_or("").to_string(),
    }
}

/// The text an escaped attribute value stands for (the five named entities and numeric ones).
pub fn unescape(text: &str) -> String {
    quick_xml::escape::unescape(text).map(|t| t.into_owned()).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copying_every_piece_gives_the_same_bytes() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="a" xmlns:r='b'><!-- note --><sheetData><row r="1" ><c r="A1" t='s'><v>0</v></c></row></sheetData>
<![CDATA[x<y]]><?pi data?><x:y a = "1"/></worksheet>"#;
        let mut out = Vec::new();
        each_piece(xml, |p| {
            out.extend_from_slice(p.raw);
            Ok(())
        })
        .unwrap();
        assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(xml));
    }

    #[test]
    fn setting_an_attribute_keeps_the_others() {
        let xml = br#"<c r="A1" s="3" t='s'/>"#;
        let mut tag = Vec::new();
        each_piece(xml, |p| {
            if let Event::Empty(e) = &p.event {
                tag = with_attr(e, true, "s", Some("9"));
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(String::from_utf8_lossy(&tag), r#"<c r="A1" s="9" t="s"/>"#);
    }

    #[test]
    fn added_elements_take_the_parts_prefix() {
        assert_eq!(prefixed(r#"<font><b/><sz val="1"/></font>"#, "x:"), r#"<x:font><x:b/><x:sz val="1"/></x:font>"#);
        assert_eq!(prefixed("<c r=\"A1\"/>", ""), "<c r=\"A1\"/>");
        assert_eq!(prefix_of("x:worksheet"), "x:");
        assert_eq!(prefix_of("worksheet"), "");
    }

    #[test]
    fn several_attributes_are_set_at_once() {
        let xml = br#"<xf borderId="0" fontId="2"><alignment/></xf>"#;
        let mut tag = Vec::new();
        each_piece(xml, |p| {
            if let (Event::Start(e), 0) = (&p.event, p.depth) {
                tag = with_attrs(e, false, &[("borderId", Some("7")), ("applyBorder", Some("1")), ("fontId", None)]);
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(String::from_utf8_lossy(&tag), r#"<xf borderId="7" applyBorder="1">"#);
    }

    #[test]
    fn the_same_element_written_two_ways_reads_the_same() {
        let a = canonical(br#"<x:font><x:b/><x:sz val='9' /></x:font>"#, &[]);
        let b = canonical(br#"<font xmlns="m"><b></b><sz val="9"/></font>"#, &[]);
        assert_eq!(a, b);
        assert_ne!(a, canonical(br#"<font><sz val="9"/><b/></font>"#, &[]), "children keep their order");
        assert_eq!(
            canonical(br#"<xf borderId="3" fontId="1" applyBorder="1"/>"#, &["borderId", "applyBorder"]),
            canonical(br#"<xf fontId="1"/>"#, &[])
        );
    }

    #[test]
    fn escapes_what_xml_cannot_hold() {
        assert_eq!(escape("a & b <c> \"d\" 'e'\u{1}"), "a &amp; b &lt;c&gt; &quot;d&quot; 'e'");
    }
}
