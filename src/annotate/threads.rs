//! Threaded comments, the comments of current Excel: a cell's thread is what Excel shows, and its
//! legacy note only what older programs show. A finding on a cell with a thread is added to the
//! thread as a reply by "bcf-check" (one of the workbook's people, as Excel lists whoever
//! comments), and taken off again by that person when the copy is marked again.

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use quick_xml::events::Event;

use super::package::{insert_before_close, Package, PERSONS, THREADED_COMMENTS};
use super::xml::{self, each_piece};
use super::CannotMark;
use crate::workbook::CellRef;

const NAMESPACE: &str = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments";
const OUR_NAME: &str = "bcf-check";

/// An id in the form Excel gives threads and people (`{8-4-4-4-12}` hexadecimal digits), made
/// from `seed` so that the same copy gets the same ids.
fn guid(seed: &str) -> String {
    let half = |salt: u8| {
        let mut h = DefaultHasher::new();
        (salt, seed).hash(&mut h);
        h.finish()
    };
    let (a, b) = (half(1), half(2));
    format!(
        "{{{:08X}-{:04X}-4{:03X}-8{:03X}-{:012X}}}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFF,
        (b >> 48) & 0xFFF,
        b & 0xFFFF_FFFF_FFFF
    )
}

/// The workbook's list of people: its part, if it has one.
fn persons_part(package: &mut Package<'_>, workbook_part: &str) -> Result<Option<String>, CannotMark> {
    Ok(package.relationships(workbook_part)?.into_iter().find(|r| r.kind == PERSONS && !r.external).map(|r| r.target))
}

/// Our id among the workbook's people, if an earlier marking added us.
pub fn our_person(package: &mut Package<'_>, workbook_part: &str) -> Result<Option<String>, CannotMark> {
    let Some(part) = persons_part(package, workbook_part)? else { return Ok(None) };
    let Some(persons) = package.read(&part)? else { return Ok(None) };
    let mut id = None;
    each_piece(&persons, |p| {
        if let Event::Start(e) | Event::Empty(e) = &p.event {
            if xml::local_name(e) == "person" && xml::attr_text(e, "displayName").as_deref() == Some(OUR_NAME) {
                id = id.take().or_else(|| xml::attr_text(e, "id"));
            }
        }
        Ok(())
    })?;
    Ok(id)
}

/// Our id among the workbook's people, added (with the list itself when there is none).
pub fn add_our_person(package: &mut Package<'_>, workbook_part: &str) -> Result<String, CannotMark> {
    if let Some(id) = our_person(package, workbook_part)? {
        return Ok(id);
    }
    let id = guid(&format!("person {OUR_NAME}"));
    let person = format!(r#"<person displayName="{OUR_NAME}" id="{id}" userId="{OUR_NAME}" providerId="None"/>"#);
    match persons_part(package, workbook_part)? {
        Some(part) => {
            let persons = package.read(&part)?.ok_or(CannotMark::Damaged)?;
            let edited = insert_before_close(&persons, "personList", person.as_bytes())?;
            package.write(&part, edited);
        }
        None => {
            let folder = workbook_part.rsplit_once('/').map_or(String::new(), |(f, _)| format!("{f}/"));
            let part = package.free_name(&format!("{folder}persons/person"), "xml");
            let xml = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<personList xmlns=\"{NAMESPACE}\" xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{person}</personList>"
            );
            package.write(&part, xml.into_bytes());
            package.relate(workbook_part, PERSONS, &part)?;
            super::add_override(package, &part, "application/vnd.ms-excel.person+xml")?;
        }
    }
    Ok(id)
}

/// The sheet's threads: its threaded comments part, if it has one.
pub fn threads_part(package: &mut Package<'_>, sheet_part: &str) -> Result<Option<String>, CannotMark> {
    Ok(package
        .relationships(sheet_part)?
        .into_iter()
        .find(|r| r.kind == THREADED_COMMENTS && !r.external)
        .map(|r| r.target))
}

/// Each cell's thread: the id of its first comment (the one that is not a reply).
pub fn thread_starts(xml_part: &[u8]) -> Result<BTreeMap<CellRef, String>, CannotMark> {
    let mut starts = BTreeMap::new();
    each_piece(xml_part, |p| {
        if let Event::Start(e) | Event::Empty(e) = &p.event {
            if xml::local_name(e) == "threadedComment" && xml::attr(e, "parentId").is_none() {
                if let (Some(cell), Some(id)) =
                    (xml::attr(e, "ref").and_then(|r| CellRef::parse(&r)), xml::attr_text(e, "id"))
                {
                    starts.entry(cell).or_insert(id);
                }
            }
        }
        Ok(())
    })?;
    Ok(starts)
}

/// The threads with a reply by `person` to each thread in `replies` (cell, the thread's first
/// comment, the text).
pub fn add_replies(
    xml_part: &[u8],
    replies: &[(CellRef, String, String)],
    person: &str,
) -> Result<Vec<u8>, CannotMark> {
    let added: String = replies
        .iter()
        .map(|(cell, parent, text)| {
            format!(
                r#"<threadedComment ref="{cell}" personId="{}" id="{}" parentId="{}"><text>{}</text></threadedComment>"#,
                xml::escape(person),
                guid(&format!("reply {cell} {parent} {text}")),
                xml::escape(parent),
                xml::escape(text)
            )
        })
        .collect();
    insert_before_close(xml_part, "ThreadedComments", added.as_bytes())
}

/// The threads without the comments `person` wrote.
pub fn remove_replies(xml_part: &[u8], person: &str) -> Result<Vec<u8>, CannotMark> {
    let mut out = Vec::with_capacity(xml_part.len());
    let mut skipping: Option<usize> = None;
    each_piece(xml_part, |p| {
        if let Some(depth) = skipping {
            if matches!(p.event, Event::End(_)) && p.depth == depth {
                skipping = None;
            }
            return Ok(());
        }
        if let Event::Start(e) | Event::Empty(e) = &p.event {
            if xml::local_name(e) == "threadedComment" && xml::attr_text(e, "personId").as_deref() == Some(person) {
                if matches!(p.event, Event::Start(_)) {
                    skipping = Some(p.depth);
                }
                return Ok(());
            }
        }
        out.extend_from_slice(p.raw);
        Ok(())
    })?;
    Ok(out)
}

/// Takes our replies off every thread of a sheet.
pub fn remove_ours(package: &mut Package<'_>, sheet_part: &str, person: &str) -> Result<(), CannotMark> {
    let Some(part) = threads_part(package, sheet_part)? else { return Ok(()) };
    let Some(xml) = package.read(&part)? else { return Ok(()) };
    let edited = remove_replies(&xml, person)?;
    if edited != xml {
        package.write(&part, edited);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_look_like_excels_and_repeat_for_the_same_seed() {
        let id = guid("x");
        assert_eq!(id.len(), 38);
        assert!(id.starts_with('{') && id.ends_with('}'));
        assert_eq!(id.matches('-').count(), 4);
        assert_eq!(id, guid("x"));
        assert_ne!(id, guid("y"));
    }

    #[test]
    fn replies_are_added_and_taken_off_by_their_person() {
        let xml = br#"<ThreadedComments xmlns="t"><threadedComment ref="B2" personId="{A}" id="{1}"><text>Why?</text></threadedComment></ThreadedComments>"#;
        let starts = thread_starts(xml).unwrap();
        assert_eq!(starts[&CellRef::new(2, 2)], "{1}");
        let with = add_replies(xml, &[(CellRef::new(2, 2), "{1}".into(), "Error: this & that".into())], "{B}").unwrap();
        let with = String::from_utf8(with).unwrap();
        assert!(
            with.contains(r#"personId="{B}""#)
                && with.contains(r#"parentId="{1}""#)
                && with.contains("this &amp; that"),
            "{with}"
        );
        assert_eq!(remove_replies(with.as_bytes(), "{B}").unwrap(), xml.to_vec());
    }
}
