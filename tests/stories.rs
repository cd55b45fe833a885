//! Several stories reported together: sources are clustered into stories
//! by the names they share, and no group sets one story's claims against
//! another's (a crash's death toll against a shooting's). The stories are
//! the development clusters in `tests/fixtures/news/`.

use crosscheck::compare::Comparer;
use crosscheck::extract::Extractor;
use crosscheck::report::{Report, SourceInfo};
use crosscheck::rules::RuleSet;
use crosscheck::source::load;
use std::path::{Path, PathBuf};

fn news() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news")
}

/// The report of `clusters` given together, as one run over a folder that
/// holds them, so each source's id names its cluster ("cnn.txt" is in two).
fn report(clusters: &[&str]) -> Report {
    let run = tempfile::tempdir().expect("a temporary folder");
    for c in clusters {
        let to = run.path().join(c);
        std::fs::create_dir(&to).expect("a cluster folder");
        for entry in std::fs::read_dir(news().join(c)).expect("the cluster reads") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&path, to.join(path.file_name().expect("a file name"))).expect("a copy");
            }
        }
    }
    let rules = RuleSet::builtin();
    let extractor = Extractor::new(&rules);
    let sources = load(&[run.path().to_path_buf()]).expect("the clusters load").sources;
    let claims = sources.iter().flat_map(|s| extractor.extract(s)).collect();
    Report::build(sources.iter().map(SourceInfo::of).collect(), claims, Vec::new(), &Comparer::new(&rules))
}

/// The cluster a source of the run belongs to: the folder its id starts with.
fn cluster_of<'a>(source: &str, clusters: &[&'a str]) -> &'a str {
    clusters
        .iter()
        .find(|c| source.starts_with(&format!("{c}/")))
        .copied()
        .unwrap_or_else(|| panic!("{source} is in no cluster"))
}

fn assert_stories_apart(clusters: &[&str]) {
    let report = report(clusters);
    let mut compared = 0;
    for g in &report.groups {
        let mut of: Vec<&str> = g.claims.iter().map(|c| cluster_of(&c.source, clusters)).collect();
        of.dedup();
        assert_eq!(of.len(), 1, "{} ({}) sets claims of {of:?} side by side", g.id, g.verdict.name());
        compared += usize::from(g.claims.len() > 1);
    }
    assert!(compared > 20, "the stories' own claims are still compared ({compared} groups of two or more)");
    let mut ids: Vec<&str> = report.groups.iter().map(|g| g.id.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "every group id is unique");
}

#[test]
fn a_crash_and_a_shooting_reported_together_stay_two_stories() {
    assert_stories_apart(&["costa-rica-plane-crash-2017", "las-vegas-shooting-2017"]);
}

#[test]
fn every_development_story_reported_together_stays_its_own() {
    let all = [
        "brazil-grand-prix-2016",
        "broadcom-qualcomm-bid-2018",
        "chibok-girls-freed-2016",
        "costa-rica-plane-crash-2017",
        "cubs-world-series-2016",
        "goldman-tax-charge-2017",
        "las-vegas-shooting-2017",
        "north-korea-missile-japan-2017",
    ];
    assert_stories_apart(&all);
}
