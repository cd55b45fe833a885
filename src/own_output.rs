//! Recognises crosscheck's own outputs, so that a report or a list of
//! claims written into a story folder is never read back as an article:
//! the Markdown report and claim list by their headings, JSON, JSON Lines
//! and SARIF (no article is JSON), and GitHub annotations.

/// Whether `text` is one of crosscheck's outputs rather than an article.
pub fn is_own_output(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.starts_with(crate::report::REPORT_HEADING) {
        return true;
    }
    if let Some(rest) = text.strip_prefix("# Claims\n\n") {
        let first = rest.lines().next().unwrap_or("");
        let mut words = first.split(' ');
        let counts = |w: Option<&str>| w.is_some_and(|w| w.replace(',', "").parse::<u64>().is_ok());
        if counts(words.next()) && words.next().is_some_and(|w| w.starts_with("claim")) && words.next() == Some("in") {
            return true;
        }
    }
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let first_line = trimmed.lines().next().unwrap_or("");
        return is_json(first_line) || is_json(trimmed);
    }
    let first_line = trimmed.lines().next().unwrap_or("");
    ["::warning ", "::error ", "::notice "].iter().any(|p| first_line.starts_with(p))
        && (first_line.contains("file=") || first_line.contains("title=crosscheck"))
}

fn is_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::is_own_output;

    #[test]
    fn reports_and_claim_lists_in_every_format_are_recognised() {
        assert!(is_own_output("# Cross-check report\n\nSome text"));
        assert!(is_own_output("\u{feff}# Claims\n\n12 claims in 3 sources.\n"));
        assert!(is_own_output("{\n  \"crosscheck\": 1,\n  \"groups\": []\n}\n"));
        assert!(is_own_output("{\"source\":\"a.txt\",\"line\":1}\n{\"source\":\"a.txt\",\"line\":2}\n"));
        assert!(is_own_output("  [1, 2]"));
        assert!(is_own_output("::warning file=a.txt,line=3,col=1,title=crosscheck conflict::12 vs 13\n"));
        assert!(is_own_output("::notice title=crosscheck::2 sources · 4 claims\n"));
    }

    #[test]
    fn articles_are_not_outputs() {
        assert!(!is_own_output("The crash killed 12 people on Monday.\n"));
        assert!(!is_own_output("# Claims\n\nThe minister's claims in parliament were false.\n"));
        assert!(!is_own_output("{Editor's note: this story was updated.} The crash killed 12.\n"));
        assert!(!is_own_output("[Updated 9:50 a.m.] The crash killed 12.\n"));
        assert!(!is_own_output("::warning:: is how a build log starts\n"));
    }
}
