//! The Cover: which board, who completed the plan, sign-off, and the contacts table.

use super::{
    Sink, COVER_CONTACT_MISSING, COVER_EMAIL_INVALID, COVER_HWB_MISSING, COVER_HWB_UNKNOWN, COVER_REQUIRED,
    COVER_SIGNOFF_DATE_MISSING, COVER_SIGNOFF_INVALID,
};
use crate::plan::SheetKind;
use crate::report::words::quote;
use crate::workbook::Value;

const COVER: SheetKind = SheetKind::Cover;

pub fn check(sink: &mut Sink) {
    let plan = sink.plan;
    let cover = &plan.cover;
    let v = &plan.profile.values;

    if cover.hwb.is_blank() {
        sink.field(
            COVER_HWB_MISSING,
            COVER,
            &cover.hwb,
            "No Health and Wellbeing Board is chosen.",
            "Choose your Health and Wellbeing Board from the list. The template fills in your funding figures and baselines from it.",
        );
    } else if let Some((name, around)) = cover.hwb.padded() {
        sink.field(
            COVER_HWB_UNKNOWN,
            COVER,
            &cover.hwb,
            format!(
                "The Health and Wellbeing Board is {} with {around}. Excel does not ignore the space, so the template cannot look up your funding figures and baselines.",
                quote(name)
            ),
            "Delete the space, or choose your Health and Wellbeing Board from the drop-down list.",
        );
    } else if plan.hwb().is_none() {
        sink.field(
            COVER_HWB_UNKNOWN,
            COVER,
            &cover.hwb,
            format!(
                "{} is not one of the Health and Wellbeing Boards in the template's list.",
                quote(&cover.hwb.shown())
            ),
            "Choose your Health and Wellbeing Board from the drop-down list rather than typing it.",
        );
    }

    let required = [
        (&cover.completed_by, "who completed the plan", "Enter the name of the person who completed the plan."),
        (&cover.email, "the contact e-mail address", "Enter an e-mail address assurers can use about this plan."),
        (&cover.phone, "the contact number", "Enter a telephone number assurers can use about this plan."),
    ];
    for (field, what, hint) in required {
        if field.is_blank() {
            sink.field(COVER_REQUIRED, COVER, field, format!("The Cover does not say {what}."), hint);
        }
    }
    if !cover.email.is_blank() && !is_email(&cover.email.shown()) {
        sink.field(
            COVER_EMAIL_INVALID,
            COVER,
            &cover.email,
            not_an_email("The contact e-mail address", &cover.email.shown()),
            email_hint(&cover.email.shown()),
        );
    }

    let signed_off = cover.signed_off.shown();
    if signed_off != v.yes && signed_off != v.no {
        let message = if signed_off.is_empty() {
            "The Cover does not say whether the Health and Wellbeing Board has signed off the plan.".to_string()
        } else if let Some((answer, around)) = cover.signed_off.padded() {
            format!("The sign-off answer is {} with {around}, so Excel does not read it as Yes or No.", quote(answer))
        } else {
            format!("The sign-off answer is {}. It must be Yes or No.", quote(&signed_off))
        };
        sink.field(COVER_SIGNOFF_INVALID, COVER, &cover.signed_off, message, "Choose Yes or No from the list.");
    }
    if signed_off == v.no && cover.signoff_date.date().is_none() {
        let message = if cover.signoff_date.is_blank() {
            "The plan is not signed off, but the Cover does not say when it will be.".to_string()
        } else if let Value::Text(text) = &cover.signoff_date.value {
            format!(
                "The plan is not signed off, and the expected sign-off date holds the text {}, not a date.",
                quote(text)
            )
        } else {
            format!(
                "The plan is not signed off, and the expected sign-off date {} is not a date.",
                quote(&cover.signoff_date.shown())
            )
        };
        sink.field(
            COVER_SIGNOFF_DATE_MISSING,
            COVER,
            &cover.signoff_date,
            message,
            "Enter the date the Health and Wellbeing Board is expected to sign off the plan as day/month/year, for example 31/03/2026. Excel then shows it as a date.",
        );
    }

    for contact in &cover.contacts {
        let role = contact.role.shown();
        if contact.name.is_blank() {
            sink.field(
                COVER_CONTACT_MISSING,
                COVER,
                &contact.name,
                format!("There is no name for the {role}."),
                format!("Enter the name of the {role}."),
            );
        }
        if contact.email.is_blank() {
            sink.field(
                COVER_CONTACT_MISSING,
                COVER,
                &contact.email,
                format!("There is no e-mail address for the {role}."),
                format!("Enter the e-mail address of the {role}."),
            );
        } else if !is_email(&contact.email.shown()) {
            sink.field(
                COVER_EMAIL_INVALID,
                COVER,
                &contact.email,
                not_an_email(&format!("The e-mail address for the {role}"), &contact.email.shown()),
                email_hint(&contact.email.shown()),
            );
        }
    }
}

/// How many e-mail addresses a cell holds when someone typed several (separated by `;`, `,`
/// or spaces).
fn addresses_in(text: &str) -> usize {
    text.split(|c: char| c == ';' || c == ',' || c.is_whitespace()).filter(|part| is_email(part)).count()
}

fn not_an_email(what: &str, text: &str) -> String {
    match addresses_in(text) {
        n if n > 1 => format!("{what} holds {n} e-mail addresses: {}. It must hold one.", quote(text)),
        _ => format!("{what}, {}, is not an e-mail address.", quote(text)),
    }
}

fn email_hint(text: &str) -> &'static str {
    if addresses_in(text) > 1 {
        "Keep one e-mail address in this cell, for the person or shared mailbox assurers should contact."
    } else {
        "Enter an e-mail address in the correct format, like name@example.gov.uk."
    }
}

/// A pragmatic check: one `@`, something before it, a domain with a dot after it, no spaces.
pub fn is_email(text: &str) -> bool {
    let text = text.trim();
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let allowed_local = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    let allowed_domain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    !local.is_empty()
        && local.len() <= 64
        && local.chars().all(allowed_local)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && domain.contains('.')
        && domain.chars().all(allowed_domain)
        && domain.split('.').all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
        && domain.rsplit('.').next().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn email_addresses() {
        for good in ["a@b.co", "alex.morgan@example.gov.uk", "first+tag@nhs.net", " padded@nhs.net "] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "",
            "alex",
            "alex@",
            "@nhs.net",
            "alex@nhs",
            "alex morgan@nhs.net",
            "a@@b.com",
            "a@b..com",
            ".a@b.com",
            "a@-b.com",
            "a@b.c0m",
            "a@b.c",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
