//! "Compare with an earlier version": two versions of one board's plan, and what changed between
//! them, grouped by sheet, with the problems fixed and the new ones. Both files stay on this
//! computer: the comparison runs in the checking worker.

use wasm_bindgen::JsCast;
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

use crate::compare::{is_problem, summary, Change};

#[derive(Properties, PartialEq)]
pub struct CompareViewProps {
    /// Compares (earlier, later), saying how it went.
    pub on_compare: Callback<(File, File, Callback<super::checker::CompareOutcome>)>,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Working,
    Changes(Vec<Change>),
    Refused(String),
}

fn chosen(id: &str) -> Option<File> {
    let document = web_sys::window()?.document()?;
    let input: HtmlInputElement = document.get_element_by_id(id)?.dyn_into().ok()?;
    input.files()?.get(0)
}

fn line(c: &Change) -> String {
    let at = match (&c.cell, is_problem(c) && !c.sheet.is_empty()) {
        (Some(cell), true) => format!(" ({}!{cell})", c.sheet),
        (Some(cell), false) => format!(" ({cell})"),
        _ => String::new(),
    };
    let amounts = |a: &str| if a.is_empty() { String::new() } else { format!(": {a}") };
    match c.change.as_str() {
        "changed" => format!("{}{at}: “{}” changed to “{}”", c.what, c.old, c.new),
        "renumbered" => format!("{}{at}: IDs {} are now {}", c.what, c.old, c.new),
        "added" => format!("Added{at}: {}{}", c.what, amounts(&c.new)),
        "removed" => format!("Removed: {}{}", c.what, amounts(&c.old)),
        "fixed" => format!("Fixed{at}: {}", c.old),
        _ => format!("New problem{at}: {}", c.new),
    }
}

#[function_component(CompareView)]
pub fn compare_view(props: &CompareViewProps) -> Html {
    let outcome = use_state(|| Outcome::None);
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((*outcome).clone(), move |outcome| {
            if matches!(outcome, Outcome::Changes(c) if !c.is_empty()) {
                if let Some(element) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    }
    let on_click = {
        let on_compare = props.on_compare.clone();
        let outcome = outcome.clone();
        Callback::from(move |_| {
            let (Some(old), Some(new)) = (chosen("compare-old"), chosen("compare-new")) else {
                outcome.set(Outcome::Refused(
                    "Choose both versions of the plan: the earlier one and the later one.".into(),
                ));
                return;
            };
            outcome.set(Outcome::Working);
            let outcome = outcome.clone();
            on_compare.emit((
                old,
                new,
                Callback::from(move |result: Result<Vec<Change>, String>| {
                    outcome.set(match result {
                        Ok(changes) => Outcome::Changes(changes),
                        Err(why) => Outcome::Refused(why),
                    })
                }),
            ));
        })
    };
    let result = match &*outcome {
        Outcome::None => html! {},
        Outcome::Working => html! { <p class="govuk-body" id="compare-result">{ "Comparing…" }</p> },
        Outcome::Refused(why) => html! { <p class="govuk-error-message" id="compare-result">{ why }</p> },
        Outcome::Changes(changes) if changes.is_empty() => {
            html! { <p class="govuk-body" id="compare-result">{ "The two versions are the same." }</p> }
        }
        Outcome::Changes(changes) => {
            // The edits by sheet, then the problems fixed and new (the order they come in).
            let mut groups: Vec<(String, Vec<&Change>)> = Vec::new();
            for c in changes {
                let heading = if is_problem(c) {
                    "Problems fixed and new".to_string()
                } else if c.sheet.is_empty() {
                    "The whole workbook".to_string()
                } else {
                    c.sheet.clone()
                };
                match groups.last_mut() {
                    Some((h, list)) if *h == heading => list.push(c),
                    _ => groups.push((heading, vec![c])),
                }
            }
            html! {
                <div id="compare-result">
                    <h2 class="govuk-heading-m" id="compare-heading" tabindex="-1" ref={heading.clone()}>{ "What changed" }</h2>
                    <p class="govuk-body" id="compare-summary"><strong>{ summary(changes) }</strong></p>
                    { for groups.iter().map(|(title, list)| html! {
                        <>
                            <h3 class="govuk-heading-s">{ title }</h3>
                            <ul class="govuk-list govuk-list--bullet">
                                { for list.iter().map(|c| html! { <li data-change={c.change.clone()}>{ line(c) }</li> }) }
                            </ul>
                        </>
                    }) }
                </div>
            }
        }
    };
    // What the comparison found, said when it is in; the focus goes to it.
    let said = match &*outcome {
        Outcome::Working => "Comparing…".to_string(),
        Outcome::Changes(changes) if changes.is_empty() => "The two versions are the same.".to_string(),
        Outcome::Changes(changes) => format!("Compared: {}.", summary(changes)),
        Outcome::Refused(why) => why.clone(),
        Outcome::None => String::new(),
    };
    html! {
        <details class="govuk-details compare">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">{ "Compare with an earlier version" }</span>
            </summary>
            <div class="govuk-details__text">
                <p class="govuk-body">{ "See what changed between two versions of the same board's plan, and which problems were fixed." }</p>
                <label class="govuk-label" for="compare-old">{ "Earlier version" }</label>
                <input class="govuk-file-upload" id="compare-old" type="file" accept=".xlsx,.xlsm,.xlsb,.xls,.ods" />
                <label class="govuk-label" for="compare-new">{ "Later version" }</label>
                <input class="govuk-file-upload" id="compare-new" type="file" accept=".xlsx,.xlsm,.xlsb,.xls,.ods" />
                <div>
                    <button type="button" class="govuk-button govuk-button--secondary" id="compare-button" onclick={on_click}>{ "Compare" }</button>
                </div>
                <p class="govuk-visually-hidden" role="status" id="compare-status">{ said }</p>
                { result }
            </div>
        </details>
    }
}
