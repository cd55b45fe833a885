//! Markdown: the claims list (`extract --format md`).

use super::escape::Cell;
use super::model::SourceInfo;
use crate::claim::{Claim, Value};
use std::fmt::Write;

/// A short human reading of a claim's value.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Figure(f) => {
            let mut s = match (f.amount, f.low, f.high) {
                (Some(a), _, _) => format!("{} {}", f.qualifier.id().replace('_', " "), fmt_num(a)),
                (None, lo, hi) => format!("{}–{}", lo.map_or("…".into(), fmt_num), hi.map_or("…".into(), fmt_num)),
            };
            if let Some(u) = &f.unit {
                s.push(' ');
                // One of a plain unit is written in the singular: "1 month", "15 months".
                let one = f.amount == Some(1.0) && u.len() > 3 && u.chars().all(|c| c.is_ascii_lowercase());
                s.push_str(if one { u.strip_suffix('s').unwrap_or(u) } else { u });
            }
            s
        }
        Value::List { items, open } => format!("{}{}", items.join(", "), if *open { ", …" } else { "" }),
        Value::Date(d) => d.0.clone(),
        Value::Time(t) => match &t.zone {
            Some(z) => format!("{} {z}", t.time),
            None => t.time.clone(),
        },
        Value::Qualitative { text, .. } => format!("“{text}” (no figure)"),
    }
}

/// A figure as an editor writes it: 37000000000 is "37 billion".
pub fn fmt_num(x: f64) -> String {
    let a = x.abs();
    let (div, word) = if a >= 1e12 {
        (1e12, " trillion")
    } else if a >= 1e9 {
        (1e9, " billion")
    } else if a >= 1e6 {
        (1e6, " million")
    } else {
        (1.0, "")
    };
    let v = x / div;
    let mut s = format!("{:.4}", v);
    while s.contains('.') && (s.ends_with('0') || s.ends_with('.')) {
        s.pop();
    }
    format!("{s}{word}")
}

/// Every claim, grouped by source, as a Markdown document.
pub fn claims_markdown(sources: &[SourceInfo], claims: &[Claim]) -> String {
    let mut out = String::from("# Claims\n\n");
    let _ = writeln!(
        out,
        "{} in {}.\n",
        super::model::counted(claims.len(), "claim"),
        super::model::counted(sources.len(), "source")
    );
    let mut by_source: std::collections::HashMap<&str, Vec<&Claim>> = std::collections::HashMap::new();
    for c in claims {
        by_source.entry(&*c.source).or_default().push(c);
    }
    for s in sources {
        let mine = by_source.remove(s.id.as_str()).unwrap_or_default();
        let _ = writeln!(out, "## {}\n", Cell(&s.id));
        if mine.is_empty() {
            out.push_str("No claims.\n\n");
            continue;
        }
        out.push_str("| line | subject | measure | value | exact words | attributed to |\n| ---: | --- | --- | --- | --- | --- |\n");
        for c in mine {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                c.line,
                Cell(&c.subject),
                Cell(&c.measure),
                Cell(&value_text(&c.value)),
                Cell(&c.text),
                Cell(c.attributed_to.as_deref().unwrap_or(""))
            );
        }
        out.push('\n');
    }
    out
}

/// The first line of every Markdown report. A file that starts with it is
/// crosscheck's own report (a committed REPORT.md in a story folder) and is
/// never read as a source.
pub const REPORT_HEADING: &str = "# Cross-check report";

/// A draft checked against its sources, as Markdown.
pub fn check_markdown(draft: &str, checked: &[crate::check::Checked]) -> String {
    use crate::check::Status;
    let mut out = format!("# Draft check: {}\n\n", Cell(draft));
    let count = |s: Status| crate::check::count(checked, s);
    let _ = writeln!(
        out,
        "{} claims: {} contradicted, {} differ, {} unsupported, {} supported\n",
        checked.len(),
        count(Status::Contradicted),
        count(Status::Differs),
        count(Status::Unsupported),
        count(Status::Supported)
    );
    let mut sorted: Vec<&crate::check::Checked> = checked.iter().collect();
    sorted.sort_by_key(|c| (c.status, c.claim.line, c.claim.column));
    out.push_str(
        "| status | line | draft says | subject | measure | sources say |\n| --- | ---: | --- | --- | --- | --- |\n",
    );
    for c in sorted {
        let evidence: Vec<String> =
            c.evidence.iter().map(|e| format!("{} ({}:{})", e.text, e.source, e.line)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            c.status.name(),
            c.claim.line,
            Cell(&c.claim.text),
            Cell(&c.claim.subject),
            Cell(&c.claim.measure),
            Cell(&evidence.join("; "))
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Figure;

    #[test]
    fn one_of_a_plain_unit_is_singular() {
        let text = |n: f64, unit: &str| value_text(&Value::Figure(Figure::exact(n, Some(unit))));
        assert_eq!(text(1.0, "months"), "exact 1 month");
        assert_eq!(text(15.0, "months"), "exact 15 months");
        assert_eq!(text(1.0, "percent"), "exact 1 percent");
        assert_eq!(text(1.0, "USD"), "exact 1 USD");
    }
}
