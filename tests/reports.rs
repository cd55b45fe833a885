//! The reports as an editor and a tool read them: snapshots of the seeds'
//! report and of one small story per verdict (kept in `snapshots/`, so a rule
//! change shows up in review as a diff of reports), the verdict each story
//! was written for, and byte-identical output whatever the order or threads.

use crosscheck::compare::{Comparer, Verdict};
use crosscheck::extract::Extractor;
use crosscheck::report::{report_json, report_markdown, Report, SourceInfo};
use crosscheck::rules::RuleSet;
use crosscheck::source::load;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Paths are relative to the crate root (where `cargo test` runs), so the
/// paths in a snapshot do not depend on where the repository is cloned.
fn report_of(paths: &[PathBuf]) -> Report {
    let rules = RuleSet::builtin();
    let extractor = Extractor::new(&rules);
    let sources = load(paths).expect("sources load").sources;
    let claims: Vec<_> = sources.iter().flat_map(|s| extractor.extract(s)).collect();
    Report::build(sources.iter().map(SourceInfo::of).collect(), claims, Vec::new(), &Comparer::new(&rules))
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => root().join("snapshots"), prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, text);
    });
}

/// Claims held in parts, however they are cut, make the report one list of
/// them makes: every cut of the seeds' claims, into parts of one to all.
#[test]
fn claims_in_parts_make_the_report_one_list_makes() {
    let rules = RuleSet::builtin();
    let extractor = Extractor::new(&rules);
    let sources = load(&[PathBuf::from("seeds")]).expect("sources load").sources;
    let claims: Vec<_> = sources.iter().flat_map(|s| extractor.extract(s)).collect();
    let infos = || sources.iter().map(SourceInfo::of).collect::<Vec<_>>();
    let whole = report_json(&Report::build(infos(), claims.clone(), Vec::new(), &Comparer::new(&rules)));
    assert!(!claims.is_empty());
    for size in [1, 2, 3, 7, 50, claims.len()] {
        let parts: Vec<Vec<_>> = claims.chunks(size).map(<[_]>::to_vec).collect();
        let cut = report_json(&Report::build_parts(infos(), parts, Vec::new(), &Comparer::new(&rules)));
        assert_eq!(cut, whole, "parts of {size}");
    }
    // A part may be empty: a source with no claims.
    let mut parts = vec![Vec::new()];
    parts.extend(claims.chunks(5).map(<[_]>::to_vec));
    parts.push(Vec::new());
    assert_eq!(report_json(&Report::build_parts(infos(), parts, Vec::new(), &Comparer::new(&rules))), whole);
}

#[test]
fn seeds_report_snapshots() {
    let report = report_of(&[PathBuf::from("seeds")]);
    snapshot("seeds_report_md", &report_markdown(&report));
    snapshot("seeds_report_json", &report_json(&report));
}

/// The seeds' report fits what an editor reads in a minute: at most 200
/// lines, every discrepancy in the summary table, and a source's words
/// without a figure beside one figure ("plunged" against "slumped as much
/// as 9.2%") listed with the agreements, not as a discrepancy.
#[test]
fn the_seeds_report_leads_with_every_discrepancy_and_fits_200_lines() {
    use crosscheck::claim::Value;
    let report = report_of(&[PathBuf::from("seeds")]);
    let md = report_markdown(&report);
    assert!(md.lines().count() <= 200, "{} lines", md.lines().count());
    let summary = md.split("## Summary").nth(1).unwrap().split("\n## ").next().unwrap();
    let discrepancies: Vec<_> = report.groups.iter().filter(|g| g.is_discrepancy()).collect();
    assert!(!discrepancies.is_empty());
    for g in &discrepancies {
        let heading = format!("| {} — {} |", crosscheck::report::cell(&g.subject), g.measure.replace('_', " "));
        assert!(summary.contains(&heading), "{heading} is not in the summary: {summary}");
    }
    let words_and_one_figure: Vec<_> = report
        .groups
        .iter()
        .filter(|g| g.verdict == Verdict::Compatible)
        .filter(|g| g.claims.iter().any(|c| matches!(c.value, Value::Qualitative { .. })))
        .filter(|g| {
            let with_figures: std::collections::HashSet<_> =
                g.claims.iter().filter(|c| !matches!(c.value, Value::Qualitative { .. })).map(|c| &c.source).collect();
            with_figures.len() == 1
        })
        .collect();
    assert!(!words_and_one_figure.is_empty(), "the seeds have such a group (Dahua's share price)");
    for g in words_and_one_figure {
        assert!(!g.is_discrepancy(), "{}", g.explanation);
        let heading = format!("| {} — {} |", crosscheck::report::cell(&g.subject), g.measure.replace('_', " "));
        assert!(!summary.contains(&heading), "{heading} is no discrepancy: {summary}");
    }
}

#[test]
fn each_fixture_story_gets_the_verdict_it_was_written_for() {
    for (story, verdict) in [
        ("conflict-death-toll", Verdict::Conflict),
        ("agree-rounding", Verdict::Agree),
        ("compatible-overlap", Verdict::Compatible),
        ("compatible-drift", Verdict::Compatible),
    ] {
        let report = report_of(&[PathBuf::from("tests/fixtures/stories").join(story)]);
        // Each story was written for the verdict on one figure; the dates its
        // sources share ("on Monday") are grouped too, and must agree.
        let is_date = |g: &&crosscheck::compare::Group| {
            g.claims.iter().all(|c| matches!(c.value, crosscheck::claim::Value::Date(_)))
        };
        for g in report.groups.iter().filter(is_date) {
            assert!(matches!(g.verdict, Verdict::Agree | Verdict::Single), "{story}: {}", g.explanation);
        }
        let multi: Vec<_> = report.groups.iter().filter(|g| g.verdict != Verdict::Single && !is_date(g)).collect();
        assert_eq!(multi.len(), 1, "{story}: {:#?}", report.groups);
        assert_eq!(multi[0].verdict, verdict, "{story}: {}", multi[0].explanation);
        snapshot(&format!("story_{story}_md"), &report_markdown(&report));
    }
}

#[test]
fn the_json_report_follows_the_contract() {
    let report = report_of(&[root().join("seeds")]);
    let v: serde_json::Value = serde_json::from_str(&report_json(&report)).unwrap();
    assert_eq!(v["crosscheck"], 1);
    let src = &v["sources"][3];
    assert_eq!(src["id"], "003_99694593ea80af5a.txt");
    assert_eq!(src["published"], "2019-10-08");
    assert_eq!(src["outlet"], "The Straits Times");
    let mv = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "hikvision/market_value")
        .expect("market value group");
    assert_eq!(mv["verdict"], "compatible");
    assert_eq!(mv["subject"], "Hikvision");
    assert_eq!(mv["measure"], "market_value");
    let first = &mv["claims"][0];
    assert_eq!(first["source"], "001_9aa584684cac09e7.txt");
    assert_eq!(first["line"], 27);
    assert_eq!(first["column"], 35);
    assert_eq!(first["text"], "more than $37 billion");
    assert_eq!(first["value"]["kind"], "money");
    assert_eq!(first["value"]["amount"], 37_000_000_000u64);
    assert!(first["value"]["high"].is_null());
    assert_eq!(first["value"]["qualifier"], "more_than");
    assert!(first["attributed_to"].is_null());
    assert!(mv["explanation"].as_str().unwrap().contains("22 May 2019"));
}

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck")).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn copy_in_order(from: &Path, to: &Path, reverse: bool) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(from).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    if reverse {
        names.reverse();
    }
    for n in names {
        std::fs::copy(from.join(&n), to.join(&n)).unwrap();
    }
}

#[test]
fn reports_are_byte_identical_across_runs_orders_and_threads() {
    let seeds = root().join("seeds");
    let seeds = seeds.to_str().unwrap();
    let once = run(&["report", seeds]);
    assert_eq!(once, run(&["report", seeds]));
    assert_eq!(once, run(&["report", seeds, "--threads", "1"]));
    assert_eq!(
        run(&["report", seeds, "--format", "json", "--threads", "1"]),
        run(&["report", seeds, "--format", "json", "--threads", "2"])
    );
    let tmp = std::env::temp_dir().join(format!("crosscheck-order-{}", std::process::id()));
    let (a, b) = (tmp.join("a/story"), tmp.join("b/story"));
    copy_in_order(&root().join("seeds"), &a, false);
    copy_in_order(&root().join("seeds"), &b, true);
    // Links to source lines name where the files sit; all else is the same.
    let unlinked = |report: Vec<u8>| {
        let text = String::from_utf8(report).unwrap();
        regex::Regex::new(r"\]\([^)#]*#L").unwrap().replace_all(&text, "](#L").into_owned()
    };
    assert_eq!(unlinked(run(&["report", a.to_str().unwrap()])), unlinked(run(&["report", b.to_str().unwrap()])));
    assert_eq!(
        unlinked(run(&["report", a.to_str().unwrap()])),
        unlinked(once),
        "the same sources give the same report wherever they sit"
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
