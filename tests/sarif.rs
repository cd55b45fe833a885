//! `--format sarif`: `report` and `check` write SARIF 2.1.0 logs that the
//! official schema (tests/fixtures/sarif/) accepts, with stable rule ids,
//! the right levels and locations, and the same bytes on every run.

mod common;

use common::run;
use serde_json::Value;

const SCHEMA: &str = include_str!("fixtures/sarif/sarif-schema-2.1.0.json");
const CONFLICT_STORY: &str = "tests/fixtures/stories/conflict-death-toll";
const DRAFT: &str = "tests/fixtures/check/draft.md";
const SOURCES: &str = "tests/fixtures/check/sources";

/// Runs crosscheck, expecting exit code 0, and returns its standard output.
fn sarif(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "crosscheck {args:?} failed: {err}");
    out
}

/// The `language` pattern of the OASIS schema, with a stray `]` that strict
/// ECMA-262 (and so the draft-07 meta-schema's `format: regex`) rejects.
const BROKEN_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

/// Drops every `pattern` keyword equal to [`BROKEN_LANGUAGE_PATTERN`]; returns how many.
fn drop_broken_patterns(v: &mut Value) -> usize {
    match v {
        Value::Object(map) => {
            let mut n = 0;
            if map.get("pattern").and_then(Value::as_str) == Some(BROKEN_LANGUAGE_PATTERN) {
                map.remove("pattern");
                n += 1;
            }
            n + map.values_mut().map(drop_broken_patterns).sum::<usize>()
        }
        Value::Array(items) => items.iter_mut().map(drop_broken_patterns).sum(),
        _ => 0,
    }
}

/// Parses a log and asserts the SARIF 2.1.0 schema accepts it (formats checked too).
fn validated(out: &str) -> Value {
    let mut schema: Value = serde_json::from_str(SCHEMA).expect("the schema parses");
    // The schema cannot compile with its malformed `language` pattern (run and
    // toolComponent); crosscheck writes no `language`, so the keyword is dropped.
    assert_eq!(drop_broken_patterns(&mut schema), 2, "the schema fixture changed");
    assert!(!out.contains("\"language\""), "crosscheck writes no language, which is not checked");
    assert!(
        schema["$id"].as_str().is_some_and(|id| id.ends_with("sarif-schema-2.1.0.json")),
        "the fixture is the SARIF 2.1.0 schema"
    );
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles offline");
    let log: Value = serde_json::from_str(out).expect("the output is JSON");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "not valid SARIF 2.1.0:\n{}", errors.join("\n"));
    assert_eq!(log["$schema"], schema["$id"], "the log names the schema it follows");
    log
}

fn rule_ids(log: &Value) -> Vec<&str> {
    log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect()
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().expect("results")
}

/// The file, line and column of a result's (or related location's) physical location.
fn place(location: &Value) -> (&str, u64, u64) {
    let p = &location["physicalLocation"];
    (
        p["artifactLocation"]["uri"].as_str().unwrap(),
        p["region"]["startLine"].as_u64().unwrap(),
        p["region"]["startColumn"].as_u64().unwrap(),
    )
}

#[test]
fn report_sarif_is_valid_and_a_conflict_is_an_error_at_its_claims() {
    let out = sarif(&["report", CONFLICT_STORY, "--format", "sarif"]);
    let log = validated(&out);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    assert_eq!(run["tool"]["driver"]["name"], "crosscheck");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(rule_ids(&log), ["crosscheck/conflict", "crosscheck/compatible", "crosscheck/single"]);
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        assert!(rule["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()), "{rule}");
        assert!(rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()), "{rule}");
    }

    let results = results(&log);
    assert_eq!(results.len(), 2, "one result per claim of the conflict: {out}");
    let courier = results
        .iter()
        .find(|r| place(&r["locations"][0]).0.ends_with("daily-courier.txt"))
        .expect("a result at the Daily Courier's claim");
    assert_eq!(courier["ruleId"], "crosscheck/conflict");
    assert_eq!(courier["ruleIndex"], 0);
    assert_eq!(courier["level"], "error");
    assert!(courier["message"]["text"].as_str().unwrap().contains("cannot both be true"), "{courier}");
    // "A bus crash on the Lagos–Ibadan expressway on Monday killed 12 people": the
    // en dash is one column, as SARIF's unicodeCodePoints counts.
    assert_eq!(place(&courier["locations"][0]), (format!("{CONFLICT_STORY}/daily-courier.txt").as_str(), 2, 61));
    assert_eq!(courier["locations"][0]["physicalLocation"]["region"]["endColumn"], 70);
    assert_eq!(courier["locations"][0]["physicalLocation"]["region"]["snippet"]["text"], "12 people");
    let related = courier["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(place(&related[0]), (format!("{CONFLICT_STORY}/city-wire.txt").as_str(), 1, 1));
    assert_eq!(courier["partialFingerprints"]["crosscheckGroup/v1"], "lagos-ibadan/death_toll");
    let claims: Vec<&str> =
        results.iter().map(|r| r["partialFingerprints"]["crosscheckClaim/v1"].as_str().unwrap()).collect();
    assert_ne!(claims[0], claims[1], "each result has its own fingerprint");
}

#[test]
fn report_sarif_of_the_seeds_is_valid_and_the_same_bytes_every_run() {
    let first = sarif(&["report", "seeds", "--format", "sarif"]);
    let log = validated(&first);
    let results = results(&log);
    assert!(!results.is_empty());
    let rules = rule_ids(&log);
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize], id, "ruleIndex points at ruleId");
        let level = r["level"].as_str().unwrap();
        assert_eq!(
            level,
            match id {
                "crosscheck/conflict" => "error",
                "crosscheck/compatible" => "warning",
                "crosscheck/single" => "note",
                other => panic!("unexpected rule {other}"),
            }
        );
        let (uri, line, column) = place(&r["locations"][0]);
        assert!(uri.starts_with("seeds/") && line >= 1 && column >= 1, "{r}");
        assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(uri).exists(), "{uri} is the source's path");
    }
    assert!(results.iter().any(|r| r["level"] == "warning"), "the seeds have compatible groups");
    for threads in ["1", "4"] {
        let again = sarif(&["report", "seeds", "--format", "sarif", "--threads", threads]);
        assert!(again == first, "SARIF output changed between runs (threads {threads})");
    }
}

#[test]
fn check_sarif_is_valid_and_maps_statuses_to_levels() {
    let out = sarif(&["check", DRAFT, "--against", SOURCES, "--format", "sarif"]);
    let log = validated(&out);
    assert_eq!(rule_ids(&log), ["crosscheck/contradicted", "crosscheck/differs", "crosscheck/unsupported"]);
    let results = results(&log);
    let at = |line: u64| results.iter().find(|r| place(&r["locations"][0]).1 == line);
    assert!(at(3).is_none(), "a supported claim is no finding");
    let contradicted = at(5).expect("the contradicted figure");
    assert_eq!(
        (contradicted["ruleId"].as_str(), contradicted["ruleIndex"].as_u64(), contradicted["level"].as_str()),
        (Some("crosscheck/contradicted"), Some(0), Some("error"))
    );
    assert_eq!(place(&contradicted["locations"][0]), (DRAFT, 5, 28));
    assert_eq!(place(&contradicted["relatedLocations"][0]), (format!("{SOURCES}/wire.txt").as_str(), 2, 48));
    assert!(contradicted["message"]["text"].as_str().unwrap().contains("15 people"), "{contradicted}");
    let differs = at(7).expect("the differing figure");
    assert_eq!((differs["ruleId"].as_str(), differs["level"].as_str()), (Some("crosscheck/differs"), Some("warning")));
    let unsupported = at(9).expect("the unsupported figure");
    assert_eq!(
        (unsupported["ruleId"].as_str(), unsupported["ruleIndex"].as_u64(), unsupported["level"].as_str()),
        (Some("crosscheck/unsupported"), Some(2), Some("warning"))
    );
    assert!(unsupported.get("relatedLocations").is_none(), "no evidence, no related locations");
    assert_eq!(results.len(), 3);
    assert!(sarif(&["check", DRAFT, "--against", SOURCES, "--format", "sarif"]) == out, "same bytes every run");
}

#[test]
fn a_path_with_a_space_is_a_percent_encoded_uri() {
    let dir = std::env::temp_dir().join(format!("crosscheck-sarif-{}", std::process::id()));
    let story = dir.join("death toll");
    std::fs::create_dir_all(&story).unwrap();
    for f in ["city-wire.txt", "daily-courier.txt", "sources.yaml"] {
        std::fs::copy(format!("{}/{CONFLICT_STORY}/{f}", env!("CARGO_MANIFEST_DIR")), story.join(f)).unwrap();
    }
    let out = sarif(&["report", story.to_str().unwrap(), "--format", "sarif"]);
    let _ = std::fs::remove_dir_all(&dir);
    let log = validated(&out);
    let (uri, _, _) = place(&results(&log)[0]["locations"][0]);
    assert!(uri.starts_with("file:///") && uri.ends_with("/death%20toll/city-wire.txt"), "{uri}");
}
