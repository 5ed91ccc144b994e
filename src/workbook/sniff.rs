//! Works out what a file is from its first bytes and, for zip and OLE containers, from the names
//! inside them. The file name is never trusted: people rename files.

use std::io::Cursor;

/// A spreadsheet format the workbook layer can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel workbook (.xlsx or .xlsm)",
            Format::Xlsb => "Excel binary workbook (.xlsb)",
            Format::Xls => "Excel 97-2003 workbook (.xls)",
            Format::Ods => "OpenDocument spreadsheet (.ods)",
        }
    }
}

/// What the bytes turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Spreadsheet(Format),
    /// An OLE file holding an `EncryptedPackage`: a password-protected Office file.
    Encrypted,
    /// Recognisably another kind of file; the text names it ("a PDF document").
    OtherKind(&'static str),
    /// A zip file whose directory cannot be read (truncated or damaged).
    DamagedZip,
    /// Nothing recognisable.
    Unknown,
    Empty,
}

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.is_empty() {
        return Sniffed::Empty;
    }
    if bytes.starts_with(&OLE_MAGIC) {
        return sniff_ole(bytes);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(b"%PDF") {
        return Sniffed::OtherKind("a PDF document");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Sniffed::OtherKind("a rich text document");
    }
    if bytes.starts_with(&[0x89, b'P', b'N', b'G']) || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Sniffed::OtherKind("an image");
    }
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") {
        return Sniffed::OtherKind("a web page");
    }
    if trimmed.starts_with("<?xml") {
        return Sniffed::OtherKind("an XML file");
    }
    if looks_like_text(head) {
        return Sniffed::OtherKind("a text or CSV file");
    }
    Sniffed::Unknown
}

fn looks_like_text(head: &[u8]) -> bool {
    std::str::from_utf8(head).is_ok_and(|s| s.chars().all(|c| !c.is_control() || c.is_whitespace()))
}

/// OLE directory entries are UTF-16LE names; finding the name anywhere in the file is enough to
/// tell the kinds apart without parsing the container (calamine does that later).
fn sniff_ole(bytes: &[u8]) -> Sniffed {
    // Stream names are matched without regard to case, as the parser (and the compound file
    // format itself) does: some writers save the workbook stream as `WORKBOOK`.
    let has = |name: &str| {
        let wanted: Vec<u8> = name.bytes().collect();
        bytes
            .windows(wanted.len() * 2)
            .any(|w| w.chunks_exact(2).zip(&wanted).all(|(unit, c)| unit[1] == 0 && unit[0].eq_ignore_ascii_case(c)))
    };
    if has("EncryptedPackage") {
        Sniffed::Encrypted
    } else if has("Workbook") || has("Book") {
        Sniffed::Spreadsheet(Format::Xls)
    } else if has("WordDocument") {
        Sniffed::OtherKind("a Word document")
    } else if has("PowerPoint Document") {
        Sniffed::OtherKind("a PowerPoint presentation")
    } else {
        Sniffed::Unknown
    }
}

fn sniff_zip(bytes: &[u8]) -> Sniffed {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Sniffed::DamagedZip;
    };
    let names: Vec<String> = archive.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("xl/workbook.xml") {
        return Sniffed::Spreadsheet(Format::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Sniffed::Spreadsheet(Format::Xlsb);
    }
    if has("mimetype") {
        let mut mimetype = Vec::new();
        if let Ok(file) = archive.by_name("mimetype") {
            use std::io::Read;
            // The mimetype entry is a few dozen bytes; never read more than that.
            let _ = file.take(128).read_to_end(&mut mimetype);
        }
        if mimetype.starts_with(ODS_MIMETYPE) {
            // A password-protected OpenDocument file keeps its parts encrypted, which the
            // manifest says; without this it would be reported as damaged.
            if manifest_declares_encryption(&mut archive) {
                return Sniffed::Encrypted;
            }
            return Sniffed::Spreadsheet(Format::Ods);
        }
        return Sniffed::OtherKind("an OpenDocument file that is not a spreadsheet");
    }
    if has("word/document.xml") {
        return Sniffed::OtherKind("a Word document");
    }
    if has("ppt/presentation.xml") {
        return Sniffed::OtherKind("a PowerPoint presentation");
    }
    Sniffed::OtherKind("a zip file that is not a spreadsheet")
}

/// Whether an OpenDocument manifest lists encrypted parts (`manifest:encryption-data`). Reads at
/// most 1 MB of it: a real manifest is a few kilobytes.
fn manifest_declares_encryption(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    use std::io::Read;
    let Ok(file) = archive.by_name("META-INF/manifest.xml") else { return false };
    let mut manifest = Vec::new();
    if file.take(1 << 20).read_to_end(&mut manifest).is_err() {
        return false;
    }
    manifest.windows(b"encryption-data".len()).any(|w| w == b"encryption-data")
}
