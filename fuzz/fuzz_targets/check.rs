//! Fuzzes `crosscheck check`: the input is cut at its first 0xFF byte into
//! a draft and one source, both read as Markdown; the draft's claims are
//! checked against the source's, and the result rendered.
//!
//! Checks: no panic; every draft claim gets exactly one verdict.
#![no_main]

use std::sync::LazyLock;

use crosscheck::compare::Comparer;
use crosscheck::extract::Extractor;
use crosscheck::rules::RuleSet;
use crosscheck::source::{Source, SourceMeta};
use libfuzzer_sys::fuzz_target;

static STATE: LazyLock<(Extractor, Comparer)> = LazyLock::new(|| {
    let rules = RuleSet::builtin();
    (Extractor::new(&rules), Comparer::new(&rules))
});

fuzz_target!(|data: &[u8]| {
    let (extractor, comparer) = &*STATE;
    let mut parts = data.splitn(2, |&b| b == 0xFF);
    let draft = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let source = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let draft = Source::new("draft.md", "draft.md", draft.into_owned(), SourceMeta::default());
    let source = Source::new("a.md", "a.md", source.into_owned(), SourceMeta::default());
    let draft_claims = extractor.extract(&draft);
    let source_claims = extractor.extract(&source);
    let checked = crosscheck::check::check(&draft_claims, &source_claims, comparer);
    assert_eq!(checked.len(), draft_claims.len(), "one verdict a draft claim");
});
