//! Escaping source text for Markdown: text from a source can never break a
//! table, inject HTML or a link, start a heading, or reach a terminal as an
//! escape sequence.

use std::fmt::{self, Write};

/// `s` made safe for one Markdown table cell.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let _ = write_cell(s, &mut out);
    out
}

/// [`cell`] as it is written out: `Cell(s)` formats as `cell(s)`, escaping
/// straight into what it is written to, with no string of its own.
pub struct Cell<'a>(pub &'a str);

impl fmt::Display for Cell<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_cell(self.0, f)
    }
}

/// Writes `s` made safe for one Markdown table cell.
fn write_cell(s: &str, out: &mut impl Write) -> fmt::Result {
    let mut rest = s;
    // Runs of characters that need nothing are copied whole.
    while let Some(k) = rest.bytes().position(|b| SPECIAL[usize::from(b)]) {
        out.write_str(&rest[..k])?;
        let c = rest[k..].chars().next().expect("a character starts at k");
        escape_char(c, out)?;
        rest = &rest[k + c.len_utf8()..];
    }
    out.write_str(rest)
}

/// [`special`] for every byte, looked up: one load a byte where the test
/// takes a dozen comparisons.
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = special(b as u8);
        b += 1;
    }
    table
};

/// Whether `escape_char` may change the character that starts with byte
/// `b`: every character it changes is ASCII or, for the C1 controls, starts
/// with 0xC2.
const fn special(b: u8) -> bool {
    matches!(
        b,
        0..=0x1F
            | 0x7F
            | 0xC2
            | b'|'
            | b'\\'
            | b'`'
            | b'*'
            | b'_'
            | b'['
            | b']'
            | b'<'
            | b'>'
            | b'#'
            | b'!'
            | b'~'
            | b'&'
    )
}

fn escape_char(c: char, out: &mut impl Write) -> fmt::Result {
    match c {
        '|' => out.write_str("\\|"),
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '~' => {
            out.write_char('\\')?;
            out.write_char(c)
        }
        '&' => out.write_str("&amp;"),
        '\n' | '\r' | '\t' => out.write_char(' '),
        c if c.is_control() => out.write_char('\u{FFFD}'),
        c => out.write_char(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_in_its_cell() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("<script>"), "\\<script\\>");
        assert_eq!(cell("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(cell("# title\nnext"), "\\# title next");
        assert_eq!(cell("\u{1b}[31mred"), "\u{FFFD}\\[31mred");
        assert_eq!(cell("a\u{85}b\u{a0}c"), "a\u{FFFD}b\u{a0}c");
    }

    /// Every character [`escape_char`] changes starts with a [`special`] byte.
    #[test]
    fn every_character_escaped_starts_with_a_special_byte() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut escaped = String::new();
            escape_char(c, &mut escaped).expect("a string takes what is written");
            if escaped != c.to_string() {
                let mut first = [0; 4];
                c.encode_utf8(&mut first);
                assert!(special(first[0]), "{c:?}");
            }
        }
    }

    proptest::proptest! {
        /// Escaping run by run gives what escaping each character does.
        #[test]
        fn cells_escape_as_each_character_would(s in "(\\PC|[|\\\\`*_<>#!~&\n\r\t\u{0}-\u{1f}\u{7f}-\u{a0}])*") {
            let mut expected = String::new();
            for c in s.chars() {
                escape_char(c, &mut expected).expect("a string takes what is written");
            }
            proptest::prop_assert_eq!(cell(&s), expected.clone());
            proptest::prop_assert_eq!(Cell(&s).to_string(), expected);
        }
    }
}
