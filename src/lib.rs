//! bcf-check: checks a draft Better Care Fund planning template. See ARCHITECTURE.md.

pub mod annotate;
pub mod catalogue;
pub mod check;
pub mod compare;
pub mod derive;
pub mod own_checks;
pub mod plan;
pub mod profile;
pub mod report;
pub mod rules;
pub mod workbook;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
pub mod template;

#[cfg(target_arch = "wasm32")]
pub mod app;

pub use check::{check_bytes, check_bytes_with_figures, Checked};
