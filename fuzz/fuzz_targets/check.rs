//! The whole check (read, detect, extract, rules, report) on arbitrary bytes, starting from the
//! sample plans as seeds so mutations reach the rules.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checked = bcf_check::check_bytes_with_figures("fuzz.xlsx", data);
    let _ = bcf_check::report::to_json(std::slice::from_ref(&checked.report));
    let _ = bcf_check::report::to_csv(std::slice::from_ref(&checked.report));
});
