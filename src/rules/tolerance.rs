//! Every tolerance the rules use that a round does not set, in one place (`docs/rules.md` lists
//! them). Those a round sets (the balance between income and spending, the rate check, the
//! implausible-change band) are in its profile's `funding`.

/// A pre-populated or Summary figure matches the expected one to within 50p: the template shows
/// whole pounds, and cached results carry floating-point noise.
pub const POUNDS: f64 = 0.5;

/// Half a penny: planned spending meets a minimum to the penny; two costs are the same.
pub const PENNY: f64 = 0.005;

/// A joint scheme's two percentages add up to 100 to within this many points.
pub const PERCENT_POINTS: f64 = 0.01;

/// A baseline matches the published one to within this fraction of it (floating-point noise
/// from a formula's cached result, never a real difference).
pub const RELATIVE: f64 = 1e-6;

/// A figure is above a limit only by more than this (floating-point noise).
pub const NOISE: f64 = 1e-9;

/// The tolerance for a baseline of this size.
pub fn baseline(published: f64) -> f64 {
    RELATIVE * published.abs().max(1.0)
}
