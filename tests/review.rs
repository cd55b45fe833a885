//! Findings an editor has reviewed: a conflict accepted in crosscheck.yaml
//! no longer fails the run and is reported under "Accepted"; an entry that
//! matches nothing warns; with `--baseline`, only a new finding fails; group
//! ids stay the same when an unrelated source joins.

mod common;

use std::path::{Path, PathBuf};

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Out {
    let (code, stdout, stderr) = common::run_in(dir, args);
    Out { code, stdout, stderr }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories").join(name)
}

/// A story folder (a copy of the conflicting death tolls) in a temporary newsroom.
fn newsroom() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let story = root.path().join("story");
    std::fs::create_dir_all(&story).unwrap();
    for entry in std::fs::read_dir(fixture("conflict-death-toll")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), story.join(entry.file_name())).unwrap();
    }
    root
}

/// The ids of the groups with this verdict in a JSON report.
fn ids_with(json: &str, verdict: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(json).expect("JSON report");
    doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["verdict"] == verdict)
        .map(|g| g["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_accepted_conflict_passes_and_is_reported_under_accepted() {
    let root = newsroom();
    let dir = root.path();
    let json = run_in(dir, &["report", "story", "--format", "json"]);
    let conflicts = ids_with(&json.stdout, "conflict");
    assert_eq!(conflicts.len(), 1, "{}", json.stdout);
    let failing = run_in(dir, &["report", "story", "--fail-on", "conflict"]);
    assert_eq!(failing.code, 1, "{}", failing.stderr);

    let config = format!("accept:\n  - id: {}\n    reason: the police figure came later\n", conflicts[0]);
    std::fs::write(dir.join("crosscheck.yaml"), config).unwrap();
    let out = run_in(dir, &["report", "story", "--fail-on", "conflict"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let accepted = out.stdout.split("## Accepted").nth(1).expect("an Accepted section");
    assert!(accepted.contains("the police figure came later"), "{}", out.stdout);
    let summary = out.stdout.split("## Summary").nth(1).unwrap().split("\n## ").next().unwrap();
    assert!(summary.contains("No discrepancies"), "the accepted conflict leaves the summary: {summary}");
    let json = run_in(dir, &["report", "story", "--format", "json"]);
    assert!(json.stdout.contains("\"accepted\": \"the police figure came later\""), "{}", json.stdout);
}

#[test]
fn a_stale_acceptance_warns_with_its_place() {
    let root = newsroom();
    let dir = root.path();
    std::fs::write(dir.join("crosscheck.yaml"), "accept:\n  - id: no-such/death_toll\n    reason: old\n").unwrap();
    let out = run_in(dir, &["report", "story", "--fail-on", "conflict"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("crosscheck.yaml:2:9: accepted group \"no-such/death_toll\" is not in this report"),
        "{}",
        out.stderr
    );
    std::fs::write(dir.join("crosscheck.yaml"), "accept:\n  - id: x\n").unwrap();
    let out = run_in(dir, &["report", "story"]);
    assert_eq!(out.code, 2, "an entry without a reason is an error: {}", out.stderr);
    assert!(out.stderr.contains("crosscheck.yaml:"), "{}", out.stderr);
}

#[test]
fn with_a_baseline_only_a_new_conflict_fails() {
    let root = newsroom();
    let dir = root.path();
    let base = run_in(dir, &["report", "story", "--format", "json", "-o", "base.json"]);
    assert_eq!(base.code, 0, "{}", base.stderr);
    let same = run_in(dir, &["report", "story", "--baseline", "base.json", "--fail-on", "conflict"]);
    assert_eq!(same.code, 0, "the known conflict does not fail: {}", same.stderr);
    // Two later sources that differ on a new fact: how many were hurt.
    let story = dir.join("story");
    std::fs::write(
        story.join("evening.txt"),
        "A bus crash on the Lagos–Ibadan expressway on Monday injured 30 people, police said.\n",
    )
    .unwrap();
    std::fs::write(
        story.join("late.txt"),
        "The bus crash on the Lagos–Ibadan expressway on Monday injured 45 people, hospital officials said.\n",
    )
    .unwrap();
    let mut meta = std::fs::read_to_string(story.join("sources.yaml")).unwrap();
    meta.push_str("evening.txt: {outlet: Evening Star, published: 2023-03-06}\nlate.txt: {outlet: Late Wire, published: 2023-03-06}\n");
    std::fs::write(story.join("sources.yaml"), meta).unwrap();
    let newer = run_in(dir, &["report", "story", "--baseline", "base.json", "--fail-on", "conflict"]);
    assert_eq!(newer.code, 1, "{}{}", newer.stdout, newer.stderr);
    assert!(newer.stderr.contains("conflict: 1 (--fail-on conflict)"), "{}", newer.stderr);
    assert!(newer.stdout.contains("conflict (new)"), "{}", newer.stdout);
    let bad = run_in(dir, &["report", "story", "--baseline", "story/city-wire.txt"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("city-wire.txt"), "{}", bad.stderr);
}

#[test]
fn group_ids_stay_when_an_unrelated_source_joins() {
    let root = newsroom();
    let dir = root.path();
    let before = run_in(dir, &["report", "story", "--format", "json"]);
    let mut before_ids = ids_with(&before.stdout, "conflict");
    before_ids.extend(ids_with(&before.stdout, "agree"));
    before_ids.extend(ids_with(&before.stdout, "single"));
    for entry in std::fs::read_dir(fixture("compatible-drift")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "sources.yaml" {
            std::fs::copy(entry.path(), dir.join("story").join(entry.file_name())).unwrap();
        }
    }
    let after = run_in(dir, &["report", "story", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&after.stdout).unwrap();
    let after_ids: Vec<&str> = doc["groups"].as_array().unwrap().iter().map(|g| g["id"].as_str().unwrap()).collect();
    for id in &before_ids {
        assert!(after_ids.contains(&id.as_str()), "{id} is gone: {after_ids:?}");
    }
}
