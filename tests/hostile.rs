//! Hostile input: text from a source never escapes its table cell or the
//! report's structure, and no input makes the scanner or extractor panic or
//! break its invariants.

use crosscheck::compare::Comparer;
use crosscheck::extract::Extractor;
use crosscheck::quantity::Scanner;
use crosscheck::report::{report_markdown, Report, SourceInfo};
use crosscheck::rules::RuleSet;
use crosscheck::source::{Source, SourceMeta};
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(RuleSet::builtin)
}

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(|| Scanner::new(rules()))
}

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(rules()))
}

#[test]
fn markdown_and_html_in_a_source_stay_inside_their_cells() {
    let hostile = "Acme Corp | <script>alert(1)</script>, with a market value of more than $37 billion [x](javascript:alert(1)) `code` \u{1b}[31mred\u{1b}[0m, said.\n# Not a heading: Acme Corp shares fell 10% on Monday.";
    let meta = SourceMeta {
        published: Some("2020-01-01".into()),
        outlet: Some("[x](javascript:alert(1)) | `tick` <i>".into()),
        ..SourceMeta::default()
    };
    let a = Source::new("a|b.txt", "a|b.txt", hostile, meta.clone());
    let b = Source::new("<b>.txt", "<b>.txt", "Acme Corp, with a market value of $40 billion, said.", meta);
    let claims: Vec<_> = [&a, &b].iter().flat_map(|s| extractor().extract(s)).collect();
    assert!(!claims.is_empty());
    let md = report_markdown(&Report::build(
        vec![SourceInfo::of(&a), SourceInfo::of(&b)],
        claims,
        Vec::new(),
        &Comparer::new(rules()),
    ));
    assert!(!md.contains("<script>") && !md.contains("<b>"), "{md}");
    assert!(md.contains("\\[x\\](javascript:alert(1))"), "the outlet is shown, escaped: {md}");
    assert!(!md.contains("[x](javascript:"), "{md}");
    assert!(!md.contains("<i>"), "{md}");
    assert!(!md.contains('\u{1b}'), "escape sequences never reach the terminal raw");
    // Every row of a table has its header's columns.
    let mut header_cells = None;
    for line in md.lines() {
        assert!(!line.starts_with("# Not"), "source text never starts a heading: {line}");
        if line.starts_with("| ") {
            let cells = line.replace("\\|", "").matches('|').count();
            let header = *header_cells.get_or_insert(cells);
            assert_eq!(cells, header, "a row keeps its columns: {line}");
        } else {
            header_cells = None;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn quantities_are_exact_substrings_with_ordered_bounds(text in "(\\PC|[0-9$%.,\\- ]|more than |about |million |billion |per cent ){0,40}") {
        for q in scanner().scan(&text) {
            prop_assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end) && q.start < q.end);
            if let (Some(lo), Some(a)) = (q.interval.low, q.amount) { prop_assert!(lo <= a); }
            if let (Some(hi), Some(a)) = (q.interval.high, q.amount) { prop_assert!(a <= hi); }
            if let (Some(lo), Some(hi)) = (q.interval.low, q.interval.high) { prop_assert!(lo <= hi); }
        }
    }

    #[test]
    fn extraction_is_deterministic_and_spans_stay_on_their_line(text in "(\\PC|\\n|[0-9$%., ]|Hikvision|shares fell |more than |million ){0,60}") {
        let src = Source::new("p.txt", "p.txt", text.clone(), SourceMeta::default());
        let first = extractor().extract(&src);
        prop_assert_eq!(&first, &extractor().extract(&src));
        for c in &first {
            prop_assert!(src.line_text(c.line).contains(&c.text));
        }
    }
}
