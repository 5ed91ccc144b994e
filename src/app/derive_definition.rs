//! "Make a definition from a blank template": the checker finds the layout of a blank template
//! (`profile derive`), says what it found and did not, offers the definition as a file, and uses
//! it at once when everything was found. The template stays on this computer.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::checker::{DeriveOutcome, ProfileOutcome};
use super::worker::{DerivedDefinition, LoadedProfile};

#[derive(Properties, PartialEq)]
pub struct DeriveDefinitionProps {
    /// Hands a blank template (name, bytes) to the checker, with where to hear the definition.
    pub on_derive: Callback<(String, js_sys::ArrayBuffer, Callback<DeriveOutcome>)>,
    /// Loads a definition's text for this session, with where to hear how it went.
    pub on_choose: Callback<(String, Callback<ProfileOutcome>)>,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Reading(String),
    Made { derived: DerivedDefinition, used: Option<Result<LoadedProfile, Vec<String>>> },
    Refused(String),
}

/// `derived-better-care-fund-2026-27` → `derived-better-care-fund-2026-27.json`.
fn file_name(id: &str) -> String {
    let safe: String = id.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("{}.json", if safe.is_empty() { "template-definition" } else { &safe })
}

#[function_component(DeriveDefinition)]
pub fn derive_definition(props: &DeriveDefinitionProps) -> Html {
    let outcome = use_state(|| Outcome::None);
    let on_change = {
        let on_derive = props.on_derive.clone();
        let on_choose = props.on_choose.clone();
        let outcome = outcome.clone();
        Callback::from(move |e: Event| {
            let input: Option<HtmlInputElement> = e.target().and_then(|t| t.dyn_into().ok());
            let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
            let name = file.name();
            outcome.set(Outcome::Reading(name.clone()));
            let (on_derive, on_choose, outcome) = (on_derive.clone(), on_choose.clone(), outcome.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = JsFuture::from(file.array_buffer()).await.ok().and_then(|b| b.dyn_into().ok());
                let Some(bytes) = bytes else {
                    outcome.set(Outcome::Refused("The browser could not read the file. Choose it again.".into()));
                    return;
                };
                let done = Callback::from(move |result: DeriveOutcome| match result {
                    Err(why) => outcome.set(Outcome::Refused(why)),
                    Ok(derived) if derived.complete => {
                        // Everything was found: used for this session at once.
                        outcome.set(Outcome::Made { derived: derived.clone(), used: None });
                        let json = derived.json.clone();
                        let outcome = outcome.clone();
                        let loaded = Callback::from(move |used: ProfileOutcome| {
                            outcome.set(Outcome::Made { derived: derived.clone(), used: Some(used) })
                        });
                        on_choose.emit((json, loaded));
                    }
                    Ok(derived) => outcome.set(Outcome::Made { derived, used: None }),
                });
                on_derive.emit((name, bytes, done));
            });
        })
    };
    let download = {
        let outcome = outcome.clone();
        Callback::from(move |_: MouseEvent| {
            if let Outcome::Made { derived, .. } = &*outcome {
                super::downloads::save(&derived.json, &file_name(&derived.id), "application/json");
            }
        })
    };
    html! {
        <details class="govuk-details derive-definition">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">{ "Make a definition from a blank template" }</span>
            </summary>
            <div class="govuk-details__text">
                <p class="govuk-body">
                    { "If your planning template is laid out differently from the rounds this checker knows, choose the blank template as it was sent out. The checker finds its sheets, labels, tables and drop-down lists, and makes a template definition from them. The template stays on this computer." }
                </p>
                <label class="govuk-label" for="derive-upload">{ "Blank template (.xlsx)" }</label>
                <input class="govuk-file-upload" id="derive-upload" type="file"
                    accept=".xlsx,.xlsm,.xlsb,.xls,.ods" onchange={on_change} />
                <div id="derive-status" role="status" aria-live="polite">
                {
                    match &*outcome {
                        Outcome::None => html! {},
                        Outcome::Reading(name) => html! {
                            <p class="govuk-body">{ format!("Reading {name}…") }</p>
                        },
                        Outcome::Refused(why) => html! {
                            <p class="govuk-error-message">{ format!("No definition was made. {why}") }</p>
                        },
                        Outcome::Made { derived, used } => html! {
                            <>
                                <h2 class="govuk-heading-s">{ "What was found" }</h2>
                                <ul class="govuk-list govuk-list--bullet derive-lines">
                                    { for derived.lines.iter().map(|l| html! { <li>{ l }</li> }) }
                                </ul>
                                <button type="button" class="govuk-button govuk-button--secondary" id="derive-download" onclick={download}>
                                    { "Download the template definition (JSON)" }
                                </button>
                                {
                                    match used {
                                        _ if !derived.complete => html! {
                                            <p class="govuk-body" id="derive-use">
                                                { "This definition needs editing before plans are checked with it. Download it, correct what is listed as not found, then choose it under “Use a different template definition”." }
                                            </p>
                                        },
                                        None => html! { <p class="govuk-body" id="derive-use">{ "Loading the definition…" }</p> },
                                        Some(Ok(p)) => html! {
                                            <p class="govuk-body" id="derive-use">
                                                { format!("Plans of the template “{}” will be checked against this definition for the rest of this visit.", p.title) }
                                            </p>
                                        },
                                        Some(Err(problems)) => html! {
                                            <div class="govuk-error-message" id="derive-use">
                                                <p class="govuk-body">{ "This definition cannot be used:" }</p>
                                                <ul class="govuk-list govuk-list--bullet">
                                                    { for problems.iter().map(|p| html! { <li>{ p }</li> }) }
                                                </ul>
                                            </div>
                                        },
                                    }
                                }
                            </>
                        },
                    }
                }
                </div>
            </div>
        </details>
    }
}
