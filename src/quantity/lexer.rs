//! Splits text into the tokens the quantity scanner reads: figures written in
//! digits, words, and single symbols, each with its byte span and whether
//! whitespace stands before it.

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// A figure in digits, already read ("1,234.5" is 1234.5).
    Num(Number),
    /// A run of letters (any script), with internal apostrophes.
    Word,
    /// Digits that are not one figure: IP addresses, version numbers, dates
    /// in digits ("192.168.1.2", "5/17/2018").
    Code,
    /// Any other single character: `$`, `%`, `-`, `(`, `“`...
    Sym(char),
}

/// A figure written in digits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Digits after the decimal point, as written.
    pub decimals: u8,
    /// The figure is a plain run of digits (no separator, no decimal point).
    pub plain: bool,
    /// Number of digits before the decimal point.
    pub int_digits: u8,
}

/// One token of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    /// Whitespace stands between this token and the one before it.
    pub space_before: bool,
    /// A line break stands between this token and the one before it.
    pub newline_before: bool,
}

impl Token {
    pub fn is_sym(&self, c: char) -> bool {
        self.kind == TokenKind::Sym(c)
    }
}

/// Whether `text` holds an ASCII digit (most sentences hold none and are
/// read to the end).
pub fn has_ascii_digit(text: &str) -> bool {
    first_byte(text.as_bytes(), |b| b.wrapping_sub(b'0') < 10).is_some()
}

/// Where the first byte of `bytes` that `wanted` picks stands. Read 32 bytes
/// at a time with no early exit inside a block, which the compiler turns
/// into a few vector instructions: long runs of bytes not wanted are
/// skipped fast.
#[inline]
pub fn first_byte(bytes: &[u8], wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut blocks = bytes.chunks_exact(32);
    let mut at = 0;
    for block in &mut blocks {
        if block.iter().fold(false, |any, &b| any | wanted(b)) {
            return block.iter().position(|&b| wanted(b)).map(|k| at + k);
        }
        at += 32;
    }
    blocks.remainder().iter().position(|&b| wanted(b)).map(|k| at + k)
}

/// The value of a digit character: ASCII or full-width.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{FF10}'..='\u{FF19}' => Some(c as u32 - 0xFF10),
        _ => None,
    }
}

/// A text's characters by position, each with its byte offset.
trait Chars {
    fn len(&self) -> usize;
    fn get(&self, k: usize) -> Option<(usize, char)>;

    /// The character at `k`, which must be in range.
    fn char_at(&self, k: usize) -> char {
        self.get(k).expect("position in range").1
    }

    /// The characters from `from` to `to` (exclusive).
    fn span(&self, from: usize, to: usize) -> impl Iterator<Item = char> {
        (from..to).map(|k| self.char_at(k))
    }

    /// Where the word starting at `i` ends: letters of one kind (CJK or
    /// not, as `cjk` says), with apostrophes between letters.
    fn word_end(&self, i: usize, cjk: bool) -> usize {
        let mut j = i + 1;
        while j < self.len() {
            let d = self.char_at(j);
            if is_word_char(d) && is_cjk(d) == cjk {
                j += 1;
            } else if (d == '\'' || d == '’')
                && !cjk
                && self.get(j + 1).is_some_and(|(_, e)| e.is_alphabetic() && !is_cjk(e))
            {
                j += 2;
            } else {
                break;
            }
        }
        j
    }
}

/// Any text, decoded once into characters with their offsets.
impl Chars for [(usize, char)] {
    fn len(&self) -> usize {
        <[_]>::len(self)
    }

    fn get(&self, k: usize) -> Option<(usize, char)> {
        <[_]>::get(self, k).copied()
    }
}

/// ASCII text, read as it stands: character `k` is byte `k`.
struct Ascii<'a>(&'a [u8]);

impl Chars for Ascii<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn get(&self, k: usize) -> Option<(usize, char)> {
        self.0.get(k).map(|&b| (k, char::from(b)))
    }

    /// In ASCII the word characters are the letters, none of them CJK.
    fn word_end(&self, i: usize, _cjk: bool) -> usize {
        let bytes = self.0;
        let mut j = i + 1;
        while let Some(&b) = bytes.get(j) {
            if b.is_ascii_alphabetic() {
                j += 1;
            } else if b == b'\'' && bytes.get(j + 1).is_some_and(u8::is_ascii_alphabetic) {
                j += 2;
            } else {
                break;
            }
        }
        j
    }
}

/// The digits among characters `from..to`, as ASCII: separators dropped,
/// full-width digits converted.
fn ascii_digits<C: Chars + ?Sized>(chars: &C, from: usize, to: usize) -> String {
    chars.span(from, to).filter_map(digit_value).filter_map(|d| char::from_digit(d, 10)).collect()
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Spaces that may group thousands: space, no-break, thin, narrow no-break.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{2009}' | '\u{202F}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '\u{200D}' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0B82..=0x0BCD)
}

pub(crate) fn is_cjk(c: char) -> bool {
    c as u32 >= 0x3040 && matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with(text, true)
}

/// Splits `text` into tokens, reading plain whole numbers the short way
/// when `short_numbers` is set (tests hold both ways equal).
fn tokenize_with(text: &str, short_numbers: bool) -> Vec<Token> {
    if text.is_ascii() {
        // Most text is: its bytes are its characters, with no decoding.
        return tokenize_chars(text, &Ascii(text.as_bytes()), short_numbers);
    }
    // A character takes a byte or more: room for one a byte is never outgrown.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
    chars.extend(text.char_indices());
    tokenize_chars(text, chars.as_slice(), short_numbers)
}

/// Splits `text`, whose characters are `chars`, into tokens.
fn tokenize_chars<C: Chars + ?Sized>(text: &str, chars: &C, short_numbers: bool) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(chars.len() / 4);
    let mut i = 0;
    let mut space_before = false;
    let mut newline_before = false;
    let byte_at = |k: usize| chars.get(k).map_or(text.len(), |(b, _)| b);
    while i < chars.len() {
        let c = chars.char_at(i);
        if c.is_whitespace() {
            space_before = true;
            if c == '\n' || c == '\r' {
                newline_before = true;
            }
            i += 1;
            continue;
        }
        let start = byte_at(i);
        let (kind, next) = if is_digit(c)
            || (c == '.' && chars.get(i + 1).is_some_and(|(_, d)| is_digit(d)) && !prev_is_digit(chars, i))
        {
            short_numbers.then(|| plain_whole_number(chars, i)).flatten().unwrap_or_else(|| lex_number(chars, i))
        } else if is_word_char(c) {
            (TokenKind::Word, chars.word_end(i, is_cjk(c)))
        } else {
            (TokenKind::Sym(c), i + 1)
        };
        tokens.push(Token { kind, start, end: byte_at(next), space_before, newline_before });
        space_before = false;
        newline_before = false;
        i = next;
    }
    tokens
}

fn prev_is_digit<C: Chars + ?Sized>(chars: &C, i: usize) -> bool {
    i > 0 && is_digit(chars.char_at(i - 1))
}

/// A run of up to 15 digits at `i` that nothing after it continues (no
/// separator, decimal point or exponent): the token [`lex_number`] would
/// read, without its text work. Up to 15 digits, the sum is exact.
fn plain_whole_number<C: Chars + ?Sized>(chars: &C, i: usize) -> Option<(TokenKind, usize)> {
    let mut value: u64 = 0;
    let mut end = i;
    while let Some(d) = chars.get(end).and_then(|(_, c)| digit_value(c)) {
        // Past 15 digits the value is not used; it must only not overflow.
        value = value.saturating_mul(10).saturating_add(u64::from(d));
        end += 1;
    }
    let digits = end - i;
    let continued =
        chars.get(end).is_some_and(|(_, c)| matches!(c, '.' | '/' | ',' | 'e' | 'E' | 'x' | '×') || is_group_space(c));
    if digits == 0 || digits > 15 || continued {
        return None;
    }
    let number = Number { value: value as f64, decimals: 0, plain: true, int_digits: digits as u8 };
    Some((TokenKind::Num(number), end))
}

/// Reads digits at `i`: returns the token kind and the index after it.
fn lex_number<C: Chars + ?Sized>(chars: &C, i: usize) -> (TokenKind, usize) {
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|(_, c)| c);
    let digits_from = |mut k: usize| {
        let s = k;
        while k < n && is_digit(chars.char_at(k)) {
            k += 1;
        }
        (s, k)
    };
    let (s0, e0) = digits_from(i);
    let mut int_part = ascii_digits(chars, s0, e0);
    let mut end = e0;
    let mut plain = true;
    // Codes: three or more digit groups joined by dots or slashes.
    for sep in ['.', '/'] {
        let mut k = end;
        let mut groups = 1;
        while at(k) == Some(sep) && at(k + 1).is_some_and(is_digit) {
            k = digits_from(k + 1).1;
            groups += 1;
        }
        if groups >= 3 {
            return (TokenKind::Code, k);
        }
    }
    // Thousands grouping: commas (Western or Indian), dots followed by a comma decimal, or spaces.
    let group_len = |k: usize| digits_from(k).1 - k;
    if int_part.len() <= 3 && at(end) == Some(',') && group_len(end + 1) == 3 {
        let mut k = end;
        while at(k) == Some(',') && group_len(k + 1) == 3 {
            k += 4;
        }
        int_part.push_str(&ascii_digits(chars, end, k));
        end = k;
        plain = false;
    } else if int_part.len() <= 2 && at(end) == Some(',') && group_len(end + 1) == 2 {
        // Indian grouping: 12,34,567
        let mut k = end;
        while at(k) == Some(',') && group_len(k + 1) == 2 {
            k += 3;
        }
        if at(k) == Some(',') && group_len(k + 1) == 3 && at(k + 4).is_none_or(|c| c != ',') {
            k += 4;
            int_part.push_str(&ascii_digits(chars, end, k));
            end = k;
            plain = false;
        }
    } else if int_part.len() <= 3 && at(end) == Some('.') && group_len(end + 1) == 3 && at(end + 4) == Some(',') {
        // European: 1.111,11
        let mut k = end;
        while at(k) == Some('.') && group_len(k + 1) == 3 {
            k += 4;
        }
        if at(k) == Some(',') && group_len(k + 1) > 0 {
            int_part.push_str(&ascii_digits(chars, end, k));
            let (ds, de) = digits_from(k + 1);
            let frac = ascii_digits(chars, ds, de);
            let value: f64 = format!("{int_part}.{frac}").parse().unwrap_or(0.0);
            return (
                TokenKind::Num(Number {
                    value,
                    decimals: frac.len().min(255) as u8,
                    plain: false,
                    int_digits: int_part.len().min(255) as u8,
                }),
                de,
            );
        }
    } else if int_part.len() <= 3 && at(end).is_some_and(is_group_space) && group_len(end + 1) == 3 {
        let mut k = end;
        while at(k).is_some_and(is_group_space) && group_len(k + 1) == 3 && !at(k + 4).is_some_and(is_digit) {
            k += 4;
        }
        if k > end {
            int_part.push_str(&ascii_digits(chars, end, k));
            end = k;
            plain = false;
        }
    }
    // Decimal part: ".25", or a lone European decimal comma ("5,00", "1,3").
    let mut frac = String::new();
    let g = group_len(end + 1);
    let dot_decimal = at(end) == Some('.') && g > 0;
    let comma_decimal = plain
        && at(end) == Some(',')
        && (1..=2).contains(&g)
        && at(end + 1 + g) != Some(',')
        && !(at(end + 1 + g) == Some('.') && at(end + 2 + g).is_some_and(is_digit))
        && at(s0.wrapping_sub(1)) != Some(',');
    if dot_decimal || comma_decimal {
        let (ds, de) = digits_from(end + 1);
        frac = ascii_digits(chars, ds, de);
        end = de;
        plain = false;
    }
    let mut value: f64 = if frac.is_empty() {
        int_part.parse().unwrap_or(0.0)
    } else {
        format!("{int_part}.{frac}").parse().unwrap_or(0.0)
    };
    let mut decimals = frac.len().min(255) as u8;
    let mantissa = || if frac.is_empty() { int_part.clone() } else { format!("{int_part}.{frac}") };
    // Scientific notation: 1e10, 12.32e+14, 1.3x10^6.
    if matches!(at(end), Some('e') | Some('E')) {
        let mut k = end + 1;
        let neg = at(k) == Some('-');
        if matches!(at(k), Some('+') | Some('-')) {
            k += 1;
        }
        let (es, ee) = digits_from(k);
        if ee > es && !at(ee).is_some_and(|c| c.is_alphanumeric()) {
            let exp: i32 = chars.span(es, ee).collect::<String>().parse().unwrap_or(0);
            let exp = if neg { -exp } else { exp };
            value = format!("{}e{exp}", mantissa()).parse().unwrap_or(value);
            end = ee;
            plain = false;
            decimals = (decimals as i32 - exp).clamp(0, 255) as u8;
        }
    } else if matches!(at(end), Some('x') | Some('×'))
        && at(end + 1) == Some('1')
        && at(end + 2) == Some('0')
        && at(end + 3) == Some('^')
    {
        let mut k = end + 4;
        let neg = at(k) == Some('-');
        if matches!(at(k), Some('+') | Some('-')) {
            k += 1;
        }
        let (es, ee) = digits_from(k);
        if ee > es {
            let exp: i32 = chars.span(es, ee).collect::<String>().parse().unwrap_or(0);
            let exp = if neg { -exp } else { exp };
            value = format!("{}e{exp}", mantissa()).parse().unwrap_or(value);
            end = ee;
            plain = false;
            decimals = (decimals as i32 - exp).clamp(0, 255) as u8;
        }
    }
    (TokenKind::Num(Number { value, decimals, plain, int_digits: int_part.len().min(255) as u8 }), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_digit_runs_are_read_the_full_way() {
        for text in ["123456789012345678901234567890", "184４７０000０00０00０000０"] {
            assert_eq!(tokenize_with(text, true), tokenize_with(text, false), "{text}");
        }
        assert_eq!(nums("999999999999999"), vec![999999999999999.0]);
    }

    /// Tokens of `text` read from its decoded characters, never from its bytes.
    fn decoded(text: &str) -> Vec<Token> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        tokenize_chars(text, chars.as_slice(), true)
    }

    proptest::proptest! {
        /// ASCII text read byte by byte gives the tokens its decoded characters give.
        #[test]
        fn ascii_read_as_bytes_tokenizes_as_decoded(
            text in "([0-9]{1,18}|[., /eEx\\^+'a-zA-Z$%()-]|[ \t\r\n]|[\\x00-\\x7F])*",
        ) {
            proptest::prop_assert!(text.is_ascii());
            proptest::prop_assert_eq!(tokenize(&text), decoded(&text));
        }

        /// Digits are found in blocks wherever they stand, as a byte-by-byte search finds them.
        #[test]
        fn digits_are_found_as_a_byte_by_byte_search_finds_them(text in "([a-z ’/:]{0,40}[0-9]?){0,4}[a-z ’]{0,70}") {
            proptest::prop_assert_eq!(has_ascii_digit(&text), text.bytes().any(|b| b.is_ascii_digit()));
        }

        /// Plain whole numbers read the short way are the tokens the full reading gives.
        #[test]
        fn short_numbers_read_as_the_full_reading_does(text in "([0-9０-９]{1,18}|[., /eEx×\u{A0}\u{2009}a-z-]|\\PC)*") {
            proptest::prop_assert_eq!(tokenize_with(&text, true), tokenize_with(&text, false));
        }
    }

    fn nums(text: &str) -> Vec<f64> {
        tokenize(text)
            .into_iter()
            .filter_map(|t| match t.kind {
                TokenKind::Num(n) => Some(n.value),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reads_grouped_and_decimal_figures() {
        assert_eq!(nums("1,234,567 and 38.24"), vec![1234567.0, 38.24]);
        assert_eq!(nums("12,34,567.89"), vec![1234567.89]);
        assert_eq!(nums("1.111,11"), vec![1111.11]);
        assert_eq!(nums("1 234 567"), vec![1234567.0]);
        assert_eq!(nums("40\u{202f}000"), vec![40000.0]);
        assert_eq!(nums("423 0000"), vec![423.0, 0.0]);
        assert_eq!(nums("1, 234"), vec![1.0, 234.0]);
        assert_eq!(nums(".08"), vec![0.08]);
        assert_eq!(nums("１２３"), vec![123.0]);
        assert_eq!(nums("22,24,26,31"), vec![22.0, 24.0, 26.0, 31.0]);
        assert_eq!(nums("1.3e6 and 6.23x10^-4"), vec![1.3e6, 6.23e-4]);
    }

    #[test]
    fn codes_are_not_figures() {
        let kinds: Vec<_> = tokenize("192.168.1.2 5/17/2018").into_iter().map(|t| t.kind).collect();
        assert_eq!(kinds, vec![TokenKind::Code, TokenKind::Code]);
    }

    #[test]
    fn spans_are_byte_offsets() {
        let text = "“US$42”";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
    }
}
