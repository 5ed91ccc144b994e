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

fn render(report: bcf_check::report::Report) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = ResultsProps {
        report: Rc::new(report),
        on_reset: Callback::noop(),
    };
    yew::Renderer::<Results>::with_root_and_props(root.clone(), props).render();
    root
}

async fn settle() {
    // Yew renders on the next tick of the event loop.
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn results_show_each_finding_with_its_cell_and_fix() {
    let report = bcf_check::check_bytes("broken.xlsx", b"Name,Amount\nA,1\n");
    let root = render(report);
    settle().await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Your file could not be checked"), "{text}");
    assert!(text.contains("a text or CSV file"), "{text}");
    let rows = root
        .query_selector_all("tr[data-rule='file.unsupported-format']")
        .unwrap();
    assert_eq!(rows.length(), 1);
}

#[wasm_bindgen_test]
async fn a_passing_plan_says_so() {
    let root = render(bcf_check::check_bytes("plan.xlsx", VALID_2025));
    settle().await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("No problems found"), "{text}");
    assert!(
        text.contains("2025-26") && text.contains("Leicester"),
        "{text}"
    );
    assert!(root.query_selector("#findings").unwrap().is_none());
}
