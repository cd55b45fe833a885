//! JSON: the report as `docs/contract.md` fixes it.

use super::model::Report;

/// The report as pretty-printed JSON, ending in a newline.
pub fn report_json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("reports serialise");
    s.push('\n');
    s
}
