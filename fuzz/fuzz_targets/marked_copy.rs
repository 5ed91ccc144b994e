//! The marked copy on arbitrary bytes: mark the workbook, read the copy back with the reader,
//! check it and mark it again. Each step may refuse, but a copy that is made must read back, and
//! nothing may panic, hang or grow without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;

const WHEN: &str = "6 December 2026 at 09:00";

fuzz_target!(|data: &[u8]| {
    let report = bcf_check::check_bytes("fuzz.xlsx", data);
    let Ok(copy) = bcf_check::annotate::mark_copy(data, &report, WHEN) else { return };
    let again = bcf_check::check_bytes("fuzz-checked.xlsx", &copy.bytes);
    // The workbook was read, so its copy must be too.
    use bcf_check::report::Status;
    assert!(report.status == Status::Unreadable || again.status != Status::Unreadable, "a marked copy that does not read back: {:?}", again.findings.first());
    let _ = bcf_check::annotate::mark_copy(&copy.bytes, &again, WHEN);
});
