//! How rule patterns become regexes: one builder for every pattern, so all
//! of them share a size limit and one reading of `\b`.
//!
//! `\b` and `\B` are ASCII word boundaries here. News text is full of curly
//! quotes and dashes; a Unicode word boundary makes the regex crate's fast
//! DFA give up at the first non-ASCII byte and fall back to a slow engine.
//! With ASCII boundaries a letter outside ASCII ("é") counts as a non-word
//! character next to `\b`; `\w`, `\p{L}` and case folding stay Unicode.

use regex::{Regex, RegexBuilder};

/// The largest compiled size a rule pattern may have.
pub const SIZE_LIMIT: usize = 1 << 20;

/// `pattern` with every `\b` and `\B` made ASCII-only.
pub fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(b @ ('b' | 'B')) => {
                out.push_str("(?-u:\\");
                out.push(b);
                out.push(')');
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Compiles a rule pattern.
pub fn compile(pattern: &str, case_insensitive: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&ascii_boundaries(pattern)).case_insensitive(case_insensitive).size_limit(SIZE_LIMIT).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_become_ascii_and_escapes_stay() {
        assert_eq!(ascii_boundaries(r"\bfell\b"), r"(?-u:\b)fell(?-u:\b)");
        assert_eq!(ascii_boundaries(r"a\\b"), r"a\\b");
        assert_eq!(ascii_boundaries(r"\Bx\d"), r"(?-u:\B)x\d");
    }

    #[test]
    fn ascii_boundaries_hold_beside_curly_quotes() {
        let re = compile(r"\bsaid\b", true).unwrap();
        assert!(re.is_match("“It is,” Said the chairman"));
        assert!(re.is_match("he said’"));
        assert!(!re.is_match("unsaid"));
    }
}
