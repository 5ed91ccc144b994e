//! The workbook as a zip package of parts: read a part, replace it, add one, and write the package
//! again with every part that was not replaced copied as its original compressed bytes.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::xml::{self, each_piece};
use super::CannotMark;
use crate::workbook::zip_writer::{EntryHeader, ZipWriter};
use crate::workbook::{MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES};

pub struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// The size of the file: no part's compressed bytes can be more.
    size: usize,
    /// Entry names in the order the package holds them.
    names: Vec<String>,
    /// Parts replaced or added, by entry name.
    changed: BTreeMap<String, Vec<u8>>,
    /// Parts added, in the order they were added (written after the original entries).
    added: Vec<String>,
}

/// One relationship of a part: its id, type and the part it points at (a package path).
#[derive(Clone, Debug)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

pub const WORKSHEET: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
pub const COMMENTS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
pub const VML_DRAWING: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
pub const STYLES: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
pub const OFFICE_DOCUMENT: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
pub const SHARED_STRINGS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";
pub const THREADED_COMMENTS: &str = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment";
pub const PERSONS: &str = "http://schemas.microsoft.com/office/2017/10/relationships/person";

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, CannotMark> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(CannotMark::TooLarge);
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| CannotMark::Damaged)?;
        let names = (0..archive.len())
            .map(|i| match archive.name_for_index(i) {
                Some(Ok(name)) => Ok(name.into_owned()),
                _ => Err(CannotMark::Damaged),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Package { archive, size: bytes.len(), names, changed: BTreeMap::new(), added: Vec::new() })
    }

    /// The entry name of a part, found as the format says: without regard to case.
    pub fn entry(&self, part: &str) -> Option<String> {
        let part = part.trim_start_matches('/');
        self.names.iter().chain(self.added.iter()).find(|n| n.eq_ignore_ascii_case(part)).cloned()
    }

    pub fn exists(&self, part: &str) -> bool {
        self.entry(part).is_some()
    }

    /// A part's bytes (the replaced version if it was replaced, without a byte-order mark);
    /// `None` if there is no such part.
    pub fn read(&mut self, part: &str) -> Result<Option<Vec<u8>>, CannotMark> {
        let Some(name) = self.entry(part) else { return Ok(None) };
        if let Some(bytes) = self.changed.get(&name) {
            return Ok(Some(bytes.clone()));
        }
        let entry = self.archive.by_name(&name).map_err(|_| CannotMark::Damaged)?;
        let declared = entry.size();
        if declared > MAX_UNCOMPRESSED_BYTES {
            return Err(CannotMark::TooLarge);
        }
        // Reserved as declared only up to a size real parts reach; a larger claim grows as read.
        let mut bytes = Vec::with_capacity(usize::try_from(declared.min(RESERVED_AT_MOST)).unwrap_or(0));
        entry.take(declared.saturating_add(1)).read_to_end(&mut bytes).map_err(|_| CannotMark::Damaged)?;
        if bytes.len() as u64 != declared {
            return Err(CannotMark::Damaged);
        }
        // A UTF-8 byte-order mark is legal before XML, and some writers put one there: edits are
        // placed by offsets into the text after it, so it is taken off (a part written back
        // without it is the same XML).
        if bytes.starts_with(UTF8_BOM) {
            bytes.drain(..UTF8_BOM.len());
        }
        Ok(Some(bytes))
    }

    /// Replaces a part, or adds it when there is none of that name.
    pub fn write(&mut self, part: &str, bytes: Vec<u8>) {
        let name = match self.entry(part) {
            Some(name) => name,
            None => {
                let name = part.trim_start_matches('/').to_string();
                self.added.push(name.clone());
                name
            }
        };
        self.changed.insert(name, bytes);
    }

    /// The relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`), targets
    /// resolved to package paths. An absent relationships part is an empty list.
    pub fn relationships(&mut self, part: &str) -> Result<Vec<Relationship>, CannotMark> {
        let Some(xml) = self.read(&rels_path(part))? else { return Ok(Vec::new()) };
        let mut found = Vec::new();
        each_piece(&xml, |p| {
            if let Event::Start(e) | Event::Empty(e) = &p.event {
                if xml::local_name(e) == "Relationship" {
                    let external = xml::attr(e, "TargetMode").is_some_and(|m| m == "External");
                    let target = xml::attr_text(e, "Target").unwrap_or_default();
                    found.push(Relationship {
                        id: xml::attr_text(e, "Id").unwrap_or_default(),
                        kind: xml::attr_text(e, "Type").unwrap_or_default(),
                        target: if external { target } else { resolve(part, &target) },
                        external,
                    });
                }
            }
            Ok(())
        })?;
        Ok(found)
    }

    /// Adds a relationship from `part` to `target` (a package path) and returns its new id.
    pub fn relate(&mut self, part: &str, kind: &str, target: &str) -> Result<String, CannotMark> {
        let existing = self.relationships(part)?;
        let id = (1..)
            .map(|n| format!("rIdBcf{n}"))
            .find(|id| !existing.iter().any(|r| r.id.eq_ignore_ascii_case(id)))
            .unwrap_or_default();
        let element =
            format!(r#"<Relationship Id="{id}" Type="{kind}" Target="{}"/>"#, xml::escape(&relative(part, target)));
        let path = rels_path(part);
        let xml = match self.read(&path)? {
            Some(xml) => insert_before_close(&xml, "Relationships", element.as_bytes())?,
            None => format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{element}</Relationships>"
            )
            .into_bytes(),
        };
        self.write(&path, xml);
        Ok(id)
    }

    /// A part name not yet used, `stem{n}.ext` with the smallest `n` from 1.
    pub fn free_name(&self, stem: &str, ext: &str) -> String {
        (1..).map(|n| format!("{stem}{n}.{ext}")).find(|name| !self.exists(name)).unwrap_or_default()
    }

    /// Every entry name (original and added).
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.names.iter().chain(self.added.iter())
    }

    /// Writes the package: the original entries in their order (copied compressed, byte for byte,
    /// unless replaced), then the added parts, through our own zip writer (`workbook::zip_writer`).
    pub fn finish(mut self) -> Result<Vec<u8>, CannotMark> {
        // The directory this writer writes counts entries in 16 bits (no zip64).
        if self.names.len() + self.added.len() > usize::from(u16::MAX) {
            return Err(CannotMark::TooLarge);
        }
        let mut out = ZipWriter::default();
        for (index, name) in self.names.iter().enumerate() {
            match self.changed.get(name) {
                Some(bytes) => add_compressed(&mut out, name, bytes)?,
                None => {
                    let mut entry = self.archive.by_index_raw(index).map_err(|_| CannotMark::Damaged)?;
                    let method = match entry.compression() {
                        zip::CompressionMethod::Stored => EntryHeader::STORED,
                        zip::CompressionMethod::Deflated => EntryHeader::DEFLATED,
                        _ => return Err(CannotMark::Unusual("a part of the workbook is compressed in an unusual way")),
                    };
                    let time = entry.last_modified().map_or(EntryHeader::EARLIEST, |t| (t.timepart(), t.datepart()));
                    let header = EntryHeader {
                        method,
                        time,
                        crc: entry.crc32(),
                        compressed: u32::try_from(entry.compressed_size()).map_err(|_| CannotMark::TooLarge)?,
                        size: u32::try_from(entry.size()).map_err(|_| CannotMark::TooLarge)?,
                    };
                    // A claim of more compressed bytes than the file holds is damage, found
                    // before anything is reserved for it (fuzzing found 805 MB claimed in 40 KB).
                    if header.compressed as usize > self.size {
                        return Err(CannotMark::Damaged);
                    }
                    let mut raw = Vec::with_capacity(header.compressed as usize);
                    entry.read_to_end(&mut raw).map_err(|_| CannotMark::Damaged)?;
                    if raw.len() != header.compressed as usize {
                        return Err(CannotMark::Damaged);
                    }
                    if !out.entry(name, &header, &raw) {
                        return Err(CannotMark::TooLarge);
                    }
                }
            }
            if out.written() > MAX_FILE_BYTES {
                return Err(CannotMark::TooLarge);
            }
        }
        for name in &self.added {
            add_compressed(&mut out, name, self.changed.get(name).map_or(&[][..], Vec::as_slice))?;
        }
        self.changed.clear();
        let bytes = out.finish().ok_or(CannotMark::TooLarge)?;
        if bytes.len() > MAX_FILE_BYTES {
            return Err(CannotMark::TooLarge);
        }
        Ok(bytes)
    }
}

/// The most memory reserved for a part before it is read (its size as declared, up to this).
const RESERVED_AT_MOST: u64 = 16 * 1024 * 1024;

/// A new or replaced part, compressed.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fn add_compressed(out: &mut ZipWriter, name: &str, data: &[u8]) -> Result<(), CannotMark> {
    let compressed = super::deflate::compress(data);
    let header = EntryHeader {
        method: EntryHeader::DEFLATED,
        time: EntryHeader::EARLIEST,
        crc: crc32fast::hash(data),
        compressed: u32::try_from(compressed.len()).map_err(|_| CannotMark::TooLarge)?,
        size: u32::try_from(data.len()).map_err(|_| CannotMark::TooLarge)?,
    };
    if out.entry(name, &header, &compressed) {
        Ok(())
    } else {
        Err(CannotMark::TooLarge)
    }
}

pub use crate::workbook::definitions::{rels_path, resolve};

/// The target to write in `source`'s relationships for the package path `target`.
fn relative(source: &str, target: &str) -> String {
    let from: Vec<&str> = source.split('/').collect();
    let from = &from[..from.len().saturating_sub(1)];
    let to: Vec<&str> = target.split('/').collect();
    let common = from.iter().zip(to.iter()).take_while(|(a, b)| a == b).count();
    let mut path: Vec<&str> = vec![".."; from.len() - common];
    path.extend(&to[common..]);
    path.join("/")
}

/// The part with `insert` placed just before the closing tag of its root element `root`.
pub fn insert_before_close(xml: &[u8], root: &str, insert: &[u8]) -> Result<Vec<u8>, CannotMark> {
    let mut out = Vec::with_capacity(xml.len() + insert.len());
    let insert = String::from_utf8_lossy(insert);
    let under = |name: &str| xml::prefixed(&insert, xml::prefix_of(name));
    each_piece(xml, |p| {
        match &p.event {
            Event::End(e) if p.depth == 0 && e.local_name().into_inner() == root => {
                out.extend_from_slice(under(e.name().into_inner()).as_bytes())
            }
            Event::Empty(e) if p.depth == 0 && e.local_name().into_inner() == root => {
                // `<Relationships/>`: open it, so it can hold the addition.
                let open = &p.raw[..p.raw.len().saturating_sub(2)];
                out.extend_from_slice(open);
                out.push(b'>');
                out.extend_from_slice(under(e.name().into_inner()).as_bytes());
                out.extend_from_slice(b"</");
                out.extend_from_slice(e.name().into_inner().as_bytes());
                out.push(b'>');
                return Ok(());
            }
            _ => {}
        }
        out.extend_from_slice(p.raw);
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_as_the_format_says() {
        assert_eq!(resolve("xl/workbook.xml", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl/worksheets/sheet1.xml", "../comments1.xml"), "xl/comments1.xml");
        assert_eq!(resolve("xl/workbook.xml", "/xl/worksheets/sheet2.xml"), "xl/worksheets/sheet2.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
        assert_eq!(relative("xl/worksheets/sheet1.xml", "xl/comments1.xml"), "../comments1.xml");
        assert_eq!(relative("xl/worksheets/sheet1.xml", "xl/drawings/vmlDrawing1.vml"), "../drawings/vmlDrawing1.vml");
        assert_eq!(relative("xl/workbook.xml", "xl/worksheets/sheet9.xml"), "worksheets/sheet9.xml");
        assert_eq!(rels_path("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
        assert_eq!(rels_path(""), "_rels/.rels");
    }
}
