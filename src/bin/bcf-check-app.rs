//! The web page's entry point (wasm32 only).

#[cfg(target_arch = "wasm32")]
fn main() {
    bcf_check::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
