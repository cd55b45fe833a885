//! Escaping source text for Markdown: text from a source can never break a
//! table, inject HTML or a link, start a heading, or reach a terminal as an
//! escape sequence.

/// `s` made safe for one Markdown table cell.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
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
    }
}
