//! National conditions: answered, explained when not met, and not claimed when the plan's own
//! figures show otherwise.

use super::{
    Sink, CONDITION_CONTRADICTED, CONDITION_NO_WITHOUT_ACTIONS, CONDITION_SIGNOFF_INCONSISTENT,
    CONDITION_TIMEFRAME_INVALID, CONDITION_UNANSWERED, FUNDING_DFG_DISTRICTS,
};
use crate::plan::SheetKind;
use crate::profile::ConditionDef;
use crate::report::words::quote;

const CONDITIONS: SheetKind = SheetKind::Conditions;

/// What a funding rule's finding says about a condition, for `condition.contradicted`: the
/// minimum-spend test's own words, or the districts' rule's.
fn evidence(plan: &crate::plan::Plan, rule: &str) -> String {
    if let Some(words) = super::funding::evidence(plan, rule) {
        return words.to_string();
    }
    match rule {
        r if r == FUNDING_DFG_DISTRICTS.id => {
            "the Disabled Facilities Grant is not passed to every district council in full".into()
        }
        _ => "other problems reported show it is not met".into(),
    }
}

/// A national condition by its name, its code after it: `“Plans to be jointly agreed” (NC1)`.
fn named(def: &ConditionDef) -> String {
    format!("“{}” ({})", def.text, def.code)
}

pub fn check(sink: &mut Sink) {
    let plan = sink.plan;
    let v = &plan.profile.values;
    for def in &plan.profile.condition_list {
        let Some(row) = plan.conditions.iter().find(|r| r.code.reads_as(&def.code)) else {
            sink.sheet(
                CONDITION_UNANSWERED,
                CONDITIONS,
                format!("There is no row for the national condition {}.", named(def)),
                "Copy your answers into a fresh copy of the template: it has a row for every national condition.",
            );
            continue;
        };
        let answer = row.answer.shown();
        if answer == v.no
            && plan.profile.conditions.timeframe_is_date
            && !row.timeframe.is_blank()
            && row.timeframe.date().is_none()
        {
            sink.field(
                CONDITION_TIMEFRAME_INVALID,
                CONDITIONS,
                &row.timeframe,
                format!(
                    "The national condition {} is answered No, and the date by which it will be met is {}, which is not a date.",
                    named(def),
                    quote(&row.timeframe.shown())
                ),
                "Enter the date as day/month/year, for example 30/04/2016. Excel then shows it as a date.",
            );
        }
        if answer == v.no {
            for (field, what) in
                [(&row.actions, "what is being done to meet it"), (&row.timeframe, "by when it will be met")]
            {
                if field.is_blank() {
                    sink.field(
                        CONDITION_NO_WITHOUT_ACTIONS,
                        CONDITIONS,
                        field,
                        format!(
                            "The national condition {} is answered No, but the plan does not say {what}.",
                            named(def)
                        ),
                        format!("Say {what}."),
                    );
                }
            }
        } else if answer == v.yes {
            let broken: Vec<String> = def
                .contradicted_by
                .iter()
                .filter(|rule| sink.findings.iter().any(|f| f.rule == **rule))
                .map(|rule| evidence(plan, rule))
                .collect();
            if !broken.is_empty() {
                sink.field(
                    CONDITION_CONTRADICTED,
                    CONDITIONS,
                    &row.answer,
                    format!(
                        "The national condition {} is answered Yes, but the plan's own figures show it is not met: {}.",
                        named(def),
                        broken.join("; ")
                    ),
                    "Fix the funding problems reported on the Income sheet, or answer No and say what is being done and by when.",
                );
            }
            let first = plan.profile.condition_list.first().is_some_and(|c| c.code == def.code);
            if first && plan.cover.signed_off.shown() == v.no {
                sink.field(
                    CONDITION_SIGNOFF_INCONSISTENT,
                    CONDITIONS,
                    &row.answer,
                    format!(
                        "The national condition {} is answered Yes, but the Cover says the Health and Wellbeing Board has not signed off the plan.",
                        named(def)
                    ),
                    "Check the answer here and the sign-off answer on the Cover agree.",
                );
            }
        } else {
            let message = if answer.is_empty() {
                format!("The national condition {} is not answered.", named(def))
            } else if let Some((text, around)) = row.answer.padded() {
                format!(
                    "The answer for the national condition {} is {} with {around}, so Excel does not read it as Yes or No.",
                    named(def),
                    quote(text)
                )
            } else {
                format!(
                    "The answer for the national condition {} is {}. It must be Yes or No.",
                    named(def),
                    quote(&answer)
                )
            };
            sink.field(CONDITION_UNANSWERED, CONDITIONS, &row.answer, message, "Choose Yes or No from the list.");
        }
    }
}
