//! The Web Worker: receives `{id, name, bytes}`, answers with `{id, report, figures, sheets}` as
//! JSON, the job's id carried back so an answer is never taken for another file's. It also takes
//! `{id, profile: <JSON text>}`, a template definition to check plans against for the rest of its
//! life, and answers `{id, loaded: {id, title}}` or `{id, problems: [...]}`; and `{id, name,
//! derive: <bytes>}`, a blank template to make a definition from, answered `{id, derived: {json,
//! id, title, complete, lines}}` or `{id, refused: "..."}`.
//! It first says it is ready, so the page never posts a file before anyone listens.
//!
//! Two builds run this code: the checking worker every visit starts, which runs the page's own
//! module (src/bin/bcf-check-app.rs), knows only the built-in profiles (carried as Rust data) and
//! reads `.xlsx` and `.xlsm`; and the full one the page starts instead once the user chooses a
//! template definition or a file of another format (`.xlsb`, `.xls`, `.ods`), which can also
//! parse a definition and read those formats, code most visits never need. Given a file it cannot
//! read, the first build answers `{id, elsewhere: true}` and the page sends it to the full one.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

pub const READY: &str = "ready";

/// A workbook of one sheet and two cells (www/warm-up.xlsx), checked once as the worker starts.
/// Its parts are stored uncompressed but for the sheet (deflated, so that the inflating code is
/// compiled too): stored, they compress with the rest of the module's download.
const WARM_UP: &[u8] = include_bytes!("../../www/warm-up.xlsx");

/// The worker's answer: the job's id and the checked workbook. (Nested, not flattened: reading
/// a flattened struct buffers it through serde's generic `Content`, whose code for every type
/// of a report cost the page's first download some 10 KB.)
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Reply {
    pub id: f64,
    pub checked: crate::check::Checked,
}

/// The worker's answer to two versions of a plan to compare.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CompareReply {
    pub id: f64,
    #[serde(default)]
    pub changes: Option<Vec<crate::compare::Change>>,
    #[serde(default)]
    pub refused: Option<String>,
}

/// The worker's answer to a template definition.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProfileReply {
    pub id: f64,
    #[serde(default)]
    pub loaded: Option<LoadedProfile>,
    #[serde(default)]
    pub problems: Vec<String>,
}

/// The worker's answer to a blank template to make a definition from (`profile derive`).
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DeriveReply {
    pub id: f64,
    #[serde(default)]
    pub derived: Option<DerivedDefinition>,
    #[serde(default)]
    pub refused: Option<String>,
}

/// A definition made from a blank template, and what was and was not found, in words.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DerivedDefinition {
    pub json: String,
    pub id: String,
    pub title: String,
    /// Everything was found and it loads: it can be used as it is.
    pub complete: bool,
    pub lines: Vec<String>,
}

/// Makes a definition from a blank template's name and bytes, or says why it cannot.
pub fn derive_bytes(name: &str, bytes: &[u8]) -> Result<DerivedDefinition, String> {
    let workbook = crate::check::read_every_sheet(bytes).map_err(|e| format!("{name} cannot be read: {e}"))?;
    let derived = crate::derive::derive(&workbook, None)?;
    Ok(DerivedDefinition {
        complete: derived.complete(),
        lines: derived.in_words(),
        json: derived.json,
        id: derived.id,
        title: derived.title,
    })
}

/// Makes a definition from a blank template (`derive_bytes`), in the build that can.
pub type DeriveDefinition = fn(&str, &[u8]) -> Result<DerivedDefinition, String>;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LoadedProfile {
    pub id: String,
    pub title: String,
}

thread_local! {
    /// The definitions loaded so far, by their text: sending the same one again is not a clash.
    static LOADED: std::cell::RefCell<Vec<(String, LoadedProfile)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Loads a template definition for the rest of the worker's life.
pub fn load_profile(text: &str) -> Result<LoadedProfile, Vec<String>> {
    if let Some(loaded) = LOADED.with(|l| l.borrow().iter().find(|(t, _)| t == text).map(|(_, p)| p.clone())) {
        return Ok(loaded);
    }
    let profile = crate::profile::load(text)?;
    let loaded = LoadedProfile { id: profile.id.clone(), title: profile.title.clone() };
    LOADED.with(|l| l.borrow_mut().push((text.to_string(), loaded.clone())));
    Ok(loaded)
}

/// Loads a template definition from its JSON text, in the build that can.
pub type LoadDefinition = fn(&str) -> Result<LoadedProfile, Vec<String>>;

/// What the full build does that the one every visit starts does not: load template definitions
/// and compare two versions of a plan. Given as functions, so the first build carries neither
/// (comparing is an assurer's occasional task; the page hands it to the full build).
pub struct FullBuild {
    pub load_definition: LoadDefinition,
    pub compare: CompareBytes,
    pub derive: DeriveDefinition,
}

/// Compares two versions of a plan from their names and bytes (`compare::compare_bytes`).
pub type CompareBytes = fn(&str, &[u8], &str, &[u8]) -> Result<Vec<crate::compare::Change>, String>;

/// The full build's abilities.
pub fn full_build() -> FullBuild {
    FullBuild { load_definition: load_profile, compare: crate::compare::compare_bytes, derive: derive_bytes }
}

/// The answer to a file this build does not read: the page sends it to the full build.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Elsewhere {
    pub id: f64,
    pub elsewhere: bool,
}

/// What a worker's answer is. Each reply type writes its own key second, after the id (serde
/// keeps the order of fields), so the kind is told from that key before anything is parsed: a
/// value inside a report (a local metric a board named "changes", say) cannot make the page take
/// a report for a comparison and drop it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKind {
    /// [`Reply`]: a checked file.
    Checked,
    /// [`CompareReply`].
    Compared,
    /// [`ProfileReply`].
    Definition,
    /// [`DeriveReply`].
    Derived,
    /// [`Elsewhere`]: a file for the full build.
    Elsewhere,
    Unknown,
}

pub fn answer_kind(json: &str) -> AnswerKind {
    let second_key = json.strip_prefix("{\"id\":").and_then(|rest| {
        // The id is a number: the first `,"` after it starts the second key.
        let key = &rest[rest.find(",\"")? + 2..];
        key.find('"').map(|end| &key[..end])
    });
    match second_key {
        Some("checked") => AnswerKind::Checked,
        Some("changes") => AnswerKind::Compared,
        Some("loaded") => AnswerKind::Definition,
        Some("derived") => AnswerKind::Derived,
        Some("elsewhere") => AnswerKind::Elsewhere,
        _ => AnswerKind::Unknown,
    }
}

/// Whether these bytes are a workbook of a format this build leaves to the full one.
fn for_the_full_build(bytes: &[u8]) -> bool {
    matches!(crate::workbook::sniff(bytes), crate::workbook::Sniffed::Spreadsheet(f) if !crate::workbook::reads(f))
}

/// Runs the worker: the build every visit starts, or, with `Some(load_definition)` (and the
/// `.xlsb`, `.xls` and `.ods` readers turned on by its `main`), the full one.
pub fn start(full: Option<FullBuild>) {
    let (load_definition, compare, derive) = match full {
        Some(f) => (Some(f.load_definition), Some(f.compare), Some(f.derive)),
        None => (None, None, None),
    };
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let name = js_sys::Reflect::get(&data, &"name".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| "workbook".to_string());
        let bytes = js_sys::Reflect::get(&data, &"bytes".into())
            .map(|b| js_sys::Uint8Array::new(&b).to_vec())
            .unwrap_or_default();
        let id = js_sys::Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        if let Some(text) = js_sys::Reflect::get(&data, &"profile".into()).ok().and_then(|v| v.as_string()) {
            let loaded = match load_definition {
                Some(load) => load(&text),
                // The page starts the other build before it sends a definition.
                None => Err(vec!["This checker was started without template definitions. Reload the page and choose the definition again.".to_string()]),
            };
            let reply = match loaded {
                Ok(loaded) => ProfileReply { id, loaded: Some(loaded), problems: Vec::new() },
                Err(problems) => ProfileReply { id, loaded: None, problems },
            };
            post_json(&reply_scope, &reply);
            return;
        }
        if let Some(template) = js_sys::Reflect::get(&data, &"derive".into()).ok().filter(|v| !v.is_undefined()) {
            let template = js_sys::Uint8Array::new(&template).to_vec();
            let result = match derive {
                Some(derive) => derive(&name, &template),
                // The page starts the other build before it sends a template.
                None => Err("This checker was started without template definitions. Reload the page and choose the template again.".to_string()),
            };
            let reply = match result {
                Ok(derived) => DeriveReply { id, derived: Some(derived), refused: None },
                Err(why) => DeriveReply { id, derived: None, refused: Some(why) },
            };
            post_json(&reply_scope, &reply);
            return;
        }
        if let Some(old) = js_sys::Reflect::get(&data, &"old".into()).ok().filter(|v| !v.is_undefined()) {
            let text = |key: &str| {
                js_sys::Reflect::get(&data, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
            };
            let old = js_sys::Uint8Array::new(&old).to_vec();
            let new = js_sys::Reflect::get(&data, &"new".into())
                .map(|b| js_sys::Uint8Array::new(&b).to_vec())
                .unwrap_or_default();
            let compare = match compare {
                Some(compare) if !for_the_full_build(&old) && !for_the_full_build(&new) => compare,
                _ => {
                    post_json(&reply_scope, &Elsewhere { id, elsewhere: true });
                    return;
                }
            };
            let reply = match compare(&text("oldName"), &old, &text("newName"), &new) {
                Ok(changes) => CompareReply { id, changes: Some(changes), refused: None },
                Err(why) => CompareReply { id, changes: None, refused: Some(why) },
            };
            post_json(&reply_scope, &reply);
            return;
        }
        if for_the_full_build(&bytes) {
            post_json(&reply_scope, &Elsewhere { id, elsewhere: true });
            return;
        }
        // Asked afresh for this file (a question left from an earlier one does not count).
        let _ = crate::workbook::needs_other_encodings();
        let checked = crate::check::check_bytes_with_figures(&name, &bytes);
        if crate::workbook::needs_other_encodings() {
            post_json(&reply_scope, &Elsewhere { id, elsewhere: true });
            return;
        }
        post_json(&reply_scope, &Reply { id, checked });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Browsers compile WebAssembly lazily, so the first check would pay for compiling the reading
    // code: a tiny workbook pays for it now, while the page is still loading.
    let _ = crate::check::check_bytes("warm-up.xlsx", WARM_UP);
    let _ = scope.post_message(&JsValue::from_str(READY));
}

fn post_json(scope: &DedicatedWorkerGlobalScope, reply: &impl serde::Serialize) {
    let json = serde_json::to_string(reply).unwrap_or_default();
    let _ = scope.post_message(&JsValue::from_str(&json));
}
