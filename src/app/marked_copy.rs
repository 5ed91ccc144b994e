//! "Fix the problems in Excel": the user's own workbook back with each problem on its cell. The
//! copy is made in the worker from the bytes already read and offered as a download; nothing is
//! sent anywhere or stored.

use std::rc::Rc;

use yew::prelude::*;

use super::checker::MarkOutcome;
use crate::annotate::CannotMark;
use crate::check::Checked;
use crate::report::{Report, Status};
use crate::workbook::Format;

#[derive(Properties, PartialEq)]
pub struct MarkedCopyProps {
    pub checked: Rc<Checked>,
    /// Asks for the copy of the file this report is of; the callback hears the outcome.
    pub on_mark: Callback<(Rc<Report>, Callback<MarkOutcome>)>,
}

#[derive(Clone, PartialEq)]
enum Progress {
    Idle,
    Making,
    /// The copy's name, and a notice about it.
    Saved(String, Option<String>),
    Failed(String),
}

/// Offers the copy to save: a Blob made in the browser, never sent anywhere.
fn save_bytes(bytes: &js_sys::Uint8Array, file_name: &str) {
    let mime = if file_name.ends_with(".xlsm") {
        "application/vnd.ms-excel.sheet.macroEnabled.12"
    } else {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    };
    super::downloads::save_parts(&js_sys::Array::of1(bytes), file_name, mime);
}

#[function_component(MarkedCopy)]
pub fn marked_copy(props: &MarkedCopyProps) -> Html {
    let progress = use_state(|| Progress::Idle);
    let checked = &props.checked;
    if checked.report.status == Status::Unreadable {
        return html! {};
    }
    let heading = html! { <h2 class="govuk-heading-m" id="marked-copy-heading">{ "Fix the problems in Excel" }</h2> };
    let format = checked.format.unwrap_or(Format::Xlsx);
    if format != Format::Xlsx {
        let why = CannotMark::NotXlsx(format.name());
        return html! {
            <section class="marked-copy" aria-labelledby="marked-copy-heading">
                { heading }
                <p class="govuk-body" id="marked-copy-unavailable">{ why.message() }</p>
                <p class="govuk-body">{ why.hint() }</p>
            </section>
        };
    }
    let onclick = {
        let progress = progress.clone();
        let on_mark = props.on_mark.clone();
        let report = Rc::new(checked.report.clone());
        Callback::from(move |_| {
            if *progress == Progress::Making {
                return;
            }
            progress.set(Progress::Making);
            let progress = progress.clone();
            let done = Callback::from(move |outcome: MarkOutcome| match outcome {
                Ok(copy) => {
                    save_bytes(&copy.bytes, &copy.file_name);
                    progress.set(Progress::Saved(copy.file_name, copy.notice));
                }
                Err(why) => progress.set(Progress::Failed(why)),
            });
            on_mark.emit((report.clone(), done));
        })
    };
    let what = if checked.report.findings.is_empty() {
        "Download a copy of your workbook with a first sheet saying that no problems were found."
    } else {
        "Download a copy of your workbook with a first sheet that lists every problem with a link to its cell, \
         a note on each cell with a problem, and a red border around each cell with an error."
    };
    html! {
        <section class="marked-copy" aria-labelledby="marked-copy-heading">
            { heading }
            <p class="govuk-body">{ what }</p>
            <p class="govuk-body">{ "The copy is made on this computer. Nothing else in your workbook is changed. Delete the “Problems found” sheet before you submit the plan." }</p>
            // Not `disabled` while the copy is made: a disabled button loses the focus, and the
            // keyboard user is left at the top of the page. A second click is ignored instead.
            <button type="button" class="govuk-button" id="download-marked" onclick={onclick}
                aria-disabled={(*progress == Progress::Making).then_some("true")}>
                { "Download your workbook with the problems marked" }
            </button>
            <p class="govuk-body" id="marked-copy-status" role="status">
                {
                    match &*progress {
                        Progress::Idle => String::new(),
                        Progress::Making => "Making your copy…".to_string(),
                        Progress::Saved(name, None) => format!("Your copy is called {name}. Look for it where your browser saves downloads."),
                        Progress::Saved(name, Some(notice)) => format!("Your copy is called {name}. Look for it where your browser saves downloads. {notice}"),
                        Progress::Failed(why) => why.clone(),
                    }
                }
            </p>
        </section>
    }
}
