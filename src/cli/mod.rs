//! The command line: arguments, running a command, and mapping the outcome
//! to an exit code (0 done, 1 found what `--fail-on` names, 2 error).

mod args;
mod output;

use crate::extract::Extractor;
use crate::quantity::Scanner;
use crate::report::SourceInfo;
use crate::rules::RuleSet;
use args::{Cli, Command, ExtractFormat};
use clap::Parser;
use output::Output;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;

/// One line of `crosscheck quantities` output.
#[derive(serde::Serialize)]
struct QuantitiesLine<'a> {
    input: &'a str,
    quantities: Vec<crate::quantity::QuantityRecord<'a>>,
}

/// Why a run stopped early. Each is one clear line on standard error.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Rules(#[from] crate::rules::RuleErrors),
    #[error("{0}")]
    Input(String),
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: io::Error },
    /// The reader went away (`crosscheck ... | head`): stop quietly.
    #[error("broken pipe")]
    BrokenPipe,
}

impl Failure {
    fn from_io(e: io::Error, path: &str) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Write { path: path.to_string(), source: e }
        }
    }
}

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match execute(cli) {
        Ok(code) => code,
        Err(Failure::BrokenPipe) => 0,
        Err(e) => {
            eprintln!("crosscheck: {e}");
            2
        }
    }
}

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, Failure> {
    let dirs: Vec<&std::path::Path> = dirs.iter().map(|p| p.as_path()).collect();
    Ok(RuleSet::load(&dirs)?)
}

fn execute(cli: Cli) -> Result<i32, Failure> {
    match cli.command {
        Command::Quantities(a) => {
            let rules = load_rules(&a.common.rules)?;
            let scanner = Scanner::new(&rules);
            let mut out = Output::open(a.common.output.as_deref())?;
            let line_out = |text: &str, out: &mut Output| -> Result<(), Failure> {
                let found = scanner.scan(text);
                let records: Vec<_> = found.iter().map(|q| q.record(text)).collect();
                let line = serde_json::to_string(&QuantitiesLine { input: text, quantities: records })
                    .expect("quantities serialise");
                writeln!(out, "{line}").map_err(|e| Failure::from_io(e, out.name()))
            };
            if a.texts.is_empty() {
                let stdin = io::stdin();
                let mut lock = stdin.lock();
                let mut buf = Vec::new();
                loop {
                    buf.clear();
                    let n = lock
                        .read_until(b'\n', &mut buf)
                        .map_err(|e| Failure::Input(format!("cannot read standard input: {e}")))?;
                    if n == 0 {
                        break;
                    }
                    if buf.ends_with(b"\n") {
                        buf.pop();
                        if buf.ends_with(b"\r") {
                            buf.pop();
                        }
                    }
                    let text = String::from_utf8_lossy(&buf);
                    line_out(&text, &mut out)?;
                }
            } else {
                for t in &a.texts {
                    line_out(t, &mut out)?;
                }
            }
            out.finish()?;
            Ok(0)
        }
        Command::Report(a) => report(a),
        Command::Check(a) => check(a),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "crosscheck", &mut out);
            io::stdout().write_all(&out).map_err(|e| Failure::from_io(e, "standard output"))?;
            Ok(0)
        }
        Command::Extract(a) => {
            let rules = load_rules(&a.common.rules)?;
            configure_threads(a.threads);
            let extractor = Extractor::new(&rules);
            let Extracted { sources, claims, .. } = read_and_extract(&extractor, &a.paths)?;
            let text = match a.format {
                ExtractFormat::Jsonl => {
                    let mut s = String::new();
                    for c in &claims {
                        s.push_str(&serde_json::to_string(c).expect("claims serialise"));
                        s.push('\n');
                    }
                    s
                }
                ExtractFormat::Json => {
                    let doc =
                        serde_json::json!({"crosscheck": 1, "sources": source_records(&sources), "claims": claims});
                    serde_json::to_string_pretty(&doc).expect("claims serialise") + "\n"
                }
                ExtractFormat::Md => crate::report::claims_markdown(&sources, &claims),
            };
            write_output(a.common.output.as_deref(), &text)?;
            Ok(0)
        }
    }
}

/// Runs `report`: the exit code is 1 when a group has a verdict `--fail-on` names.
fn report(a: args::ReportArgs) -> Result<i32, Failure> {
    use crate::compare::{Comparer, Verdict};
    let rules = load_rules(&a.common.rules)?;
    configure_threads(a.threads);
    let extractor = Extractor::new(&rules);
    let Extracted { sources, claims, skipped } = read_and_extract(&extractor, &a.paths)?;
    let report = crate::report::Report::build(sources, claims, skipped, &Comparer::new(&rules));
    let text = match a.format {
        args::ReportFormat::Md => crate::report::report_markdown(&report),
        args::ReportFormat::Json => crate::report::report_json(&report),
        args::ReportFormat::Github => crate::report::report_github(&report),
        args::ReportFormat::Sarif => crate::report::report_sarif(&report),
    };
    if a.check {
        // Like `cargo fmt --check`: a committed report must match what the sources give now.
        let path = a.common.output.as_deref().expect("clap requires -o with --check");
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if current == text {
            return Ok(0);
        }
        let shown = path.display().to_string();
        let diff = similar::TextDiff::from_lines(&current, &text);
        let mut stdout = io::stdout().lock();
        write!(
            stdout,
            "{}",
            diff.unified_diff().context_radius(3).header(&shown, &format!("{shown} (from the sources now)"))
        )
        .map_err(|e| Failure::from_io(e, "standard output"))?;
        eprintln!("crosscheck: {shown} is stale: run the same command without --check to update it");
        return Ok(1);
    }
    write_output(a.common.output.as_deref(), &text)?;
    let failing = a.fail_on.iter().any(|f| {
        let v = match f {
            args::FailOn::Conflict => Verdict::Conflict,
            args::FailOn::Compatible => Verdict::Compatible,
            args::FailOn::Single => Verdict::Single,
        };
        report.count(v) > 0
    });
    Ok(if failing { 1 } else { 0 })
}

/// Runs `check`: the exit code is 1 when a draft claim has a status `--fail-on` names.
fn check(a: args::CheckArgs) -> Result<i32, Failure> {
    use crate::check::Status;
    let rules = load_rules(&a.common.rules)?;
    let extractor = Extractor::new(&rules);
    let draft = read_and_extract(&extractor, std::slice::from_ref(&a.draft))?;
    let sources = read_and_extract(&extractor, &a.against)?;
    let (draft_claims, source_claims) = (&draft.claims, &sources.claims);
    let checked = crate::check::check(draft_claims, source_claims, &crate::compare::Comparer::new(&rules));
    let draft_name = a.draft.display().to_string();
    let text = match a.format {
        args::ReportFormat::Md => crate::report::check_markdown(&draft_name, &checked),
        args::ReportFormat::Json | args::ReportFormat::Github => {
            let doc = serde_json::json!({"crosscheck": 1, "draft": draft_name, "claims": checked});
            serde_json::to_string_pretty(&doc).expect("checks serialise") + "\n"
        }
        args::ReportFormat::Sarif => crate::report::check_sarif(&draft.sources, &sources.sources, &checked),
    };
    write_output(a.common.output.as_deref(), &text)?;
    let failing = a.fail_on.iter().any(|f| {
        let s = match f {
            args::CheckFailOn::Contradicted => Status::Contradicted,
            args::CheckFailOn::Unsupported => Status::Unsupported,
            args::CheckFailOn::Differs => Status::Differs,
        };
        checked.iter().any(|c| c.status == s)
    });
    Ok(if failing { 1 } else { 0 })
}

/// Writes a command's whole output: to standard output, or atomically to a file.
fn write_output(path: Option<&std::path::Path>, text: &str) -> Result<(), Failure> {
    let mut out = Output::open(path)?;
    let name = out.name().to_string();
    out.write_all(text.as_bytes()).map_err(|e| Failure::from_io(e, &name))?;
    out.finish()
}

/// Sets the size of the thread pool that reads sources.
fn configure_threads(threads: Option<usize>) {
    if let Some(n) = threads {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
}

/// Sources read and their claims, in source order. The texts are gone:
/// each was dropped as soon as its claims were out.
pub struct Extracted {
    pub sources: Vec<SourceInfo>,
    pub claims: Vec<crate::claim::Claim>,
    /// Files and folders that could not be read.
    pub skipped: Vec<crate::source::Skip>,
}

/// Reads the sources under `paths` and extracts their claims, in parallel,
/// printing what could not be read on standard error. Fails only when no
/// source at all could be read.
pub fn read_and_extract(extractor: &Extractor, paths: &[PathBuf]) -> Result<Extracted, Failure> {
    use crate::source::ReadOutcome;
    use rayon::prelude::*;
    let plan = crate::source::plan(paths, &mut io::stdin().lock()).map_err(|e| Failure::Input(e.to_string()))?;
    let mut skipped = plan.skipped;
    let read: Vec<_> = plan
        .pending
        .into_par_iter()
        .map(|p| {
            p.read().map(|r| match r {
                ReadOutcome::Source(source, warning) => {
                    let claims = extractor.extract(&source);
                    Ok((SourceInfo::of(&source), claims, warning))
                }
                ReadOutcome::Skipped(skip) => Err(skip),
            })
        })
        .collect();
    for s in &skipped {
        eprintln!("crosscheck: warning: {s}");
    }
    let mut out = Extracted { sources: Vec::new(), claims: Vec::new(), skipped: Vec::new() };
    for r in read {
        match r.map_err(|e| Failure::Input(e.to_string()))? {
            Ok((info, claims, warning)) => {
                if let Some(w) = warning {
                    eprintln!("crosscheck: warning: {w}");
                }
                out.sources.push(info);
                out.claims.extend(claims);
            }
            Err(skip) => {
                eprintln!("crosscheck: warning: {skip}");
                skipped.push(skip);
            }
        }
    }
    if out.sources.is_empty() {
        return Err(Failure::Input("no sources could be read".into()));
    }
    out.skipped = skipped;
    Ok(out)
}

/// The `sources` list of the JSON outputs.
pub fn source_records(sources: &[SourceInfo]) -> Vec<serde_json::Value> {
    sources
        .iter()
        .map(|s| serde_json::json!({"id": s.id, "path": s.path, "published": s.published, "outlet": s.outlet}))
        .collect()
}
