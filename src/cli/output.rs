//! Where a command writes: standard output, or a file written atomically
//! (a temporary file in the same folder, renamed into place at the end), so
//! a failed run never leaves a half-written or emptied report behind. A
//! symbolic link is written through, into the file it names; a device, a
//! pipe or anything else that is not a regular file is written straight to,
//! never replaced.

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
    File {
        tmp: PathBuf,
        dest: PathBuf,
        writer: BufWriter<File>,
        name: String,
    },
    /// Something other than a regular file (`/dev/null`, a pipe), opened
    /// and written as it is.
    Direct(BufWriter<File>, String),
}

/// How many symbolic links are followed before a path is taken for a loop.
const MAX_LINKS: usize = 40;

/// The path `path` names once its symbolic links are followed: a link's
/// target (relative to the link's folder), and so on. A link to nothing
/// yet gives the path the file is to be made at.
fn through_links(path: &Path) -> io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::other(format!("more than {MAX_LINKS} symbolic links (a loop?)")))
}

impl Output {
    /// Standard output, or a temporary file beside `path`.
    pub fn open(path: Option<&Path>) -> Result<Self, Failure> {
        let Some(dest) = path else {
            return Ok(Output::Stdout(BufWriter::with_capacity(BUFFER, io::stdout()), "standard output".into()));
        };
        let name = dest.display().to_string();
        let failed = |e: io::Error| Failure::Write { path: name.clone(), source: e };
        let dest = &through_links(dest).map_err(failed)?;
        match std::fs::metadata(dest) {
            Ok(m) if m.is_dir() => return Err(failed(io::Error::other("is a folder"))),
            Ok(m) if !m.is_file() => {
                let file = File::options().write(true).open(dest).map_err(failed)?;
                return Ok(Output::Direct(BufWriter::with_capacity(BUFFER, file), name));
            }
            _ => {}
        }
        let dir = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let file_name = dest.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_else(|| "output".into());
        let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
        let file = File::create(&tmp).map_err(failed)?;
        unfinished().push(tmp.clone());
        Ok(Output::File { tmp, dest: dest.to_path_buf(), writer: BufWriter::with_capacity(BUFFER, file), name })
    }

    /// The destination's name, for error messages.
    pub fn name(&self) -> &str {
        match self {
            Output::Stdout(_, n) | Output::Direct(_, n) => n,
            Output::File { name, .. } => name,
        }
    }

    /// Flushes, and for a file renames it into place.
    pub fn finish(mut self) -> Result<(), Failure> {
        match &mut self {
            Output::Stdout(w, n) => w.flush().map_err(|e| Failure::from_io(e, n)),
            Output::Direct(w, n) => w.flush().map_err(|e| Failure::Write { path: n.clone(), source: e }),
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
            Output::Direct(w, _) => w.write(buf),
            Output::File { writer, .. } => writer.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w, _) => w.flush(),
            Output::Direct(w, _) => w.flush(),
            Output::File { writer, .. } => writer.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

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

    #[test]
    fn a_symbolic_link_is_written_through_and_stays_a_link() {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.md");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("target.md", &link).unwrap();
        let mut out = Output::open(Some(&link)).unwrap();
        out.write_all(b"report").unwrap();
        out.finish().unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "report");
        // A link to nothing yet makes the file it names.
        let dangling = dir.path().join("dangling.md");
        std::os::unix::fs::symlink("made.md", &dangling).unwrap();
        let mut out = Output::open(Some(&dangling)).unwrap();
        out.write_all(b"made").unwrap();
        out.finish().unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("made.md")).unwrap(), "made");
    }

    #[test]
    fn a_link_loop_and_a_folder_are_errors_naming_the_output() {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        std::os::unix::fs::symlink("b.md", &a).unwrap();
        std::os::unix::fs::symlink("a.md", dir.path().join("b.md")).unwrap();
        let err = Output::open(Some(&a)).err().unwrap().to_string();
        assert!(err.contains("a.md") && err.contains("loop"), "{err}");
        let err = Output::open(Some(dir.path())).err().unwrap().to_string();
        assert!(err.contains("folder"), "{err}");
    }

    #[test]
    fn a_pipe_is_written_straight_to_never_replaced() {
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let mut out = Output::open(Some(&fifo)).unwrap();
        out.write_all(b"report").unwrap();
        out.finish().unwrap();
        assert_eq!(reader.join().unwrap(), "report");
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(temporaries(dir.path()).is_empty());
    }
}
