//! Terminal habits: colour only where it can be seen and is wanted, warnings
//! that `--quiet` silences, and a progress bar for long reads.

use super::args::ColorChoice;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How many sources make a read long enough for a progress bar from the start.
const MANY_SOURCES: usize = 50;

/// After this long, any read shows its progress bar.
const SLOW_READ: Duration = Duration::from_secs(1);

/// What the terminal on each stream wants.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    color_stdout: bool,
    color_stderr: bool,
    quiet: bool,
    progress: bool,
}

impl Terminal {
    /// `auto` colours a stream only when it is a terminal and `NO_COLOR` is
    /// unset or empty; `always` and `never` are the user's explicit word.
    pub fn new(choice: ColorChoice, quiet: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let wants = |is_terminal: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && !no_color,
        };
        let stderr_terminal = std::io::stderr().is_terminal();
        Terminal {
            color_stdout: wants(std::io::stdout().is_terminal()),
            color_stderr: wants(stderr_terminal),
            quiet,
            progress: stderr_terminal && !quiet,
        }
    }

    /// Prints a warning on standard error, unless quiet.
    pub fn warn(&self, message: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("crosscheck: {}: {message}", self.paint_stderr("warning", YELLOW));
        }
    }

    /// Prints why a run exits 1 on standard error, unless quiet.
    pub fn fail_reason(&self, message: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("crosscheck: {message}");
        }
    }

    /// Prints an error on standard error.
    pub fn error(&self, message: impl std::fmt::Display) {
        eprintln!("crosscheck: {}", self.paint_stderr(&message.to_string(), RED));
    }

    fn paint_stderr(&self, text: &str, color: &str) -> String {
        if self.color_stderr {
            format!("{color}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// Whether Markdown on standard output is coloured.
    pub fn colours_stdout(&self) -> bool {
        self.color_stdout
    }

    /// A Markdown report as the terminal on standard output shows it: headings
    /// bold and verdicts coloured, or unchanged when colour is off.
    pub fn markdown_for_stdout(&self, text: String) -> String {
        if !self.color_stdout {
            return text;
        }
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        for line in text.split_inclusive('\n') {
            if line.starts_with('#') {
                let body = line.trim_end_matches('\n');
                out.push_str(&format!("{BOLD}{body}{RESET}"));
                out.push_str(&line[body.len()..]);
                continue;
            }
            let mut l = line.to_string();
            for (word, color) in [("conflict", RED), ("compatible", YELLOW), ("agree", GREEN)] {
                l = l.replace(&format!("| {word} |"), &format!("| {color}{word}{RESET} |"));
            }
            out.push_str(&l);
        }
        out
    }

    /// A progress bar for reading `total` sources: drawn on standard error
    /// when it is a terminal and not quiet, from the start for many sources
    /// or once the read has taken a second.
    pub fn progress(&self, total: usize) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} sources read ({elapsed})") {
            bar.set_style(style);
        }
        let progress = Progress { bar, shown: AtomicBool::new(false), enabled: self.progress, started: Instant::now() };
        if total >= MANY_SOURCES {
            progress.show();
        }
        progress
    }
}

/// A progress bar that appears only when it is worth seeing.
pub struct Progress {
    bar: ProgressBar,
    shown: AtomicBool,
    enabled: bool,
    started: Instant,
}

impl Progress {
    fn show(&self) {
        if self.enabled && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// One more source read.
    pub fn inc(&self) {
        if self.started.elapsed() >= SLOW_READ {
            self.show();
        }
        self.bar.inc(1);
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

#[cfg(test)]
mod tests {
    use super::*;

    fn with(color: bool) -> Terminal {
        Terminal { color_stdout: color, color_stderr: color, quiet: false, progress: false }
    }

    #[test]
    fn markdown_is_coloured_only_when_asked() {
        let md = "## Discrepancies\n\n| a | conflict |\n".to_string();
        assert_eq!(with(false).markdown_for_stdout(md.clone()), md);
        let coloured = with(true).markdown_for_stdout(md);
        assert!(coloured.starts_with("\x1b[1m## Discrepancies\x1b[0m\n"), "{coloured:?}");
        assert!(coloured.contains("| \x1b[31mconflict\x1b[0m |"), "{coloured:?}");
    }
}
