//! The Web Worker that makes the marked copy (see [`crate::annotate`]), started only when a user
//! asks for one: the checking worker, which every visit downloads, carries none of its code.
//!
//! It takes `{id, name, bytes, report: <JSON>, checkedAt}` and answers `{id, fileName, bytes,
//! notice?}` (a notice when the copy's sheet cannot be deleted)
//! (the buffer handed over, not copied) or `{id, refused: <words>}`. It first says it is ready.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::report::Report;

pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok().filter(|v| !v.is_undefined());
        let id = get("id").and_then(|v| v.as_f64()).unwrap_or(0.0);
        let bytes = get("bytes").map(|b| js_sys::Uint8Array::new(&b).to_vec()).unwrap_or_default();
        let checked_at = get("checkedAt").and_then(|v| v.as_string()).unwrap_or_default();
        let report =
            get("report").and_then(|v| v.as_string()).and_then(|json| serde_json::from_str::<Report>(&json).ok());
        let reply = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&reply, &"id".into(), &JsValue::from_f64(id));
        let made = match report {
            Some(report) => crate::annotate::mark_copy(&bytes, &report, &checked_at),
            None => Err(crate::annotate::CannotMark::Unreadable),
        };
        match made {
            Ok(copy) => {
                let array = js_sys::Uint8Array::from(copy.bytes.as_slice());
                let _ = js_sys::Reflect::set(&reply, &"fileName".into(), &JsValue::from_str(&copy.file_name));
                let _ = js_sys::Reflect::set(&reply, &"bytes".into(), &array);
                if let Some(notice) = &copy.notice {
                    let _ = js_sys::Reflect::set(&reply, &"notice".into(), &JsValue::from_str(notice));
                }
                let _ = reply_scope.post_message_with_transfer(&reply, &js_sys::Array::of1(&array.buffer()));
            }
            Err(why) => {
                let words = format!("{} {}", why.message(), why.hint());
                let _ = js_sys::Reflect::set(&reply, &"refused".into(), &JsValue::from_str(&words));
                let _ = reply_scope.post_message(&reply);
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(super::worker::READY));
}
