//! The command line as tools and CI use it: the contract's JSON lines, exit
//! codes, and clear one-line errors.

use std::io::Write;
use std::process::{Command, Stdio};

fn crosscheck() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
}

fn run_stdin(args: &[&str], input: &[u8]) -> (i32, String, String) {
    let mut child =
        crosscheck().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn quantities_answers_every_stdin_line_with_one_json_line() {
    let input =
        "more than $37 billion\n\n   \n\u{0}odd\u{7f} line\nnothing here\r\n\u{feff}42%\nlast line without newline";
    let (code, out, err) = run_stdin(&["quantities"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), input.split('\n').count());
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["input"].is_string() && v["quantities"].is_array());
    }
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let q = &first["quantities"][0];
    assert_eq!(q["text"], "more than $37 billion");
    assert_eq!(q["amount"], 37_000_000_000u64);
    assert_eq!(q["low"], 37_000_000_000u64);
    assert!(q["high"].is_null());
    assert_eq!(q["unit"], "USD");
    assert_eq!(q["qualifier"], "more_than");
    assert_eq!(q["kind"], "money");
    assert_eq!((q["start"].as_u64(), q["end"].as_u64()), (Some(0), Some(21)));
}

#[test]
fn quantities_reads_invalid_utf8_lossily() {
    let (code, out, _) = run_stdin(&["quantities"], b"\xff\xfe 12 percent\n");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["quantities"][0]["amount"], 12);
}

#[test]
fn quantities_takes_texts_as_arguments() {
    let out = crosscheck().args(["quantities", "5G", "as many as five"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["quantities"].as_array().unwrap().len(), 0);
    assert_eq!(lines[1]["quantities"][0]["qualifier"], "up_to");
}

#[test]
fn a_usage_error_exits_2_without_a_panic() {
    let out = crosscheck().args(["no-such-command"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = crosscheck().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("crosscheck") && text.contains("report"), "{shell}");
    }
}

#[test]
fn output_has_no_escape_codes_off_a_terminal() {
    let out = crosscheck()
        .args(["report", "seeds"])
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
}

#[test]
fn skipped_sources_are_listed_in_the_report_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("good.txt"), "Acme Corp shares fell 10% on Monday.\n").unwrap();
    std::fs::write(dir.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0binary").unwrap();
    std::fs::write(dir.join("notes.pdf"), b"%PDF-1.4").unwrap();
    let (code, out, err) = run_stdin(&["report", dir.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("## Skipped"), "{out}");
    assert!(out.contains("image.txt | binary file |"), "{out}");
    assert!(out.contains("notes.pdf | a PDF: crosscheck reads plain text"), "{out}");
    assert!(err.contains("image.txt: binary file"), "{err}");
    let (_, json, _) = run_stdin(&["report", dir.to_str().unwrap(), "--format", "json"], b"");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["skipped"].as_array().map(Vec::len), Some(2), "{json}");
    assert_eq!(doc["sources"].as_array().map(Vec::len), Some(1));
}

#[test]
fn nothing_readable_exits_2_naming_what_was_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("blob.txt"), b"\0\0\0\0binary").unwrap();
    let (code, _, err) = run_stdin(&["report", dir.to_str().unwrap()], b"");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("blob.txt: binary file"), "{err}");
    assert!(err.contains("no sources could be read"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn extract_lines_are_the_claims_of_the_whole_document_in_order() {
    // JSON lines are written source by source as they are read; the JSON
    // document collects every claim first. Both must give the same claims.
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let (code, lines, err) = run_stdin(&["extract", seeds, "--threads", "2"], b"");
    assert_eq!(code, 0, "{err}");
    let (_, json, _) = run_stdin(&["extract", seeds, "--format", "json"], b"");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let claims = doc["claims"].as_array().unwrap();
    let streamed: Vec<serde_json::Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(claims.len() > 50, "{} claims", claims.len());
    assert_eq!(&streamed, claims);

    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("claims.jsonl");
    let (code, _, err) = run_stdin(&["extract", seeds, "-o", file.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), lines);
}
