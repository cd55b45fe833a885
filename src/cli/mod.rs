//! The command line: arguments, running a command, and mapping the outcome
//! to an exit code (0 done, 1 found what `--fail-on` names, 2 error).

mod args;
mod config;
mod output;
pub use output::remove_unfinished_on_panic;
mod terminal;

use crate::extract::Extractor;
use crate::quantity::Scanner;
use crate::report::SourceInfo;
use crate::rules::RuleSet;
use args::{Cli, ColorChoice, Command, ExtractFormat};
use clap::Parser;
use config::Config;
use output::Output;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use terminal::Terminal;

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
    #[error("{0}")]
    Config(String),
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
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let env = std::env::var(config::CONFIG_ENV).ok();
    let found = config::find(cli.config.as_deref(), env.as_deref(), &cwd);
    let color = cli.color.or(found.as_ref().ok().and_then(|f| f.config.color)).unwrap_or(ColorChoice::Auto);
    let term = Terminal::new(color, cli.quiet);
    let result = found.map_err(Failure::Config).and_then(|found| execute(cli, found, &term));
    match result {
        Ok(code) => code,
        Err(Failure::BrokenPipe) => 0,
        Err(e) => {
            term.error(e);
            2
        }
    }
}

/// What a command runs with: the config merged under the flags.
struct Settings<'a> {
    config: Config,
    /// The config file the settings came from, when there is one.
    config_path: Option<std::path::PathBuf>,
    term: &'a Terminal,
    filter: config::Filter,
}

impl Settings<'_> {
    /// The exit code for the counts `--fail-on` found (count, name): 1 when
    /// any, saying why in one line ("conflict: 3 (--fail-on conflict)"),
    /// unless `exit_zero`.
    fn exit_for(&self, found: &[(usize, &str)], exit_zero: bool) -> i32 {
        if found.is_empty() || exit_zero {
            return 0;
        }
        let counts: Vec<String> = found.iter().map(|(n, name)| format!("{name}: {n}")).collect();
        let flags: Vec<String> = found.iter().map(|(_, name)| format!("--fail-on {name}")).collect();
        self.term.fail_reason(format!("{} ({})", counts.join(", "), flags.join(", ")));
        1
    }

    /// The built-in rules, the config's rule folders, then the flags'; and the config's tolerances.
    fn rules(&self, flags: &[PathBuf]) -> Result<RuleSet, Failure> {
        let dirs: Vec<&std::path::Path> = self.config.rules.iter().chain(flags).map(|p| p.as_path()).collect();
        let mut rules = RuleSet::load(&dirs)?;
        for q in &mut rules.qualifiers.qualifiers {
            if let Some(t) = self.config.tolerances.get(&q.id) {
                q.tolerance = Some(*t);
            }
        }
        Ok(rules)
    }

    /// The warning for the `accept` entry at this position, which matches no group.
    fn stale_acceptance(&self, entry: usize) -> String {
        let place = match (&self.config_path, self.config.accept_at.get(entry)) {
            (Some(p), Some((line, column))) => format!("{}:{line}:{column}: ", p.display()),
            (Some(p), None) => format!("{}: ", p.display()),
            (None, _) => String::new(),
        };
        let id = self.config.accept.get(entry).map_or("", |a| a.id.as_str());
        format!("{place}accepted group {id:?} is not in this report (a stale entry: remove it or fix its id)")
    }

    fn threads(&self, flag: Option<usize>) -> Option<usize> {
        flag.or(self.config.threads)
    }

    /// Writes a report or check: a Markdown one bound for the terminal is coloured when colour is on.
    fn emit(&self, format: args::ReportFormat, output: Option<&std::path::Path>, text: String) -> Result<(), Failure> {
        let text = match (format, output) {
            (args::ReportFormat::Md, None) => self.term.markdown_for_stdout(text),
            _ => text,
        };
        write_output(output, &text)
    }
}

fn execute(cli: Cli, mut found: config::Found, term: &Terminal) -> Result<i32, Failure> {
    if let Some(common) = cli.command.common() {
        let config = &mut found.config;
        config.include.extend(common.include.iter().cloned());
        config.exclude.extend(common.exclude.iter().cloned());
        config.no_ignore |= common.no_ignore;
    }
    let filter = config::Filter::new(&found.config).map_err(Failure::Config)?;
    let settings = Settings { config: found.config, config_path: found.path.clone(), term, filter };
    match cli.command {
        Command::Config { dump } => {
            if !dump {
                return Err(Failure::Config("config: say --dump to print the settings in effect".into()));
            }
            let mut text = match &found.path {
                Some(p) => format!("# from {}\n", p.display()),
                None => "# no crosscheck.yaml found: the defaults\n".to_string(),
            };
            let mut effective = settings.config.clone();
            effective.format = effective.format.or(Some(args::ReportFormat::Md));
            effective.color = Some(effective.color.unwrap_or(ColorChoice::Auto));
            text.push_str(&serde_yaml::to_string(&effective).expect("settings serialise"));
            write_output(None, &text)?;
            Ok(0)
        }
        Command::Quantities(a) => {
            let rules = settings.rules(&a.common.rules)?;
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
        Command::Report(a) => report(a, &settings),
        Command::Check(a) => check(a, &settings),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "crosscheck", &mut out);
            io::stdout().write_all(&out).map_err(|e| Failure::from_io(e, "standard output"))?;
            Ok(0)
        }
        Command::Extract(a) => {
            configure_threads(settings.threads(a.threads));
            let (built, found) = prepare(&a.common.rules, &a.paths, a.common.max_source_mb, &settings);
            let (rules, extractor) = built?;
            match a.format {
                ExtractFormat::Jsonl => {
                    // One claim a line needs nothing from later sources: each
                    // source's claims are written as soon as they are out.
                    let mut out = Output::open(a.common.output.as_deref())?;
                    let plan = found.plan(&a.paths, a.common.max_source_mb, &settings)?;
                    let name = out.name().to_string();
                    read_and_extract_each(&extractor, plan, a.common.max_source_mb, &settings, |claims| {
                        crate::report::write_json_lines(&mut out, &claims).map_err(|e| Failure::from_io(e, &name))
                    })?;
                    out.finish()?;
                }
                ExtractFormat::Json | ExtractFormat::Md => {
                    let plan = found.plan(&a.paths, a.common.max_source_mb, &settings)?;
                    let Extracted { sources, claims, .. } =
                        extract_planned(&extractor, plan, a.common.max_source_mb, &settings)?;
                    let text = if a.format == ExtractFormat::Json {
                        let doc =
                            serde_json::json!({"crosscheck": 1, "sources": source_records(&sources), "claims": claims});
                        serde_json::to_string_pretty(&doc).expect("claims serialise") + "\n"
                    } else {
                        crate::report::claims_markdown(&sources, &claims)
                    };
                    write_output(a.common.output.as_deref(), &text)?;
                    leave(claims);
                }
            }
            leave((extractor, rules));
            Ok(0)
        }
    }
}

/// Runs `report`: the exit code is 1 when a group has a verdict `--fail-on` names.
fn report(a: args::ReportArgs, settings: &Settings) -> Result<i32, Failure> {
    use crate::compare::Comparer;
    configure_threads(settings.threads(a.threads));
    let (built, found) = prepare(&a.common.rules, &a.paths, a.common.max_source_mb, settings);
    let (rules, extractor) = built?;
    let plan = found.plan(&a.paths, a.common.max_source_mb, settings)?;
    // Each run of sources' claims stays in the list its task gathered them
    // into: no pause, while the threads wait, to gather them all into one.
    let mut parts = Vec::new();
    let (sources, skipped) = read_and_extract_each(&extractor, plan, a.common.max_source_mb, settings, |claims| {
        parts.push(claims);
        Ok(())
    })?;
    let mut report = crate::report::Report::build_parts(sources, parts, skipped, &Comparer::new(&rules));
    let baseline = match &a.baseline {
        Some(path) => Some(read_baseline(path)?),
        None => None,
    };
    let stale = crate::report::review(&mut report, &settings.config.accept, baseline.as_ref());
    for entry in stale {
        settings.term.warn(settings.stale_acceptance(entry));
    }
    let format = a.format.or(settings.config.format).unwrap_or(args::ReportFormat::Md);
    let fail_on = if a.fail_on.is_empty() { settings.config.fail_on.clone() } else { a.fail_on.clone() };
    let markdown = crate::report::MarkdownOptions {
        singles: a.singles.or(settings.config.singles).unwrap_or_default(),
        link_base: a.common.output.as_deref().map(|o| {
            o.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| std::path::PathBuf::from("."), |p| p.to_path_buf())
        }),
    };
    // Markdown, the report that can be longest, is written as it is made
    // (not to a terminal, where it is coloured, nor for `--check`).
    let streamed = matches!(format, args::ReportFormat::Md)
        && !a.check
        && !(a.common.output.is_none() && settings.term.colours_stdout());
    if streamed {
        let mut out = Output::open(a.common.output.as_deref())?;
        let name = out.name().to_string();
        crate::report::write_report_markdown(&report, &markdown, &mut out).map_err(|e| Failure::from_io(e, &name))?;
        out.finish()?;
    } else if let Some(code) = write_report_text(settings, &a, format, &report, &markdown)? {
        return Ok(code);
    }
    let found: Vec<(usize, &str)> =
        fail_on.iter().map(|f| (report.failing(f.verdict()), f.verdict().name())).filter(|(n, _)| *n > 0).collect();
    leave((report, extractor, rules));
    Ok(settings.exit_for(&found, a.exit_zero))
}

/// Writes a report made whole first: every format but streamed Markdown;
/// with `--check`, compares it with the committed one instead and gives
/// the exit code (0 when it matches, 1 when it is stale).
fn write_report_text(
    settings: &Settings,
    a: &args::ReportArgs,
    format: args::ReportFormat,
    report: &crate::report::Report,
    markdown: &crate::report::MarkdownOptions,
) -> Result<Option<i32>, Failure> {
    let text = match format {
        args::ReportFormat::Md => crate::report::report_markdown_with(report, markdown),
        args::ReportFormat::Jsonl => crate::report::report_jsonl(report),
        args::ReportFormat::Json => crate::report::report_json(report),
        args::ReportFormat::Github => crate::report::report_github(report),
        args::ReportFormat::Sarif => crate::report::report_sarif(report),
        args::ReportFormat::Html => crate::report::report_html(report, &source_texts(&report.sources)),
    };
    if a.check {
        // Like `cargo fmt --check`: a committed report must match what the sources give now.
        let path = a.common.output.as_deref().expect("clap requires -o with --check");
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if current == text {
            return Ok(Some(0));
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
        return Ok(Some(1));
    }
    settings.emit(format, a.common.output.as_deref(), text)?;
    Ok(None)
}

/// The texts of the sources, read again for the HTML page (sources are
/// dropped once their claims are found); standard input is not kept.
fn source_texts(sources: &[crate::report::SourceInfo]) -> crate::report::SourceTexts {
    sources
        .iter()
        .filter(|s| s.path != "-")
        .filter_map(|s| {
            let loaded = crate::source::load(&[std::path::PathBuf::from(&s.path)]).ok()?;
            let text = loaded.sources.into_iter().next()?.text;
            Some((s.id.clone(), text))
        })
        .collect()
}

/// The findings of a baseline JSON report; a file that cannot be read or
/// is no report is an error naming it.
fn read_baseline(path: &std::path::Path) -> Result<crate::report::Baseline, Failure> {
    let shown = path.display().to_string();
    let text = crate::source::read_capped(path, crate::source::DEFAULT_MAX_SOURCE_BYTES)
        .map_err(|e| Failure::Input(format!("cannot read baseline {shown}: {e}")))?;
    crate::report::Baseline::parse(&shown, &text).map_err(Failure::Input)
}

/// The process ends right after a command: what it built (claims by the
/// hundred thousand, compiled rules) is left for the system to reclaim at
/// once rather than freed piece by piece.
fn leave<T>(built: T) {
    std::mem::forget(built);
}

/// Runs `check`: the exit code is 1 when a draft claim has a status `--fail-on` names.
fn check(a: args::CheckArgs, settings: &Settings) -> Result<i32, Failure> {
    if a.check {
        return Err(Failure::Config(
            "check has no --check: that option keeps a saved report true (report -o REPORT.md --check); \
             to fail on the draft's figures, use --fail-on contradicted"
                .into(),
        ));
    }
    let rules = settings.rules(&a.common.rules)?;
    let extractor = Extractor::new(&rules);
    // `check --against DIR DRAFT`: the flag took the draft too; it is the last path.
    let (draft_path, against_paths) = match (a.draft.clone(), a.against.split_last()) {
        (Some(d), _) => (d, a.against.clone()),
        (None, Some((last, rest))) if !rest.is_empty() => (last.clone(), rest.to_vec()),
        (None, _) => {
            return Err(Failure::Input(
                "check needs a draft and its sources: crosscheck check DRAFT --against SOURCES...".into(),
            ))
        }
    };
    let draft = read_and_extract(&extractor, std::slice::from_ref(&draft_path), a.common.max_source_mb, settings)?;
    let mut against = plan_sources(&against_paths, a.common.max_source_mb, settings)?;
    if against.leave_out(&draft_path) {
        eprintln!("crosscheck: warning: {} is the draft: left out of --against", draft_path.display());
    }
    let sources = extract_planned(&extractor, against, a.common.max_source_mb, settings)?;
    let format = a.format.or(settings.config.check.format).unwrap_or(args::ReportFormat::Md);
    let fail_on = if a.fail_on.is_empty() { settings.config.check.fail_on.clone() } else { a.fail_on.clone() };
    let checked = crate::check::check(&draft.claims, &sources.claims, &crate::compare::Comparer::new(&rules));
    let draft_name = draft_path.display().to_string();
    let text = match format {
        args::ReportFormat::Md => crate::report::check_markdown(&draft_name, &checked),
        args::ReportFormat::Jsonl => crate::report::json_lines(&checked),
        args::ReportFormat::Github => crate::report::check_github(&draft_name, &checked),
        args::ReportFormat::Json => {
            let doc = serde_json::json!({"crosscheck": 1, "draft": draft_name, "claims": checked});
            serde_json::to_string_pretty(&doc).expect("checks serialise") + "\n"
        }
        args::ReportFormat::Sarif => crate::report::check_sarif(&draft.sources, &sources.sources, &checked),
        args::ReportFormat::Html => {
            return Err(Failure::Config("check --format html: the HTML page is made by report; use md".into()))
        }
    };
    settings.emit(format, a.common.output.as_deref(), text)?;
    let found: Vec<(usize, &str)> = fail_on
        .iter()
        .map(|f| (crate::check::count(&checked, f.status()), f.status().name()))
        .filter(|(n, _)| *n > 0)
        .collect();
    Ok(settings.exit_for(&found, a.exit_zero))
}

/// Writes a command's whole output: to standard output, or atomically to a file.
fn write_output(path: Option<&std::path::Path>, text: &str) -> Result<(), Failure> {
    let mut out = Output::open(path)?;
    let name = out.name().to_string();
    out.write_all(text.as_bytes()).map_err(|e| Failure::from_io(e, &name))?;
    out.finish()
}

/// The most threads that read sources: more only wait on each other, and
/// tens of thousands would take longer to start than any archive to read.
const MAX_THREADS: usize = 256;

/// Sets the size of the thread pool that reads sources, at most [`MAX_THREADS`].
fn configure_threads(threads: Option<usize>) {
    if let Some(n) = threads {
        if n > MAX_THREADS {
            eprintln!("crosscheck: warning: {n} threads is more than {MAX_THREADS}; using {MAX_THREADS}");
        }
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.clamp(1, MAX_THREADS)).build_global();
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

/// Sources read and extracted together before their claims are collected.
const SOURCES_PER_BATCH: usize = 256;

/// The most sources one task reads in turn, gathering their claims into
/// one list (with two threads, a batch is eight such runs).
const MAX_SOURCES_PER_RUN: usize = 32;

/// Reads the sources under `paths` and extracts their claims, in parallel,
/// printing what could not be read on standard error. Fails only when no
/// source at all could be read.
fn read_and_extract(
    extractor: &Extractor,
    paths: &[PathBuf],
    max_mb: Option<u64>,
    settings: &Settings,
) -> Result<Extracted, Failure> {
    let plan = plan_sources(paths, max_mb, settings)?;
    extract_planned(extractor, plan, max_mb, settings)
}

/// [`read_and_extract`] for sources already found.
fn extract_planned(
    extractor: &Extractor,
    plan: crate::source::Plan,
    max_mb: Option<u64>,
    settings: &Settings,
) -> Result<Extracted, Failure> {
    let mut claims = Vec::new();
    let (sources, skipped) = read_and_extract_each(extractor, plan, max_mb, settings, |mut c| {
        claims.append(&mut c);
        Ok(())
    })?;
    Ok(Extracted { sources, claims, skipped })
}

/// The largest source read, in bytes: `--max-source-mb`, the settings', or the default.
fn max_source_bytes(max_mb: Option<u64>, settings: &Settings) -> u64 {
    max_mb
        .or(settings.config.max_source_mb)
        .map_or(crate::source::DEFAULT_MAX_SOURCE_BYTES, |mb| mb.saturating_mul(1_000_000))
}

/// The sources under `paths` that the settings' filter admits, not read yet.
fn plan_sources(paths: &[PathBuf], max_mb: Option<u64>, settings: &Settings) -> Result<crate::source::Plan, Failure> {
    let admits = |rel: &str| settings.filter.admits(rel);
    let walking = crate::source::Walking {
        admits: &admits,
        max_stdin: max_source_bytes(max_mb, settings),
        read_ignored: settings.config.no_ignore,
    };
    crate::source::plan_with(paths, &mut io::stdin().lock(), walking).map_err(|e| Failure::Input(e.to_string()))
}

/// Sources under `paths` found while the rules were built.
struct Found {
    /// What was found, or why not; `None` when standard input is among the
    /// paths: it is read only once the command is ready, by [`Found::plan`].
    early: Option<Result<crate::source::Plan, Failure>>,
}

impl Found {
    /// The sources under `paths`: those found early, or found now.
    fn plan(self, paths: &[PathBuf], max_mb: Option<u64>, settings: &Settings) -> Result<crate::source::Plan, Failure> {
        self.early.unwrap_or_else(|| plan_sources(paths, max_mb, settings))
    }
}

/// The rules and the extractor built from them, made while the sources
/// under `paths` are found: neither waits on the other. Errors are the
/// caller's to report in the order the command reports them: the rules'
/// first. Standard input is never read here.
fn prepare(
    rule_dirs: &[PathBuf],
    paths: &[PathBuf],
    max_mb: Option<u64>,
    settings: &Settings,
) -> (Result<(RuleSet, Extractor), Failure>, Found) {
    let build = || {
        settings.rules(rule_dirs).map(|rules| {
            let extractor = Extractor::new(&rules);
            (rules, extractor)
        })
    };
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return (build(), Found { early: None });
    }
    let (built, plan) = rayon::join(build, || plan_sources(paths, max_mb, settings));
    (built, Found { early: Some(plan) })
}

/// What reading and extracting one source came to.
enum Outcome {
    /// Read, with a warning about its text.
    Read(SourceInfo, Option<String>),
    /// crosscheck's own report: not a source.
    OwnReport,
    Skipped(crate::source::Skip),
    Failed(crate::source::SourceError),
}

/// Like [`extract_planned`], but hands the claims to `each`, a run of
/// sources at a time, in source order, instead of collecting them: returns
/// the sources read and the ones skipped.
fn read_and_extract_each(
    extractor: &Extractor,
    plan: crate::source::Plan,
    max_mb: Option<u64>,
    settings: &Settings,
    mut each: impl FnMut(Vec<crate::claim::Claim>) -> Result<(), Failure>,
) -> Result<(Vec<SourceInfo>, Vec<crate::source::Skip>), Failure> {
    let max_bytes = max_source_bytes(max_mb, settings);
    use crate::source::ReadOutcome;
    use rayon::prelude::*;
    let mut skipped = plan.skipped;
    let progress = settings.term.progress(plan.pending.len());
    for s in &skipped {
        settings.term.warn(s);
    }
    for w in &plan.warnings {
        settings.term.warn(w);
    }
    let mut sources = Vec::new();
    // Sources are read and extracted in parallel a batch at a time, and each
    // batch's claims are handed on before the next batch is read: memory holds
    // the claims once, not once per source and again in the list. Each task
    // reads a run of sources and gathers their claims into one list of the
    // exact size, so nothing is gathered while the other threads wait.
    let mut pending = plan.pending.into_iter();
    let threads = rayon::current_num_threads();
    // Runs short enough that every thread has several to take in a batch.
    let run_len = (SOURCES_PER_BATCH / (4 * threads)).clamp(1, MAX_SOURCES_PER_RUN);
    // Each thread extracts with a copy of its own. A regex serves the first
    // thread that uses it from a cache of its own, and any other thread from
    // a shared pool behind a lock: the costliest attribution pattern ran at
    // 3.5 ns a byte on a second thread against 1.8 on the first (`report`
    // over 100 MB on 2 threads: 3% faster with copies). A thread makes its
    // copy when it first extracts (about 2 ms); one thread keeps the
    // extractor it was given.
    let copies: Vec<std::sync::OnceLock<Extractor>> =
        if threads > 1 { (0..threads).map(|_| std::sync::OnceLock::new()).collect() } else { Vec::new() };
    loop {
        let batch: Vec<_> = pending.by_ref().take(SOURCES_PER_BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let runs: Vec<(Vec<Outcome>, Vec<crate::claim::Claim>)> = batch
            .into_par_iter()
            .chunks(run_len)
            .map(|run| {
                let mut outcomes = Vec::with_capacity(run.len());
                let mut lists = Vec::with_capacity(run.len());
                for p in run {
                    let read = p.read(max_bytes);
                    progress.inc();
                    let outcome = match read {
                        Ok(ReadOutcome::Source(source, warning)) => {
                            let own = rayon::current_thread_index()
                                .and_then(|k| copies.get(k))
                                .map(|copy| copy.get_or_init(|| extractor.clone()));
                            lists.push(own.unwrap_or(extractor).extract(&source));
                            Outcome::Read(SourceInfo::of(&source), warning)
                        }
                        Ok(ReadOutcome::OwnReport) => Outcome::OwnReport,
                        Ok(ReadOutcome::Skipped(skip)) => Outcome::Skipped(skip),
                        Err(e) => Outcome::Failed(e),
                    };
                    let failed = matches!(outcome, Outcome::Failed(_));
                    outcomes.push(outcome);
                    if failed {
                        // The run stops at its first failure, as the command does.
                        break;
                    }
                }
                let mut claims = Vec::with_capacity(lists.iter().map(Vec::len).sum());
                for list in lists {
                    claims.extend(list);
                }
                (outcomes, claims)
            })
            .collect();
        for (outcomes, claims) in runs {
            for outcome in outcomes {
                match outcome {
                    Outcome::Read(info, warning) => {
                        if let Some(w) = warning {
                            settings.term.warn(w);
                        }
                        sources.push(info);
                    }
                    Outcome::OwnReport => {}
                    Outcome::Skipped(skip) => {
                        settings.term.warn(&skip);
                        skipped.push(skip);
                    }
                    Outcome::Failed(e) => {
                        // The run stopped at its failure: its claims are those
                        // of the sources before it, handed on as they were read.
                        each(claims)?;
                        return Err(Failure::Input(e.to_string()));
                    }
                }
            }
            each(claims)?;
        }
    }
    progress.finish();
    if sources.is_empty() {
        return Err(Failure::Input("no sources could be read".into()));
    }
    Ok((sources, skipped))
}

/// The `sources` list of the JSON outputs.
pub fn source_records(sources: &[SourceInfo]) -> Vec<serde_json::Value> {
    sources
        .iter()
        .map(|s| serde_json::json!({"id": s.id, "path": s.path, "published": s.published, "outlet": s.outlet}))
        .collect()
}
