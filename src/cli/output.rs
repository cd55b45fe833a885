//! Where a command writes: standard output, or a file written atomically
//! (a temporary file in the same folder, renamed into place at the end), so
//! a failed run never leaves a half-written or emptied report behind.

use super::Failure;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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
                done.map_err(|e| Failure::Write { path: name.clone(), source: e })
            }
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Output::File { tmp, .. } = self {
            // Unfinished: never leave the temporary file behind.
            let _ = std::fs::remove_file(tmp);
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
