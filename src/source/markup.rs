//! The prose of a marked-up source: what a reader of the rendered page
//! reads, laid over the file so that every byte keeps its place.
//!
//! Markdown is parsed with pulldown-cmark (CommonMark), HTML tokenized with
//! html5gum (WHATWG). Markup (blockquote and list markers, emphasis, link
//! targets, tags, code, scripts, styles, navigation) becomes spaces; line
//! breaks stay where they are, so a claim's line and column found in the
//! prose are its line and column in the file. Where a reference decodes to
//! fewer bytes than it was written with (`&amp;`, `\$`), the text after it
//! on the same line moves up by the difference and the line is padded at
//! its end: words are never split, and columns later on that line are off
//! by at most what the references saved.

use std::ops::Range;

pub use super::format::Format;

/// The prose of `raw` from byte `from` on (what comes before, such as front
/// matter, is blanked), as long as `raw` and with its line breaks in place;
/// `None` for plain text, which is its own prose.
pub fn prose(format: Format, raw: &str, from: usize) -> Option<String> {
    match format {
        Format::Plain => None,
        Format::Markdown => Some(markdown(raw, from.min(raw.len()))),
        Format::Html => Some(html(raw)),
    }
}

/// A prose view being laid over a file's bytes.
struct Overlay<'a> {
    raw: &'a str,
    /// Spaces, with the raw line endings; prose is written over them.
    out: Vec<u8>,
    /// The first byte of `out` not written yet.
    next: usize,
    /// Where the last piece written ended in `raw`: a piece that starts
    /// there follows it with no markup between.
    last_end: usize,
}

impl<'a> Overlay<'a> {
    fn new(raw: &'a str) -> Overlay<'a> {
        let out = raw.bytes().map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' }).collect();
        Overlay { raw, out, next: 0, last_end: usize::MAX }
    }

    /// Writes `text`, what the bytes `range` of the file read as. Pieces
    /// come in file order; one that overlaps what is written is dropped.
    fn put(&mut self, range: Range<usize>, text: &str) {
        if range.start < self.next.min(self.last_end) || range.end > self.raw.len() || range.start > range.end {
            return;
        }
        let follows = range.start == self.last_end;
        let mut at = if follows { self.next } else { range.start };
        let mut newlines = memchr::memchr_iter(b'\n', &self.raw.as_bytes()[range.clone()]).map(|i| range.start + i);
        let mut line_end = newlines.next();
        for (i, segment) in text.split('\n').enumerate() {
            if i > 0 {
                // A line break of the text is the next one of the file.
                let Some(nl) = line_end else { break };
                at = nl + 1;
                line_end = newlines.next();
            }
            let segment = segment.trim_end_matches('\r');
            let mut limit = line_end.unwrap_or(range.end);
            if limit > at && self.raw.as_bytes()[limit - 1] == b'\r' && line_end.is_some() {
                limit -= 1;
            }
            if at + segment.len() <= limit {
                self.out[at..at + segment.len()].copy_from_slice(segment.as_bytes());
                at += segment.len();
            }
        }
        self.next = at.max(self.next);
        self.last_end = range.end;
    }

    /// Ends a block at byte `at` (a tag's first byte): a line break there
    /// when nothing is written on it, so that a sentence never runs from one
    /// block into the next.
    fn block_break(&mut self, at: usize) {
        if at >= self.next && self.out.get(at) == Some(&b' ') {
            self.out[at] = b'\n';
            self.next = at + 1;
        }
        self.last_end = usize::MAX;
    }

    fn finish(self) -> String {
        // Only whole characters were written over ASCII bytes.
        String::from_utf8(self.out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// The prose of a Markdown text from byte `from` on.
fn markdown(raw: &str, from: usize) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut overlay = Overlay::new(raw);
    let body = &raw[crate::segment::floor_boundary(raw, from)..];
    let from = raw.len() - body.len();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    // Text inside these is not prose: code, images' alternative text, raw HTML.
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + from..range.end + from;
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_)) => hidden += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                hidden = hidden.saturating_sub(1)
            }
            Event::Text(text) if hidden == 0 => overlay.put(range, &text),
            Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) => overlay.block_break(range.end),
            _ => {}
        }
    }
    overlay.finish()
}

/// HTML elements whose text is not the article's: scripts, styles, the
/// page's head, navigation and other page furniture, forms.
const HIDDEN_ELEMENTS: [&str; 17] = [
    "head", "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "object", "canvas",
];

/// HTML elements that start or end a block: a sentence never runs across them.
const BLOCK_ELEMENTS: [&str; 30] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "table",
    "blockquote",
    "section",
    "article",
    "main",
    "pre",
    "hr",
    "figure",
    "figcaption",
    "caption",
    "title",
    "address",
];

/// The prose of an HTML page.
fn html(raw: &str) -> String {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    let mut overlay = Overlay::new(raw);
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Scripts and styles are raw text, never read as markup.
    emitter.naively_switch_states(true);
    // The hidden elements open around the text read now, innermost last.
    let mut hidden: Vec<Vec<u8>> = Vec::new();
    for token in Tokenizer::new_with_emitter(raw, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.as_slice();
                if name == b"body" {
                    hidden.clear();
                } else if is_one_of(name, &HIDDEN_ELEMENTS) && !tag.self_closing {
                    hidden.push(name.to_vec());
                }
                if is_one_of(name, &BLOCK_ELEMENTS) {
                    overlay.block_break(tag.span.start);
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.as_slice();
                if let Some(open) = hidden.iter().rposition(|h| h.as_slice() == name) {
                    hidden.truncate(open);
                }
                if is_one_of(name, &BLOCK_ELEMENTS) {
                    overlay.block_break(tag.span.start);
                }
            }
            Token::String(text) if hidden.is_empty() => {
                let decoded = String::from_utf8_lossy(text.value.as_slice());
                // A no-break space is a space to a reader.
                let decoded = decoded.replace('\u{a0}', " ");
                overlay.put(text.span.start..text.span.end, &decoded);
            }
            _ => {}
        }
    }
    overlay.finish()
}

fn is_one_of(name: &[u8], names: &[&str]) -> bool {
    names.iter().any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(raw: &str) -> String {
        let out = prose(Format::Markdown, raw, 0).unwrap();
        assert_eq!(out.len(), raw.len(), "same length: {raw:?}");
        assert_eq!(newlines(&out), newlines(raw), "line breaks in place: {raw:?}");
        out
    }

    fn page(raw: &str) -> String {
        let out = prose(Format::Html, raw, 0).unwrap();
        assert_eq!(out.len(), raw.len(), "same length: {raw:?}");
        assert!(newlines(raw).iter().all(|i| out.as_bytes()[*i] == b'\n'), "line breaks in place: {raw:?}");
        out
    }

    fn newlines(s: &str) -> Vec<usize> {
        s.match_indices('\n').map(|(i, _)| i).collect()
    }

    fn words(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn plain_text_is_its_own_prose() {
        assert!(prose(Format::Plain, "x", 0).is_none());
    }

    #[test]
    fn blockquote_and_list_markers_are_not_prose() {
        let out = md("> 5 workers died\n\n- 12 people were hurt\n");
        assert_eq!(out, "  5 workers died\n\n  12 people were hurt\n");
    }

    #[test]
    fn emphasis_links_and_code_keep_their_words_in_place() {
        let raw = "**12** were freed, [Reuters](https://x.test/2017/10/02) said; `rm 5` ran.\n";
        let out = md(raw);
        assert_eq!(&out[2..4], "12");
        assert_eq!(words(&out), "12 were freed, Reuters said; ran.");
        let code = md("Before\n\n```\n99 bottles\n```\nAfter\n");
        assert!(!code.contains("99"));
    }

    #[test]
    fn headings_and_images_read_as_a_reader_sees_them() {
        let out = md("# 3 dead in fire\n\n![2 firemen](photo.jpg)\nText\n");
        assert_eq!(words(&out), "3 dead in fire Text");
        assert_eq!(out.find("3 dead"), Some(2));
    }

    #[test]
    fn escapes_and_references_move_the_rest_of_their_line_up() {
        let out = md("Costs rose to \\$5 million at AT&amp;T.\nNext line 7.\n");
        assert_eq!(words(&out), "Costs rose to $5 million at AT&T. Next line 7.");
        assert_eq!(out.lines().nth(1), Some("Next line 7."));
    }

    #[test]
    fn front_matter_is_left_out() {
        let raw = "---\noutlet: X\n---\nBody 4.\n";
        let out = prose(Format::Markdown, raw, 16).unwrap();
        assert_eq!(out, "   \n         \n   \nBody 4.\n");
    }

    #[test]
    fn html_text_is_read_without_tags_scripts_or_navigation() {
        let raw = "<html><head><title>T 1</title><style>p{margin:9px}</style></head>\n<body><nav>Home 2</nav>\n<p>Three workers &amp; 2&nbsp;guards died.</p><script>var x = 5;</script>\n</body></html>\n";
        let out = page(raw);
        assert_eq!(words(&out), "Three workers & 2 guards died.");
        assert_eq!(out.find("Three workers"), raw.find("Three workers"));
    }

    #[test]
    fn html_blocks_end_sentences() {
        let out = page("<h1>Plane crash kills 12</h1><p>Ten were tourists.</p>");
        let lines: Vec<&str> = out.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["Plane crash kills 12", "Ten were tourists."]);
    }

    #[test]
    fn html_text_keeps_its_lines_across_crlf_and_references() {
        let raw = "<p>One &eacute;lan\r\nof 5 &amp; 6</p>\r\n<p>Line 3</p>";
        let out = page(raw);
        assert!(newlines(raw).iter().all(|i| out.as_bytes()[*i] == b'\n'), "{out:?}");
        assert_eq!(out.find("of 5 & 6"), raw.find("of 5 &amp; 6"));
        assert_eq!(out.find("Line 3"), raw.find("Line 3"));
    }

    proptest::proptest! {
        /// Any text, read as Markdown or HTML, gives a prose view as long as
        /// it, with every line break of the file in place.
        #[test]
        fn prose_keeps_length_and_line_breaks(raw in "([<>/&;#*`\\[\\]()!=\"'a-z0-9 \r\n-]|&amp;|&#x41;|<p>|</p>|<script>|```|é|\u{3000}){0,80}") {
            for format in [Format::Markdown, Format::Html] {
                let out = prose(format, &raw, 0).unwrap();
                proptest::prop_assert_eq!(out.len(), raw.len());
                for i in newlines(&raw) {
                    proptest::prop_assert_eq!(out.as_bytes()[i], b'\n');
                }
            }
        }
    }

    #[test]
    fn broken_markup_never_panics() {
        for raw in ["<p", "</", "<script>", "&#xFFFFFFFF;", "<a href='", "**", "[x](", "```", "\r", "é<b>é</b>é"] {
            page(raw);
            md(raw);
        }
    }
}
