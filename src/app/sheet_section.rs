//! One group of findings: a heading with its status in words, and a table of the problems.

use yew::prelude::*;

use super::state::Group;

#[derive(Properties, PartialEq)]
pub struct SheetSectionProps {
    pub group: Group,
}

#[function_component(SheetSection)]
pub fn sheet_section(props: &SheetSectionProps) -> Html {
    let g = &props.group;
    let status_class = match g.worst() {
        None => "tag tag--pass",
        Some(s) => match s {
            crate::report::Severity::Error => "tag tag--error",
            crate::report::Severity::Warning => "tag tag--warning",
            crate::report::Severity::Advisory => "tag tag--advisory",
        },
    };
    let heading_id = format!("{}-heading", g.id);
    html! {
        <section class="sheet-section" id={g.id.clone()} aria-labelledby={heading_id.clone()} tabindex="-1">
            <h2 class="govuk-heading-m" id={heading_id}>
                { &g.title }
                <span class="govuk-visually-hidden">{ ": " }</span>
                <strong class={status_class}>{ g.status() }</strong>
            </h2>
            if !g.findings.is_empty() {
                <table class="govuk-table findings">
                    <caption class="govuk-table__caption govuk-visually-hidden">{ format!("Problems found: {}", g.title) }</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header col-cell">{ "Cell" }</th>
                            <th scope="col" class="govuk-table__header">{ "Problem" }</th>
                            <th scope="col" class="govuk-table__header">{ "How to fix" }</th>
                            <th scope="col" class="govuk-table__header col-severity">{ "Severity" }</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        { for g.findings.iter().map(|f| {
                            let place = match (&f.sheet, &f.cell) {
                                (Some(s), Some(c)) if s != &g.title => format!("{s}!{c}"),
                                (_, Some(c)) => c.clone(),
                                (Some(_), None) => "Whole sheet".to_string(),
                                _ => "Whole file".to_string(),
                            };
                            let severity = f.severity.as_str();
                            html! {
                                <tr class="govuk-table__row" data-rule={f.rule.clone()}>
                                    <th scope="row" class="govuk-table__header cell-ref">{ place }</th>
                                    <td class="govuk-table__cell" data-label="Problem">{ &f.message }</td>
                                    <td class="govuk-table__cell" data-label="How to fix">{ &f.hint }</td>
                                    <td class="govuk-table__cell" data-label="Severity">
                                        <strong class={format!("tag tag--{severity}")}>{ severity }</strong>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
