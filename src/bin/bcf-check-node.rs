//! The core as a wasm module for Node.js, for the benchmarks (scripts/bench.sh): the same code
//! the browser's worker runs, timed outside the browser.

#[cfg(target_arch = "wasm32")]
mod node {
    use wasm_bindgen::prelude::*;

    /// Reads and checks a workbook; returns the report as JSON.
    #[wasm_bindgen]
    pub fn check(name: &str, bytes: &[u8]) -> String {
        let report = bcf_check::check_bytes(name, bytes);
        serde_json::to_string(&report).unwrap_or_default()
    }
}

fn main() {}
