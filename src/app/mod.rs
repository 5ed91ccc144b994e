//! The web page (wasm32 only): a thin shell over [`crate::check_bytes`].
//!
//! Architecture invariant: the page never reads or checks a workbook on its own thread. Files go
//! to a Web Worker ([`worker`]) that returns the report as JSON; a worker that traps (a parser
//! panic aborts in the web build) is replaced and the file reported as unreadable. The file never
//! leaves the computer: there is no server to send it to.

mod checker;
pub mod results;
pub mod state;
pub mod upload;
pub mod worker;

use std::rc::Rc;

use yew::prelude::*;

use self::checker::Checker;
use self::results::Results;
use self::state::{Action, Phase, State};
use self::upload::Upload;

/// Mounts the page on `<main id="app">`, or on the body when that is missing.
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let checker = {
        let state = state.clone();
        use_memo((), move |_| {
            let on_report = Callback::from(move |report| state.dispatch(Action::Finished(report)));
            Rc::new(Checker::new(on_report))
        })
    };
    let on_file = {
        let state = state.clone();
        let checker = checker.clone();
        Callback::from(move |file: web_sys::File| {
            state.dispatch(Action::Started(file.name()));
            checker.check(file);
        })
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Reset))
    };
    let announcement = match &state.phase {
        Phase::Ready => String::new(),
        Phase::Checking { file } => format!("Checking your file {file}…"),
        Phase::Checked(report) => state::announcement(report),
    };
    html! {
        <>
            <h1 class="govuk-heading-l">{ "Check your Better Care Fund planning template" }</h1>
            <p class="govuk-body">
                { "Choose your completed planning template to check it for problems before you submit it. " }
                { "Your file is checked on this computer. It is not uploaded." }
            </p>
            // The live region exists before any text is put in it, so screen readers announce changes.
            <div id="status" class="govuk-body status" role="status" aria-live="polite">{ announcement }</div>
            {
                match &state.phase {
                    Phase::Checked(report) => html! {
                        <Results report={report.clone()} on_reset={on_reset} />
                    },
                    Phase::Ready | Phase::Checking { .. } => html! {
                        <Upload on_file={on_file} busy={matches!(state.phase, Phase::Checking { .. })} />
                    },
                }
            }
        </>
    }
}
