//! The cross-check report as an editor reads it, in Markdown: the summary
//! line, a table of every discrepancy that fits one screen, then each group
//! in detail (every claim in its sentence, the figure in bold, the line a
//! link into the source), the single-source claims as one compact table,
//! the findings an editor accepted, and the sources. Stable line by line,
//! so two reports diff cleanly.

use super::escape::Cell;
use crate::claim::Claim;
use crate::compare::Group;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

/// How single-source claims are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Singles {
    /// Each in a section of its own, as the other groups.
    Full,
    /// One compact table: fact, figure, source and line, attributed to.
    #[default]
    Table,
    /// Left out (counted in the summary line).
    None,
}

/// How the Markdown report is written.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// How single-source claims are shown.
    pub singles: Singles,
    /// The folder the report is written to: links to source lines are
    /// relative to it (the current folder when `None`).
    pub link_base: Option<PathBuf>,
}

/// The report as Markdown, with the default options.
pub fn report_markdown(report: &super::Report) -> String {
    report_markdown_with(report, &MarkdownOptions::default())
}

/// The report as Markdown.
pub fn report_markdown_with(report: &super::Report, options: &MarkdownOptions) -> String {
    let mut out = Vec::new();
    write_report_markdown(report, options, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("the report is written as UTF-8")
}

/// The report as Markdown, written to `to` as it is made: a section's
/// groups are written in parallel a window at a time and handed on, so the
/// whole report is never held in memory.
pub fn write_report_markdown(
    report: &super::Report,
    options: &MarkdownOptions,
    to: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let view = View::new(report, options);
    let mut out = format!("{}\n\n", super::markdown::REPORT_HEADING);
    let _ = writeln!(out, "{}\n", report.summary());
    let super::model::Sections { discrepancies, agreements, accepted, singles } = report.sections();
    out.push_str("## Summary\n\n");
    if discrepancies.is_empty() {
        out.push_str("No discrepancies: no two sources differ on a figure.\n\n");
    } else {
        out.push_str("| fact | verdict | what the sources say |\n| --- | --- | --- |\n");
        for g in &discrepancies {
            let _ = writeln!(out, "| {} | {} | {} |", Cell(&view.heading(g)), view.verdict(g), view.figures(g));
            flush_full(&mut out, to)?;
        }
        out.push('\n');
    }
    view.section(&mut out, to, "Discrepancies", &discrepancies, None)?;
    view.section(&mut out, to, "Agreements", &agreements, Some("No figure is stated alike by two sources."))?;
    if !accepted.is_empty() {
        view.section(&mut out, to, "Accepted", &accepted, None)?;
    }
    match options.singles {
        Singles::Full => view.section(
            &mut out,
            to,
            "Single-source claims",
            &singles,
            Some("Every claim is stated by two or more sources."),
        )?,
        Singles::Table if !singles.is_empty() => view.singles_table(&mut out, to, &singles)?,
        Singles::Table | Singles::None => {}
    }
    out.push_str("## Sources\n\n| source | outlet | published | claims found |\n| --- | --- | --- | ---: |\n");
    for s in &report.sources {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            Cell(&s.id),
            Cell(s.outlet.as_deref().unwrap_or("")),
            Cell(s.published.as_deref().unwrap_or("")),
            s.claims
        );
        flush_full(&mut out, to)?;
    }
    if !report.skipped.is_empty() {
        out.push_str("\n## Skipped\n\nNot read, so not checked:\n\n| path | why |\n| --- | --- |\n");
        for s in &report.skipped {
            let _ = writeln!(out, "| {} | {} |", Cell(&s.path), Cell(&s.reason));
            flush_full(&mut out, to)?;
        }
    }
    to.write_all(out.as_bytes())
}

/// How much text is gathered before it is handed on.
const WRITE_AT: usize = 1 << 16;

/// Hands the text on once there is enough of it.
fn flush_full(out: &mut String, to: &mut dyn std::io::Write) -> std::io::Result<()> {
    if out.len() >= WRITE_AT {
        to.write_all(out.as_bytes())?;
        out.clear();
    }
    Ok(())
}

/// How many runs of groups are written in parallel before they are handed on.
const PARTS_PER_WINDOW: usize = 16;

/// How many groups one task of the parallel writing writes.
const GROUPS_PER_PART: usize = 256;

/// The most characters of a sentence shown on each side of a figure.
const CONTEXT_CHARS: usize = 60;

/// The most characters of a figure shown in the summary table.
const SUMMARY_FIGURE_CHARS: usize = 48;

/// Whether a group is one of several facts of its subject and measure
/// (its id carries a suffix that tells it from the others).
fn is_one_of_several(g: &Group) -> bool {
    g.id.matches('/').count() >= 2
}

/// What the report knows of its sources, for writing claims.
struct View<'a> {
    /// Each source's label (its outlet where known and unique, else its id),
    /// published date and link target.
    sources: HashMap<&'a str, Shown<'a>>,
    /// How many of the facts that share a subject and measure hold at each date.
    dated: HashMap<(&'a str, &'a str, Option<&'a str>), usize>,
}

struct Shown<'a> {
    label: String,
    published: &'a str,
    /// The source's path as a link target, `None` for standard input.
    link: Option<String>,
}

impl<'a> View<'a> {
    fn new(report: &'a super::Report, options: &MarkdownOptions) -> View<'a> {
        let mut labels = super::model::source_labels(&report.sources);
        let sources = report
            .sources
            .iter()
            .map(|s| {
                let link = (s.path != "-").then(|| link_target(&s.path, options.link_base.as_deref()));
                let label = labels.remove(s.id.as_str()).unwrap_or_else(|| s.id.clone());
                (s.id.as_str(), Shown { label, published: s.published.as_deref().unwrap_or(""), link })
            })
            .collect();
        // Facts that share a subject and measure, counted by the date they
        // hold at: a date names a fact only when no sibling shares it.
        let mut dated: HashMap<(&'a str, &'a str, Option<&'a str>), usize> = HashMap::default();
        for g in report.groups.iter().filter(|g| is_one_of_several(g)) {
            let date = g.claims.first().and_then(|c| c.as_of.as_deref());
            *dated.entry((g.subject.as_str(), g.measure.as_str(), date)).or_insert(0) += 1;
        }
        View { sources, dated }
    }

    fn label<'b>(&'b self, id: &'b str) -> &'b str {
        self.sources.get(id).map_or(id, |s| s.label.as_str())
    }

    /// A claim's line, as a link to it where the source is a file.
    fn line(&self, c: &Claim) -> String {
        match self.sources.get(&*c.source).and_then(|s| s.link.as_deref()) {
            Some(link) => format!("[{}]({link}#L{})", c.line, c.line),
            None => c.line.to_string(),
        }
    }

    /// "Hikvision — market value", and what tells apart two facts of one
    /// subject and measure.
    fn heading(&self, g: &Group) -> String {
        // One of several facts of this subject and measure (its id has a
        // suffix): named by when it holds where no sibling holds then,
        // else by its first figure ("death toll · “10 American tourists”").
        let Some(c) = g.claims.first().filter(|_| is_one_of_several(g)) else { return super::model::fact_heading(g) };
        let date = c.as_of.as_deref();
        let shared = self.dated.get(&(g.subject.as_str(), g.measure.as_str(), date)).is_some_and(|&n| n > 1);
        match date {
            Some(_) if !shared => self.row_heading(g),
            _ => format!("{} · “{}”", super::model::fact_heading(g), shortened(c.text.trim(), SUMMARY_FIGURE_CHARS)),
        }
    }

    /// A heading for a row of the single-source table, whose next cell
    /// gives the figure: one of several facts is named by its date alone.
    fn row_heading(&self, g: &Group) -> String {
        let heading = super::model::fact_heading(g);
        match g.claims.first().filter(|_| is_one_of_several(g)).and_then(|c| c.as_of.as_deref()) {
            Some(date) => format!("{heading} · as of {date}"),
            None => heading,
        }
    }

    fn verdict(&self, g: &Group) -> String {
        match g.new {
            Some(true) => format!("{} (new)", g.verdict.name()),
            _ => g.verdict.name().to_string(),
        }
    }

    /// Each source's figures in a few words: "Bloomberg: more than $37 billion · ...".
    fn figures(&self, g: &Group) -> String {
        let mut said: Vec<(&str, Vec<&str>)> = Vec::new();
        for c in &g.claims {
            let text = c.text.trim();
            match said.iter_mut().find(|(s, _)| *s == &*c.source) {
                Some((_, texts)) if !texts.contains(&text) => texts.push(text),
                Some(_) => {}
                None => said.push((&c.source, vec![text])),
            }
        }
        said.iter()
            .map(|(source, texts)| {
                let texts: Vec<String> =
                    texts.iter().map(|t| Cell(&shortened(t, SUMMARY_FIGURE_CHARS)).to_string()).collect();
                format!("{}: {}", Cell(self.label(source)), texts.join("; "))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// A section of groups in detail, written in parallel a run at a time
    /// and handed on a window of runs at a time.
    fn section(
        &self,
        out: &mut String,
        to: &mut dyn std::io::Write,
        title: &str,
        groups: &[&Group],
        empty: Option<&str>,
    ) -> std::io::Result<()> {
        if groups.is_empty() && empty.is_none() {
            return Ok(());
        }
        let _ = writeln!(out, "## {title}\n");
        if let (true, Some(empty)) = (groups.is_empty(), empty) {
            let _ = writeln!(out, "{empty}\n");
        }
        for window in groups.chunks(GROUPS_PER_PART * PARTS_PER_WINDOW) {
            let written: Vec<String> = window
                .par_chunks(GROUPS_PER_PART)
                .map(|run| {
                    let mut part = String::new();
                    for g in run {
                        self.group(&mut part, g);
                    }
                    part
                })
                .collect();
            to.write_all(out.as_bytes())?;
            out.clear();
            for w in written {
                to.write_all(w.as_bytes())?;
            }
        }
        Ok(())
    }

    /// One group's heading, verdict and table of claims in their sentences.
    fn group(&self, out: &mut String, g: &Group) {
        let _ = writeln!(out, "### {}\n", Cell(&self.heading(g)));
        let _ = writeln!(out, "**{}** · {} · id `{}`\n", self.verdict(g), Cell(&g.explanation), g.id.replace('`', "'"));
        if let Some(reason) = &g.accepted {
            let _ = writeln!(out, "Accepted: {}\n", Cell(reason));
        }
        out.push_str(
            "| source | what it says | line | published | attributed to |\n| --- | --- | ---: | --- | --- |\n",
        );
        for c in &g.claims {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                Cell(self.label(&c.source)),
                in_context(c),
                self.line(c),
                Cell(self.sources.get(&*c.source).map_or("", |s| s.published)),
                Cell(c.attributed_to.as_deref().unwrap_or(""))
            );
        }
        out.push('\n');
    }

    /// Single-source claims as one table, a row each.
    fn singles_table(&self, out: &mut String, to: &mut dyn std::io::Write, singles: &[&Group]) -> std::io::Result<()> {
        out.push_str("## Single-source claims\n\n");
        out.push_str(
            "| fact | figure (exact words) | source | line | attributed to |\n| --- | --- | --- | --- | --- |\n",
        );
        for g in singles {
            let Some(first) = g.claims.first() else { continue };
            let mut texts: Vec<&str> = Vec::new();
            for c in &g.claims {
                if !texts.contains(&c.text.trim()) {
                    texts.push(c.text.trim());
                }
            }
            let lines: Vec<String> = g.claims.iter().map(|c| self.line(c)).collect();
            let attributed: Vec<&str> = g.claims.iter().filter_map(|c| c.attributed_to.as_deref()).collect();
            let texts: Vec<String> = texts.iter().map(|t| Cell(t).to_string()).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                Cell(&self.row_heading(g)),
                texts.join("; "),
                Cell(self.label(&first.source)),
                lines.join(", "),
                Cell(attributed.first().copied().unwrap_or(""))
            );
            flush_full(out, to)?;
        }
        out.push('\n');
        Ok(())
    }
}

/// A claim in its sentence, shortened around it, the claim's words in bold.
fn in_context(c: &Claim) -> String {
    let sentence: &str = &c.sentence;
    let text = c.text.trim();
    let Some(at) = sentence.find(text).filter(|_| !text.is_empty()) else {
        return format!("**{}**", Cell(text));
    };
    let before = &sentence[..at];
    let after = &sentence[at + text.len()..];
    let before = tail_words(before, CONTEXT_CHARS);
    let after = head_words(after, CONTEXT_CHARS);
    format!("{}**{}**{}", Cell(&before), Cell(text), Cell(&after))
}

/// The end of `s`, at most `max` characters, cut at a word, "…" where cut.
fn tail_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.trim_start().to_string();
    }
    let start = s.char_indices().rev().nth(max - 1).map_or(0, |(i, _)| i);
    // Cut where a word starts: at `start` when one does, else after the next space.
    let cut = if s[..start].ends_with(' ') { start } else { s[start..].find(' ').map_or(start, |k| start + k + 1) };
    format!("…{}", &s[cut..])
}

/// The start of `s`, at most `max` characters, cut at a word, "…" where cut.
fn head_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.trim_end().to_string();
    }
    let end = s.char_indices().nth(max).map_or(s.len(), |(i, _)| i);
    let cut = s[..end].rfind(' ').unwrap_or(end);
    format!("{}…", &s[..cut])
}

/// `s` at most `max` characters, cut at a word with "…".
pub(super) fn shortened(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        head_words(s, max)
    }
}

/// A source path as a link from the folder `base` (the current folder when
/// `None`): relative when both are, with `/` separators and the characters
/// a Markdown link target cannot hold escaped.
fn link_target(path: &str, base: Option<&Path>) -> String {
    let path = Path::new(path);
    let relative = match base {
        Some(base) if path.is_relative() && base.is_relative() => relative_to(path, base),
        // One of them absolute: both are made so, from the current folder.
        Some(base) => match std::env::current_dir() {
            Ok(cwd) => {
                let (path, base) = (crate::source::lexical(&cwd.join(path)), crate::source::lexical(&cwd.join(base)));
                // Sharing no folder but the root, the path is given whole.
                let shared = path.components().zip(base.components()).take_while(|(a, b)| a == b).count();
                if shared > 1 {
                    relative_to(&path, &base)
                } else {
                    path
                }
            }
            Err(_) => path.to_path_buf(),
        },
        None => path.to_path_buf(),
    };
    let joined: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let mut out = String::new();
    for (i, part) in joined.iter().enumerate() {
        if i > 0 && !(i == 1 && joined[0] == "/") {
            out.push('/');
        }
        for ch in part.chars() {
            match ch {
                ' ' => out.push_str("%20"),
                '(' => out.push_str("%28"),
                ')' => out.push_str("%29"),
                '<' => out.push_str("%3C"),
                '>' => out.push_str("%3E"),
                '#' => out.push_str("%23"),
                '[' => out.push_str("%5B"),
                ']' => out.push_str("%5D"),
                '|' => out.push_str("%7C"),
                c => out.push(c),
            }
        }
    }
    out
}

/// `path` as seen from the folder `base`, both relative to one folder.
fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let path: Vec<Component<'_>> = path.components().filter(|c| *c != Component::CurDir).collect();
    let base: Vec<Component<'_>> = base.components().filter(|c| *c != Component::CurDir).collect();
    let shared = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in shared..base.len() {
        out.push("..");
    }
    for c in &path[shared..] {
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_where_the_report_is() {
        assert_eq!(link_target("seeds/a b.txt", None), "seeds/a%20b.txt");
        assert_eq!(link_target("story/wire.txt", Some(Path::new("story"))), "wire.txt");
        assert_eq!(link_target("./story/wire.txt", Some(Path::new("out"))), "../story/wire.txt");
        assert_eq!(link_target("/abs/w (1).txt", None), "/abs/w%20%281%29.txt");
        assert_eq!(link_target("/abs/story/w.txt", Some(Path::new("/abs/out"))), "../story/w.txt");
        assert_eq!(link_target("/work/story/w.txt", Some(Path::new("/tmp/out"))), "/work/story/w.txt");
    }

    #[test]
    fn context_is_cut_at_words_around_the_figure() {
        assert_eq!(tail_words("one two three", 40), "one two three");
        assert_eq!(tail_words("alpha beta gamma delta", 11), "…gamma delta");
        assert_eq!(head_words("alpha beta gamma delta", 11), "alpha beta…");
        assert_eq!(shortened("short", 10), "short");
    }
}
