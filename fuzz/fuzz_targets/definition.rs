//! Template definitions on arbitrary bytes (as `--profile` and the page read them): refused with
//! their problems or loaded, never a panic, a hang or unbounded memory. A definition that loads
//! is also used: a sample plan is checked with it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = bcf_check::profile::definition_text(data) else { return };
    let Ok(profile) = bcf_check::profile::parse(&text) else { return };
    // The loader keeps each definition for the life of the process: check with this one by
    // its own id, made new each time.
    let id = format!("fuzz-{}", COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let json = serde_json::to_string(&profile).unwrap_or_default().replacen(&format!("\"id\":{}", serde_json::to_string(&profile.id).unwrap_or_default()), &format!("\"id\":\"{id}\""), 1);
    if bcf_check::profile::load(&json).is_ok() {
        let _ = bcf_check::check_bytes("plan.xlsx", SAMPLE);
    }
});

static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
const SAMPLE: &[u8] = include_bytes!("../../tests/fixtures/valid-2025-26.xlsx");
