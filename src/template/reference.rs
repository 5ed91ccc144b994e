//! `HWB Data` for the blank templates: the real list of boards and their ONS codes, with
//! **illustrative** funding and baseline figures. Real allocations are published for each round
//! and replace these; nothing here is an official figure.

use crate::profile::{Profile, Unit};

/// One board's reference row, in profile terms.
#[derive(Clone, Debug, PartialEq)]
pub struct Board {
    pub code: String,
    pub name: String,
    /// District councils in two-tier areas (empty for single-tier areas), each with its DFG share
    /// per year.
    pub districts: Vec<(String, Vec<f64>)>,
    /// Per year.
    pub nhs_minimum: Vec<f64>,
    pub asc_minimum: Vec<f64>,
    /// Per year; empty where the profile has no out-of-hospital ring-fence.
    pub ooh_minimum: Vec<f64>,
    pub dfg: Vec<f64>,
    pub la_grant: Vec<f64>,
    /// One per metric of the profile, in profile order.
    pub baselines: Vec<(String, f64)>,
    /// 2017-19: the nationally set maximum DTOC rate.
    pub dtoc_expectation: Option<f64>,
}

impl Board {
    pub fn is_two_tier(&self) -> bool {
        !self.districts.is_empty()
    }

    /// `Name=amount;Name=amount` for `year`, as `HWB Data` column H holds it.
    pub fn districts_text(&self, year: usize) -> String {
        self.districts
            .iter()
            .map(|(name, amounts)| format!("{name}={}", amounts.get(year).copied().unwrap_or(0.0)))
            .collect::<Vec<_>>()
            .join(";")
    }

    pub fn baseline(&self, code: &str) -> Option<f64> {
        self.baselines.iter().find(|(c, _)| c == code).map(|(_, v)| *v)
    }
}

fn board_list(profile: &Profile) -> &'static str {
    match profile.id.as_str() {
        "2017-19" => include_str!("boards-2017-19.tsv"),
        _ => include_str!("boards-2025-26.tsv"),
    }
}

/// A stable pseudo-random fraction in [0, 1) from a board code and a salt (FNV-1a), so the
/// illustrative figures are the same on every run and every machine.
fn fraction(code: &str, salt: &str) -> f64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in code.bytes().chain(salt.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

fn pounds(x: f64) -> f64 {
    (x / 1000.0).round() * 1000.0
}

/// Every board of the profile's round, with illustrative figures.
pub fn boards(profile: &Profile) -> Vec<Board> {
    board_list(profile)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let mut parts = line.split('\t');
            let code = parts.next().unwrap_or_default().trim().to_string();
            let name = parts.next().unwrap_or_default().trim().to_string();
            let district_names: Vec<String> = parts
                .next()
                .unwrap_or_default()
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            illustrative(profile, code, name, district_names)
        })
        .collect()
}

fn illustrative(profile: &Profile, code: String, name: String, district_names: Vec<String>) -> Board {
    let years = profile.years.len();
    // Size of the area: two-tier counties are larger than most unitaries.
    let size = if district_names.is_empty() {
        0.4 + 1.6 * fraction(&code, "size")
    } else {
        2.0 + 2.5 * fraction(&code, "size")
    };
    let growth = |base: f64, year: usize| pounds(base * 1.019f64.powi(year as i32));
    // Later rounds are larger: the fund has grown with each round.
    let round_scale = if profile.income.ooh_minimum.is_some() { 1.0 } else { 1.55 };
    let nhs_base = 15_000_000.0 * size * round_scale;
    let nhs_minimum: Vec<f64> = (0..years).map(|y| growth(nhs_base, y)).collect();
    // 2025-26: the minimum ASC spend is the 2024-25 figure uplifted by 3.9%.
    let asc_base =
        if profile.funding.dtoc_metric.is_none() { pounds(pounds(nhs_base * 0.31) * 1.039) } else { nhs_base * 0.3 };
    let asc_minimum: Vec<f64> = (0..years).map(|y| growth(asc_base, y)).collect();
    let ooh_minimum: Vec<f64> = if profile.income.ooh_minimum.is_some() {
        (0..years).map(|y| growth(nhs_base * 0.28, y)).collect()
    } else {
        Vec::new()
    };
    let la_grant: Vec<f64> = (0..years).map(|y| growth(nhs_base * 0.22, y)).collect();
    // District shares are whole thousands; the DFG total is their sum so the two always agree.
    let district_weights: Vec<f64> = district_names.iter().map(|d| 0.5 + fraction(&code, d)).collect();
    let weight_sum: f64 = district_weights.iter().sum();
    let dfg_base = nhs_base * 0.09;
    let districts: Vec<(String, Vec<f64>)> = district_names
        .iter()
        .zip(&district_weights)
        .map(|(d, w)| (d.clone(), (0..years).map(|y| growth(dfg_base * w / weight_sum, y)).collect()))
        .collect();
    let dfg: Vec<f64> = (0..years)
        .map(|y| if districts.is_empty() { growth(dfg_base, y) } else { districts.iter().map(|(_, a)| a[y]).sum() })
        .collect();
    let baselines = profile
        .metric_list
        .iter()
        .map(|m| {
            let f = fraction(&code, &m.code);
            let value = match (m.unit, m.code.as_str()) {
                (Unit::Count, _) => (4_000.0 * size * (0.9 + 0.2 * f)).round(),
                (Unit::Percent, _) => ((78.0 + 10.0 * f) * 10.0).round() / 10.0,
                (Unit::Days, _) => ((1.0 + 1.5 * f) * 100.0).round() / 100.0,
                (Unit::Rate, "DTOC") => ((700.0 + 500.0 * f) * 10.0).round() / 10.0,
                (Unit::Rate, "EA65") => ((5_200.0 + 1_600.0 * f) * 10.0).round() / 10.0,
                (Unit::Rate, _) => ((450.0 + 300.0 * f) * 10.0).round() / 10.0,
            };
            (m.code.clone(), value)
        })
        .collect::<Vec<_>>();
    let dtoc_expectation = profile.funding.dtoc_metric.as_ref().and_then(|code| {
        let baseline = baselines.iter().find(|(c, _)| c == code)?.1;
        Some((baseline * 0.9 * 10.0).round() / 10.0)
    });
    Board { code, name, districts, nhs_minimum, asc_minimum, ooh_minimum, dfg, la_grant, baselines, dtoc_expectation }
}
