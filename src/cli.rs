//! The command-line shell: arguments in, reports printed, an exit status out.
//! Everything it knows about plans it gets from [`crate::check_bytes`].

use std::io::{Read, Write};

use crate::report::{self, Report, Status};
use crate::workbook::{ReadError, TooLarge, Unreadable, MAX_FILE_BYTES};

pub const USAGE: &str = "\
Checks Better Care Fund planning templates before they are submitted.

Usage: bcf-check [--format text|json|csv] FILE...

Options:
  -f, --format FORMAT  text (the default), json or csv
  -h, --help           show this help
  -V, --version        show the version

Exit status: 0 when no file has an error, 1 when any file has an error,
2 when a file could not be read or the command was used wrongly.
";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// Runs the CLI with `args` (without the program name), writing the reports to `out` and
/// usage errors to `err`. Returns the exit status.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (format, files) = match parse(args) {
        Ok(Parsed::Run { format, files }) => (format, files),
        Ok(Parsed::Help) => {
            let _ = out.write_all(USAGE.as_bytes());
            return 0;
        }
        Ok(Parsed::Version) => {
            let _ = writeln!(out, "bcf-check {}", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        Err(problem) => {
            let _ = writeln!(err, "bcf-check: {problem}\n\n{USAGE}");
            return 2;
        }
    };
    let reports: Vec<Report> = files.iter().map(|path| check_file(path)).collect();
    let printed = match format {
        Format::Text => report::to_text(&reports),
        Format::Json => report::to_json(&reports) + "\n",
        Format::Csv => report::to_csv(&reports),
    };
    let _ = out.write_all(printed.as_bytes());
    exit_status(&reports)
}

/// 2 if any file was unreadable, else 1 if any had an error, else 0.
pub fn exit_status(reports: &[Report]) -> i32 {
    if reports.iter().any(|r| r.status == Status::Unreadable) {
        2
    } else if reports.iter().any(|r| r.counts.error > 0) {
        1
    } else {
        0
    }
}

enum Parsed {
    Run { format: Format, files: Vec<String> },
    Help,
    Version,
}

fn parse(args: &[String]) -> Result<Parsed, String> {
    let mut format = Format::Text;
    let mut files = Vec::new();
    let mut args = args.iter();
    let mut only_files = false;
    while let Some(arg) = args.next() {
        if only_files {
            files.push(arg.clone());
            continue;
        }
        let value = match arg.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "-V" | "--version" => return Ok(Parsed::Version),
            "--" => {
                only_files = true;
                continue;
            }
            "-f" | "--format" => Some(args.next().ok_or("--format needs a value: text, json or csv")?.as_str()),
            other => other.strip_prefix("--format="),
        };
        match value {
            Some("text") => format = Format::Text,
            Some("json") => format = Format::Json,
            Some("csv") => format = Format::Csv,
            Some(other) => return Err(format!("unknown format “{other}”: use text, json or csv")),
            None if arg.starts_with('-') && arg.len() > 1 => return Err(format!("unknown option “{arg}”")),
            None => files.push(arg.clone()),
        }
    }
    if files.is_empty() {
        return Err("name at least one file to check".into());
    }
    Ok(Parsed::Run { format, files })
}

/// Reads a file from disk (never more than the size limit) and checks it.
pub fn check_file(path: &str) -> Report {
    match read_limited(path) {
        Ok(bytes) => crate::check_bytes(path, &bytes),
        Err(error) => Report::unreadable(path, &error),
    }
}

fn read_limited(path: &str) -> Result<Vec<u8>, ReadError> {
    let io_error = |e: std::io::Error| ReadError::Unreadable { reason: Unreadable::Io(e.to_string()) };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know the file is too large without reading it all.
    file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len(), |m| m.len() as usize);
        return Err(ReadError::TooLarge { what: TooLarge::File { bytes: size } });
    }
    Ok(bytes)
}
