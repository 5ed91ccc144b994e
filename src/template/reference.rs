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
    /// 2015-16: the CCGs contributing to the board, each with its contribution.
    pub ccgs: Vec<(String, f64)>,
    /// Other `HWB Data` figures by key (2015-16: `nea_cost`, `p4p_share`, `op_plan_reduction`,
    /// `earmark:*`, `baseline:BCF1:<period>`).
    pub figures: Vec<(String, f64)>,
    /// How a valid plan for this board is filled in (2015-16), where it differs from the default.
    pub plan: SamplePlan,
}

/// What a valid sample plan declares for a board of the 2015-16 round: the protection of social
/// care, the planned cut in emergency admissions and, where the board used one, a local cost.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SamplePlan {
    pub protection: Option<f64>,
    pub reduction: Option<f64>,
    pub local_cost: Option<(f64, String)>,
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

    /// One of the other `HWB Data` figures, by key.
    pub fn figure(&self, key: &str) -> Option<f64> {
        self.figures.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// `Name=amount;Name=amount` of the contributing CCGs.
    pub fn ccgs_text(&self) -> String {
        self.ccgs.iter().map(|(name, amount)| format!("{name}={amount}")).collect::<Vec<_>>().join(";")
    }
}

fn board_list(profile: &Profile) -> &'static str {
    match profile.id.as_str() {
        "2015-16" => include_str!("boards-2015-16.tsv"),
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

/// A column of names separated by `;` (districts, CCGs), empty when there is none.
fn names(column: Option<&str>) -> Vec<String> {
    column.unwrap_or_default().split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
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
            let district_names = names(parts.next());
            let ccg_names = names(parts.next());
            let mut board = illustrative(profile, code, name, district_names);
            if profile.pay_for_performance.is_some() {
                pay_for_performance_round(&mut board, ccg_names);
            }
            board
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
    let round_scale = if profile.income.minimum("ooh").is_some() { 1.0 } else { 1.55 };
    let nhs_base = 15_000_000.0 * size * round_scale;
    let nhs_minimum: Vec<f64> = (0..years).map(|y| growth(nhs_base, y)).collect();
    // 2025-26: the minimum ASC spend is the 2024-25 figure uplifted by 3.9%.
    let asc_base =
        if profile.funding.ceiling.is_none() { pounds(pounds(nhs_base * 0.31) * 1.039) } else { nhs_base * 0.3 };
    let asc_minimum: Vec<f64> = (0..years).map(|y| growth(asc_base, y)).collect();
    let ooh_minimum: Vec<f64> = if profile.income.minimum("ooh").is_some() {
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
                (Unit::Stated, _) => ((60.0 + 20.0 * f) * 10.0).round() / 10.0,
                (Unit::Rate, "DTOC") => ((700.0 + 500.0 * f) * 10.0).round() / 10.0,
                (Unit::Rate, "EA65") => ((5_200.0 + 1_600.0 * f) * 10.0).round() / 10.0,
                (Unit::Rate, _) => ((450.0 + 300.0 * f) * 10.0).round() / 10.0,
            };
            (m.code.clone(), value)
        })
        .collect::<Vec<_>>();
    let dtoc_expectation = profile.funding.ceiling.as_ref().map(|c| &c.metric).and_then(|code| {
        let baseline = baselines.iter().find(|(c, _)| c == code)?.1;
        Some((baseline * 0.9 * 10.0).round() / 10.0)
    });
    Board {
        code,
        name,
        districts,
        nhs_minimum,
        asc_minimum,
        ooh_minimum,
        dfg,
        la_grant,
        baselines,
        dtoc_expectation,
        ccgs: Vec::new(),
        figures: Vec::new(),
        plan: SamplePlan::default(),
    }
}

/// The national average cost of a non-elective admission (illustrative default).
const NEA_COST: f64 = 1_490.0;

/// The 2015-16 round's figures: the CCG contributions (adding up to the minimum), quarterly
/// emergency admissions baselines, the share of the £1bn, the operating plans' reduction and the
/// earmarks, all illustrative; and for the two Dorset boards the figures their governing body
/// published for 2016 (a local cost of £755 per admission avoided; 714 fewer admissions for
/// Dorset, 584 for Bournemouth and Poole).
fn pay_for_performance_round(board: &mut Board, ccg_names: Vec<String>) {
    let code = board.code.clone();
    let total = board.nhs_minimum.first().copied().unwrap_or(0.0);
    // Split the minimum between the CCGs in whole thousands; the last takes the remainder.
    let weights: Vec<f64> = ccg_names.iter().map(|c| 0.5 + fraction(&code, c)).collect();
    let weight_sum: f64 = weights.iter().sum();
    let mut given = 0.0;
    board.ccgs = ccg_names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let amount = if i + 1 == ccg_names.len() { total - given } else { pounds(total * weights[i] / weight_sum) };
            given += amount;
            (name.clone(), amount)
        })
        .collect();
    // The spec leaves these columns blank for this round: the board declares or derives them.
    board.asc_minimum.clear();
    board.ooh_minimum.clear();
    let quarterly = (board.baseline("BCF2").unwrap_or(500.0) * 10.0 * (0.9 + 0.2 * fraction(&code, "bcf1"))).round();
    let periods = ["Q4 2013-14", "Q1 2014-15", "Q2 2014-15", "Q3 2014-15"];
    let bcf1: Vec<f64> = periods.iter().map(|p| (quarterly * (0.95 + 0.1 * fraction(&code, p))).round()).collect();
    let baseline_total: f64 = bcf1.iter().sum();
    let (reduction, local_cost) = match board.name.as_str() {
        "Dorset" => (714.0, Some(755.0)),
        "Bournemouth and Poole" => (584.0, Some(755.0)),
        _ => ((baseline_total * 0.04).round(), None),
    };
    let cost = local_cost.unwrap_or(NEA_COST);
    let fund = reduction * cost;
    // The share of the £1bn is at least the fund, so the out-of-hospital requirement is not negative.
    let share = pounds(fund + total * 0.03 + 1_000.0);
    let op_plan = ((reduction / baseline_total * 100.0 - 0.5 + fraction(&code, "plan")) * 10.0).round() / 10.0;
    for (period, value) in periods.iter().zip(&bcf1) {
        board.figures.push((format!("baseline:BCF1:{period}"), *value));
    }
    board.figures.extend([
        ("nea_cost".to_string(), NEA_COST),
        ("p4p_share".to_string(), share),
        ("op_plan_reduction".to_string(), op_plan),
        ("earmark:care_act".to_string(), pounds(total * 0.012)),
        ("earmark:carers_breaks".to_string(), pounds(total * 0.008)),
        ("earmark:reablement".to_string(), pounds(total * 0.025)),
    ]);
    board.plan = SamplePlan {
        protection: Some(pounds(total * 0.3)),
        reduction: Some(reduction),
        local_cost: local_cost.map(|c| {
            (c, "Dorset's own average cost of a non-elective admission, agreed by the CCG governing body.".to_string())
        }),
    };
}
