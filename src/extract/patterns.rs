//! What the news stages share to read text: regexes with ASCII word
//! boundaries, word alternations, and the words before a place.

use regex::Regex;

/// A news stage's regex, with every `\b` an ASCII word boundary: the lazy
/// DFA cannot look at Unicode word boundaries in non-ASCII text and would
/// hand the search to a slower engine.
pub(crate) fn news_regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&crate::rules::ascii_boundaries(pattern))
}

/// A regex alternation of `words`, longest first, each escaped.
pub(crate) fn alternation<'a>(words: impl IntoIterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.into_iter().filter(|w| !w.trim().is_empty()).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    if words.is_empty() {
        return "[^\\s\\S]".into();
    }
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// The last `n` words before `at`, lower-cased, punctuation trimmed; none past a sentence stop or comma.
pub(crate) fn words_before(text: &str, at: usize, n: usize) -> Vec<String> {
    let before = &text[..at];
    let cut = after_last(before, &[',', ';', '.', ':', '(', '"', '“', '”']);
    let mut words: Vec<String> = before[cut..]
        .split_whitespace()
        .rev()
        .take(n)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').to_lowercase())
        .collect();
    words.reverse();
    words
}

/// The byte just past the last of `stops` in `text`, or 0.
pub(crate) fn after_last(text: &str, stops: &[char]) -> usize {
    text.char_indices().rev().find(|(_, c)| stops.contains(c)).map_or(0, |(k, c)| k + c.len_utf8())
}
