//! CSV: `file,sheet,cell,severity,rule,message,hint`, one row per finding, RFC 4180 quoting.

use super::Report;

pub fn csv_header() -> &'static str {
    "file,sheet,cell,severity,rule,message,hint\r\n"
}

/// The UTF-8 byte-order mark. Excel on Windows reads a CSV file without it in the system's code
/// page, so `£` and curly quotes would show as `Â£` and `â€œ`.
pub const BYTE_ORDER_MARK: char = '\u{feff}';

/// The whole CSV file, starting with the byte-order mark so Excel reads it as UTF-8.
pub fn to_csv(reports: &[Report]) -> String {
    let mut out = String::new();
    out.push(BYTE_ORDER_MARK);
    out.push_str(csv_header());
    for report in reports {
        for f in &report.findings {
            let fields = [
                report.file.as_str(),
                f.sheet.as_deref().unwrap_or(""),
                f.cell.as_deref().unwrap_or(""),
                f.severity.as_str(),
                f.rule.as_str(),
                f.message.as_str(),
                f.hint.as_str(),
            ];
            let row: Vec<String> = fields.iter().map(|s| csv_field(s)).collect();
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// Quotes a field when needed. A field that a spreadsheet would run as a formula (it starts with
/// `=`, `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe: messages quote what users
/// typed, and the CSV is meant to be opened in Excel.
pub fn csv_field(text: &str) -> String {
    // A plain number (`-2660000.00`, a shortfall) is a number to a spreadsheet, never a formula:
    // guarded, it would become text, and a column of figures would no longer sort.
    let guard = text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(text);
    let guarded = if guard { format!("'{text}") } else { text.to_string() };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// `-12`, `-2660000.00`, `0.5`: an optional minus, digits, and an optional decimal part.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("-1,2"), "\"'-1,2\"");
        // A negative figure stays a number, as a spreadsheet reads it; anything more is guarded.
        assert_eq!(csv_field("-2660000.00"), "-2660000.00");
        assert_eq!(csv_field("-12"), "-12");
        assert_eq!(csv_field("-1+2"), "'-1+2");
        assert_eq!(csv_field("-.5"), "'-.5");
        assert_eq!(csv_field("-1e5"), "'-1e5");
    }
}
