//! xlsx, xlsb and ods are zip packages. Before the parser opens one, every part is read through
//! once (bounded), so that damage is found and numbers the parts declare are checked against what
//! they actually hold: the parser sizes allocations from some of them.

use std::collections::HashSet;
use std::io::{Cursor, Read};

use super::error::{ReadError, TooLarge, Unreadable, MAX_UNCOMPRESSED_BYTES};
use super::zip_writer::{EntryHeader, ZipWriter};

/// The most unique shared strings a workbook may declare. The planning template has a few
/// thousand; the parser reserves 24 bytes a string up front from the declared count.
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// The most cell formats (`<xf>`, `<numFmt>`) a styles part may hold: the parser keeps each.
pub const MAX_STYLE_RECORDS: u64 = 200_000;

/// The largest shared strings part: the parser holds every string of it in memory.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 64 * 1024 * 1024;

fn damaged() -> ReadError {
    ReadError::Unreadable { reason: Unreadable::DamagedZip }
}

/// The largest package (all its parts unzipped) that [`check_and_unzip`] gives back unzipped: far
/// above any real plan (a few hundred kilobytes), and small enough that the copy never matters to
/// memory.
pub const MAX_UNZIPPED_COPY_BYTES: u64 = 16 * 1024 * 1024;

/// Reads every entry of the package to its end (which makes the zip reader verify each CRC), and
/// refuses: damaged entries, duplicate entry names, more than [`MAX_UNCOMPRESSED_BYTES`] in all,
/// a shared strings part that declares more strings than it could hold or than the budget, and a
/// styles part with more records than the budget.
pub fn check_package(bytes: &[u8]) -> Result<(), ReadError> {
    check(bytes, None)
}

/// [`check_package`], and the same package with every part stored unzipped, when it holds at most
/// [`MAX_UNZIPPED_COPY_BYTES`]: the parser reads that copy without inflating each part a second
/// time (about a tenth of a check). `None` for a larger package (read as it is) or one with a name
/// the copy could not carry exactly.
pub fn check_and_unzip(bytes: &[u8]) -> Result<Option<Vec<u8>>, ReadError> {
    let mut copy = StoredCopy::default();
    check(bytes, Some(&mut copy))?;
    Ok(copy.finish())
}

// Out of line: it has two callers, and inlined into both the zip reading would be carried twice
// (about a kilobyte of the download, measured).
#[inline(never)]
fn check(bytes: &[u8], mut copy: Option<&mut StoredCopy>) -> Result<(), ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged())?;
    // The zip reader keeps one entry per name, so a second entry of the same name never shows in
    // its list: compare the list with the count the central directory itself records.
    if directory_entries(bytes).is_some_and(|recorded| recorded != archive.len()) {
        return Err(damaged());
    }
    if let Some(c) = copy.as_deref_mut() {
        let declared = (0..archive.len()).filter_map(|i| archive.by_index_raw(i).ok().map(|e| e.size()));
        c.wanted = declared.fold(0u64, u64::saturating_add) <= MAX_UNZIPPED_COPY_BYTES;
    }
    let mut names: HashSet<String> = HashSet::new();
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let (name, declared) = {
            let entry = archive.by_index_raw(i).map_err(|_| damaged())?;
            (entry.name().map_err(|_| damaged())?.to_string(), entry.size())
        };
        // Two entries with one name: a reader would silently pick one of them.
        if !names.insert(name.to_ascii_lowercase()) {
            return Err(damaged());
        }
        total = total.saturating_add(declared);
        if total > MAX_UNCOMPRESSED_BYTES {
            return Err(ReadError::TooLarge { what: TooLarge::Unzipped { bytes: total } });
        }
        let entry = archive.by_index(i).map_err(|_| damaged())?;
        let crc = entry.crc32();
        let mut part = PartScan::for_name(&name);
        let mut copy = copy.as_deref_mut().filter(|c| c.wanted);
        if let Some(c) = copy.as_deref_mut() {
            c.part.clear();
        }
        // Never read more than the entry declares (plus one byte to notice a lie).
        let mut limited = entry.take(declared.saturating_add(1));
        let mut buffer = [0u8; 64 * 1024];
        let mut actual: u64 = 0;
        loop {
            let n = limited.read(&mut buffer).map_err(|_| damaged())?;
            if n == 0 {
                break;
            }
            actual += n as u64;
            part.feed(&buffer[..n]);
            if let Some(c) = copy.as_deref_mut() {
                c.part.extend_from_slice(&buffer[..n]);
            }
        }
        if actual != declared {
            return Err(damaged());
        }
        part.finish(actual)?;
        if let Some(c) = copy {
            c.add(&name, crc);
        }
    }
    Ok(())
}

/// A zip package written as it is checked: each part stored (not compressed) under its name as
/// the zip reader decoded it (written in UTF-8, and flagged so, so that it decodes to the same
/// name whatever code page the original used), with the CRC the original declared and the check
/// verified.
#[derive(Default)]
struct StoredCopy {
    /// Still to be made: the package is small enough, and every part so far fitted.
    wanted: bool,
    zip: ZipWriter,
    /// The part being read.
    part: Vec<u8>,
}

impl StoredCopy {
    /// Adds the part just read.
    fn add(&mut self, name: &str, crc: u32) {
        let Ok(size) = u32::try_from(self.part.len()) else {
            self.wanted = false;
            return;
        };
        let header =
            EntryHeader { method: EntryHeader::STORED, time: EntryHeader::EARLIEST, crc, compressed: size, size };
        self.wanted &= self.zip.entry(name, &header, &self.part);
    }

    fn finish(self) -> Option<Vec<u8>> {
        if self.wanted {
            self.zip.finish()
        } else {
            None
        }
    }
}

/// The number of entries the end-of-central-directory record gives, when it gives one (`None`
/// for a zip64 archive, which records its count elsewhere, or when the record is not found).
fn directory_entries(bytes: &[u8]) -> Option<usize> {
    // The record is 22 bytes plus a comment of at most 65,535 bytes, at the end of the file.
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let at = bytes[search_from..].windows(4).rposition(|w| w == b"PK\x05\x06")? + search_from;
    let total = u16::from_le_bytes([*bytes.get(at + 10)?, *bytes.get(at + 11)?]);
    (total != 0xFFFF).then_some(usize::from(total))
}

/// What is counted in a part while it streams past.
enum PartScan {
    Other,
    /// A sheet: the longest stretch from one `<` to the next (one cell's inline string with its
    /// tag's name, which the parser reads whole before any budget of ours sees it).
    Sheet {
        run: u64,
        longest: u64,
    },
    SharedStrings {
        head: Vec<u8>,
    },
    Styles {
        records: u64,
        tail: Vec<u8>,
    },
}

impl PartScan {
    fn for_name(name: &str) -> PartScan {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with("sharedstrings.xml") {
            PartScan::SharedStrings { head: Vec::new() }
        } else if lower.starts_with("xl/worksheets/") && lower.ends_with(".xml") {
            PartScan::Sheet { run: 0, longest: 0 }
        } else if lower.ends_with("styles.xml") {
            PartScan::Styles { records: 0, tail: Vec::new() }
        } else {
            PartScan::Other
        }
    }

    fn feed(&mut self, chunk: &[u8]) {
        match self {
            PartScan::Other => {}
            PartScan::Sheet { run, longest } => {
                let mut from = 0;
                for at in memchr::memchr_iter(b'<', chunk) {
                    *run += (at - from) as u64;
                    *longest = (*longest).max(*run);
                    *run = 0;
                    from = at + 1;
                }
                *run += (chunk.len() - from) as u64;
                *longest = (*longest).max(*run);
            }
            PartScan::SharedStrings { head } => {
                // The `<sst count=… uniqueCount=…>` tag is near the start.
                let room = 4096usize.saturating_sub(head.len());
                head.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            PartScan::Styles { records, tail } => {
                // Count `<xf` and `<numFmt ` across chunk boundaries: the last few bytes of the
                // previous chunk go in front, and only matches that end in this chunk count.
                let kept = tail.len();
                let mut joined = std::mem::take(tail);
                joined.extend_from_slice(chunk);
                for needle in [&b"<xf"[..], &b"<numFmt "[..]] {
                    *records += joined
                        .windows(needle.len())
                        .enumerate()
                        .filter(|(at, w)| *w == needle && at + needle.len() > kept)
                        .count() as u64;
                }
                let keep = joined.len().min(7);
                *tail = joined[joined.len() - keep..].to_vec();
            }
        }
    }

    fn finish(self, actual: u64) -> Result<(), ReadError> {
        match self {
            PartScan::Other => Ok(()),
            PartScan::Sheet { longest, .. } if longest > super::MAX_TEXT_BYTES => {
                Err(ReadError::TooLarge { what: TooLarge::Text { bytes: longest } })
            }
            PartScan::Sheet { .. } => Ok(()),
            PartScan::SharedStrings { head } => {
                if actual > MAX_SHARED_STRINGS_BYTES {
                    return Err(ReadError::TooLarge { what: TooLarge::Text { bytes: actual } });
                }
                let declared = attribute(&head, b"uniqueCount").unwrap_or(0);
                // Each string takes at least `<si/>`: a count beyond that is a lie.
                if declared > actual / 5 + 1 {
                    return Err(ReadError::Unreadable { reason: Unreadable::DeclaredCount("shared strings") });
                }
                if declared > MAX_SHARED_STRINGS {
                    return Err(ReadError::TooLarge { what: TooLarge::SharedStrings { count: declared } });
                }
                Ok(())
            }
            PartScan::Styles { records, .. } => {
                if records > MAX_STYLE_RECORDS {
                    return Err(ReadError::TooLarge { what: TooLarge::Styles { count: records } });
                }
                Ok(())
            }
        }
    }
}

/// The number in `name="…"` (or `name='…'`) in the first tag that has it; `None` if absent or not
/// a number. Numbers too large for u64 read as u64::MAX.
fn attribute(xml: &[u8], name: &[u8]) -> Option<u64> {
    let at = xml.windows(name.len() + 1).position(|w| &w[..name.len()] == name && w[name.len()] == b'=')?;
    let rest = &xml[at + name.len() + 1..];
    let quote = *rest.first()?;
    let digits: Vec<u8> = rest[1..].iter().take_while(|&&b| b != quote).copied().collect();
    let text = std::str::from_utf8(&digits).ok()?.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_counts() {
        assert_eq!(attribute(br#"<sst xmlns="x" count="12" uniqueCount="10">"#, b"uniqueCount"), Some(10));
        assert_eq!(attribute(br#"<sst uniqueCount='99999999999999999999999'>"#, b"uniqueCount"), Some(u64::MAX));
        assert_eq!(attribute(br#"<sst count="3">"#, b"uniqueCount"), None);
    }

    #[test]
    fn a_sheet_s_longest_text_is_measured_across_chunk_boundaries() {
        let xml = b"<row><c><is><t>abcdefghij</t></is></c></row>";
        for chunk in [1usize, 2, 3, 7, 64] {
            let mut scan = PartScan::for_name("xl/worksheets/sheet1.xml");
            xml.chunks(chunk).for_each(|c| scan.feed(c));
            // `t>abcdefghij`: from one `<` to the next.
            assert!(matches!(scan, PartScan::Sheet { longest: 12, .. }), "chunks of {chunk}");
        }
    }

    #[test]
    fn one_inline_string_past_the_text_budget_is_refused_before_the_parser_reads_it() {
        // The parser read a 100 MB inline string whole (300 MB at its peak) before the budget on
        // the text our reader copies could see it.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile/one-inline-string-of-100-mb.xlsx");
        let bytes = std::fs::read(path).expect("made by tests/fixtures/hostile/make.py");
        assert!(matches!(check_package(&bytes), Err(ReadError::TooLarge { what: TooLarge::Text { .. } })));
    }

    #[test]
    fn counts_style_records_across_chunk_boundaries() {
        let xml = b"<cellXfs><xf a=\"1\"/><xf a=\"2\"/><numFmt id=\"1\"/></cellXfs>".repeat(3);
        for chunk in [1usize, 2, 3, 5, 8, 64] {
            let mut scan = PartScan::for_name("xl/styles.xml");
            for piece in xml.chunks(chunk) {
                scan.feed(piece);
            }
            let PartScan::Styles { records, .. } = scan else { unreachable!() };
            assert_eq!(records, 9, "chunks of {chunk}");
        }
    }
}
