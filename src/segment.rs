//! Sentence segmentation for news copy.
//!
//! A line break always ends a sentence: news prints paragraphs, headlines,
//! captions and bullets one per line, and a line without a final stop is
//! still a sentence. Within a line, a sentence ends after `.`, `!` or `?`
//! (and any closing quotes or brackets) when whitespace and then a capital
//! letter, a digit or an opening quote follow, unless the word ending in the
//! period is an abbreviation from the rules (`U.S.`, `Co.`, `Aug.`) or an
//! initial (`J. Smith`).

use rustc_hash::FxHashSet as HashSet;

/// A sentence: byte offsets into the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the sentence's first character.
    pub start: usize,
    /// Byte offset just after the sentence's last character.
    pub end: usize,
}

/// What the segmenter needs to know: words ending in a period that do not end a sentence.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentRules {
    /// Words ending in a period that do not end a sentence, matched case-sensitively ("U.S.", "Co.").
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Texts and the sentences they split into, checked by the tests.
    #[serde(default)]
    pub examples: Vec<SegmentExample>,
}

/// A text and the sentences it must split into.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentExample {
    /// The text to split.
    pub text: String,
    /// The sentences expected, in order, as strings.
    pub sentences: Vec<String>,
}

/// A segmenter built once from the rules.
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    /// Abbreviations, each ending in a period.
    abbreviations: HashSet<String>,
}

/// Characters that end a sentence.
const STOPS: [char; 3] = ['.', '!', '?'];
const _: () = assert!(STOPS[0].is_ascii() && STOPS[1].is_ascii() && STOPS[2].is_ascii());
/// Characters that may follow a stop and still belong to its sentence.
const CLOSERS: [char; 6] = ['”', '"', '’', '\'', ')', ']'];
/// Opening quotes a new sentence may start with.
const OPENERS: [char; 4] = ['“', '"', '‘', '\''];
/// Characters before a word that are not part of it when matching abbreviations.
const WORD_OPENERS: [char; 6] = ['(', '[', '“', '"', '‘', '\''];
/// Characters that mark a bullet at the start of a line.
const BULLETS: [char; 3] = ['•', '-', '*'];

impl Segmenter {
    /// A segmenter for the given rules. An abbreviation written without its
    /// final period gets one.
    pub fn new(rules: &SegmentRules) -> Self {
        let abbreviations = rules
            .abbreviations
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .map(|a| if a.ends_with('.') { a.to_string() } else { format!("{a}.") })
            .collect();
        Segmenter { abbreviations }
    }

    /// The sentences of a text, in order, each trimmed of whitespace and
    /// leading bullets.
    pub fn split(&self, text: &str) -> Vec<Sentence> {
        // Room for a sentence every 96 bytes (news sentences are longer), up
        // to a bound: a huge text without stops takes no room it never fills.
        let mut sentences = Vec::with_capacity((text.len() / 96 + 1).min(4096));
        let mut start = 0;
        for line in text.split('\n') {
            self.split_line(text, start, start + line.len(), &mut sentences);
            start += line.len() + 1;
        }
        sentences
    }

    /// Splits the line `text[start..end]` into sentences.
    fn split_line(&self, text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
        let line = text.get(start..end).unwrap_or("");
        let body = skip_bullets(line);
        let mut from = line.len() - body.len();
        for cut in self.sentence_ends(line, from) {
            push_trimmed(text, start + from, start + cut.end, out);
            from = cut.next;
        }
        push_trimmed(text, start + from, end, out);
    }

    /// Where sentences end within a line, looking from byte `from` on.
    fn sentence_ends(&self, line: &str, from: usize) -> Vec<Cut> {
        let mut cuts = Vec::new();
        let mut i = from;
        // The stops are ASCII: a byte search finds them on character boundaries.
        let [a, b, c] = STOPS.map(|c| c as u8);
        while let Some(k) = line.as_bytes().get(i..).and_then(|rest| memchr::memchr3(a, b, c, rest)) {
            let at = i + k;
            let stops_end = at + span_of(&line[at..], |c| STOPS.contains(&c));
            if let Some(cut) = self.cut_after(line, at, stops_end) {
                cuts.push(cut);
            }
            i = stops_end;
        }
        cuts
    }

    /// The sentence end after the stops `line[stops..stops_end]`, if they end one.
    fn cut_after(&self, line: &str, stops: usize, stops_end: usize) -> Option<Cut> {
        let rest = &line[stops_end..];
        let end = stops_end + span_of(rest, |c| CLOSERS.contains(&c));
        let space = span_of(&line[end..], char::is_whitespace);
        let next_start = end + space;
        let next = line[next_start..].chars().next()?;
        let starts_sentence = next.is_uppercase() || next.is_ascii_digit() || OPENERS.contains(&next);
        if space == 0 || !starts_sentence {
            return None;
        }
        let single_period = &line[stops..stops_end] == ".";
        if single_period && self.is_abbreviation(word_before(line, stops_end)) {
            return None;
        }
        Some(Cut { end, next: next_start })
    }

    /// Whether a word ending in a period does not end a sentence.
    fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word) || is_initials(word)
    }
}

/// The end of one sentence and the start of the next, as byte offsets in a line.
struct Cut {
    end: usize,
    next: usize,
}

/// Adds the sentence `text[start..end]` trimmed of whitespace, unless it is empty.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let Some(span) = text.get(start..end) else { return };
    let trimmed_start = span.trim_start();
    let trimmed = trimmed_start.trim_end();
    if trimmed.is_empty() {
        return;
    }
    let mut start = start + (span.len() - trimmed_start.len());
    let end = start + trimmed.len();
    // A run-on "sentence" (a table dumped as one line, a 50 MB line) is cut
    // at spaces into pieces of bounded length, so work per sentence stays bounded.
    while end - start > MAX_SENTENCE {
        let limit = floor_boundary(text, start + MAX_SENTENCE);
        let cut = text[start..limit].rfind(char::is_whitespace).filter(|&k| k > 0).map_or(limit, |k| start + k);
        if cut <= start {
            break;
        }
        out.push(Sentence { start, end: cut });
        start = cut + text[cut..end].len() - text[cut..end].trim_start().len();
    }
    if start < end {
        out.push(Sentence { start, end });
    }
}

/// The longest sentence read as one, in bytes.
pub const MAX_SENTENCE: usize = 4096;

/// The nearest char boundary at or before `byte` (the end, past the end).
pub(crate) fn floor_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// The line after leading whitespace and bullets. `-` and `*` are bullets
/// only when whitespace follows them, so "-5%" keeps its sign.
fn skip_bullets(line: &str) -> &str {
    let mut rest = line.trim_start();
    loop {
        let mut chars = rest.chars();
        let bullet = match chars.next() {
            Some('•') => true,
            Some(c) if BULLETS.contains(&c) => chars.next().is_none_or(char::is_whitespace),
            _ => false,
        };
        if !bullet {
            return rest;
        }
        rest = chars.as_str().trim_start();
    }
}

/// The length in bytes of the longest prefix of `s` whose characters all match.
fn span_of(s: &str, matches: impl Fn(char) -> bool) -> usize {
    s.find(|c| !matches(c)).unwrap_or(s.len())
}

/// The word ending at byte `end` of a line, without opening quotes or brackets.
fn word_before(line: &str, end: usize) -> &str {
    let head = &line[..end];
    let word = head.rsplit(char::is_whitespace).next().unwrap_or(head);
    word.trim_start_matches(WORD_OPENERS)
}

/// Whether a word is one or more capital-letter initials: `J.`, `J.R.`.
fn is_initials(word: &str) -> bool {
    let mut chars = word.chars();
    let mut count = 0;
    while let Some(c) = chars.next() {
        if !c.is_uppercase() || chars.next() != Some('.') {
            return false;
        }
        count += 1;
    }
    count > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> SegmentRules {
        serde_yaml::from_str(include_str!("../rules/segment.yaml")).unwrap_or_else(|e| panic!("segment.yaml: {e}"))
    }

    #[test]
    fn a_run_on_line_is_cut_into_bounded_sentences() {
        let text = "word ".repeat(5000) + "é".repeat(3000).as_str();
        let pieces = builtin().split(&text);
        assert!(pieces.len() > 3);
        for p in &pieces {
            assert!(p.end - p.start <= MAX_SENTENCE && !text[p.start..p.end].starts_with(' '), "{p:?}");
        }
        assert_eq!(pieces.last().unwrap().end, text.len());
    }

    fn split<'a>(segmenter: &Segmenter, text: &'a str) -> Vec<&'a str> {
        segmenter.split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    fn builtin() -> Segmenter {
        Segmenter::new(&rules())
    }

    #[test]
    fn every_example_in_segment_yaml_splits_as_written() {
        let rules = rules();
        assert!(!rules.examples.is_empty());
        let segmenter = Segmenter::new(&rules);
        for e in &rules.examples {
            assert_eq!(split(&segmenter, &e.text), e.sentences, "text: {:?}", e.text);
        }
    }

    #[test]
    fn splits_after_stops_before_capitals_digits_and_quotes() {
        let s = Segmenter::default();
        assert_eq!(split(&s, "It fell. Then it rose."), ["It fell.", "Then it rose."]);
        assert_eq!(split(&s, "Why? 28 firms! “We disagree.”"), ["Why?", "28 firms!", "“We disagree.”"]);
        assert_eq!(split(&s, "He said “no.” Then he left."), ["He said “no.”", "Then he left."]);
        assert_eq!(split(&s, "It fell (by 5%.) The end."), ["It fell (by 5%.)", "The end."]);
        assert_eq!(split(&s, "it fell. then it rose."), ["it fell. then it rose."]);
        assert_eq!(split(&s, "Wait... What?!  Yes."), ["Wait...", "What?!", "Yes."]);
    }

    #[test]
    fn line_breaks_end_sentences_and_blank_lines_yield_nothing() {
        let s = Segmenter::default();
        let text = "Headline without stop\r\n\n   \n  Body one. Body two.\n";
        assert_eq!(split(&s, text), ["Headline without stop", "Body one.", "Body two."]);
        assert!(s.split("").is_empty());
        assert!(s.split(" \n\t\n").is_empty());
    }

    #[test]
    fn bullets_are_not_part_of_the_sentence() {
        let s = Segmenter::default();
        assert_eq!(
            split(&s, "• First point.\n- Second\n * Third\n•Fourth"),
            ["First point.", "Second", "Third", "Fourth"]
        );
        assert_eq!(split(&s, "-5% on the day"), ["-5% on the day"]);
        assert!(s.split("•\n - \n*").is_empty());
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let s = builtin();
        assert_eq!(
            split(&s, "The U.S. Commerce Department acted. It said no."),
            ["The U.S. Commerce Department acted.", "It said no."]
        );
        assert_eq!(split(&s, "Ranked No. 1 in China."), ["Ranked No. 1 in China."]);
        assert_eq!(
            split(&s, "Mr. Smith met J. R. Jones and J.R. Ewing."),
            ["Mr. Smith met J. R. Jones and J.R. Ewing."]
        );
        assert_eq!(split(&s, "Shares of (Hikvision Co. Ltd.) fell."), ["Shares of (Hikvision Co. Ltd.) fell."]);
        // Case-sensitive: "no." is a word, not "No.".
        assert_eq!(split(&s, "He said no. 5 firms agreed."), ["He said no.", "5 firms agreed."]);
    }

    #[test]
    fn abbreviations_without_a_period_get_one() {
        let s = Segmenter::new(&SegmentRules { abbreviations: vec!["Gov".into(), " ".into()], examples: vec![] });
        assert_eq!(split(&s, "Gov. Newsom spoke."), ["Gov. Newsom spoke."]);
    }

    #[test]
    fn spans_are_char_boundaries_in_any_text() {
        let s = builtin();
        for text in ["浙江。 “Ａ.” ‘b’! Ü. É", "\u{FEFF}. .", "?", "“", ". \u{A0}X", "a.\u{2003}Ü"] {
            for sentence in s.split(text) {
                assert!(text.get(sentence.start..sentence.end).is_some_and(|t| !t.is_empty()), "{text:?}");
            }
        }
    }

    /// Stops as the segmenter found them before the byte search: character by character.
    fn ends_char_by_char(s: &Segmenter, line: &str, from: usize) -> Vec<(usize, usize)> {
        let mut cuts = Vec::new();
        let mut i = from;
        while let Some(c) = line.get(i..).and_then(|rest| rest.chars().next()) {
            if !STOPS.contains(&c) {
                i += c.len_utf8();
                continue;
            }
            let stops_end = i + span_of(&line[i..], |c| STOPS.contains(&c));
            cuts.extend(s.cut_after(line, i, stops_end).map(|c| (c.end, c.next)));
            i = stops_end;
        }
        cuts
    }

    proptest::proptest! {
        #[test]
        fn stops_found_by_byte_search_are_those_found_char_by_char(
            line in "([A-Za-z .!?”’\"')\u{A0}É浙]|Mr\\.|U\\.S\\.|\\.\\.\\.)*"
        ) {
            let s = builtin();
            let found: Vec<(usize, usize)> = s.sentence_ends(&line, 0).iter().map(|c| (c.end, c.next)).collect();
            proptest::prop_assert_eq!(found, ends_char_by_char(&s, &line, 0));
        }
    }
}
