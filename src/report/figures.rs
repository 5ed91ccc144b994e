//! Figures the web page draws beside the findings: each funding test's minimum against the plan,
//! and each metric's baseline against the ambition. Not part of the report contract.

use serde::{Deserialize, Serialize};

/// One funding test for one year, e.g. the minimum spend on adult social care in one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FundingTest {
    /// "Minimum spend on adult social care".
    pub name: String,
    pub year: String,
    pub minimum: f64,
    pub planned: f64,
    /// Where the minimum is, e.g. `4. Income!D45`.
    pub cell: String,
}

impl FundingTest {
    pub fn met(&self) -> bool {
        meets_minimum(self.planned, self.minimum)
    }
}

/// Whether planned spending meets a minimum (to the penny): the funding rules and the page's
/// panel must agree.
pub fn meets_minimum(planned: f64, minimum: f64) -> bool {
    planned + crate::rules::tolerance::PENNY >= minimum
}

/// One metric and period: the published baseline and the plan's ambition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricFigure {
    pub code: String,
    pub name: String,
    pub period: String,
    pub baseline: Option<f64>,
    pub planned: Option<f64>,
    /// `"lower"` or `"higher"`: which way is better.
    pub better: String,
    /// `"count"`, `"rate"`, `"percent"` or `"days"`.
    pub unit: String,
}

/// Pay for performance: reduction × cost = fund, and share − fund = what must go to
/// NHS-commissioned out-of-hospital services.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PerformanceFigure {
    pub reduction: f64,
    pub cost: f64,
    pub fund: f64,
    pub share: f64,
    pub required: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub funding: Vec<FundingTest>,
    pub metrics: Vec<MetricFigure>,
    #[serde(default)]
    pub performance: Option<PerformanceFigure>,
    /// The total pooled (all income) for each planning year: `("2017-18", 1234.0)`.
    #[serde(default)]
    pub pooled: Vec<(String, f64)>,
}
