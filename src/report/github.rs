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
    out.push_str(&format!("::notice title=crosscheck::{}\n", data(&report.summary())));
    out
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
