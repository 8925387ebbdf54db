//! JSON printer: the report model as the version-1 JSON contract of DESIGN.md.
//!
//! Takes a [`Report`]; gives pretty-printed JSON with a final newline. Field order is the model's
//! declaration order, so output is byte-for-byte stable.

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).expect("the report model serializes");
    out.push('\n');
    out
}
