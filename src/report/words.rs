//! How values appear in messages and on the page: money as £1,234,567, text in curly quotes.

/// `1234567.0 → "£1,234,567"`, `12.5 → "£12.50"`, `-300.0 → "-£300"`. Correct at any magnitude
/// (`1e20 → "£100,000,000,000,000,000,000"`); an amount that rounds to no pence but is not zero
/// is shown as it is (`-0.001 → "-£0.001"`), so a message never calls a negative amount £0.
pub fn pounds(amount: f64) -> String {
    if !amount.is_finite() {
        return "not a number".into();
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    let pennies = (amount.abs() * 100.0).round();
    if pennies == 0.0 && amount != 0.0 {
        return format!("{sign}£{}", tiny(amount.abs()));
    }
    let whole = digits_grouped(&format!("{:.0}", (pennies / 100.0).trunc()));
    let pence = (pennies % 100.0) as u32;
    if pence == 0 {
        format!("{sign}£{whole}")
    } else {
        format!("{sign}£{whole}.{pence:02}")
    }
}

/// A number as a person writes it: `1234.5 → "1,234.5"`, `88.25 → "88.25"`, at most 2 decimals,
/// correct at any magnitude; a value too small to show in 2 decimals is shown as it is
/// (`-0.001 → "-0.001"`), never as 0.
pub fn number(n: f64) -> String {
    if !n.is_finite() {
        return "not a number".into();
    }
    let hundredths = (n.abs() * 100.0).round();
    let sign = if n < 0.0 && (hundredths > 0.0 || n != 0.0) { "-" } else { "" };
    if hundredths == 0.0 && n != 0.0 {
        return format!("{sign}{}", tiny(n.abs()));
    }
    let whole = digits_grouped(&format!("{:.0}", (hundredths / 100.0).trunc()));
    let fraction = (hundredths % 100.0) as u32;
    let fraction = format!(".{fraction:02}");
    let fraction = fraction.trim_end_matches('0').trim_end_matches('.');
    format!("{sign}{whole}{fraction}")
}

/// A positive value under 0.005, with enough decimals to show it is not zero.
fn tiny(n: f64) -> String {
    let text = format!("{n:.12}");
    let text = text.trim_end_matches('0');
    if text == "0." {
        format!("{n:e}")
    } else {
        text.to_string()
    }
}

/// `"1234567" → "1,234,567"`: thousands separators on a string of digits of any length.
fn digits_grouped(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A name as it reads inside a sentence: its first letter in lower case (`Minimum spend on adult
/// social care` → `minimum spend…`), unless it begins with an abbreviation, which stays as it is
/// (`NHS-commissioned…`).
pub fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(name[first.len_utf8()..].chars()).collect()
        }
        _ => name.to_string(),
    }
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

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `25 November 2026 at 18:46` (month from 1).
pub fn date_and_time(year: i64, month: i64, day: i64, hour: i64, minute: i64) -> String {
    let month = usize::try_from(month - 1).ok().and_then(|m| MONTHS.get(m)).copied().unwrap_or("");
    format!("{day} {month} {year} at {hour:02}:{minute:02}")
}

/// A moment (seconds since 1970, UTC) as the time in England: GMT, or British Summer Time from
/// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
pub fn time_in_england(unix_seconds: i64) -> String {
    use crate::workbook::{date_from_serial, days_from_civil};
    const DAY: i64 = 86_400;
    let epoch = days_from_civil(1970, 1, 1);
    let civil = |seconds: i64| date_from_serial((seconds.div_euclid(DAY) + 25_569) as f64);
    let Some((year, _, _)) = civil(unix_seconds) else { return String::new() };
    // Days since 1970 of the last Sunday of a month with 31 days (1 January 1970 was a Thursday).
    let last_sunday = |month: i64| {
        let days = days_from_civil(year, month, 31) - epoch;
        days - (days + 4).rem_euclid(7)
    };
    let summer = (last_sunday(3) * DAY + 3600..last_sunday(10) * DAY + 3600).contains(&unix_seconds);
    let local = unix_seconds + if summer { 3600 } else { 0 };
    let Some((y, m, d)) = civil(local) else { return String::new() };
    let seconds_of_day = local.rem_euclid(DAY);
    date_and_time(y, m, d, seconds_of_day / 3600, seconds_of_day % 3600 / 60)
}

/// Text as a terminal may show it: control characters (escape sequences, NUL, line breaks that
/// could forge a line of the report) and the characters that reverse the direction of text are
/// written out as `\n`, `\u{1b}`, `\u{202e}`, so a file name, a sheet name or a cell's text can
/// neither drive the terminal nor pass for something else.
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_as_a_clock_in_england_shows_them() {
        // 2026-11-25 18:46 UTC: winter, so GMT.
        assert_eq!(time_in_england(1_795_632_360), "25 November 2026 at 18:46");
        // 2026-07-01 12:00 UTC is 13:00 British Summer Time.
        assert_eq!(time_in_england(1_782_907_200), "1 July 2026 at 13:00");
        // Summer time began at 01:00 UTC on 29 March 2026 and ended at 01:00 UTC on 25 October.
        assert_eq!(time_in_england(1_774_745_999), "29 March 2026 at 00:59");
        assert_eq!(time_in_england(1_774_746_000), "29 March 2026 at 02:00");
        assert_eq!(time_in_england(1_792_890_000 - 1), "25 October 2026 at 01:59");
        assert_eq!(time_in_england(1_792_890_000), "25 October 2026 at 01:00");
    }

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
        assert_eq!(in_sentence("Minimum spend on adult social care"), "minimum spend on adult social care");
        assert_eq!(
            in_sentence("NHS-commissioned out-of-hospital spend required"),
            "NHS-commissioned out-of-hospital spend required"
        );
        assert_eq!(in_sentence(""), "");
    }

    #[test]
    fn figures_are_honest_at_any_magnitude() {
        // Once `18,446,744,073,709,551,615NaN`: a saturated integer and a broken fraction.
        assert_eq!(pounds(1e20), "£100,000,000,000,000,000,000");
        assert_eq!(number(1.8e19), "18,000,000,000,000,000,000");
        assert_eq!(number(-2.5e16), "-25,000,000,000,000,000");
        // Once called "0" and then said to be out of range.
        assert_eq!(number(-0.001), "-0.001");
        assert_eq!(pounds(-0.001), "-£0.001");
        assert_eq!(number(-1e-300), "-1e-300");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(1234.5), "1,234.5");
        assert_eq!(number(0.995), "1");
        assert_eq!(pounds(1234.005), "£1,234.01");
    }
}
