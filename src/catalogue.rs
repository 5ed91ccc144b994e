//! The rule catalogue: every rule id a report can carry, with its severity. The ids are the
//! report's contract (`docs/rules.md`); everywhere else refers to them through these constants,
//! named by what the rule checks. A test compares the catalogue with the document.

use serde::{Deserialize, Serialize};

/// How bad a finding is. Ordered: `Advisory < Warning < Error`. It lives with the catalogue,
/// which fixes each rule's severity; the report layer uses it from here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look.
    Advisory,
    /// Breaks a SHOULD or looks wrong.
    Warning,
    /// Breaks a MUST: the plan would fail assurance.
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Advisory => "advisory",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The word as a heading or tag shows it: `Error`, `Warning`, `Advisory`.
    pub fn title(self) -> &'static str {
        match self {
            Severity::Advisory => "Advisory",
            Severity::Warning => "Warning",
            Severity::Error => "Error",
        }
    }
}

/// Which problem to fix first, lowest first: what stops the plan being read or recognised; values
/// the sums cannot read (a figure typed as text makes the totals wrong too); the money assurance
/// turns on (minimum contributions, allocations); the national conditions; the metrics; the
/// schemes; the cover; then the workbook's own checklist and lists.
pub fn fix_first_rank(rule: &str) -> u8 {
    match rule.split('.').next().unwrap_or("") {
        "file" | "template" => 0,
        "cell" | "number" => 1,
        "funding" | "income" | "summary" | "p4p" => 2,
        "condition" => 3,
        "metric" => 4,
        "scheme" => 5,
        "cover" => 6,
        _ => 7,
    }
}

/// Whether a rule tests the plan's money against a minimum or a balance (the funding and pay
/// for performance rules): its sums read every amount, so an amount they could not read may be
/// what made it fail.
pub fn is_money_test(rule: &str) -> bool {
    matches!(rule.split('.').next(), Some("funding" | "p4p"))
}

/// A rule id and its severity, as the catalogue fixes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
}

macro_rules! catalogue {
    ($($name:ident = $id:literal, $severity:ident;)*) => {
        $(pub const $name: Rule = Rule { id: $id, severity: Severity::$severity };)*
        /// Every rule a plan can break (the `file.*` and `template.*` ids are the workbook and
        /// plan layers'; they are listed here too so the catalogue is complete in one place).
        pub const CATALOGUE: &[Rule] = &[$($name),*];
    };
}

catalogue! {
    FILE_UNREADABLE = "file.unreadable", Error;
    FILE_ENCRYPTED = "file.encrypted", Error;
    FILE_UNSUPPORTED_FORMAT = "file.unsupported-format", Error;
    FILE_TOO_LARGE = "file.too-large", Error;
    TEMPLATE_UNKNOWN_VERSION = "template.unknown-version", Error;
    TEMPLATE_SHEET_MISSING = "template.sheet-missing", Error;
    TEMPLATE_LABEL_MOVED = "template.label-moved", Warning;
    CELL_EXCEL_ERROR = "cell.excel-error", Error;
    CELL_NO_CACHED_VALUE = "cell.no-cached-value", Warning;
    SUMMARY_STALE = "summary.stale", Warning;
    COVER_HWB_MISSING = "cover.hwb-missing", Error;
    COVER_HWB_UNKNOWN = "cover.hwb-unknown", Error;
    COVER_REQUIRED = "cover.required", Error;
    COVER_EMAIL_INVALID = "cover.email-invalid", Error;
    COVER_SIGNOFF_INVALID = "cover.signoff-invalid", Error;
    COVER_SIGNOFF_DATE_MISSING = "cover.signoff-date-missing", Error;
    COVER_CONTACT_MISSING = "cover.contact-missing", Error;
    INCOME_PREPOPULATED_CHANGED = "income.prepopulated-changed", Error;
    INCOME_ADDITIONAL_INCOMPLETE = "income.additional-incomplete", Error;
    NUMBER_NOT_NUMERIC = "number.not-numeric", Error;
    NUMBER_OUT_OF_RANGE = "number.out-of-range", Error;
    FUNDING_ASC_MINIMUM = "funding.asc-minimum", Error;
    FUNDING_OOH_MINIMUM = "funding.ooh-minimum", Error;
    FUNDING_OVER_ALLOCATED = "funding.over-allocated", Error;
    FUNDING_UNDER_ALLOCATED = "funding.under-allocated", Error;
    FUNDING_SOURCE_WITHOUT_INCOME = "funding.source-without-income", Error;
    FUNDING_DFG_DISTRICTS = "funding.dfg-districts", Error;
    FUNDING_DFG_COMMISSIONER = "funding.dfg-commissioner", Warning;
    FUNDING_DFG_SCHEME_TYPE = "funding.dfg-scheme-type", Advisory;
    SCHEME_REQUIRED = "scheme.required", Error;
    SCHEME_DUPLICATE_ID = "scheme.duplicate-id", Error;
    SCHEME_INVALID_CHOICE = "scheme.invalid-choice", Error;
    SCHEME_INVALID_SUBTYPE = "scheme.invalid-subtype", Error;
    SCHEME_OTHER_UNSPECIFIED = "scheme.other-unspecified", Error;
    SCHEME_JOINT_PERCENTAGES = "scheme.joint-percentages", Error;
    SCHEME_PERCENTAGES_NOT_JOINT = "scheme.percentages-not-joint", Warning;
    METRIC_MISSING = "metric.missing", Error;
    METRIC_RATE_INCONSISTENT = "metric.rate-inconsistent", Error;
    METRIC_RATIONALE_MISSING = "metric.rationale-missing", Error;
    METRIC_BASELINE_CHANGED = "metric.baseline-changed", Error;
    METRIC_LESS_AMBITIOUS = "metric.less-ambitious", Warning;
    METRIC_IMPLAUSIBLE = "metric.implausible", Warning;
    METRIC_ABOVE_CEILING = "metric.dtoc-expectation", Error;
    CONDITION_UNANSWERED = "condition.unanswered", Error;
    CONDITION_NO_WITHOUT_ACTIONS = "condition.no-without-actions", Error;
    CONDITION_CONTRADICTED = "condition.contradicted", Error;
    CONDITION_SIGNOFF_INCONSISTENT = "condition.signoff-inconsistent", Warning;
    FUNDING_PROTECTION_UNDECLARED = "funding.protection-undeclared", Error;
    FUNDING_EARMARK_MINIMUM = "funding.earmark-minimum", Warning;
    INCOME_LISTED_ROWS = "income.ccg-contributions", Error;
    P4P_FUND_INCONSISTENT = "p4p.fund-inconsistent", Error;
    P4P_INCREASE = "p4p.increase", Warning;
    P4P_BELOW_EXPECTATION = "p4p.below-expectation", Warning;
    P4P_OPERATING_PLAN_GAP = "p4p.operating-plan-gap", Warning;
    P4P_COST_CHANGED = "p4p.cost-changed", Warning;
    METRIC_LOCAL_UNDEFINED = "metric.local-undefined", Error;
    CONDITION_TIMEFRAME_INVALID = "condition.timeframe-invalid", Error;
    TEMPLATE_NOT_RECOGNISED = "template.not-recognised", Warning;
    CHECKLIST_INCOMPLETE = "checklist.incomplete", Error;
    CHECKLIST_OUT_OF_DATE = "checklist.out-of-date", Warning;
    VALIDATION_NOT_IN_LIST = "validation.not-in-list", Error;
    VALIDATION_OUT_OF_RANGE = "validation.out-of-range", Error;
    VALIDATION_WRONG_TYPE = "validation.wrong-type", Error;
}
