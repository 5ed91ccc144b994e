//! The command-line shell: arguments in, reports printed, an exit status out.
//! Everything it knows about plans it gets from [`crate::check_bytes`].

use std::io::{Read, Write};

use crate::check::Checked;
use crate::report::{self, Report, Status};
use crate::workbook::{sniff, ReadError, TooLarge, Unreadable, MAX_FILE_BYTES};

pub const USAGE: &str = "\
Checks Better Care Fund planning templates before they are submitted.

Usage: bcf-check [OPTIONS] PLAN...
       bcf-check compare [--format text|json|csv] [--profile FILE] OLD NEW
       bcf-check profiles
       bcf-check profile ID
       bcf-check profile derive [--from ID] TEMPLATE

A PLAN is a workbook, a folder (every spreadsheet in it and below it, recognised by its
content or its name, in name order), or - to read one workbook from standard input.

Commands:
  compare OLD NEW      what changed between two versions of a board's plan, and which
                       problems were fixed or are new
  profiles             list the planning rounds this checker knows
  profile ID           print a round's template definition (JSON), to start a new one from
  profile derive TEMPLATE
                       print a template definition (JSON) for the layout of a blank
                       TEMPLATE, found from the labels of the built-in round it is most
                       like (or of --from ID); what was not found goes to standard error.
                       Exit status 0 when all was found, 1 when the definition needs
                       editing, 2 when the template cannot be read

Options:
  -f, --format FORMAT  text (the default), json, csv, summary (one line a plan, with its
                       key figures) or summary-csv
  -p, --profile FILE   also check against the template definition in FILE (JSON)
      --time-limit SECONDS
                       stop checking a file after this long and report it as not
                       checked (the default is 60 seconds)
  -a, --annotate DIR   also write to DIR a copy of each Excel workbook (.xlsx or .xlsm)
                       with its problems marked: a first sheet listing them with links,
                       a note on each cell, a red border on each cell with an error
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
    /// One line a plan: result, counts and key figures.
    Summary,
    /// The same as CSV: one row a plan and funding test.
    SummaryCsv,
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Check { format: Format, profiles: Vec<String>, plans: Vec<String>, annotate: Option<String>, time_limit: f64 },
    Compare { format: Format, old: String, new: String, profiles: Vec<String> },
    Profiles,
    Profile(String),
    Derive { template: String, from: Option<String> },
    Help,
    Version,
}

/// Runs the CLI with `args` (without the program name), writing the reports to `out` and
/// usage errors to `err`. Returns the exit status.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // Messages on standard error name files, sheets and values from the user's files: none may
    // drive the terminal.
    let mut err = TerminalSafe(err);
    let err: &mut dyn Write = &mut err;
    let command = match parse(args) {
        Ok(command) => command,
        Err(problem) => {
            let _ = writeln!(err, "bcf-check: {problem}\n\n{USAGE}");
            return 2;
        }
    };
    let (format, profiles, plans, annotate, time_limit) = match command {
        Command::Help => {
            let _ = out.write_all(USAGE.as_bytes());
            return 0;
        }
        Command::Version => {
            let _ = writeln!(out, "bcf-check {}", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        Command::Profiles => {
            for p in crate::profile::built_in_profiles() {
                let _ = writeln!(out, "{}\t{}\t{}", p.id, p.version.as_deref().unwrap_or("(no version cell)"), p.title);
            }
            return 0;
        }
        Command::Profile(id) => match crate::profile::built_in_json(&id) {
            Some(json) => {
                let _ = out.write_all(json.as_bytes());
                return 0;
            }
            None => {
                let known: Vec<&str> = crate::profile::built_in_profiles().iter().map(|p| p.id.as_str()).collect();
                let _ =
                    writeln!(err, "bcf-check: there is no planning round “{id}”; the rounds are {}", known.join(", "));
                return 2;
            }
        },
        Command::Compare { format, old, new, profiles } => {
            if let Err(status) = load_definitions(&profiles, err) {
                return status;
            }
            return compare(format, &old, &new, out, err);
        }
        Command::Derive { template, from } => return derive(&template, from.as_deref(), out, err),
        Command::Check { format, profiles, plans, annotate, time_limit } => {
            (format, profiles, plans, annotate, time_limit)
        }
    };
    if let Err(status) = load_definitions(&profiles, err) {
        return status;
    }
    if let Some(dir) = &annotate {
        if std::path::Path::new(dir).exists() && !std::path::Path::new(dir).is_dir() {
            let _ = writeln!(
                err,
                "bcf-check: {dir} is a file, not a folder: give --annotate a folder for the marked copies"
            );
            return 2;
        }
        if let Err(e) = std::fs::create_dir_all(dir) {
            let _ = writeln!(
                err,
                "bcf-check: the folder {dir} for the marked copies cannot be made: {}",
                plain_io_error(dir, &e)
            );
            return 2;
        }
    }
    let mut marker = annotate.map(|dir| Marker { dir: dir.into(), written: Vec::new(), failed: false });
    // An entry of a folder that could not be read (a plan may be in it).
    let mut folders_failed = false;
    let mut checked: Vec<Checked> = Vec::new();
    let mut check_one = |read: Result<Vec<u8>, ReadError>, name: &str, err: &mut dyn Write| {
        let result = match read {
            Ok(bytes) => match checked_within(name, bytes, time_limit) {
                Ok((result, bytes)) => {
                    if let Some(marker) = marker.as_mut() {
                        marker.mark(&bytes, &result.report, err);
                    }
                    result
                }
                Err(error) => unreadable(name, &error),
            },
            Err(error) => unreadable(name, &error),
        };
        checked.push(result);
    };
    for plan in &plans {
        match plan.as_str() {
            "-" => check_one(read_stdin(), "standard input", err),
            path if std::path::Path::new(path).is_dir() => {
                let (found, problems) = spreadsheets_under(std::path::Path::new(path));
                for problem in &problems {
                    let _ = writeln!(err, "bcf-check: not checked: {problem}");
                }
                folders_failed |= !problems.is_empty();
                if found.is_empty() && problems.is_empty() {
                    let _ = writeln!(err, "bcf-check: the folder {path} has no spreadsheets in it");
                }
                for file in found {
                    let path = file.display().to_string();
                    check_one(read_limited(&path), &path, err);
                }
            }
            path => check_one(read_limited(path), path, err),
        }
    }
    let summarised: Vec<report::batch::Summarised> =
        checked.iter().map(|c| report::batch::Summarised { report: &c.report, figures: c.figures.as_ref() }).collect();
    let reports: Vec<Report> = checked.iter().map(|c| c.report.clone()).collect();
    let printed = match format {
        Format::Text => report::to_text(&reports),
        Format::Json => report::to_json(&reports) + "\n",
        Format::Csv => report::to_csv(&reports),
        Format::Summary => report::batch::summary_text(&summarised),
        Format::SummaryCsv => report::batch::summary_csv(&summarised),
    };
    let _ = out.write_all(printed.as_bytes());
    // A marked copy asked for and not written is a failure, like a file not read.
    let copies_failed = marker.as_ref().is_some_and(|m| m.failed);
    if copies_failed || folders_failed {
        2
    } else {
        exit_status(&reports)
    }
}

const ALL_FORMATS: &[(&str, Format)] = &[
    ("text", Format::Text),
    ("json", Format::Json),
    ("csv", Format::Csv),
    ("summary", Format::Summary),
    ("summary-csv", Format::SummaryCsv),
];

/// `compare` prints changes, not reports: no summary formats.
const COMPARE_FORMATS: &[(&str, Format)] = &[("text", Format::Text), ("json", Format::Json), ("csv", Format::Csv)];

/// `"text, json or csv"`.
fn format_names(allowed: &[(&str, Format)]) -> String {
    let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

fn format_choices(allowed: &[(&str, Format)]) -> String {
    format!("--format needs a value: {}", format_names(allowed))
}

fn format_named(value: &str, allowed: &[(&str, Format)]) -> Result<Format, String> {
    allowed
        .iter()
        .find(|(name, _)| *name == value)
        .map(|(_, f)| *f)
        .ok_or_else(|| format!("unknown format “{value}”: use {}", format_names(allowed)))
}

fn parse(args: &[String]) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args.iter().cloned());
    let mut format = Format::Text;
    let mut profiles = Vec::new();
    let mut annotate = None;
    let mut time_limit = DEFAULT_TIME_LIMIT_SECONDS;
    let mut plans: Vec<String> = Vec::new();
    let text = |v: std::ffi::OsString| v.into_string().map_err(|_| "an argument is not valid text".to_string());
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            Short('f') | Long("format") => {
                format = format_named(&text(parser.value().map_err(|_| format_choices(ALL_FORMATS))?)?, ALL_FORMATS)?;
            }
            Short('a') | Long("annotate") => {
                let dir = parser
                    .value()
                    .map_err(|_| "--annotate needs a folder to write the marked copies to".to_string())?;
                annotate = Some(text(dir)?);
            }
            Long("time-limit") => {
                let value = text(parser.value().map_err(|_| "--time-limit needs a number of seconds".to_string())?)?;
                time_limit = value
                    .parse::<f64>()
                    .ok()
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .ok_or_else(|| format!("--time-limit needs a number of seconds above 0, not “{value}”"))?;
            }
            Short('p') | Long("profile") => {
                profiles.push(text(parser.value().map_err(|_| "--profile needs a file".to_string())?)?);
            }
            Value(value) => {
                let value = text(value)?;
                // The first word may be a command; a file of that name can be given as ./profiles.
                if plans.is_empty() && profiles.is_empty() && value == "profiles" {
                    return Ok(Command::Profiles);
                }
                // `--profile FILE compare …` compares with the definition too.
                if plans.is_empty() && value == "compare" {
                    let mut files = Vec::new();
                    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
                        match arg {
                            Short('f') | Long("format") => {
                                let value = text(parser.value().map_err(|_| format_choices(COMPARE_FORMATS))?)?;
                                format = format_named(&value, COMPARE_FORMATS)?;
                            }
                            Short('p') | Long("profile") => {
                                profiles.push(text(parser.value().map_err(|_| "--profile needs a file".to_string())?)?);
                            }
                            Value(v) => files.push(text(v)?),
                            Short(c) => return Err(format!("compare does not take the option “-{c}”")),
                            Long(name) => return Err(format!("compare does not take the option “--{name}”")),
                        }
                    }
                    let [old, new]: [String; 2] = files
                        .try_into()
                        .map_err(|_| "compare needs two files: the earlier version, then the later one".to_string())?;
                    return Ok(Command::Compare { format, old, new, profiles });
                }
                if plans.is_empty() && profiles.is_empty() && value == "profile" {
                    let id =
                        text(parser.value().map_err(|_| "profile needs a round, for example 2025-26".to_string())?)?;
                    if id == "derive" {
                        return parse_derive(&mut parser);
                    }
                    return Ok(Command::Profile(id));
                }
                plans.push(value);
                plans.extend(parser.raw_args().map_err(|e| e.to_string())?.map(text).collect::<Result<Vec<_>, _>>()?);
            }
            Short(c) => return Err(format!("unknown option “-{c}”")),
            Long(name) => return Err(format!("unknown option “--{name}”")),
        }
    }
    if plans.is_empty() {
        return Err("name at least one file to check".into());
    }
    Ok(Command::Check { format, profiles, plans, annotate, time_limit })
}

/// The rest of `profile derive [--from ID] TEMPLATE`.
fn parse_derive(parser: &mut lexopt::Parser) -> Result<Command, String> {
    use lexopt::prelude::*;
    let text = |v: std::ffi::OsString| v.into_string().map_err(|_| "an argument is not valid text".to_string());
    let mut from = None;
    let mut files = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("from") => {
                from =
                    Some(text(parser.value().map_err(|_| "--from needs a round, for example 2025-26".to_string())?)?);
            }
            Value(v) => files.push(text(v)?),
            Short(c) => return Err(format!("profile derive does not take “-{c}”")),
            Long(name) => return Err(format!("profile derive does not take “--{name}”")),
        }
    }
    let [template]: [String; 1] =
        files.try_into().map_err(|_| "profile derive needs one file: the blank template".to_string())?;
    Ok(Command::Derive { template, from })
}

/// `profile derive`: the definition on standard output, what was and was not found on standard
/// error. 0 when everything was found, 1 when the definition needs editing, 2 when the template
/// cannot be read or `--from` names no round.
fn derive(template: &str, from: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let workbook = match read_limited(template).and_then(|bytes| crate::check::read_every_sheet(&bytes)) {
        Ok(workbook) => workbook,
        Err(error) => {
            let _ = writeln!(err, "bcf-check: {template} cannot be read: {error}");
            return 2;
        }
    };
    match crate::derive::derive(&workbook, from) {
        Ok(derived) => {
            let _ = out.write_all(derived.json.as_bytes());
            for line in derived.in_words() {
                let _ = writeln!(err, "{line}");
            }
            if derived.complete() {
                0
            } else {
                1
            }
        }
        Err(problem) => {
            let _ = writeln!(err, "bcf-check: {problem}");
            2
        }
    }
}

/// `compare OLD NEW`: both read and checked, then their differences printed. 0 when compared, 2
/// when either could not be read or they are not versions of the same plan.
fn compare(format: Format, old: &str, new: &str, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let read = |path: &str| match read_limited(path) {
        Ok(bytes) => crate::check::check_bytes_with_plan(path, &bytes),
        Err(error) => (unreadable(path, &error), None),
    };
    let ((old_checked, old_plan), (new_checked, new_plan)) = (read(old), read(new));
    let compared = crate::compare::compare_checked(
        (&old_checked.report, old_plan.as_ref()),
        (&new_checked.report, new_plan.as_ref()),
    );
    match compared {
        Err(why) => {
            let _ = writeln!(err, "bcf-check: {why}");
            2
        }
        Ok(changes) => {
            let printed = match format {
                Format::Json => crate::compare::to_json(old, new, &changes),
                Format::Csv => crate::compare::to_csv(&changes),
                _ => crate::compare::to_text(old, new, &changes),
            };
            let _ = out.write_all(printed.as_bytes());
            0
        }
    }
}

/// A writer for a terminal: our own line breaks pass, every other control character and the
/// characters that reverse the direction of text are written out (`\u{1b}`), as
/// `report::words::for_terminal` does. Each write is a whole piece of UTF-8 text from `write!`.
struct TerminalSafe<'a>(&'a mut dyn Write);

impl Write for TerminalSafe<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(bytes);
        let mut safe = String::with_capacity(text.len());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                safe.push('\n');
            }
            safe.push_str(&report::words::for_terminal(line));
        }
        self.0.write_all(safe.as_bytes())?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Loads each `--profile` file for the rest of the run; `Err(2)` after saying what is wrong.
fn load_definitions(paths: &[String], err: &mut dyn Write) -> Result<(), i32> {
    for path in paths {
        let loaded = read_definition(path).and_then(|json| crate::profile::load(&json));
        if let Err(problems) = loaded {
            let _ = writeln!(err, "bcf-check: the template definition {path} cannot be used:");
            for problem in problems {
                let _ = writeln!(err, "  {problem}");
            }
            return Err(2);
        }
    }
    Ok(())
}

/// A template definition's text from a file, never more than the most a definition may be (a
/// device such as /dev/zero is not read to its end).
fn read_definition(path: &str) -> Result<String, Vec<String>> {
    let file = std::fs::File::open(path).map_err(|e| vec![plain_io_error(path, &e)])?;
    let mut bytes = Vec::new();
    let limit = crate::profile::MAX_DEFINITION_BYTES as u64 * 2 + 2;
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| vec![plain_io_error(path, &e)])?;
    if bytes.len() as u64 > limit {
        return Err(vec![format!(
            "the file: a template definition is at most {} KB (the built-in ones are about 20 KB); this one is larger",
            crate::profile::MAX_DEFINITION_BYTES / 1024
        )]);
    }
    crate::profile::definition_text(&bytes).map_err(|e| vec![e])
}

/// The time one file may take to check, unless `--time-limit` says otherwise: far above any real
/// plan (a second or two), so that one hostile file cannot hold up a folder of plans.
const DEFAULT_TIME_LIMIT_SECONDS: f64 = 60.0;

/// Checks a file on a thread of its own, waiting no longer than `seconds`: past it, the file is
/// reported as taking too long and the batch goes on (the thread is left to finish, or to end
/// with the process).
fn checked_within(name: &str, bytes: Vec<u8>, seconds: f64) -> Result<(Checked, Vec<u8>), ReadError> {
    let (send, receive) = std::sync::mpsc::channel();
    let name_owned = name.to_string();
    // The main thread's stack size, which the checks were always run with.
    let spawned = std::thread::Builder::new().stack_size(8 << 20).spawn(move || {
        let result = crate::check::check_bytes_with_figures(&name_owned, &bytes);
        let _ = send.send((result, bytes));
    });
    if spawned.is_err() {
        return Err(ReadError::Unreadable { reason: Unreadable::Io("the checker could not start".into()) });
    }
    receive.recv_timeout(std::time::Duration::from_secs_f64(seconds)).map_err(|_| ReadError::Unreadable {
        reason: Unreadable::TookTooLong { milliseconds: (seconds * 1000.0).round().max(1.0) as u64 },
    })
}

/// The extensions of the spreadsheets a folder is searched for: a file with one of them that is
/// not a readable spreadsheet is reported as unreadable, never skipped.
const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods", "xltx", "xltm"];

/// Every spreadsheet in and below `dir`, in name order, and every entry that could not be read
/// (in words). Links to files and folders are followed, each place once (a link back up a folder
/// is not a loop).
fn spreadsheets_under(dir: &std::path::Path) -> (Vec<std::path::PathBuf>, Vec<String>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        if let Ok(real) = std::fs::canonicalize(&folder) {
            if !seen.insert(real) {
                continue;
            }
        }
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(plain_io_error(&folder.display().to_string(), &e));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    problems.push(plain_io_error(&folder.display().to_string(), &e));
                    continue;
                }
            };
            let path = entry.path();
            // `metadata` follows a link; a broken one is named.
            let kind = match std::fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) => {
                    problems.push(plain_io_error(&path.display().to_string(), &e));
                    continue;
                }
            };
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && (has_spreadsheet_extension(&path) || looks_like_a_spreadsheet(&path)) {
                let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                if seen.insert(real) {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    problems.sort();
    (found, problems)
}

fn has_spreadsheet_extension(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SPREADSHEET_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Whether a file's first bytes are those of a spreadsheet (or a damaged one, which is then
/// reported rather than silently skipped).
fn looks_like_a_spreadsheet(path: &std::path::Path) -> bool {
    use crate::workbook::Sniffed;
    let Ok(bytes) = read_limited(&path.display().to_string()) else { return true };
    matches!(sniff(&bytes), Sniffed::Spreadsheet(_) | Sniffed::Encrypted | Sniffed::DamagedZip)
}

/// One workbook from standard input, never more than the size limit.
fn read_stdin() -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    let read = std::io::stdin().lock().take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes);
    match read {
        Err(e) => Err(ReadError::Unreadable { reason: Unreadable::Io(e.to_string()) }),
        Ok(_) if bytes.len() > MAX_FILE_BYTES => {
            Err(ReadError::TooLarge { what: TooLarge::File { bytes: bytes.len() } })
        }
        Ok(_) => Ok(bytes),
    }
}

/// Writes the marked copies (`--annotate`), each under a name not yet written in this run.
struct Marker {
    dir: std::path::PathBuf,
    written: Vec<String>,
    /// A copy asked for could not be written (the exit status says so).
    failed: bool,
}

/// The longest file name most file systems take, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// `name` with ` (n)` before its extension, cut (at a character) so that it fits in
/// [`MAX_NAME_BYTES`].
fn numbered_name(name: &str, n: usize) -> String {
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, "xlsx"));
    let suffix = if n == 1 { format!(".{extension}") } else { format!(" ({n}).{extension}") };
    let mut stem = stem.to_string();
    while stem.len() + suffix.len() > MAX_NAME_BYTES && stem.pop().is_some() {}
    format!("{stem}{suffix}")
}

impl Marker {
    /// Writes the marked copy as a new file in the folder: never over a file that is there (a
    /// plan being checked, a user's own copy, an earlier one) and never through a link (a link at
    /// the name counts as a file that is there), so the next free name ` (2)`, ` (3)`… is used.
    fn mark(&mut self, bytes: &[u8], report: &Report, err: &mut dyn Write) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
        let checked_at = report::words::time_in_england(now);
        let copy = match crate::annotate::mark_copy(bytes, report, &checked_at) {
            Ok(copy) => copy,
            Err(why) => {
                let _ = writeln!(err, "bcf-check: {}: {} {}", report.file, why.message(), why.hint());
                return;
            }
        };
        let first = numbered_name(&copy.file_name, 1);
        for n in 1..=1000 {
            let name = numbered_name(&copy.file_name, n);
            if self.written.contains(&name) {
                continue;
            }
            let path = self.dir.join(&name);
            let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
            let mut file = match file {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return self.not_written(report, &path, &e, err),
            };
            if let Err(e) = file.write_all(&copy.bytes).and_then(|()| file.sync_all()) {
                drop(file);
                // Our own half-written file, never a user's (it was made just now).
                let _ = std::fs::remove_file(&path);
                return self.not_written(report, &path, &e, err);
            }
            let kept = if n > 1 && !self.written.contains(&first) {
                format!(" ({first} was already there, and was left as it was)")
            } else {
                String::new()
            };
            let _ = writeln!(err, "bcf-check: {}: marked copy written to {}{kept}", report.file, path.display());
            if let Some(notice) = &copy.notice {
                let _ = writeln!(err, "bcf-check: {}: {notice}", report.file);
            }
            self.written.push(name);
            return;
        }
        self.failed = true;
        let _ = writeln!(
            err,
            "bcf-check: {}: no marked copy was written: {} already holds 1,000 files named like it. Choose another folder with --annotate.",
            report.file,
            self.dir.display()
        );
    }

    fn not_written(&mut self, report: &Report, path: &std::path::Path, e: &std::io::Error, err: &mut dyn Write) {
        self.failed = true;
        let _ = writeln!(
            err,
            "bcf-check: {}: no marked copy was written: {}",
            report.file,
            plain_io_error(&path.display().to_string(), e)
        );
    }
}

/// An I/O failure in words (not the operating system's error string).
fn plain_io_error(path: &str, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => format!("there is no file called {path}"),
        ErrorKind::PermissionDenied => format!("you do not have permission to open {path}"),
        _ if std::path::Path::new(path).is_dir() => format!("{path} is a folder, not a file"),
        _ => format!("{path} could not be opened"),
    }
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

/// Reads a file from disk (never more than the size limit) and checks it.
pub fn check_file(path: &str) -> Report {
    check_path(path).report
}

/// [`check_file`], with the figures the summary shows.
fn check_path(path: &str) -> Checked {
    match read_limited(path) {
        Ok(bytes) => crate::check::check_bytes_with_figures(path, &bytes),
        Err(error) => unreadable(path, &error),
    }
}

fn unreadable(name: &str, error: &ReadError) -> Checked {
    Checked::unreadable(name, error)
}

fn read_limited(path: &str) -> Result<Vec<u8>, ReadError> {
    let io_error = |e: std::io::Error| ReadError::Unreadable { reason: Unreadable::Io(plain_io_error(path, &e)) };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know the file is too large without reading it all.
    file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() > MAX_FILE_BYTES {
        // The size on disk, when the system knows it (a device or a pipe says 0).
        let size = std::fs::metadata(path).map_or(bytes.len(), |m| (m.len() as usize).max(bytes.len()));
        let size = if size > bytes.len() { size } else { MAX_FILE_BYTES + 1 };
        return Err(ReadError::TooLarge { what: TooLarge::File { bytes: size } });
    }
    Ok(bytes)
}
