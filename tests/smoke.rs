mod support;
use support::*;

#[test]
fn valid_plans_pass() {
    for round in ["2017-19", "2025-26"] {
        for board in [SINGLE_TIER, TWO_TIER] {
            let report = Fixture::valid(round, board).check();
            println!("{}", report.to_json());
            assert_eq!(report.profile.as_deref(), Some(round));
        }
    }
}
