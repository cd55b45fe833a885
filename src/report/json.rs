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

/// The room made for each item's line before the items are written: about
/// a claim's (460 bytes on average over the generated corpus). Other items'
/// lines are shorter (a skipped source) or longer (a group); the list grows
/// as lists do when the guess falls short.
const LINE_BYTES: usize = 512;

/// Writes one compact JSON object a line, as [`json_lines`] gives them.
pub fn write_json_lines<T: serde::Serialize>(
    out: &mut impl std::io::Write,
    items: impl IntoIterator<Item = T>,
) -> std::io::Result<()> {
    // Items are written in memory first: a writer's small writes cost more.
    // A line takes a few hundred bytes: room made for them at once is not
    // copied again and again as the lines grow.
    let items = items.into_iter();
    let mut lines = Vec::with_capacity(items.size_hint().0 * LINE_BYTES);
    for item in items {
        serde_json::to_writer(&mut lines, &item)?;
        lines.push(b'\n');
    }
    out.write_all(&lines)
}

/// One compact JSON object a line.
pub fn json_lines<T: serde::Serialize>(items: impl IntoIterator<Item = T>) -> String {
    let mut lines = Vec::new();
    write_json_lines(&mut lines, items).expect("output records serialise");
    String::from_utf8(lines).expect("JSON is UTF-8")
}
