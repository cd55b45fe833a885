//! How rule patterns become regexes: one builder for every pattern, so all
//! of them share a size limit and one reading of `\b`.
//!
//! `\b` and `\B` are ASCII word boundaries here. News text is full of curly
//! quotes and dashes; a Unicode word boundary makes the regex crate's fast
//! DFA give up at the first non-ASCII byte and fall back to a slow engine.
//! With ASCII boundaries a letter outside ASCII ("é") counts as a non-word
//! character next to `\b`; `\w`, `\p{L}` and case folding stay Unicode.

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

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

/// Characters outside ASCII that news text is full of, none of them a
/// letter, digit or word character: curly quotes, dashes, the ellipsis, the
/// no-break space, the bullet, the degree sign and the commonest currency
/// signs. Text of ASCII and these is plain ([`is_plain`]).
const PLAIN_OUTSIDE_ASCII: [char; 13] = ['\u{A0}', '£', '¥', '°', '€', '‘', '’', '“', '”', '–', '—', '…', '•'];

/// Whether every character of `text` is ASCII or one of the few others
/// news text is full of: on such text a pattern's twin reads as it does.
pub fn is_plain(text: &str) -> bool {
    text.is_ascii() || text.chars().all(is_plain_char)
}

/// Whether plain text ([`is_plain`]) may hold `c`.
pub fn is_plain_char(c: char) -> bool {
    c.is_ascii() || PLAIN_OUTSIDE_ASCII.contains(&c)
}

/// A compiled rule pattern narrowed to plain text ([`is_plain`]): every
/// class keeps only its members that plain text can hold, and every word
/// boundary is read in ASCII (plain text's characters outside ASCII are no
/// word characters either way). On plain text it matches exactly where `re`
/// does (same spans, same groups), and it is much smaller: Unicode `\w` or
/// `\d` is hundreds of ranges, its plain part one to four, so the automata
/// are smaller and captures cheaper. `None` when the pattern cannot be read
/// back (then `re` serves all text).
pub fn narrowed_to_plain(re: &Regex, case_insensitive: bool) -> Option<Regex> {
    let hir = regex_syntax::ParserBuilder::new().case_insensitive(case_insensitive).build().parse(re.as_str()).ok()?;
    let plain = ClassUnicode::new(
        std::iter::once(ClassUnicodeRange::new('\0', '\x7F'))
            .chain(PLAIN_OUTSIDE_ASCII.iter().map(|&c| ClassUnicodeRange::new(c, c))),
    );
    RegexBuilder::new(&narrow(&hir, &plain).to_string()).size_limit(SIZE_LIMIT).build().ok()
}

/// A compiled rule pattern with its twin ([`narrowed_to_plain`]): the twin
/// reads plain text, the pattern everything else.
#[derive(Debug, Clone)]
pub struct Twin {
    /// The pattern as compiled.
    pub any: Regex,
    /// The pattern narrowed to plain text (`any` itself when it cannot be narrowed).
    pub plain: Regex,
}

impl Twin {
    /// `re`, compiled with or without case as `case_insensitive` says, and its twin.
    pub fn new(re: &Regex, case_insensitive: bool) -> Self {
        Twin { plain: narrowed_to_plain(re, case_insensitive).unwrap_or_else(|| re.clone()), any: re.clone() }
    }

    /// The regex for a text: the twin when the text is plain.
    pub fn for_text(&self, plain: bool) -> &Regex {
        if plain {
            &self.plain
        } else {
            &self.any
        }
    }
}

/// Every match of `re` in `text`: the spans of its groups (tests compare
/// patterns with their twins by it).
#[cfg(test)]
pub(crate) fn spans(re: &Regex, text: &str) -> Vec<Vec<Option<std::ops::Range<usize>>>> {
    re.captures_iter(text).map(|c| c.iter().map(|m| m.map(|m| m.range())).collect()).collect()
}

/// `hir` with its classes cut to `plain` (what plain text holds) and its
/// word boundaries made ASCII.
fn narrow(hir: &Hir, plain: &ClassUnicode) -> Hir {
    let narrow = |h: &Hir| narrow(h, plain);
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let mut c = c.clone();
            c.intersect(plain);
            Hir::class(Class::Unicode(c))
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut c = c.clone();
            c.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7F)]));
            Hir::class(Class::Bytes(c))
        }
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(narrow(&r.sub)), ..r.clone() }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(narrow(&c.sub)), ..c.clone() }),
        HirKind::Concat(items) => Hir::concat(items.iter().map(narrow).collect()),
        HirKind::Alternation(items) => Hir::alternation(items.iter().map(narrow).collect()),
        HirKind::Empty | HirKind::Literal(_) => hir.clone(),
    }
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
    fn narrowed_patterns_keep_only_plain_characters_in_classes() {
        let re = compile(r"(?P<who>[A-Za-z][\w.’-]*) said\b|\d+%|é", true).unwrap();
        let ascii = narrowed_to_plain(&re, true).unwrap();
        for text in ["Reuters said", "SMITH SAID it", "up 12%", "nothing here", ""] {
            assert_eq!(spans(&ascii, text), spans(&re, text), "{text}");
        }
        assert!(ascii.as_str().len() < re.as_str().len() * 4, "{}", ascii.as_str());
        // ü is no ASCII word character: outside ASCII text the two differ.
        assert_eq!(ascii.find("Müller said").map(|m| m.as_str()), Some("ller said"));
        assert_eq!(re.find("Müller said").map(|m| m.as_str()), Some("Müller said"));
    }

    #[test]
    fn ascii_boundaries_hold_beside_curly_quotes() {
        let re = compile(r"\bsaid\b", true).unwrap();
        assert!(re.is_match("“It is,” Said the chairman"));
        assert!(re.is_match("he said’"));
        assert!(!re.is_match("unsaid"));
    }
}
