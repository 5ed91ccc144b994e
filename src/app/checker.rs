//! Talks to the checking worker: starts it when the page loads, queues a file until it is ready,
//! and replaces it if it dies (a trap in the parser), reporting that file as unreadable.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, MessageEvent, Worker};
use yew::Callback;

use super::worker::{AnswerKind, DeriveReply, DerivedDefinition, LoadedProfile, ProfileReply};
use crate::check::Checked;
use crate::report::Report;
use crate::workbook::{ReadError, TooLarge, Unreadable, MAX_FILE_BYTES};

/// The checking worker's script (www/checking-worker.js), a module worker that runs this page's
/// own module; its first message is that module, compiled.
const WORKER_SCRIPT: &str = "./checking-worker.js";

/// The full checking worker: it also loads template definitions and reads `.xlsb`, `.xls` and `.ods`.
/// Started in place of the other once the user chooses a definition or such a file (its code is
/// downloaded only then).
const FULL_WORKER_SCRIPT: &str = "./bcf-check-full-worker_loader.js";

struct Job {
    id: f64,
    name: String,
    bytes: js_sys::ArrayBuffer,
}

struct Inner {
    worker: Option<Worker>,
    ready: bool,
    /// Whether this page uses the full build from now on (a definition or a file that needs it):
    /// every worker started after this is the full one, and the other is stopped when it is set.
    wants_full: bool,
    queued: Option<Job>,
    /// The worker that makes marked copies, once one was asked for, and whether it is listening.
    marker: Option<Worker>,
    marker_ready: bool,
    /// A request for a marked copy made while that worker was starting.
    queued_mark: Option<js_sys::Object>,
    marker_handlers: Handlers,
    /// The job the worker is checking now: its id and file name.
    current: Option<(f64, String)>,
    /// The id of the next job.
    next_id: f64,
    /// A template definition chosen for this session: sent to every worker as it starts.
    profile: Option<String>,
    /// Who is waiting to hear whether the definition loaded, and the id of that request.
    on_profile: Option<(f64, Callback<ProfileOutcome>)>,
    /// Who is waiting for a comparison of two versions, and the id of that request.
    on_compare: Option<(f64, Callback<CompareOutcome>)>,
    /// The comparison asked for, kept until it is answered (it goes to the full build if the
    /// first cannot read the files), and whether it still waits for the worker to be ready.
    compare_message: Option<js_sys::Object>,
    compare_queued: bool,
    /// Who is waiting for a definition made from a blank template, the id of that request, and
    /// the request itself until the full build is ready for it.
    on_derive: Option<(f64, Callback<DeriveOutcome>)>,
    derive_message: Option<js_sys::Object>,
    /// Who is waiting for a marked copy, and the id of that request.
    on_mark: Option<(f64, Callback<MarkOutcome>)>,
    /// The bytes of the files checked most recently (newest last), for their marked copies: kept
    /// in this page only, never stored, and no more than [`KEEP_BYTES`] in all.
    kept: Vec<(String, js_sys::ArrayBuffer)>,
    on_checked: Callback<Checked>,
    // Kept alive for as long as the worker they belong to.
    handlers: Handlers,
}

/// A worker's message and error handlers, kept alive as long as it.
/// A template definition loaded, or what is wrong with it.
pub type ProfileOutcome = Result<LoadedProfile, Vec<String>>;
/// A definition made from a blank template, or why none could be.
pub type DeriveOutcome = Result<DerivedDefinition, String>;
/// What changed between two versions, or why they could not be compared.
pub type CompareOutcome = Result<Vec<crate::compare::Change>, String>;

type Handlers = Vec<Closure<dyn Fn(JsValue)>>;

/// The most bytes of checked files the page keeps for marked copies (the oldest go first).
const KEEP_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// A marked copy: its file name and bytes, or why none was made (in words).
pub type MarkOutcome = Result<MadeCopy, String>;

/// A marked copy the marker worker made.
pub struct MadeCopy {
    pub file_name: String,
    pub bytes: js_sys::Uint8Array,
    /// Something the user must know about it (its sheet cannot be deleted).
    pub notice: Option<String>,
}

pub struct Checker {
    inner: Rc<RefCell<Inner>>,
}

fn unreadable(name: &str, error: &ReadError) -> Checked {
    Checked::unreadable(name, error)
}

fn crashed(name: &str) -> Checked {
    unreadable(name, &ReadError::Unreadable { reason: Unreadable::ParserCrashed })
}

impl Checker {
    /// Starts the worker straight away, so that checking a file later needs no network request.
    pub fn new(on_checked: Callback<Checked>) -> Checker {
        let inner = Inner {
            worker: None,
            ready: false,
            wants_full: false,
            queued: None,
            marker: None,
            marker_ready: false,
            queued_mark: None,
            marker_handlers: Vec::new(),
            current: None,
            next_id: 1.0,
            profile: None,
            on_profile: None,
            on_compare: None,
            compare_message: None,
            compare_queued: false,
            on_derive: None,
            derive_message: None,
            on_mark: None,
            kept: Vec::new(),
            on_checked,
            handlers: Vec::new(),
        };
        let inner = Rc::new(RefCell::new(inner));
        // If it cannot start now, `submit` tries again and reports a failure against the file.
        let _ = spawn(&inner);
        Checker { inner }
    }

    /// Checks plans against a template definition (JSON) from now on, beside the built-in rounds,
    /// for this session only. `done` hears whether it loaded.
    pub fn use_profile(&self, text: String, done: Callback<Result<LoadedProfile, Vec<String>>>) {
        {
            let mut state = self.inner.borrow_mut();
            if state.busy_with_a_file() {
                // Only the full build loads a definition; the worker must not be replaced while
                // it checks a file.
                drop(state);
                done.emit(Err(vec![
                    "A file is being checked. Wait until its report is shown, then choose the definition again.".into(),
                ]));
                return;
            }
            use_full_build(&mut state);
            state.profile = Some(text);
        }
        if let Err(message) = ensure_worker(&self.inner) {
            done.emit(Err(vec![message]));
            return;
        }
        let mut state = self.inner.borrow_mut();
        let id = state.next_id;
        state.next_id += 1.0;
        state.on_profile = Some((id, done));
        if state.ready {
            post_profile(&state, id);
        }
    }

    /// Makes a template definition from a blank template, in the full build (which replaces the
    /// other, as for a chosen definition). `done` hears the definition, or why none was made.
    pub fn derive(&self, name: String, bytes: js_sys::ArrayBuffer, done: Callback<DeriveOutcome>) {
        {
            let mut state = self.inner.borrow_mut();
            if state.busy_with_a_file() {
                drop(state);
                done.emit(Err(
                    "A file is being checked. Wait until its report is shown, then choose the template again.".into(),
                ));
                return;
            }
            use_full_build(&mut state);
        }
        if let Err(message) = ensure_worker(&self.inner) {
            done.emit(Err(message));
            return;
        }
        let mut state = self.inner.borrow_mut();
        let id = state.next_id;
        state.next_id += 1.0;
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from_f64(id));
        let _ = js_sys::Reflect::set(&message, &"name".into(), &JsValue::from_str(&name));
        let _ = js_sys::Reflect::set(&message, &"derive".into(), &bytes);
        state.on_derive = Some((id, done));
        state.derive_message = Some(message);
        post_derive(&mut state);
    }

    /// Compares two versions of a plan in the worker. `done` hears the changes, or why not.
    pub fn compare(&self, old: File, new: File, done: Callback<Result<Vec<crate::compare::Change>, String>>) {
        let inner = self.inner.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let (a, b) = (JsFuture::from(old.array_buffer()).await, JsFuture::from(new.array_buffer()).await);
            let (Ok(a), Ok(b)) = (a, b) else {
                done.emit(Err("The browser could not read the files.".into()));
                return;
            };
            if let Err(message) = ensure_worker(&inner) {
                done.emit(Err(message));
                return;
            }
            let mut state = inner.borrow_mut();
            let id = state.next_id;
            state.next_id += 1.0;
            state.on_compare = Some((id, done));
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from_f64(id));
            let _ = js_sys::Reflect::set(&message, &"old".into(), &a);
            let _ = js_sys::Reflect::set(&message, &"new".into(), &b);
            let _ = js_sys::Reflect::set(&message, &"oldName".into(), &JsValue::from_str(&old.name()));
            let _ = js_sys::Reflect::set(&message, &"newName".into(), &JsValue::from_str(&new.name()));
            // Posted without transfer: the page keeps the bytes in case the full build must
            // compare them instead.
            state.compare_message = Some(message);
            post_compare(&mut state);
        });
    }

    /// Makes the marked copy of a file checked earlier, from the bytes read then, in a worker of
    /// its own started on the first request (so that every visit does not download its code).
    pub fn mark_copy(&self, report: &Report, done: Callback<MarkOutcome>) {
        let mut state = self.inner.borrow_mut();
        let Some(bytes) = state.kept.iter().rev().find(|(n, _)| *n == report.file).map(|(_, b)| b.slice(0)) else {
            drop(state);
            done.emit(Err("The file is no longer open in this page. Check it again, then download the copy.".into()));
            return;
        };
        if state.marker.is_none() {
            match start_marker(&self.inner) {
                Ok((marker, handlers)) => {
                    state.marker = Some(marker);
                    state.marker_handlers = handlers;
                }
                Err(message) => {
                    drop(state);
                    done.emit(Err(message));
                    return;
                }
            }
        }
        let id = state.next_id;
        state.next_id += 1.0;
        state.on_mark = Some((id, done));
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from_f64(id));
        let _ = js_sys::Reflect::set(&message, &"name".into(), &JsValue::from_str(&report.file));
        let _ = js_sys::Reflect::set(&message, &"bytes".into(), &bytes);
        let json = serde_json::to_string(report).unwrap_or_default();
        let _ = js_sys::Reflect::set(&message, &"report".into(), &JsValue::from_str(&json));
        let _ = js_sys::Reflect::set(&message, &"checkedAt".into(), &JsValue::from_str(&super::now_in_words()));
        match (&state.marker, state.marker_ready) {
            (Some(marker), true) => {
                let _ = marker.post_message_with_transfer(&message, &js_sys::Array::of1(&bytes));
            }
            _ => state.queued_mark = Some(message),
        }
    }

    /// Whether a file is being read or checked now.
    pub fn busy(&self) -> bool {
        self.inner.borrow().busy_with_a_file()
    }

    /// Reads the file (in the browser) and hands it to the worker. One file at a time: the page
    /// refuses a second while one is being checked (`busy`).
    pub fn check(&self, file: File) {
        let name = file.name();
        let size = file.size();
        if size > MAX_FILE_BYTES as f64 {
            let error = ReadError::TooLarge { what: TooLarge::File { bytes: size as usize } };
            let callback = self.inner.borrow().on_checked.clone();
            callback.emit(unreadable(&name, &error));
            return;
        }
        let inner = self.inner.clone();
        let id = {
            let mut state = inner.borrow_mut();
            let id = state.next_id;
            state.next_id += 1.0;
            // Taken from now, while the browser reads the file, so a second file waits its turn.
            state.current = Some((id, name.clone()));
            id
        };
        wasm_bindgen_futures::spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    let buffer: js_sys::ArrayBuffer = buffer.unchecked_into();
                    keep(&mut inner.borrow_mut().kept, &name, buffer.slice(0));
                    submit(&inner, Job { id, name, bytes: buffer })
                }
                Err(_) => {
                    let error =
                        ReadError::Unreadable { reason: Unreadable::Io("the browser could not read it".into()) };
                    inner.borrow_mut().current = None;
                    let callback = inner.borrow().on_checked.clone();
                    callback.emit(unreadable(&name, &error));
                }
            }
        });
    }
}

/// A worker's error handler: the browser's own report of the error is stopped, `give_up` puts
/// the page's state right, and what it returns (telling whoever waited) runs once the state is
/// no longer borrowed.
fn on_worker_error(
    inner: &Rc<RefCell<Inner>>,
    give_up: fn(&mut Inner) -> Box<dyn FnOnce()>,
) -> Closure<dyn Fn(JsValue)> {
    let weak = Rc::downgrade(inner);
    Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        if let Some(e) = event.dyn_ref::<web_sys::Event>() {
            e.prevent_default();
        }
        let Some(inner) = weak.upgrade() else { return };
        let tell = give_up(&mut inner.borrow_mut());
        tell();
    })
}

/// The marked copy worker Trunk writes next to the page.
const MARKER_SCRIPT: &str = "./bcf-check-marker_loader.js";

/// Starts the worker that makes marked copies. Its answers go to whoever waits in `on_mark`.
fn start_marker(inner: &Rc<RefCell<Inner>>) -> Result<(Worker, Handlers), String> {
    let marker = Worker::new(MARKER_SCRIPT)
        .map_err(|_| "The copy could not be made: the browser would not start it.".to_string())?;
    let weak = Rc::downgrade(inner);
    let on_message = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let Some(inner) = weak.upgrade() else { return };
        let data = event.unchecked_into::<MessageEvent>().data();
        let mut state = inner.borrow_mut();
        if data.as_string().as_deref() == Some(super::worker::READY) {
            state.marker_ready = true;
            if let (Some(message), Some(marker)) = (state.queued_mark.take(), &state.marker) {
                let bytes = js_sys::Reflect::get(&message, &"bytes".into()).unwrap_or(JsValue::UNDEFINED);
                let _ = marker.post_message_with_transfer(&message, &js_sys::Array::of1(&bytes));
            }
            return;
        }
        let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok().filter(|v| !v.is_undefined());
        let id = get("id").and_then(|v| v.as_f64()).unwrap_or(0.0);
        let Some((waiting, done)) = state.on_mark.take() else { return };
        if waiting != id {
            state.on_mark = Some((waiting, done));
            return;
        }
        drop(state);
        let outcome = match (get("fileName").and_then(|v| v.as_string()), get("bytes")) {
            (Some(file_name), Some(bytes)) => Ok(MadeCopy {
                file_name,
                bytes: js_sys::Uint8Array::new(&bytes),
                notice: get("notice").and_then(|v| v.as_string()),
            }),
            _ => Err(get("refused").and_then(|v| v.as_string()).unwrap_or_default()),
        };
        done.emit(outcome);
    });
    let on_error = on_worker_error(inner, |state| {
        // A trapped instance is not used again: the next request starts a new one.
        if let Some(marker) = state.marker.take() {
            marker.terminate();
        }
        // A worker that never said it was ready was not loaded (offline, never downloaded).
        let never_started = !state.marker_ready;
        state.marker_ready = false;
        state.queued_mark = None;
        let waiting = state.on_mark.take();
        Box::new(move || {
            if let Some((_, done)) = waiting {
                done.emit(Err(if never_started {
                    "The copy could not be made: the part of the checker that makes it has not been downloaded to this computer yet, and it cannot be downloaded now. Connect to the internet once and try again; the checker keeps that part for next time.".into()
                } else {
                    "The copy could not be made: something went wrong while making it. Try again.".into()
                }));
            }
        })
    });
    marker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    marker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The handlers are kept as long as the worker they belong to.
    Ok((marker, vec![on_message, on_error]))
}

/// Keeps a file's bytes for its marked copy, letting the oldest go past [`KEEP_BYTES`].
fn keep(kept: &mut Vec<(String, js_sys::ArrayBuffer)>, name: &str, bytes: js_sys::ArrayBuffer) {
    kept.retain(|(n, _)| n != name);
    kept.push((name.to_string(), bytes));
    while kept.len() > 1 && kept.iter().map(|(_, b)| f64::from(b.byte_length())).sum::<f64>() > KEEP_BYTES {
        kept.remove(0);
    }
}

impl Inner {
    fn busy_with_a_file(&self) -> bool {
        self.current.is_some() || self.queued.is_some()
    }
}

/// From now on the page uses the full build: the other, if it is running (and idle), is stopped,
/// and the next worker started is the full one.
fn use_full_build(state: &mut Inner) {
    if !state.wants_full {
        if let Some(worker) = state.worker.take() {
            worker.terminate();
        }
        state.ready = false;
        // A comparison the stopped worker had not answered goes to the full one.
        if state.compare_message.is_some() {
            state.compare_queued = true;
        }
    }
    state.wants_full = true;
}

/// Who waits for the answer to request `id`, taken from `slot`; an answer to any other request
/// (one already given up) leaves the one waiting in place.
fn waiting_for<T>(slot: &mut Option<(f64, T)>, id: f64) -> Option<T> {
    match slot.take() {
        Some((waiting, done)) if waiting == id => Some(done),
        other => {
            *slot = other;
            None
        }
    }
}

/// Sends the blank template to make a definition from, once the worker is ready.
fn post_derive(state: &mut Inner) {
    if let (Some(worker), true) = (&state.worker, state.ready) {
        if let Some(message) = state.derive_message.take() {
            let _ = worker.post_message(&message);
        }
    }
}

/// Sends the comparison asked for once the worker is ready.
fn post_compare(state: &mut Inner) {
    match (&state.worker, state.ready, &state.compare_message) {
        (Some(worker), true, Some(message)) => {
            let _ = worker.post_message(message);
            state.compare_queued = false;
        }
        (_, _, Some(_)) => state.compare_queued = true,
        _ => {}
    }
}

/// The worker could not read this file's format: the full build checks it (or compares the two
/// files) instead. Run after the worker's message handler has returned, as starting the full
/// build drops that handler.
fn hand_to_full_build(inner: &Rc<RefCell<Inner>>, id: f64) {
    let inner = inner.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let job = {
            let mut state = inner.borrow_mut();
            let job = match &state.current {
                Some((current, name)) if *current == id => {
                    let bytes = state.kept.iter().rev().find(|(n, _)| n == name).map(|(_, b)| b.slice(0));
                    Some((name.clone(), bytes))
                }
                _ => None,
            };
            let comparing = state.on_compare.as_ref().is_some_and(|(waiting, _)| *waiting == id);
            if job.is_none() && !comparing {
                return;
            }
            if job.is_some() {
                state.current = None;
            }
            use_full_build(&mut state);
            job
        };
        match job {
            // `submit` starts the full build and reports the file if it cannot.
            Some((name, Some(bytes))) => submit(&inner, Job { id, name, bytes }),
            Some((name, None)) => {
                // Not reached: the bytes of the file being checked are always kept.
                let callback = inner.borrow().on_checked.clone();
                callback.emit(crashed(&name));
            }
            // A comparison: sent once the full build is ready.
            None => {
                if let Err(message) = ensure_worker(&inner) {
                    let waiting = {
                        let mut state = inner.borrow_mut();
                        state.compare_message = None;
                        state.on_compare.take()
                    };
                    if let Some((_, done)) = waiting {
                        done.emit(Err(message));
                    }
                }
            }
        }
    });
}

/// Starts a worker if none is running (the full build if the page wants it).
fn ensure_worker(inner: &Rc<RefCell<Inner>>) -> Result<(), String> {
    let running = inner.borrow().worker.is_some();
    if running {
        Ok(())
    } else {
        spawn(inner)
    }
}

fn submit(inner: &Rc<RefCell<Inner>>, job: Job) {
    if let Err(message) = ensure_worker(inner) {
        let error = ReadError::Unreadable { reason: Unreadable::Io(message) };
        inner.borrow_mut().current = None;
        let callback = inner.borrow().on_checked.clone();
        callback.emit(unreadable(&job.name, &error));
        return;
    }
    let mut state = inner.borrow_mut();
    if state.ready {
        post(inner, &mut state, job);
    } else {
        state.queued = Some(job);
    }
}

/// Sends the session's template definition to the worker.
fn post_profile(state: &Inner, id: f64) {
    let (Some(text), Some(worker)) = (&state.profile, &state.worker) else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from_f64(id));
    let _ = js_sys::Reflect::set(&message, &"profile".into(), &JsValue::from_str(text));
    let _ = worker.post_message(&message);
}

/// The time one file may take in the worker before it is stopped and the file reported as not
/// checked in time (a page's `window.bcfCheckTimeLimitMs` sets another, for tests).
const TIME_LIMIT_MS: f64 = 60_000.0;

fn time_limit_ms() -> f64 {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"bcfCheckTimeLimitMs".into()).ok())
        .and_then(|v| v.as_f64())
        .filter(|ms| ms.is_finite() && *ms > 0.0)
        .unwrap_or(TIME_LIMIT_MS)
}

/// A job still unanswered when its time is up: the worker is stopped (nothing else stops a loop
/// in it), the file reported as not checked in time, and the next file gets a new worker.
fn give_up_after(inner: &Rc<RefCell<Inner>>, id: f64) {
    let weak = Rc::downgrade(inner);
    let limit = time_limit_ms();
    super::after(limit.min(f64::from(i32::MAX)) as i32, move || {
        let Some(inner) = weak.upgrade() else { return };
        let mut state = inner.borrow_mut();
        let name = match &state.current {
            Some((current, name)) if *current == id => name.clone(),
            _ => return,
        };
        if let Some(worker) = state.worker.take() {
            worker.terminate();
        }
        state.ready = false;
        state.current = None;
        let callback = state.on_checked.clone();
        drop(state);
        let error =
            ReadError::Unreadable { reason: Unreadable::TookTooLong { milliseconds: limit.round().max(1.0) as u64 } };
        callback.emit(unreadable(&name, &error));
    });
}

fn post(inner: &Rc<RefCell<Inner>>, state: &mut Inner, job: Job) {
    give_up_after(inner, job.id);
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"id".into(), &JsValue::from_f64(job.id));
    let _ = js_sys::Reflect::set(&message, &"name".into(), &JsValue::from_str(&job.name));
    let _ = js_sys::Reflect::set(&message, &"bytes".into(), &job.bytes);
    // Transfer the buffer rather than copy it: the page has no further use for it.
    let transfer = js_sys::Array::of1(&job.bytes);
    state.current = Some((job.id, job.name));
    if let Some(worker) = &state.worker {
        let _ = worker.post_message_with_transfer(&message, &transfer);
    }
}

/// The worker index.html started before the page's code loaded, if it is alive, and whether it
/// has said it is ready. Taken once: a replacement is always a new worker.
fn take_early_worker() -> Option<(Worker, bool)> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &"bcfCheckEarly".into()).ok().filter(|v| v.is_object())?;
    let _ = js_sys::Reflect::set(&window, &"bcfCheckEarly".into(), &JsValue::NULL);
    let failed = js_sys::Reflect::get(&early, &"failed".into()).ok().and_then(|v| v.as_bool()).unwrap_or(true);
    let worker: Worker = js_sys::Reflect::get(&early, &"worker".into()).ok()?.dyn_into().ok()?;
    if failed {
        worker.terminate();
        return None;
    }
    let messages: js_sys::Array = js_sys::Reflect::get(&early, &"messages".into()).ok()?.dyn_into().ok()?;
    let ready = messages.iter().any(|m| m.as_string().as_deref() == Some(super::worker::READY));
    Some((worker, ready))
}

/// A new checking worker, handed the module this page runs (already compiled, nothing to fetch).
fn start_checking_worker() -> Result<Worker, JsValue> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = Worker::new_with_options(WORKER_SCRIPT, &options)?;
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"module".into(), &wasm_bindgen::module())?;
    worker.post_message(&message)?;
    Ok(worker)
}

fn spawn(inner: &Rc<RefCell<Inner>>) -> Result<(), String> {
    let full = inner.borrow().wants_full;
    let early = if full { None } else { take_early_worker() };
    let (worker, ready) = match early {
        Some(early) => early,
        None => {
            let worker = if full { Worker::new(FULL_WORKER_SCRIPT) } else { start_checking_worker() };
            (worker.map_err(|_| "the checker could not start".to_string())?, false)
        }
    };
    let weak = Rc::downgrade(inner);
    let on_message = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let Some(inner) = weak.upgrade() else { return };
        let data = event.unchecked_into::<MessageEvent>().data();
        let data = data.as_string().unwrap_or_default();
        let mut state = inner.borrow_mut();
        if data == super::worker::READY {
            state.ready = true;
            // A new worker learns the session's definition before any file.
            let id = state.on_profile.as_ref().map_or(0.0, |(id, _)| *id);
            post_profile(&state, id);
            if let Some(job) = state.queued.take() {
                post(&inner, &mut state, job);
            }
            if state.compare_queued {
                post_compare(&mut state);
            }
            post_derive(&mut state);
            return;
        }
        match super::worker::answer_kind(&data) {
            AnswerKind::Elsewhere => {
                if let Some(reply) = super::reply::parse::<super::worker::Elsewhere>(&data) {
                    drop(state);
                    hand_to_full_build(&inner, reply.id);
                }
                return;
            }
            AnswerKind::Compared => {
                if let Some(reply) = super::reply::parse::<super::worker::CompareReply>(&data) {
                    if let Some(done) = waiting_for(&mut state.on_compare, reply.id) {
                        state.compare_message = None;
                        drop(state);
                        done.emit(reply.changes.ok_or(reply.refused.unwrap_or_default()));
                    }
                }
                return;
            }
            AnswerKind::Definition => {
                if let Some(reply) = super::reply::parse::<ProfileReply>(&data) {
                    if let Some(done) = waiting_for(&mut state.on_profile, reply.id) {
                        let result = reply.loaded.ok_or(reply.problems);
                        if result.is_err() {
                            state.profile = None;
                        }
                        drop(state);
                        done.emit(result);
                    }
                }
                return;
            }
            AnswerKind::Derived => {
                if let Some(reply) = super::reply::parse::<DeriveReply>(&data) {
                    if let Some(done) = waiting_for(&mut state.on_derive, reply.id) {
                        drop(state);
                        done.emit(reply.derived.ok_or(reply.refused.unwrap_or_default()));
                    }
                }
                return;
            }
            AnswerKind::Unknown => return,
            AnswerKind::Checked => {}
        }
        let reply = super::reply::parse::<super::worker::Reply>(&data);
        // An answer is for the job it names; one for any other (a job already given up) is not
        // this file's and is dropped.
        let checked = match (reply, &state.current) {
            (Some(reply), Some((id, _))) if reply.id != *id => return,
            (Some(reply), _) => Some(reply.checked),
            (None, Some((_, name))) => Some(crashed(name)),
            (None, None) => None,
        };
        state.current = None;
        let callback = state.on_checked.clone();
        drop(state);
        if let Some(checked) = checked {
            callback.emit(checked);
        }
    });
    let on_error = on_worker_error(inner, |state| {
        // The worker is finished: a trapped wasm instance cannot be trusted again. The next file
        // starts a new one.
        if let Some(worker) = state.worker.take() {
            worker.terminate();
        }
        // A full build that never started could not be loaded (offline, never downloaded): the
        // file is not damaged, and the next file goes to the build this page already has, so
        // one such failure never stops the checks after it.
        let never_started = !state.ready && state.wants_full;
        if never_started {
            state.wants_full = false;
        }
        state.ready = false;
        let failed = state.current.take().map(|(_, name)| name).or_else(|| state.queued.take().map(|j| j.name));
        let callback = state.on_checked.clone();
        let reason = if never_started { Unreadable::CheckerPartMissing } else { Unreadable::ParserCrashed };
        state.derive_message = None;
        let deriving = state.on_derive.take();
        Box::new(move || {
            if let Some(name) = failed {
                callback.emit(unreadable(&name, &ReadError::Unreadable { reason }));
            }
            if let Some((_, done)) = deriving {
                done.emit(Err("The template could not be read: the checker stopped while reading it.".into()));
            }
        })
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let mut state = inner.borrow_mut();
    state.worker = Some(worker);
    state.ready = ready;
    state.handlers = vec![on_message, on_error];
    Ok(())
}
