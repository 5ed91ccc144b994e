//! The findings as CSV and JSON (the report contract, printed by the same code as the CLI), and
//! printing. Files are made in the browser from the report; nothing is sent anywhere.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::report::{self, Report};

#[derive(Properties, PartialEq)]
pub struct DownloadsProps {
    pub report: Rc<Report>,
}

/// `"plan.xlsx"` → `"plan-problems"`.
fn stem(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let base = name.rsplit_once('.').map_or(name, |(b, _)| b);
    format!("{}-problems", if base.is_empty() { "plan" } else { base })
}

/// Offers text as a file to save: made in the browser, never sent anywhere.
pub fn save(contents: &str, file_name: &str, mime: &str) {
    save_parts(&js_sys::Array::of1(&contents.into()), file_name, mime);
}

/// Offers a file made of `parts` (text or bytes, as a Blob takes them) to save.
pub fn save_parts(parts: &js_sys::Array, file_name: &str, mime: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_blob_sequence_and_options(parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(link) = document.create_element("a") {
        if let Ok(link) = link.dyn_into::<web_sys::HtmlAnchorElement>() {
            link.set_href(&url);
            link.set_download(file_name);
            link.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[function_component(Downloads)]
pub fn downloads(props: &DownloadsProps) -> Html {
    let report = props.report.clone();
    let csv = {
        let report = report.clone();
        Callback::from(move |_| {
            let body = report::to_csv(std::slice::from_ref(&*report));
            save(&body, &format!("{}.csv", stem(&report.file)), "text/csv;charset=utf-8");
        })
    };
    let json = {
        let report = report.clone();
        Callback::from(move |_| {
            let body = report::to_json(std::slice::from_ref(&*report));
            save(&body, &format!("{}.json", stem(&report.file)), "application/json");
        })
    };
    let print = Callback::from(|_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <section class="downloads" aria-labelledby="downloads-heading">
            <h2 class="govuk-heading-m" id="downloads-heading">{ "Save the results" }</h2>
            <div class="button-group">
                <button type="button" class="govuk-button govuk-button--secondary" id="download-csv" onclick={csv}>{ "Download as CSV" }</button>
                <button type="button" class="govuk-button govuk-button--secondary" id="download-json" onclick={json}>{ "Download as JSON" }</button>
                <button type="button" class="govuk-button govuk-button--secondary" id="print" onclick={print}>{ "Print" }</button>
            </div>
        </section>
    }
}
