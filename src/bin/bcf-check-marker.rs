//! The Web Worker that makes a copy of a workbook with its problems marked (wasm32 only).

#[cfg(target_arch = "wasm32")]
fn main() {
    bcf_check::app::marker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
