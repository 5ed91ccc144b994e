//! The file input and drop zone.

use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UploadProps {
    /// Takes the files chosen (one or several); answers whether they were taken (not while others
    /// are being checked).
    pub on_files: Callback<Vec<web_sys::File>, bool>,
    pub busy: bool,
    /// Move focus to the file input (after "Check another file"), never on first load.
    pub focus: bool,
}

/// The rounds the checker knows, as a phrase (`A, B or C`), from the page's `data-rounds`: the
/// page itself carries no profile (the worker has them), which keeps its code small; a test
/// keeps the phrase in step with the built-in profiles.
fn rounds() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|app| app.get_attribute("data-rounds"))
        .unwrap_or_default()
}

/// Every file of a list the browser gives (a choice, a drop, a folder).
fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[function_component(Upload)]
pub fn upload(props: &UploadProps) -> Html {
    let dragging = use_state(|| false);
    let input_ref = use_node_ref();
    {
        let input_ref = input_ref.clone();
        use_effect_with(props.focus, move |focus| {
            if *focus {
                if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
            }
        });
    }
    let on_change = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: Option<HtmlInputElement> = e.target().and_then(|t| t.dyn_into().ok());
            if let Some(list) = input.as_ref().and_then(|i| i.files()) {
                let _ = on_files.emit(files_of(&list));
            }
            // Choosing the same file again should check it again.
            if let Some(input) = input {
                input.set_value("");
            }
        })
    };
    let on_folder = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: Option<HtmlInputElement> = e.target().and_then(|t| t.dyn_into().ok());
            if let Some(list) = input.as_ref().and_then(|i| i.files()) {
                // A folder holds other files too: only spreadsheets, by their names' endings
                // (the checker then recognises each by its content).
                let spreadsheets: Vec<web_sys::File> = files_of(&list)
                    .into_iter()
                    .filter(|f| {
                        let name = f.name().to_lowercase();
                        [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"].iter().any(|ext| name.ends_with(ext))
                    })
                    .collect();
                let _ = on_files.emit(spreadsheets);
            }
            if let Some(input) = input {
                input.set_value("");
            }
        })
    };
    let refused = use_state(|| false);
    let on_drop = {
        let on_files = props.on_files.clone();
        let dragging = dragging.clone();
        let refused = refused.clone();
        let busy = props.busy;
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                // Said, not ignored: the file being checked keeps its place.
                refused.set(busy || !on_files.emit(files_of(&list)));
            }
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let zone_class = classes!("drop-zone", (*dragging).then_some("drop-zone--dragging"));
    html! {
        <div class="govuk-form-group">
            <label class="govuk-label govuk-label--m" for="file-upload">{ "Choose your planning template" }</label>
            <div id="file-upload-hint" class="govuk-hint">
                { format!(
                    "The planning template of the {} round, as an Excel workbook (.xlsx, .xlsm, .xlsb or .xls) or OpenDocument spreadsheet (.ods), up to 20 MB. It is checked on this computer and not uploaded. To check several plans at once, choose or drop them together.",
                    rounds()
                ) }
            </div>
            if *refused {
                <p class="govuk-body govuk-error-message" id="drop-refused">
                    { "A file is already being checked. Wait for its report, then choose the next file." }
                </p>
            }
            <div class={zone_class} ondrop={on_drop} ondragover={on_drag_over} ondragleave={on_drag_leave}>
                <input class="govuk-file-upload" id="file-upload" name="file-upload" type="file" ref={input_ref}
                    aria-describedby="file-upload-hint"
                    accept=".xlsx,.xlsm,.xlsb,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
                    disabled={props.busy} multiple=true
                    onchange={on_change} />
                <p class="govuk-body drop-zone__text">{ "or drag and drop it here" }</p>
            </div>
            <div class="folder-choice">
                <label class="govuk-label" for="folder-upload">{ "Or choose a folder of plans, to check every spreadsheet in it" }</label>
                <input class="govuk-file-upload" id="folder-upload" type="file" webkitdirectory=true multiple=true
                    disabled={props.busy} onchange={on_folder} />
            </div>
        </div>
    }
}
