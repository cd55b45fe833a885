//! Fuzzes claim extraction over a whole source, the way `crosscheck extract`
//! reads one: the input bytes are written to a Markdown file (so YAML front
//! matter and its `published` date are read too; text without front matter
//! reads as a plain `.txt` would), loaded with `source::load` (which decodes
//! UTF-8/UTF-16 and skips binary files), and every source's claims are
//! extracted with `Extractor::extract`, as the CLI does per source.
//!
//! Checks: no panic; extraction is deterministic, comparing the claims of two
//! separately built extractors (each with its own hash seeds) via Debug and
//! JSON, and JSON serialisation (which the CLI `expect`s) succeeds.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use crosscheck::extract::Extractor;
use crosscheck::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

struct State {
    a: Extractor,
    b: Extractor,
    file: PathBuf,
}

static STATE: LazyLock<State> = LazyLock::new(|| {
    let rules = RuleSet::builtin();
    let dir = std::env::temp_dir().join(format!("crosscheck-fuzz-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    State { a: Extractor::new(&rules), b: Extractor::new(&rules), file: dir.join("fuzz.md") }
});

fuzz_target!(|data: &[u8]| {
    let st = &*STATE;
    std::fs::write(&st.file, data).expect("write temp source");
    let Ok(loaded) = crosscheck::source::load(std::slice::from_ref(&st.file)) else { return };
    if loaded.sources.is_empty() {
        return;
    }
    let first: Vec<_> = loaded.sources.iter().flat_map(|s| st.a.extract(s)).collect();
    let second: Vec<_> = loaded.sources.iter().flat_map(|s| st.b.extract(s)).collect();
    assert_eq!(format!("{first:#?}"), format!("{second:#?}"), "extraction is not deterministic");
    let j1 = serde_json::to_string(&first).expect("claims serialise");
    let j2 = serde_json::to_string(&second).expect("claims serialise");
    assert_eq!(j1, j2, "extraction is not deterministic (JSON)");
});
