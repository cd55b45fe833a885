//! `report --format html`: one self-contained page (no script, font or
//! request; every source text escaped), kept as a snapshot for one small
//! story, and opened in a real browser (headless Chromium) that must load
//! it without a console message. The screenshot is left in `target/`, out
//! of the repository, for a person to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The HTML report of some paths (relative to the crate root).
fn html_of(args: &[&str]) -> String {
    let mut all = vec!["report", "--format", "html"];
    all.extend_from_slice(args);
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck")).args(&all).current_dir(root()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_page_of_a_small_story_is_kept_as_a_snapshot() {
    let html = html_of(&["tests/fixtures/stories/conflict-death-toll"]);
    insta::with_settings!({snapshot_path => root().join("snapshots"), prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("story_conflict-death-toll_html", html);
    });
}

#[test]
fn the_page_holds_everything_and_escapes_every_source_text() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("a.txt"),
        "Acme <script>alert(1)</script> said 12 workers died on Monday. <img src=x onerror=alert(2)>\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("b.txt"), "Acme said 15 workers died on Monday.\n").unwrap();
    let html = html_of(&[tmp.path().to_str().unwrap()]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
    assert!(html.contains("Acme &lt;script&gt;alert("), "{html}");
    for outside in ["http://", "https://", " src=\"", "@import", "url("] {
        assert!(!html.contains(outside), "nothing is fetched ({outside}): {html}");
    }
    // The conflict is drawn: a bar for each figure, and the claims marked in the texts.
    assert!(html.contains("class=\"bar conflict\""), "{html}");
    assert_eq!(html.matches("<mark class=\"conflict\">").count(), 2, "{html}");
    // Every link to a place in a source lands on a line of the page.
    for target in html.split("href=\"#").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
        assert!(html.contains(&format!("id=\"{target}\"")), "no element {target}");
    }
}

/// The first of the usual Chromium binaries found on PATH.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

#[test]
fn a_real_browser_loads_the_page_with_no_console_message() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CROSSCHECK_REQUIRE_CHROMIUM").is_none(),
            "CROSSCHECK_REQUIRE_CHROMIUM is set but no Chromium is on PATH"
        );
        eprintln!("skipped: no Chromium on PATH (.ci/run installs it)");
        return;
    };
    let out_dir = root().join("target/html-check");
    std::fs::create_dir_all(&out_dir).unwrap();
    let page = out_dir.join("costa-rica-plane-crash-2017.html");
    std::fs::write(&page, html_of(&["tests/fixtures/news/costa-rica-plane-crash-2017"])).unwrap();
    let url = format!("file://{}", page.display());
    let run = |extra: &[&str]| {
        let profile = tempfile::tempdir().unwrap();
        let out = Command::new(&browser)
            .args(["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr"])
            .args(["--v=0", "--hide-scrollbars", "--window-size=1400,2400"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(&url)
            .output()
            .expect("run Chromium");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, dom, log) = run(&["--dump-dom"]);
    assert!(ok, "{log}");
    assert!(dom.contains("<h1>Cross-check report</h1>") && dom.contains("class=\"texts\""), "the page loaded: {dom}");
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:?}");
    let shot = out_dir.join("costa-rica-plane-crash-2017.png");
    let _ = std::fs::remove_file(&shot);
    let (ok, _, log) = run(&[&format!("--screenshot={}", shot.display())]);
    assert!(ok, "{log}");
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 10_000, "a screenshot of the page at {}", shot.display());
    assert!(Path::new(&shot).starts_with(root().join("target")), "kept out of the repository");
}
