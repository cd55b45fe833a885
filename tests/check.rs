//! `crosscheck check`: a draft with one supported, one contradicted, one
//! differing and one unsupported figure, in JSON and with `--fail-on`.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

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
    assert_eq!(
        run(&[
            "check",
            "tests/fixtures/check/sources/wire.txt",
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
