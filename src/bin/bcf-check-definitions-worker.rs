//! The checking worker that can also load a template definition (wasm32 only), started by the
//! page in place of the other once the user chooses one.

#[cfg(target_arch = "wasm32")]
fn main() {
    bcf_check::app::worker::start(Some(bcf_check::app::worker::load_profile));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
