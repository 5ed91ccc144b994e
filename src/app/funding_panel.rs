//! Each funding test as a small bar chart, with every figure also given in words.

use yew::prelude::*;

use crate::report::words::{number, pounds};
use crate::report::{FundingTest, PerformanceFigure};

#[derive(Properties, PartialEq)]
pub struct FundingPanelProps {
    pub tests: Vec<FundingTest>,
    #[prop_or_default]
    pub performance: Option<PerformanceFigure>,
}

#[function_component(FundingPanel)]
pub fn funding_panel(props: &FundingPanelProps) -> Html {
    if props.tests.is_empty() {
        return html! {};
    }
    html! {
        <section class="panel funding" aria-labelledby="funding-heading">
            <h2 class="govuk-heading-m" id="funding-heading">{ "Minimum spending" }</h2>
            { for props.tests.iter().map(chart) }
            { for props.performance.as_ref().map(performance) }
        </section>
    }
}

/// Pay for performance in words: reduction × cost = fund; share − fund = out-of-hospital spending.
fn performance(p: &PerformanceFigure) -> Html {
    let fund = if p.reduction > 0.0 {
        format!(
            "A planned reduction of {} emergency admissions, at {} an admission, gives a performance fund of {}.",
            number(p.reduction),
            pounds(p.cost),
            pounds(p.fund)
        )
    } else {
        "The plan does not reduce emergency admissions, so there is no performance fund.".to_string()
    };
    let rest = format!(
        "The share of the £1bn is {}; less the fund, {} must be spent on NHS-commissioned out-of-hospital services.",
        pounds(p.share),
        pounds(p.required)
    );
    html! {
        <div class="funding-test performance">
            <h3 class="govuk-heading-s">{ "Pay for performance" }</h3>
            <p class="govuk-body performance__text">{ fund }{ " " }{ rest }</p>
        </div>
    }
}

/// Bars are SVG rectangles sized by attribute (the Content-Security-Policy allows no inline styles).
fn chart(test: &FundingTest) -> Html {
    let met = test.met();
    let largest = test.minimum.max(test.planned).max(1.0);
    let width = |amount: f64| format!("{:.1}", (amount / largest * 100.0).clamp(0.0, 100.0));
    let verdict = if met {
        format!("Met: the plan spends {} more than the minimum.", pounds(test.planned - test.minimum))
    } else {
        format!("Not met: the plan is {} short.", pounds(test.minimum - test.planned))
    };
    let text = format!(
        "{} in {}: the minimum is {} and the plan spends {}. {verdict}",
        test.name,
        test.year,
        pounds(test.minimum),
        pounds(test.planned)
    );
    html! {
        <div class={classes!("funding-test", if met { "funding-test--met" } else { "funding-test--short" })}>
            <h3 class="govuk-heading-s">{ format!("{}, {}", test.name, test.year) }</h3>
            <p class="govuk-body funding-test__text">{ text }</p>
            <svg class="bars" viewBox="0 0 100 22" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="bar bar--minimum" x="0" y="0" height="9" width={width(test.minimum)} />
                <rect class={classes!("bar", if met { "bar--met" } else { "bar--short" })} x="0" y="12" height="9" width={width(test.planned)} />
            </svg>
            <p class="govuk-body-s bars__key" aria-hidden="true">
                <span class="key key--minimum">{ format!("Minimum {}", pounds(test.minimum)) }</span>
                <span class={classes!("key", if met { "key--met" } else { "key--short" })}>{ format!("Planned {}", pounds(test.planned)) }</span>
            </p>
            <strong class={classes!("govuk-tag", "tag", if met { "govuk-tag--green" } else { "govuk-tag--red" })}>{ if met { "Met" } else { "Not met" } }</strong>
        </div>
    }
}
