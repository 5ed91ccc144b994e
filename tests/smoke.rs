//! The valid sample plans of every round and kind of board pass with no finding at all.

mod support;
use support::*;

#[test]
fn valid_plans_pass() {
    for round in ["2017-19", "2025-26"] {
        for board in [SINGLE_TIER, TWO_TIER] {
            let report = Fixture::valid(round, board).check();
            assert_eq!(report.profile.as_deref(), Some(round));
            assert_eq!(report.hwb.as_deref(), Some(board));
            assert_eq!(report.status, bcf_check::report::Status::Pass, "{round} {board}: {:#?}", report.findings);
            assert!(report.findings.is_empty());
        }
    }
}
