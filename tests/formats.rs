//! Sources read as what they are: Markdown as Markdown, HTML for its
//! article text, formats that are not text refused with a reason, and
//! folders walked as ripgrep walks them (ignore files, hidden files).

mod common;

use common::run_in as crosscheck;
use std::path::Path;

fn claims(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["extract", "--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = crosscheck(dir, &all);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    doc["claims"].as_array().cloned().unwrap_or_default()
}

/// What a claim says, without where it says it.
fn said(c: &serde_json::Value) -> (String, String, String) {
    (c["measure"].to_string(), c["value"].to_string(), c["text"].to_string())
}

#[test]
fn a_blockquoted_figure_keeps_its_qualifier_and_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("quote.md"), "Intro line.\n\n> 5 workers died in the fire on Monday.\n").unwrap();
    let found = claims(tmp.path(), &["quote.md"]);
    let toll = found.iter().find(|c| c["text"].as_str().is_some_and(|t| t.contains("5 workers"))).expect("the toll");
    assert_eq!(toll["value"]["qualifier"], "exact", "{toll}");
    assert_eq!(toll["value"]["low"], 5);
    assert_eq!((toll["line"].as_u64(), toll["column"].as_u64()), (Some(3), Some(3)));
}

#[test]
fn markdown_emphasis_links_and_code_are_not_prose() {
    let tmp = tempfile::tempdir().unwrap();
    let md = "# Fire at the plant\n\n**Three workers** died, [the county](https://example.test/2024/10/05) said.\n\n```\n77 people were hurt\n```\n";
    std::fs::write(tmp.path().join("a.md"), md).unwrap();
    std::fs::write(tmp.path().join("a.txt"), "Fire at the plant\n\nThree workers died, the county said.\n").unwrap();
    let from_md: Vec<_> = claims(tmp.path(), &["a.md"]).iter().map(said).collect();
    let from_txt: Vec<_> = claims(tmp.path(), &["a.txt"]).iter().map(said).collect();
    assert!(!from_txt.is_empty());
    assert_eq!(from_md, from_txt);
}

#[test]
fn an_html_page_gives_the_claims_of_its_text() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "Plane crash kills 12 in Costa Rica\n\nTen American tourists and two pilots died when the plane crashed on Sunday, officials said.\n\nThe Cessna 208 had left Punta Islita at 12:10 p.m.\n";
    let html = "<!DOCTYPE html>\n<html><head><title>Crash | News 24</title><style>.a{width:300px}</style>\n<script>var views = 4500;</script></head>\n<body><nav><a href=\"/\">Home</a> 3 new stories</nav>\n<article><h1>Plane crash kills 12 in Costa Rica</h1>\n<p>Ten American tourists and two pilots died when the plane crashed on Sunday, officials&nbsp;said.</p>\n<p>The Cessna 208 had left Punta Islita at 12:10 p.m.</p></article>\n<footer>&copy; 2017 News 24, 1 Main St.</footer></body></html>\n";
    std::fs::write(tmp.path().join("crash.txt"), text).unwrap();
    std::fs::write(tmp.path().join("crash.html"), html).unwrap();
    let from_txt: Vec<_> = claims(tmp.path(), &["crash.txt"]).iter().map(said).collect();
    let from_html: Vec<_> = claims(tmp.path(), &["crash.html"]).iter().map(said).collect();
    assert!(from_txt.len() >= 3, "{from_txt:?}");
    assert_eq!(from_html, from_txt);
    // Each claim points at its line of the page.
    for c in claims(tmp.path(), &["crash.html"]) {
        let line = c["line"].as_u64().unwrap() as usize;
        let page_line = html.lines().nth(line - 1).unwrap();
        let first_word = c["text"].as_str().unwrap().split_whitespace().next().unwrap();
        assert!(page_line.contains(first_word), "line {line} of the page holds {c}");
    }
}

#[test]
fn a_folder_of_html_pages_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.html"), "<p>Five workers died on Monday.</p>").unwrap();
    std::fs::write(tmp.path().join("b.htm"), "<p>Seven workers died on Monday.</p>").unwrap();
    let (code, out, err) = crosscheck(tmp.path(), &["report", ".", "--fail-on", "conflict"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("a.html") && out.contains("b.htm"), "{out}");
}

#[test]
fn formats_that_are_not_text_are_refused_named_and_skipped_in_folders() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("scan.pdf"), "%PDF-1.4 12 workers").unwrap();
    std::fs::write(tmp.path().join("photo.JPG"), [0xFF, 0xD8, 0xFF]).unwrap();
    std::fs::write(tmp.path().join("a.txt"), "Five workers died on Monday.\n").unwrap();
    let (code, out, err) = crosscheck(tmp.path(), &["report", "scan.pdf"]);
    assert_eq!(code, 2, "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("scan.pdf: a PDF: crosscheck reads plain text"), "{err}");
    let (code, out, err) = crosscheck(tmp.path(), &["report", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("scan.pdf: a PDF") && err.contains("photo.JPG: an image"), "{err}");
    assert!(out.contains("a.txt"), "{out}");
}

#[test]
fn ignored_and_hidden_files_are_not_read_unless_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::create_dir_all(dir.join(".cache")).unwrap();
    std::fs::write(dir.join(".gitignore"), "drafts/\n").unwrap();
    std::fs::write(dir.join(".ignore"), "old.txt\n").unwrap();
    std::fs::write(dir.join("wire.txt"), "Five workers died on Monday.\n").unwrap();
    std::fs::write(dir.join("old.txt"), "Nine workers died on Monday.\n").unwrap();
    std::fs::write(dir.join("drafts/mine.txt"), "Six workers died on Monday.\n").unwrap();
    std::fs::write(dir.join(".cache/x.txt"), "Eight workers died on Monday.\n").unwrap();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["report", ".", "--format", "json"];
        all.extend_from_slice(args);
        let (code, out, err) = crosscheck(dir, &all);
        assert_eq!(code, 0, "{err}");
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        doc["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&[]), ["wire.txt"]);
    assert_eq!(ids(&["--no-ignore"]), ["drafts/mine.txt", "old.txt", "wire.txt"]);
    assert_eq!(ids(&["--no-ignore", "--exclude", "drafts/**"]), ["old.txt", "wire.txt"]);
    assert_eq!(ids(&["--no-ignore", "--include", "drafts/*"]), ["drafts/mine.txt"]);
    // A file named directly is read even when an ignore file names it.
    let (code, out, _) = crosscheck(dir, &["extract", "drafts/mine.txt"]);
    assert_eq!(code, 0);
    assert!(out.contains("Six workers"), "{out}");
}
