//! The template profiles, one per planning round, kept as data (`profiles/*.json`, embedded at
//! build time). A new planning round is a new JSON file added to [`PROFILE_SOURCES`].
//!
//! Architecture invariant: no other module names a sheet, label, cell address, list value or
//! threshold of the template; they all come from a [`Profile`].

use std::sync::{Mutex, OnceLock};

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::workbook::{column_number, CellRef};

/// The profile files, the source of the built-in profiles. Order does not matter; ids and version
/// strings must be unique. The programs carry them as Rust ([`built_in`], generated from these by
/// [`built_in_rust`]), so that the web worker needs neither their text nor a JSON parser for them.
#[cfg(not(target_arch = "wasm32"))]
const PROFILE_SOURCES: &[(&str, &str)] = &[
    ("2017-19.json", include_str!("profiles/2017-19.json")),
    ("2025-26.json", include_str!("profiles/2025-26.json")),
    ("2015-16.json", include_str!("profiles/2015-16.json")),
];

/// The `HWB Data` keys the code itself looks up (every other key comes from the profile's own
/// references). A profile that has a grant source (role `dfg`) must have these columns; loading
/// checks it.
pub mod keys {
    /// The board's ONS code and name: how the Cover's choice finds its row.
    pub const CODE: &str = "code";
    pub const NAME: &str = "name";
    /// The Disabled Facilities Grant and, in two-tier areas, its districts (`Name=amount;…`).
    pub const DFG: &str = "dfg";
    pub const DFG_DISTRICTS: &str = "dfg_districts";
}

/// The built-in profiles, made once from the Rust the profile files were turned into. The tests
/// check that it is current and that each file parses and validates (as every profile loaded at
/// run time must).
fn built_in() -> &'static [Profile] {
    static PROFILES: OnceLock<Vec<Profile>> = OnceLock::new();
    PROFILES.get_or_init(built_in::profiles)
}

/// databake's expression as plain Rust: `crate::profile::` and `crate::workbook::` left off the
/// types (the generated file imports them), and `alloc::vec![…]` written `Vec::from([…])`, which
/// prettyplease lays out (it leaves a macro's contents on long lines as they come).
#[cfg(not(target_arch = "wasm32"))]
fn plain_rust(tokens: databake::TokenStream) -> databake::TokenStream {
    use databake::TokenStream;
    use proc_macro2::{Delimiter, Group, TokenTree};
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let text = |i: usize| trees.get(i).map(|t| t.to_string()).unwrap_or_default();
    let mut out = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        let path: Vec<String> = (i..i + 5).map(text).collect();
        if path[0] == "crate" && path[1] == ":" && path[2] == ":" && ["profile", "workbook"].contains(&path[3].as_str())
        {
            // `crate :: profile ::` is five tokens (`::` is two `:` puncts).
            i += 6;
            continue;
        }
        if path[0] == "alloc" && path[3] == "vec" && path[4] == "!" {
            if let Some(TokenTree::Group(items)) = trees.get(i + 5) {
                let array = Group::new(Delimiter::Bracket, plain_rust(items.stream()));
                let call: TokenStream = databake::quote! { Vec::from(#array) };
                out.extend(call);
                i += 6;
                continue;
            }
        }
        if path[0].starts_with('"') && path[1] == "." && path[2] == "to_owned" && path[3] == "()" {
            // `"text".to_owned()` as `text("text")`: one small function rather than the
            // allocation and copy written out at each of two thousand places.
            let literal = &trees[i];
            out.extend(databake::quote! { text(#literal) });
            i += 4;
            continue;
        }
        out.push(match &trees[i] {
            TokenTree::Group(g) => TokenTree::Group(Group::new(g.delimiter(), plain_rust(g.stream()))),
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

/// The Rust of `src/profile/built_in.rs`: every profile file parsed, validated and written as
/// the expression that builds it (databake), laid out by prettyplease. A file that does not load
/// is a mistake in this repository, so it panics.
#[cfg(not(target_arch = "wasm32"))]
pub fn built_in_rust() -> String {
    use databake::Bake;
    let env = databake::CrateEnv::default();
    let profiles = PROFILE_SOURCES.iter().map(|(name, json)| {
        parse(json).unwrap_or_else(|problems| panic!("profile {name}: {}", problems.join("; "))).bake(&env)
    });
    let sources = PROFILE_SOURCES.iter().map(|(name, _)| format!("profiles/{name}")).collect::<Vec<_>>().join(", ");
    let profiles = profiles.map(plain_rust);
    let tokens = databake::quote! {
        use super::*;
        use crate::workbook::CellRef;

        #[inline(never)]
        fn text(text: &str) -> String {
            text.to_owned()
        }

        /// The built-in profiles, in the order of their files.
        pub fn profiles() -> Vec<Profile> {
            Vec::from([#(#profiles),*])
        }
    };
    let file: syn::File = syn::parse2(tokens).unwrap_or_else(|e| panic!("generated profiles: {e}"));
    format!(
        "//! The built-in profiles as Rust, generated from {sources} by `profile::built_in_rust`.\n\
         //! Do not edit: change the JSON, then run the tests with BLESS=1.\n\n{}",
        prettyplease::unparse(&file)
    )
}

/// Profiles loaded at run time from files (`--profile`, the page's "different template
/// definition"), for the rest of the process or page.
static LOADED: Mutex<Vec<&'static Profile>> = Mutex::new(Vec::new());

/// Every known profile: the built-in ones, then any loaded at run time.
pub fn all() -> Vec<&'static Profile> {
    let mut profiles: Vec<&'static Profile> = built_in().iter().collect();
    profiles.extend(LOADED.lock().map(|l| l.clone()).unwrap_or_default());
    profiles
}

/// The profile whose version string (Cover!C3) is `version`, ignoring surrounding spaces;
/// definitions loaded at run time first.
pub fn by_version(version: &str) -> Option<&'static Profile> {
    let version = version.trim();
    if version.is_empty() {
        return None;
    }
    in_recognition_order().into_iter().find(|p| p.version.as_deref() == Some(version))
}

/// Every profile in the order a workbook is matched against them: definitions loaded at run time
/// first (a board's own definition of a real template wins over a built-in round with the same
/// title or version), then the built-in ones.
pub fn in_recognition_order() -> Vec<&'static Profile> {
    let mut profiles: Vec<&'static Profile> =
        LOADED.lock().map(|l| l.iter().rev().copied().collect()).unwrap_or_default();
    profiles.extend(built_in().iter());
    profiles
}

pub fn by_id(id: &str) -> Option<&'static Profile> {
    all().into_iter().find(|p| p.id == id)
}

/// The built-in profiles only (`bcf-check profiles`).
pub fn built_in_profiles() -> &'static [Profile] {
    built_in()
}

/// A built-in profile's JSON as shipped (`bcf-check profile ID`): the starting point for
/// describing a new round or a real published template.
#[cfg(not(target_arch = "wasm32"))]
pub fn built_in_json(id: &str) -> Option<&'static str> {
    let index = built_in().iter().position(|p| p.id == id)?;
    PROFILE_SOURCES.get(index).map(|(_, json)| *json)
}

/// The JSON Schema of the profile format, made from these types (`docs/profile.schema.json`).
#[cfg(not(target_arch = "wasm32"))]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Profile);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// The largest template definition read: the built-in ones are 12–21 KB.
pub const MAX_DEFINITION_BYTES: usize = 1024 * 1024;

/// A definition file's text: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark,
/// as Windows PowerShell 5 writes `bcf-check profile 2025-26 > x.json`.
pub fn definition_text(bytes: &[u8]) -> Result<String, String> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|c| from([c[0], c[1]])).collect();
        String::from_utf16(&units).map_err(|_| "the file: it is not valid UTF-16 text".to_string())
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes.to_vec())
            .map_err(|_| "the file: it is not text (a template definition is JSON, saved as UTF-8)".to_string()),
    }
}

/// Parses and validates a profile from JSON: every problem, each with the JSON path it is at
/// and what to fix.
pub fn parse(json: &str) -> Result<Profile, Vec<String>> {
    // Editors on Windows start a file with a byte-order mark; it is not part of the JSON.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if json.len() > MAX_DEFINITION_BYTES {
        return Err(vec![format!(
            "the file: a template definition is at most {} KB (the built-in ones are about 20 KB); this one is {} KB",
            MAX_DEFINITION_BYTES / 1024,
            json.len() / 1024
        )]);
    }
    let deserializer = &mut serde_json::Deserializer::from_str(json);
    let profile: Profile = serde_path_to_error::deserialize(&mut *deserializer).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." { "the file".to_string() } else { format!("`{path}`") };
        vec![format!("{at}: {}", e.inner())]
    })?;
    // Anything after the definition (a second one, or text pasted by mistake) is refused.
    deserializer.end().map_err(|e| vec![format!("the file: there is more after the definition ({e})")])?;
    let problems = profile.problems();
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(problems)
    }
}

/// Loads a profile from JSON for the rest of the process, beside the built-in ones. Its id must
/// be new. It may share a built-in round's title or version string: run-time definitions are
/// tried first (a board's own definition of a real template), so it wins over that round.
pub fn load(json: &str) -> Result<&'static Profile, Vec<String>> {
    let profile = parse(json)?;
    let mut loaded = LOADED.lock().map_err(|_| vec!["the profiles could not be read".to_string()])?;
    if built_in().iter().chain(loaded.iter().copied()).any(|p| p.id == profile.id) {
        return Err(vec![format!(
            "`id`: another template definition already has the id “{}”; give this one its own",
            profile.id
        )]);
    }
    // A loaded profile lives as long as the process: rules hold references to it.
    let profile: &'static Profile = Box::leak(Box::new(profile));
    loaded.push(profile);
    Ok(profile)
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// `2017-19`, `2025-26`.
    pub id: String,
    /// The template's title (Cover!B2 in the modelled rounds): a workbook is recognised by it,
    /// in the first rows of the guidance or cover sheet, when it has no version cell.
    pub title: String,
    /// The version string in the version cell (Cover!C3 in the modelled rounds) that identifies
    /// this profile. Optional: real templates carry none, and are recognised by their title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The financial years planned, e.g. `["2017-18", "2018-19"]`; amounts have one column each.
    pub years: Vec<String>,
    pub sheets: SheetNames,
    pub cover: CoverLayout,
    pub income: IncomeLayout,
    pub expenditure: ExpenditureLayout,
    pub metrics: MetricsLayout,
    pub conditions: ConditionsLayout,
    pub summary: SummaryLayout,
    pub hwb_data: HwbDataLayout,
    pub lists: Lists,
    pub values: NamedValues,
    pub metric_list: Vec<MetricDef>,
    pub condition_list: Vec<ConditionDef>,
    pub funding: FundingParams,
    /// The pay-for-performance sheet (2015-16); absent in rounds without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_for_performance: Option<PayForPerformanceLayout>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct SheetNames {
    pub guidance: String,
    /// The template's own checklist, when it is a sheet of its own (after the guidance); without
    /// one, the blank template carries its checklist as a section of the cover sheet. No rule
    /// reads it: a workbook's checklist is found wherever it is (`own_checks`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checklist: Option<String>,
    pub cover: String,
    pub summary: String,
    pub income: String,
    pub expenditure: String,
    pub metrics: String,
    pub conditions: String,
    /// The pay-for-performance sheet, in rounds that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_for_performance: Option<String>,
    pub lists: String,
    pub hwb_data: String,
}

impl SheetNames {
    /// Workbook order, as the report sorts findings.
    pub fn in_order(&self) -> Vec<&str> {
        let mut names = vec![self.guidance.as_str()];
        names.extend(self.checklist.as_deref());
        names.extend([
            self.cover.as_str(),
            &self.summary,
            &self.income,
            &self.expenditure,
            &self.metrics,
            &self.conditions,
        ]);
        names.extend(self.pay_for_performance.as_deref());
        names.extend([self.lists.as_str(), &self.hwb_data]);
        names
    }

    /// The sheets a workbook must have to be this template (`template.sheet-missing`).
    pub fn required(&self) -> Vec<&str> {
        let mut names =
            vec![self.cover.as_str(), &self.summary, &self.income, &self.expenditure, &self.metrics, &self.conditions];
        names.extend(self.pay_for_performance.as_deref());
        names.push(&self.hwb_data);
        names
    }
}

/// A value cell identified by the label beside it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct LabelledCell {
    pub label: String,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    #[serde(deserialize_with = "cell_ref", serialize_with = "a1")]
    pub label_cell: CellRef,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    #[serde(deserialize_with = "cell_ref", serialize_with = "a1")]
    pub cell: CellRef,
}

/// A table column: its letter and the header text above it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct Column {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    #[serde(deserialize_with = "column", serialize_with = "letters")]
    pub col: u32,
    pub header: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct CoverLayout {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    #[serde(deserialize_with = "cell_ref", serialize_with = "a1")]
    pub title_cell: CellRef,
    /// The version cell, where the template has one (give it with `version`, or neither).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<LabelledCell>,
    pub hwb: LabelledCell,
    pub completed_by: LabelledCell,
    pub email: LabelledCell,
    pub phone: LabelledCell,
    pub signed_off: LabelledCell,
    pub signoff_date: LabelledCell,
    pub contacts: ContactsLayout,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct ContactsLayout {
    pub header_row: u32,
    pub role: Column,
    pub name: Column,
    pub email: Column,
    /// The pre-set roles, one per row below the header.
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct IncomeLayout {
    pub header_row: u32,
    pub max_rows: u32,
    pub source: Column,
    pub organisation: Column,
    /// One amount column per planning year.
    pub amounts: Vec<Column>,
    pub description: Column,
    /// The minimums below the table (a label and one cell per year), each named by an id that the
    /// funding tests and the Summary's rows refer to.
    pub minimums: Vec<Minimum>,
    /// The funding sources in the order the template lists them.
    pub sources: Vec<IncomeSource>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct Minimum {
    /// `asc`, `ooh`: what funding tests and Summary rows call it.
    pub id: String,
    pub label: String,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    #[serde(deserialize_with = "cell_ref", serialize_with = "a1")]
    pub label_cell: CellRef,
    /// One value cell per year.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<String>"))]
    #[serde(deserialize_with = "cell_refs", serialize_with = "a1s")]
    pub cells: Vec<CellRef>,
    /// The `HWB Data` key holding the expected figure, when the template pre-populates it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hwb_key: Option<String>,
    /// The board declares the figure (an input cell): it must be filled in.
    #[serde(default)]
    pub input: bool,
    /// The template's formula for a figure worked out on another sheet (for the template writer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct IncomeSource {
    pub name: String,
    pub role: SourceRole,
    /// For pre-populated sources, the `HWB Data` key of the expected amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hwb_key: Option<String>,
    /// The organisation shown for a pre-populated row (`HWB` = the board's council).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// An `HWB Data` key holding `Name=amount` pairs: the source has one pre-populated row per
    /// pair, the organisation being the name (2015-16: one row per contributing CCG).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows_from: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(rename_all = "snake_case")]
pub enum SourceRole {
    Dfg,
    LaGrant,
    NhsMinimum,
    AdditionalLa,
    AdditionalNhs,
}

impl SourceRole {
    pub fn is_additional(self) -> bool {
        matches!(self, SourceRole::AdditionalLa | SourceRole::AdditionalNhs)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct ExpenditureLayout {
    pub header_row: u32,
    /// Rows in the blank template (header_row + 1 ..= last_row); rows a user inserts are read too.
    pub last_row: u32,
    pub scheme_id: Column,
    pub scheme_name: Column,
    pub description: Column,
    pub scheme_type: Column,
    pub sub_type: Column,
    pub type_other: Column,
    pub area: Column,
    pub area_other: Column,
    pub commissioner: Column,
    pub nhs_share: Column,
    pub la_share: Column,
    pub provider: Column,
    pub source: Column,
    pub amounts: Vec<Column>,
    pub new_existing: Column,
}

impl ExpenditureLayout {
    /// Every column of the table, in sheet order.
    pub fn columns(&self) -> Vec<&Column> {
        let mut cols = vec![
            &self.scheme_id,
            &self.scheme_name,
            &self.description,
            &self.scheme_type,
            &self.sub_type,
            &self.type_other,
            &self.area,
            &self.area_other,
            &self.commissioner,
            &self.nhs_share,
            &self.la_share,
            &self.provider,
            &self.source,
        ];
        cols.extend(self.amounts.iter());
        cols.push(&self.new_existing);
        cols
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct MetricsLayout {
    pub header_row: u32,
    pub metric: Column,
    pub code: Column,
    pub period: Column,
    pub baseline: Column,
    pub numerator: Column,
    pub denominator: Column,
    pub planned: Column,
    pub rationale: Column,
    /// `Higher` or `Lower`, for metrics whose direction the board states (local metrics).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub better: Option<Column>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct ConditionsLayout {
    pub header_row: u32,
    pub code: Column,
    pub condition: Column,
    pub answer: Column,
    pub actions: Column,
    pub timeframe: Column,
    /// The timeframe must be a date (`condition.timeframe-invalid`).
    #[serde(default)]
    pub timeframe_is_date: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct SummaryLayout {
    pub rows: Vec<SummaryRowDef>,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    #[serde(deserialize_with = "label_column", serialize_with = "letters")]
    pub label_col: u32,
    /// One value column per year.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<String>"))]
    #[serde(deserialize_with = "columns", serialize_with = "letters_each")]
    pub value_cols: Vec<u32>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct SummaryRowDef {
    pub value: SummaryValue,
    pub label: String,
    pub row: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(rename_all = "snake_case")]
pub enum SummaryValue {
    /// Every income row's amount.
    TotalIncome,
    /// Every scheme's amount.
    TotalExpenditure,
    /// The minimum of the funding test with this id, as the Income sheet holds it.
    Minimum(String),
    /// The spending that counts towards the funding test with this id.
    Planned(String),
    /// The pay-for-performance fund.
    PerformanceFund,
}

impl SummaryValue {
    /// A name for listings: `TotalIncome`, `AscMinimum`, `OohPlanned`.
    pub fn name(&self) -> String {
        let titled = |id: &str| {
            let mut chars = id.chars();
            // Ids are ASCII by convention; anything else is left as it is (a listing name only),
            // so the page's download carries no Unicode upper-case table for this.
            chars.next().map_or(String::new(), |c| std::iter::once(c.to_ascii_uppercase()).chain(chars).collect())
        };
        match self {
            SummaryValue::TotalIncome => "TotalIncome".into(),
            SummaryValue::TotalExpenditure => "TotalExpenditure".into(),
            SummaryValue::Minimum(id) => format!("{}Minimum", titled(id)),
            SummaryValue::Planned(id) => format!("{}Planned", titled(id)),
            SummaryValue::PerformanceFund => "PerformanceFund".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct HwbDataLayout {
    pub header_row: u32,
    /// The columns in the order the template lays them out; found by header text when read.
    pub columns: Vec<HwbColumn>,
}

impl HwbDataLayout {
    /// The header of the column holding `key` for `year` (0-based).
    pub fn header(&self, key: &str, year: usize) -> Option<&str> {
        self.columns.iter().find(|c| c.key == key && c.year == year).map(|c| c.header.as_str())
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct HwbColumn {
    /// `code`, `name`, `nhs_minimum`, `asc_minimum`, `ooh_minimum`, `dfg`, `la_grant`,
    /// `dfg_districts`, `baseline:<metric code>`, `dtoc_expectation`.
    pub key: String,
    #[serde(default)]
    pub year: usize,
    pub header: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct Lists {
    pub scheme_types: Vec<SchemeType>,
    pub area_of_spend: Vec<String>,
    pub commissioner: Vec<String>,
    pub provider: Vec<String>,
    pub source_of_funding: Vec<String>,
    pub yes_no: Vec<String>,
    pub new_existing: Vec<String>,
}

impl Lists {
    pub fn scheme_type(&self, name: &str) -> Option<&SchemeType> {
        self.scheme_types.iter().find(|t| t.name == name)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct SchemeType {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_types: Vec<String>,
}

/// List values that rules treat specially, named by their meaning.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct NamedValues {
    pub yes: String,
    pub no: String,
    pub other: String,
    pub social_care: String,
    pub acute: String,
    pub commissioner_la: String,
    pub commissioner_nhs: String,
    pub commissioner_joint: String,
    pub dfg_scheme_type: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Lower,
    Higher,
    /// The board states it, `Higher` or `Lower`, beside the metric (local metrics).
    Stated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Count,
    Rate,
    Percent,
    Days,
    /// As the board states (local metrics).
    Stated,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct MetricDef {
    pub code: String,
    pub name: String,
    pub periods: Vec<String>,
    pub unit: Unit,
    /// 100,000 for rates, 100 for percentages; absent for counts and days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
    pub better: Direction,
    /// Whether the plan gives a numerator and denominator.
    pub ratio: bool,
    /// A metric the board chooses and names (2015-16: BCF5, BCF6): the template's prompt in the
    /// metric's name cell, which alone counts as no name. Its baseline is an input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_prompt: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct ConditionDef {
    pub code: String,
    pub text: String,
    /// Rule ids whose findings show this condition is not met (`condition.contradicted`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradicted_by: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct FundingParams {
    pub amount_min: f64,
    pub amount_max: f64,
    /// Income and expenditure for a source may differ by this much (pounds).
    pub balance_tolerance: f64,
    /// Planned metric values may differ from numerator ÷ denominator × scale by this much.
    pub rate_tolerance: f64,
    /// A plan this much better or worse than baseline (as a fraction) is implausible.
    pub implausible_change: f64,
    /// A metric whose plan must not exceed a figure set for each board (2017-19: delayed
    /// transfers of care, against the `DTOC Expectation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<MetricCeiling>,
    /// The minimum-spend tests: which spending counts, against which minimum, reported how.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minimum_tests: Vec<MinimumTest>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct MetricCeiling {
    pub metric: String,
    /// The `HWB Data` key of the board's ceiling.
    pub hwb_key: String,
}

/// A minimum-spend test, as data: the spending that counts (by source, area of spend, scheme type
/// and sub type, and how much of a joint scheme), the minimum it is held against, the rule that
/// reports a shortfall and the words it uses.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct MinimumTest {
    pub id: String,
    /// A catalogue rule id (`funding.asc-minimum`, `funding.earmark-minimum`…).
    pub rule: String,
    /// What the page calls it: `Minimum spend on adult social care`.
    pub name: String,
    pub minimum: MinimumSource,
    pub counts: Counts,
    /// The finding's message and hint, with `{source}`, `{year}` (" for 2018-19" in two-year
    /// rounds), `{planned}`, `{minimum}`, `{gap}` and `{board}` filled in.
    pub message: String,
    pub hint: String,
    /// Where the finding points: the minimum's cell, or the first scheme that counts.
    #[serde(default)]
    pub points_at: PointsAt,
    /// What a shortfall says about a national condition linked to this rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// Where a minimum comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum MinimumSource {
    /// One of `income.minimums`, by id (a cell on the Income sheet, one per year).
    Income(String),
    /// An `HWB Data` column of the chosen board (first year).
    HwbKey(String),
}

/// The spending that counts towards a minimum.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// The income source, by its role.
    pub source: SourceRole,
    /// Only these areas of spend (all when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    /// Not these areas of spend.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas_except: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<String>,
    /// How much of a scheme's amount counts.
    #[serde(default)]
    pub share: Share,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(rename_all = "snake_case")]
pub enum Share {
    /// The whole amount, whoever commissions the scheme.
    #[default]
    All,
    /// The NHS share: all of it for the NHS commissioner, the NHS percentage of a joint scheme,
    /// none of a local authority's.
    Nhs,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(rename_all = "snake_case")]
pub enum PointsAt {
    /// The minimum's cell on the Income sheet.
    #[default]
    Minimum,
    /// The amount of the first scheme that counts (else the source's first income row).
    FirstScheme,
}

impl IncomeLayout {
    /// The minimum with this id.
    pub fn minimum(&self, id: &str) -> Option<&Minimum> {
        self.minimums.iter().find(|m| m.id == id)
    }
}

/// Several value cells identified by one label.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct LabelledCells {
    pub label: String,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    #[serde(deserialize_with = "cell_ref", serialize_with = "a1")]
    pub label_cell: CellRef,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<String>"))]
    #[serde(deserialize_with = "cell_refs", serialize_with = "a1s")]
    pub cells: Vec<CellRef>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct MetricName {
    pub code: String,
    pub name: String,
}

/// The pay-for-performance sheet: quarterly emergency admissions, baseline and plan, and the
/// fund worked out from the reduction.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), derive(databake::Bake), databake(path = crate::profile))]
#[serde(deny_unknown_fields)]
pub struct PayForPerformanceLayout {
    pub header_row: u32,
    pub quarter: Column,
    pub baseline_period: Column,
    pub baseline: Column,
    pub plan_period: Column,
    pub planned: Column,
    /// One per quarter row below the header; each baseline's `HWB Data` key is
    /// `baseline:<metric code>:<period>`.
    pub baseline_periods: Vec<String>,
    pub plan_periods: Vec<String>,
    /// The totals: baseline, then plan.
    pub total: LabelledCells,
    pub reduction: LabelledCell,
    pub reduction_percent: LabelledCell,
    pub cost: LabelledCell,
    pub cost_reason: LabelledCell,
    pub fund: LabelledCell,
    pub share: LabelledCell,
    pub required: LabelledCell,
    pub operating_plan: LabelledCell,
    pub case: LabelledCell,
    /// The metric the sheet plans (BCF1), by code and name.
    pub metric: MetricName,
    pub cost_key: String,
    pub share_key: String,
    pub operating_plan_key: String,
    /// A reduction below this (per cent) needs the case.
    pub expected_reduction_percent: f64,
    /// A reduction further than this (percentage points) from the operating plan needs approval.
    pub operating_plan_gap_points: f64,
}

fn a1<S: Serializer>(at: &CellRef, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(at)
}

fn a1s<S: Serializer>(cells: &[CellRef], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(cells.iter().map(|c| c.to_string()))
}

fn letters<S: Serializer>(col: &u32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::workbook::column_letters(*col))
}

fn letters_each<S: Serializer>(cols: &[u32], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(cols.iter().map(|c| crate::workbook::column_letters(*c)))
}

fn cell_ref<'de, D: Deserializer<'de>>(d: D) -> Result<CellRef, D::Error> {
    let text = String::deserialize(d)?;
    CellRef::parse(&text).ok_or_else(|| de::Error::custom(format!("not an A1 address: {text}")))
}

fn cell_refs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<CellRef>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|t| CellRef::parse(t).ok_or_else(|| de::Error::custom(format!("not an A1 address: {t}"))))
        .collect()
}

fn column<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let text = String::deserialize(d)?;
    column_number(&text).ok_or_else(|| de::Error::custom(format!("not a column: {text}")))
}

fn label_column<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    column(d)
}

fn columns<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|t| column_number(t).ok_or_else(|| de::Error::custom(format!("not a column: {t}"))))
        .collect()
}

mod validate;

// Generated: laid out by prettyplease, which rustfmt must leave as it is.
#[rustfmt::skip]
mod built_in;

#[cfg(test)]
mod tests;
