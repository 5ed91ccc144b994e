//! A template laid out as no modelled round is (as the current round's may be), with a checklist
//! and data validation like the real ones, and values a user pasted past them: for the tests of
//! what a workbook defines for itself and for the page's end-to-end tests.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Formula, Url, Workbook,
};

/// A title no built-in round has.
pub const REAL_STYLE_TITLE: &str = "Better Care Fund 2026-27 Planning Template";
const TITLE: &str = REAL_STYLE_TITLE;

/// A template laid out as no round is (as the current round's may be), with a checklist sheet
/// like the real ones (description, hyperlinked cell reference, a checker formula showing Yes or
/// No) and drop-down lists and number limits as Excel data validation; the values are what a
/// user pasted past them.
pub fn real_style_template() -> Vec<u8> {
    let mut book = Workbook::new();
    // A fixed creation time, so the committed fixture changes only when its content does.
    let created = ExcelDateTime::from_ymd(2026, 1, 1).expect("date");
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let guidance = book.add_worksheet().set_name("Guidance").expect("name");
    guidance.write(1, 1, TITLE).expect("write");
    guidance.write(3, 1, "Complete every yellow cell. The checklist shows what is left to do.").expect("write");

    let cover = book.add_worksheet().set_name("Cover").expect("name");
    cover.write(1, 1, TITLE).expect("write");
    let rows: [(&str, Option<&str>); 6] = [
        ("Health and Wellbeing Board:", Some("Leicester")),
        ("Completed by:", None),
        ("E-mail:", Some("lead@example.org")),
        ("Has the plan been signed off?", Some("Maybe")),
        ("Expected sign-off date:", None),
        ("Contact number:", None),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        cover.write(row, 1, *label).expect("write");
        if let Some(value) = value {
            cover.write(row, 2, *value).expect("write");
        }
    }
    cover.write_datetime(7, 2, ExcelDateTime::from_ymd(2028, 1, 31).expect("date")).expect("date");
    let boards = DataValidation::new().allow_list_formula(Formula::new("=Boards"));
    cover.add_data_validation(3, 2, 3, 2, &boards).expect("validation");
    let yes_no = DataValidation::new().allow_list_strings(&["Yes", "No"]).expect("list");
    cover.add_data_validation(6, 2, 6, 2, &yes_no).expect("validation");
    let from = ExcelDateTime::from_ymd(2026, 4, 1).expect("date");
    let to = ExcelDateTime::from_ymd(2027, 3, 31).expect("date");
    let dates = DataValidation::new().allow_date(DataValidationRule::Between(from, to));
    cover.add_data_validation(7, 2, 7, 2, &dates).expect("validation");

    let checklist = book.add_worksheet().set_name("Checklist").expect("name");
    checklist.write(0, 1, "Checklist").expect("write");
    checklist.write(1, 1, "Incomplete Template").expect("write");
    for (col, header) in ["Description", "Cell Reference", "checker"].iter().enumerate() {
        checklist.write(2, 1 + col as u16, *header).expect("write");
    }
    // (description, cell, checker as last calculated)
    let items = [
        ("Health and Wellbeing Board", "C4", "Yes"),
        ("Completed by", "C5", "No"),
        ("E-mail", "C6", "Yes"),
        ("Signed off", "C7", "Yes"),
        ("Expected sign-off date", "C8", "Yes"),
        // Calculated before the contact number was deleted.
        ("Contact number", "C9", "Yes"),
    ];
    for (i, (description, cell, checker)) in items.iter().enumerate() {
        let row = 3 + i as u32;
        checklist.write(row, 1, *description).expect("write");
        if *cell == "C8" {
            // A link made with the HYPERLINK function, as some templates make theirs.
            let link = Formula::new(format!("=HYPERLINK(\"#Cover!{cell}\",\"Cover!{cell}\")"))
                .set_result(format!("Cover!{cell}"));
            checklist.write_formula(row, 2, link).expect("formula");
        } else {
            let url = Url::new(format!("internal:Cover!{cell}")).set_text(format!("Cover!{cell}"));
            checklist.write_url(row, 2, url).expect("link");
        }
        let formula = Formula::new(format!("=IF(Cover!{cell}=\"\",\"No\",\"Yes\")")).set_result(*checker);
        checklist.write_formula(row, 3, formula).expect("formula");
    }
    checklist.write(9, 1, "Sheet completed").expect("write");
    checklist.write(9, 3, "No").expect("write");
    checklist.write(10, 1, "Workforce plan").expect("write");
    let broken = Url::new("internal:'Workforce'!C4").set_text("Workforce!C4");
    checklist.write_url(10, 2, broken).expect("link");
    checklist.write(10, 3, "No").expect("write");

    let spending = book.add_worksheet().set_name("Expenditure").expect("name");
    for (col, header) in ["Scheme ID", "Amount (£)", "Area", "Sub type", "NHS share (%)"].iter().enumerate() {
        spending.write(2, 1 + col as u16, *header).expect("write");
    }
    let schemes: [(&str, Option<f64>, &str, &str, f64); 4] = [
        ("S1", Some(100.0), "Social Care", "Anything", 50.0),
        ("S2", Some(-5.0), "social care", "Anything", 50.0),
        ("S3", None, "Social Care ", "Anything", 50.0),
        ("S4", Some(10.5), "Acute", "Anything", 150.0),
    ];
    for (i, (id, amount, area, sub, share)) in schemes.iter().enumerate() {
        let row = 3 + i as u32;
        spending.write(row, 1, *id).expect("write");
        match amount {
            Some(n) => spending.write(row, 2, *n).expect("write"),
            None => spending.write(row, 2, "9.5m").expect("write"),
        };
        spending.write(row, 3, *area).expect("write");
        spending.write(row, 4, *sub).expect("write");
        spending.write(row, 5, *share).expect("write");
    }
    let whole = DataValidation::new().allow_whole_number(DataValidationRule::Between(0, 1_000_000_000));
    spending.add_data_validation(3, 2, 49, 2, &whole).expect("validation");
    let areas = DataValidation::new().allow_list_formula(Formula::new("=Lists!$A$2:$A$4"));
    spending.add_data_validation(3, 3, 49, 3, &areas).expect("validation");
    // Excel works this one out from the row's area: not evaluated, never guessed.
    let sub_types = DataValidation::new().allow_list_formula(Formula::new("=INDIRECT($D4)"));
    spending.add_data_validation(3, 4, 49, 4, &sub_types).expect("validation");
    let share = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        .set_error_style(DataValidationErrorStyle::Warning);
    spending.add_data_validation(3, 5, 49, 5, &share).expect("validation");

    let lists = book.add_worksheet().set_name("Lists").expect("name");
    lists.set_hidden(true);
    lists.write(0, 0, "Area of spend").expect("write");
    for (i, area) in ["Social Care", "Community Health", "Primary Care"].iter().enumerate() {
        lists.write(1 + i as u32, 0, *area).expect("write");
    }
    lists.write(0, 1, "Boards").expect("write");
    for (i, board) in ["Leicester", "Leicestershire", "Rutland"].iter().enumerate() {
        lists.write(1 + i as u32, 1, *board).expect("write");
    }
    book.define_name("Boards", "=Lists!$B$2:$B$4").expect("name");
    book.save_to_buffer().expect("saved")
}
