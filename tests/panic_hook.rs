//! The parser's panics are kept off the terminal without silencing anyone else's. Its own test
//! binary, because the panic hook is process-wide.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[test]
fn concurrent_reads_of_a_crashing_file_leave_other_panics_reported() {
    let crashing = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/fuzz/calamine-xls-formula-length-panic.xls"),
    )
    .expect("fixture");
    let reported = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&reported);
    std::panic::set_hook(Box::new(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    }));
    // Before the fix, each read swapped the hook out and back: overlapping reads could restore
    // the silent hook last and leave it in place for the rest of the process.
    let crashing = Arc::new(crashing);
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let bytes = Arc::clone(&crashing);
            std::thread::spawn(move || {
                for _ in 0..20 {
                    let report = bcf_check::check_bytes("crash.xls", &bytes);
                    assert_eq!(report.findings[0].rule, "file.unreadable");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("reads never panic out");
    }
    assert_eq!(reported.load(Ordering::SeqCst), 0, "the parser's own panics are kept quiet");
    let _ = std::panic::catch_unwind(|| panic!("a bug outside the parser"));
    assert_eq!(reported.load(Ordering::SeqCst), 1, "a panic outside the parser still reaches the hook");
}
