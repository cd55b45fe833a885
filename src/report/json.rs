//! JSON: the report as `docs/contract.md` fixes it.

use super::model::Report;

/// The report as pretty-printed JSON, ending in a newline.
pub fn report_json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("reports serialise");
    s.push('\n');
    s
}

/// The report as JSON Lines: one group a line, in report order, each as in
/// the JSON report's `groups`; then one line per skipped source
/// (`{"skipped": {"path", "reason"}}`).
pub fn report_jsonl(report: &Report) -> String {
    let mut s = String::new();
    for g in &report.groups {
        s.push_str(&serde_json::to_string(g).expect("groups serialise"));
        s.push('\n');
    }
    for k in &report.skipped {
        s.push_str(&serde_json::to_string(&serde_json::json!({ "skipped": k })).expect("skips serialise"));
        s.push('\n');
    }
    s
}
