//! Browser tests: the real wasm build of the core and the page's components, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use bcf_check::app::results::{Results, ResultsProps};
use bcf_check::report::Status;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const VALID_2025: &[u8] = include_bytes!("fixtures/valid-2025-26.xlsx");
const VALID_2017: &[u8] = include_bytes!("fixtures/valid-2017-19.xlsx");
const DEFECTIVE_2025: &[u8] = include_bytes!("fixtures/defective-2025-26.xlsx");

#[wasm_bindgen_test]
fn checks_a_real_workbook_in_the_browser() {
    for (bytes, round) in [(VALID_2025, "2025-26"), (VALID_2017, "2017-19")] {
        let report = bcf_check::check_bytes("plan.xlsx", bytes);
        assert_eq!(report.profile.as_deref(), Some(round));
        assert_eq!(report.hwb.as_deref(), Some("Leicester"));
        assert_eq!(report.status, Status::Pass, "{:?}", report.findings);
    }
}

#[wasm_bindgen_test]
fn reports_a_truncated_workbook_as_unreadable() {
    let report = bcf_check::check_bytes("cut.xlsx", &VALID_2025[..VALID_2025.len() / 2]);
    assert_eq!(report.status, Status::Unreadable);
    assert_eq!(report.findings[0].rule, "file.unreadable");
}

fn render(checked: bcf_check::Checked) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = ResultsProps {
        checked: Rc::new(checked),
        checks: 1,
        on_reset: Callback::noop(),
        on_mark: Callback::noop(),
        on_back: None,
    };
    yew::Renderer::<Results>::with_root_and_props(root.clone(), props).render();
    root
}

/// Waits until `ready` holds: Yew renders on a later tick of the event loop. Polls every tick for
/// up to five seconds, then fails, rather than sleeping a fixed time and hoping.
async fn until(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..500 {
        if ready() {
            return;
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    panic!("timed out waiting for {what}");
}

/// Waits until the results are rendered and the summary has taken the focus.
async fn settle(root: &web_sys::Element) {
    until("the results to render and take the focus", || root.child_element_count() > 0 && active_id() == "summary")
        .await;
}

fn active_id() -> String {
    web_sys::window().unwrap().document().unwrap().active_element().map(|e| e.id()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_unreadable_file_is_explained() {
    let root = render(bcf_check::check_bytes_with_figures("broken.xlsx", b"Name,Amount\nA,1\n"));
    settle(&root).await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("There is a problem"), "{text}");
    assert!(text.contains("Your file could not be checked"), "{text}");
    assert!(text.contains("a text or CSV file"), "{text}");
    let rows = root.query_selector_all("tr[data-rule='file.unsupported-format']").unwrap();
    assert_eq!(rows.length(), 1);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_passing_plan_says_so() {
    let root = render(bcf_check::check_bytes_with_figures("plan.xlsx", VALID_2025));
    settle(&root).await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("No problems found"), "{text}");
    assert!(text.contains("2025-26") && text.contains("Leicester"), "{text}");
    assert!(root.query_selector("table.findings").unwrap().is_none());
    // The funding panel gives the figures in words as well as bars.
    let funding = root.query_selector(".funding-test__text").unwrap().unwrap().text_content().unwrap();
    assert!(funding.starts_with("Minimum spend on adult social care in 2025-26: the minimum is £"), "{funding}");
    assert!(funding.ends_with("Met: the plan spends £0 more than the minimum."), "{funding}");
    // The confirmation has focus after a check, for keyboard and screen reader users.
    assert_eq!(active_id(), "summary");
    root.remove();
}

#[wasm_bindgen_test]
async fn problems_are_grouped_by_sheet_and_summarised() {
    let root = render(bcf_check::check_bytes_with_figures("defective.xlsx", DEFECTIVE_2025));
    settle(&root).await;
    assert_eq!(active_id(), "summary");
    let links: Vec<String> = {
        let list = root.query_selector_all("#summary-sheets a").unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap()).collect()
    };
    assert_eq!(
        links,
        // Each sheet counts the problems on it, those listed with the checks across sheets too.
        [
            "2. Cover: 1 error",
            "4. Income: 1 error",
            "5. Expenditure: 1 error",
            "6. Metrics: 1 error",
            "7. National Conditions: 3 errors",
            "Checks across sheets: 2 errors",
        ]
    );
    // Every link leads to a section or a problem on the page.
    let anchors = root.query_selector_all(".govuk-error-summary__list a").unwrap();
    for i in 0..anchors.length() {
        let href = anchors.item(i).unwrap().unchecked_into::<web_sys::Element>().get_attribute("href").unwrap();
        assert!(root.query_selector(&href).unwrap().is_some(), "{href}");
    }
    let short =
        root.query_selector(".funding-test--short .funding-test__text").unwrap().unwrap().text_content().unwrap();
    assert!(short.contains("Not met: the plan is £"), "{short}");
    root.remove();
}

use wasm_bindgen::JsCast;

#[wasm_bindgen_test]
async fn a_2015_16_plan_shows_pay_for_performance_in_words() {
    const DORSET: &[u8] = include_bytes!("fixtures/2015-16/dorset.xlsx");
    let root = render(bcf_check::check_bytes_with_figures("dorset.xlsx", DORSET));
    settle(&root).await;
    let text = root.query_selector(".performance__text").unwrap().unwrap().text_content().unwrap();
    assert_eq!(
        text,
        "A planned reduction of 714 emergency admissions, at £755 an admission, gives a performance fund of £539,070. The share of the £1bn is £1,524,000; less the fund, £984,930 must be spent on NHS-commissioned out-of-hospital services."
    );
    let funding: Vec<String> = {
        let list = root.query_selector_all(".funding-test h3").unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap()).collect()
    };
    assert!(funding.contains(&"Protection of social care, 2015-16".to_string()), "{funding:?}");
    assert!(funding.contains(&"NHS-commissioned out-of-hospital spend required, 2015-16".to_string()), "{funding:?}");
    let metrics = root.query_selector(".metrics").unwrap().unwrap().text_content().unwrap();
    // The metrics by name, the local ones by the names the board gave them, and the quarters of
    // emergency admissions from the pay-for-performance sheet.
    assert!(metrics.contains("carers' satisfaction with support"), "{metrics}");
    assert!(metrics.contains("falls in people aged 65+"), "{metrics}");
    assert!(metrics.contains("Q3 2015-16"), "{metrics}");
    root.remove();
}

#[wasm_bindgen_test]
fn back_and_forward_move_between_the_form_and_each_report() {
    use bcf_check::app::state::{Action, Entry, Phase, State};
    use yew::Reducible;
    let checked = bcf_check::check_bytes_with_figures("a.xlsx", b"not a workbook");
    let state = Rc::new(State::default()).reduce(Action::Finished(checked.clone()));
    // The report asks for a history entry of its own, once.
    let entry = state.push.clone().map(|(_, e)| e);
    assert_eq!(entry.as_deref().map(|e| Entry::read(Some(e))), Some(Entry::Report(0)));
    let state = state.reduce(Action::Reset);
    assert_eq!(state.phase, Phase::Ready);
    assert_eq!(state.push.clone().map(|(_, e)| e), entry, "no new entry for the form (the page adds it)");
    // Back to the report's entry: the report again; to the form's: the form.
    let state = state.reduce(Action::Popped(Entry::Report(0)));
    assert_eq!(state.phase, Phase::Checked(Rc::new(checked)));
    assert_eq!(state.clone().reduce(Action::Popped(Entry::Form)).phase, Phase::Ready);
    // A link within the page, or Back while a file is being checked to one, changes nothing.
    let checking = state.reduce(Action::Started("b.xlsx".into()));
    assert_eq!(
        checking.clone().reduce(Action::Popped(Entry::WithinPage)).phase,
        Phase::Checking { file: "b.xlsx".into() }
    );
    // An entry of a report no longer kept: the form.
    assert_eq!(checking.reduce(Action::Popped(Entry::Report(99))).phase, Phase::Ready);
}

#[wasm_bindgen_test]
fn the_page_tells_a_worker_answer_by_its_kind_not_by_the_values_inside_it() {
    use bcf_check::app::worker::{answer_kind, AnswerKind};
    // A report with values that spell other kinds' keys (a local metric a board named "changes",
    // a scheme called "elsewhere") is still a report: the page used to look for those words
    // anywhere in the text and dropped such a report as a malformed comparison.
    let report = r#"{"id":3.0,"checked":{"report":{"file":"plan.xlsx","findings":[]},"figures":{"metrics":[{"name":"changes"},{"name":"elsewhere"},{"name":"loaded"}]},"sheets":[],"format":"xlsx"}}"#;
    assert_eq!(answer_kind(report), AnswerKind::Checked);
    assert_eq!(answer_kind(r#"{"id":4.0,"changes":null,"refused":"report"}"#), AnswerKind::Compared);
    assert_eq!(answer_kind(r#"{"id":5.0,"loaded":null,"problems":["changes"]}"#), AnswerKind::Definition);
    assert_eq!(answer_kind(r#"{"id":6.0,"elsewhere":true}"#), AnswerKind::Elsewhere);
    assert_eq!(answer_kind("ready"), AnswerKind::Unknown);
    // What the worker really writes.
    let reply = bcf_check::app::worker::Elsewhere { id: 7.0, elsewhere: true };
    assert_eq!(answer_kind(&serde_json::to_string(&reply).unwrap_or_default()), AnswerKind::Elsewhere);
    let checked = bcf_check::check_bytes_with_figures("plan.xlsx", VALID_2025);
    let reply = bcf_check::app::worker::Reply { id: 8.0, checked };
    assert_eq!(answer_kind(&serde_json::to_string(&reply).unwrap_or_default()), AnswerKind::Checked);
}

#[wasm_bindgen_test]
fn the_page_reads_every_kind_of_worker_answer_as_serde_reads_it() {
    use bcf_check::app::reply::parse;
    use bcf_check::app::worker::*;
    // Every kind of check the worker answers: each round, problems with knock-on causes, a
    // round's figures with pay for performance, a template no round recognises (checked by its
    // own lists), and a file that cannot be read.
    const DORSET: &[u8] = include_bytes!("fixtures/2015-16/dorset.xlsx");
    const REAL_STYLE: &[u8] = include_bytes!("fixtures/any-template/real-style-2026-27.xlsx");
    let files: [(&str, &[u8]); 6] = [
        ("valid-2025-26.xlsx", VALID_2025),
        ("valid-2017-19.xlsx", VALID_2017),
        ("defective-2025-26.xlsx", DEFECTIVE_2025),
        ("dorset.xlsx", DORSET),
        ("real-style-2026-27.xlsx", REAL_STYLE),
        ("truncated.xlsx", &VALID_2025[..4000]),
    ];
    let mut related = 0;
    for (id, (name, bytes)) in files.into_iter().enumerate() {
        let reply = Reply { id: id as f64, checked: bcf_check::check_bytes_with_figures(name, bytes) };
        related += reply.checked.report.findings.iter().filter(|f| !f.related.is_empty()).count();
        let json = serde_json::to_string(&reply).expect("serialises");
        let expected: Reply = serde_json::from_str(&json).expect("serde reads what serde wrote");
        assert_eq!(parse::<Reply>(&json), Some(expected), "{name}");
    }
    assert!(related > 0, "a finding that names its cause was read");
    let change = bcf_check::compare::Change {
        sheet: "5. Expenditure".into(),
        cell: Some("B12".into()),
        change: "added".into(),
        what: "Scheme S6".into(),
        old: String::new(),
        new: "£250,000".into(),
    };
    let compared = [
        CompareReply { id: 1.0, changes: Some(vec![change.clone(), change]), refused: None },
        CompareReply { id: 2.0, changes: None, refused: Some("different rounds".into()) },
    ];
    for reply in compared {
        let json = serde_json::to_string(&reply).expect("serialises");
        assert_eq!(parse::<CompareReply>(&json), serde_json::from_str(&json).ok());
    }
    let loaded = LoadedProfile { id: "2026-27".into(), title: "Better Care Fund 2026-27".into() };
    for reply in [
        ProfileReply { id: 3.0, loaded: Some(loaded), problems: Vec::new() },
        ProfileReply { id: 4.0, loaded: None, problems: vec!["one".into(), "two".into()] },
    ] {
        let json = serde_json::to_string(&reply).expect("serialises");
        assert_eq!(parse::<ProfileReply>(&json), serde_json::from_str(&json).ok());
    }
    let derived = DerivedDefinition {
        json: "{\"id\": \"x\"}".into(),
        id: "x".into(),
        title: "X".into(),
        complete: false,
        lines: vec!["Found the Cover.".into()],
    };
    for reply in [
        DeriveReply { id: 5.0, derived: Some(derived), refused: None },
        DeriveReply { id: 6.0, derived: None, refused: Some("not a template".into()) },
    ] {
        let json = serde_json::to_string(&reply).expect("serialises");
        assert_eq!(parse::<DeriveReply>(&json), serde_json::from_str(&json).ok());
    }
    let json = serde_json::to_string(&Elsewhere { id: 7.0, elsewhere: true }).expect("serialises");
    assert_eq!(parse::<Elsewhere>(&json), serde_json::from_str(&json).ok());
    // Not an answer of that kind, or not JSON at all: nothing, not a made-up value.
    assert_eq!(parse::<Reply>(r#"{"id":8.0,"elsewhere":true}"#), None);
    assert_eq!(parse::<Reply>("ready"), None);
}
