//! Fuzzes rule loading from YAML text, as `--rules DIR` reads it.
//!
//! The first input byte picks which rule file the rest is written as
//! (`numbers.yaml`, `measures.yaml`, ... in `BUILTIN_FILES` order); the file
//! is written alone into a temporary folder and loaded with `RuleSet::load`.
//! Loading must never panic (errors are fine). When the rules load, an
//! `Extractor` is built from them and run over a short fixed text, as the
//! CLI would do next.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use crosscheck::extract::Extractor;
use crosscheck::rules::{RuleSet, BUILTIN_FILES};
use crosscheck::source::{Source, SourceMeta};
use libfuzzer_sys::fuzz_target;

static DIR: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("crosscheck-fuzz-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
});

const TEXT: &str = "Huawei said on May 22, 2019 that revenue rose 39 per cent to more than $37 billion, \
while between 10 and 20 suppliers, including Intel and Qualcomm, cut about 1,200 jobs.\n";

fuzz_target!(|data: &[u8]| {
    let Some((&pick, yaml)) = data.split_first() else { return };
    let Ok(yaml) = std::str::from_utf8(yaml) else { return };
    let (name, _) = BUILTIN_FILES[pick as usize % BUILTIN_FILES.len()];
    let dir = &*DIR;
    for (other, _) in BUILTIN_FILES {
        let _ = std::fs::remove_file(dir.join(other));
    }
    std::fs::write(dir.join(name), yaml).expect("write temp rule file");
    let rules = match RuleSet::load(&[dir.as_path()]) {
        Ok(rules) => rules,
        Err(e) => {
            // The CLI prints every error; formatting must not panic either.
            let _ = e.to_string();
            return;
        }
    };
    let extractor = Extractor::new(&rules);
    let source = Source::new("t.txt", "t.txt", TEXT, SourceMeta { published: Some("2019-05-23".into()), ..Default::default() });
    let _ = extractor.extract(&source);
});
