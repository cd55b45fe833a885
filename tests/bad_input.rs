//! Whatever editors feed it: empty files, a 50 MB line, deep folders,
//! unreadable files, a source over the size limit, 100,000 files, a full
//! disk, a folder it cannot write, Ctrl-C. The run goes on with what it can
//! read, never panics, and never loses a report. Big fixtures are made here.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn crosscheck() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    c.env_remove("CROSSCHECK_CONFIG").stdin(Stdio::null());
    c
}

fn run(args: &[&str]) -> Out {
    let out = crosscheck().args(args).output().unwrap();
    let o = Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into(),
        stderr: String::from_utf8_lossy(&out.stderr).into(),
    };
    assert!(!o.stderr.contains("panicked at") && !o.stdout.contains("panicked at"), "{}", o.stderr);
    o
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const GOOD: &str = "Acme Corp said on Monday its shares fell 10% to $37 billion.\n";

#[test]
fn empty_files_are_read_and_give_no_claims() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("blank.md"), "\n\n   \n").unwrap();
    let out = run(&["report", s(dir.path()), "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["sources"].as_array().unwrap().len(), 2);
    assert_eq!(doc["groups"].as_array().unwrap().len(), 0);
}

#[test]
fn a_source_that_is_one_50_mb_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-line.txt");
    let filler = "the committee heard testimony from residents about the plan and ".repeat(60);
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let mut written = 0;
    let mut k = 0;
    while written < 50_000_000 {
        let chunk = format!("{filler}Acme Corp shares fell {}% on Monday and ", k % 90 + 1);
        f.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
        k += 1;
    }
    f.flush().unwrap();
    drop(f);
    let out = run(&["extract", s(&path), "--format", "jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let claims = out.stdout.lines().count();
    assert!(claims >= k / 2, "{claims} claims for {k} figures");
    let first: serde_json::Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["line"], 1);
    assert!(first["sentence"].as_str().unwrap().len() <= 4096, "sentences stay bounded");
}

#[test]
fn very_deep_folders_are_walked() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_path_buf();
    for _ in 0..300 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("story.txt"), GOOD).unwrap();
    let out = run(&["extract", s(dir.path()), "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let id = doc["sources"][0]["id"].as_str().unwrap();
    assert_eq!(id.matches("d/").count(), 300, "{id}");
    assert!(!doc["claims"].as_array().unwrap().is_empty());
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_symlink_loops_are_skipped_and_named() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    symlink(dir.path().join("nowhere.txt"), dir.path().join("gone.txt")).unwrap();
    symlink(dir.path(), dir.path().join("loop")).unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, GOOD).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root_reads_anything = std::fs::read(&locked).is_ok();
    let out = run(&["report", s(dir.path())]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("gone.txt"), "{}", out.stderr);
    assert!(out.stderr.contains("folder already read"), "{}", out.stderr);
    assert!(out.stdout.contains("## Skipped") && out.stdout.contains("gone.txt"), "{}", out.stdout);
    if !root_reads_anything {
        assert!(out.stdout.contains("locked.txt | Permission denied"), "{}", out.stdout);
    }
}

#[test]
fn a_source_over_the_size_limit_is_skipped_naming_the_limit_and_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    // A sparse file: 1 GB on paper, nothing on disk.
    let huge = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    huge.set_len(1_000_000_001).unwrap();
    drop(huge);
    let out = run(&["report", s(dir.path())]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("huge.txt: 1001 MB is over the limit of 256 MB a source (raise it with --max-source-mb)"),
        "{}",
        out.stderr
    );
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "x".repeat(2_000_000)).unwrap();
    let out = run(&["extract", s(&small), "--max-source-mb", "1"]);
    assert_eq!(out.code, 2, "nothing readable is left: {}", out.stderr);
    assert!(out.stderr.contains("over the limit of 1 MB"), "{}", out.stderr);
}

#[test]
fn standard_input_over_the_limit_is_skipped_not_read_whole() {
    let mut child = crosscheck()
        .args(["extract", "-", "--max-source-mb", "1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // 50 MB offered; the reader stops after the first megabyte, so the writer may be cut off.
    let writer = std::thread::spawn(move || {
        let line = GOOD.repeat(1000);
        for _ in 0..(50_000_000 / line.len()) {
            if stdin.write_all(line.as_bytes()).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "nothing readable is left: {stderr}");
    assert!(stderr.contains("-: standard input is over the limit of 1 MB a source"), "{stderr}");
    assert!(!stderr.contains("panicked at"), "{stderr}");
    // Under the limit, standard input is a source like any other.
    let mut child = crosscheck().args(["extract", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(GOOD.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"source\":\"stdin\""));
}

#[test]
fn a_folder_of_100000_files_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for k in 0..100_000 {
        let sub = dir.path().join(format!("{:03}", k / 1000));
        if k % 1000 == 0 {
            std::fs::create_dir(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("{k:06}.txt")), if k % 100 == 0 { GOOD } else { "Notes.\n" }).unwrap();
    }
    let out = run(&["report", s(dir.path()), "--format", "json", "--quiet"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["sources"].as_array().unwrap().len(), 100_000);
    assert!(out.stderr.is_empty(), "no progress bar or warning off a terminal: {}", out.stderr);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_clear_error() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = crosscheck().args(["report", "seeds"]).stdout(full).stderr(Stdio::piped()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write standard output") && stderr.contains("No space left"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_written_is_a_clear_error_and_loses_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("file.txt");
    std::fs::write(&not_a_folder, "kept").unwrap();
    let out = run(&["report", "seeds", "-o", s(&not_a_folder.join("report.md"))]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("report.md"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);

    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let report = locked.join("REPORT.md");
    std::fs::write(&report, "the committed report").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(locked.join("probe"), "").is_ok() {
        return; // Running as root: permissions do not bind, nothing more to see.
    }
    let out = run(&["report", "seeds", "-o", s(&report)]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("Permission denied"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "the committed report");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn ctrl_c_before_the_end_leaves_the_report_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let texts: Vec<String> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for k in 0..3000 {
        std::fs::write(corpus.join(format!("{k:05}.txt")), &texts[k % texts.len()]).unwrap();
    }
    let report = dir.path().join("REPORT.md");
    std::fs::write(&report, "the committed report").unwrap();
    let mut child = crosscheck().args(["report", s(&corpus), "-o", s(&report), "--threads", "1"]).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let killed = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(!status.success(), "the run was interrupted");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "the committed report");
}

/// Bad rules are reported before standard input is read: with `-` among the
/// sources and nothing ever written to standard input, the run still ends
/// at once with the rules' error.
#[test]
fn bad_rules_fail_before_standard_input_is_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("claims.yaml"), "clause_boundaries: [\n").unwrap();
    for command in ["extract", "report"] {
        let mut child = crosscheck()
            .args([command, "--rules", s(dir.path()), "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Standard input stays open and empty for as long as the run lasts.
        let _open = child.stdin.take();
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() > std::time::Duration::from_secs(20) {
                child.kill().unwrap();
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
        assert_eq!(status.and_then(|s| s.code()), Some(2), "{command} waited on standard input: {stderr}");
        assert!(stderr.contains("claims.yaml"), "{command}: {stderr}");
    }
}

/// `extract` names an output it cannot write before a source it cannot find,
/// as it always has.
#[test]
fn an_output_that_cannot_be_written_is_named_before_a_missing_source() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("no such folder").join("claims.jsonl");
    let missing = dir.path().join("no such source");
    let out = run(&["extract", "-o", s(&output), s(&missing)]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("claims.jsonl"), "{}", out.stderr);
}

#[test]
fn a_source_that_fails_ends_extract_after_the_claims_before_it() {
    // Forty sources: tasks read them in runs, and the failing one is in the second run.
    let dir = tempfile::tempdir().unwrap();
    for k in 0..40 {
        if k == 35 {
            std::fs::write(dir.path().join(format!("s{k:02}.md")), format!("---\noutlet: [unclosed\n---\n{GOOD}"))
                .unwrap();
        } else {
            std::fs::write(dir.path().join(format!("s{k:02}.txt")), GOOD).unwrap();
        }
    }
    let out = run(&["extract", s(dir.path())]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("s35.md"), "{}", out.stderr);
    let sources: Vec<String> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].as_str().unwrap().to_string())
        .collect();
    let mut read: Vec<String> = sources.clone();
    read.dedup();
    let expected: Vec<String> = (0..35).map(|k| format!("s{k:02}.txt")).collect();
    assert_eq!(read, expected);
}

#[test]
fn pipes_and_devices_in_a_folder_are_skipped_never_waited_on() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    // A device that never ends, behind a name a source would have.
    symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    let out = run(&["report", s(dir.path()), "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("zero.txt: not a regular file"), "{}", out.stderr);
    if made {
        assert!(out.stderr.contains("pipe.txt: not a regular file"), "{}", out.stderr);
    }
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["sources"].as_array().unwrap().len(), 1);
}

#[test]
fn a_device_named_directly_is_read_up_to_the_limit() {
    let out = run(&["extract", "/dev/zero", "--max-source-mb", "1"]);
    assert_eq!(out.code, 2, "nothing readable is left: {}", out.stderr);
    assert!(out.stderr.contains("over the limit of 1 MB"), "{}", out.stderr);
    let out = run(&["report", "/dev/null", "--config", "/dev/zero"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("/dev/zero") && out.stderr.contains("limit"), "{}", out.stderr);
}

#[test]
fn a_device_given_to_o_is_written_to_and_stays_a_device() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    // A null device of this test's own: never the machine's /dev/null.
    let null = dir.path().join("null");
    let made = Command::new("mknod").arg(&null).args(["c", "1", "3"]).status().is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mknod needs root");
        return;
    }
    let out = run(&["report", s(&dir.path().join("good.txt")), "-o", s(&null)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&null).unwrap().file_type().is_char_device());
}

#[test]
fn a_symbolic_link_given_to_o_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let target = dir.path().join("report.md");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("report.md", &link).unwrap();
    let out = run(&["report", s(&dir.path().join("good.txt")), "-o", s(&link)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("Acme"));
}

#[test]
fn an_absurd_thread_count_is_clamped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    for n in ["100000", "18446744073709551615"] {
        let out = run(&["report", s(dir.path()), "--threads", n]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stderr.contains("using 256"), "{}", out.stderr);
    }
}

#[test]
fn a_published_date_that_is_no_date_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "---\npublished: 2000-01-9223372036854764846\n---\nThe crash killed 12 people on Monday.\n";
    std::fs::write(dir.path().join("a.md"), bad).unwrap();
    std::fs::write(dir.path().join("b.md"), "---\npublished: 2000-01-09\n---\nThe crash killed 13 people on Monday.\n")
        .unwrap();
    let out = run(&["report", s(dir.path())]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("a.md:2:1: published: \"2000-01-9223372036854764846\" is not a date"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    // In a sources.yaml too: a date in words, and a day the calendar lacks.
    std::fs::write(dir.path().join("a.md"), "The crash killed 12 people on Monday.\n").unwrap();
    for (value, line) in [("5 October 2024", 3), ("2024-02-31", 3)] {
        std::fs::write(dir.path().join("sources.yaml"), format!("a.md:\n  outlet: Wire\n  published: {value}\n"))
            .unwrap();
        let out = run(&["report", s(dir.path())]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr.contains(&format!("sources.yaml:{line}:3: published: \"{value}\" is not a date")),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn its_own_outputs_in_a_story_folder_are_never_read_back_as_sources() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), GOOD).unwrap();
    std::fs::write(dir.path().join("b.txt"), "Acme Corp said on Monday its shares fell 12% to $37 billion.\n").unwrap();
    let count = || {
        let out = run(&["report", s(dir.path()), "--format", "json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        doc["sources"].as_array().unwrap().len()
    };
    assert_eq!(count(), 2);
    for (k, format) in ["md", "json", "jsonl", "github", "sarif"].iter().enumerate() {
        let out_file = dir.path().join(format!("report-{k}.txt"));
        let out = run(&["report", s(dir.path()), "--format", format, "-o", s(&out_file)]);
        assert!(out.code <= 1, "{}", out.stderr);
    }
    for (k, format) in ["jsonl", "json", "md"].iter().enumerate() {
        let out_file = dir.path().join(format!("claims-{k}.md"));
        let out = run(&["extract", s(dir.path()), "--format", format, "-o", s(&out_file)]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    assert_eq!(count(), 2, "eight outputs were written beside the two articles");
}

#[test]
fn metadata_nested_thousands_deep_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), GOOD).unwrap();
    let deep = format!("a.txt:\n  outlet: {}{}\n", "[".repeat(200_000), "]".repeat(200_000));
    std::fs::write(dir.path().join("sources.yaml"), deep).unwrap();
    let out = run(&["report", s(dir.path())]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("sources.yaml:2:75: nested more than 64 deep"), "{}", out.stderr);
    // Rules too.
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("dates.yaml"), format!("weekdays: {}{}\n", "[".repeat(100), "]".repeat(100))).unwrap();
    std::fs::remove_file(dir.path().join("sources.yaml")).unwrap();
    let out = run(&["report", s(dir.path()), "--rules", s(&rules)]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("dates.yaml:1:75: nested more than 64 deep"), "{}", out.stderr);
}

#[test]
fn a_hostile_folder_is_reported_with_the_articles_claims() {
    let dir = tempfile::tempdir().unwrap();
    // A line of figure-ish words with no sentence end: thousands of claims a sentence.
    let words = ["12 percent", "$3 billion", "the", "fell", "5 people", "rose", "Acme", "on Monday", "about 40", "("];
    let mut line = String::new();
    let mut k = 0usize;
    while line.len() < 1_000_000 {
        line.push_str(words[(k * 7 + k / 3) % words.len()]);
        line.push(' ');
        k += 1;
    }
    std::fs::write(dir.path().join("line.txt"), line).unwrap();
    let blob: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(dir.path().join("blob.txt"), blob).unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"The crash killed \xff\xfe 12 people on Monday.\n").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("article.txt"), "Zenith Corp said on Monday its shares fell 10% to $37 billion.\n")
        .unwrap();
    let out = run(&["report", s(dir.path()), "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let from_article = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["claims"].as_array().unwrap())
        .filter(|c| c["source"] == "article.txt")
        .count();
    assert!(from_article >= 2, "the article's share move and value are in the report");
}

#[test]
fn two_files_of_one_name_in_two_folders_stay_two_sources() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, n) in [("a", "Three"), ("b", "Five")] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        let text = format!("{n} workers died in the blast at the Norland plant on Monday, police said.\n");
        std::fs::write(dir.path().join(folder).join("wire.txt"), text).unwrap();
    }
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for args in [vec![s(&a), s(&b)], vec![s(&a.join("wire.txt")), s(&b.join("wire.txt"))]] {
        let mut all = vec!["report"];
        all.extend(args);
        all.extend(["--fail-on", "conflict", "--format", "json"]);
        let out = run(&all);
        assert_eq!(out.code, 1, "the two death tolls conflict: {}", out.stdout);
        let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let ids: Vec<&str> = doc["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["a/wire.txt", "b/wire.txt"]);
    }
    // The same file given twice is read once.
    let out = run(&["report", s(&a), s(&a.join("wire.txt")), "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("given twice: read once"), "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["sources"].as_array().unwrap().len(), 1);
}

#[test]
fn standard_input_given_twice_is_read_once() {
    let mut child = crosscheck()
        .args(["report", "-", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(GOOD.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["sources"].as_array().unwrap().len(), 1);
}
