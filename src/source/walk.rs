//! Walking folders for sources: which files are read, which skipped and why.

use super::*;

/// The state of one [`load_with_stdin`] call.
pub(super) struct Loader<'a> {
    pub(super) stdin: &'a mut dyn Read,
    pub(super) plan: Plan,
    /// Parsed sources.yaml tables by folder, so each is read once.
    pub(super) meta_tables: HashMap<PathBuf, MetaTable>,
    /// Which files inside folders are read, by relative path.
    pub(super) admits: &'a dyn Fn(&str) -> bool,
    /// The most bytes read from standard input.
    pub(super) max_stdin: u64,
}

/// What walking a folder has found so far.
pub(super) struct Walked {
    /// Canonical paths of the folders read: a folder reached again (through
    /// a symbolic link) is not read twice.
    visited: HashSet<PathBuf>,
    /// The files found.
    entries: Vec<Entry>,
    /// The folders read, as prefixes ending in `/` (the top folder is `""`).
    folders: Vec<String>,
}

/// A file found while walking a folder.
pub(super) struct Entry {
    /// Path relative to the folder, with `/` separators.
    rel: String,
    /// The folder path joined with the relative path.
    path: PathBuf,
    /// `None` to load it, or why it is skipped.
    skip: Option<String>,
}

impl Loader<'_> {
    fn skip(&mut self, path: String, reason: impl fmt::Display) {
        self.plan.skipped.push(Skip { path, reason: reason.to_string() });
    }

    /// Loads one command-line path: `-`, a folder or a file.
    pub(super) fn load_path(&mut self, path: &Path) -> Result<(), SourceError> {
        if path.as_os_str() == "-" {
            return self.load_stdin();
        }
        let shown = path.display().to_string();
        let metadata = std::fs::metadata(path).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => SourceError::NotFound { path: shown.clone() },
            _ => SourceError::Unreadable { path: shown.clone(), source },
        })?;
        if metadata.is_dir() {
            self.load_folder(path)
        } else {
            self.load_named_file(path)
        }
    }

    fn load_stdin(&mut self) -> Result<(), SourceError> {
        let mut bytes = Vec::new();
        let within = read_at_most(&mut self.stdin, self.max_stdin, &mut bytes)
            .map_err(|source| SourceError::Unreadable { path: "-".to_string(), source })?;
        if !within {
            self.skip(
                "-".to_string(),
                format!(
                    "standard input is over the limit of {} MB a source (raise it with --max-source-mb)",
                    self.max_stdin / 1_000_000
                ),
            );
            return Ok(());
        }
        self.add("stdin".to_string(), "-".to_string(), Input::Bytes(bytes), SourceMeta::default())
    }

    /// A file named directly: its id is its file name, and the sources.yaml
    /// beside it may describe it.
    fn load_named_file(&mut self, path: &Path) -> Result<(), SourceError> {
        let shown = path.display().to_string();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| shown.clone());
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let meta = self.meta_table(&folder)?.get(&name).cloned().unwrap_or_default();
        self.add(name, shown, Input::File(path.to_path_buf()), meta)
    }

    /// Every `.txt` and `.md` file under a folder, sorted by relative path.
    fn load_folder(&mut self, root: &Path) -> Result<(), SourceError> {
        let mut walked = Walked { visited: HashSet::new(), entries: Vec::new(), folders: vec![String::new()] };
        let canonical = root.canonicalize().ok();
        if let Some(c) = &canonical {
            walked.visited.insert(c.clone());
        }
        let listing = std::fs::read_dir(root)
            .map_err(|source| SourceError::Unreadable { path: root.display().to_string(), source })?;
        self.walk(listing, root, "", canonical.as_deref(), &mut walked);
        let Walked { mut entries, mut folders, .. } = walked;
        folders.sort();
        // Each folder's sources.yaml is read and parsed in parallel; the first
        // bad one, in folder order, is the error.
        use rayon::prelude::*;
        let unread: Vec<PathBuf> =
            folders.iter().map(|f| root.join(f)).filter(|p| !self.meta_tables.contains_key(p)).collect();
        let tables: Vec<Result<MetaTable, SourceError>> = unread.par_iter().map(|p| read_meta_table(p)).collect();
        for (folder, table) in unread.into_iter().zip(tables) {
            self.meta_tables.insert(folder, table?);
        }
        entries.sort_by(|a, b| a.rel.cmp(&b.rel));
        for entry in entries {
            self.load_entry(root, entry)?;
        }
        Ok(())
    }

    /// Collects the files under one folder listing, recursing into subfolders
    /// (whose prefixes, ending in `/`, go to `walked.folders`). `here` is the
    /// folder's canonical path, when known.
    fn walk(&mut self, listing: std::fs::ReadDir, root: &Path, prefix: &str, here: Option<&Path>, walked: &mut Walked) {
        for item in listing {
            let item = match item {
                Ok(item) => item,
                Err(e) => {
                    let shown = root.join(prefix).display().to_string();
                    self.skip(shown, e);
                    continue;
                }
            };
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = format!("{prefix}{name}");
            let path = root.join(&rel);
            // The listing knows each entry's type; only a symbolic link is
            // asked what it points to.
            let listed = item.file_type();
            let is_link = listed.as_ref().map_or(true, |t| t.is_symlink());
            let kind = match listed {
                Ok(t) if !t.is_symlink() => Ok(t),
                _ => std::fs::metadata(&path).map(|m| m.file_type()),
            };
            match kind {
                Ok(m) if m.is_dir() => {
                    // A folder that is no link is where its parent is, under its
                    // name; only a link is resolved.
                    let canonical = if is_link { None } else { here.map(|h| h.join(item.file_name())) };
                    self.walk_subfolder(root, &rel, canonical, walked)
                }
                // A pipe never read from would wait forever, a device never end.
                Ok(m) if !m.is_file() => walked.entries.push(Entry {
                    rel,
                    path,
                    skip: Some("not a regular file (a pipe, a device or a socket)".to_string()),
                }),
                Ok(_) if META_FILES.contains(&name.as_str()) => {}
                Ok(_) if !(self.admits)(&rel) => {}
                Ok(_) if is_text_file(&name) => walked.entries.push(Entry { rel, path, skip: None }),
                Ok(_) => walked.entries.push(Entry { rel, path, skip: Some("not a .txt or .md file".to_string()) }),
                Err(e) => walked.entries.push(Entry { rel, path, skip: Some(e.to_string()) }),
            }
        }
    }

    /// Recurses into a subfolder unless it was already read (a symlink
    /// loop); `canonical` is its canonical path when already known.
    fn walk_subfolder(&mut self, root: &Path, rel: &str, canonical: Option<PathBuf>, walked: &mut Walked) {
        let path = root.join(rel);
        let shown = path.display().to_string();
        match canonical.map_or_else(|| path.canonicalize(), Ok) {
            Ok(canonical) if walked.visited.contains(&canonical) => {
                self.skip(shown, "folder already read (a symbolic link loop?)");
            }
            Ok(canonical) => {
                walked.visited.insert(canonical.clone());
                match std::fs::read_dir(&path) {
                    Ok(listing) => {
                        let prefix = format!("{rel}/");
                        walked.folders.push(prefix.clone());
                        self.walk(listing, root, &prefix, Some(&canonical), walked);
                    }
                    Err(e) => self.skip(shown, e),
                }
            }
            Err(e) => self.skip(shown, e),
        }
    }

    /// Loads one file found in a folder; an unreadable one is a warning.
    fn load_entry(&mut self, root: &Path, entry: Entry) -> Result<(), SourceError> {
        let shown = entry.path.display().to_string();
        if let Some(why) = entry.skip {
            self.skip(shown, why);
            return Ok(());
        }
        let meta = self.folder_meta(root, &entry.rel)?;
        self.add(entry.rel, shown, Input::File(entry.path), meta)
    }

    /// The metadata the sources.yaml files of a file's folders give it, from
    /// the top folder down; a nearer folder's entry overrides a farther one's.
    fn folder_meta(&mut self, root: &Path, rel: &str) -> Result<SourceMeta, SourceError> {
        let mut meta = SourceMeta::default();
        let splits = std::iter::once(0).chain(rel.match_indices('/').map(|(i, _)| i + 1));
        for split in splits {
            let (prefix, key) = rel.split_at(split);
            if let Some(found) = self.meta_table(&root.join(prefix))?.get(key) {
                meta = meta.overridden_by(found.clone());
            }
        }
        Ok(meta)
    }

    /// The parsed sources.yaml of a folder (empty when it has none), read once.
    fn meta_table(&mut self, folder: &Path) -> Result<&MetaTable, SourceError> {
        if !self.meta_tables.contains_key(folder) {
            let table = read_meta_table(folder)?;
            self.meta_tables.insert(folder.to_path_buf(), table);
        }
        Ok(self.meta_tables.entry(folder.to_path_buf()).or_default())
    }

    /// Adds a source to read.
    fn add(&mut self, id: String, shown: String, input: Input, meta: SourceMeta) -> Result<(), SourceError> {
        self.plan.pending.push(Pending { id, shown, input, meta });
        Ok(())
    }
}

/// Whether a file name is one a folder's sources are read from.
pub(super) fn is_text_file(name: &str) -> bool {
    has_extension(name, "txt") || is_markdown(name)
}

/// Whether a file name or path ends in `.md` (in any case).
pub(super) fn is_markdown(name: &str) -> bool {
    has_extension(name, "md")
}

pub(super) fn has_extension(name: &str, ext: &str) -> bool {
    Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}
