//! What changed between two versions of one board's plan: figures, schemes (matched by Scheme
//! ID), metrics, national conditions, the Cover, and which problems were fixed or are new. Pure:
//! two plans and their reports in, a list of changes out; the CLI prints it.

use serde::{Deserialize, Serialize};

use crate::plan::{Field, Plan, SheetKind};
use crate::report::{Finding, Report};

/// One difference, at the cell of the new version where there is one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub sheet: String,
    pub cell: Option<String>,
    /// `changed`, `added`, `removed`, `renumbered` (schemes with new IDs and nothing else
    /// changed, said once), `fixed` (a problem gone) or `new problem`.
    pub change: String,
    /// What changed, in words: `Scheme 3 (Home care capacity): Expenditure (£)`.
    pub what: String,
    pub old: String,
    pub new: String,
}

/// Why two plans cannot be compared.
#[derive(Clone, Debug, PartialEq)]
pub enum Mismatch {
    Round { old: String, new: String },
    Board { old: String, new: String },
}

impl Mismatch {
    pub fn message(&self) -> String {
        match self {
            Mismatch::Round { old, new } => format!(
                "The two plans are for different planning rounds ({old} and {new}). Compare two versions of the same plan."
            ),
            Mismatch::Board { old, new } => format!(
                "The two plans are for different Health and Wellbeing Boards ({old} and {new}). Compare two versions of the same board's plan."
            ),
        }
    }
}

/// A value as the user sees it: numbers grouped in thousands (`3,561,000`), dates as dates,
/// text as typed (spaces around it included: a list value with a space added no longer matches
/// its list, and that change must show).
fn shown(f: &Field) -> String {
    match &f.value {
        crate::workbook::Value::Number(n) => crate::report::words::number(*n),
        other => other.display(),
    }
}

/// An amount of money as the user sees it: `£3,561,000`; anything else (text typed in an amount
/// cell, a blank) as it is.
fn shown_money(f: &Field) -> String {
    match &f.value {
        crate::workbook::Value::Number(n) => crate::report::words::pounds(*n),
        _ => shown(f),
    }
}

/// A row's amounts (one per year), as the user sees them: `£100,000, £0`.
fn shown_all(fields: &[Field]) -> String {
    fields.iter().map(shown_money).collect::<Vec<_>>().join(", ")
}

struct Differ<'a> {
    new: &'a Plan,
    out: Vec<Change>,
}

impl Differ<'_> {
    fn push(&mut self, kind: SheetKind, at: Option<&Field>, change: &str, what: String, old: String, new: String) {
        self.out.push(Change {
            sheet: kind.name(self.new.profile).to_string(),
            cell: at.map(|f| f.at.to_string()),
            change: change.into(),
            what,
            old,
            new,
        });
    }

    /// A field whose shown value differs.
    fn field(&mut self, kind: SheetKind, what: String, old: &Field, new: &Field) {
        self.differs(kind, what, old, new, shown);
    }

    /// An amount of money whose shown value differs.
    fn money(&mut self, kind: SheetKind, what: String, old: &Field, new: &Field) {
        self.differs(kind, what, old, new, shown_money);
    }

    fn differs(&mut self, kind: SheetKind, what: String, old: &Field, new: &Field, show: fn(&Field) -> String) {
        let (a, b) = (show(old), show(new));
        if a != b {
            // Only spaces around the text differ: say so, as the quotes alone hardly show it.
            let what = if a.trim() == b.trim() { format!("{what} (spaces before or after the text)") } else { what };
            self.push(kind, Some(new), "changed", what, a, b);
        }
    }
}

/// A scheme's details other than its ID, to match a scheme whose ID changed.
fn scheme_content(s: &crate::plan::Scheme) -> Vec<String> {
    let mut content: Vec<String> = s.details().into_iter().map(shown).collect();
    content.push(shown(&s.new_existing));
    content.extend(s.amounts.iter().map(shown));
    content
}

/// Old and new schemes paired: the same details under the same ID, the same details under
/// another ID (an ID typed differently, or the IDs renumbered after an inserted scheme), the same
/// ID, then the most alike of the rest (at least half their details the same). Unpaired schemes
/// were added or removed.
fn pair_schemes(old: &[crate::plan::Scheme], new: &[crate::plan::Scheme]) -> Vec<(Option<usize>, Option<usize>)> {
    use std::collections::HashMap;
    let id = |s: &crate::plan::Scheme| shown(&s.scheme_id).trim().to_string();
    let mut old_of: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    let old_content: Vec<Vec<String>> = old.iter().map(scheme_content).collect();
    let new_content: Vec<Vec<String>> = new.iter().map(scheme_content).collect();
    let mut by_content: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (i, c) in old_content.iter().enumerate() {
        by_content.entry(c.as_slice()).or_default().push(i);
    }
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in old.iter().enumerate() {
        if !id(s).is_empty() {
            by_id.entry(id(s)).or_default().push(i);
        }
    }
    let pass =
        |old_of: &mut Vec<Option<usize>>, taken: &mut Vec<bool>, pick: &dyn Fn(usize, &[bool]) -> Option<usize>| {
            for (n, paired) in old_of.iter_mut().enumerate() {
                if paired.is_none() {
                    if let Some(o) = pick(n, taken) {
                        taken[o] = true;
                        *paired = Some(o);
                    }
                }
            }
        };
    let free = |list: Option<&Vec<usize>>, taken: &[bool], also: &dyn Fn(usize) -> bool| {
        list.and_then(|l| l.iter().copied().find(|&o| !taken[o] && also(o)))
    };
    pass(&mut old_of, &mut taken, &|n, taken| {
        free(by_content.get(new_content[n].as_slice()), taken, &|o| id(&old[o]) == id(&new[n]))
    });
    pass(&mut old_of, &mut taken, &|n, taken| free(by_content.get(new_content[n].as_slice()), taken, &|_| true));
    pass(&mut old_of, &mut taken, &|n, taken| free(by_id.get(&id(&new[n])), taken, &|_| true));
    // The most alike of the rest: bounded, as it compares every pair.
    let left_new: Vec<usize> = (0..new.len()).filter(|&n| old_of[n].is_none()).collect();
    let left_old: Vec<usize> = (0..old.len()).filter(|&o| !taken[o]).collect();
    if left_new.len() * left_old.len() <= 250_000 {
        for &n in &left_new {
            let same = |o: usize| old_content[o].iter().zip(&new_content[n]).filter(|(a, b)| a == b).count();
            let best = left_old.iter().copied().filter(|&o| !taken[o]).max_by_key(|&o| (same(o), std::cmp::Reverse(o)));
            if let Some(o) = best.filter(|&o| 2 * same(o) >= new_content[n].len()) {
                taken[o] = true;
                old_of[n] = Some(o);
            }
        }
    }
    let mut pairs: Vec<(Option<usize>, Option<usize>)> =
        old_of.iter().enumerate().map(|(n, o)| (*o, Some(n))).collect();
    pairs.extend((0..old.len()).filter(|&o| !taken[o]).map(|o| (Some(o), None)));
    pairs
}

/// How many IDs changed on schemes otherwise the same before they are said once, as a
/// renumbering, rather than scheme by scheme.
const RENUMBERED: usize = 3;

/// The differences between two versions of a plan, grouped by sheet in workbook order.
pub fn compare(old: &Plan, new: &Plan, old_report: &Report, new_report: &Report) -> Result<Vec<Change>, Mismatch> {
    if old.profile.id != new.profile.id {
        return Err(Mismatch::Round { old: old.profile.id.clone(), new: new.profile.id.clone() });
    }
    let name = |p: &Plan| p.hwb().map_or_else(|| shown(&p.cover.hwb), |b| b.name.clone());
    if name(old) != name(new) {
        return Err(Mismatch::Board { old: name(old), new: name(new) });
    }
    let mut d = Differ { new, out: Vec::new() };
    let years = &new.profile.years;
    let year_name = |y: usize| {
        if years.len() > 1 {
            format!(" {}", years.get(y).cloned().unwrap_or_default())
        } else {
            String::new()
        }
    };

    // The Cover and its contacts.
    let (a, b) = (&old.cover, &new.cover);
    let cover = &new.profile.cover;
    for (label, x, y) in [
        (&cover.completed_by.label, &a.completed_by, &b.completed_by),
        (&cover.email.label, &a.email, &b.email),
        (&cover.phone.label, &a.phone, &b.phone),
        (&cover.signed_off.label, &a.signed_off, &b.signed_off),
        (&cover.signoff_date.label, &a.signoff_date, &b.signoff_date),
    ] {
        d.field(SheetKind::Cover, label.trim_end_matches(':').to_string(), x, y);
    }
    for (x, y) in a.contacts.iter().zip(&b.contacts) {
        let role = shown(&y.role);
        d.field(SheetKind::Cover, format!("{role}: name"), &x.name, &y.name);
        d.field(SheetKind::Cover, format!("{role}: e-mail"), &x.email, &y.email);
    }

    // Income, per source and organisation and year.
    let key = |r: &crate::plan::IncomeRow| (shown(&r.source), shown(&r.organisation));
    for row in &new.income.rows {
        let what = |y: usize| {
            let org = shown(&row.organisation);
            let org = if org.is_empty() { String::new() } else { format!(" ({org})") };
            format!("{}{org}{}", shown(&row.source), year_name(y))
        };
        match old.income.rows.iter().find(|r| key(r) == key(row)) {
            Some(before) => {
                for (y, (x, z)) in before.amounts.iter().zip(&row.amounts).enumerate() {
                    d.money(SheetKind::Income, what(y), x, z);
                }
                d.field(SheetKind::Income, format!("{}: description", what(0)), &before.description, &row.description);
            }
            None => {
                d.push(SheetKind::Income, row.amounts.first(), "added", what(0), String::new(), shown_all(&row.amounts))
            }
        }
    }
    for row in old.income.rows.iter().filter(|r| !new.income.rows.iter().any(|n| key(n) == key(r))) {
        d.push(SheetKind::Income, None, "removed", shown(&row.source), shown_all(&row.amounts), String::new());
    }
    for ((layout, x), y) in new.profile.income.minimums.iter().zip(&old.income.minimums).zip(&new.income.minimums) {
        for (year, (p, q)) in x.iter().zip(y).enumerate() {
            d.money(SheetKind::Income, format!("{}{}", layout.label, year_name(year)), p, q);
        }
    }

    // Schemes, paired by their details as well as their ID (`pair_schemes`).
    let id = |s: &crate::plan::Scheme| shown(&s.scheme_id);
    let columns = &new.profile.expenditure;
    let title = |s: &crate::plan::Scheme| format!("Scheme {} ({})", id(s).trim(), shown(&s.scheme_name).trim());
    let mut renumbered: Vec<(&crate::plan::Scheme, &crate::plan::Scheme)> = Vec::new();
    let mut id_changes: Vec<Change> = Vec::new();
    for pair in pair_schemes(&old.schemes, &new.schemes) {
        match pair {
            (None, Some(n)) => {
                let scheme = &new.schemes[n];
                d.push(
                    SheetKind::Expenditure,
                    Some(&scheme.scheme_id),
                    "added",
                    title(scheme),
                    String::new(),
                    shown_all(&scheme.amounts),
                )
            }
            (Some(o), None) => {
                let scheme = &old.schemes[o];
                d.push(
                    SheetKind::Expenditure,
                    None,
                    "removed",
                    title(scheme),
                    shown_all(&scheme.amounts),
                    String::new(),
                )
            }
            (Some(o), Some(n)) => {
                let (before, scheme) = (&old.schemes[o], &new.schemes[n]);
                let title = title(scheme);
                if id(before) != id(scheme) {
                    if scheme_content(before) == scheme_content(scheme) {
                        renumbered.push((before, scheme));
                    }
                    let mut one = Differ { new, out: Vec::new() };
                    one.field(
                        SheetKind::Expenditure,
                        format!("{title}: {}", columns.scheme_id.header),
                        &before.scheme_id,
                        &scheme.scheme_id,
                    );
                    id_changes.extend(one.out);
                }
                let pairs: Vec<(&str, &Field, &Field)> = vec![
                    (&columns.scheme_name.header, &before.scheme_name, &scheme.scheme_name),
                    (&columns.description.header, &before.description, &scheme.description),
                    (&columns.scheme_type.header, &before.scheme_type, &scheme.scheme_type),
                    (&columns.sub_type.header, &before.sub_type, &scheme.sub_type),
                    (&columns.area.header, &before.area, &scheme.area),
                    (&columns.commissioner.header, &before.commissioner, &scheme.commissioner),
                    (&columns.nhs_share.header, &before.nhs_share, &scheme.nhs_share),
                    (&columns.la_share.header, &before.la_share, &scheme.la_share),
                    (&columns.provider.header, &before.provider, &scheme.provider),
                    (&columns.source.header, &before.source, &scheme.source),
                    (&columns.new_existing.header, &before.new_existing, &scheme.new_existing),
                ];
                for (header, x, y) in pairs {
                    d.field(SheetKind::Expenditure, format!("{title}: {header}"), x, y);
                }
                for ((column, x), y) in columns.amounts.iter().zip(&before.amounts).zip(&scheme.amounts) {
                    d.money(SheetKind::Expenditure, format!("{title}: {}", column.header), x, y);
                }
            }
            (None, None) => {}
        }
    }
    // Many schemes with a new ID and nothing else changed: the IDs were renumbered (a scheme
    // inserted above them, say). Said once, not scheme by scheme.
    if renumbered.len() >= RENUMBERED {
        let list = |ids: Vec<String>| match ids.as_slice() {
            [first, .., last] => format!("{first} to {last}"),
            _ => ids.join(", "),
        };
        let first = renumbered.first().map(|(_, s)| &s.scheme_id);
        d.push(
            SheetKind::Expenditure,
            first,
            "renumbered",
            format!("{} schemes have a new Scheme ID and are otherwise unchanged", renumbered.len()),
            list(renumbered.iter().map(|(b, _)| id(b).trim().to_string()).collect()),
            list(renumbered.iter().map(|(_, s)| id(s).trim().to_string()).collect()),
        );
        let renumbered: std::collections::HashSet<String> =
            renumbered.iter().map(|(_, s)| s.scheme_id.at.to_string()).collect();
        id_changes.retain(|c| !c.cell.as_ref().is_some_and(|cell| renumbered.contains(cell)));
    }
    d.out.extend(id_changes);

    // Metrics, by code and period.
    for row in &new.metrics {
        let Some(before) =
            old.metrics.iter().find(|m| shown(&m.code) == shown(&row.code) && shown(&m.period) == shown(&row.period))
        else {
            continue;
        };
        let metric = new
            .profile
            .metric_list
            .iter()
            .find(|m| row.code.reads_as(&m.code))
            .map_or_else(|| shown(&row.code), |m| m.name.clone());
        let what = |part: &str| format!("{metric}, {}: {part}", shown(&row.period));
        d.field(SheetKind::Metrics, what("baseline"), &before.baseline, &row.baseline);
        d.field(SheetKind::Metrics, what("numerator"), &before.numerator, &row.numerator);
        d.field(SheetKind::Metrics, what("denominator"), &before.denominator, &row.denominator);
        d.field(SheetKind::Metrics, what("planned"), &before.planned, &row.planned);
        d.field(SheetKind::Metrics, what("rationale"), &before.rationale, &row.rationale);
    }

    // National conditions, by code.
    for row in &new.conditions {
        let Some(before) = old.conditions.iter().find(|c| shown(&c.code) == shown(&row.code)) else { continue };
        let name = format!("“{}” ({})", shown(&row.condition), shown(&row.code));
        d.field(SheetKind::Conditions, format!("{name}: answer"), &before.answer, &row.answer);
        d.field(SheetKind::Conditions, format!("{name}: actions"), &before.actions, &row.actions);
        d.field(SheetKind::Conditions, format!("{name}: timeframe"), &before.timeframe, &row.timeframe);
    }

    // Pay for performance, where the round has it.
    if let (Some(x), Some(y)) = (&old.p4p, &new.p4p) {
        for (i, (p, q)) in x.planned.iter().zip(&y.planned).enumerate() {
            d.field(SheetKind::PayForPerformance, format!("Planned admissions, quarter {}", i + 1), p, q);
        }
        d.field(SheetKind::PayForPerformance, "Cost of an admission".into(), &x.cost, &y.cost);
    }

    // The edits first, grouped by sheet in workbook order (within a sheet, as found); then the
    // problems fixed and new, by sheet too.
    let order = new.profile.sheets.in_order();
    let rank = |sheet: &str| order.iter().position(|s| *s == sheet).unwrap_or(order.len());
    d.out.sort_by_key(|c| rank(&c.sheet));
    let mut found = Vec::new();
    problems(old_report, new_report, &mut found);
    found.sort_by_key(|c| rank(&c.sheet));
    d.out.extend(found);
    Ok(d.out)
}

/// Problems fixed and new, by rule and place.
fn problems(old_report: &Report, new_report: &Report, out: &mut Vec<Change>) {
    // Each side's places in a set: a report may hold tens of thousands of findings.
    let place = |f: &Finding| (f.rule.clone(), f.sheet.clone(), f.cell.clone());
    let places = |r: &Report| r.findings.iter().map(place).collect::<std::collections::HashSet<_>>();
    let (old_places, new_places) = (places(old_report), places(new_report));
    for f in &old_report.findings {
        if !new_places.contains(&place(f)) {
            out.push(Change {
                sheet: f.sheet.clone().unwrap_or_default(),
                cell: f.cell.clone(),
                change: "fixed".into(),
                what: f.rule.clone(),
                old: f.message.clone(),
                new: String::new(),
            });
        }
    }
    for f in &new_report.findings {
        if !old_places.contains(&place(f)) {
            out.push(Change {
                sheet: f.sheet.clone().unwrap_or_default(),
                cell: f.cell.clone(),
                change: "new problem".into(),
                what: f.rule.clone(),
                old: String::new(),
                new: f.message.clone(),
            });
        }
    }
}

/// Whether a change is to a problem (fixed or new) rather than an edit of the plan.
pub fn is_problem(c: &Change) -> bool {
    c.change == "fixed" || c.change == "new problem"
}

/// What a comparison found, in one line, the edits first: `"3 edits, 1 new problem and 2
/// problems fixed"`.
pub fn summary(changes: &[Change]) -> String {
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let edits = changes.iter().filter(|c| !is_problem(c)).count();
    let new = changes.iter().filter(|c| c.change == "new problem").count();
    let fixed = changes.iter().filter(|c| c.change == "fixed").count();
    format!(
        "{}, {} and {}",
        count(edits, "edit", "edits"),
        count(new, "new problem", "new problems"),
        count(fixed, "problem fixed", "problems fixed")
    )
}

/// The changes as text: a line of counts, the edits by sheet, then the problems fixed and new.
pub fn to_text(old: &str, new: &str, changes: &[Change]) -> String {
    use crate::report::words::for_terminal as safe;
    let mut out = format!("Changes from {} to {}\n", safe(old), safe(new));
    if changes.is_empty() {
        out.push_str("\nNo differences.\n");
        return out;
    }
    out.push_str(&format!("{}\n", summary(changes)));
    let mut heading = None;
    for c in changes {
        let this = if is_problem(c) { "Problems fixed and new".to_string() } else { c.sheet.clone() };
        if heading.as_ref() != Some(&this) {
            out.push_str(&format!("\n{}\n", if this.is_empty() { "The whole workbook".into() } else { safe(&this) }));
            heading = Some(this);
        }
        let place = match (&c.cell, is_problem(c) && !c.sheet.is_empty()) {
            (Some(cell), true) => format!(" [{}!{}]", safe(&c.sheet), safe(cell)),
            (None, true) => format!(" [{}]", safe(&c.sheet)),
            (Some(cell), false) => format!(" [{}]", safe(cell)),
            (None, false) => String::new(),
        };
        let (what, was, now) = (safe(&c.what), safe(&c.old), safe(&c.new));
        let line = match c.change.as_str() {
            "changed" | "renumbered" => format!("  {}{place}: {what}: “{was}” → “{now}”", c.change),
            "added" => format!("  added{place}: {what} ({now})"),
            "removed" => format!("  removed: {what} ({was})"),
            "fixed" => format!("  fixed{place}: {was} ({what})"),
            _ => format!("  new problem{place}: {now} ({what})"),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

pub const CSV_HEADER: &str = "sheet,cell,change,what,old,new\r\n";

/// The changes as CSV (with the byte-order mark Excel needs), one row a change.
pub fn to_csv(changes: &[Change]) -> String {
    let mut out = String::new();
    out.push(crate::report::BYTE_ORDER_MARK);
    out.push_str(CSV_HEADER);
    for c in changes {
        let fields = [c.sheet.as_str(), c.cell.as_deref().unwrap_or(""), &c.change, &c.what, &c.old, &c.new];
        let row: Vec<String> = fields.iter().map(|f| crate::report::csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The changes as JSON: `{"old": file, "new": file, "changes": [...]}`.
pub fn to_json(old: &str, new: &str, changes: &[Change]) -> String {
    #[derive(Serialize)]
    struct Comparison<'a> {
        old: &'a str,
        new: &'a str,
        changes: &'a [Change],
    }
    serde_json::to_string_pretty(&Comparison { old, new, changes }).unwrap_or_default() + "\n"
}

/// Reads, checks and compares two versions of a plan from their bytes: the changes, or why they
/// cannot be compared (a file that could not be read, or plans of different boards or rounds).
pub fn compare_bytes(old_name: &str, old: &[u8], new_name: &str, new: &[u8]) -> Result<Vec<Change>, String> {
    let (old_checked, old_plan) = crate::check::check_bytes_with_plan(old_name, old);
    let (new_checked, new_plan) = crate::check::check_bytes_with_plan(new_name, new);
    compare_checked((&old_checked.report, old_plan.as_ref()), (&new_checked.report, new_plan.as_ref()))
}

/// Two checked versions compared: their plans and problems where a round recognised both; where
/// no round recognised either (only the workbook's own checklist and drop-down lists were
/// checked), their problems alone, as the checker does not know which cells hold the plan's
/// figures. Otherwise why they cannot be compared.
pub fn compare_checked(old: (&Report, Option<&Plan>), new: (&Report, Option<&Plan>)) -> Result<Vec<Change>, String> {
    use crate::report::Coverage;
    let why = |r: &Report| {
        let reason = r.findings.first().map_or(String::new(), |f| f.message.clone());
        format!("{} could not be compared: {reason}", r.file)
    };
    match (old, new) {
        ((old_report, Some(old_plan)), (new_report, Some(new_plan))) => {
            compare(old_plan, new_plan, old_report, new_report).map_err(|m| m.message())
        }
        ((old_report, None), (new_report, None))
            if old_report.coverage == Coverage::Workbook && new_report.coverage == Coverage::Workbook =>
        {
            let mut out = Vec::new();
            problems(old_report, new_report, &mut out);
            Ok(out)
        }
        ((old_report, old_plan), (new_report, _)) => {
            let unknown = |r: &Report| r.coverage != Coverage::Full;
            match (old_plan, unknown(old_report), unknown(new_report)) {
                (_, true, _) if old_report.coverage == Coverage::None => Err(why(old_report)),
                (_, _, true) if new_report.coverage == Coverage::None => Err(why(new_report)),
                _ => Err(format!(
                    "{} and {} are not versions of one template: a planning round recognised one of them but not the other. Compare two versions of the same plan.",
                    old_report.file, new_report.file
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Finding, Severity};

    fn report(cells: std::ops::Range<u32>) -> Report {
        let findings = cells
            .map(|row| {
                Finding::new("validation.not-in-list", Severity::Error, format!("row {row}"), "hint")
                    .at("Sheet", crate::workbook::CellRange::single(crate::workbook::CellRef::new(row, 1)))
            })
            .collect();
        Report::checked("plan.xlsx", None, None, findings, &["Sheet"])
    }

    #[test]
    fn problems_of_fifty_thousand_findings_are_matched_by_place() {
        // One version's 50,000 problems against the other's, half of them the same: matched by a
        // set of places (reading through the other report for each took minutes).
        let (old, new) = (report(1..50_001), report(25_001..75_001));
        let mut out = Vec::new();
        problems(&old, &new, &mut out);
        assert_eq!(out.iter().filter(|c| c.change == "fixed").count(), 25_000);
        assert_eq!(out.iter().filter(|c| c.change == "new problem").count(), 25_000);
    }
}
