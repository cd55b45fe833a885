//! Where a command writes: standard output, or a file written atomically
//! (a temporary file in the same folder, renamed into place at the end), so
//! a failed run never leaves a half-written or emptied report behind.

use super::Failure;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files being written. The release build aborts on a panic
/// (`panic = "abort"`: no unwinding code in the hot loops), so no `Drop`
/// runs after one; the panic hook removes these instead.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The list of unfinished temporary files, whatever a panic left it in.
fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes every temporary file still being written: what a run that
/// panics must not leave behind.
pub fn remove_unfinished() {
    for tmp in unfinished().drain(..) {
        let _ = std::fs::remove_file(tmp);
    }
}

/// Makes a panic remove the temporary files being written before the
/// process ends, then report as it would have.
pub fn remove_unfinished_on_panic() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        remove_unfinished();
        report(info);
    }));
}

/// `tmp` is no longer being written: finished, or removed.
fn forget(tmp: &Path) {
    unfinished().retain(|p| p != tmp);
}

/// Bytes gathered before each write: what is written in pieces (a report's
/// lines, the claims of a few sources) goes out in few system calls.
const BUFFER: usize = 256 * 1024;

/// An output destination.
pub enum Output {
    Stdout(BufWriter<io::Stdout>, String),
    File { tmp: PathBuf, dest: PathBuf, writer: BufWriter<File>, name: String },
}

impl Output {
    /// Standard output, or a temporary file beside `path`.
    pub fn open(path: Option<&Path>) -> Result<Self, Failure> {
        let Some(dest) = path else {
            return Ok(Output::Stdout(BufWriter::with_capacity(BUFFER, io::stdout()), "standard output".into()));
        };
        let name = dest.display().to_string();
        let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let file_name = dest.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_else(|| "output".into());
        let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
        let file = File::create(&tmp).map_err(|e| Failure::Write { path: name.clone(), source: e })?;
        unfinished().push(tmp.clone());
        Ok(Output::File { tmp, dest: dest.to_path_buf(), writer: BufWriter::with_capacity(BUFFER, file), name })
    }

    /// The destination's name, for error messages.
    pub fn name(&self) -> &str {
        match self {
            Output::Stdout(_, n) => n,
            Output::File { name, .. } => name,
        }
    }

    /// Flushes, and for a file renames it into place.
    pub fn finish(mut self) -> Result<(), Failure> {
        match &mut self {
            Output::Stdout(w, n) => w.flush().map_err(|e| Failure::from_io(e, n)),
            Output::File { tmp, dest, writer, name } => {
                let done = writer
                    .flush()
                    .and_then(|_| writer.get_ref().sync_all())
                    .and_then(|_| std::fs::rename(&*tmp, &*dest));
                if done.is_ok() {
                    forget(tmp);
                    // Renamed into place: there is nothing left for `Drop` to remove.
                    *tmp = PathBuf::new();
                }
                done.map_err(|e| Failure::Write { path: name.clone(), source: e })
            }
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Output::File { tmp, .. } = self {
            if tmp.as_os_str().is_empty() {
                return;
            }
            // Unfinished: never leave the temporary file behind.
            let _ = std::fs::remove_file(&*tmp);
            forget(tmp);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w, _) => w.write(buf),
            Output::File { writer, .. } => writer.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w, _) => w.flush(),
            Output::File { writer, .. } => writer.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Held by each test here: one removes every unfinished file there is,
    /// which must not be another test's.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

    /// The temporary files in `dir`: named `.NAME.PID.tmp`.
    fn temporaries(dir: &Path) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "tmp"))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn what_a_panic_would_leave_is_removed_and_what_was_finished_stays() {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let done = dir.path().join("done.md");
        let mut finished = Output::open(Some(&done)).unwrap();
        finished.write_all(b"report").unwrap();
        let finished_tmp = temporaries(dir.path());
        finished.finish().unwrap();
        // Renamed into place, it is no longer on the list a panic empties.
        assert!(finished_tmp.iter().all(|tmp| !unfinished().contains(tmp)));
        let mut open = Output::open(Some(&dir.path().join("open.md"))).unwrap();
        open.write_all(b"half a report").unwrap();
        assert_eq!(temporaries(dir.path()).len(), 1);
        // What the panic hook does; with `panic = "abort"`, `open` is never dropped.
        remove_unfinished();
        assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
        assert_eq!(std::fs::read_to_string(&done).unwrap(), "report");
        std::mem::forget(open);
    }

    #[test]
    fn a_dropped_output_leaves_nothing_to_remove_later() {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dropped.md");
        drop(Output::open(Some(&path)).unwrap());
        assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
        let tmp = dir.path().join(format!(".dropped.md.{}.tmp", std::process::id()));
        assert!(!unfinished().contains(&tmp));
    }
}
