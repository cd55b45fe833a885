//! The report as one self-contained HTML page, for editors who would
//! rather look than read: the summary, each group's figures drawn on one
//! number line (a bar per claim, labelled with its source, coloured by the
//! group's verdict), and the source texts side by side with every claim's
//! words highlighted, each claim linking to its place. No script, no font,
//! no request: the page holds everything it shows, and every text from a
//! source is escaped.

use super::markdown_report::shortened;
use super::model::{fact_heading, source_labels};
use super::Report;
use crate::claim::{Claim, Value};
use crate::compare::{Group, Verdict};
use std::collections::HashMap;
use std::fmt::Write;

/// The text of each source, by id, to show beside the report (a source
/// without one is listed without its text).
pub type SourceTexts = HashMap<String, String>;

/// The report as an HTML page.
pub fn report_html(report: &Report, texts: &SourceTexts) -> String {
    let labels = source_labels(&report.sources);
    let label = |id: &str| labels.get(id).cloned().unwrap_or_else(|| id.to_string());
    let index: HashMap<&str, usize> = report.sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
    let place = |c: &Claim| format!("s{}-l{}", index.get(&*c.source).copied().unwrap_or(0), c.line);

    let mut out = String::with_capacity(64 * 1024);
    out.push_str(HEAD);
    let _ = writeln!(out, "<h1>Cross-check report</h1>\n<p class=\"summary\">{}</p>", esc(&report.summary()));

    let super::model::Sections { discrepancies, agreements, accepted, singles } = report.sections();
    out.push_str("<h2>Summary</h2>\n");
    if discrepancies.is_empty() {
        out.push_str("<p>No discrepancies: no two sources differ on a figure.</p>\n");
    } else {
        out.push_str(
            "<table><thead><tr><th>fact</th><th>verdict</th><th>what the sources say</th></tr></thead><tbody>\n",
        );
        for g in &discrepancies {
            let said: Vec<String> = g
                .claims
                .iter()
                .map(|c| format!("{}: <a href=\"#{}\">{}</a>", esc(&label(&c.source)), place(c), esc(c.text.trim())))
                .collect();
            let _ = writeln!(
                out,
                "<tr><td><a href=\"#{}\">{}</a></td><td><span class=\"v {v}\">{v}</span></td><td>{}</td></tr>",
                anchor(g),
                esc(&fact_heading(g)),
                said.join(" · "),
                v = g.verdict.name()
            );
        }
        out.push_str("</tbody></table>\n");
    }
    for (title, groups) in [("Discrepancies", &discrepancies), ("Agreements", &agreements), ("Accepted", &accepted)] {
        if groups.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h2>{title}</h2>");
        for g in groups.iter() {
            group(&mut out, g, &label, &place);
        }
    }
    if !singles.is_empty() {
        out.push_str("<h2>Single-source claims</h2>\n<table><thead><tr><th>fact</th><th>figure (exact words)</th><th>source</th></tr></thead><tbody>\n");
        for g in &singles {
            let Some(c) = g.claims.first() else { continue };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td><a href=\"#{}\">{}, line {}</a></td></tr>",
                esc(&fact_heading(g)),
                esc(c.text.trim()),
                place(c),
                esc(&label(&c.source)),
                c.line
            );
        }
        out.push_str("</tbody></table>\n");
    }
    sources_side_by_side(&mut out, report, texts, &label);
    out.push_str("</body>\n</html>\n");
    out
}

/// Styles, and the page's head: no external resource of any kind.
const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Cross-check report</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem; color: #1d1d1f; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .3rem; }
.summary { color: #555; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f6; }
.v { display: inline-block; padding: 0 .4rem; border-radius: .3rem; color: #fff; font-size: .85rem; }
.v.conflict { background: #c62828; } .v.compatible { background: #b26a00; }
.v.agree { background: #2e7d32; } .v.single { background: #6b6b6b; }
.reason { font-style: italic; }
svg.line { display: block; margin: .4rem 0; }
svg.line text { font-size: 12px; fill: #333; }
.bar.conflict { fill: #c62828; } .bar.compatible { fill: #d08a00; } .bar.agree { fill: #2e7d32; } .bar.single { fill: #777; }
.claims { margin: .3rem 0 0 1rem; padding: 0; }
.texts { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(22rem, 1fr); gap: 1rem; overflow-x: auto; }
.texts article { border: 1px solid #ddd; padding: .5rem; font-size: .9rem; }
.texts h3 { margin-top: 0; }
.ln { display: block; white-space: pre-wrap; }
.ln:target { background: #fff6c2; }
.ln .n { color: #999; display: inline-block; min-width: 2.5rem; user-select: none; }
mark { background: #ffe082; } mark.conflict { background: #ffcdd2; } mark.compatible { background: #ffe0b2; }
mark.agree { background: #c8e6c9; }
</style>
</head>
<body>
"#;

/// One group: heading, verdict, explanation, number line and claims.
fn group(out: &mut String, g: &Group, label: &dyn Fn(&str) -> String, place: &dyn Fn(&Claim) -> String) {
    let _ = writeln!(
        out,
        "<section id=\"{}\"><h3>{}</h3>\n<p><span class=\"v {v}\">{v}</span> {}</p>",
        anchor(g),
        esc(&fact_heading(g)),
        esc(&g.explanation),
        v = g.verdict.name()
    );
    if let Some(reason) = &g.accepted {
        let _ = writeln!(out, "<p class=\"reason\">Accepted: {}</p>", esc(reason));
    }
    number_line(out, g, label);
    out.push_str("<ul class=\"claims\">\n");
    for c in &g.claims {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}, line {}</a>: “{}”</li>",
            place(c),
            esc(&label(&c.source)),
            c.line,
            esc(c.text.trim())
        );
    }
    out.push_str("</ul></section>\n");
}

/// Width of a number line's scale, and of the labels left of it, in pixels.
const SCALE_WIDTH: f64 = 520.0;
const LABEL_WIDTH: f64 = 230.0;
const ROW_HEIGHT: f64 = 22.0;

/// The group's figures on one scale: each claim's interval as a bar (an
/// open bound runs to the scale's end), a figure stated exactly as a tick.
/// Nothing is drawn for dates, lists and words without a figure.
fn number_line(out: &mut String, g: &Group, label: &dyn Fn(&str) -> String) {
    let bars: Vec<(&Claim, Option<f64>, Option<f64>)> = g
        .claims
        .iter()
        .filter_map(|c| match c.compared() {
            // A bound not stated (more than, at least) runs to the scale's end.
            Value::Figure(f) => match (f.low, f.high) {
                (None, None) => f.amount.map(|a| (c, Some(a), Some(a))),
                (low, high) => Some((c, low, high)),
            },
            _ => None,
        })
        .collect();
    if bars.is_empty() {
        return;
    }
    // The scale's unit: the one the figures are compared in (km, hours, USD).
    let unit = bars.iter().find_map(|(c, _, _)| match c.compared() {
        Value::Figure(f) => f.unit.as_deref(),
        _ => None,
    });
    let known = bars.iter().flat_map(|(_, lo, hi)| [*lo, *hi]).flatten();
    let (mut min, mut max) = known.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    if !(min.is_finite() && max.is_finite()) {
        return;
    }
    // Room on both sides, so that a bar at the scale's end is seen.
    let pad = if max > min { (max - min) * 0.15 } else { min.abs().max(1.0) * 0.1 };
    (min, max) = (min - pad, max + pad);
    let x = |v: f64| LABEL_WIDTH + (v - min) / (max - min) * SCALE_WIDTH;
    let height = ROW_HEIGHT * (bars.len() as f64 + 1.0);
    let _ = writeln!(
        out,
        "<svg class=\"line\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\" role=\"img\" aria-label=\"the figures on one scale\">",
        w = LABEL_WIDTH + SCALE_WIDTH + 20.0
    );
    for (row, (c, lo, hi)) in bars.iter().enumerate() {
        let y = ROW_HEIGHT * row as f64 + 4.0;
        let (from, to) = (x(lo.unwrap_or(min)), x(hi.unwrap_or(max)));
        let width = (to - from).max(3.0);
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><rect class=\"bar {}\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"14\" rx=\"2\"><title>{}</title></rect>",
            y + 11.0,
            esc(&shortened(&label(&c.source), 32)),
            g.verdict.name(),
            from.min(LABEL_WIDTH + SCALE_WIDTH - 3.0),
            esc(c.text.trim())
        );
    }
    let axis = ROW_HEIGHT * bars.len() as f64 + 4.0;
    let _ = writeln!(
        out,
        "<line x1=\"{LABEL_WIDTH}\" y1=\"{axis}\" x2=\"{}\" y2=\"{axis}\" stroke=\"#999\"/><text x=\"{LABEL_WIDTH}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text></svg>",
        LABEL_WIDTH + SCALE_WIDTH,
        axis + 14.0,
        esc(&scale_label(min + pad, unit)),
        LABEL_WIDTH + SCALE_WIDTH,
        axis + 14.0,
        esc(&scale_label(max - pad, unit))
    );
}

/// An end of a scale: three significant digits, in words past a million,
/// with its unit.
fn scale_label(x: f64, unit: Option<&str>) -> String {
    let digits = if x == 0.0 { 0 } else { (2 - x.abs().log10().floor() as i32).max(0) as usize };
    let number = if x.abs() >= 1e6 || x.fract() == 0.0 { super::fmt_num(x) } else { format!("{x:.digits$}") };
    match unit {
        Some(u) => format!("{number} {u}"),
        None => number,
    }
}

/// The sources' texts, one column each, every line numbered and every
/// claim's words marked with its verdict.
fn sources_side_by_side(out: &mut String, report: &Report, texts: &SourceTexts, label: &dyn Fn(&str) -> String) {
    out.push_str("<h2>Sources</h2>\n<div class=\"texts\">\n");
    let mut marks: HashMap<&str, Vec<(usize, usize, Verdict)>> = HashMap::new();
    for g in &report.groups {
        for c in &g.claims {
            marks.entry(&c.source).or_default().push((c.start, c.end, g.verdict));
        }
    }
    for (k, s) in report.sources.iter().enumerate() {
        let _ = writeln!(
            out,
            "<article><h3>{}</h3><p class=\"summary\">{} · {}</p>",
            esc(&label(&s.id)),
            esc(&s.id),
            esc(s.published.as_deref().unwrap_or("date unknown"))
        );
        match texts.get(&s.id) {
            Some(text) => {
                let mut spans = marks.remove(s.id.as_str()).unwrap_or_default();
                spans.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
                marked_lines(out, k, text, &spans);
            }
            None => out.push_str("<p>(text not kept: standard input)</p>\n"),
        }
        out.push_str("</article>\n");
    }
    out.push_str("</div>\n");
}

/// `text`, a numbered line at a time (each line the target of its claims'
/// links), with the byte ranges `spans` marked; an overlapping span is left out.
fn marked_lines(out: &mut String, source: usize, text: &str, spans: &[(usize, usize, Verdict)]) {
    let mut spans = spans.iter().peekable();
    let mut at = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let end = at + line.len();
        let _ = write!(out, "<span class=\"ln\" id=\"s{source}-l{}\"><span class=\"n\">{}</span>", n + 1, n + 1);
        let mut pos = at;
        while let Some(&&(start, stop, verdict)) = spans.peek() {
            if start >= end {
                break;
            }
            spans.next();
            let stop = stop.min(end);
            if start < pos || stop <= start || !text.is_char_boundary(start) || !text.is_char_boundary(stop) {
                continue;
            }
            out.push_str(&esc(&text[pos..start]));
            let _ = write!(out, "<mark class=\"{}\">{}</mark>", verdict.name(), esc(&text[start..stop]));
            pos = stop;
        }
        out.push_str(&esc(text[pos..end].trim_end_matches(['\n', '\r'])));
        out.push_str("</span>\n");
        at = end;
    }
}

/// The group's anchor in the page, from its id.
fn anchor(g: &Group) -> String {
    let id: String = g.id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("g-{id}")
}

/// `s` safe as HTML text or an attribute value.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_ends_read_as_an_editor_writes_them() {
        assert_eq!(scale_label(209.2147, Some("km")), "209 km");
        assert_eq!(scale_label(0.16667, Some("hours")), "0.167 hours");
        assert_eq!(scale_label(4_800_000.0, None), "4.8 million");
        assert_eq!(scale_label(-9.2, None), "-9.20");
        assert_eq!(scale_label(12.0, None), "12");
    }

    #[test]
    fn text_from_a_source_is_escaped() {
        assert_eq!(
            esc("<script>\"a\" & 'b'</script>\u{1b}"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;\u{fffd}"
        );
    }

    #[test]
    fn marks_fall_on_their_lines_and_overlaps_are_left_out() {
        let mut out = String::new();
        let text = "Five <b>died</b>.\nThen 12 more.\n";
        let spans = [(0, 4, Verdict::Conflict), (2, 6, Verdict::Agree), (23, 25, Verdict::Agree)];
        marked_lines(&mut out, 0, text, &spans);
        assert!(out.contains("<mark class=\"conflict\">Five</mark> &lt;b&gt;died"), "{out}");
        assert!(
            out.contains("id=\"s0-l2\"><span class=\"n\">2</span>Then <mark class=\"agree\">12</mark> more."),
            "{out}"
        );
        assert_eq!(out.matches("<mark").count(), 2);
    }
}
