//! The summary of many plans (`--format summary`, `summary-csv`): one line a plan with its
//! result, counts and key figures, so an assurer can compare a region's plans at a glance.
//!
//! The CSV is tidy: one row per plan and funding test (a plan without tests has one row with
//! those columns empty), so it sorts and filters in a spreadsheet without splitting cells.

use super::csv::{csv_field, BYTE_ORDER_MARK};
use super::words::pounds;
use super::{text, Figures, Report};

/// A checked plan as the summary sees it.
pub struct Summarised<'a> {
    pub report: &'a Report,
    pub figures: Option<&'a Figures>,
}

pub fn summary_text(plans: &[Summarised]) -> String {
    let mut out = String::new();
    for plan in plans {
        let r = plan.report;
        let safe = |t: &str| super::words::for_terminal(t).into_owned();
        let mut line = vec![
            safe(&r.file),
            r.profile.as_deref().map_or_else(|| "round not recognised".into(), safe),
            r.hwb.as_deref().map_or_else(|| "board not recognised".into(), safe),
            text::summary(r),
        ];
        if let Some(f) = plan.figures {
            line.extend(f.pooled.iter().map(|(year, p)| format!("pooled in {year} {}", pounds(*p))));
            if let Some(p) = &f.performance {
                line.push(format!("performance fund {}", pounds(p.fund)));
            }
        }
        out.push_str(&line.join("  |  "));
        out.push('\n');
        for t in plan.figures.map(|f| f.funding.as_slice()).unwrap_or_default() {
            out.push_str(&format!(
                "    {} {}: minimum {}, planned {}, headroom {}\n",
                super::words::for_terminal(&t.name),
                super::words::for_terminal(&t.year),
                pounds(t.minimum),
                pounds(t.planned),
                pounds(t.planned - t.minimum)
            ));
        }
    }
    out
}

pub const SUMMARY_CSV_HEADER: &str = "file,round,board,result,checked,errors,warnings,advisories,total_pooled,performance_fund,funding_test,year,minimum,planned,headroom\r\n";

pub fn summary_csv(plans: &[Summarised]) -> String {
    let mut out = String::new();
    out.push(BYTE_ORDER_MARK);
    out.push_str(SUMMARY_CSV_HEADER);
    let money = |n: f64| format!("{n:.2}");
    for plan in plans {
        let r = plan.report;
        let pooled = plan.figures.map(|f| f.pooled.iter().map(|(_, p)| p).sum::<f64>()).map(money).unwrap_or_default();
        let fund = plan.figures.and_then(|f| f.performance.as_ref()).map(|p| money(p.fund)).unwrap_or_default();
        let head = [
            r.file.clone(),
            r.profile.clone().unwrap_or_default(),
            r.hwb.clone().unwrap_or_default(),
            r.status.as_str().to_string(),
            match r.coverage {
                super::Coverage::Full => "in full",
                super::Coverage::Workbook => "partly: only the workbook's own checklist and drop-down lists",
                super::Coverage::None => "not checked",
            }
            .to_string(),
            r.counts.error.to_string(),
            r.counts.warning.to_string(),
            r.counts.advisory.to_string(),
            pooled,
            fund,
        ];
        let tests = plan.figures.map(|f| f.funding.as_slice()).unwrap_or_default();
        let rows: Vec<[String; 5]> = if tests.is_empty() {
            vec![Default::default()]
        } else {
            tests
                .iter()
                .map(|t| {
                    [t.name.clone(), t.year.clone(), money(t.minimum), money(t.planned), money(t.planned - t.minimum)]
                })
                .collect()
        };
        for test in rows {
            let fields: Vec<String> = head.iter().chain(test.iter()).map(|s| csv_field(s)).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
    }
    out
}
