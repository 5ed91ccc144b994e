//! Plain text for a terminal: one block per file, one line per finding, the hint beneath.

use super::words::for_terminal as safe;
use super::Report;

pub fn to_text(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        let mut about = Vec::new();
        if let Some(profile) = &report.profile {
            about.push(format!("planning round {}", safe(profile)));
        }
        if let Some(hwb) = &report.hwb {
            about.push(safe(hwb).into_owned());
        }
        let about = if about.is_empty() { String::new() } else { format!(" ({})", about.join(", ")) };
        out.push_str(&format!("{}{}: {}\n", safe(&report.file), about, summary(report)));
        for f in &report.findings {
            let place = match (&f.sheet, &f.cell) {
                (Some(sheet), Some(cell)) => format!("{}!{}", safe(sheet), safe(cell)),
                (Some(sheet), None) => safe(sheet).into_owned(),
                _ => "file".to_string(),
            };
            out.push_str(&format!("  {:<8} {place}: {} [{}]\n", f.severity.as_str(), safe(&f.message), f.rule));
            out.push_str(&format!("           {}\n", safe(&f.hint)));
            if !f.related.is_empty() {
                let places: Vec<String> = f.related.iter().map(|p| safe(p).into_owned()).collect();
                out.push_str(&format!("           It may follow from: {}\n", places.join(", ")));
            }
        }
    }
    out
}

/// `"2 errors, 1 warning"`, `"no problems found"`, `"could not be read"`; a partial check says so
/// (`"1 warning (partial check: …)"`), so it is never read as a full pass.
pub fn summary(report: &Report) -> String {
    if report.status == super::Status::Unreadable {
        return "could not be read".to_string();
    }
    let counts = counts(report);
    if report.coverage == super::Coverage::Workbook {
        return format!("{counts} (partial check: only the workbook's own checklist and drop-down lists)");
    }
    counts
}

fn counts(report: &Report) -> String {
    let c = report.counts;
    let parts: Vec<String> = [(c.error, "error"), (c.warning, "warning"), (c.advisory, "advisory note")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| format!("{n} {word}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    if parts.is_empty() {
        "no problems found".to_string()
    } else {
        parts.join(", ")
    }
}
