//! Broken rule files: every problem is reported, with file, line, column and
//! rule id, and the run exits 2 having written nothing.

use std::path::PathBuf;
mod common;

use common::run;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_bad_rule_is_reported_with_its_place_and_id() {
    let dir = temp_dir("bad-rules");
    std::fs::write(
        dir.join("measures.yaml"),
        "measures:\n  - id: broken-regex\n    kinds: [money]\n    before: ['(unclosed']\n  - id: twice\n    kinds: [money]\n    before: ['x']\n  - id: twice\n    kinds: [money]\n    before: ['y']\n  - id: no-trigger\n    kinds: [money]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("entities.yaml"),
        "entities:\n  - id: acme\n    name: Acme\n    kind: company\n    colour: red\n",
    )
    .unwrap();
    std::fs::write(dir.join("qualifiers.yaml"), "qualifiers: [\n  - id: oops\n").unwrap();
    let out_file = dir.join("report.md");
    let (code, stdout, stderr) =
        run(&["extract", "seeds", "--rules", dir.to_str().unwrap(), "-o", out_file.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(!out_file.exists(), "no output is written when the rules are broken");
    assert!(!stderr.contains("panicked"));
    let measures = dir.join("measures.yaml").display().to_string();
    for expected in [
        format!("{measures}:2:5: rule 'broken-regex': invalid regex"),
        format!("{measures}:8:5: rule 'twice': duplicate id"),
        format!("{measures}:11:5: rule 'no-trigger': measure has no trigger"),
    ] {
        assert!(stderr.contains(&expected), "missing {expected:?} in:\n{stderr}");
    }
    let entities = dir.join("entities.yaml").display().to_string();
    assert!(
        stderr.contains(&format!("{entities}:5:"))
            && stderr.contains("rule 'acme'")
            && stderr.contains("unknown field `colour`"),
        "{stderr}"
    );
    let qualifiers = dir.join("qualifiers.yaml").display().to_string();
    assert!(stderr.contains(&format!("{qualifiers}:")), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_alias_claimed_by_two_entities_is_an_error() {
    let dir = temp_dir("alias-clash");
    std::fs::write(
        dir.join("entities.yaml"),
        "entities:\n  - id: other-hik\n    name: Other\n    kind: company\n    aliases: [Hikvision]\n",
    )
    .unwrap();
    let (code, _, stderr) = run(&["extract", "seeds", "--rules", dir.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("rule 'other-hik'") && stderr.contains("alias \"Hikvision\""), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_rules_folder_adds_and_overrides_by_id() {
    let dir = temp_dir("good-rules");
    std::fs::write(
        dir.join("entities.yaml"),
        "entities:\n  - id: acme\n    name: Acme Widgets\n    kind: company\n    aliases: [Acme]\n",
    )
    .unwrap();
    std::fs::write(dir.join("currencies.yaml"), "default_dollar: SGD\n").unwrap();
    let src = dir.join("story.txt");
    std::fs::write(&src, "Acme, with a market value of $5 billion, said so.\n").unwrap();
    let (code, stdout, stderr) = run(&["extract", src.to_str().unwrap(), "--rules", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let claim: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(claim["subject"], "Acme Widgets");
    assert_eq!(claim["measure"], "market_value");
    assert_eq!(claim["value"]["unit"], "SGD");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_run_leaves_an_existing_report_untouched() {
    let dir = temp_dir("keep-report");
    let report = dir.join("REPORT.md");
    std::fs::write(&report, "the committed report\n").unwrap();
    std::fs::write(dir.join("measures.yaml"), "measures: [oops\n").unwrap();
    let (code, _, stderr) = run(&["report", "seeds", "--rules", dir.to_str().unwrap(), "-o", report.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, _) = run(&["report", "no-such-folder", "-o", report.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "the committed report\n");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn wrong_types_and_an_oversized_regex_are_errors_with_their_place() {
    let dir = temp_dir("wrong-types");
    std::fs::write(
        dir.join("measures.yaml"),
        "measures:\n  - id: huge\n    kinds: [money]\n    before: ['\\w{1000}\\w{1000}\\w{1000}']\n",
    )
    .unwrap();
    std::fs::write(dir.join("qualifiers.yaml"), "qualifiers:\n  - id: about\n    tolerance: lots\n").unwrap();
    let (code, stdout, stderr) = run(&["report", "seeds", "--rules", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(!stderr.contains("panicked"));
    let measures = dir.join("measures.yaml").display().to_string();
    assert!(stderr.contains(&format!("{measures}:2:5: rule 'huge': invalid regex")), "{stderr}");
    assert!(stderr.contains("size limit"), "{stderr}");
    let qualifiers = dir.join("qualifiers.yaml").display().to_string();
    assert!(stderr.contains(&format!("{qualifiers}:3:16")) && stderr.contains("invalid type"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_house_measure_is_tried_before_the_built_in_ones() {
    let dir = temp_dir("house-first");
    std::fs::write(
        dir.join("measures.yaml"),
        "measures:\n  - id: layoffs\n    kinds: [count]\n    before: ['\\b(cut|cuts|cutting|lay off|laying off)\\s+$']\n",
    )
    .unwrap();
    let draft = dir.join("story.txt");
    std::fs::write(&draft, "The fire killed three workers and the company will cut 1,200 jobs.\n").unwrap();
    let (code, out, err) = run(&["extract", draft.to_str().unwrap(), "--rules", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let measures: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["measure"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(measures, ["death_toll", "layoffs"], "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_house_compare_file_changes_the_numbers_and_adds_generic_measures() {
    let dir = temp_dir("compare-rules");
    std::fs::write(dir.join("compare.yaml"), "same_fact_ratio: 3.0\ngeneric_measures: [casualty_figure]\n").unwrap();
    let rules = crosscheck::rules::RuleSet::load(&[dir.as_path()]).expect("the folder loads");
    assert_eq!(rules.compare.same_fact_ratio, 3.0);
    let generic = &rules.compare.generic_measures;
    assert!(generic.iter().any(|m| m == "casualty_figure"), "{generic:?}");
    assert!(generic.iter().any(|m| m == "count"), "the built-in list is kept: {generic:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn empty_and_oversized_word_lists_are_errors_not_aborts() {
    let dir = temp_dir("word-lists");
    // An empty month word would make every "in " a date.
    std::fs::write(dir.join("dates.yaml"), "weekdays: [Monday, '', Tuesday]\n").unwrap();
    let (code, _, stderr) = run(&["extract", "seeds", "--rules", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    let dates = dir.join("dates.yaml").display().to_string();
    assert!(stderr.contains(&format!("{dates}:1:20: an empty word")), "{stderr}");
    // 4,000 month names: the list is refused where it stands.
    let months: Vec<String> = (0..4000).map(|i| format!("Mon{i}a: {}", i % 12 + 1)).collect();
    std::fs::write(dir.join("dates.yaml"), format!("# many\nmonths: {{{}}}\n", months.join(", "))).unwrap();
    let (code, _, stderr) = run(&["extract", "seeds", "--rules", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains(&format!("{dates}:2:1: more than 1000 words in `months`")), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn date_words_too_many_to_compile_together_are_an_error_naming_the_file() {
    let dir = temp_dir("date-words");
    let list = |p: &str| (0..1000).map(|i| format!("{p}{i}")).collect::<Vec<_>>().join(", ");
    let months: Vec<String> = (0..1000).map(|i| format!("Mon{i}a: {}", i % 12 + 1)).collect();
    std::fs::write(
        dir.join("dates.yaml"),
        format!(
            "months: {{{}}}\nweekdays: [{}]\nmonth_prepositions: [{}]\nmonth_modifiers: [{}]\n",
            months.join(", "),
            list("Day"),
            list("prep"),
            list("mod")
        ),
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["report", "seeds", "--rules", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    let dates = dir.join("dates.yaml").display().to_string();
    assert!(stderr.contains(&format!("{dates}:1:1: the month, weekday and preposition words")), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_moment_without_words_or_with_a_broken_pattern_is_reported_at_its_id() {
    let dir = temp_dir("bad-moments");
    std::fs::write(
        dir.join("measures.yaml"),
        "moments:\n  - id: lunch\n    words: []\n  - id: dusk\n    words: ['(at dusk']\n",
    )
    .unwrap();
    let (code, _, stderr) = run(&["extract", "seeds", "--rules", dir.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    let measures = dir.join("measures.yaml").display().to_string();
    assert!(stderr.contains(&format!("{measures}:2:5: rule 'lunch': a moment needs at least one pattern")), "{stderr}");
    assert!(stderr.contains(&format!("{measures}:4:5: rule 'dusk': invalid regex")), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
