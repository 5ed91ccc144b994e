//! One group of findings: a heading with its status in words, and a table of the problems.

use yew::prelude::*;

use super::state::Group;

#[derive(Properties, PartialEq)]
pub struct SheetSectionProps {
    pub group: Group,
}

/// A severity's GOV.UK tag: red for errors, orange for warnings, blue for advisory notes.
fn tag_class(severity: crate::report::Severity) -> &'static str {
    match severity {
        crate::report::Severity::Error => "govuk-tag govuk-tag--red tag",
        crate::report::Severity::Warning => "govuk-tag govuk-tag--orange tag",
        crate::report::Severity::Advisory => "govuk-tag govuk-tag--blue tag",
    }
}

#[function_component(SheetSection)]
pub fn sheet_section(props: &SheetSectionProps) -> Html {
    let g = &props.group;
    let status_class = match g.worst() {
        None => "govuk-tag govuk-tag--green tag",
        Some(s) => tag_class(s),
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
                        { for g.findings.iter().map(|numbered| {
                            let f = &numbered.finding;
                            let place = match (&f.sheet, &f.cell) {
                                (Some(s), Some(c)) if s != &g.title => format!("{s}!{c}"),
                                (_, Some(c)) => c.clone(),
                                (Some(_), None) => "Whole sheet".to_string(),
                                _ => "Whole file".to_string(),
                            };
                            // Tags are in sentence case, as the design system writes them.
                            let severity = f.severity.title();
                            html! {
                                <tr class="govuk-table__row" data-rule={f.rule.clone()} id={numbered.element_id()} tabindex="-1">
                                    <th scope="row" class="govuk-table__header cell-ref">{ place }</th>
                                    <td class="govuk-table__cell" data-label="Problem">
                                        { &f.message }
                                        if !numbered.follows_from.is_empty() {
                                            <span class="follows-from">
                                                { "It may follow from the problem at " }
                                                { for numbered.follows_from.iter().enumerate().map(|(i, (place, row))| html! {
                                                    <>
                                                        { if i == 0 { "" } else if i + 1 == numbered.follows_from.len() { " and " } else { ", " } }
                                                        { match row {
                                                            Some(row) => html! { <a class="govuk-link" href={format!("#{row}")}>{ place }</a> },
                                                            None => html! { place },
                                                        } }
                                                    </>
                                                }) }
                                                { ": fix that first." }
                                            </span>
                                        }
                                    </td>
                                    <td class="govuk-table__cell" data-label="How to fix">{ &f.hint }</td>
                                    <td class="govuk-table__cell" data-label="Severity">
                                        <strong class={tag_class(f.severity)}>{ severity }</strong>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
            if !g.listed_elsewhere.is_empty() {
                <p class="govuk-body listed-elsewhere">
                    { match g.listed_elsewhere.len() {
                        1 => "1 problem on this sheet is listed under ".to_string(),
                        n => format!("{n} problems on this sheet are listed under "),
                    } }
                    <a href="#section-across-sheets">{ "Checks across sheets" }</a>
                    { format!(
                        ", because {} figures from more than one sheet: {}.",
                        if g.listed_elsewhere.len() == 1 { "it compares" } else { "they compare" },
                        crate::report::words::and_list(
                            &g.listed_elsewhere.iter().filter_map(|f| f.cell.clone()).collect::<Vec<_>>()
                        )
                    ) }
                </p>
            }
        </section>
    }
}
