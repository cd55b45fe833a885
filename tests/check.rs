//! `crosscheck check`: a draft with one supported, one contradicted, one
//! differing and one unsupported figure, in JSON and with `--fail-on`.

mod common;

use common::run;

const DRAFT: &str = "tests/fixtures/check/draft.md";
const SOURCES: &str = "tests/fixtures/check/sources";

#[test]
fn each_draft_figure_gets_its_status_and_evidence() {
    let (code, out, err) = run(&["check", DRAFT, "--against", SOURCES, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["crosscheck"], 1);
    assert_eq!(v["draft"], DRAFT);
    let claims = v["claims"].as_array().unwrap();
    let status_at =
        |line: u64| claims.iter().find(|c| c["line"] == line).map(|c| c["status"].as_str().unwrap().to_string());
    assert_eq!(status_at(3).as_deref(), Some("supported"));
    assert_eq!(status_at(5).as_deref(), Some("contradicted"));
    assert_eq!(status_at(7).as_deref(), Some("differs"));
    assert_eq!(status_at(9).as_deref(), Some("unsupported"));
    let contradicted = claims.iter().find(|c| c["status"] == "contradicted").unwrap();
    assert_eq!(contradicted["evidence"][0]["source"], "wire.txt");
    assert_eq!(contradicted["evidence"][0]["line"], 2);
    assert_eq!(contradicted["evidence"][0]["text"], "12 people");
    assert!(claims.iter().find(|c| c["status"] == "unsupported").unwrap()["evidence"].as_array().unwrap().is_empty());
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(run(&["check", DRAFT, "--against", SOURCES]).0, 0);
    assert_eq!(run(&["check", DRAFT, "--against", SOURCES, "--fail-on", "contradicted"]).0, 1);
    assert_eq!(run(&["check", DRAFT, "--against", SOURCES, "--fail-on", "unsupported"]).0, 1);
    // A draft that says what its source says passes every check.
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("same.txt");
    std::fs::copy("tests/fixtures/check/sources/wire.txt", &same).unwrap();
    assert_eq!(
        run(&[
            "check",
            same.to_str().unwrap(),
            "--against",
            SOURCES,
            "--fail-on",
            "contradicted",
            "--fail-on",
            "unsupported",
            "--fail-on",
            "differs"
        ])
        .0,
        0
    );
    assert_eq!(run(&["check", "no-such-draft.md", "--against", SOURCES]).0, 2);
}

#[test]
fn report_check_catches_a_stale_report_and_passes_a_fresh_one() {
    let dir = std::env::temp_dir().join(format!("crosscheck-stale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("REPORT.md");
    let report = report.to_str().unwrap();
    let story = "tests/fixtures/stories/conflict-death-toll";
    assert_eq!(run(&["report", story, "-o", report]).0, 0);
    let (code, out, _) = run(&["report", story, "-o", report, "--check"]);
    assert_eq!((code, out.as_str()), (0, ""), "a fresh report passes");
    let fresh = std::fs::read_to_string(report).unwrap();
    std::fs::write(report, fresh.replace("12 people", "11 people")).unwrap();
    let (code, out, err) = run(&["report", story, "-o", report, "--check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.lines().any(|l| l.starts_with("-| Daily Courier |") && l.contains("**11 people**"))
            && out.lines().any(|l| l.starts_with("+| Daily Courier |") && l.contains("**12 people**")),
        "{out}"
    );
    assert!(out.starts_with("---") && out.contains("+++"), "a unified diff: {out}");
    assert!(std::fs::read_to_string(report).unwrap().contains("11 people"), "--check never writes");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn github_format_gives_workflow_commands_github_parses() {
    let (code, out, err) = run(&["report", "seeds", "--format", "github"]);
    assert_eq!(code, 0, "{err}");
    let warnings: Vec<&str> = out.lines().filter(|l| l.starts_with("::warning ")).collect();
    assert!(!warnings.is_empty() && warnings.len() <= 10, "{out}");
    for w in &warnings {
        let (props, message) = w["::warning ".len()..].split_once("::").expect("properties::message");
        assert!(!message.is_empty() && !message.contains('\n'));
        let keys: Vec<&str> = props.split(',').map(|p| p.split_once('=').expect("key=value").0).collect();
        assert_eq!(keys, ["file", "line", "col", "title"], "{w}");
        let file = props.split(',').next().unwrap().trim_start_matches("file=");
        assert!(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file).exists(),
            "the file is the source's path: {file}"
        );
    }
    assert!(out.lines().last().unwrap().starts_with("::notice title=crosscheck::5 sources"));
}

#[test]
fn check_in_github_format_annotates_the_draft_lines() {
    let (code, out, err) = run(&["check", DRAFT, "--against", SOURCES, "--format", "github"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with(&format!("::error file={DRAFT},line=5,col=")), "{out}");
    assert!(lines[0].contains("title=crosscheck contradicted%3A ") && lines[0].contains("wire.txt line 2: 12 people"));
    assert!(lines.iter().any(|l| l.starts_with(&format!("::warning file={DRAFT},line=7,"))), "{out}");
    assert!(lines
        .iter()
        .any(|l| l.starts_with(&format!("::warning file={DRAFT},line=9,")) && l.ends_with("no source states it")));
    assert!(!lines.iter().any(|l| l.contains("line=3,")), "supported claims are not annotated: {out}");
    assert_eq!(
        *lines.last().unwrap(),
        "::notice title=crosscheck::4 draft claims: 1 supported, 1 contradicted, 1 differ, 1 unsupported"
    );
}

#[test]
fn a_report_committed_inside_its_story_folder_is_not_read_as_a_source() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story");
    std::fs::create_dir(&story).unwrap();
    for f in std::fs::read_dir("tests/fixtures/stories/conflict-death-toll").unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), story.join(f.file_name())).unwrap();
    }
    let story_s = story.to_str().unwrap();
    let report = story.join("REPORT.md");
    let report_s = report.to_str().unwrap();
    assert_eq!(run(&["report", story_s, "-o", report_s]).0, 0);
    let first = std::fs::read_to_string(&report).unwrap();
    let (code, diff, err) = run(&["report", story_s, "-o", report_s, "--check"]);
    assert_eq!(code, 0, "the report did not read itself: {diff}{err}");
    assert!(!first.contains("REPORT.md"), "{first}");
}

#[test]
fn a_draft_inside_its_own_against_folder_is_not_its_own_evidence() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.md"), "Five workers died in the blast on Monday, police said.\n").unwrap();
    std::fs::write(dir.path().join("wire.txt"), "Three workers died in the blast on Monday, police said.\n").unwrap();
    let draft = dir.path().join("draft.md");
    let (code, out, err) = run(&[
        "check",
        draft.to_str().unwrap(),
        "--against",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--fail-on",
        "contradicted",
    ]);
    assert_eq!(code, 1, "the wire contradicts the draft: {out}");
    assert!(err.contains("is the draft: left out of --against"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let evidence = &v["claims"][0]["evidence"];
    assert!(evidence.as_array().unwrap().iter().all(|e| e["source"] == "wire.txt"), "{evidence}");
}

#[test]
fn an_exit_1_says_why_in_one_line_unless_quiet() {
    let (code, _, err) = run(&["check", DRAFT, "--against", SOURCES, "--fail-on", "contradicted"]);
    assert_eq!(code, 1);
    assert!(err.lines().any(|l| l == "crosscheck: contradicted: 1 (--fail-on contradicted)"), "{err}");
    let (code, _, err) = run(&["report", SOURCES, "--fail-on", "single", "-q"]);
    assert_eq!(code, 1);
    assert!(err.is_empty(), "{err}");
    let (code, _, err) = run(&["report", SOURCES, "--fail-on", "single"]);
    assert_eq!(code, 1);
    assert!(err.lines().any(|l| l.starts_with("crosscheck: single: ") && l.ends_with("(--fail-on single)")), "{err}");
}

#[test]
fn the_draft_may_come_after_against() {
    let (code, out, err) = run(&["check", "--against", SOURCES, DRAFT, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["draft"], DRAFT);
    assert_eq!(v["claims"].as_array().unwrap().len(), 4);
    let (code, _, err) = run(&["check", "--against", SOURCES]);
    assert_eq!(code, 2);
    assert!(err.contains("check needs a draft and its sources"), "{err}");
}

#[test]
fn check_with_report_s_check_option_says_what_it_is_for() {
    let (code, _, err) = run(&["check", "docs/examples/draft.md", "--against", "docs/examples/story", "--check"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("check has no --check") && !err.contains("tip:"), "{err}");
}
