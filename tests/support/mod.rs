//! The fixture builder: a valid filled plan for a board, any defect on top, written as a real
//! .xlsx and read back through the workbook layer.
#![allow(dead_code)]

use bcf_check::profile::{self, Profile};
use bcf_check::report::{Finding, Report};
use bcf_check::template::{self, Board, TemplateModel};
use bcf_check::workbook::{read_workbook, Value, Workbook};

/// A single-tier and a two-tier board for each round (two-tier areas have DFG district rows).
pub const SINGLE_TIER: &str = "Leicester";
pub const TWO_TIER: &str = "Leicestershire";

pub fn profile(id: &str) -> &'static Profile {
    profile::by_id(id).unwrap_or_else(|| panic!("no profile {id}"))
}

pub fn board(profile: &Profile, name: &str) -> Board {
    template::boards(profile).into_iter().find(|b| b.name == name).unwrap_or_else(|| panic!("no board {name}"))
}

pub struct Fixture {
    pub model: TemplateModel,
}

impl Fixture {
    /// The blank template of a round.
    pub fn blank(round: &str) -> Fixture {
        let p = profile(round);
        Fixture { model: template::build(p, &template::boards(p), None) }
    }

    /// A complete, valid plan for `board_name`.
    pub fn valid(round: &str, board_name: &str) -> Fixture {
        let p = profile(round);
        let boards = template::boards(p);
        let chosen = board(p, board_name);
        let mut model = template::build(p, &boards, Some(&chosen));
        template::fill_valid(&mut model);
        Fixture { model }
    }

    pub fn profile(&self) -> &'static Profile {
        self.model.profile
    }

    /// Applies a defect (or any change) to the grid, then recalculates the Summary as Excel would.
    pub fn with(mut self, change: impl FnOnce(&mut TemplateModel)) -> Fixture {
        change(&mut self.model);
        self.model.recalculate();
        self
    }

    /// A change applied after recalculation (for stale-Summary cases).
    pub fn without_recalculating(mut self, change: impl FnOnce(&mut TemplateModel)) -> Fixture {
        change(&mut self.model);
        self
    }

    pub fn set(self, sheet: &str, a1: &str, value: Value) -> Fixture {
        self.with(|m| m.set(sheet, a1, value))
    }

    pub fn xlsx(&self) -> Vec<u8> {
        self.model.to_xlsx()
    }

    /// The workbook as the workbook layer reads it back from the written .xlsx.
    pub fn read_back(&self) -> Workbook {
        read_workbook(&self.xlsx(), &|_| true).unwrap_or_else(|e| panic!("fixture did not read back: {e}"))
    }

    pub fn check(&self) -> Report {
        bcf_check::check_bytes("fixture.xlsx", &self.xlsx())
    }
}

/// `rule severity sheet!cell` per finding: the form tests compare against.
pub fn summarise(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let place = match (&f.sheet, &f.cell) {
                (Some(s), Some(c)) => format!("{s}!{c}"),
                (Some(s), None) => s.clone(),
                _ => "-".into(),
            };
            format!("{} {} {place}", f.rule, f.severity.as_str())
        })
        .collect()
}

pub fn text(s: &str) -> Value {
    Value::Text(s.into())
}

/// A zip file of the given entries (deflated).
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in entries {
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        writer.start_file(*name, options).expect("start zip entry");
        writer.write_all(body).expect("write zip entry");
    }
    writer.finish().expect("finish zip").into_inner()
}

/// Every entry of a zip file, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let name = file.name().expect("entry name").into_owned();
            let mut content = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut content).expect("read entry");
            (name, content)
        })
        .collect()
}

/// A copy of a zip file with one entry's content replaced.
pub fn replace_entry(xlsx: &[u8], entry: &str, body: &[u8]) -> Vec<u8> {
    let entries = unzip(xlsx);
    let entries: Vec<(&str, &[u8])> =
        entries.iter().map(|(n, c)| (n.as_str(), if n == entry { body } else { c.as_slice() })).collect();
    zip_of(&entries)
}

/// LibreOffice's .xlsx copy of `bytes` (`soffice --convert-to`, a profile of its own in a
/// temporary folder): it writes validations, links, names and styles its own way.
pub fn resaved_by_libreoffice(name: &str, bytes: &[u8]) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("bcf-libreoffice-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let original = dir.join(format!("{name}.xlsx"));
    std::fs::write(&original, bytes).expect("write");
    let out = dir.join("resaved");
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir"])
        .arg(&out)
        .arg(&original)
        .env("HOME", &dir)
        .output()
        .expect("LibreOffice (soffice) runs: scripts/setup.sh installs it");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let copy = std::fs::read(out.join(format!("{name}.xlsx"))).expect("LibreOffice wrote the copy");
    let _ = std::fs::remove_dir_all(&dir);
    copy
}
