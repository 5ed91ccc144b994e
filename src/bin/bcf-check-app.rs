//! The web page's entry point, and its checking worker's (wasm32 only). The page and the worker
//! that checks every visit's files run this one module, so its runtime and the report's code are
//! downloaded and compiled once: `main` starts the page (it does nothing in a worker, which has no
//! window), and the worker's script calls `start_checking_worker` (www/checking-worker.js).

#[cfg(target_arch = "wasm32")]
fn main() {
    // Returns at once in the worker, which has no window (no document to mount on).
    bcf_check::app::start();
}

/// Starts the checking worker that knows the built-in rounds and reads `.xlsx` and `.xlsm` files
/// (others go to the full worker, src/bin/bcf-check-full-worker.rs).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_checking_worker() {
    bcf_check::app::worker::start(None);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
