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
    let mut s = json_lines(&report.groups);
    s.push_str(&json_lines(report.skipped.iter().map(|k| serde_json::json!({ "skipped": k }))));
    s
}

/// Writes one compact JSON object a line, as [`json_lines`] gives them.
/// Each line is made in one reused buffer and written whole (one write a
/// line, not one a field): memory holds a line, never the output.
pub fn write_json_lines<T: serde::Serialize>(
    out: &mut impl std::io::Write,
    items: impl IntoIterator<Item = T>,
) -> std::io::Result<()> {
    let mut line = Vec::with_capacity(1024);
    for item in items {
        line.clear();
        serde_json::to_writer(&mut line, &item)?;
        line.push(b'\n');
        out.write_all(&line)?;
    }
    Ok(())
}

/// One compact JSON object a line.
pub fn json_lines<T: serde::Serialize>(items: impl IntoIterator<Item = T>) -> String {
    let mut lines = Vec::new();
    write_json_lines(&mut lines, items).expect("output records serialise");
    String::from_utf8(lines).expect("JSON is UTF-8")
}
