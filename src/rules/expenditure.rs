//! Expenditure: every scheme complete, with values from the profile's lists.

use super::numbers::checked;
use super::{
    Sink, SCHEME_DUPLICATE_ID, SCHEME_INVALID_CHOICE, SCHEME_INVALID_SUBTYPE, SCHEME_JOINT_PERCENTAGES,
    SCHEME_OTHER_UNSPECIFIED, SCHEME_PERCENTAGES_NOT_JOINT, SCHEME_REQUIRED,
};
use std::collections::hash_map::{Entry, HashMap};

use crate::plan::{Field, Scheme, SheetKind};
use crate::report::words::{number, quote};

const EXPENDITURE: SheetKind = SheetKind::Expenditure;

pub fn check(sink: &mut Sink) {
    let plan = sink.plan;
    // Each ID's first row, by the ID in lower case: a search of a list would be quadratic in the
    // number of schemes (thousands of rows are allowed).
    let mut ids: HashMap<String, u32> = HashMap::new();
    let lists = Choices::new(&plan.profile.lists);
    for scheme in &plan.schemes {
        required(sink, scheme);
        choices(sink, scheme, &lists);
        sub_type(sink, scheme);
        other(sink, scheme);
        shares(sink, scheme);
        let f = &plan.profile.funding;
        for (field, column) in scheme.amounts.iter().zip(&plan.profile.expenditure.amounts) {
            checked(
                sink,
                EXPENDITURE,
                field,
                || format!("The amount in {}", quote(&column.header)),
                f.amount_min,
                f.amount_max,
            );
        }
        let id = scheme.scheme_id.shown();
        if !id.is_empty() {
            match ids.entry(id.to_lowercase()) {
                Entry::Occupied(first) => sink.field(
                    SCHEME_DUPLICATE_ID,
                    EXPENDITURE,
                    &scheme.scheme_id,
                    format!("Scheme ID {} is already used in row {}.", quote(&id), first.get()),
                    "Give every scheme its own ID.",
                ),
                Entry::Vacant(slot) => {
                    slot.insert(scheme.row);
                }
            }
        }
    }
}

fn required(sink: &mut Sink, s: &Scheme) {
    let layout = &sink.plan.profile.expenditure;
    let mut cells: Vec<(&Field, &str)> = vec![
        (&s.scheme_id, &layout.scheme_id.header),
        (&s.scheme_name, &layout.scheme_name.header),
        (&s.description, &layout.description.header),
        (&s.scheme_type, &layout.scheme_type.header),
        (&s.area, &layout.area.header),
        (&s.commissioner, &layout.commissioner.header),
        (&s.provider, &layout.provider.header),
        (&s.source, &layout.source.header),
    ];
    for (field, column) in s.amounts.iter().zip(&layout.amounts) {
        cells.push((field, &column.header));
    }
    cells.push((&s.new_existing, &layout.new_existing.header));
    for (field, header) in cells {
        if field.is_blank() {
            // The same words for every row, so that a run of blanks collapses into one range,
            // whose message then says how many schemes it covers.
            sink.field_in_run(
                SCHEME_REQUIRED,
                EXPENDITURE,
                field,
                format!("This scheme has no {}.", quote(header)),
                format!("{{n}} schemes have no {}.", quote(header)),
                format!("Fill in {} for every scheme.", quote(header)),
            );
        }
    }
}

/// The allowed values of each list column, gathered once per check rather than per scheme.
struct Choices<'p> {
    scheme_types: Choice<'p>,
    area: Choice<'p>,
    commissioner: Choice<'p>,
    provider: Choice<'p>,
    source: Choice<'p>,
    new_existing: Choice<'p>,
}

/// One list's values, looked up rather than read through for every scheme: exactly, and by the
/// words alone (letter case and spacing ignored) for a near miss, the first listed winning.
struct Choice<'p> {
    exact: std::collections::HashSet<&'p str>,
    near: std::collections::HashMap<String, &'p str>,
}

impl<'p> Choice<'p> {
    fn of(values: impl Iterator<Item = &'p str>) -> Self {
        let mut choice = Choice { exact: Default::default(), near: Default::default() };
        for v in values {
            choice.exact.insert(v);
            choice.near.entry(squash(v)).or_insert(v);
        }
        choice
    }
}

impl<'p> Choices<'p> {
    fn new(l: &'p crate::profile::Lists) -> Self {
        let names = |v: &'p [String]| Choice::of(v.iter().map(String::as_str));
        Choices {
            scheme_types: Choice::of(l.scheme_types.iter().map(|t| t.name.as_str())),
            area: names(&l.area_of_spend),
            commissioner: names(&l.commissioner),
            provider: names(&l.provider),
            source: names(&l.source_of_funding),
            new_existing: names(&l.new_existing),
        }
    }
}

/// A value that is not on the profile's list for its column. Near misses (case, spaces) are
/// named, because the fix is then obvious.
fn choices(sink: &mut Sink, s: &Scheme, lists: &Choices) {
    let p = sink.plan.profile;
    let layout = &p.expenditure;
    let columns: [(&Field, &str, &Choice); 6] = [
        (&s.scheme_type, &layout.scheme_type.header, &lists.scheme_types),
        (&s.area, &layout.area.header, &lists.area),
        (&s.commissioner, &layout.commissioner.header, &lists.commissioner),
        (&s.provider, &layout.provider.header, &lists.provider),
        (&s.source, &layout.source.header, &lists.source),
        (&s.new_existing, &layout.new_existing.header, &lists.new_existing),
    ];
    for (field, header, allowed) in columns {
        let value = field.shown();
        if value.is_empty() || allowed.exact.contains(value.as_ref()) {
            continue;
        }
        let near = allowed.near.get(&squash(&value));
        let padded = field.padded().filter(|(text, _)| near.is_some_and(|n| n.eq_ignore_ascii_case(text)));
        let message = match (near, padded) {
            (Some(near), Some((_, around))) => format!(
                "{} is {} with {around}, so it does not match {} on the list, and the template's totals leave this scheme out.",
                quote(header),
                quote(near),
                quote(near)
            ),
            (Some(near), None) => {
                format!("{} is not on the list for {}. Did you mean {}?", quote(&value), quote(header), quote(near))
            }
            (None, _) => {
                format!("{} is not on the list for {} in the {} template.", quote(&value), quote(header), p.id)
            }
        };
        let hint = match padded {
            Some(_) => format!("Delete the space, or choose {} from the drop-down list.", quote(header)),
            None => format!("Choose {} from the drop-down list.", quote(header)),
        };
        let plural = match (near, padded) {
            (Some(near), Some((_, around))) => format!(
                "{} is {} with {around} in {{n}} schemes, so it does not match {} on the list, and the template's totals leave these schemes out.",
                quote(header),
                quote(near),
                quote(near)
            ),
            _ => format!("{} In all, {{n}} schemes in a row have this value.", message),
        };
        sink.field_in_run(SCHEME_INVALID_CHOICE, EXPENDITURE, field, message, plural, hint);
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn sub_type(sink: &mut Sink, s: &Scheme) {
    let p = sink.plan.profile;
    let Some(scheme_type) = p.lists.scheme_type(&s.scheme_type.shown()) else {
        return;
    };
    let chosen = s.sub_type.shown();
    let (message, hint) = if scheme_type.sub_types.is_empty() {
        if chosen.is_empty() {
            return;
        }
        (
            format!("{} has no sub types, but the sub type is {}.", quote(&scheme_type.name), quote(&chosen)),
            "Delete the sub type.".to_string(),
        )
    } else if chosen.is_empty() {
        (
            format!("{} needs a sub type, but none is chosen.", quote(&scheme_type.name)),
            format!("Choose one of: {}.", scheme_type.sub_types.join("; ")),
        )
    } else if scheme_type.sub_types.iter().any(|t| *t == chosen) {
        return;
    } else if let Some((text, around)) =
        s.sub_type.padded().filter(|(text, _)| scheme_type.sub_types.iter().any(|t| t.eq_ignore_ascii_case(text)))
    {
        (
            format!(
                "The sub type is {} with {around}, so it does not match {} on the list for {}.",
                quote(text),
                quote(text),
                quote(&scheme_type.name)
            ),
            "Delete the space, or choose the sub type from the drop-down list.".to_string(),
        )
    } else {
        (
            format!("{} is not a sub type of {}.", quote(&chosen), quote(&scheme_type.name)),
            format!("Choose one of: {}.", scheme_type.sub_types.join("; ")),
        )
    };
    sink.field(SCHEME_INVALID_SUBTYPE, EXPENDITURE, &s.sub_type, message, hint);
}

fn other(sink: &mut Sink, s: &Scheme) {
    let other = &sink.plan.profile.values.other;
    if s.scheme_type.shown() == *other && s.type_other.is_blank() {
        sink.field(
            SCHEME_OTHER_UNSPECIFIED,
            EXPENDITURE,
            &s.type_other,
            "The scheme type is “Other”, but it does not say what the scheme is.",
            "Describe the type of scheme in this column.",
        );
    }
    if s.area.shown() == *other && s.area_other.is_blank() {
        sink.field(
            SCHEME_OTHER_UNSPECIFIED,
            EXPENDITURE,
            &s.area_other,
            "The area of spend is “Other”, but it does not say what the area is.",
            "Describe the area of spend in this column.",
        );
    }
}

fn shares(sink: &mut Sink, s: &Scheme) {
    let v = &sink.plan.profile.values;
    let layout = &sink.plan.profile.expenditure;
    let nhs = checked(sink, EXPENDITURE, &s.nhs_share, || quote(&layout.nhs_share.header), 0.0, 100.0);
    let la = checked(sink, EXPENDITURE, &s.la_share, || quote(&layout.la_share.header), 0.0, 100.0);
    // Cells formatted as percentages hold fractions (60% is 0.6): read them as the user sees them.
    let (nhs, la) = match (nhs, la) {
        (Some(_), Some(_)) => s.percent_shares(),
        other => other,
    };
    let commissioner = s.commissioner.shown();
    if commissioner == v.commissioner_joint {
        for (field, who) in [(&s.nhs_share, "NHS"), (&s.la_share, "local authority")] {
            if field.is_blank() {
                sink.field(
                    SCHEME_JOINT_PERCENTAGES,
                    EXPENDITURE,
                    field,
                    format!("This scheme is jointly commissioned, but the {who} percentage is empty."),
                    "Enter the NHS and local authority percentages. They must add up to 100.",
                );
            }
        }
        if let (Some(nhs), Some(la)) = (nhs, la) {
            if (nhs + la - 100.0).abs() > super::tolerance::PERCENT_POINTS {
                sink.field(
                    SCHEME_JOINT_PERCENTAGES,
                    EXPENDITURE,
                    &s.nhs_share,
                    if (0.0..=1.0).contains(&nhs) && (0.0..=1.0).contains(&la) {
                        // Fractions that do not add up to 1: show both readings, since the cell
                        // format (which the checker cannot see) decides what the user sees.
                        format!(
                            "The NHS and local authority percentages are {} and {} ({}% and {}% if the cells are formatted as percentages), which add up to {}%, not 100%.",
                            number(nhs),
                            number(la),
                            number(nhs * 100.0),
                            number(la * 100.0),
                            number((nhs + la) * 100.0)
                        )
                    } else {
                        format!(
                            "The NHS and local authority percentages are {}% and {}%, which add up to {}%, not 100%.",
                            number(nhs),
                            number(la),
                            number(nhs + la)
                        )
                    },
                    "Change the percentages so they add up to 100.",
                );
            }
        }
    } else if !commissioner.is_empty() {
        if let Some(field) = [&s.nhs_share, &s.la_share].into_iter().find(|f| !f.is_blank()) {
            sink.field(
                SCHEME_PERCENTAGES_NOT_JOINT,
                EXPENDITURE,
                field,
                format!(
                    "This scheme is commissioned by {}, but it has joint commissioning percentages.",
                    quote(&commissioner)
                ),
                "Delete the percentages, or set the Commissioner to “Joint” if the scheme is jointly commissioned.",
            );
        }
    }
}
