//! An `.xlsx` package is read from an unzipped copy made while it is checked
//! (`workbook::check_and_unzip`): the copy must hold exactly what the original holds, under the
//! names the zip reader gives the original's entries, or not be made at all.

mod support;

use std::path::{Path, PathBuf};

use bcf_check::workbook::{check_and_unzip, MAX_UNZIPPED_COPY_BYTES};
use support::*;

fn xlsx_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixture folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            xlsx_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "xlsx") {
            found.push(path);
        }
    }
}

/// Every entry of the copy is stored, not compressed.
fn all_stored(bytes: &[u8]) -> bool {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    (0..archive.len()).all(|i| archive.by_index_raw(i).expect("entry").compression() == zip::CompressionMethod::Stored)
}

/// The copy holds the original's parts under the same names, every one stored.
fn assert_same_parts_stored(original: &[u8], copy: &[u8], what: &str) {
    assert_eq!(unzip(copy), unzip(original), "{what}");
    assert!(all_stored(copy), "{what}");
}

fn check(original: &[u8]) {
    let copy = check_and_unzip(original).expect("a sound package").expect("a copy");
    assert_same_parts_stored(original, &copy, "the copy");
}

#[test]
fn the_copy_of_every_sound_fixture_holds_what_the_original_holds() {
    let mut files = Vec::new();
    xlsx_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut files);
    let mut copied = 0;
    for file in &files {
        let original = std::fs::read(file).expect("fixture");
        let Ok(Some(copy)) = check_and_unzip(&original) else { continue };
        assert_same_parts_stored(&original, &copy, &file.display().to_string());
        copied += 1;
    }
    // Fixtures from rust_xlsxwriter, LibreOffice and hand-made zips are among them.
    assert!(copied >= 20, "only {copied} of {} fixtures were copied", files.len());
}

#[test]
fn the_copy_of_a_plan_written_now_holds_what_the_original_holds() {
    check(&Fixture::valid("2025-26", SINGLE_TIER).xlsx());
    check(&Fixture::valid("2017-19", SINGLE_TIER).xlsx());
}

#[test]
fn a_name_in_utf8_keeps_its_name() {
    check(&zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/worksheets/f\u{e9}e.xml", b"<worksheet/>")]));
}

#[test]
fn a_name_in_the_old_dos_code_page_keeps_the_name_the_zip_reader_gives_it() {
    // An old zip writer's "é" (code page 437, byte 0x82, no UTF-8 flag): the copy writes the name
    // as the zip reader decoded it, so a reader of the copy finds the same part.
    let ascii = zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/worksheets/fXe.xml", b"<worksheet/>")]);
    let mut dos = ascii.clone();
    let mut replaced = 0;
    for at in 0..dos.len() - 3 {
        if &dos[at..at + 4] == b"fXe." {
            dos[at + 1] = 0x82;
            replaced += 1;
        }
    }
    assert_eq!(replaced, 2, "the name in the local header and in the directory");
    assert_eq!(unzip(&dos)[1].0, "xl/worksheets/f\u{e9}e.xml");
    check(&dos);
}

#[test]
fn a_package_larger_than_the_copy_limit_is_read_as_it_is() {
    let large = vec![b' '; MAX_UNZIPPED_COPY_BYTES as usize + 1];
    let package = zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/large.xml", &large)]);
    assert_eq!(check_and_unzip(&package).expect("a sound package"), None);
    let small = zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/large.xml", &large[..1000])]);
    assert!(check_and_unzip(&small).expect("a sound package").is_some());
}

#[test]
fn a_damaged_package_is_refused_not_copied() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/zip-entry-whose-crc-does-not-match.xlsx");
    assert!(check_and_unzip(&std::fs::read(fixture).expect("fixture")).is_err());
}

/// The plan's parts written again by a zip writer that streams: sizes and CRCs after each part's
/// data (a data descriptor) and zip64 records, as some tools write them.
fn streamed(xlsx: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new_stream(Vec::new());
    for (name, body) in unzip(xlsx) {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        writer.start_file(name, options).expect("start zip entry");
        writer.write_all(&body).expect("write zip entry");
    }
    writer.finish().expect("finish zip").into_inner()
}

#[test]
fn a_package_streamed_with_data_descriptors_and_zip64_records_reads_as_the_original() {
    let original = Fixture::valid("2025-26", SINGLE_TIER).xlsx();
    let streamed = streamed(&original);
    assert_ne!(streamed, original);
    check(&streamed);
    let report = |bytes: &[u8]| serde_json::to_value(bcf_check::check_bytes("plan.xlsx", bytes)).expect("json");
    assert_eq!(report(&streamed), report(&original));
}
