//! Settings files and terminal habits: crosscheck.yaml discovery, flags over
//! the file, unknown keys as errors with their place, `config --dump`,
//! include/exclude globs, colour, `--quiet`, and JSON Lines reports.

use std::path::Path;
use std::process::Command;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs crosscheck in `dir` with `env` set and no config named by the caller's environment.
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    cmd.args(args).current_dir(dir).env_remove("CROSSCHECK_CONFIG").env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    }
}

/// A newsroom repository with a config file at its root, and its story
/// folder two levels below.
fn newsroom(config_name: &str, config: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let story = root.path().join("stories/acme");
    std::fs::create_dir_all(&story).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories/conflict-death-toll");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), story.join(entry.file_name())).unwrap();
    }
    std::fs::write(root.path().join(config_name), config).unwrap();
    (root, story)
}

#[test]
fn a_config_in_a_parent_folder_is_found_and_flags_override_it() {
    let (_root, story) = newsroom("crosscheck.yaml", "format: json\nfail-on: [conflict]\n");
    let out = run_in(&story, &["report", "."], &[]);
    assert_eq!(out.code, 1, "fail-on from the config: {}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("format from the config is json");
    assert_eq!(doc["crosscheck"], 1);
    let out = run_in(&story, &["report", ".", "--format", "md", "--fail-on", "single"], &[]);
    assert!(out.stdout.starts_with("# Cross-check report"), "the flag wins: {}", out.stdout);
    let out = run_in(&story, &["report", ".", "--exit-zero"], &[]);
    assert_eq!(out.code, 0, "--exit-zero reports without failing: {}", out.stderr);
    assert!(out.stdout.starts_with("{\n"));
}

#[test]
fn a_hidden_config_an_environment_variable_and_a_flag_are_each_honoured() {
    let (root, story) = newsroom(".crosscheck.yaml", "format: jsonl\n");
    let out = run_in(&story, &["report", "."], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in out.stdout.lines() {
        let group: serde_json::Value = serde_json::from_str(line).expect("one JSON object a line");
        assert!(group["verdict"].is_string() && group["claims"].is_array(), "{line}");
    }
    let other = root.path().join("other.yaml");
    std::fs::write(&other, "format: json\n").unwrap();
    let out = run_in(&story, &["report", "."], &[("CROSSCHECK_CONFIG", other.to_str().unwrap())]);
    assert!(out.stdout.starts_with("{\n"), "{}", out.stdout);
    let md = root.path().join("md.yaml");
    std::fs::write(&md, "format: md\n").unwrap();
    let out = run_in(
        &story,
        &["--config", md.to_str().unwrap(), "report", "."],
        &[("CROSSCHECK_CONFIG", other.to_str().unwrap())],
    );
    assert!(out.stdout.starts_with("# Cross-check report"), "--config beats the environment: {}", out.stdout);
}

#[test]
fn an_unknown_key_is_an_error_naming_file_line_and_column() {
    let (root, story) = newsroom("crosscheck.yaml", "format: md\nfail-on: [conflict]\nfailon: [single]\n");
    let out = run_in(&story, &["report", "."], &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let file = root.path().join("crosscheck.yaml");
    let expected = format!("crosscheck: {}:3:1: unknown field `failon`", file.display());
    assert!(out.stderr.starts_with(&expected), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn config_dump_prints_the_effective_settings() {
    let (_root, story) =
        newsroom("crosscheck.yaml", "rules: [house-rules]\ntolerances: {about: 0.2}\nexclude: ['drafts/**']\n");
    let out = run_in(&story, &["config", "--dump"], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let yaml = out.stdout.lines().skip(1).collect::<Vec<_>>().join("\n");
    let doc: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    let rules = doc["rules"][0].as_str().unwrap();
    assert!(rules.ends_with("house-rules") && Path::new(rules).is_absolute(), "rules resolve beside the file: {rules}");
    assert_eq!(doc["tolerances"]["about"].as_f64(), Some(0.2));
    assert_eq!(doc["format"].as_str(), Some("md"), "defaults are filled in");
    assert!(out.stdout.starts_with("# from "), "{}", out.stdout);
    let none = tempfile::tempdir().unwrap();
    let out = run_in(none.path(), &["config", "--dump"], &[]);
    assert!(out.stdout.starts_with("# no crosscheck.yaml found"), "{}", out.stdout);
}

#[test]
fn include_and_exclude_globs_choose_the_files_read_in_folders() {
    let (root, story) = newsroom("crosscheck.yaml", "exclude: ['drafts/**']\n");
    let drafts = story.join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(drafts.join("draft.txt"), "The death toll rose to 999, officials said.\n").unwrap();
    let out = run_in(&story, &["extract", ".", "--format", "json"], &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains("drafts/draft.txt"), "{}", out.stdout);
    std::fs::write(root.path().join("crosscheck.yaml"), "include: ['drafts/*.txt']\n").unwrap();
    let out = run_in(&story, &["extract", ".", "--format", "json"], &[]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let ids: Vec<&str> = doc["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["drafts/draft.txt"]);
}

#[test]
fn colour_only_when_asked_and_never_with_no_color_on_auto() {
    let (root, story) = newsroom("crosscheck.yaml", "");
    for env in [vec![], vec![("NO_COLOR", "1")]] {
        let out = run_in(&story, &["report", "."], &env);
        assert!(!out.stdout.contains('\x1b') && !out.stderr.contains('\x1b'), "{env:?}: {}", out.stdout);
    }
    let out = run_in(&story, &["report", ".", "--color", "always"], &[]);
    assert!(out.stdout.contains("\x1b[1m# Cross-check report\x1b[0m"), "{}", out.stdout);
    let out = run_in(&story, &["report", ".", "--color", "always", "-o", "r.md"], &[]);
    assert_eq!(out.code, 0);
    let written = std::fs::read_to_string(story.join("r.md")).unwrap();
    assert!(!written.contains('\x1b'), "a file never gets escape codes");
    std::fs::write(root.path().join("crosscheck.yaml"), "color: always\n").unwrap();
    let out = run_in(&story, &["report", ".", "--color", "never"], &[]);
    assert!(!out.stdout.contains('\x1b'), "the flag beats the config");
}

#[test]
fn quiet_silences_warnings_but_not_errors() {
    let (_root, story) = newsroom("crosscheck.yaml", "");
    std::fs::write(story.join("scan.pdf"), b"%PDF").unwrap();
    let loud = run_in(&story, &["report", "."], &[]);
    assert!(loud.stderr.contains("warning: skipped ./scan.pdf"), "{}", loud.stderr);
    let quiet = run_in(&story, &["report", ".", "--quiet"], &[]);
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
    assert_eq!(quiet.stdout, loud.stdout);
    let missing = run_in(&story, &["report", "nowhere", "-q"], &[]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nowhere"), "{}", missing.stderr);
}
