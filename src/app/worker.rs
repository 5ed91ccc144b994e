//! The Web Worker: receives `{id, name, bytes}`, answers with `{id, report, figures, sheets}` as
//! JSON, the job's id carried back so an answer is never taken for another file's.
//! It first says it is ready, so the page never posts a file before anyone listens.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

pub const READY: &str = "ready";

/// The worker's answer: the job's id beside the checked workbook's fields.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Reply {
    pub id: f64,
    #[serde(flatten)]
    pub checked: crate::check::Checked,
}

pub fn start() {
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
        let checked = crate::check::check_bytes_with_figures(&name, &bytes);
        let json = serde_json::to_string(&Reply { id, checked }).unwrap_or_default();
        let _ = reply_scope.post_message(&JsValue::from_str(&json));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
