//! The web page (wasm32 only): a thin shell over [`crate::check_bytes_with_figures`].
//!
//! Architecture invariant: the page never reads or checks a workbook on its own thread. Files go
//! to a Web Worker ([`worker`]) that returns the report as JSON; a worker that traps (a parser
//! panic aborts in the web build) is replaced and the file reported as unreadable. The file never
//! leaves the computer: there is no server to send it to, and the worker is started when the page
//! loads so that checking a file makes no network request at all.

pub mod batch;
pub mod checker;
pub mod compare_view;
pub mod derive_definition;
pub mod downloads;
pub mod error_summary;
pub mod funding_panel;
mod marked_copy;
pub mod marker;
pub mod metrics_panel;
pub mod overview;
pub mod profile_choice;
pub mod reply;
pub mod results;
pub mod sheet_section;
pub mod state;
pub mod upload;
pub mod worker;

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use self::batch::Batch;
use self::checker::Checker;
use self::compare_view::CompareView;
use self::derive_definition::DeriveDefinition;
use self::profile_choice::ProfileChoice;
use self::results::Results;
use self::state::{Action, Phase, State};
use self::upload::Upload;

/// Mounts the page on `<main id="app">`. With `?embed` in the address (an iframe in a guidance
/// page) the page uses its compact layout. Without a window (the checking worker runs this module
/// too) it does nothing.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let embedded = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.split(['?', '&']).any(|p| p == "embed" || p.starts_with("embed=")));
    if embedded {
        if let Some(root) = document.document_element() {
            let _ = root.class_list().add_1("embedded");
        }
        // The guidance page may load after the checker's first report of its height: it can ask.
        if let Some(window) = web_sys::window() {
            let on_message =
                wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
                    if event.data().as_string().as_deref() == Some(HEIGHT_REQUEST) {
                        post_height();
                    }
                });
            let _ = window
                .add_event_listener_with_callback("message", wasm_bindgen::JsCast::unchecked_ref(on_message.as_ref()));
            // Lives as long as the page.
            on_message.forget();
        }
        // Whatever changes the content's height (a details element opened, a comparison shown,
        // a message, the window resized) tells the guidance page, not only a new result.
        let on_resize = wasm_bindgen::closure::Closure::<dyn Fn()>::new(post_height);
        if let (Ok(observer), Some(body)) =
            (web_sys::ResizeObserver::new(wasm_bindgen::JsCast::unchecked_ref(on_resize.as_ref())), document.body())
        {
            observer.observe(&body);
        }
        on_resize.forget();
    }
    // index.html says the checker is loading until now.
    if let Some(loading) = document.get_element_by_id("app-loading") {
        loading.remove();
    }
    match document.get_element_by_id("app") {
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
            let on_checked = Callback::from(move |checked| state.dispatch(Action::Finished(checked)));
            Rc::new(Checker::new(on_checked))
        })
    };
    {
        let title = state::title(&state);
        use_effect_with(title, |title| {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(title);
            }
        });
    }
    {
        // In a frame, tell the guidance page how tall the checker is after every change.
        let phase = state.phase.clone();
        use_effect_with(phase, |_| post_height());
    }
    {
        // A file dropped anywhere but the drop zone must not make the browser open it (and leave
        // the page): the zone handles its own drops.
        use_effect_with((), |_| {
            if let Some(window) = web_sys::window() {
                let stop = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
                    e.prevent_default()
                });
                for kind in ["dragover", "drop"] {
                    let _ = window
                        .add_event_listener_with_callback(kind, wasm_bindgen::JsCast::unchecked_ref(stop.as_ref()));
                }
                // The listeners last as long as the page.
                stop.forget();
            }
        });
    }
    // Files chosen together wait here and go to the worker one after another; each is read
    // only when its turn comes, and its bytes are let go once checked.
    let queue = use_mut_ref(std::collections::VecDeque::<web_sys::File>::new);
    let on_files = {
        let state = state.clone();
        let checker = checker.clone();
        let queue = queue.clone();
        Callback::from(move |files: Vec<web_sys::File>| -> bool {
            // One check at a time: files chosen while others are checked are refused (the
            // upload control says so), never silently swapped for them.
            if checker.busy() || !queue.borrow().is_empty() {
                return false;
            }
            match files.len() {
                0 => true,
                1 => {
                    let file = files.into_iter().next().expect("one file");
                    state.dispatch(Action::Started(file.name()));
                    checker.check(file);
                    true
                }
                n => {
                    state.dispatch(Action::BatchStarted(n));
                    queue.borrow_mut().extend(files);
                    if let Some(first) = queue.borrow_mut().pop_front() {
                        checker.check(first);
                    }
                    true
                }
            }
        })
    };
    {
        // The next file of a batch goes to the worker when the previous one's report is in.
        let checker = checker.clone();
        let queue = queue.clone();
        let phase = state.phase.clone();
        use_effect_with(phase, move |phase| {
            if let Phase::Batch { .. } = phase {
                if !checker.busy() {
                    let next = queue.borrow_mut().pop_front();
                    if let Some(file) = next {
                        checker.check(file);
                    }
                }
            }
        });
    }
    {
        // Offline use: the service worker keeps a copy of the site (www/sw.template.js), which
        // means reading every file of the site again and writing it to the browser's storage.
        // That waits until the page is quiet, so that it never competes with loading the page, a
        // quick user's first check or the report that follows.
        let checker = checker.clone();
        let queue = queue.clone();
        use_effect_with((), move |_| {
            store_for_offline_when_quiet(Rc::new(move || checker.busy() || !queue.borrow().is_empty()))
        });
    }
    // Opening a plan from the batch's table is a history entry of its own: the browser's Back
    // returns to the table (sorted, scrolled and focused as it was left), as "Back to all
    // plans" does.
    let on_open = {
        let state = state.clone();
        Callback::from(move |index: usize| {
            let window = web_sys::window();
            let scrolled = window.as_ref().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
            if let Some(history) = window.and_then(|w| w.history().ok()) {
                let _ = history.push_state(&state::Entry::OpenedPlan.write().into(), "");
            }
            state.dispatch(Action::Open(index, scrolled))
        })
    };
    let on_to_batch = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            // Back through the entry the plan added, so Back and Forward stay as a user expects.
            let history = web_sys::window().and_then(|w| w.history().ok());
            let entry = history.as_ref().and_then(|h| h.state().ok()).and_then(|s| s.as_string());
            match history {
                Some(history) if state::Entry::read(entry.as_deref()) == state::Entry::OpenedPlan => {
                    let _ = history.back();
                }
                _ => state.dispatch(Action::ToBatch),
            }
        })
    };
    let on_sort = {
        let state = state.clone();
        Callback::from(move |(column, ascending): (usize, bool)| state.dispatch(Action::Sorted(column, ascending)))
    };
    let on_compare = {
        let checker = checker.clone();
        Callback::from(move |(old, new, done)| checker.compare(old, new, done))
    };
    let on_mark = {
        let checker = checker.clone();
        Callback::from(move |(report, done): (Rc<crate::report::Report>, Callback<checker::MarkOutcome>)| {
            checker.mark_copy(&report, done)
        })
    };
    let on_profile = {
        let checker = checker.clone();
        Callback::from(move |(text, done)| checker.use_profile(text, done))
    };
    let on_derive = {
        let checker = checker.clone();
        Callback::from(move |(name, bytes, done)| checker.derive(name, bytes, done))
    };
    {
        // Each report and each batch's table is a history entry of its own, added once when it
        // is first shown: Back from a first report returns to the file control, not away from
        // the site.
        use_effect_with(state.push.clone(), |push| {
            if let (Some((_, entry)), Some(history)) = (push, web_sys::window().and_then(|w| w.history().ok())) {
                let _ = history.push_state(&wasm_bindgen::JsValue::from_str(entry), "");
            }
        });
    }
    {
        // The browser's Back and Forward move between the file control, reports and the
        // batch's table: each is a history entry of this page.
        let state = state.clone();
        use_effect_with((), move |_| {
            if let Some(window) = web_sys::window() {
                // The page as first opened is the file control: marked so, an entry without a
                // state is one a link within the page added (`Entry::WithinPage`).
                if let Ok(history) = window.history() {
                    if history.state().is_ok_and(|s| s.is_null() || s.is_undefined()) {
                        let _ = history.replace_state(&state::Entry::Form.write().into(), "");
                    }
                }
                let on_pop = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::PopStateEvent)>::new(
                    move |e: web_sys::PopStateEvent| {
                        state.dispatch(Action::Popped(state::Entry::read(e.state().as_string().as_deref())));
                    },
                );
                let _ = window
                    .add_event_listener_with_callback("popstate", wasm_bindgen::JsCast::unchecked_ref(on_pop.as_ref()));
                on_pop.forget();
            }
        });
    }
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_| {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.push_state(&state::Entry::Form.write().into(), "");
            }
            state.dispatch(Action::Reset)
        })
    };
    html! {
        <>
            <h1 class="govuk-heading-l">{ state::TITLE }</h1>
            <p class="govuk-body intro">
                { "Check your completed planning template for problems before you submit it. " }
                { "Your file is checked on this computer. It is not uploaded." }
            </p>
            // The live region exists before any text is put in it, so screen readers announce changes.
            <div id="status" class="govuk-body status" role="status" aria-live="polite">{ state::announcement(&state) }</div>
            {
                match &state.phase {
                    // Comparing two versions is offered wherever an assurer is: after a report
                    // and under the batch's table too, not only before a check.
                    Phase::BatchDone(plans) => html! {
                        <>
                            <Batch plans={plans.clone()} on_open={on_open} on_reset={on_reset.clone()}
                                view={state.batch_view} on_sort={on_sort} checks={state.checks} />
                            <CompareView on_compare={on_compare.clone()} />
                        </>
                    },
                    // The progress is said once, in the status line above.
                    Phase::Batch { .. } => html! {},
                    Phase::Checked(checked) => html! {
                        <>
                            <Results checked={checked.clone()} checks={state.checks} on_reset={on_reset} on_mark={on_mark}
                                on_back={state.batch.is_some().then_some(on_to_batch)} />
                            <CompareView on_compare={on_compare.clone()} />
                        </>
                    },
                    Phase::Ready | Phase::Checking { .. } => html! {
                        <>
                            <Upload on_files={on_files} busy={matches!(state.phase, Phase::Checking { .. })} focus={state.checks > 0} />
                            <CompareView on_compare={on_compare} />
                            <ProfileChoice on_choose={on_profile.clone()} />
                            <DeriveDefinition on_derive={on_derive} on_choose={on_profile} />
                        </>
                    },
                }
            }
        </>
    }
}

/// What a guidance page sends the checker's frame to be told its height again.
pub const HEIGHT_REQUEST: &str = "bcf-check:height?";

/// How long the page waits after it starts (or after finding a file being checked) before it
/// stores the site for offline use. Storing it straight after the first report made that report
/// appear about 50 ms later on a two-core machine (README, "Speed and size").
const QUIET_MS: i32 = 3000;

/// Registers the service worker once the page has been quiet for [`QUIET_MS`], the browser is
/// idle and `busy()` (a file is being read or checked, or waits its turn) is false; while busy,
/// it tries again [`QUIET_MS`] later.
fn store_for_offline_when_quiet(busy: Rc<dyn Fn() -> bool>) {
    after(QUIET_MS, move || {
        when_idle(move || {
            if busy() {
                store_for_offline_when_quiet(busy);
            } else {
                register_service_worker();
            }
        })
    });
}

/// What the page asks the service worker, once it runs, to do next: store the parts the page
/// fetches only when a feature needs them (the marked copy's worker, the full worker for .xls,
/// .xlsb and .ods files, the blank templates, the embedding example), so that every feature works
/// offline after a first visit. It fetches them one at a time, after the page's own files.
const STORE_THE_REST: &str = "bcf-check:store-the-rest";

/// Registers the service worker, and once it is running asks it to store the rest of the site.
fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    let _ = container.register("sw.js");
    let Ok(ready) = container.ready() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else { return };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        if let Some(worker) = registration.active() {
            let _ = worker.post_message(&wasm_bindgen::JsValue::from_str(STORE_THE_REST));
        }
    });
}

/// Runs `f` after `ms` milliseconds.
pub(crate) fn after(ms: i32, f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
}

/// Runs `f` when the browser is idle (within 5 seconds), or at once where it cannot say.
fn when_idle(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(request) => {
            let callback = wasm_bindgen::closure::Closure::once_into_js(f);
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &wasm_bindgen::JsValue::from_f64(5000.0));
            let _ = request.call2(&window, &callback, &options);
        }
        None => f(),
    }
}

/// Now, in words, by this computer's clock: `25 November 2026 at 18:46`.
pub fn now_in_words() -> String {
    let now = js_sys::Date::new_0();
    crate::report::words::date_and_time(
        i64::from(now.get_full_year()),
        i64::from(now.get_month()) + 1,
        i64::from(now.get_date()),
        i64::from(now.get_hours()),
        i64::from(now.get_minutes()),
    )
}

fn is_embedded() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.class_list().contains("embedded"))
}

/// Posts `{bcfCheckHeight: <pixels>}` to the parent page. Only a number leaves the frame.
fn post_height() {
    if !is_embedded() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    // The content's own height (the body's), not the document's: the document is at least as
    // tall as the frame, so measuring it would let the frame grow but never shrink.
    let height = window.document().and_then(|d| d.body()).map_or(0, |b| b.offset_height());
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"bcfCheckHeight".into(), &height.into());
    if let Ok(Some(parent)) = window.parent() {
        let _ = parent.post_message(&message, "*");
    }
}
