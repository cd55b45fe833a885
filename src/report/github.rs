//! GitHub Actions workflow commands: findings land on the lines of a pull
//! request. GitHub shows at most 10 warnings per step, so the rest are
//! summarised in one notice.

use super::model::Report;
use crate::compare::Verdict;

/// How many findings GitHub annotates per step.
const GITHUB_WARNING_CAP: usize = 10;

/// Escapes a workflow command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Workflow command lines, capped as GitHub shows them, then a summary notice.
fn capped(lines: &[String], summary: &str) -> String {
    let mut out = String::new();
    for l in lines.iter().take(GITHUB_WARNING_CAP) {
        out.push_str(l);
        out.push('\n');
    }
    if lines.len() > GITHUB_WARNING_CAP {
        out.push_str(&format!(
            "::notice title=crosscheck::{} more findings not annotated (GitHub shows {GITHUB_WARNING_CAP} per step); see the Markdown report\n",
            lines.len() - GITHUB_WARNING_CAP
        ));
    }
    out.push_str(&format!("::notice title=crosscheck::{}\n", data(summary)));
    out
}

/// One line per draft claim the sources do not support, on the draft's
/// lines: contradicted claims as errors, differing and unsupported ones as warnings.
pub fn check_github(draft: &str, checked: &[crate::check::Checked]) -> String {
    use crate::check::Status;
    let mut lines = Vec::new();
    for status in [Status::Contradicted, Status::Differs, Status::Unsupported] {
        for c in checked.iter().filter(|c| c.status == status) {
            let level = if status == Status::Contradicted { "error" } else { "warning" };
            let says: Vec<String> =
                c.evidence.iter().map(|e| format!("{} line {}: {}", e.source, e.line, e.text)).collect();
            let message = if says.is_empty() {
                format!("{}: no source states it", c.claim.text)
            } else {
                format!("{}: the sources say {}", c.claim.text, says.join("; "))
            };
            let title =
                format!("crosscheck {}: {} — {}", status.name(), c.claim.subject, c.claim.measure.replace('_', " "));
            lines.push(format!(
                "::{level} file={},line={},col={},title={}::{}",
                property(draft),
                c.claim.line,
                c.claim.column,
                property(&title),
                data(&message)
            ));
        }
    }
    let count = |s: Status| crate::check::count(checked, s);
    let summary = format!(
        "{} draft claims: {} supported, {} contradicted, {} differ, {} unsupported",
        checked.len(),
        count(Status::Supported),
        count(Status::Contradicted),
        count(Status::Differs),
        count(Status::Unsupported)
    );
    capped(&lines, &summary)
}

/// One `::warning` line per claim of every discrepancy, conflicts first.
pub fn report_github(report: &Report) -> String {
    let paths: std::collections::HashMap<&str, &str> =
        report.sources.iter().map(|s| (s.id.as_str(), s.path.as_str())).collect();
    let path = |id: &str| paths.get(id).map_or(id.to_string(), |p| p.to_string());
    let mut lines = Vec::new();
    for g in report.groups.iter().filter(|g| matches!(g.verdict, Verdict::Conflict | Verdict::Compatible)) {
        for c in &g.claims {
            let title =
                format!("{} {}: {} — {}", "crosscheck", g.verdict.name(), g.subject, g.measure.replace('_', " "));
            lines.push(format!(
                "::warning file={},line={},col={},title={}::{}",
                property(&path(&c.source)),
                c.line,
                c.column,
                property(&title),
                data(&g.explanation)
            ));
        }
    }
    capped(&lines, &report.summary())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_and_messages_are_escaped() {
        assert_eq!(property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(data("one\ntwo"), "one%0Atwo");
    }
}
