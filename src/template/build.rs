//! Lays out the modelled template of `docs/templates.md` for a profile, blank or
//! pre-populated for one board. Every address here comes from the profile.

use std::collections::BTreeMap;

use super::{Board, Style, TemplateModel, Validation};
use crate::profile::{Counts, Profile, Share, SourceRole, SummaryValue};
use crate::workbook::{column_letters, CellRange, CellRef, Sheet, Value, Workbook};

/// Quotes a sheet name for a formula: `'HWB Data'`.
fn q(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
}

fn abs(cell: CellRef) -> String {
    format!("${}${}", column_letters(cell.col), cell.row)
}

fn col_range(col: u32, first: u32, last: u32) -> String {
    let c = column_letters(col);
    format!("${c}${first}:${c}${last}")
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

/// Builds the template. With `chosen`, the Cover names that board and every pre-populated cell
/// caches its figure (two-tier areas get one DFG row per district), as Excel would show it.
pub fn build(profile: &'static Profile, boards: &[Board], chosen: Option<&Board>) -> TemplateModel {
    let sheets: Vec<Sheet> = profile.sheets.in_order().iter().map(|name| Sheet::new(name)).collect();
    let mut workbook = Workbook { sheets, ..Default::default() };
    workbook.sheet_names = workbook.sheets.iter().map(|s| s.name.clone()).collect();
    for sheet in &mut workbook.sheets {
        sheet.hidden = sheet.name == profile.sheets.lists || sheet.name == profile.sheets.hwb_data;
    }
    let mut m = TemplateModel {
        profile,
        workbook,
        styles: BTreeMap::new(),
        validations: Vec::new(),
        widths: Vec::new(),
        notes: Vec::new(),
        merges: Vec::new(),
        board: chosen.cloned(),
        checklist: None,
    };
    let mut b = Builder { m: &mut m, p: profile, boards, chosen };
    b.hwb_data();
    b.lists();
    b.guidance();
    b.cover();
    b.income();
    b.expenditure();
    b.metrics();
    b.conditions();
    b.pay_for_performance();
    b.checklist();
    b.summary();
    super::fill::recalculate_summary(&mut m);
    m
}

struct Builder<'a> {
    m: &'a mut TemplateModel,
    p: &'static Profile,
    boards: &'a [Board],
    chosen: Option<&'a Board>,
}

impl Builder<'_> {
    fn put(&mut self, sheet: &str, cell: CellRef, value: Value, style: Style) {
        self.m.set_at(sheet, cell, value);
        self.m.style(sheet, cell, style);
    }

    fn input(&mut self, sheet: &str, cell: CellRef) {
        self.m.style(sheet, cell, Style::Input);
    }

    fn formula(&mut self, sheet: &str, cell: CellRef, formula: &str, cached: Value) {
        self.m.set_formula_at(sheet, cell, formula, cached);
        self.m.style(sheet, cell, Style::Prepopulated);
    }

    fn validate(&mut self, sheet: &str, first: CellRef, last: CellRef, v: Validation) {
        self.m.validations.push((sheet.to_string(), CellRange { start: first, end: last }, v));
    }

    fn width(&mut self, sheet: &str, col: u32, width: f64) {
        self.m.widths.push((sheet.to_string(), col, width));
    }

    fn last_board_row(&self) -> u32 {
        self.p.hwb_data.header_row + self.boards.len().max(1) as u32
    }

    /// `HWB Data` column number of `key` for `year`.
    fn hwb_col(&self, key: &str, year: usize) -> Option<u32> {
        self.p.hwb_data.columns.iter().position(|c| c.key == key && c.year == year).map(|i| i as u32 + 1)
    }

    /// `IFERROR(INDEX('HWB Data'!$F$2:$F$153,MATCH('2. Cover'!$C$5,'HWB Data'!$B$2:$B$153,0)),"")`
    fn lookup(&self, key: &str, year: usize) -> String {
        let data = q(&self.p.sheets.hwb_data);
        let first = self.p.hwb_data.header_row + 1;
        let last = self.last_board_row();
        let col = self.hwb_col(key, year).unwrap_or(1);
        let name_col = self.hwb_col("name", 0).unwrap_or(2);
        format!(
            "IFERROR(INDEX({data}!{},MATCH({}!{},{data}!{},0)),\"\")",
            col_range(col, first, last),
            q(&self.p.sheets.cover),
            abs(self.p.cover.hwb.cell),
            col_range(name_col, first, last),
        )
    }

    fn cached_number(&self, n: Option<f64>) -> Value {
        match (self.chosen, n) {
            (Some(_), Some(n)) => Value::Number(n),
            _ => Value::Text("".into()),
        }
    }

    fn hwb_data(&mut self) {
        let sheet = self.p.sheets.hwb_data.clone();
        let header = self.p.hwb_data.header_row;
        for (i, column) in self.p.hwb_data.columns.iter().enumerate() {
            self.put(&sheet, CellRef::new(header, i as u32 + 1), text(&column.header), Style::Header);
        }
        for (r, board) in self.boards.iter().enumerate() {
            let row = header + 1 + r as u32;
            for (i, column) in self.p.hwb_data.columns.iter().enumerate() {
                let y = column.year;
                let value = match column.key.as_str() {
                    "code" => text(&board.code),
                    "name" => text(&board.name),
                    "nhs_minimum" => num(board.nhs_minimum.get(y)),
                    "asc_minimum" => num(board.asc_minimum.get(y)),
                    "ooh_minimum" => num(board.ooh_minimum.get(y)),
                    "dfg" => num(board.dfg.get(y)),
                    "la_grant" => num(board.la_grant.get(y)),
                    "dfg_districts" => text(&board.districts_text(y)),
                    "dtoc_expectation" => num(board.dtoc_expectation.as_ref()),
                    "ccg_contributions" => text(&board.ccgs_text()),
                    key => match (key.strip_prefix("baseline:"), board.figure(key)) {
                        (_, Some(figure)) => Value::Number(figure),
                        (Some(code), None) => num(board.baseline(code).as_ref()),
                        (None, None) => Value::Empty,
                    },
                };
                if !value.is_blank() {
                    self.m.set_at(&sheet, CellRef::new(row, i as u32 + 1), value);
                }
            }
        }
        let note_row = self.last_board_row() + 2;
        self.put(
            &sheet,
            CellRef::new(note_row, 1),
            text("ILLUSTRATIVE FIGURES: the board names and ONS codes are real; every amount, baseline and expectation is made up for testing. Use the figures published for your planning round."),
            Style::Note,
        );
        self.width(&sheet, 2, 36.0);
        self.width(&sheet, 8, 60.0);
    }

    fn lists(&mut self) {
        let sheet = self.p.sheets.lists.clone();
        let l = &self.p.lists;
        let mut sub_types: Vec<&str> = Vec::new();
        for t in &l.scheme_types {
            for s in &t.sub_types {
                if !sub_types.contains(&s.as_str()) {
                    sub_types.push(s);
                }
            }
        }
        let columns: Vec<(&str, Vec<&str>)> = vec![
            ("Scheme types", l.scheme_types.iter().map(|t| t.name.as_str()).collect()),
            ("Area of spend", l.area_of_spend.iter().map(String::as_str).collect()),
            ("Commissioner", l.commissioner.iter().map(String::as_str).collect()),
            ("Provider", l.provider.iter().map(String::as_str).collect()),
            ("Source of funding", l.source_of_funding.iter().map(String::as_str).collect()),
            ("Yes/No", l.yes_no.iter().map(String::as_str).collect()),
            ("New/Existing", l.new_existing.iter().map(String::as_str).collect()),
            ("Sub types", sub_types),
        ];
        let mut extra: Vec<(&str, Vec<&str>)> = Vec::new();
        for t in &l.scheme_types {
            if !t.sub_types.is_empty() {
                extra.push((&t.name, t.sub_types.iter().map(String::as_str).collect()));
            }
        }
        for (i, (header, values)) in columns.iter().chain(extra.iter()).enumerate() {
            let col = i as u32 + 1;
            self.put(&sheet, CellRef::new(1, col), text(header), Style::Header);
            for (r, v) in values.iter().enumerate() {
                self.m.set_at(&sheet, CellRef::new(2 + r as u32, col), text(v));
            }
            self.width(&sheet, col, 28.0);
        }
    }

    /// The range on `Lists` of list number `col` (1-based, as laid out above).
    fn list_ref(&self, col: u32, len: usize) -> Validation {
        Validation::List(format!("={}!{}", q(&self.p.sheets.lists), col_range(col, 2, 1 + len as u32)))
    }

    fn guidance(&mut self) {
        let sheet = self.p.sheets.guidance.clone();
        let lines = [
            (Style::Title, self.p.title.clone()),
            (Style::Note, "Yellow cells are for you to fill in. Grey cells are filled in from the figures for the Health and Wellbeing Board you choose on the Cover. Do not insert or delete rows or columns, and do not rename sheets.".into()),
            (Style::Note, "ILLUSTRATIVE FIGURES: this copy of the template comes from the bcf-check project. Its list of boards and ONS codes is real, but its funding and baseline figures are made up for testing. Use the template and figures published for your planning round.".into()),
            (Style::Header, "Checklist before you submit".into()),
            (Style::Note, "1. Cover: choose your Health and Wellbeing Board, fill in who completed the plan, a contact e-mail and number, and every contact in the table.".into()),
            (Style::Note, "2. Cover: say whether the board has signed off the plan. If not, give the date it will.".into()),
            (Style::Note, "3. Income: do not change the grey figures. For any additional contribution, give both the amount and a description.".into()),
            (Style::Note, "4. Expenditure: for every scheme give an ID (used once), name, description, type (and sub type where the type has them), area of spend, commissioner, provider, source of funding and amount. Where you choose 'Other', say what it is.".into()),
            (Style::Note, "5. Expenditure: for jointly commissioned schemes, give the NHS and local authority percentages; they must add up to 100.".into()),
            (Style::Note, "6. Funding: spend at least the minimum on adult social care from the Minimum NHS Contribution, and spend every source's income in full - no more, no less.".into()),
            (Style::Note, "7. Funding: in two-tier areas, pass the Disabled Facilities Grant to each district council in full, commissioned by the local authority.".into()),
            (Style::Note, "8. Metrics: give a planned value for every metric and period, with the numerator and denominator where asked, and a rationale for each metric. Do not change the baselines.".into()),
            (Style::Note, "9. National conditions: answer Yes or No to each. For No, say what you are doing to meet it and by when. Do not answer Yes if your own figures show the condition is not met.".into()),
        ];
        for (i, (style, line)) in lines.iter().enumerate() {
            self.put(&sheet, CellRef::new(2 + i as u32 * 2, 2), text(line), *style);
        }
        self.width(&sheet, 2, 120.0);
    }

    fn cover(&mut self) {
        let sheet = self.p.sheets.cover.clone();
        let c = &self.p.cover;
        self.put(&sheet, c.title_cell, text(&self.p.title), Style::Title);
        for field in
            c.version.iter().chain([&c.hwb, &c.completed_by, &c.email, &c.phone, &c.signed_off, &c.signoff_date])
        {
            self.put(&sheet, field.label_cell, text(&field.label), Style::Label);
            self.input(&sheet, field.cell);
        }
        if let (Some(cell), Some(version)) = (&c.version, &self.p.version) {
            self.put(&sheet, cell.cell, text(version), Style::Prepopulated);
        }
        self.m.style(&sheet, c.signoff_date.cell, Style::InputDate);
        if let Some(board) = self.chosen {
            self.m.set_at(&sheet, c.hwb.cell, text(&board.name));
        }
        let first = self.p.hwb_data.header_row + 1;
        let names = format!("={}!{}", q(&self.p.sheets.hwb_data), col_range(2, first, self.last_board_row()));
        self.validate(&sheet, c.hwb.cell, c.hwb.cell, Validation::List(names));
        let yes_no = self.list_ref(6, self.p.lists.yes_no.len());
        self.validate(&sheet, c.signed_off.cell, c.signed_off.cell, yes_no);
        let t = &c.contacts;
        for col in [&t.role, &t.name, &t.email] {
            self.put(&sheet, CellRef::new(t.header_row, col.col), text(&col.header), Style::Header);
        }
        for (i, role) in t.roles.iter().enumerate() {
            let row = t.header_row + 1 + i as u32;
            self.put(&sheet, CellRef::new(row, t.role.col), text(role), Style::Label);
            self.input(&sheet, CellRef::new(row, t.name.col));
            self.input(&sheet, CellRef::new(row, t.email.col));
        }
        self.width(&sheet, 2, 70.0);
        self.width(&sheet, 3, 40.0);
        self.width(&sheet, 4, 36.0);
    }

    fn income(&mut self) {
        let sheet = self.p.sheets.income.clone();
        let l = &self.p.income;
        self.put(&sheet, CellRef::new(2, 2), text("Income"), Style::Title);
        let mut headers = vec![&l.source, &l.organisation, &l.description];
        headers.extend(l.amounts.iter());
        for col in headers {
            self.put(&sheet, CellRef::new(l.header_row, col.col), text(&col.header), Style::Header);
        }
        let council = format!(
            "IF({cover}!{hwb}=\"\",\"\",{cover}!{hwb})",
            cover = q(&self.p.sheets.cover),
            hwb = abs(self.p.cover.hwb.cell)
        );
        let mut row = l.header_row + 1;
        for source in &l.sources {
            let lines: Vec<(Value, Option<String>, Vec<Value>)> = match (source.role, self.chosen) {
                // One pre-populated row per CCG (or other listed organisation).
                (_, Some(board)) if source.rows_from.is_some() => {
                    board.ccgs.iter().map(|(name, amount)| (text(name), None, vec![Value::Number(*amount)])).collect()
                }
                (_, None) if source.rows_from.is_some() => vec![(Value::Empty, None, vec![Value::Empty])],
                (SourceRole::Dfg, Some(board)) if board.is_two_tier() => board
                    .districts
                    .iter()
                    .map(|(name, amounts)| (text(name), None, amounts.iter().map(|a| Value::Number(*a)).collect()))
                    .collect(),
                (role, _) if role.is_additional() => vec![(Value::Empty, None, Vec::new())],
                (_, _) => {
                    let org_suffix = match source.organisation.as_deref() {
                        Some("HWB") | None => String::new(),
                        Some(kind) => format!(" {kind}"),
                    };
                    let org_formula = if org_suffix.is_empty() {
                        council.clone()
                    } else {
                        format!(
                            "IF({cover}!{hwb}=\"\",\"\",{cover}!{hwb}&\"{org_suffix}\")",
                            cover = q(&self.p.sheets.cover),
                            hwb = abs(self.p.cover.hwb.cell)
                        )
                    };
                    let org_value = self.chosen.map_or(text(""), |b| text(&format!("{}{org_suffix}", b.name)));
                    let key = source.hwb_key.as_deref().unwrap_or("");
                    let amounts = (0..l.amounts.len())
                        .map(|y| self.cached_number(self.chosen.and_then(|b| board_figure(b, key, y))))
                        .collect();
                    vec![(org_value, Some(org_formula), amounts)]
                }
            };
            for (org_value, org_formula, amounts) in lines {
                self.put(&sheet, CellRef::new(row, l.source.col), text(&source.name), Style::Label);
                let org_at = CellRef::new(row, l.organisation.col);
                let desc_at = CellRef::new(row, l.description.col);
                if source.role.is_additional() {
                    self.input(&sheet, org_at);
                    self.input(&sheet, desc_at);
                    for col in &l.amounts {
                        let cell = CellRef::new(row, col.col);
                        self.input(&sheet, cell);
                        self.validate(
                            &sheet,
                            cell,
                            cell,
                            Validation::Decimal { min: self.p.funding.amount_min, max: self.p.funding.amount_max },
                        );
                    }
                } else {
                    match org_formula {
                        Some(f) => self.formula(&sheet, org_at, &f, org_value),
                        None => self.put(&sheet, org_at, org_value, Style::Prepopulated),
                    }
                    let key = source.hwb_key.clone().unwrap_or_default();
                    for (y, (col, cached)) in l.amounts.iter().zip(amounts).enumerate() {
                        let cell = CellRef::new(row, col.col);
                        let listed = source.rows_from.is_some()
                            || (self.chosen.is_some_and(Board::is_two_tier) && source.role == SourceRole::Dfg);
                        if listed {
                            self.put(&sheet, cell, cached, Style::Prepopulated);
                        } else {
                            let f = self.lookup(&key, y);
                            self.formula(&sheet, cell, &f, cached);
                        }
                    }
                }
                row += 1;
            }
        }
        let minimum = |b: &mut Self, m: &crate::profile::Minimum| {
            b.put(&sheet, m.label_cell, text(&m.label), Style::Label);
            for (y, cell) in m.cells.iter().enumerate() {
                match (&m.hwb_key, &m.formula) {
                    (Some(key), _) => {
                        let f = b.lookup(key, y);
                        let cached = b.cached_number(b.chosen.and_then(|board| board_figure(board, key, y)));
                        b.formula(&sheet, *cell, &f, cached);
                    }
                    // Worked out on another sheet; its cached value is filled in by recalculation.
                    (None, Some(f)) => b.formula(&sheet, *cell, f.trim_start_matches('='), Value::Number(0.0)),
                    (None, None) => {
                        b.input(&sheet, *cell);
                        b.validate(
                            &sheet,
                            *cell,
                            *cell,
                            Validation::Decimal { min: b.p.funding.amount_min, max: b.p.funding.amount_max },
                        );
                    }
                }
            }
        };
        for m in &l.minimums {
            minimum(self, m);
        }
        self.width(&sheet, 2, 34.0);
        self.width(&sheet, 3, 34.0);
        self.width(&sheet, 4, 16.0);
        self.width(&sheet, 5, 50.0);
        self.width(&sheet, 6, 16.0);
    }

    fn expenditure(&mut self) {
        let sheet = self.p.sheets.expenditure.clone();
        let l = &self.p.expenditure;
        self.put(&sheet, CellRef::new(2, 2), text("Expenditure"), Style::Title);
        let first = l.header_row + 1;
        for col in l.columns() {
            self.put(&sheet, CellRef::new(l.header_row, col.col), text(&col.header), Style::Header);
            for row in first..=l.last_row {
                self.input(&sheet, CellRef::new(row, col.col));
            }
            self.width(&sheet, col.col, 22.0);
        }
        let cell = |col: u32, row: u32| CellRef::new(row, col);
        let lists = &self.p.lists;
        let sub_types = {
            let mut all: Vec<&String> = Vec::new();
            for t in &lists.scheme_types {
                for s in &t.sub_types {
                    if !all.contains(&s) {
                        all.push(s);
                    }
                }
            }
            all.len()
        };
        let list_columns = [
            (l.scheme_type.col, 1, lists.scheme_types.len()),
            (l.area.col, 2, lists.area_of_spend.len()),
            (l.commissioner.col, 3, lists.commissioner.len()),
            (l.provider.col, 4, lists.provider.len()),
            (l.source.col, 5, lists.source_of_funding.len()),
            (l.new_existing.col, 7, lists.new_existing.len()),
            (l.sub_type.col, 8, sub_types),
        ];
        for (col, list, len) in list_columns {
            let v = self.list_ref(list, len);
            self.validate(&sheet, cell(col, first), cell(col, l.last_row), v);
        }
        for col in [l.nhs_share.col, l.la_share.col] {
            self.validate(
                &sheet,
                cell(col, first),
                cell(col, l.last_row),
                Validation::Decimal { min: 0.0, max: 100.0 },
            );
        }
        for col in &l.amounts {
            let v = Validation::Decimal { min: self.p.funding.amount_min, max: self.p.funding.amount_max };
            self.validate(&sheet, cell(col.col, first), cell(col.col, l.last_row), v);
        }
    }

    fn metrics(&mut self) {
        let sheet = self.p.sheets.metrics.clone();
        let l = &self.p.metrics;
        self.put(&sheet, CellRef::new(2, 2), text("Metrics"), Style::Title);
        let mut headers =
            vec![&l.metric, &l.code, &l.period, &l.baseline, &l.numerator, &l.denominator, &l.planned, &l.rationale];
        headers.extend(l.better.as_ref());
        for col in headers {
            self.put(&sheet, CellRef::new(l.header_row, col.col), text(&col.header), Style::Header);
        }
        let mut row = l.header_row + 1;
        for metric in &self.p.metric_list {
            for (i, period) in metric.periods.iter().enumerate() {
                let cell = |col: u32| CellRef::new(row, col);
                match &metric.local_prompt {
                    // A local metric: the board writes its name after the prompt, and its baseline.
                    Some(prompt) => {
                        self.put(&sheet, cell(l.metric.col), text(&format!("{} ", prompt.trim())), Style::Input);
                        self.input(&sheet, cell(l.baseline.col));
                        if let Some(better) = &l.better {
                            self.input(&sheet, cell(better.col));
                        }
                    }
                    None => {
                        self.put(&sheet, cell(l.metric.col), text(&metric.name), Style::Label);
                        let key = format!("baseline:{}", metric.code);
                        let f = self.lookup(&key, 0);
                        let cached = self.cached_number(self.chosen.and_then(|b| b.baseline(&metric.code)));
                        self.formula(&sheet, cell(l.baseline.col), &f, cached);
                    }
                }
                self.put(&sheet, cell(l.code.col), text(&metric.code), Style::Label);
                self.put(&sheet, cell(l.period.col), text(period), Style::Label);
                if metric.ratio {
                    self.input(&sheet, cell(l.numerator.col));
                    self.input(&sheet, cell(l.denominator.col));
                }
                self.input(&sheet, cell(l.planned.col));
                if i == 0 {
                    self.input(&sheet, cell(l.rationale.col));
                }
                row += 1;
            }
        }
        self.width(&sheet, 2, 60.0);
        self.width(&sheet, 9, 60.0);
    }

    /// What the checklist asks for, by sheet: (sheet, description, cell). Only cells whose being
    /// blank the round's own rules report, so that a plan the rules pass has a complete checklist.
    fn checklist_items(&self) -> Vec<(String, String, CellRef)> {
        let p = self.p;
        let s = &p.sheets;
        let mut items = Vec::new();
        let describe = |label: &str| label.trim().trim_end_matches([':', '?']).trim().to_string();
        let c = &p.cover;
        for field in [&c.hwb, &c.completed_by, &c.email, &c.phone, &c.signed_off] {
            items.push((s.cover.clone(), describe(&field.label), field.cell));
        }
        let t = &c.contacts;
        for (i, role) in t.roles.iter().enumerate() {
            let row = t.header_row + 1 + i as u32;
            items.push((s.cover.clone(), format!("{role}: name"), CellRef::new(row, t.name.col)));
            items.push((s.cover.clone(), format!("{role}: e-mail"), CellRef::new(row, t.email.col)));
        }
        let l = &p.metrics;
        let mut row = l.header_row + 1;
        for metric in &p.metric_list {
            for (i, period) in metric.periods.iter().enumerate() {
                let what = format!("{} ({period})", metric.code);
                items.push((s.metrics.clone(), format!("{what}: planned"), CellRef::new(row, l.planned.col)));
                if i == 0 {
                    items.push((
                        s.metrics.clone(),
                        format!("{}: rationale", metric.code),
                        CellRef::new(row, l.rationale.col),
                    ));
                }
                row += 1;
            }
        }
        let n = &p.conditions;
        for (i, condition) in p.condition_list.iter().enumerate() {
            let at = CellRef::new(n.header_row + 1 + i as u32, n.answer.col);
            items.push((s.conditions.clone(), format!("{}: does the plan meet it", condition.code), at));
        }
        items
    }

    /// The checklist the real templates carry: its own sheet after the guidance where the round
    /// names one, else a section of the cover below the contacts.
    fn checklist(&mut self) {
        let p = self.p;
        let (sheet, first_row, status) = match &p.sheets.checklist {
            Some(name) => {
                self.put(name, CellRef::new(2, 2), text("Checklist"), Style::Title);
                (name.clone(), 6, CellRef::new(3, 2))
            }
            None => {
                let t = &p.cover.contacts;
                let row = t.header_row + t.roles.len() as u32 + 3;
                self.put(&p.sheets.cover, CellRef::new(row, 2), text("Checklist"), Style::Header);
                let title = p.cover.title_cell;
                (p.sheets.cover.clone(), row + 1, CellRef::new(title.row + 2, title.col))
            }
        };
        self.put(
            &sheet,
            CellRef::new(first_row - 1, 2),
            text("Each item shows Yes once its cell is filled in. Select a cell reference to go to the cell."),
            Style::Note,
        );
        for (col, header) in ["Description", "Cell Reference", "checker"].iter().enumerate() {
            self.put(&sheet, CellRef::new(first_row, 2 + col as u32), text(header), Style::Header);
        }
        let mut items = Vec::new();
        let mut groups = Vec::new();
        let mut row = first_row + 1;
        let all = self.checklist_items();
        let mut start = 0;
        while start < all.len() {
            let group = all[start].0.clone();
            let end = start + all[start..].iter().take_while(|(s, _, _)| *s == group).count();
            self.put(&sheet, CellRef::new(row, 2), text(&group), Style::Label);
            row += 1;
            let first = items.len();
            for (target_sheet, description, target) in &all[start..end] {
                let link = CellRef::new(row, 3);
                let checker = CellRef::new(row, 4);
                self.put(&sheet, CellRef::new(row, 2), text(description), Style::Label);
                self.put(&sheet, link, text(&format!("{target_sheet}!{target}")), Style::Label);
                let formula = format!("=IF({}!{target}=\"\",\"No\",\"Yes\")", q(target_sheet));
                self.formula(&sheet, checker, &formula, text("No"));
                items.push(super::ChecklistItem { link, checker, target_sheet: target_sheet.clone(), target: *target });
                row += 1;
            }
            let completed = CellRef::new(row, 4);
            self.put(&sheet, CellRef::new(row, 2), text("Sheet completed"), Style::Label);
            let formula = format!(
                "=IF(COUNTIF({}:{},\"No\")=0,\"Yes\",\"No\")",
                items[first].checker,
                items[items.len() - 1].checker
            );
            self.formula(&sheet, completed, &formula, text("No"));
            groups.push((completed, first..items.len()));
            row += 2;
            start = end;
        }
        let checkers = format!("{}:{}", CellRef::new(first_row + 1, 4), CellRef::new(row, 4));
        let formula = format!("=IF(COUNTIF({checkers},\"No\")=0,\"Complete Template\",\"Incomplete Template\")");
        self.formula(&sheet, status, &formula, text("Incomplete Template"));
        if p.sheets.checklist.is_some() {
            self.width(&sheet, 2, 70.0);
            self.width(&sheet, 3, 30.0);
            self.width(&sheet, 4, 12.0);
        }
        self.m.checklist = Some(super::Checklist { sheet, items, groups, status });
    }

    fn conditions(&mut self) {
        let sheet = self.p.sheets.conditions.clone();
        let l = &self.p.conditions;
        self.put(&sheet, CellRef::new(2, 2), text("National Conditions"), Style::Title);
        for col in [&l.code, &l.condition, &l.answer, &l.actions, &l.timeframe] {
            self.put(&sheet, CellRef::new(l.header_row, col.col), text(&col.header), Style::Header);
        }
        let first = l.header_row + 1;
        for (i, condition) in self.p.condition_list.iter().enumerate() {
            let row = first + i as u32;
            self.put(&sheet, CellRef::new(row, l.code.col), text(&condition.code), Style::Label);
            self.put(&sheet, CellRef::new(row, l.condition.col), text(&condition.text), Style::Label);
            for col in [l.answer.col, l.actions.col, l.timeframe.col] {
                self.input(&sheet, CellRef::new(row, col));
            }
        }
        let last = first + self.p.condition_list.len().saturating_sub(1) as u32;
        let v = self.list_ref(6, self.p.lists.yes_no.len());
        self.validate(&sheet, CellRef::new(first, l.answer.col), CellRef::new(last, l.answer.col), v);
        self.width(&sheet, 3, 70.0);
        self.width(&sheet, 4, 24.0);
        self.width(&sheet, 5, 60.0);
        self.width(&sheet, 6, 24.0);
    }

    /// The pay-for-performance sheet (2015-16): baseline admissions pre-populated per quarter,
    /// planned admissions as inputs, and the fund and out-of-hospital requirement as formulas.
    fn pay_for_performance(&mut self) {
        let (Some(l), Some(sheet)) = (&self.p.pay_for_performance, self.p.sheets.pay_for_performance.clone()) else {
            return;
        };
        self.put(&sheet, CellRef::new(2, 2), text("Pay for Performance"), Style::Title);
        for col in [&l.quarter, &l.baseline_period, &l.baseline, &l.plan_period, &l.planned] {
            self.put(&sheet, CellRef::new(l.header_row, col.col), text(&col.header), Style::Header);
        }
        let first = l.header_row + 1;
        for (i, (baseline_period, plan_period)) in l.baseline_periods.iter().zip(&l.plan_periods).enumerate() {
            let row = first + i as u32;
            let cell = |col: u32| CellRef::new(row, col);
            self.put(&sheet, cell(l.quarter.col), Value::Number(i as f64 + 1.0), Style::Label);
            self.put(&sheet, cell(l.baseline_period.col), text(baseline_period), Style::Label);
            let key = format!("baseline:{}:{baseline_period}", l.metric.code);
            let f = self.lookup(&key, 0);
            let cached = self.cached_number(self.chosen.and_then(|b| b.figure(&key)));
            self.formula(&sheet, cell(l.baseline.col), &f, cached);
            self.put(&sheet, cell(l.plan_period.col), text(plan_period), Style::Label);
            self.input(&sheet, cell(l.planned.col));
            self.validate(
                &sheet,
                cell(l.planned.col),
                cell(l.planned.col),
                Validation::Decimal { min: 0.0, max: self.p.funding.amount_max },
            );
        }
        let last = first + l.baseline_periods.len().saturating_sub(1) as u32;
        let a = |c: CellRef| column_letters(c.col) + &c.row.to_string();
        self.put(&sheet, l.total.label_cell, text(&l.total.label), Style::Label);
        for (cell, col) in l.total.cells.iter().zip([l.baseline.col, l.planned.col]) {
            let c = column_letters(col);
            self.formula(&sheet, *cell, &format!("SUM({c}{first}:{c}{last})"), Value::Number(0.0));
        }
        let (base_total, plan_total) = (l.total.cells.first().copied(), l.total.cells.get(1).copied());
        let (base_total, plan_total) = (base_total.map(a).unwrap_or_default(), plan_total.map(a).unwrap_or_default());
        let formulas = [
            (&l.reduction, format!("{base_total}-{plan_total}")),
            (&l.reduction_percent, format!("IF({base_total}=0,0,{}/{base_total}*100)", a(l.reduction.cell))),
            (&l.fund, format!("MAX(0,{})*{}", a(l.reduction.cell), a(l.cost.cell))),
            (&l.required, format!("MAX(0,{}-{})", a(l.share.cell), a(l.fund.cell))),
        ];
        for (field, formula) in formulas {
            self.put(&sheet, field.label_cell, text(&field.label), Style::Label);
            self.formula(&sheet, field.cell, &formula, Value::Number(0.0));
        }
        for (field, key) in
            [(&l.cost, &l.cost_key), (&l.share, &l.share_key), (&l.operating_plan, &l.operating_plan_key)]
        {
            self.put(&sheet, field.label_cell, text(&field.label), Style::Label);
            let f = self.lookup(key, 0);
            let cached = self.cached_number(self.chosen.and_then(|b| b.figure(key)));
            self.formula(&sheet, field.cell, &f, cached);
        }
        // The cost may be overwritten with a local figure, with the reason beside it.
        self.m.style(&sheet, l.cost.cell, Style::Input);
        for field in [&l.cost_reason, &l.case] {
            self.put(&sheet, field.label_cell, text(&field.label), Style::Label);
            self.input(&sheet, field.cell);
        }
        self.width(&sheet, 2, 56.0);
        self.width(&sheet, 3, 30.0);
        self.width(&sheet, 4, 18.0);
        self.width(&sheet, 5, 40.0);
        self.width(&sheet, 6, 18.0);
    }

    fn summary(&mut self) {
        let sheet = self.p.sheets.summary.clone();
        let s = &self.p.summary;
        self.put(&sheet, CellRef::new(2, 2), text("Summary"), Style::Title);
        for (y, col) in s.value_cols.iter().enumerate() {
            let year = self.p.years.get(y).cloned().unwrap_or_default();
            self.put(&sheet, CellRef::new(5, *col), text(&year), Style::Header);
        }
        for def in &s.rows {
            self.put(&sheet, CellRef::new(def.row, s.label_col), text(&def.label), Style::Label);
            for (y, col) in s.value_cols.iter().enumerate() {
                let f = self.summary_formula(&def.value, y);
                self.formula(&sheet, CellRef::new(def.row, *col), &f, Value::Number(0.0));
            }
        }
        self.width(&sheet, 2, 30.0);
    }

    fn summary_formula(&self, value: &SummaryValue, year: usize) -> String {
        let p = self.p;
        let inc = q(&p.sheets.income);
        let e = &p.expenditure;
        let income_amount = p.income.amounts.get(year).map_or(0, |c| c.col);
        // The table ends above the minimums' labels.
        let top = p
            .income
            .minimums
            .iter()
            .map(|m| m.label_cell.row)
            .min()
            .unwrap_or(p.income.header_row + p.income.max_rows + 1);
        let income_last = (p.income.header_row + p.income.max_rows).min(top - 1);
        match value {
            SummaryValue::TotalIncome => {
                format!("SUM({inc}!{})", col_range(income_amount, p.income.header_row + 1, income_last))
            }
            SummaryValue::TotalExpenditure => {
                let amount = e.amounts.get(year).map_or(0, |c| c.col);
                format!("SUM({}!{})", q(&p.sheets.expenditure), col_range(amount, e.header_row + 1, e.last_row))
            }
            SummaryValue::Minimum(id) => p
                .income
                .minimum(id)
                .and_then(|m| m.cells.get(year))
                .map_or("0".to_string(), |c| format!("{inc}!{}", abs(*c))),
            SummaryValue::Planned(id) => match p.funding.minimum_tests.iter().find(|t| t.id == *id) {
                Some(test) => self.planned_formula(&test.counts, year),
                None => "0".to_string(),
            },
            SummaryValue::PerformanceFund => match (&p.pay_for_performance, &p.sheets.pay_for_performance) {
                (Some(layout), Some(sheet)) => format!("{}!{}", q(sheet), abs(layout.fund.cell)),
                _ => "0".to_string(),
            },
        }
    }

    /// The spending that counts towards a test, as an Excel formula: `SUMIFS` for one area of
    /// spend counted whole, else a `SUMPRODUCT` of every condition and the NHS share.
    fn planned_formula(&self, counts: &Counts, year: usize) -> String {
        let p = self.p;
        let e = &p.expenditure;
        let exp = q(&p.sheets.expenditure);
        let col = |c: u32| format!("{exp}!{}", col_range(c, e.header_row + 1, e.last_row));
        let amount = e.amounts.get(year).map_or(0, |c| c.col);
        let source = p.income.sources.iter().find(|s| s.role == counts.source).map_or("", |s| s.name.as_str());
        let v = &p.values;
        let simple = counts.share == Share::All
            && counts.areas.len() == 1
            && counts.areas_except.is_empty()
            && counts.scheme_type.is_none()
            && counts.sub_type.is_none();
        if simple {
            return format!(
                "SUMIFS({},{},\"{source}\",{},\"{}\")",
                col(amount),
                col(e.source.col),
                col(e.area.col),
                counts.areas[0]
            );
        }
        let mut factors = vec![format!("({}=\"{source}\")", col(e.source.col))];
        if !counts.areas.is_empty() {
            let any: Vec<String> = counts.areas.iter().map(|a| format!("({}=\"{a}\")", col(e.area.col))).collect();
            factors.push(format!("({})", any.join("+")));
        }
        factors.extend(counts.areas_except.iter().map(|a| format!("({}<>\"{a}\")", col(e.area.col))));
        if let Some(t) = &counts.scheme_type {
            factors.push(format!("({}=\"{t}\")", col(e.scheme_type.col)));
        }
        if let Some(t) = &counts.sub_type {
            factors.push(format!("({}=\"{t}\")", col(e.sub_type.col)));
        }
        if counts.share == Share::Nhs {
            factors.push(format!(
                "(({comm}=\"{nhs}\")+({comm}=\"{joint}\")*{share}/100)",
                comm = col(e.commissioner.col),
                share = col(e.nhs_share.col),
                nhs = v.commissioner_nhs,
                joint = v.commissioner_joint,
            ));
        }
        factors.push(col(amount));
        format!("SUMPRODUCT({})", factors.join("*"))
    }
}

fn num(n: Option<&f64>) -> Value {
    n.map_or(Value::Empty, |n| Value::Number(*n))
}

/// A board's figure for an `HWB Data` key and year.
pub(super) fn board_figure(board: &Board, key: &str, year: usize) -> Option<f64> {
    let list = match key {
        "nhs_minimum" => &board.nhs_minimum,
        "asc_minimum" => &board.asc_minimum,
        "ooh_minimum" => &board.ooh_minimum,
        "dfg" => &board.dfg,
        "la_grant" => &board.la_grant,
        _ => return None,
    };
    list.get(year).copied()
}
