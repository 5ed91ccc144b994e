//! Workbook + profile → [`Plan`]. Reads every cell by address, confirms the label beside it,
//! and follows a label that moved (rows or columns inserted) with a `template.label-moved` finding.

use super::locate::{find_in_row, find_label, Anchor, LabelIndex};
use super::*;
use crate::profile::{self, Column, LabelledCell};
use crate::report::Finding;
use crate::rules::{TEMPLATE_LABEL_MOVED, TEMPLATE_SHEET_MISSING, TEMPLATE_UNKNOWN_VERSION};
use crate::workbook::{Cell, CellRange, Sheet, Workbook};

/// The largest number of rows read from one table; keeps a hostile sheet from costing much.
/// Anything in the table's columns below it makes the file too large to check (never ignored).
const MAX_TABLE_ROWS: u32 = 5_000;

/// What detection made of a workbook.
pub enum Detection {
    /// Its version cell names a round; any findings are about moved labels on the Cover.
    Version(&'static Profile, Vec<Finding>),
    /// No version cell names a round, but these rounds' titles and sheets are there, in the order
    /// to try them; each is used only if its layout is found ([`Extracted::layout_matches`]).
    Title { candidates: Vec<&'static Profile>, version: Option<VersionSeen> },
    /// Not a template this tool knows; the findings say why.
    Unknown(Vec<Finding>),
}

/// A version cell, with its label, that holds a version no round has.
#[derive(Clone, Debug)]
pub struct VersionSeen {
    pub sheet: String,
    pub at: CellRef,
    pub text: String,
}

impl VersionSeen {
    /// `template.unknown-version` for a workbook checked as `profile`, recognised by its title.
    pub fn finding(&self, profile: &Profile) -> Finding {
        Finding::new(
            TEMPLATE_UNKNOWN_VERSION.id,
            TEMPLATE_UNKNOWN_VERSION.severity,
            format!(
                "The template version in cell {} is “{}”, which this checker does not know. The workbook has the title “{}” and that template's layout, so it was checked as that round ({}).",
                self.at, self.text, profile.title, profile.id
            ),
            "If this is the template for your round, check that the version cell was not changed. If it is a newer template, check the findings with care: the checker knows the layout of the version it names.",
        )
        .at(&self.sheet, CellRange::single(self.at))
    }
}

/// How many rows from the top of the guidance or cover sheet the title is looked for in.
const TITLE_ROWS: u32 = 10;

/// Works out the planning round: by the version cell, else by the template's title and sheets.
/// Definitions loaded at run time are tried before the built-in ones.
pub fn detect_profile(workbook: &Workbook) -> Detection {
    let profiles = profile::in_recognition_order();
    let mut seen: Option<VersionSeen> = None;
    for p in &profiles {
        let (Some(cell), Some(version), Some(cover)) = (&p.cover.version, &p.version, workbook.sheet(&p.sheets.cover))
        else {
            continue;
        };
        let mut reader = Reader::new(p);
        let anchor = reader.find(cover, &cell.label, cell.label_cell);
        let field = field(cover, shifted(cell.cell, anchor.shift(cell.label_cell)));
        let text = field.shown();
        if text.trim() == version.trim() {
            reader.labelled(cover, SheetKind::Cover, cell);
            return Detection::Version(p, reader.findings);
        }
        // Only a cell beside its label is a version cell: real templates have neither, and what
        // they hold in that place says nothing about the round.
        if anchor != Anchor::NotFound && !text.trim().is_empty() && seen.is_none() {
            seen = Some(VersionSeen { sheet: cover.name.clone(), at: field.at, text: text.trim().to_string() });
        }
    }
    let candidates: Vec<&'static Profile> =
        profiles.iter().copied().filter(|p| missing_sheets(workbook, p).is_empty() && has_title(workbook, p)).collect();
    if !candidates.is_empty() {
        return Detection::Title { candidates, version: seen };
    }
    Detection::Unknown(not_recognised(workbook, &profiles))
}

/// Whether the profile's title is the text of a cell in the first rows of its guidance or cover
/// sheet (letter case and surrounding spaces ignored).
fn has_title(workbook: &Workbook, p: &Profile) -> bool {
    let title = p.title.trim();
    [&p.sheets.guidance, &p.sheets.cover].into_iter().filter_map(|name| workbook.sheet(name)).any(|sheet| {
        sheet
            .cells
            .range(..CellRef::new(TITLE_ROWS + 1, 0))
            .any(|(_, cell)| matches!(&cell.value, Value::Text(t) if same_ignoring_case(t.trim(), title)))
    })
}

/// Today's findings for a workbook no round recognises: an unknown version, or missing sheets.
pub fn detect_unknown(workbook: &Workbook) -> Vec<Finding> {
    not_recognised(workbook, &profile::in_recognition_order())
}

fn not_recognised(workbook: &Workbook, profiles: &[&'static Profile]) -> Vec<Finding> {
    let Some(first) = profiles.first() else { return Vec::new() };
    let cover = profiles.iter().find_map(|p| workbook.sheet(&p.sheets.cover).map(|s| (p, s)));
    let Some((layout, cover)) = cover else {
        // Without a Cover there is no version to read. Every profile names its sheets alike, so
        // the first one says which are missing.
        let none_present = profiles
            .iter()
            .all(|p| p.sheets.required().iter().all(|name| !workbook.sheet_names.iter().any(|n| n == *name)));
        if none_present {
            return vec![not_the_template(workbook, first)];
        }
        // The round whose sheets the workbook has most of says which are missing.
        let closest = profiles.iter().min_by_key(|p| missing_sheets(workbook, p).len()).unwrap_or(first);
        return missing_sheets(workbook, closest);
    };
    let Some(version_cell) = profiles.iter().find_map(|p| p.cover.version.as_ref()) else {
        // No round has a version cell: the closest round's missing sheets say what is wrong.
        let closest = profiles.iter().min_by_key(|p| missing_sheets(workbook, p).len()).unwrap_or(first);
        let missing = missing_sheets(workbook, closest);
        return if missing.is_empty() { vec![not_the_template(workbook, first)] } else { missing };
    };
    let mut reader = Reader::new(layout);
    let version = reader.labelled(cover, SheetKind::Cover, version_cell);
    let known: Vec<String> = profiles
        .iter()
        .map(|p| match &p.version {
            Some(v) => format!("{v} ({})", p.id),
            None => format!("“{}” ({})", p.title, p.id),
        })
        .collect();
    let seen = version.shown();
    let message = if seen.is_empty() {
        format!("The template version in cell {} is empty, and the workbook does not have the title of a planning template the checker knows, so the planning round cannot be told.", version.at)
    } else {
        format!("The template version in cell {} is “{seen}”, which this checker does not know.", version.at)
    };
    let finding = Finding::new(
        TEMPLATE_UNKNOWN_VERSION.id,
        TEMPLATE_UNKNOWN_VERSION.severity,
        format!("{message} The rounds it knows are: {}.", known.join("; ")),
        "Use the planning template for your round, downloaded from this site, and copy your figures into it. Do not change the version cell.",
    )
    .at(&layout.sheets.cover, CellRange::single(version.at));
    let mut findings = reader.findings;
    findings.push(finding);
    findings
}

/// One finding for a workbook that has none of the template's sheets: some other spreadsheet,
/// chosen by mistake. Listing every absent sheet would bury the one thing to say.
fn not_the_template(workbook: &Workbook, profile: &Profile) -> Finding {
    let theirs: Vec<String> = workbook.sheet_names.iter().take(3).map(|n| format!("“{n}”")).collect();
    let theirs = match (theirs.len(), workbook.sheet_names.len()) {
        (0, _) => "no sheets".to_string(),
        (shown, all) if all > shown => format!("sheets such as {}", crate::report::words::and_list(&theirs)),
        (1, _) => format!("one sheet, {}", theirs[0]),
        _ => format!("the sheets {}", crate::report::words::and_list(&theirs)),
    };
    Finding::new(
        TEMPLATE_SHEET_MISSING.id,
        TEMPLATE_SHEET_MISSING.severity,
        format!(
            "This workbook is not a Better Care Fund planning template. It has {theirs}, but none of the template's sheets, such as “{}” and “{}”.",
            profile.sheets.cover, profile.sheets.expenditure
        ),
        "Check you chose the right file. Download the planning template for your round from this site, fill it in, and check that file.",
    )
}

fn missing_sheets(workbook: &Workbook, profile: &Profile) -> Vec<Finding> {
    profile
        .sheets
        .required()
        .iter()
        .filter(|name| !workbook.sheet_names.iter().any(|n| n == *name))
        .map(|name| {
            Finding::new(
                TEMPLATE_SHEET_MISSING.id,
                TEMPLATE_SHEET_MISSING.severity,
                format!("The workbook has no sheet called “{name}”. The planning template needs it."),
                format!("If you renamed the sheet, change its name back to “{name}”. If you deleted it, copy your figures into a fresh copy of the template."),
            )
            .on_sheet(name)
        })
        .collect()
}

/// The result of extraction: the plan, and what extraction had to say about the layout.
pub struct Extracted {
    pub plan: Plan,
    pub findings: Vec<Finding>,
    /// The profile's labels and table headers found (in place or moved), of those looked for.
    pub labels_found: usize,
    pub labels_sought: usize,
    /// Something below the rows the checker reads of a table: the plan cannot be checked whole,
    /// and saying nothing would let a scheme placed there pass unseen.
    pub beyond: Option<crate::workbook::ReadError>,
}

/// Extracts the plan. `Err` carries `template.sheet-missing` findings: without all its sheets a
/// workbook is not this template, and checking the rest would only mislead.
pub fn extract(workbook: &Workbook, profile: &'static Profile) -> Result<Extracted, Vec<Finding>> {
    let missing = missing_sheets(workbook, profile);
    let sheet = |name: &str| workbook.sheet(name);
    let s = &profile.sheets;
    let (
        Some(cover),
        Some(summary),
        Some(income),
        Some(expenditure),
        Some(metrics),
        Some(conditions),
        Some(hwb_data),
        true,
    ) = (
        sheet(&s.cover),
        sheet(&s.summary),
        sheet(&s.income),
        sheet(&s.expenditure),
        sheet(&s.metrics),
        sheet(&s.conditions),
        sheet(&s.hwb_data),
        missing.is_empty(),
    )
    else {
        return Err(missing);
    };
    let mut r = Reader::new(profile);
    let mut cover = r.cover(cover);
    let boards = r.boards(hwb_data, &cover.hwb.shown());
    let chosen = boards.iter().position(|b| b.is_named(&cover.hwb.shown()));
    as_listed(&mut cover.hwb, boards.iter().map(|b| b.name.as_str()));
    let plan = Plan {
        profile,
        cover,
        summary: r.summary(summary),
        income: r.income(income),
        schemes: r.schemes(expenditure),
        metrics: r.metrics(metrics),
        conditions: r.conditions(conditions),
        p4p: match (&profile.pay_for_performance, s.pay_for_performance.as_deref().and_then(sheet)) {
            (Some(layout), Some(p4p)) => Some(r.pay_for_performance(p4p, layout)),
            _ => None,
        },
        boards,
        chosen,
    };
    Ok(Extracted { plan, findings: r.findings, labels_found: r.found, labels_sought: r.sought, beyond: r.beyond })
}

impl Extracted {
    /// Whether the workbook has the profile's layout: at least 90% of its labels and table
    /// headers found where the profile puts them or by following them. Rules written for one
    /// layout would give false errors on another, so a workbook recognised only by its title
    /// is checked as the round only when this holds.
    pub fn layout_matches(&self) -> bool {
        self.labels_found * 10 >= self.labels_sought * 9
    }
}

/// What the reader read when a label was not where the template puts it, for the message.
struct Reads {
    /// Completes "The checker read …" when the label was found elsewhere.
    moved: String,
    /// A sentence for when the label is not on the sheet at all.
    missing: String,
}

struct Reader {
    profile: &'static Profile,
    findings: Vec<Finding>,
    /// Labels and headers looked for, and found in place or moved (the layout measure).
    sought: usize,
    found: usize,
    /// The first thing found below the rows read of a table (see [`Extracted::beyond`]).
    beyond: Option<crate::workbook::ReadError>,
    /// Each sheet's label index, built the first time a label on it is not in its place.
    indexes: std::collections::HashMap<String, LabelIndex>,
    /// The expenditure table's lists, each looked up by a map rather than read through for every
    /// scheme (a definition's list may be long), made when the first scheme is read.
    scheme_lists: Option<SchemeLists>,
}

/// A list's values by their lower-case spelling (the first listed wins, as a scan would find it).
#[derive(Default)]
struct Listed(std::collections::HashMap<String, &'static str>);

impl Listed {
    fn of(values: impl IntoIterator<Item = &'static str>) -> Self {
        let mut map = std::collections::HashMap::new();
        for v in values {
            map.entry(v.to_lowercase()).or_insert(v);
        }
        Listed(map)
    }

    /// The field's value in its listed spelling (see [`as_listed`]).
    fn put(&self, field: &mut Field) {
        let Value::Text(text) = &field.value else { return };
        if let Some(listed) = self.0.get(&text.to_lowercase()) {
            if *listed != &**text {
                field.value = Value::Text((*listed).into());
            }
        }
    }
}

struct SchemeLists {
    scheme_types: Listed,
    /// Each scheme type's sub types, by the type's listed name.
    sub_types: std::collections::HashMap<&'static str, Listed>,
    every_sub_type: Listed,
    area: Listed,
    commissioner: Listed,
    provider: Listed,
    source: Listed,
    new_existing: Listed,
}

impl SchemeLists {
    fn new(lists: &'static profile::Lists) -> Self {
        let names = |v: &'static [String]| Listed::of(v.iter().map(String::as_str));
        SchemeLists {
            scheme_types: Listed::of(lists.scheme_types.iter().map(|t| t.name.as_str())),
            sub_types: lists.scheme_types.iter().map(|t| (t.name.as_str(), names(&t.sub_types))).collect(),
            every_sub_type: Listed::of(lists.scheme_types.iter().flat_map(|t| t.sub_types.iter().map(String::as_str))),
            area: names(&lists.area_of_spend),
            commissioner: names(&lists.commissioner),
            provider: names(&lists.provider),
            source: names(&lists.source_of_funding),
            new_existing: names(&lists.new_existing),
        }
    }
}

fn shifted(at: CellRef, (rows, cols): (i64, i64)) -> CellRef {
    let row = i64::from(at.row) + rows;
    let col = i64::from(at.col) + cols;
    if (1..=i64::from(crate::workbook::MAX_ROW)).contains(&row)
        && (1..=i64::from(crate::workbook::MAX_COLUMN)).contains(&col)
    {
        CellRef::new(row as u32, col as u32)
    } else {
        at
    }
}

/// Excel's list validation and its comparisons (`=`, `SUMIFS`, `COUNTIF`) ignore letter case:
/// `social care` *is* `Social Care`. Such a value is replaced by the listed spelling, so every rule
/// and figure downstream sees one value. Text with spaces around it is left as it is, because
/// Excel does not match it either; the rules say so.
fn as_listed<'a>(field: &mut Field, list: impl IntoIterator<Item = &'a str>) {
    let Value::Text(text) = &field.value else { return };
    if let Some(listed) = list.into_iter().find(|listed| same_ignoring_case(listed, text)) {
        if listed != &**text {
            field.value = Value::Text(listed.into());
        }
    }
}

fn same_ignoring_case(a: &str, b: &str) -> bool {
    // Texts that differ only in the case of ASCII letters are the same in any case; two ASCII
    // texts that do not are not (most list entries differ from a value in length, which
    // `eq_ignore_ascii_case` compares first).
    a.eq_ignore_ascii_case(b) || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase())
}

fn names(list: &[String]) -> impl Iterator<Item = &str> {
    list.iter().map(String::as_str)
}

fn field(sheet: &Sheet, at: CellRef) -> Field {
    field_of(at, sheet.cell(at))
}

fn field_of(at: CellRef, cell: Option<&Cell>) -> Field {
    Field {
        at,
        value: cell.map_or(Value::Empty, |c| c.value.clone()),
        formula: cell.is_some_and(|c| c.formula.is_some()),
    }
}

/// The fields of one row at `cols`, in their order: one search of the sheet for the row rather
/// than one for each column (a plan's tables are read row by row, a tenth of a whole check).
fn fields_in_row(sheet: &Sheet, row: u32, cols: &[u32]) -> Vec<Field> {
    let in_row: Vec<(&CellRef, &Cell)> = sheet.row(row).collect();
    cols.iter()
        .map(|&col| {
            let cell = in_row.iter().find(|(at, _)| at.col == col).map(|(_, cell)| *cell);
            field_of(CellRef::new(row, col), cell)
        })
        .collect()
}

impl Reader {
    fn new(profile: &'static Profile) -> Self {
        Reader {
            profile,
            findings: Vec::new(),
            sought: 0,
            found: 0,
            beyond: None,
            indexes: Default::default(),
            scheme_lists: None,
        }
    }

    /// Where `label` is on `sheet`: in its place, moved, or not there. Only a label out of place
    /// costs a look at the rest of the sheet, through an index built once per sheet.
    fn find(&mut self, sheet: &Sheet, label: &str, expected: CellRef) -> Anchor {
        if matches!(sheet.value(expected), Value::Text(t) if locate::same_label(t, label)) {
            return Anchor::InPlace;
        }
        let index = self.indexes.entry(sheet.name.clone()).or_insert_with(|| LabelIndex::new(sheet));
        find_label(index, sheet, label, expected)
    }

    /// Records a `template.label-moved` finding for a label that is not where the template puts
    /// it. `anchor` is where the caller found it (searched once); `reads` says what was read.
    fn note(&mut self, kind: SheetKind, label: &str, expected: CellRef, anchor: Anchor, reads: Reads) {
        self.tally(anchor != Anchor::NotFound);
        let name = kind.name(self.profile);
        match anchor {
            Anchor::InPlace => {}
            Anchor::Moved { to } => self.findings.push(
                Finding::new(
                    TEMPLATE_LABEL_MOVED.id,
                    TEMPLATE_LABEL_MOVED.severity,
                    format!("The label “{label}” is in {to}, not in {expected} where the template puts it. The checker read {}.", reads.moved),
                    "If you inserted or deleted rows or columns on this sheet, undo that so the layout matches the template. Assurers expect the template unchanged.",
                )
                .at(name, CellRange::single(to)),
            ),
            Anchor::NotFound => self.findings.push(
                Finding::new(
                    TEMPLATE_LABEL_MOVED.id,
                    TEMPLATE_LABEL_MOVED.severity,
                    format!("The label “{label}” should be in {expected}, but it is not on this sheet. {}", reads.missing),
                    "Put the template's label back, or copy your figures into a fresh copy of the template.",
                )
                .at(name, CellRange::single(expected)),
            ),
        }
    }

    /// Reads the cells a label stands beside (one per year, or one), following the label if it
    /// moved, and notes the move.
    fn beside(
        &mut self,
        sheet: &Sheet,
        kind: SheetKind,
        label: &str,
        label_cell: CellRef,
        cells: &[CellRef],
    ) -> Vec<Field> {
        let anchor = self.find(sheet, label, label_cell);
        let shift = anchor.shift(label_cell);
        let values: Vec<Field> = cells.iter().map(|&at| field(sheet, shifted(at, shift))).collect();
        let cells = values.iter().map(|f| f.at.to_string()).collect::<Vec<_>>().join(" and ");
        let what = if values.len() == 1 { format!("the value in {cells}") } else { format!("the figures in {cells}") };
        let reads = Reads {
            moved: format!("{what}, beside the label"),
            missing: format!("The checker read {what}, where the template puts it."),
        };
        self.note(kind, label, label_cell, anchor, reads);
        values
    }

    fn tally(&mut self, found: bool) {
        self.sought += 1;
        self.found += usize::from(found);
    }

    fn labelled(&mut self, sheet: &Sheet, kind: SheetKind, cell: &LabelledCell) -> Field {
        let mut values = self.beside(sheet, kind, &cell.label, cell.label_cell, &[cell.cell]);
        values.pop().unwrap_or(Field { at: cell.cell, value: Value::Empty, formula: false })
    }

    /// Locates a table by the header of its first column, then each column by its header along
    /// the header row. Returns the header row as found and each column's number, in input order.
    fn table(&mut self, sheet: &Sheet, kind: SheetKind, header_row: u32, columns: &[&Column]) -> (u32, Vec<u32>) {
        let Some(first) = columns.first() else {
            return (header_row, Vec::new());
        };
        let expected = CellRef::new(header_row, first.col);
        let anchor = self.find(sheet, &first.header, expected);
        let reads = Reads {
            moved: "the table below the label".into(),
            missing: "The checker read the table where the template puts it.".into(),
        };
        self.note(kind, &first.header, expected, anchor, reads);
        let shift = anchor.shift(expected);
        let row = shifted(expected, shift).row;
        let mut found = Vec::with_capacity(columns.len());
        for (i, column) in columns.iter().enumerate() {
            let at = shifted(CellRef::new(header_row, column.col), shift);
            if i == 0 {
                found.push(at.col);
                continue;
            }
            let matches = matches!(sheet.value(at), Value::Text(t) if locate::same_label(t, &column.header));
            let col = if matches {
                self.tally(true);
                at.col
            } else {
                // The finding points where the column was found, which is the column read.
                let found_col = find_in_row(sheet, &column.header, row);
                let col = found_col.unwrap_or(at.col);
                let anchor = found_col.map_or(Anchor::NotFound, |c| Anchor::Moved { to: CellRef::new(row, c) });
                let letters = crate::workbook::column_letters(col);
                let reads = Reads {
                    moved: format!("column {letters}, under the label"),
                    missing: format!("The checker read column {letters}, where the template puts it."),
                };
                self.note(kind, &column.header, at, anchor, reads);
                col
            };
            found.push(col);
        }
        (row, found)
    }

    fn cover(&mut self, sheet: &Sheet) -> Cover {
        let layout = &self.profile.cover;
        let kind = SheetKind::Cover;
        let version = layout.version.as_ref().map(|v| self.labelled(sheet, kind, v));
        let hwb = self.labelled(sheet, kind, &layout.hwb);
        let completed_by = self.labelled(sheet, kind, &layout.completed_by);
        let email = self.labelled(sheet, kind, &layout.email);
        let phone = self.labelled(sheet, kind, &layout.phone);
        let mut signed_off = self.labelled(sheet, kind, &layout.signed_off);
        as_listed(&mut signed_off, names(&self.profile.lists.yes_no));
        let signoff_date = self.labelled(sheet, kind, &layout.signoff_date);
        let c = &layout.contacts;
        let (header, cols) = self.table(sheet, kind, c.header_row, &[&c.role, &c.name, &c.email]);
        let contacts = (1..=c.roles.len() as u32)
            .map(|i| {
                let row = header + i;
                Contact {
                    role: field(sheet, CellRef::new(row, cols[0])),
                    name: field(sheet, CellRef::new(row, cols[1])),
                    email: field(sheet, CellRef::new(row, cols[2])),
                }
            })
            .collect();
        Cover { version, hwb, completed_by, email, phone, signed_off, signoff_date, contacts }
    }

    fn summary(&mut self, sheet: &Sheet) -> Vec<SummaryFigure> {
        let layout = &self.profile.summary;
        layout
            .rows
            .iter()
            .map(|def| {
                let label_at = CellRef::new(def.row, layout.label_col);
                let cells: Vec<CellRef> = layout.value_cols.iter().map(|&col| CellRef::new(def.row, col)).collect();
                let values = self.beside(sheet, SheetKind::Summary, &def.label, label_at, &cells);
                SummaryFigure { value: def.value.clone(), label: def.label.clone(), values }
            })
            .collect()
    }

    fn income(&mut self, sheet: &Sheet) -> Income {
        let layout = &self.profile.income;
        let mut columns = vec![&layout.source, &layout.organisation, &layout.description];
        columns.extend(layout.amounts.iter());
        let (header, cols) = self.table(sheet, SheetKind::Income, layout.header_row, &columns);
        let (source, organisation, description, amounts) = (cols[0], cols[1], cols[2], &cols[3..]);
        let mut minimum =
            |m: &profile::Minimum| self.beside(sheet, SheetKind::Income, &m.label, m.label_cell, &m.cells);
        let minimums: Vec<Vec<Field>> = layout.minimums.iter().map(&mut minimum).collect();
        // The table ends at the first empty source, at its row limit, or at the minimums below it.
        let minimum_row = minimums
            .iter()
            .zip(&layout.minimums)
            .map(|(fields, m)| fields.first().map_or(m.label_cell.row, |f| f.at.row))
            .min()
            .unwrap_or(header + layout.max_rows + 1);
        let last = (header + layout.max_rows).min(minimum_row.saturating_sub(1));
        let mut rows = Vec::new();
        for row in (header + 1)..=last {
            let mut source_field = field(sheet, CellRef::new(row, source));
            if source_field.is_blank() {
                break;
            }
            as_listed(&mut source_field, layout.sources.iter().map(|s| s.name.as_str()));
            rows.push(IncomeRow {
                row,
                source: source_field,
                organisation: field(sheet, CellRef::new(row, organisation)),
                amounts: amounts.iter().map(|&c| field(sheet, CellRef::new(row, c))).collect(),
                description: field(sheet, CellRef::new(row, description)),
            });
        }
        Income { rows, minimums }
    }

    fn schemes(&mut self, sheet: &Sheet) -> Vec<Scheme> {
        let layout = &self.profile.expenditure;
        let (header, cols) = self.table(sheet, SheetKind::Expenditure, layout.header_row, &layout.columns());
        // Read the template's rows, and any a user added below them.
        let template_last = header + (layout.last_row - layout.header_row);
        let last = sheet.last_row().max(template_last).min(header + MAX_TABLE_ROWS);
        let below = sheet
            .cells
            .range(CellRef::new(last.saturating_add(1), 1)..)
            .find(|(at, cell)| cols.contains(&at.col) && !cell.value.is_blank());
        if let Some((at, _)) = below {
            self.beyond.get_or_insert(crate::workbook::ReadError::TooLarge {
                what: crate::workbook::TooLarge::Rows { sheet: sheet.name.clone(), row: at.row, read_to: last },
            });
        }
        let years = layout.amounts.len();
        let mut schemes = Vec::new();
        for row in (header + 1)..=last {
            let f = fields_in_row(sheet, row, &cols);
            if f.iter().all(Field::is_blank) {
                continue;
            }
            let mut f = f.into_iter();
            let mut next =
                || f.next().unwrap_or(Field { at: CellRef::new(row, 1), value: Value::Empty, formula: false });
            let mut scheme = Scheme {
                row,
                scheme_id: next(),
                scheme_name: next(),
                description: next(),
                scheme_type: next(),
                sub_type: next(),
                type_other: next(),
                area: next(),
                area_other: next(),
                commissioner: next(),
                nhs_share: next(),
                la_share: next(),
                provider: next(),
                source: next(),
                amounts: (0..years).map(|_| next()).collect(),
                new_existing: next(),
            };
            self.as_listed_scheme(&mut scheme);
            schemes.push(scheme);
        }
        schemes
    }

    /// Puts each list value of a scheme in its listed spelling (see [`as_listed`]).
    fn as_listed_scheme(&mut self, s: &mut Scheme) {
        let profile = self.profile;
        let lists = self.scheme_lists.get_or_insert_with(|| SchemeLists::new(&profile.lists));
        lists.scheme_types.put(&mut s.scheme_type);
        // A sub type is matched against its own scheme type's list, else against every sub type.
        let own = lists.sub_types.get(s.scheme_type.shown().as_ref());
        own.unwrap_or(&lists.every_sub_type).put(&mut s.sub_type);
        lists.area.put(&mut s.area);
        lists.commissioner.put(&mut s.commissioner);
        lists.provider.put(&mut s.provider);
        lists.source.put(&mut s.source);
        lists.new_existing.put(&mut s.new_existing);
    }

    /// The pay-for-performance sheet: the quarters' table, then each labelled figure below it.
    fn pay_for_performance(&mut self, sheet: &Sheet, l: &profile::PayForPerformanceLayout) -> PayForPerformance {
        let kind = SheetKind::PayForPerformance;
        let columns = [&l.quarter, &l.baseline_period, &l.baseline, &l.plan_period, &l.planned];
        let (header, cols) = self.table(sheet, kind, l.header_row, &columns);
        let quarters = l.baseline_periods.len() as u32;
        let at = |row: u32, i: usize| field(sheet, CellRef::new(row, cols[i]));
        let baseline = (1..=quarters).map(|q| at(header + q, 2)).collect();
        let planned = (1..=quarters).map(|q| at(header + q, 4)).collect();
        let mut totals = self.beside(sheet, kind, &l.total.label, l.total.label_cell, &l.total.cells).into_iter();
        let blank = |cell: CellRef| Field { at: cell, value: Value::Empty, formula: false };
        let baseline_total = totals.next().unwrap_or_else(|| blank(l.total.label_cell));
        let planned_total = totals.next().unwrap_or_else(|| blank(l.total.label_cell));
        PayForPerformance {
            baseline,
            planned,
            baseline_total,
            planned_total,
            reduction: self.labelled(sheet, kind, &l.reduction),
            reduction_percent: self.labelled(sheet, kind, &l.reduction_percent),
            cost: self.labelled(sheet, kind, &l.cost),
            cost_reason: self.labelled(sheet, kind, &l.cost_reason),
            fund: self.labelled(sheet, kind, &l.fund),
            share: self.labelled(sheet, kind, &l.share),
            required: self.labelled(sheet, kind, &l.required),
            operating_plan: self.labelled(sheet, kind, &l.operating_plan),
            case: self.labelled(sheet, kind, &l.case),
        }
    }

    fn metrics(&mut self, sheet: &Sheet) -> Vec<MetricRow> {
        let l = &self.profile.metrics;
        let mut columns =
            vec![&l.metric, &l.code, &l.period, &l.baseline, &l.numerator, &l.denominator, &l.planned, &l.rationale];
        columns.extend(l.better.as_ref());
        let (header, cols) = self.table(sheet, SheetKind::Metrics, l.header_row, &columns);
        let mut rows = Vec::new();
        for row in (header + 1)..=(header + MAX_TABLE_ROWS) {
            let at = |i: usize| field(sheet, CellRef::new(row, cols[i]));
            let (metric, code, period) = (at(0), at(1), at(2));
            if metric.is_blank() && code.is_blank() && period.is_blank() {
                break;
            }
            rows.push(MetricRow {
                row,
                metric,
                code,
                period,
                baseline: at(3),
                numerator: at(4),
                denominator: at(5),
                planned: at(6),
                rationale: at(7),
                better: if cols.len() > 8 {
                    let mut better = at(8);
                    as_listed(&mut better, ["Higher", "Lower"]);
                    better
                } else {
                    Field { at: CellRef::new(row, 1), value: Value::Empty, formula: false }
                },
            });
        }
        rows
    }

    fn conditions(&mut self, sheet: &Sheet) -> Vec<ConditionAnswer> {
        let l = &self.profile.conditions;
        let columns = [&l.code, &l.condition, &l.answer, &l.actions, &l.timeframe];
        let (header, cols) = self.table(sheet, SheetKind::Conditions, l.header_row, &columns);
        let mut rows = Vec::new();
        for row in (header + 1)..=(header + MAX_TABLE_ROWS) {
            let at = |i: usize| field(sheet, CellRef::new(row, cols[i]));
            let (code, condition) = (at(0), at(1));
            if code.is_blank() && condition.is_blank() {
                break;
            }
            let mut answer = at(2);
            as_listed(&mut answer, names(&self.profile.lists.yes_no));
            rows.push(ConditionAnswer { row, code, condition, answer, actions: at(3), timeframe: at(4) });
        }
        rows
    }

    /// `HWB Data` columns are found by header text wherever they are (the publisher may reorder
    /// them). Every board's name and code are read; the figures only of the board `chosen`.
    fn boards(&mut self, sheet: &Sheet, chosen: &str) -> Vec<HwbRecord> {
        let layout = &self.profile.hwb_data;
        let header = layout.header_row;
        let mut located: Vec<(&str, usize, u32)> = Vec::new();
        for (i, column) in layout.columns.iter().enumerate() {
            match find_in_row(sheet, &column.header, header) {
                Some(col) => {
                    self.tally(true);
                    located.push((&column.key, column.year, col));
                }
                None => {
                    let expected = CellRef::new(header, i as u32 + 1);
                    let anchor = self.find(sheet, &column.header, expected);
                    let reads = Reads {
                        moved: "nothing from it, because its header is not in the header row".into(),
                        missing: "The checker could not read the figures this column holds.".into(),
                    };
                    self.note(SheetKind::HwbData, &column.header, expected, anchor, reads);
                }
            }
        }
        let col_of = |key: &str| located.iter().find(|(k, y, _)| *k == key && *y == 0).map(|(_, _, c)| *c);
        let (Some(code_col), Some(name_col)) = (col_of(profile::keys::CODE), col_of(profile::keys::NAME)) else {
            return Vec::new();
        };
        let mut boards = Vec::new();
        for row in (header + 1)..=(header + MAX_TABLE_ROWS) {
            let code = field(sheet, CellRef::new(row, code_col));
            let name = field(sheet, CellRef::new(row, name_col));
            if code.is_blank() && name.is_blank() {
                break;
            }
            let mut record = HwbRecord {
                row,
                code: code.shown().into_owned(),
                name: name.shown().into_owned(),
                values: Default::default(),
            };
            if record.is_named(chosen) {
                record.values = located
                    .iter()
                    .map(|(key, year, col)| ((key.to_string(), *year), field(sheet, CellRef::new(row, *col))))
                    .collect();
            }
            boards.push(record);
        }
        boards
    }
}

use super::locate;

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition: ASCII texts compared ignoring ASCII case, any others through
    /// Unicode lower case. The quicker version must agree with it on every pair.
    fn reference(a: &str, b: &str) -> bool {
        if a.is_ascii() && b.is_ascii() {
            a.eq_ignore_ascii_case(b)
        } else {
            a.to_lowercase() == b.to_lowercase()
        }
    }

    #[test]
    fn comparing_ignoring_case_agrees_with_its_definition() {
        let texts = [
            "",
            "Social Care",
            "social care",
            "SOCIAL CARE",
            "Social Care ",
            "Social  Care",
            "Care",
            "NHS",
            "nhs",
            "Ćare",
            "ćare",
            "ĆARE",
            "Straße",
            "STRASSE",
            "strasse",
            "İstanbul",
            "i̇stanbul",
            "istanbul",
            "Carers – respite",
            "carers – RESPITE",
            "Carers - respite",
            "Ω",
            "ω",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(same_ignoring_case(a, b), reference(a, b), "{a:?} and {b:?}");
            }
        }
    }

    #[test]
    fn a_row_is_read_at_the_columns_asked_for_in_their_order() {
        let mut sheet = Sheet::new("5. Expenditure");
        sheet.set(CellRef::new(7, 2), Value::Text("B7".into()));
        sheet.set(CellRef::new(7, 5), Value::Number(5.0));
        sheet.set(CellRef::new(6, 3), Value::Text("row above".into()));
        sheet.set(CellRef::new(8, 3), Value::Text("row below".into()));
        let fields = fields_in_row(&sheet, 7, &[5, 3, 2]);
        let values: Vec<_> = fields.iter().map(|f| (f.at, f.value.clone())).collect();
        assert_eq!(
            values,
            [
                (CellRef::new(7, 5), Value::Number(5.0)),
                (CellRef::new(7, 3), Value::Empty),
                (CellRef::new(7, 2), Value::Text("B7".into())),
            ]
        );
    }
}
