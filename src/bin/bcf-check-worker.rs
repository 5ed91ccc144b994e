//! The Web Worker that reads and checks a workbook off the page's thread (wasm32 only): the
//! built-in rounds only, started by every visit.

#[cfg(target_arch = "wasm32")]
fn main() {
    bcf_check::app::worker::start(None);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
