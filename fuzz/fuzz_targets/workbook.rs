//! The workbook layer on arbitrary bytes: it may refuse them, but must never panic, hang or
//! allocate without bound. (A panic here is a bug in calamine or in our reader; the CLI would
//! survive it, but the browser's worker would trap.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = bcf_check::workbook::read_workbook(data, &|_| true);
});
