//! Markdown: the claims list (`extract --format md`).

use super::escape::cell;
use crate::claim::{Claim, Value};
use crate::source::Source;
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
                s.push_str(u);
            }
            s
        }
        Value::List { items, open } => format!("{}{}", items.join(", "), if *open { ", …" } else { "" }),
        Value::Date(d) => d.0.clone(),
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
pub fn claims_markdown(sources: &[Source], claims: &[Claim]) -> String {
    let mut out = String::from("# Claims\n\n");
    let _ = writeln!(out, "{} claims in {} sources.\n", claims.len(), sources.len());
    for s in sources {
        let mine: Vec<&Claim> = claims.iter().filter(|c| c.source == s.id).collect();
        let _ = writeln!(out, "## {}\n", cell(&s.id));
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
                cell(&c.subject),
                cell(&c.measure),
                cell(&value_text(&c.value)),
                cell(&c.text),
                cell(c.attributed_to.as_deref().unwrap_or(""))
            );
        }
        out.push('\n');
    }
    out
}
