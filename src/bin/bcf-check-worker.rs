//! The Web Worker that reads and checks a workbook off the page's thread (wasm32 only).

#[cfg(target_arch = "wasm32")]
fn main() {
    bcf_check::app::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
