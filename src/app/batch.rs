//! Many plans at once, for assurers: a table of every plan checked (file, board, round, result,
//! counts and key figures), sortable by any column, each row opening that plan's report, and the
//! whole batch to download.

use std::rc::Rc;

use yew::prelude::*;

use super::downloads::save;
use crate::check::Checked;
use crate::report::batch::{summary_csv, Summarised};
use crate::report::words::pounds;
use crate::report::{self, Coverage, Report, Severity, Status};

#[derive(Properties, PartialEq)]
pub struct BatchProps {
    pub plans: Rc<Vec<Rc<Checked>>>,
    /// A plan opened, by its place in the batch.
    pub on_open: Callback<usize>,
    pub on_reset: Callback<()>,
    /// How the table was left (its sort, and the plan opened from it): kept by the page's state,
    /// so that coming back to the table finds it as it was.
    pub view: super::state::BatchView,
    pub on_sort: Callback<(usize, bool)>,
    /// Which check this is: focus and scroll are set once each time the table is shown.
    pub checks: u32,
}

/// A column of the table: its heading and how it sorts.
#[derive(Clone, Copy, PartialEq)]
enum Column {
    File,
    Board,
    Round,
    Result,
    Errors,
    Warnings,
    Advisory,
    Pooled,
}

const COLUMNS: [(Column, &str); 8] = [
    (Column::File, "File"),
    (Column::Board, "Board"),
    (Column::Round, "Round"),
    (Column::Result, "Result"),
    (Column::Errors, "Errors"),
    (Column::Warnings, "Warnings"),
    (Column::Advisory, "Advisory"),
    (Column::Pooled, "Total pooled"),
];

/// The cells a report's findings of `severity` point at: a run of 60 schemes without a provider
/// (`M7:M66`) is 60, as 60 separate mistakes would be, so plans compare fairly.
fn cells_with(r: &Report, severity: crate::report::Severity) -> usize {
    r.findings
        .iter()
        .filter(|f| f.severity == severity)
        .map(|f| {
            f.cell
                .as_deref()
                .and_then(crate::workbook::CellRange::parse)
                .map_or(1, |c| ((c.end.row - c.start.row + 1) as usize) * ((c.end.col - c.start.col + 1) as usize))
        })
        .sum()
}

fn pooled(c: &Checked) -> f64 {
    c.figures.as_ref().map_or(0.0, |f| f.pooled.iter().map(|(_, p)| p).sum())
}

fn result_rank(r: &Report) -> u8 {
    match r.status {
        Status::Unreadable => 0,
        Status::Error => 1,
        Status::Warning => 2,
        Status::Advisory => 3,
        Status::Pass => 4,
    }
}

/// The plans' order for a column and direction, as indexes into the batch.
fn order(plans: &[Rc<Checked>], column: Column, ascending: bool) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..plans.len()).collect();
    idx.sort_by(|&a, &b| {
        let (x, y) = (&plans[a], &plans[b]);
        let (rx, ry) = (&x.report, &y.report);
        let o = match column {
            Column::File => rx.file.to_lowercase().cmp(&ry.file.to_lowercase()),
            Column::Board => rx.hwb.cmp(&ry.hwb),
            Column::Round => rx.profile.cmp(&ry.profile),
            Column::Result => result_rank(rx).cmp(&result_rank(ry)),
            Column::Errors => cells_with(rx, Severity::Error).cmp(&cells_with(ry, Severity::Error)),
            Column::Warnings => cells_with(rx, Severity::Warning).cmp(&cells_with(ry, Severity::Warning)),
            Column::Advisory => cells_with(rx, Severity::Advisory).cmp(&cells_with(ry, Severity::Advisory)),
            Column::Pooled => pooled(x).total_cmp(&pooled(y)),
        };
        if ascending {
            o
        } else {
            o.reverse()
        }
    });
    idx
}

fn result_text(r: &Report) -> String {
    let result = match r.status {
        Status::Unreadable => "Could not be read",
        Status::Error => "Errors",
        Status::Warning => "Warnings",
        Status::Advisory => "Advisory notes",
        Status::Pass => "No problems",
    };
    if r.coverage == Coverage::Workbook {
        format!("{result} (partial check)")
    } else {
        result.to_string()
    }
}

/// The round, or for a workbook no round recognised, that only part of it was checked.
fn round_text(r: &Report) -> String {
    match (&r.profile, r.coverage) {
        (Some(p), _) => p.clone(),
        (None, Coverage::Workbook) => "Not recognised: only its own checklist and lists checked".to_string(),
        (None, _) => String::new(),
    }
}

/// The minimum spending tests a plan meets, in one line: `"All 2 met, the closest by £1,200"`,
/// or `"1 other met, by £300"` beside shortfalls; nothing when there are none.
fn met_line(tests: &[crate::report::FundingTest]) -> Option<String> {
    let met: Vec<&crate::report::FundingTest> = tests.iter().filter(|t| t.met()).collect();
    let closest = met.iter().map(|t| t.planned - t.minimum).fold(f64::INFINITY, f64::min).max(0.0);
    match (met.len(), met.len() == tests.len()) {
        (0, _) => None,
        (1, true) => Some(format!("Met, by {}", pounds(closest))),
        (n, true) => Some(format!("All {n} met, the closest by {}", pounds(closest))),
        (1, false) => Some(format!("1 other met, by {}", pounds(closest))),
        (n, false) => Some(format!("{n} others met, the closest by {}", pounds(closest))),
    }
}

#[function_component(Batch)]
pub fn batch(props: &BatchProps) -> Html {
    let (sorted_by, ascending) = props.view.sort;
    let column = COLUMNS.get(sorted_by).map_or(Column::File, |(c, _)| *c);
    {
        // Shown again after a plan's report: the scroll position it was left at and focus on
        // that plan's button; shown first: focus on its heading.
        let opened = props.view.opened;
        use_effect_with(props.checks, move |_| {
            // After the browser has laid the page out again (and moved its own scroll position
            // for what changed above): then the position the table was left at is restored.
            super::after(0, move || {
                let Some(window) = web_sys::window() else { return };
                let Some(document) = window.document() else { return };
                let target = match opened {
                    Some((index, _)) => document.get_element_by_id(&format!("open-plan-{index}")),
                    None => document.get_element_by_id("batch-heading"),
                };
                if let Some(element) =
                    target.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(opened.is_some());
                    let _ = element.focus_with_options(&options);
                }
                if let Some((_, scrolled)) = opened {
                    window.scroll_to_with_x_and_y(0.0, scrolled);
                }
            });
        });
    }
    let plans = props.plans.clone();
    let rows = order(&plans, column, ascending);
    let reports: Vec<Report> = plans.iter().map(|c| c.report.clone()).collect();
    let downloads = {
        let plans = plans.clone();
        let reports = reports.clone();
        move |kind: &'static str| {
            let plans = plans.clone();
            let reports = reports.clone();
            Callback::from(move |_| match kind {
                "json" => save(&report::to_json(&reports), "plans-problems.json", "application/json"),
                "csv" => save(&report::to_csv(&reports), "plans-problems.csv", "text/csv;charset=utf-8"),
                _ => {
                    let summarised: Vec<Summarised> =
                        plans.iter().map(|c| Summarised { report: &c.report, figures: c.figures.as_ref() }).collect();
                    save(&summary_csv(&summarised), "plans-summary.csv", "text/csv;charset=utf-8")
                }
            })
        }
    };
    let on_reset = {
        let cb = props.on_reset.clone();
        Callback::from(move |_| cb.emit(()))
    };
    html! {
        <section class="batch" aria-labelledby="batch-heading">
            <h2 class="govuk-heading-m" id="batch-heading" tabindex="-1">{ format!("{} plans checked", plans.len()) }</h2>
            // Wider than the page's text column, and scrolled sideways within itself rather than
            // cut off (in a narrow frame), so that no cell is squeezed below its contents.
            <div class="batch-scroll">
            <table class="govuk-table batch-table">
                <caption class="govuk-table__caption">
                    { "Every plan, with its result and key figures. Errors, warnings and advisory notes are counted in cells." }
                    <span class="sort-hint">{ " Choose a column's name to sort by it." }</span>
                </caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        { for COLUMNS.iter().enumerate().map(|(place, (c, label))| {
                            let active = *c == column;
                            let aria = if active { if ascending { "ascending" } else { "descending" } } else { "none" };
                            let onclick = {
                                let on_sort = props.on_sort.clone();
                                Callback::from(move |_| {
                                    on_sort.emit((place, if active { !ascending } else { true }));
                                })
                            };
                            html! {
                                <th scope="col" class="govuk-table__header" aria-sort={aria}>
                                    <button type="button" class="sort" data-column={label.to_lowercase()} {onclick}>{ *label }</button>
                                </th>
                            }
                        }) }
                        <th scope="col" class="govuk-table__header">{ "Minimum spending" }</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    { for rows.iter().map(|&i| {
                        let c = &plans[i];
                        let r = &c.report;
                        let open = {
                            let cb = props.on_open.clone();
                            Callback::from(move |_| cb.emit(i))
                        };
                        let tests = c.figures.as_ref().map(|f| f.funding.clone()).unwrap_or_default();
                        html! {
                            <tr class="govuk-table__row">
                                <th scope="row" class="govuk-table__header">
                                    <button type="button" class="link-button open-plan" id={format!("open-plan-{i}")} onclick={open}>
                                        // A name wraps only between its words, never inside one
                                        // (a browser would break a year range such as `2024-25` at its hyphen).
                                        { for r.file.split(' ').enumerate().map(|(n, word)| html! {
                                            <>{ if n == 0 { "" } else { " " } }<span class="unbroken">{ word }</span></>
                                        }) }
                                    </button>
                                </th>
                                <td class="govuk-table__cell" data-label="Board">{ r.hwb.clone().unwrap_or_default() }</td>
                                <td class="govuk-table__cell round" data-label="Round">{ round_text(r) }</td>
                                <td class="govuk-table__cell result" data-label="Result">{ result_text(r) }</td>
                                <td class="govuk-table__cell govuk-table__cell--numeric errors" data-label="Errors">{ cells_with(r, Severity::Error) }</td>
                                <td class="govuk-table__cell govuk-table__cell--numeric" data-label="Warnings">{ cells_with(r, Severity::Warning) }</td>
                                <td class="govuk-table__cell govuk-table__cell--numeric" data-label="Advisory">{ cells_with(r, Severity::Advisory) }</td>
                                <td class="govuk-table__cell govuk-table__cell--numeric" data-label="Total pooled">
                                    { if c.figures.is_some() { pounds(pooled(c)) } else { String::new() } }
                                </td>
                                <td class="govuk-table__cell minimum" data-label="Minimum spending">
                                    // Each shortfall flagged on a line of its own, so it is seen at a
                                    // glance; the tests met in one line, with the closest margin.
                                    { for tests.iter().filter(|t| !t.met()).map(|t| html! {
                                        <div class="funding-line shortfall">
                                            <strong class="govuk-tag govuk-tag--red tag">{ format!("Short by {}", pounds(t.minimum - t.planned)) }</strong>
                                            { format!(" {} {}", t.name, t.year) }
                                        </div>
                                    }) }
                                    { for met_line(&tests).map(|line| html! { <div class="funding-line">{ line }</div> }) }
                                    { for c.figures.as_ref().and_then(|f| f.performance.as_ref()).map(|p| html! {
                                        <div>{ format!("Performance fund {}", pounds(p.fund)) }</div>
                                    }) }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <div class="button-group downloads">
                <button type="button" class="govuk-button govuk-button--secondary" id="download-batch-json" onclick={downloads("json")}>{ "Download every report (JSON)" }</button>
                <button type="button" class="govuk-button govuk-button--secondary" id="download-batch-csv" onclick={downloads("csv")}>{ "Download every problem (CSV)" }</button>
                <button type="button" class="govuk-button govuk-button--secondary" id="download-batch-summary" onclick={downloads("summary")}>{ "Download this table (CSV)" }</button>
            </div>
            <div class="actions">
                <button type="button" class="govuk-button govuk-button--secondary" id="check-another" onclick={on_reset}>{ "Check other files" }</button>
            </div>
        </section>
    }
}
