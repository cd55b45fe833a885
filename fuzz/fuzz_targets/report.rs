//! Fuzzes a whole report, the way `crosscheck report` makes one: the input
//! is cut at each 0xFF byte (never in UTF-8 text) into up to four sources,
//! each written to a Markdown file (so front matter and its `published`
//! date are read), loaded from their folder, extracted, clustered into
//! stories, grouped and rendered in every format.
//!
//! Checks: no panic; the report is deterministic (two comparers, each with
//! its own hash seeds, render the same Markdown and JSON). Run with
//! `-timeout` and `-rss_limit_mb` (fuzz/README.md): a superlinear or
//! memory-hungry input then counts as a crash.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use crosscheck::compare::Comparer;
use crosscheck::extract::Extractor;
use crosscheck::report::{Report, SourceInfo};
use crosscheck::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

struct State {
    rules: RuleSet,
    extractor: Extractor,
    dir: PathBuf,
}

static STATE: LazyLock<State> = LazyLock::new(|| {
    let rules = RuleSet::builtin();
    let dir = std::env::temp_dir().join(format!("crosscheck-fuzz-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    State { extractor: Extractor::new(&rules), rules, dir }
});

fuzz_target!(|data: &[u8]| {
    let st = &*STATE;
    for entry in std::fs::read_dir(&st.dir).expect("temp dir") {
        let _ = std::fs::remove_file(entry.expect("entry").path());
    }
    for (k, part) in data.split(|&b| b == 0xFF).take(4).enumerate() {
        std::fs::write(st.dir.join(format!("s{k}.md")), part).expect("write temp source");
    }
    let Ok(loaded) = crosscheck::source::load(std::slice::from_ref(&st.dir)) else { return };
    let render = |comparer: &Comparer| {
        let claims = loaded.sources.iter().flat_map(|s| st.extractor.extract(s)).collect();
        let infos = loaded.sources.iter().map(SourceInfo::of).collect();
        let report = Report::build(infos, claims, Vec::new(), comparer);
        let _ = crosscheck::report::report_sarif(&report);
        let _ = crosscheck::report::report_github(&report);
        let _ = crosscheck::report::report_jsonl(&report);
        (crosscheck::report::report_markdown(&report), crosscheck::report::report_json(&report))
    };
    let first = render(&Comparer::new(&st.rules));
    let second = render(&Comparer::new(&st.rules));
    assert_eq!(first, second, "the report is not deterministic");
});
