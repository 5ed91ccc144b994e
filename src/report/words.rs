//! How values appear in messages and on the page: money as £1,234,567, text in curly quotes.

/// `1234567.0 → "£1,234,567"`, `12.5 → "£12.50"`, `-300.0 → "-£300"`.
pub fn pounds(amount: f64) -> String {
    let sign = if amount < 0.0 { "-" } else { "" };
    let amount = amount.abs();
    let whole = amount.trunc() as u64;
    let pence = ((amount - amount.trunc()) * 100.0).round() as u64;
    let (whole, pence) = if pence == 100 { (whole + 1, 0) } else { (whole, pence) };
    let grouped = group_thousands(whole);
    if pence == 0 {
        format!("{sign}£{grouped}")
    } else {
        format!("{sign}£{grouped}.{pence:02}")
    }
}

fn group_thousands(n: u64) -> String {
    crate::workbook::thousands(n)
}

/// A number as a person writes it: `1234.5 → "1,234.5"`, `88.25 → "88.25"`, at most 2 decimals.
pub fn number(n: f64) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    let whole = group_thousands(rounded.abs().trunc() as u64);
    let sign = if rounded < 0.0 { "-" } else { "" };
    let fraction = format!("{:.2}", rounded.abs().fract());
    let fraction = fraction.trim_start_matches('0').trim_end_matches('0').trim_end_matches('.');
    format!("{sign}{whole}{fraction}")
}

/// Text in curly quotes, shortened if long: what the user typed, quoted back to them.
pub fn quote(text: &str) -> String {
    let text = text.trim();
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("“{short}…”")
    } else {
        format!("“{short}”")
    }
}

/// `["a"] → "a"`, `["a", "b"] → "a and b"`, `["a", "b", "c"] → "a, b and c"`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_naturally() {
        assert_eq!(pounds(9_820_000.0), "£9,820,000");
        assert_eq!(pounds(820.0), "£820");
        assert_eq!(pounds(1234.5), "£1,234.50");
        assert_eq!(pounds(-300.0), "-£300");
        assert_eq!(pounds(0.999), "£1");
        assert_eq!(number(5743.62), "5,743.62");
        assert_eq!(number(88.0), "88");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(and_list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(quote(&"x".repeat(70)), format!("“{}…”", "x".repeat(60)));
    }
}
