//! The full checking worker (wasm32 only): it also reads `.xlsb`, `.xls` and `.ods` files and loads
//! template definitions. The page starts it in place of the other once a user chooses a
//! definition or a file of those formats.

#[cfg(target_arch = "wasm32")]
fn main() {
    bcf_check::workbook::read_other_formats();
    bcf_check::app::worker::start(Some(bcf_check::app::worker::full_build()));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
