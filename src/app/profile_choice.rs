//! "Use a different template definition": a profile (JSON) chosen for this session, for a real
//! published template that differs from the modelled ones. It stays on this computer.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::worker::LoadedProfile;

#[derive(Properties, PartialEq)]
pub struct ProfileChoiceProps {
    /// Hands the definition's text to the checker, with where to say how it went.
    pub on_choose: Callback<(String, Callback<super::checker::ProfileOutcome>)>,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    None,
    Loaded(LoadedProfile),
    Refused(Vec<String>),
}

#[function_component(ProfileChoice)]
pub fn profile_choice(props: &ProfileChoiceProps) -> Html {
    let outcome = use_state(|| Outcome::None);
    let on_change = {
        let on_choose = props.on_choose.clone();
        let outcome = outcome.clone();
        Callback::from(move |e: Event| {
            let input: Option<HtmlInputElement> = e.target().and_then(|t| t.dyn_into().ok());
            let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
            let on_choose = on_choose.clone();
            let outcome = outcome.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Read as bytes: a definition saved as UTF-16 (Windows PowerShell 5) is read too.
                let bytes =
                    JsFuture::from(file.array_buffer()).await.ok().map(|b| js_sys::Uint8Array::new(&b).to_vec());
                let Some(bytes) = bytes else {
                    outcome.set(Outcome::Refused(vec!["The browser could not read the file.".into()]));
                    return;
                };
                if bytes.len() > 2 * crate::profile::MAX_DEFINITION_BYTES + 2 {
                    outcome.set(Outcome::Refused(vec![format!(
                        "the file: a template definition is at most {} KB (the built-in ones are about 20 KB); this one is larger",
                        crate::profile::MAX_DEFINITION_BYTES / 1024
                    )]));
                    return;
                }
                let text = match crate::profile::definition_text(&bytes) {
                    Ok(text) => text,
                    Err(problem) => {
                        outcome.set(Outcome::Refused(vec![problem]));
                        return;
                    }
                };
                let done = Callback::from(move |result: Result<LoadedProfile, Vec<String>>| {
                    outcome.set(match result {
                        Ok(loaded) => Outcome::Loaded(loaded),
                        Err(problems) => Outcome::Refused(problems),
                    })
                });
                on_choose.emit((text, done));
            });
        })
    };
    html! {
        <details class="govuk-details profile-choice">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">{ "Use a different template definition" }</span>
            </summary>
            <div class="govuk-details__text">
                <p class="govuk-body">
                    { "If your planning template differs from the rounds this checker knows, choose a template definition (a JSON file describing its sheets, labels and rules). It is used for this visit only, on this computer." }
                </p>
                <label class="govuk-label" for="profile-upload">{ "Template definition (.json)" }</label>
                <input class="govuk-file-upload" id="profile-upload" type="file" accept=".json,application/json" onchange={on_change} />
                {
                    match &*outcome {
                        Outcome::None => html! {},
                        Outcome::Loaded(p) => html! {
                            <p class="govuk-body" id="profile-status">
                                { format!("Plans of the round “{}” ({}) will be checked against this definition.", p.title, p.id) }
                            </p>
                        },
                        Outcome::Refused(problems) => html! {
                            <div class="govuk-error-message" id="profile-status">
                                <p class="govuk-body">{ "This template definition cannot be used:" }</p>
                                <ul class="govuk-list govuk-list--bullet">
                                    { for problems.iter().map(|p| html! { <li>{ p }</li> }) }
                                </ul>
                            </div>
                        },
                    }
                }
            </div>
        </details>
    }
}
