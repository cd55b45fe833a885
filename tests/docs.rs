//! The workflow pages in `docs/` run: every command they show is run and its
//! exit status and output checked, so the docs cannot drift from the binary.
//!
//! How to write a tested command in `docs/*.md`:
//!
//! - Put it in a fenced block opened with ` ```console `, on a line starting
//!   with `$ crosscheck `. It runs with the repository root as the current
//!   folder. Any other `$ ` line in a console block is an error: show
//!   untested commands (installation, shell loops) in ` ```sh ` blocks.
//! - Arguments are split as a POSIX shell splits words: 'single' and "double"
//!   quotes and backslash escapes work. Pipes, redirections, `;`, `&`,
//!   backticks, globs and variables are refused, with one exception: `$TMP`
//!   is a temporary folder, one per page, shared by the page's commands in
//!   order (`-o $TMP/REPORT.md`, then `-o $TMP/REPORT.md --check`). In the
//!   expected output, `$TMP` stands for the same folder.
//! - The expected exit status is 0, unless the line ends with the comment
//!   `# exit N` (a shell ignores it, so the line still copies and pastes).
//!   Any other comment is an error.
//! - The lines after the command, up to the next command or the end of the
//!   block, are its expected output: standard output followed by standard
//!   error. They must match the actual lines exactly (trailing spaces and
//!   blank lines at the very end of the output ignored) and in order, from
//!   the first line to the last. A line `...` stands for any number of lines
//!   left out. A command followed by no lines has its output unchecked.
//! - Commands run without `CROSSCHECK_CONFIG` and with `NO_COLOR` set, so the
//!   caller's own settings never change what a page shows.
//! - A block opened right after the line `<!-- file: PATH -->` shows a file:
//!   it must hold exactly the text of PATH.
//!
//! `docs/editor.md`, `docs/ci.md` and `docs/rules.md` must each hold at least
//! one tested command, as must any other page with a console block.

use std::path::Path;
use std::process::Command;

/// The pages each workflow is documented on; each must hold tested commands.
const WORKFLOW_PAGES: [&str; 3] = ["editor.md", "ci.md", "rules.md"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One tested command from a page.
#[derive(Debug)]
struct Example {
    /// 1-based line of the command in the page.
    line: usize,
    /// The command line as written, after `$ `.
    command: String,
    /// The expected output lines, `...` included.
    expected: Vec<String>,
}

/// A fenced block: its info string, the line of its opening fence, its lines.
struct Block {
    info: String,
    /// 1-based line of the opening fence.
    line: usize,
    lines: Vec<String>,
    /// The `<!-- file: PATH -->` comment right before the block, if any.
    shows_file: Option<String>,
}

/// The fenced blocks of a Markdown page.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    let mut previous = "";
    for (i, line) in text.lines().enumerate() {
        match &mut open {
            Some(b) => {
                if line.trim_start().starts_with("```") {
                    out.push(open.take().unwrap());
                } else {
                    b.lines.push(line.to_string());
                }
            }
            None => {
                if let Some(info) = line.trim_start().strip_prefix("```") {
                    let shows_file = previous
                        .trim()
                        .strip_prefix("<!-- file:")
                        .and_then(|r| r.strip_suffix("-->"))
                        .map(|p| p.trim().to_string());
                    open = Some(Block { info: info.trim().to_string(), line: i + 1, lines: Vec::new(), shows_file });
                }
            }
        }
        previous = line;
    }
    assert!(open.is_none(), "a fenced block is never closed");
    out
}

/// The tested commands of a page, or the errors in its console blocks.
fn examples(page: &str, text: &str) -> Result<Vec<Example>, Vec<String>> {
    let mut examples: Vec<Example> = Vec::new();
    let mut errors = Vec::new();
    for block in blocks(text).into_iter().filter(|b| b.info == "console") {
        let mut current: Option<Example> = None;
        for (k, line) in block.lines.iter().enumerate() {
            let at = block.line + 1 + k;
            if let Some(command) = line.strip_prefix("$ ") {
                examples.extend(current.take());
                if command.starts_with("crosscheck ") {
                    current = Some(Example { line: at, command: command.to_string(), expected: Vec::new() });
                } else {
                    errors.push(format!(
                        "{page}:{at}: only `$ crosscheck ...` commands run; show `{command}` in a ```sh block"
                    ));
                }
            } else if let Some(e) = &mut current {
                e.expected.push(line.to_string());
            } else if !line.trim().is_empty() {
                errors.push(format!("{page}:{at}: output before any command in a console block"));
            }
        }
        examples.extend(current);
    }
    if errors.is_empty() {
        Ok(examples)
    } else {
        Err(errors)
    }
}

/// A command line split into words, and the exit status it expects.
#[derive(Debug, PartialEq)]
struct Parsed {
    args: Vec<String>,
    exit: i32,
}

/// Splits a command line as a POSIX shell would, refusing what only a shell
/// could run. `tmp` replaces `$TMP`.
fn split(line: &str, tmp: &str) -> Result<Parsed, String> {
    let mut args = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars().peekable();
    let mut exit = 0;
    // `$TMP` (and nothing else) after a `$`, in or out of double quotes.
    let variable = |chars: &mut std::iter::Peekable<std::str::Chars>| -> Result<String, String> {
        let name: String = std::iter::from_fn(|| chars.next_if(|c| c.is_ascii_alphanumeric() || *c == '_')).collect();
        if name == "TMP" {
            Ok(tmp.to_string())
        } else {
            Err(format!("only $TMP may be used, not ${name}"))
        }
    };
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => args.extend(word.take()),
            '#' if word.is_none() => {
                let comment: String = chars.by_ref().collect();
                let status = comment.trim().strip_prefix("exit ").and_then(|n| n.trim().parse().ok());
                match status {
                    Some(n) => exit = n,
                    None => return Err(format!("the only comment allowed is `# exit N`, not `#{comment}`")),
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("unclosed single quote".into()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('$' | '`' | '"' | '\\')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => return Err("unclosed double quote".into()),
                        },
                        Some('$') => w.push_str(&variable(&mut chars)?),
                        Some('`') => return Err("backticks are not supported".into()),
                        Some(c) => w.push(c),
                        None => return Err("unclosed double quote".into()),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(c) => word.get_or_insert_with(String::new).push(c),
                None => return Err("a trailing backslash (continued lines) is not supported".into()),
            },
            '$' => {
                let value = variable(&mut chars)?;
                word.get_or_insert_with(String::new).push_str(&value);
            }
            '|' | '&' | ';' | '<' | '>' | '`' | '(' | ')' => {
                return Err(format!("`{c}`: pipelines, redirections and command lists are not supported"));
            }
            '*' | '?' | '[' => return Err(format!("`{c}`: globs are not supported; quote it")),
            '~' if word.is_none() => return Err("`~` is not supported".into()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    args.extend(word);
    Ok(Parsed { args, exit })
}

/// Whether the expected lines match the actual ones; `Err` says where not.
fn matches(expected: &[String], actual: &[&str]) -> Result<(), String> {
    // Chunks of lines that must be contiguous, split at `...`.
    let chunks: Vec<&[String]> = expected.split(|l| l.trim() == "...").collect();
    let open_start = expected.first().is_some_and(|l| l.trim() == "...");
    let open_end = expected.last().is_some_and(|l| l.trim() == "...");
    let same = |e: &String, a: &str| e.trim_end() == a.trim_end();
    let mut pos = 0;
    let last = chunks.len() - 1;
    for (n, chunk) in chunks.iter().enumerate() {
        if chunk.is_empty() {
            continue;
        }
        let fits =
            |at: usize| at + chunk.len() <= actual.len() && chunk.iter().zip(&actual[at..]).all(|(e, a)| same(e, a));
        let found = if n == 0 && !open_start {
            fits(0).then_some(0)
        } else if n == last && !open_end {
            actual.len().checked_sub(chunk.len()).filter(|&at| at >= pos && fits(at))
        } else {
            (pos..=actual.len()).find(|&at| fits(at))
        };
        match found {
            Some(at) => pos = at + chunk.len(),
            None => {
                let place = if n == 0 && !open_start {
                    "at the start of the output"
                } else if n == last && !open_end {
                    "at the end of the output"
                } else {
                    "in order in the output"
                };
                let missing = match chunk.iter().find(|e| !actual.iter().any(|a| same(e, a))) {
                    Some(line) => format!("no output line is {line:?}"),
                    None => "each line is there, but not together".to_string(),
                };
                return Err(format!("these lines are not {place} ({missing}):\n{}", chunk.join("\n")));
            }
        }
    }
    if chunks.len() == 1 && !open_start && pos != actual.len() {
        return Err(format!("the output has {} lines more than shown (end with `...`?)", actual.len() - pos));
    }
    Ok(())
}

/// Runs every tested command of a page, in order; returns how many ran.
fn run_page(name: &str) -> usize {
    let path = root().join("docs").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let page = format!("docs/{name}");
    let examples = examples(&page, &text).unwrap_or_else(|errors| panic!("{}", errors.join("\n")));
    let tmp = tempfile::tempdir().unwrap();
    let tmp_str = tmp.path().to_str().expect("a UTF-8 temporary folder").to_string();
    let mut failures = Vec::new();
    for e in &examples {
        let here = format!("{page}:{}: `{}`", e.line, e.command);
        let parsed = match split(&e.command, &tmp_str) {
            Ok(p) => p,
            Err(why) => {
                failures.push(format!("{here}: {why}"));
                continue;
            }
        };
        let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .args(&parsed.args[1..])
            .current_dir(root())
            // The pages show what a reader sees with no settings of their own.
            .env_remove("CROSSCHECK_CONFIG")
            .env_remove("CLICOLOR_FORCE")
            .env("NO_COLOR", "1")
            .output()
            .unwrap_or_else(|err| panic!("{here}: cannot run crosscheck: {err}"));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let shown = || format!("--- standard output ---\n{stdout}--- standard error ---\n{stderr}");
        let code = out.status.code().unwrap_or(-1);
        if code != parsed.exit {
            failures.push(format!("{here}: exit status {code}, the page says {}\n{}", parsed.exit, shown()));
            continue;
        }
        if e.expected.iter().all(|l| l.trim().is_empty()) {
            continue;
        }
        let expected: Vec<String> = e.expected.iter().map(|l| l.replace("$TMP", &tmp_str)).collect();
        let mut actual: Vec<&str> = stdout.lines().chain(stderr.lines()).collect();
        while actual.last().is_some_and(|l| l.trim().is_empty()) {
            actual.pop();
        }
        if let Err(why) = matches(&expected, &actual) {
            failures.push(format!("{here}: {why}\n{}", shown()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} commands failed:\n\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n\n")
    );
    assert!(!examples.is_empty(), "{page} has no tested command (a ```console block with `$ crosscheck ...`)");
    examples.len()
}

#[test]
fn editor_page_commands_run() {
    run_page("editor.md");
}

#[test]
fn ci_page_commands_run() {
    run_page("ci.md");
}

#[test]
fn rules_page_commands_run() {
    run_page("rules.md");
}

/// Pages other than the workflow pages run too, if they show commands.
#[test]
fn other_pages_with_commands_run() {
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !name.ends_with(".md") || WORKFLOW_PAGES.contains(&name.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if blocks(&text).iter().any(|b| b.info == "console") {
            run_page(&name);
        }
    }
}

/// Every block shown as a file holds exactly that file's text.
#[test]
fn files_shown_in_the_docs_are_the_files() {
    let mut shown = 0;
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for b in blocks(&text) {
            let Some(file) = &b.shows_file else { continue };
            shown += 1;
            let want = std::fs::read_to_string(root().join(file))
                .unwrap_or_else(|e| panic!("{}:{}: {file}: {e}", path.display(), b.line));
            let got: String = b.lines.iter().map(|l| format!("{l}\n")).collect();
            assert!(
                got == want,
                "{}:{}: the block differs from {file}; copy the file into the page",
                path.display(),
                b.line
            );
        }
    }
    assert!(shown >= 3, "the pages show the workflow and example files: {shown}");
}

/// The GitHub Actions workflow shipped for newsrooms is valid YAML with jobs
/// that run crosscheck the way ci.md describes.
#[test]
fn the_example_workflow_parses() {
    let path = root().join("docs/examples/crosscheck.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("docs/examples/crosscheck.yml is YAML");
    let jobs = doc.get("jobs").and_then(|j| j.as_mapping()).expect("the workflow has jobs");
    assert!(!jobs.is_empty());
    let mut runs = String::new();
    let mut uses = Vec::new();
    for (_, job) in jobs {
        assert!(job.get("runs-on").is_some(), "every job says where it runs");
        for step in job.get("steps").and_then(|s| s.as_sequence()).expect("every job has steps") {
            if let Some(r) = step.get("run").and_then(|r| r.as_str()) {
                runs.push_str(r);
            }
            if let Some(u) = step.get("uses").and_then(|u| u.as_str()) {
                uses.push(u.to_string());
            }
        }
    }
    for needle in ["--format github", "--fail-on conflict", "--format sarif", "--check"] {
        assert!(runs.contains(needle), "the workflow runs crosscheck with {needle}");
    }
    for action in ["actions/checkout@", "dtolnay/rust-toolchain@", "github/codeql-action/upload-sarif@"] {
        assert!(uses.iter().any(|u| u.starts_with(action)), "the workflow uses {action}");
    }
}

/// The example rule folder's examples read as promised, as the built-in
/// rules' examples do in tests/rule_examples.rs.
#[test]
fn the_example_rules_keep_their_examples() {
    use crosscheck::extract::Extractor;
    use crosscheck::rules::RuleSet;
    use crosscheck::source::{Source, SourceMeta};
    let dir = root().join("docs/examples/rules");
    let rules = RuleSet::load(&[dir.as_path()]).expect("docs/examples/rules loads");
    let extractor = Extractor::new(&rules);
    let ids = ["layoffs"];
    let mut checked = 0;
    for m in rules.measures.measures.iter().filter(|m| ids.contains(&m.id.as_str())) {
        for e in &m.examples {
            checked += 1;
            let claims =
                extractor.extract(&Source::new("example.txt", "example.txt", e.text.as_str(), SourceMeta::default()));
            let c = claims.iter().find(|c| c.measure == e.measure);
            let c = c.unwrap_or_else(|| panic!("{}: {:?} gave no {} claim", m.id, e.text, e.measure));
            if let (Some(a), crosscheck::claim::Value::Figure(f)) = (e.amount, &c.value) {
                assert_eq!(f.amount, Some(a), "{}: {:?}", m.id, e.text);
            }
        }
        for e in &m.counter_examples {
            checked += 1;
            let claims =
                extractor.extract(&Source::new("example.txt", "example.txt", e.text.as_str(), SourceMeta::default()));
            assert!(!claims.iter().any(|c| c.measure == e.measure), "{}: counter-example {:?}", m.id, e.text);
        }
    }
    assert_eq!(checked, 2, "the layoffs measure carries one example and one counter-example");
    let scanner = crosscheck::quantity::Scanner::new(&rules);
    for q in rules.qualifiers.qualifiers.iter().filter(|q| q.id == "about") {
        for e in &q.examples {
            let found = scanner.scan(&e.text);
            let got = found.first().map(|f| f.qualifier.id());
            assert_eq!(got, e.qualifier.as_deref(), "qualifiers/about: {:?}", e.text);
        }
    }
}

#[test]
fn command_lines_split_like_a_shell() {
    let p = split("crosscheck quantities 'more than $37 billion' \"a \\$5 b\"  # exit 1", "/t").unwrap();
    assert_eq!(
        p,
        Parsed {
            args: vec!["crosscheck".into(), "quantities".into(), "more than $37 billion".into(), "a $5 b".into()],
            exit: 1
        }
    );
    assert_eq!(split("crosscheck report -o $TMP/R.md", "/t").unwrap().args[3], "/t/R.md");
    for bad in [
        "crosscheck report a | head",
        "crosscheck report a > b",
        "crosscheck report $HOME",
        "crosscheck report stories/*",
        "crosscheck a # note",
    ] {
        assert!(split(bad, "/t").is_err(), "{bad}");
    }
}

#[test]
fn expected_output_matches_in_order_with_gaps() {
    let lines = |s: &str| s.lines().map(String::from).collect::<Vec<_>>();
    let actual = ["a", "b", "c", "d"];
    assert!(matches(&lines("a\nb\nc\nd"), &actual).is_ok());
    assert!(matches(&lines("a\n...\nd"), &actual).is_ok());
    assert!(matches(&lines("...\nb\nc\n..."), &actual).is_ok());
    assert!(matches(&lines("a\nb\n..."), &actual).is_ok());
    assert!(matches(&lines("a\nc\n..."), &actual).is_err(), "lines between must be shown or elided");
    assert!(matches(&lines("a\nb"), &actual).is_err(), "left-out lines at the end need `...`");
    assert!(matches(&lines("...\nc"), &actual).is_err(), "the last shown line ends the output");
    assert!(matches(&lines("b\n..."), &actual).is_err(), "the first shown line starts the output");
}
