//! A worker's answer read on the page: the browser's own JSON reader parses the text, and each
//! type is read from it field by field under the names its serde derive writes.
//!
//! Why not serde: reading with serde_json instantiates a parser and a visitor for every type of
//! a report; reading this way made the download every visit loads 17.9 KB smaller (brotli;
//! README: "Speed and size"). The workers still write their answers with serde_json, so the names
//! here must be the ones serde writes: a test reads every kind of answer both ways and compares.

use wasm_bindgen::JsValue;

use crate::check::Checked;
use crate::compare::Change;
use crate::report::{
    Counts, Coverage, Figures, Finding, FundingTest, MetricFigure, PerformanceFigure, RecognisedBy, Report, Severity,
    Status,
};
use crate::workbook::Format;

use super::worker::{CompareReply, DeriveReply, DerivedDefinition, Elsewhere, LoadedProfile, ProfileReply, Reply};

/// A value read from what the browser's JSON reader made of an answer; `None` when it is not
/// there or not of its type.
pub trait FromJs: Sized {
    fn from_js(value: &JsValue) -> Option<Self>;
}

/// Parses a worker's answer (JSON text) as `T`.
pub fn parse<T: FromJs>(json: &str) -> Option<T> {
    T::from_js(&js_sys::JSON::parse(json).ok()?)
}

/// The field `name` of an object, read as `T`.
fn field<T: FromJs>(object: &JsValue, name: &str) -> Option<T> {
    if !object.is_object() {
        return None;
    }
    T::from_js(&js_sys::Reflect::get(object, &JsValue::from_str(name)).ok()?)
}

impl FromJs for String {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_string()
    }
}

impl FromJs for f64 {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_f64()
    }
}

impl FromJs for usize {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_f64().filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= usize::MAX as f64).map(|n| n as usize)
    }
}

impl FromJs for bool {
    fn from_js(value: &JsValue) -> Option<Self> {
        value.as_bool()
    }
}

/// `null` or left out is `None`.
impl<T: FromJs> FromJs for Option<T> {
    fn from_js(value: &JsValue) -> Option<Self> {
        if value.is_null() || value.is_undefined() {
            Some(None)
        } else {
            T::from_js(value).map(Some)
        }
    }
}

/// Left out is empty (serde leaves out an empty `related`).
impl<T: FromJs> FromJs for Vec<T> {
    fn from_js(value: &JsValue) -> Option<Self> {
        if value.is_undefined() {
            return Some(Vec::new());
        }
        if !js_sys::Array::is_array(value) {
            return None;
        }
        js_sys::Array::from(value).iter().map(|item| T::from_js(&item)).collect()
    }
}

/// A pair is an array of two, as serde writes a tuple.
impl<A: FromJs, B: FromJs> FromJs for (A, B) {
    fn from_js(value: &JsValue) -> Option<Self> {
        if !js_sys::Array::is_array(value) {
            return None;
        }
        let array = js_sys::Array::from(value);
        if array.length() != 2 {
            return None;
        }
        Some((A::from_js(&array.get(0))?, B::from_js(&array.get(1))?))
    }
}

/// A struct read field by field under its Rust names (none of these is renamed); fields after
/// the `;` are not written (`#[serde(skip)]`) and take the values given.
macro_rules! from_js_struct {
    ($type:ident { $($field:ident),* $(; $($skipped:ident: $value:expr),*)? }) => {
        impl FromJs for $type {
            fn from_js(value: &JsValue) -> Option<Self> {
                Some($type {
                    $($field: field(value, stringify!($field))?,)*
                    $($($skipped: $value,)*)?
                })
            }
        }
    };
}

/// A unit enum read from its name in lower case (`#[serde(rename_all = "lowercase")]`).
macro_rules! from_js_enum {
    ($type:ident { $($variant:ident = $name:literal),* }) => {
        impl FromJs for $type {
            fn from_js(value: &JsValue) -> Option<Self> {
                match value.as_string()?.as_str() {
                    $($name => Some($type::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

from_js_enum!(Status { Pass = "pass", Advisory = "advisory", Warning = "warning", Error = "error", Unreadable = "unreadable" });
from_js_enum!(Severity { Advisory = "advisory", Warning = "warning", Error = "error" });
from_js_enum!(Coverage { Full = "full", Workbook = "workbook", None = "none" });
from_js_enum!(RecognisedBy { Version = "version", Title = "title" });
from_js_enum!(Format { Xlsx = "xlsx", Xlsb = "xlsb", Xls = "xls", Ods = "ods" });

from_js_struct!(Finding { rule, severity, sheet, cell, message, hint, related; at: None, plural: None });
from_js_struct!(Counts { error, warning, advisory });
from_js_struct!(Report { file, profile, hwb, status, coverage, recognised_by, counts, findings });
from_js_struct!(FundingTest { name, year, minimum, planned, cell });
from_js_struct!(MetricFigure { code, name, period, baseline, planned, better, unit });
from_js_struct!(PerformanceFigure { reduction, cost, fund, share, required });
from_js_struct!(Figures { funding, metrics, performance, pooled });
from_js_struct!(Checked { report, figures, sheets, format, checked_in_words });
from_js_struct!(Reply { id, checked });
from_js_struct!(Change { sheet, cell, change, what, old, new });
from_js_struct!(CompareReply { id, changes, refused });
from_js_struct!(LoadedProfile { id, title });
from_js_struct!(ProfileReply { id, loaded, problems });
from_js_struct!(DerivedDefinition { json, id, title, complete, lines });
from_js_struct!(DeriveReply { id, derived, refused });
from_js_struct!(Elsewhere { id, elsewhere });
