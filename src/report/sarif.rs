//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format): the
//! findings of `report` and `check` for code-scanning tools (GitHub code
//! scanning, IDE SARIF viewers).
//!
//! One log, one run. The run's `tool.driver.rules` are fixed per command, so
//! rule ids and `ruleIndex` never change: `report` has `crosscheck/conflict`,
//! `crosscheck/compatible` and `crosscheck/single`; `check` has
//! `crosscheck/contradicted`, `crosscheck/differs` and `crosscheck/unsupported`.
//! Agreeing groups and supported draft claims are not findings and give no
//! result.
//!
//! Each claim of a finding is one result located at that claim (so every
//! source's line is annotated), with the group's other claims (or a draft
//! claim's evidence) as `relatedLocations`. Columns are crosscheck's: 1-based,
//! counted in Unicode scalar values, hence `columnKind: "unicodeCodePoints"`.
//! Artifact URIs are the source paths as given: relative paths stay relative
//! (to the directory crosscheck ran in), with `/` separators and every byte
//! that is not an RFC 3986 unreserved character (or `/`) percent-encoded.
//!
//! The output is deterministic: structs serialise in declaration order, and
//! results follow the report's group order (or the draft's claim order).

use super::model::Report;
use super::model::SourceInfo;
use crate::check::{Checked, Status};
use crate::claim::Claim;
use crate::compare::{slug, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;

/// The schema the log declares: the OASIS SARIF 2.1.0 JSON schema.
const SARIF_SCHEMA: &str =
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

/// The SARIF version written.
const SARIF_VERSION: &str = "2.1.0";

/// The fingerprint keys: stable, hash-free, versioned so they can change meaning later.
const GROUP_FINGERPRINT: &str = "crosscheckGroup/v1";
const CLAIM_FINGERPRINT: &str = "crosscheckClaim/v1";

/// The top-level `sarifLog` object.
#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

/// One `run`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

/// The `tool` of a run.
#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

/// The `toolComponent` that produced the results.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

/// A `reportingDescriptor`: one kind of finding.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

/// A `reportingConfiguration`: the level a rule's results have.
#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

/// A `message` or `multiformatMessageString` with plain text only.
#[derive(Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn new(text: impl Into<String>) -> Self {
        Text { text: text.into() }
    }
}

/// One `result`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

/// A `location`: a claim in a source.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

/// A `physicalLocation`: a file and a region of it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

/// An `artifactLocation`.
#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// A `region`: one line, from the claim's first character to just after its last.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_column: usize,
    snippet: Text,
}

/// One rule as the run lists it.
struct RuleSpec {
    id: &'static str,
    name: &'static str,
    level: &'static str,
    short: &'static str,
    full: &'static str,
    help: &'static str,
}

/// The rules of a `report` run, in `ruleIndex` order.
const REPORT_RULES: [RuleSpec; 3] = [
    RuleSpec {
        id: "crosscheck/conflict",
        name: "Conflict",
        level: "error",
        short: "Sources state figures that cannot both be true",
        full: "Two or more sources state figures for the same fact that cannot both be true of the same thing at the same time.",
        help: "Check the figure against the primary source and correct or attribute it; the related locations show what the other sources say.",
    },
    RuleSpec {
        id: "crosscheck/compatible",
        name: "Compatible",
        level: "warning",
        short: "Sources state different figures that can both be true",
        full: "Sources state different figures for the same fact that can both be true: overlapping bounds, rounding, or different dates.",
        help: "Make sure readers can tell why the figures differ (the date, the bound, the rounding); the related locations show the other figures.",
    },
    RuleSpec {
        id: "crosscheck/single",
        name: "Single",
        level: "note",
        short: "Only one source states this figure",
        full: "Only one source states this figure, so no other source confirms or contradicts it.",
        help: "Attribute the figure to its source, or find a second source for it.",
    },
];

/// The rules of a `check` run, in `ruleIndex` order.
const CHECK_RULES: [RuleSpec; 3] = [
    RuleSpec {
        id: "crosscheck/contradicted",
        name: "Contradicted",
        level: "error",
        short: "A source contradicts the draft's figure",
        full: "A source states a figure for the same fact that cannot be true at the same time as the draft's.",
        help: "Check the draft's figure against the sources in the related locations and correct or attribute it.",
    },
    RuleSpec {
        id: "crosscheck/differs",
        name: "Differs",
        level: "warning",
        short: "The sources state a different figure that can be true with the draft's",
        full: "A source states a different figure for the same fact that can be true with the draft's: overlapping bounds, rounding, or another date.",
        help: "Make sure the draft's figure is the one meant (the date, the bound, the rounding); the related locations show what the sources say.",
    },
    RuleSpec {
        id: "crosscheck/unsupported",
        name: "Unsupported",
        level: "warning",
        short: "No source states the draft's figure",
        full: "None of the sources the draft was checked against states this figure.",
        help: "Add the source the figure comes from, or attribute or remove it.",
    },
];

impl RuleSpec {
    fn rule(&self) -> Rule {
        Rule {
            id: self.id,
            name: self.name,
            short_description: Text::new(self.short),
            full_description: Text::new(self.full),
            help: Text::new(self.help),
            default_configuration: Configuration { level: self.level },
        }
    }
}

/// The index of a rule in `rules`, and the rule.
fn rule_for<'a>(rules: &'a [RuleSpec], id: &str) -> (usize, &'a RuleSpec) {
    rules.iter().enumerate().find(|(_, r)| r.id == id).expect("every finding has a rule")
}

/// Percent-encodes a path as a URI reference: `/` separators, every byte but
/// RFC 3986 unreserved characters and `/` encoded. An absolute path becomes
/// a `file://` URI.
fn path_uri(path: &str) -> String {
    let windows = std::path::MAIN_SEPARATOR == '\\';
    let path = if windows { path.replace('\\', "/") } else { path.to_string() };
    let path = path.trim_start_matches("./");
    let bytes = path.as_bytes();
    if windows && bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        // A drive path ("C:/x"): the drive's colon stays as it is.
        return format!("file:///{}{}", &path[..2], encode(&path[2..]));
    }
    if path.starts_with('/') {
        format!("file://{}", encode(path))
    } else {
        encode(path)
    }
}

/// Percent-encodes every byte but RFC 3986 unreserved characters and `/`.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Source ids and the URIs of their paths (standard input, `-`, is `stdin`).
fn uris<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> BTreeMap<&'a str, String> {
    sources.into_iter().map(|(id, path)| (id, if path == "-" { encode(id) } else { path_uri(path) })).collect()
}

/// A claim's location; `related` numbers it and says what it states.
fn location(uris: &BTreeMap<&str, String>, c: &Claim, related: Option<usize>) -> Location {
    let uri = uris.get(&*c.source).cloned().unwrap_or_else(|| encode(&c.source));
    Location {
        id: related,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri },
            region: Region {
                start_line: c.line.max(1),
                start_column: c.column.max(1),
                end_column: c.column.max(1) + c.text.chars().count(),
                snippet: Text::new(c.text.clone()),
            },
        },
        message: related.map(|_| Text::new(format!("{} ({}, line {})", c.text, c.source, c.line))),
    }
}

/// A log of one run with these rules and results, pretty-printed, ending in a newline.
fn log(rules: &[RuleSpec], results: Vec<SarifResult>) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let log = Log {
        schema: SARIF_SCHEMA,
        version: SARIF_VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "crosscheck",
                    version,
                    semantic_version: version,
                    rules: rules.iter().map(RuleSpec::rule).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    s.push('\n');
    s
}

/// The report as a SARIF 2.1.0 log: one result per claim of every conflicting,
/// compatible and single-source group (agreeing groups give none).
pub fn report_sarif(report: &Report) -> String {
    let uris = uris(report.sources.iter().map(|s| (s.id.as_str(), s.path.as_str())));
    let mut results = Vec::new();
    for g in &report.groups {
        let id = match g.verdict {
            Verdict::Conflict => "crosscheck/conflict",
            Verdict::Compatible => "crosscheck/compatible",
            Verdict::Single => "crosscheck/single",
            Verdict::Agree => continue,
        };
        let (index, rule) = rule_for(&REPORT_RULES, id);
        for (k, c) in g.claims.iter().enumerate() {
            let related = g
                .claims
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .enumerate()
                .map(|(n, (_, o))| location(&uris, o, Some(n + 1)))
                .collect();
            let fingerprints = BTreeMap::from([
                (GROUP_FINGERPRINT, g.id.clone()),
                (CLAIM_FINGERPRINT, format!("{}|{}|{}", g.id, c.source, c.text)),
            ]);
            results.push(SarifResult {
                rule_id: rule.id,
                rule_index: index,
                level: rule.level,
                message: Text::new(g.explanation.clone()),
                locations: vec![location(&uris, c, None)],
                related_locations: related,
                partial_fingerprints: fingerprints,
            });
        }
    }
    log(&REPORT_RULES, results)
}

/// A draft check as a SARIF 2.1.0 log: one result per contradicted, differing
/// or unsupported draft claim (supported claims give none), located in the
/// draft, with its evidence in the sources as related locations.
pub fn check_sarif(draft: &[SourceInfo], against: &[SourceInfo], checked: &[Checked]) -> String {
    let draft_uris = uris(draft.iter().map(|s| (s.id.as_str(), s.path.as_str())));
    let source_uris = uris(against.iter().map(|s| (s.id.as_str(), s.path.as_str())));
    let mut results = Vec::new();
    for c in checked {
        let (id, says) = match c.status {
            Status::Contradicted => ("crosscheck/contradicted", "is contradicted by the sources"),
            Status::Differs => ("crosscheck/differs", "differs from the sources"),
            Status::Unsupported => ("crosscheck/unsupported", "is stated by no source"),
            Status::Supported => continue,
        };
        let (index, rule) = rule_for(&CHECK_RULES, id);
        let claim = &c.claim;
        let evidence: Vec<String> =
            c.evidence.iter().map(|e| format!("{} ({}, line {})", e.text, e.source, e.line)).collect();
        let message = format!(
            "The draft's \"{}\" ({}, {}) {says}{}{}.",
            claim.text,
            claim.subject,
            claim.measure.replace('_', " "),
            if evidence.is_empty() { "" } else { ": " },
            evidence.join("; ")
        );
        let related = c.evidence.iter().enumerate().map(|(n, e)| location(&source_uris, e, Some(n + 1))).collect();
        let fact = format!("{}/{}", slug(&claim.subject), claim.measure);
        let fingerprints =
            BTreeMap::from([(GROUP_FINGERPRINT, fact.clone()), (CLAIM_FINGERPRINT, format!("{fact}|{}", claim.text))]);
        results.push(SarifResult {
            rule_id: rule.id,
            rule_index: index,
            level: rule.level,
            message: Text::new(message),
            locations: vec![location(&draft_uris, claim, None)],
            related_locations: related,
            partial_fingerprints: fingerprints,
        });
    }
    log(&CHECK_RULES, results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_percent_encoded_relative_uris() {
        assert_eq!(path_uri("seeds/001_9aa584684cac09e7.txt"), "seeds/001_9aa584684cac09e7.txt");
        assert_eq!(path_uri("my stories/a b.txt"), "my%20stories/a%20b.txt");
        assert_eq!(path_uri("./news/caf\u{e9}#1.md"), "news/caf%C3%A9%231.md");
        assert_eq!(path_uri("a:b.txt"), "a%3Ab.txt", "a colon never reads as a scheme");
        assert_eq!(path_uri("/tmp/x y.txt"), "file:///tmp/x%20y.txt");
    }

    #[test]
    fn rule_ids_are_stable_and_indexed() {
        let ids: Vec<&str> = REPORT_RULES.iter().chain(&CHECK_RULES).map(|r| r.id).collect();
        assert_eq!(
            ids,
            [
                "crosscheck/conflict",
                "crosscheck/compatible",
                "crosscheck/single",
                "crosscheck/contradicted",
                "crosscheck/differs",
                "crosscheck/unsupported"
            ]
        );
        assert_eq!(rule_for(&CHECK_RULES, "crosscheck/unsupported").0, 2);
    }
}
