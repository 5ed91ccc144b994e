//! A profile is checked as it loads: every reference it makes must resolve, so that a typo in a
//! profile file is an error that names its place, never a check silently switched off.

use super::Profile;
use crate::rules::CATALOGUE;

impl Profile {
    /// Every problem with the profile, each naming its JSON path and what to fix; empty when it
    /// is sound.
    pub fn problems(&self) -> Vec<String> {
        // Counts first: past them nothing else is looked at (a million conditions would make the
        // checks below, and every plan checked with it, slow).
        let too_many = self.past_limits();
        if !too_many.is_empty() {
            return too_many;
        }
        let mut out = Vec::new();
        let mut problem = |path: &str, text: String| out.push(format!("`{path}`: {text}"));
        let years = self.years.len();
        if years == 0 {
            problem("years", "list at least one planning year".into());
        }
        if self.id.trim().is_empty() {
            problem("id", "give the profile an id".into());
        }
        if self.title.trim().is_empty() {
            problem("title", "give the template's title, as its guidance or cover sheet shows it".into());
        }
        match (&self.version, &self.cover.version) {
            (Some(v), Some(_)) if v.trim().is_empty() => problem(
                "version",
                "give the version string the version cell shows, or leave out both `version` and `cover.version`"
                    .into(),
            ),
            (Some(_), None) => problem("cover.version", "say where the version cell is, or leave out `version`".into()),
            (None, Some(_)) => problem(
                "version",
                "give the version string the version cell shows, or leave out `cover.version`".into(),
            ),
            _ => {}
        }
        if self.income.amounts.len() != years {
            problem("income.amounts", format!("give one amount column per planning year ({years})"));
        }
        if self.expenditure.amounts.len() != years {
            problem("expenditure.amounts", format!("give one amount column per planning year ({years})"));
        }
        if self.summary.value_cols.len() != years {
            problem("summary.value_cols", format!("give one value column per planning year ({years})"));
        }
        let has_column = |key: &str| self.hwb_data.columns.iter().any(|c| c.key == key);
        let keys = |path: String, key: &str, problem: &mut dyn FnMut(&str, String)| {
            if !has_column(key) {
                problem(
                    &path,
                    format!("there is no `hwb_data` column with the key “{key}”; add one or correct the key"),
                );
            }
        };
        for key in [super::keys::CODE, super::keys::NAME] {
            keys("hwb_data.columns".into(), key, &mut problem);
        }
        if self.income.sources.iter().any(|s| s.role == super::SourceRole::Dfg) {
            for key in [super::keys::DFG, super::keys::DFG_DISTRICTS] {
                keys("hwb_data.columns".into(), key, &mut problem);
            }
        }
        for (i, source) in self.income.sources.iter().enumerate() {
            for key in source.hwb_key.iter().chain(&source.rows_from) {
                keys(format!("income.sources[{i}]"), key, &mut problem);
            }
            if !self.lists.source_of_funding.contains(&source.name) {
                problem(
                    &format!("income.sources[{i}].name"),
                    format!("“{}” is not in `lists.source_of_funding`", source.name),
                );
            }
        }
        for (i, minimum) in self.income.minimums.iter().enumerate() {
            if let Some(key) = &minimum.hwb_key {
                keys(format!("income.minimums[{i}].hwb_key"), key, &mut problem);
            }
            if minimum.cells.len() != years {
                problem(&format!("income.minimums[{i}].cells"), format!("give one cell per planning year ({years})"));
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for (i, test) in self.funding.minimum_tests.iter().enumerate() {
            let at = |field: &str| format!("funding.minimum_tests[{i}].{field}");
            if seen.contains(&test.id.as_str()) {
                problem(&at("id"), format!("“{}” is used twice", test.id));
            }
            seen.push(&test.id);
            if !CATALOGUE.iter().any(|r| r.id == test.rule) {
                problem(&at("rule"), format!("there is no rule “{}”; see docs/rules.md", test.rule));
            }
            match &test.minimum {
                super::MinimumSource::Income(id) if self.income.minimum(id).is_none() => {
                    problem(&at("minimum.income"), format!("there is no `income.minimums` entry with the id “{id}”"))
                }
                super::MinimumSource::HwbKey(key) => keys(at("minimum.hwb_key"), key, &mut problem),
                _ => {}
            }
            if !self.income.sources.iter().any(|s| s.role == test.counts.source) {
                problem(&at("counts.source"), "no income source has this role".into());
            }
            for area in test.counts.areas.iter().chain(&test.counts.areas_except) {
                if !self.lists.area_of_spend.contains(area) {
                    problem(&at("counts"), format!("“{area}” is not in `lists.area_of_spend`"));
                }
            }
            if let Some(kind) = &test.counts.scheme_type {
                match self.lists.scheme_type(kind) {
                    None => problem(&at("counts.scheme_type"), format!("“{kind}” is not in `lists.scheme_types`")),
                    Some(t) => {
                        if let Some(sub) = test.counts.sub_type.as_ref().filter(|s| !t.sub_types.contains(s)) {
                            problem(&at("counts.sub_type"), format!("“{sub}” is not a sub type of “{}”", t.name));
                        }
                    }
                }
            }
        }
        for (i, row) in self.summary.rows.iter().enumerate() {
            if let super::SummaryValue::Minimum(id) | super::SummaryValue::Planned(id) = &row.value {
                if !self.funding.minimum_tests.iter().any(|t| t.id == *id) && self.income.minimum(id).is_none() {
                    problem(
                        &format!("summary.rows[{i}].value"),
                        format!("there is no funding test with the id “{id}”"),
                    );
                }
            }
        }
        if let Some(ceiling) = &self.funding.ceiling {
            keys("funding.ceiling.hwb_key".into(), &ceiling.hwb_key, &mut problem);
            if !self.metric_list.iter().any(|m| m.code == ceiling.metric) {
                problem("funding.ceiling.metric", format!("there is no metric “{}”", ceiling.metric));
            }
        }
        for (i, metric) in self.metric_list.iter().enumerate() {
            if metric.local_prompt.is_none() {
                keys(format!("metric_list[{i}]"), &format!("baseline:{}", metric.code), &mut problem);
            }
            if metric.ratio && metric.scale.is_none() {
                problem(
                    &format!("metric_list[{i}].scale"),
                    "a metric with a numerator and denominator needs a scale".into(),
                );
            }
        }
        if let Some(l) = &self.pay_for_performance {
            if self.sheets.pay_for_performance.is_none() {
                problem("sheets.pay_for_performance", "name the sheet the `pay_for_performance` layout is on".into());
            }
            if l.baseline_periods.len() != l.plan_periods.len() {
                problem("pay_for_performance.plan_periods", "give one plan period per baseline period".into());
            }
            for key in [&l.cost_key, &l.share_key, &l.operating_plan_key] {
                keys("pay_for_performance".into(), key, &mut problem);
            }
            for period in &l.baseline_periods {
                keys(
                    "pay_for_performance.baseline_periods".into(),
                    &format!("baseline:{}:{period}", l.metric.code),
                    &mut problem,
                );
            }
        }
        for (i, condition) in self.condition_list.iter().enumerate() {
            for (j, rule) in condition.contradicted_by.iter().enumerate() {
                if !CATALOGUE.iter().any(|r| r.id == rule) {
                    problem(
                        &format!("condition_list[{i}].contradicted_by[{j}]"),
                        format!("there is no rule “{rule}”; see docs/rules.md"),
                    );
                }
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for (i, condition) in self.condition_list.iter().enumerate() {
            if seen.contains(&condition.code.as_str()) {
                problem(&format!("condition_list[{i}].code"), format!("“{}” is used twice", condition.code));
            }
            seen.push(&condition.code);
        }
        let mut seen: Vec<&str> = Vec::new();
        for (i, metric) in self.metric_list.iter().enumerate() {
            if seen.contains(&metric.code.as_str()) {
                problem(&format!("metric_list[{i}].code"), format!("“{}” is used twice", metric.code));
            }
            seen.push(&metric.code);
        }
        let v = &self.values;
        let l = &self.lists;
        for (name, value, list, list_name) in [
            ("yes", &v.yes, &l.yes_no, "yes_no"),
            ("no", &v.no, &l.yes_no, "yes_no"),
            ("social_care", &v.social_care, &l.area_of_spend, "area_of_spend"),
            ("acute", &v.acute, &l.area_of_spend, "area_of_spend"),
            ("commissioner_la", &v.commissioner_la, &l.commissioner, "commissioner"),
            ("commissioner_nhs", &v.commissioner_nhs, &l.commissioner, "commissioner"),
            ("commissioner_joint", &v.commissioner_joint, &l.commissioner, "commissioner"),
        ] {
            if !list.contains(value) {
                problem(&format!("values.{name}"), format!("“{value}” is not in `lists.{list_name}`"));
            }
        }
        if l.scheme_type(&v.dfg_scheme_type).is_none() {
            problem("values.dfg_scheme_type", format!("“{}” is not in `lists.scheme_types`", v.dfg_scheme_type));
        }
        out
    }

    /// Every count, row and text past what a real template has, by its JSON path: real
    /// templates have tens of each, and a definition far past them only makes checking slow or
    /// memory-hungry.
    fn past_limits(&self) -> Vec<String> {
        use crate::workbook::MAX_ROW;
        let mut out = Vec::new();
        let mut count = |path: &str, n: usize, most: usize| {
            if n > most {
                out.push(format!("`{path}`: {n} entries; a template definition has at most {most}"));
            }
        };
        count("years", self.years.len(), LIMITS.years);
        count("metric_list", self.metric_list.len(), LIMITS.metrics);
        count("condition_list", self.condition_list.len(), LIMITS.conditions);
        count("funding.minimum_tests", self.funding.minimum_tests.len(), LIMITS.tests);
        count("income.sources", self.income.sources.len(), LIMITS.sources);
        count("income.minimums", self.income.minimums.len(), LIMITS.tests);
        count("income.amounts", self.income.amounts.len(), LIMITS.years);
        count("expenditure.amounts", self.expenditure.amounts.len(), LIMITS.years);
        count("summary.rows", self.summary.rows.len(), LIMITS.rows);
        count("summary.value_cols", self.summary.value_cols.len(), LIMITS.years);
        count("cover.contacts.roles", self.cover.contacts.roles.len(), LIMITS.rows);
        count("hwb_data.columns", self.hwb_data.columns.len(), LIMITS.hwb_columns);
        let l = &self.lists;
        count("lists.scheme_types", l.scheme_types.len(), LIMITS.list_values);
        for (name, list) in [
            ("area_of_spend", &l.area_of_spend),
            ("commissioner", &l.commissioner),
            ("provider", &l.provider),
            ("source_of_funding", &l.source_of_funding),
            ("yes_no", &l.yes_no),
            ("new_existing", &l.new_existing),
        ] {
            count(&format!("lists.{name}"), list.len(), LIMITS.list_values);
        }
        for (i, t) in l.scheme_types.iter().enumerate() {
            count(&format!("lists.scheme_types[{i}].sub_types"), t.sub_types.len(), LIMITS.list_values);
        }
        for (i, m) in self.metric_list.iter().enumerate() {
            count(&format!("metric_list[{i}].periods"), m.periods.len(), LIMITS.rows);
        }
        for (i, c) in self.condition_list.iter().enumerate() {
            count(&format!("condition_list[{i}].contradicted_by"), c.contradicted_by.len(), LIMITS.tests);
        }
        for (i, t) in self.funding.minimum_tests.iter().enumerate() {
            count(&format!("funding.minimum_tests[{i}].counts.areas"), t.counts.areas.len(), LIMITS.list_values);
            count(
                &format!("funding.minimum_tests[{i}].counts.areas_except"),
                t.counts.areas_except.len(),
                LIMITS.list_values,
            );
        }
        if let Some(p) = &self.pay_for_performance {
            count("pay_for_performance.baseline_periods", p.baseline_periods.len(), LIMITS.rows);
            count("pay_for_performance.plan_periods", p.plan_periods.len(), LIMITS.rows);
        }
        // A message is written out for every finding it gives: its words are bounded, so no
        // placeholder repeated in it can multiply a board's name into gigabytes.
        for (i, t) in self.funding.minimum_tests.iter().enumerate() {
            for (field, text) in [("message", &t.message), ("hint", &t.hint)] {
                if text.chars().count() > LIMITS.message_chars {
                    out.push(format!(
                        "`funding.minimum_tests[{i}].{field}`: {} characters; a message is at most {}",
                        text.chars().count(),
                        LIMITS.message_chars
                    ));
                }
            }
        }
        // Rows inside Excel's grid (columns and cells are checked as they are read).
        let mut row = |path: String, r: u32| {
            if r == 0 || r > MAX_ROW {
                out.push(format!("`{path}`: row {r} is not a row of a sheet (rows are 1 to {MAX_ROW})"));
            }
        };
        row("cover.contacts.header_row".into(), self.cover.contacts.header_row);
        row("income.header_row".into(), self.income.header_row);
        row("expenditure.header_row".into(), self.expenditure.header_row);
        row("expenditure.last_row".into(), self.expenditure.last_row);
        row("metrics.header_row".into(), self.metrics.header_row);
        row("conditions.header_row".into(), self.conditions.header_row);
        row("hwb_data.header_row".into(), self.hwb_data.header_row);
        for (i, r) in self.summary.rows.iter().enumerate() {
            row(format!("summary.rows[{i}].row"), r.row);
        }
        if let Some(p) = &self.pay_for_performance {
            row("pay_for_performance.header_row".into(), p.header_row);
        }
        if self.income.max_rows > LIMITS.table_rows {
            out.push(format!(
                "`income.max_rows`: {} rows; an income table has at most {}",
                self.income.max_rows, LIMITS.table_rows
            ));
        }
        if self.expenditure.last_row < self.expenditure.header_row {
            out.push("`expenditure.last_row`: it is above the header row".into());
        }
        // Two columns for one figure, or two minimums with one id: which one a rule reads would
        // be a guess.
        let mut keys = std::collections::HashSet::new();
        for (i, c) in self.hwb_data.columns.iter().enumerate() {
            if !keys.insert((c.key.as_str(), c.year)) {
                out.push(format!("`hwb_data.columns[{i}].key`: “{}” (year {}) is used twice", c.key, c.year));
            }
        }
        let mut ids = std::collections::HashSet::new();
        for (i, m) in self.income.minimums.iter().enumerate() {
            if !ids.insert(m.id.as_str()) {
                out.push(format!("`income.minimums[{i}].id`: “{}” is used twice", m.id));
            }
        }
        // A version is matched exactly, surrounding spaces ignored: spaces or invisible
        // characters inside the definition's own string could never be matched as meant.
        if let Some(v) = &self.version {
            if v.trim() != v || v.chars().any(invisible) {
                out.push(
                    "`version`: it has spaces around it or characters that do not show (such as a zero-width space); give the version exactly as the cell shows it".into(),
                );
            }
        }
        out
    }
}

/// A character that takes no space on screen: control characters, zero-width spaces and joiners,
/// direction marks, the word joiner and the byte-order mark.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// What a template definition may hold: far above any real template's (tens of each).
pub struct Limits {
    pub years: usize,
    pub metrics: usize,
    pub conditions: usize,
    pub tests: usize,
    pub sources: usize,
    pub rows: usize,
    pub hwb_columns: usize,
    pub list_values: usize,
    pub message_chars: usize,
    pub table_rows: u32,
}

pub const LIMITS: Limits = Limits {
    years: 10,
    metrics: 100,
    conditions: 100,
    tests: 100,
    sources: 100,
    rows: 200,
    hwb_columns: 1_000,
    list_values: 1_000,
    message_chars: 2_000,
    table_rows: 10_000,
};
