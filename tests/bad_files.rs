//! Files that are not a readable planning template, one per way reading can fail. Each must give
//! its own `file.*` finding and status `unreadable`, never a panic.

mod support;

use bcf_check::report::Status;
use bcf_check::workbook::{sniff, Format, Sniffed, MAX_FILE_BYTES};
use support::*;

/// Checks `bytes` and asserts the single finding's rule and a phrase of its message.
fn check(name: &str, bytes: &[u8], rule: &str, phrase: &str) {
    let report = bcf_check::check_bytes(name, bytes);
    assert_eq!(report.status, Status::Unreadable, "{name}: {:?}", report.findings);
    assert_eq!(report.findings.len(), 1, "{name}");
    let f = &report.findings[0];
    assert_eq!(f.rule, rule, "{name}: {}", f.message);
    assert!(f.message.contains(phrase), "{name}: {:?} lacks {phrase:?}", f.message);
    assert!(!f.hint.is_empty());
    assert_eq!((f.sheet.as_deref(), f.cell.as_deref()), (None, None));
}

fn valid_xlsx() -> Vec<u8> {
    Fixture::valid("2025-26", SINGLE_TIER).xlsx()
}

#[test]
fn empty_file() {
    check("empty.xlsx", b"", "file.unreadable", "The selected file is empty");
}

#[test]
fn truncated_zip() {
    let xlsx = valid_xlsx();
    check("truncated.xlsx", &xlsx[..xlsx.len() / 2], "file.unreadable", "damaged or only partly downloaded");
    check("only-the-header.xlsx", &xlsx[..40], "file.unreadable", "damaged or only partly downloaded");
}

#[test]
fn corrupt_sheet_xml() {
    let xlsx = replace_entry(&valid_xlsx(), "xl/worksheets/sheet2.xml", b"<worksheet><sheetData><row><c r=\"A1\"");
    check("corrupt-xml.xlsx", &xlsx, "file.unreadable", "part of it is damaged");
}

#[test]
fn zero_byte_sheet() {
    let xlsx = replace_entry(&valid_xlsx(), "xl/worksheets/sheet2.xml", b"");
    check("zero-byte-sheet.xlsx", &xlsx, "file.unreadable", "could not be read");
}

#[test]
fn random_bytes() {
    let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    check("noise.xlsx", &noise, "file.unreadable", "not a spreadsheet this tool recognises");
}

#[test]
fn password_protected_workbook() {
    // Encrypted with msoffcrypto-tool (password "secret"): an OLE file holding an EncryptedPackage.
    let bytes = include_bytes!("fixtures/encrypted-password-protected.xlsx");
    assert_eq!(sniff(bytes), Sniffed::Encrypted);
    check("encrypted.xlsx", bytes, "file.encrypted", "protected with a password");
}

#[test]
fn formats_that_cannot_hold_the_template() {
    check("plan.csv", b"Scheme ID,Amount\n1,200\n", "file.unsupported-format", "a text or CSV file");
    check("plan.xlsx", b"%PDF-1.7\n1 0 obj\n", "file.unsupported-format", "a PDF document");
    check("plan.xlsx", b"<!DOCTYPE html><html></html>", "file.unsupported-format", "a web page");
    check("plan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "file.unsupported-format", "an image");
    let docx = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]);
    check("plan.docx", &docx, "file.unsupported-format", "a Word document");
    let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")]);
    check("plan.odt", &odt, "file.unsupported-format", "OpenDocument file that is not a spreadsheet");
    let other = zip_of(&[("readme.txt", b"hello")]);
    check("plan.zip", &other, "file.unsupported-format", "a zip file that is not a spreadsheet");
}

#[test]
fn file_over_the_size_limit() {
    let mut big = b"PK\x03\x04".to_vec();
    big.resize(MAX_FILE_BYTES + 1, 0);
    check("huge.xlsx", &big, "file.too-large", "Files must be 20 MB (20,971,520 bytes) or smaller");
}

#[test]
fn zip_bomb_declaring_a_huge_size() {
    // A real zip whose directory claims its sheet unzips to 4 GB: refused before anything inflates.
    let mut bytes = replace_entry(&valid_xlsx(), "xl/worksheets/sheet2.xml", b"<worksheet/>");
    let name = b"xl/worksheets/sheet2.xml";
    let central = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x01\x02")
        .map(|(i, _)| i)
        .find(|&i| bytes[i + 46..].starts_with(name))
        .expect("central directory entry");
    bytes[central + 24..central + 28].copy_from_slice(&u32::MAX.to_le_bytes());
    check("bomb.xlsx", &bytes, "file.too-large", "would expand to");
}

#[test]
fn sniffing_uses_the_bytes_not_the_name() {
    let xlsx = valid_xlsx();
    assert_eq!(sniff(&xlsx), Sniffed::Spreadsheet(Format::Xlsx));
    let report = bcf_check::check_bytes("renamed.csv", &xlsx);
    assert_eq!(report.profile.as_deref(), Some("2025-26"));
    let xlsb_shaped = zip_of(&[("xl/workbook.bin", b"\0\0")]);
    assert_eq!(sniff(&xlsb_shaped), Sniffed::Spreadsheet(Format::Xlsb));
    check("broken.xlsb", &xlsb_shaped, "file.unreadable", "could not be read");
}

#[test]
fn a_spreadsheet_that_is_not_the_template() {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "Budget").expect("write");
    let bytes = book.save_to_buffer().expect("save");
    let report = bcf_check::check_bytes("budget.xlsx", &bytes);
    assert_eq!(report.status, Status::Error);
    // One finding that says what the file is not, not one per absent sheet.
    assert_eq!(summarise(&report.findings), ["template.sheet-missing error -"]);
    assert_eq!(
        report.findings[0].message,
        "This workbook is not a Better Care Fund planning template. It has one sheet, “Sheet1”, but none of the template's sheets, such as “2. Cover” and “5. Expenditure”."
    );
    assert!(report.findings[0].hint.contains("Download the planning template"), "{}", report.findings[0].hint);
}

#[test]
fn a_template_with_some_sheets_missing_lists_each_one() {
    let xlsx = Fixture::valid("2025-26", SINGLE_TIER).xlsx();
    let entries = unzip(&xlsx);
    // Rename two sheets in the workbook part, as a user renaming tabs would.
    let workbook: Vec<(String, Vec<u8>)> = entries
        .into_iter()
        .map(|(name, body)| {
            if name == "xl/workbook.xml" {
                let text = String::from_utf8_lossy(&body)
                    .replace("\"4. Income\"", "\"Income\"")
                    .replace("\"6. Metrics\"", "\"Metrics\"");
                (name, text.into_bytes())
            } else {
                (name, body)
            }
        })
        .collect();
    let parts: Vec<(&str, &[u8])> = workbook.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let report = bcf_check::check_bytes("renamed-tabs.xlsx", &zip_of(&parts));
    assert_eq!(
        summarise(&report.findings),
        ["template.sheet-missing error 4. Income", "template.sheet-missing error 6. Metrics"]
    );
}

fn sniffing_fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sniffing").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn an_xls_whose_workbook_stream_is_named_in_capitals_is_read() {
    // The LibreOffice sample with its `Workbook` stream renamed `WORKBOOK`, byte for byte.
    let bytes = sniffing_fixture("xls-stream-named-in-capitals.xls");
    assert_eq!(sniff(&bytes), Sniffed::Spreadsheet(Format::Xls));
    let report = bcf_check::check_bytes("capitals.xls", &bytes);
    assert_eq!(report.profile.as_deref(), Some("2025-26"), "{:#?}", report.findings);
    assert_ne!(report.status, Status::Unreadable);
}

#[test]
fn a_password_protected_ods_is_reported_as_protected() {
    let bytes = sniffing_fixture("ods-saved-with-a-password.ods");
    check("protected.ods", &bytes, "file.encrypted", "protected with a password");
}
