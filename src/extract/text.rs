//! Reading sentence text in place: its first or last bytes on a char
//! boundary, and whether a word or a name stands in it, with no string made.

use memchr::memmem;

/// Whether `text` starts with `word` and a space: `text.starts_with(&format!("{word} "))`
/// with nothing made.
pub(super) fn starts_with_word(text: &str, word: &str) -> bool {
    text.strip_prefix(word).is_some_and(|rest| rest.starts_with(' '))
}

/// Whether `text` holds `word` with a space either side:
/// `text.contains(&format!(" {word} "))` with nothing made.
pub(super) fn contains_spaced(text: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(k) = text[from..].find(word).map(|k| from + k) {
        if text[..k].ends_with(' ') && text[k + word.len()..].starts_with(' ') {
            return true;
        }
        match text[k..].chars().next() {
            Some(c) => from = k + c.len_utf8(),
            None => return false,
        }
    }
    false
}

/// Whether `name` is one of `names`.
pub(super) fn named(names: &[String], name: &str) -> bool {
    names.iter().any(|n| n == name)
}

/// Whether `word` stands in `text` as a word of its own (no letter or digit
/// on either side), looking at the occurrences `str::match_indices` gives.
pub(super) fn has_word(text: &str, word: &memmem::Finder) -> bool {
    let len = word.needle().len();
    // An empty word occurs at every byte; `match_indices` gives character boundaries only.
    word.find_iter(text.as_bytes()).filter(|&k| text.is_char_boundary(k)).any(|k| {
        !text[..k].ends_with(|c: char| c.is_alphanumeric())
            && !text[k + len..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// The last `n` bytes of `s`, on a char boundary.
pub(super) fn tail(s: &str, n: usize) -> &str {
    let mut k = s.len().saturating_sub(n);
    while !s.is_char_boundary(k) {
        k += 1;
    }
    &s[k..]
}

pub(super) fn floor(s: &str, mut k: usize) -> usize {
    while !s.is_char_boundary(k) {
        k -= 1;
    }
    k
}

pub(super) fn ceil(s: &str, mut k: usize) -> usize {
    while !s.is_char_boundary(k) {
        k += 1;
    }
    k
}

/// The first `n` bytes of `s`, on a char boundary.
pub(super) fn head(s: &str, n: usize) -> &str {
    let mut k = n.min(s.len());
    while !s.is_char_boundary(k) {
        k -= 1;
    }
    &s[..k]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `has_word` as it was written before finders: over `str::match_indices`.
    fn has_word_by_match_indices(text: &str, word: &str) -> bool {
        text.match_indices(word).any(|(k, _)| {
            !text[..k].ends_with(|c: char| c.is_alphanumeric())
                && !text[k + word.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
    }

    proptest! {
        /// The word tests that make no string answer as the `format!` forms
        /// they replace, on text built of the pieces that make them differ
        /// (spaces, repeats, characters outside ASCII, the empty word).
        #[test]
        fn spaced_words_found_without_making_strings(
            text in "[a b’é]{0,12}",
            word in "[a b’]{0,4}",
        ) {
            proptest::prop_assert_eq!(contains_spaced(&text, &word), text.contains(&format!(" {word} ")));
            proptest::prop_assert_eq!(starts_with_word(&text, &word), text.starts_with(&format!("{word} ")));
        }

        /// A word searched for with a prepared finder stands alone where
        /// the occurrences `match_indices` gives say it does.
        #[test]
        fn words_found_with_finders_as_with_match_indices(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "it", "its", "it's", "the company", "the company's", "itit", " ", "x", "é", "’", "1", ",",
            ]), 0..12),
            word in proptest::sample::select(vec!["it", "its", "it's", "the company", "tit", "", "é"]),
        ) {
            let text = parts.concat();
            prop_assert_eq!(has_word(&text, &memmem::Finder::new(word)), has_word_by_match_indices(&text, word));
        }

    }
}
