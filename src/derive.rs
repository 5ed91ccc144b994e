//! `bcf-check profile derive`: a template definition for a workbook's layout, made from the
//! built-in round whose labels and headers it carries most. Every position of the base's
//! definition is found again in the workbook by the text beside it: a labelled cell by its label
//! (the value keeping its offset from the label), a table by its header texts, the Summary's rows
//! by their labels, a sheet by its name or by the labels on it. The drop-down lists come from the
//! template's own data validations.
//!
//! Architecture invariant: derive never places anything it did not find. What it could not find
//! keeps the base's position and is listed in [`Derived::not_found`], so the caller can say the
//! definition needs editing; the rules never run on a guess. Like the rules it names no round:
//! every text it looks for comes from a base definition, and positions are found by walking the
//! definition's JSON (an object with `label_cell` is a labelled cell, one with `header_row` a
//! table whose columns are its children with a `header`), so a field added to the format later
//! is followed without new code here.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use crate::profile::{self, Profile};
use crate::workbook::{column_letters, column_number, CellRef, Value, Workbook, MAX_COLUMN, MAX_ROW};

/// Longer texts are prose, never a label or header: not indexed.
const MAX_LABEL_CHARS: usize = 1_000;
/// The places kept for one text on a sheet: a label is found near where the base had it, and a
/// text repeated more often than this is not a label (a bound on a hostile sheet).
const MAX_PLACES: usize = 64;
/// The rows below a table's header searched for its drop-down lists, when the definition gives
/// no last row.
const LIST_ROWS: u32 = 200;

/// The lists a definition reads from the template's drop-down lists: the list's key, the table
/// it sits under, and the column whose validation holds it.
const LIST_COLUMNS: &[(&str, &str, &str)] = &[
    ("scheme_types", "expenditure", "scheme_type"),
    ("area_of_spend", "expenditure", "area"),
    ("commissioner", "expenditure", "commissioner"),
    ("provider", "expenditure", "provider"),
    ("source_of_funding", "expenditure", "source"),
    ("new_existing", "expenditure", "new_existing"),
    ("yes_no", "conditions", "answer"),
];

/// A definition derived from a blank template, and what was and was not found.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    /// The definition, as JSON (what `--profile` and the page load).
    pub json: String,
    /// The new definition's id.
    pub id: String,
    /// The built-in round it started from.
    pub base: String,
    pub title: String,
    /// The template's version string, when it has a version cell.
    pub version: Option<String>,
    /// Sheets, labels, headers and lists looked for, and found.
    pub looked_for: usize,
    pub found: usize,
    /// Each thing not found, in words, with where the base had it.
    pub not_found: Vec<String>,
    /// Each list the template gives differently from the base (not a reason to edit: the
    /// template's own list is the right one).
    pub lists_differ: Vec<String>,
    /// The loader's problems with the result, if any (each with its JSON path).
    pub problems: Vec<String>,
}

impl Derived {
    /// Everything was found and the definition loads: it can be used as it is.
    pub fn complete(&self) -> bool {
        self.not_found.is_empty() && self.problems.is_empty()
    }

    /// What derive did, in sentences, for standard error and the page.
    pub fn in_words(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "Made the template definition “{}” from the built-in definition for {} (found {} of the {} sheets, labels, headers and lists looked for).",
            self.id, self.base, self.found, self.looked_for
        )];
        lines.push(match &self.version {
            Some(v) => format!("The template's version cell shows “{v}”: plans are recognised by it."),
            None => format!("The template has no version cell: plans are recognised by the title “{}”.", self.title),
        });
        lines.extend(self.not_found.iter().map(|n| format!("Not found: {n}")));
        lines.extend(self.lists_differ.iter().map(|d| format!("Different list: {d}")));
        lines.extend(self.problems.iter().map(|p| format!("Needs editing: {p}")));
        if self.complete() {
            lines.push("Everything was found: the definition can be used as it is.".into());
        } else {
            lines.push(
                "Edit the definition where it says so above (it keeps the base's position for anything not found), then load it."
                    .into(),
            );
        }
        lines
    }
}

/// Derives a definition for `workbook` from the built-in round it resembles most, or from the
/// round `from`. `Err` names the problem when `from` is not a built-in round.
pub fn derive(workbook: &Workbook, from: Option<&str>) -> Result<Derived, String> {
    let bases: Vec<&Profile> = profile::built_in_profiles().iter().collect();
    let texts = SheetTexts::index(workbook);
    let base = match from {
        Some(id) => bases.iter().copied().find(|p| p.id == id).ok_or_else(|| {
            let known: Vec<&str> = bases.iter().map(|p| p.id.as_str()).collect();
            format!("there is no built-in template definition “{id}”; use one of {}", known.join(", "))
        })?,
        None => most_alike(&bases, &texts).ok_or("there are no built-in template definitions")?,
    };
    let json = serde_json::to_value(base).map_err(|e| format!("the base definition could not be read: {e}"))?;
    Ok(Deriving { workbook, texts, json, base, found: 0, looked_for: 0, not_found: Vec::new(), differ: Vec::new() }
        .run())
}

/// A text as labels are compared: letter case and surrounding spaces ignored (and runs of spaces
/// or line breaks inside taken as one space, as a wrapped label shows).
fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A sheet's name as sheets are matched: letter case, spaces and a leading number (`5. `) ignored.
fn sheet_key(name: &str) -> String {
    let name = name.trim_start();
    let digits = name.trim_start_matches(|c: char| c.is_ascii_digit());
    let numbered = digits.len() < name.len() && (digits.starts_with('.') || digits.starts_with(char::is_whitespace));
    let rest = if numbered { digits.strip_prefix('.').unwrap_or(digits) } else { name };
    rest.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// Each sheet's short texts, where they are.
struct SheetTexts {
    name: String,
    places: HashMap<String, Vec<CellRef>>,
}

impl SheetTexts {
    fn index(workbook: &Workbook) -> Vec<SheetTexts> {
        workbook
            .sheets
            .iter()
            .map(|sheet| {
                let mut places: HashMap<String, Vec<CellRef>> = HashMap::new();
                for (at, cell) in &sheet.cells {
                    let Value::Text(text) = &cell.value else { continue };
                    if text.len() > MAX_LABEL_CHARS || text.trim().is_empty() {
                        continue;
                    }
                    let at_text = places.entry(normal(text)).or_default();
                    if at_text.len() < MAX_PLACES {
                        at_text.push(*at);
                    }
                }
                SheetTexts { name: sheet.name.clone(), places }
            })
            .collect()
    }

    /// Where `text` is on this sheet, the place nearest `near` first.
    fn nearest(&self, text: &str, near: CellRef) -> Option<CellRef> {
        let distance = |c: &CellRef| c.row.abs_diff(near.row) as u64 + c.col.abs_diff(near.col) as u64;
        self.places.get(&normal(text))?.iter().copied().min_by_key(distance)
    }

    fn has(&self, text: &str) -> bool {
        self.places.contains_key(&normal(text))
    }
}

/// The built-in definition whose labels and headers the workbook carries most (as a share of
/// its own, so a round with more labels does not win by size).
fn most_alike<'p>(bases: &[&'p Profile], texts: &[SheetTexts]) -> Option<&'p Profile> {
    let score = |p: &Profile| {
        let Ok(json) = serde_json::to_value(p) else { return (0, 0) };
        let wanted: Vec<String> = targets(&json).iter().flat_map(|t| t.texts(&json)).collect();
        let found = wanted.iter().filter(|w| texts.iter().any(|s| s.has(w))).count();
        (found * 1000 / wanted.len().max(1), found)
    };
    // Equal scores keep the first (`max_by_key` would keep the last).
    let mut best: Option<(&Profile, (usize, usize))> = None;
    for p in bases {
        let s = score(p);
        if best.map_or(true, |(_, b)| s > b) {
            best = Some((p, s));
        }
    }
    best.map(|(p, _)| p)
}

/// A place in a definition found by the text beside it.
enum Target {
    /// An object with `label`, `label_cell` and `cell` or `cells`.
    Labelled { role: String, pointer: String },
    /// An object with `header_row` whose children with a `header` are its columns (with `col`,
    /// or without when only the header row is found from them).
    Table { role: String, pointer: String, columns: Vec<String> },
    /// The Summary: `rows` of `label` and `row`, `label_col`, `value_cols`.
    Rows { role: String, pointer: String },
}

impl Target {
    fn role(&self) -> &str {
        match self {
            Target::Labelled { role, .. } | Target::Table { role, .. } | Target::Rows { role, .. } => role,
        }
    }

    /// The texts it is found by.
    fn texts(&self, json: &Json) -> Vec<String> {
        let text =
            |p: &str, key: &str| json.pointer(p).and_then(|v| v.get(key)).and_then(Json::as_str).map(String::from);
        match self {
            Target::Labelled { pointer, .. } => text(pointer, "label").into_iter().collect(),
            Target::Table { columns, .. } => columns.iter().filter_map(|c| text(c, "header")).collect(),
            Target::Rows { pointer, .. } => json
                .pointer(&format!("{pointer}/rows"))
                .and_then(Json::as_array)
                .map(|rows| {
                    rows.iter().filter_map(|r| r.get("label").and_then(Json::as_str).map(String::from)).collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// Every place in a definition found by text: each layout object under a key that `sheets` also
/// names (the layout of that sheet), walked for labelled cells, tables and rows.
fn targets(json: &Json) -> Vec<Target> {
    fn walk(v: &Json, role: &str, pointer: String, out: &mut Vec<Target>) {
        match v {
            Json::Object(o) => {
                if o.contains_key("label_cell") {
                    out.push(Target::Labelled { role: role.into(), pointer });
                    return;
                }
                if o.contains_key("rows") && o.contains_key("label_col") {
                    out.push(Target::Rows { role: role.into(), pointer });
                    return;
                }
                if o.contains_key("header_row") {
                    let mut columns = Vec::new();
                    for (key, child) in o {
                        match child {
                            Json::Object(c) if c.contains_key("header") => columns.push(format!("{pointer}/{key}")),
                            Json::Array(items) => columns.extend(
                                items
                                    .iter()
                                    .enumerate()
                                    .filter(|(_, item)| item.get("header").is_some())
                                    .map(|(i, _)| format!("{pointer}/{key}/{i}")),
                            ),
                            _ => {}
                        }
                    }
                    out.push(Target::Table { role: role.into(), pointer: pointer.clone(), columns });
                }
                for (key, child) in o {
                    walk(child, role, format!("{pointer}/{key}"), out);
                }
            }
            Json::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, role, format!("{pointer}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let (Some(layouts), Some(sheets)) = (json.as_object(), json.get("sheets").and_then(Json::as_object)) else {
        return out;
    };
    for (key, layout) in layouts {
        if key != "sheets" && sheets.get(key).is_some_and(Json::is_string) && layout.is_object() {
            walk(layout, key, format!("/{key}"), &mut out);
        }
    }
    out
}

struct Deriving<'w> {
    workbook: &'w Workbook,
    texts: Vec<SheetTexts>,
    json: Json,
    base: &'static Profile,
    found: usize,
    looked_for: usize,
    not_found: Vec<String>,
    differ: Vec<String>,
}

fn cell_at(json: &Json, pointer: &str) -> Option<CellRef> {
    json.pointer(pointer).and_then(Json::as_str).and_then(CellRef::parse)
}

fn shifted(at: CellRef, rows: i64, cols: i64) -> Option<CellRef> {
    let row = i64::from(at.row) + rows;
    let col = i64::from(at.col) + cols;
    ((1..=i64::from(MAX_ROW)).contains(&row) && (1..=i64::from(MAX_COLUMN)).contains(&col))
        .then(|| CellRef::new(row as u32, col as u32))
}

impl Deriving<'_> {
    fn run(mut self) -> Derived {
        let targets = targets(&self.json);
        let sheets = self.match_sheets(&targets);
        for target in &targets {
            let Some(sheet) = sheets.get(target.role()).copied().flatten() else { continue };
            match target {
                Target::Labelled { pointer, .. } => self.labelled(sheet, pointer),
                Target::Table { pointer, columns, .. } => self.table(sheet, pointer, columns),
                Target::Rows { pointer, .. } => self.rows(sheet, pointer),
            }
        }
        let cover = sheets.get("cover").copied().flatten();
        let guidance = sheets.get("guidance").copied().flatten();
        let title = self.title(cover, guidance);
        self.lists(&sheets);
        let id = format!("derived-{}", slug(&title));
        self.json["id"] = Json::String(id.clone());
        let version = self.json.get("version").and_then(Json::as_str).map(String::from);
        let (json, problems) = match serde_json::from_value::<Profile>(self.json) {
            Ok(derived) => {
                let text = serde_json::to_string_pretty(&derived).unwrap_or_default() + "\n";
                let problems = profile::parse(&text).err().unwrap_or_default();
                (text, problems)
            }
            Err(e) => (String::new(), vec![format!("the definition could not be made: {e}")]),
        };
        Derived {
            json,
            id,
            base: self.base.id.clone(),
            title,
            version,
            looked_for: self.looked_for,
            found: self.found,
            not_found: self.not_found,
            lists_differ: self.differ,
            problems,
        }
    }

    fn saw(&mut self, found: bool, otherwise: impl FnOnce() -> String) -> bool {
        self.looked_for += 1;
        if found {
            self.found += 1;
        } else {
            self.not_found.push(otherwise());
        }
        found
    }

    /// Each sheet of the base matched to one of the workbook's: by name first, then (for sheets
    /// with labels) the sheet where at least half of them are found, most first. The workbook's
    /// sheet is written into `sheets`; a sheet not found keeps the base's name and is listed
    /// (the checklist's is left out: the checker finds a checklist wherever it is).
    fn match_sheets(&mut self, targets: &[Target]) -> HashMap<String, Option<usize>> {
        let roles: Vec<(String, String)> = self
            .json
            .get("sheets")
            .and_then(Json::as_object)
            .map(|o| o.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
            .unwrap_or_default();
        let mut taken = vec![false; self.texts.len()];
        let mut matched: HashMap<String, Option<usize>> = HashMap::new();
        for (role, name) in &roles {
            let key = sheet_key(name);
            let by_name = self.texts.iter().enumerate().position(|(i, s)| !taken[i] && sheet_key(&s.name) == key);
            if let Some(i) = by_name {
                taken[i] = true;
            }
            matched.insert(role.clone(), by_name);
        }
        for (role, _) in &roles {
            if matched[role].is_some() {
                continue;
            }
            let wanted: Vec<String> =
                targets.iter().filter(|t| t.role() == role).flat_map(|t| t.texts(&self.json)).collect();
            if wanted.is_empty() {
                continue;
            }
            let best = (0..self.texts.len())
                .filter(|i| !taken[*i])
                .map(|i| (wanted.iter().filter(|w| self.texts[i].has(w)).count(), i))
                .filter(|(count, _)| *count * 2 >= wanted.len() && *count > 0)
                .max_by_key(|(count, i)| (*count, std::cmp::Reverse(*i)));
            if let Some((_, i)) = best {
                taken[i] = true;
                matched.insert(role.clone(), Some(i));
            }
        }
        for (role, name) in &roles {
            let found = matched[role];
            if role == "checklist" {
                match found {
                    Some(i) => self.json["sheets"][role] = Json::String(self.texts[i].name.clone()),
                    None => {
                        if let Some(o) = self.json["sheets"].as_object_mut() {
                            o.remove(role);
                        }
                    }
                }
                continue;
            }
            if self.saw(found.is_some(), || format!("the sheet “{name}” (nothing under its name or with its labels)"))
            {
                if let Some(i) = found {
                    self.json["sheets"][role] = Json::String(self.texts[i].name.clone());
                }
            }
        }
        matched
    }

    /// A labelled cell: its label found nearest where the base had it, the value cells keeping
    /// their offset. The version cell is optional: without it (or with it empty) the definition
    /// has none, and plans are recognised by the title.
    fn labelled(&mut self, sheet: usize, pointer: &str) {
        let Some(label) = self.json.pointer(&format!("{pointer}/label")).and_then(Json::as_str).map(String::from)
        else {
            return;
        };
        let Some(base_at) = cell_at(&self.json, &format!("{pointer}/label_cell")) else { return };
        let found = self.texts[sheet].nearest(&label, base_at);
        let is_version = pointer == "/cover/version";
        if is_version {
            let value = found
                .and_then(|at| {
                    let cell = cell_at(&self.json, &format!("{pointer}/cell"))?;
                    let moved = shifted(
                        cell,
                        i64::from(at.row) - i64::from(base_at.row),
                        i64::from(at.col) - i64::from(base_at.col),
                    )?;
                    Some(self.workbook.sheets[sheet].value(moved).display().trim().to_string())
                })
                .filter(|v| !v.is_empty());
            match value {
                Some(v) => self.json["version"] = Json::String(v),
                None => {
                    if let Some(o) = self.json.as_object_mut() {
                        o.remove("version");
                    }
                    if let Some(o) = self.json["cover"].as_object_mut() {
                        o.remove("version");
                    }
                    return;
                }
            }
        }
        let sheet_name = self.texts[sheet].name.clone();
        let Some(at) = found else {
            self.saw(false, || {
                format!("the label “{label}” on the sheet “{sheet_name}” (the base had it at {base_at})")
            });
            return;
        };
        self.looked_for += 1;
        self.found += 1;
        let (rows, cols) = (i64::from(at.row) - i64::from(base_at.row), i64::from(at.col) - i64::from(base_at.col));
        let Some(object) = self.json.pointer_mut(pointer).and_then(Json::as_object_mut) else { return };
        object.insert("label_cell".into(), Json::String(at.to_string()));
        move_cells(object, rows, cols);
    }

    /// A table: the row where most of its headers are (nearest the base's on a tie), each column
    /// at its header there (the k-th of equal headers at the k-th place); rows that follow the
    /// header (`last_row`) move with it.
    fn table(&mut self, sheet: usize, pointer: &str, columns: &[String]) {
        let Some(base_row) = self.json.pointer(&format!("{pointer}/header_row")).and_then(Json::as_u64) else { return };
        let headers: Vec<(String, String, Option<u32>)> = columns
            .iter()
            .filter_map(|c| {
                let column = self.json.pointer(c)?;
                let header = column.get("header")?.as_str()?.to_string();
                let col = column.get("col").and_then(Json::as_str).and_then(column_number);
                Some((c.clone(), header, col))
            })
            .collect();
        let texts = &self.texts[sheet];
        let mut per_row: HashMap<u32, usize> = HashMap::new();
        for (_, header, _) in &headers {
            let mut rows: Vec<u32> = texts.places.get(&normal(header)).into_iter().flatten().map(|c| c.row).collect();
            rows.dedup();
            for row in rows {
                *per_row.entry(row).or_default() += 1;
            }
        }
        let best = per_row
            .iter()
            .max_by_key(|(row, count)| {
                (**count, std::cmp::Reverse(u64::from(**row).abs_diff(base_row)), std::cmp::Reverse(**row))
            })
            .map(|(row, _)| *row);
        let sheet_name = texts.name.clone();
        let Some(row) = best else {
            for (_, header, col) in &headers {
                let at = col.map(|c| format!("column {}, ", column_letters(c))).unwrap_or_default();
                self.saw(false, || {
                    format!("the header “{header}” on the sheet “{sheet_name}” (the base had it in {at}row {base_row})")
                });
            }
            return;
        };
        // The places of each header text in the row, left to right, handed out in the base's
        // order of its columns with that header.
        let mut in_row: HashMap<String, std::collections::VecDeque<u32>> = HashMap::new();
        let mut order: Vec<usize> = (0..headers.len()).collect();
        order.sort_by_key(|i| headers[*i].2.unwrap_or(0));
        let mut placed: Vec<Option<u32>> = vec![None; headers.len()];
        for i in order {
            let key = normal(&headers[i].1);
            let queue = in_row.entry(key.clone()).or_insert_with(|| {
                let mut cols: Vec<u32> =
                    texts.places.get(&key).into_iter().flatten().filter(|c| c.row == row).map(|c| c.col).collect();
                cols.sort_unstable();
                cols.into()
            });
            placed[i] = queue.pop_front();
        }
        for (i, (column_pointer, header, base_col)) in headers.iter().enumerate() {
            let at = base_col.map(|c| format!("column {}, ", column_letters(c))).unwrap_or_default();
            let found = placed[i];
            if self.saw(found.is_some(), || {
                format!("the header “{header}” on the sheet “{sheet_name}” (the base had it in {at}row {base_row})")
            }) {
                if let (Some(col), Some(_)) = (found, base_col) {
                    if let Some(column) = self.json.pointer_mut(column_pointer).and_then(Json::as_object_mut) {
                        column.insert("col".into(), Json::String(column_letters(col)));
                    }
                }
            }
        }
        let delta = i64::from(row) - base_row as i64;
        if let Some(table) = self.json.pointer_mut(pointer).and_then(Json::as_object_mut) {
            table.insert("header_row".into(), Json::from(row));
            if let Some(last) = table.get("last_row").and_then(Json::as_u64) {
                table.insert("last_row".into(), Json::from((last as i64 + delta).max(i64::from(row))));
            }
        }
    }

    /// The Summary's rows: each label found nearest where the base had it; the label column is
    /// where most are, and the value columns keep their offset from it.
    fn rows(&mut self, sheet: usize, pointer: &str) {
        let Some(label_col) =
            self.json.pointer(&format!("{pointer}/label_col")).and_then(Json::as_str).and_then(column_number)
        else {
            return;
        };
        let count = self.json.pointer(&format!("{pointer}/rows")).and_then(Json::as_array).map_or(0, Vec::len);
        let sheet_name = self.texts[sheet].name.clone();
        let mut columns: HashMap<u32, usize> = HashMap::new();
        for i in 0..count {
            let row_pointer = format!("{pointer}/rows/{i}");
            let label = self.json.pointer(&format!("{row_pointer}/label")).and_then(Json::as_str).map(String::from);
            let base_row = self.json.pointer(&format!("{row_pointer}/row")).and_then(Json::as_u64).unwrap_or(1);
            let Some(label) = label else { continue };
            let near = CellRef::new(base_row.min(u64::from(MAX_ROW)) as u32, label_col);
            let found = self.texts[sheet].nearest(&label, near);
            let base_at = near.to_string();
            if self.saw(found.is_some(), || {
                format!("the row “{label}” on the sheet “{sheet_name}” (the base had it at {base_at})")
            }) {
                if let Some(at) = found {
                    *columns.entry(at.col).or_default() += 1;
                    if let Some(row) = self.json.pointer_mut(&row_pointer).and_then(Json::as_object_mut) {
                        row.insert("row".into(), Json::from(at.row));
                    }
                }
            }
        }
        let Some(new_col) = columns.into_iter().max_by_key(|(col, n)| (*n, std::cmp::Reverse(*col))).map(|(c, _)| c)
        else {
            return;
        };
        let delta = i64::from(new_col) - i64::from(label_col);
        let Some(summary) = self.json.pointer_mut(pointer).and_then(Json::as_object_mut) else { return };
        summary.insert("label_col".into(), Json::String(column_letters(new_col)));
        if let Some(Json::Array(cols)) = summary.get_mut("value_cols") {
            for c in cols.iter_mut() {
                let moved = c.as_str().and_then(column_number).and_then(|n| u32::try_from(i64::from(n) + delta).ok());
                if let Some(n) = moved.filter(|n| (1..=MAX_COLUMN).contains(n)) {
                    *c = Json::String(column_letters(n));
                }
            }
        }
    }

    /// The title: the base's title found on the cover sheet (its cell moving with it), else the
    /// text in the base's title cell (a new round's title), else the guidance sheet's first text.
    fn title(&mut self, cover: Option<usize>, guidance: Option<usize>) -> String {
        let base_title = self.base.title.clone();
        let base_cell = self.base.cover.title_cell;
        if let Some(cover) = cover {
            if let Some(at) = self.texts[cover].nearest(&base_title, base_cell) {
                let shown = self.workbook.sheets[cover].value(at).display().trim().to_string();
                self.json["cover"]["title_cell"] = Json::String(at.to_string());
                return self.set_title(shown);
            }
            if let Value::Text(t) = self.workbook.sheets[cover].value(base_cell) {
                if !t.trim().is_empty() {
                    return self.set_title(t.trim().to_string());
                }
            }
        }
        let first_text = guidance.and_then(|g| {
            self.workbook.sheets[g].cells.values().find_map(|c| match &c.value {
                Value::Text(t) if !t.trim().is_empty() && t.len() <= MAX_LABEL_CHARS => Some(t.trim().to_string()),
                _ => None,
            })
        });
        match first_text {
            Some(title) => self.set_title(title),
            None => {
                self.saw(false, || {
                    format!("the template's title (the base had “{base_title}” at {base_cell} on its cover sheet)")
                });
                base_title
            }
        }
    }

    fn set_title(&mut self, title: String) -> String {
        self.looked_for += 1;
        self.found += 1;
        self.json["title"] = Json::String(title.clone());
        title
    }

    /// Each list from the drop-down list on its column's first rows, where the template has one.
    fn lists(&mut self, sheets: &HashMap<String, Option<usize>>) {
        for (key, table, column) in LIST_COLUMNS {
            let Some(Some(sheet)) = sheets.get(*table) else { continue };
            let pointer = format!("/{table}/{column}");
            let Some(col) = self.json.pointer(&format!("{pointer}/col")).and_then(Json::as_str).and_then(column_number)
            else {
                continue;
            };
            let header =
                self.json.pointer(&format!("{pointer}/header")).and_then(Json::as_str).unwrap_or("").to_string();
            let header_row =
                self.json.pointer(&format!("/{table}/header_row")).and_then(Json::as_u64).unwrap_or(1) as u32;
            let last = self.json.pointer(&format!("/{table}/last_row")).and_then(Json::as_u64).map(|r| r as u32);
            let rows = (header_row.saturating_add(1), last.unwrap_or(header_row.saturating_add(LIST_ROWS)));
            let sheet_name = self.texts[*sheet].name.clone();
            let listed = crate::own_checks::list_in_column(self.workbook, &sheet_name, col, rows).map(|values| {
                let mut seen = Vec::new();
                for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
                    if !seen.iter().any(|s: &String| s == v) {
                        seen.push(v.to_string());
                    }
                }
                seen
            });
            let where_ = format!("under “{header}” on the sheet “{sheet_name}”");
            let Some(listed) = listed.filter(|l| !l.is_empty()) else {
                // Only an .xlsx or .xlsm package's drop-down lists can be read.
                let why = if self.workbook.definitions_read {
                    ""
                } else {
                    " (drop-down lists cannot be read from this file's format: save the template as .xlsx)"
                };
                self.saw(false, || {
                    format!(
                        "a drop-down list {where_} (column {}){why}: the definition keeps the base's list",
                        column_letters(col)
                    )
                });
                continue;
            };
            self.looked_for += 1;
            self.found += 1;
            let base: Vec<String> = match self.json["lists"][*key].as_array() {
                Some(items) => items
                    .iter()
                    .filter_map(|i| i.as_str().or_else(|| i.get("name").and_then(Json::as_str)).map(String::from))
                    .collect(),
                None => continue,
            };
            let added: Vec<String> = listed.iter().filter(|v| !base.contains(v)).map(|v| format!("“{v}”")).collect();
            let missing: Vec<String> = base.iter().filter(|v| !listed.contains(v)).map(|v| format!("“{v}”")).collect();
            if !added.is_empty() || !missing.is_empty() {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!("it adds {}", crate::report::words::and_list(&added)));
                }
                if !missing.is_empty() {
                    parts.push(format!("it leaves out {}", crate::report::words::and_list(&missing)));
                }
                self.differ.push(format!("the list {where_} differs from the base's: {}", parts.join("; ")));
            }
            let is_scheme_types = self.json["lists"][*key].as_array().is_some_and(|a| a.iter().any(Json::is_object));
            let values: Vec<Json> = if is_scheme_types {
                let old = self.json["lists"][*key].as_array().cloned().unwrap_or_default();
                listed
                    .iter()
                    .map(|name| {
                        old.iter().find(|t| t.get("name").and_then(Json::as_str) == Some(name)).cloned().unwrap_or_else(
                            || {
                                let mut t = Map::new();
                                t.insert("name".into(), Json::String(name.clone()));
                                Json::Object(t)
                            },
                        )
                    })
                    .collect()
            } else {
                listed.into_iter().map(Json::String).collect()
            };
            self.json["lists"][*key] = Json::Array(values);
        }
    }
}

/// Moves a labelled object's value cells (`cell`, `cells`) by the label's move.
fn move_cells(object: &mut Map<String, Json>, rows: i64, cols: i64) {
    let moved = |v: &Json| v.as_str().and_then(CellRef::parse).and_then(|c| shifted(c, rows, cols));
    if let Some(cell) = object.get("cell").and_then(moved) {
        object.insert("cell".into(), Json::String(cell.to_string()));
    }
    if let Some(Json::Array(cells)) = object.get_mut("cells") {
        for c in cells.iter_mut() {
            if let Some(m) = moved(c) {
                *c = Json::String(m.to_string());
            }
        }
    }
}

/// `Better Care Fund 2026-27 Planning Template` → `better-care-fund-2026-27-planning-template`.
fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|w| w.trim_matches('-').to_lowercase())
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    if words.is_empty() {
        "template".into()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_match_without_their_number_case_or_spaces() {
        assert_eq!(sheet_key("5. Expenditure"), "expenditure");
        assert_eq!(sheet_key("expenditure "), "expenditure");
        assert_eq!(sheet_key("7. National Conditions"), "nationalconditions");
        assert_eq!(sheet_key("HWB Data"), "hwbdata");
        assert_eq!(sheet_key("2015-16 Lists"), "2015-16lists");
        assert_eq!(sheet_key("4 Income"), "income");
    }

    #[test]
    fn labels_match_without_case_or_surrounding_spaces() {
        assert_eq!(normal("  Completed by:\n"), "completed by:");
        assert_eq!(normal("Scheme\nType"), "scheme type");
    }

    #[test]
    fn a_title_makes_an_id() {
        assert_eq!(slug("Better Care Fund 2026-27 Planning Template"), "better-care-fund-2026-27-planning-template");
        assert_eq!(slug("  "), "template");
    }

    #[test]
    fn every_built_in_definition_writes_back_to_itself() {
        for p in profile::built_in_profiles() {
            let text = serde_json::to_string_pretty(p).expect("serialises");
            let again = profile::parse(&text).expect("loads");
            assert_eq!(serde_json::to_string_pretty(&again).expect("serialises"), text, "{}", p.id);
        }
    }
}
