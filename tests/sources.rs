//! Loading sources from files, folders and standard input: order, metadata,
//! encodings, and what is skipped or refused.

use crosscheck::source::{load, load_with_stdin, Loaded, SourceError, SourceMeta};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder under the system temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("crosscheck-sources-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp folder");
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, bytes).expect("write file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn load_ok(paths: &[PathBuf]) -> Loaded {
    load_with_stdin(paths, &mut std::io::empty()).unwrap_or_else(|e| panic!("load failed: {e}"))
}

fn ids(loaded: &Loaded) -> Vec<&str> {
    loaded.sources.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn folder_order_does_not_depend_on_creation_order() {
    let names = ["b.txt", "a.md", "sub/z.txt", "sub/a.txt", "a/c.txt", "A.txt"];
    let forward = TempDir::new("order-forward");
    let backward = TempDir::new("order-backward");
    for name in names {
        forward.write(name, name);
    }
    for name in names.iter().rev() {
        backward.write(name, name);
    }
    let expected = ["A.txt", "a.md", "a/c.txt", "b.txt", "sub/a.txt", "sub/z.txt"];
    for dir in [&forward, &backward] {
        let loaded = load_ok(&[dir.path().to_path_buf()]);
        assert_eq!(ids(&loaded), expected);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let first = &loaded.sources[0];
        assert_eq!(first.text, "A.txt");
        assert_eq!(first.path, dir.path().join("A.txt").display().to_string());
    }
}

#[test]
fn command_line_order_is_kept() {
    let dir = TempDir::new("cli-order");
    let b = dir.write("b.txt", "B");
    dir.write("folder/a.txt", "A");
    let loaded = load_ok(&[b, dir.path().join("folder"), PathBuf::from("-")]);
    assert_eq!(ids(&loaded), ["b.txt", "a.txt", "stdin"]);
}

#[test]
fn a_folder_named_sources_yaml_is_no_metadata() {
    let dir = TempDir::new("meta-folder");
    dir.write("sources.yaml/inside.txt", "not metadata");
    dir.write("sources.yml", "a.txt: {outlet: From YML}\n");
    dir.write("a.txt", "text");
    dir.write("empty/sources.yaml", "");
    dir.write("empty/b.txt", "text");
    let loaded = load_ok(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&loaded), ["a.txt", "empty/b.txt", "sources.yaml/inside.txt"]);
    assert_eq!(loaded.sources[0].meta.outlet.as_deref(), Some("From YML"));
    assert_eq!(loaded.sources[1].meta, SourceMeta::default());
}

/// A pipe named sources.yaml is not metadata, and is never opened: opening
/// it would wait for a writer that never comes.
#[cfg(unix)]
#[test]
fn a_pipe_named_sources_yaml_is_never_waited_on() {
    let dir = TempDir::new("meta-pipe");
    dir.write("a.txt", "text");
    let made = std::process::Command::new("mkfifo").arg(dir.path().join("sources.yaml")).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: skipped");
        return;
    }
    let path = dir.path().to_path_buf();
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(ids(&load_ok(&[path])).iter().map(|s| s.to_string()).collect::<Vec<_>>()));
    let read = finished.recv_timeout(std::time::Duration::from_secs(10)).expect("loading waited on the pipe");
    assert_eq!(read, ["a.txt"]);
}

#[test]
fn sources_yaml_gives_metadata() {
    let dir = TempDir::new("meta");
    dir.write(
        "sources.yaml",
        "# comment\n\
         a.txt:\n  outlet: The Straits Times\n  published: 2019-10-08\n  credits: Reuters\n  why: a reason\n\
         b.txt:\n  outlet: null\n  published: 2019-05-22\n  note: [ignored, list]\n\
         c.txt:\n\
         sub/d.txt: {outlet: Root Outlet, credits: Root}\n",
    );
    dir.write("sub/sources.yml", "d.txt: {outlet: Sub Outlet}\n");
    for name in ["a.txt", "b.txt", "c.txt", "sub/d.txt"] {
        dir.write(name, "text");
    }
    let loaded = load_ok(&[dir.path().to_path_buf()]);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let meta: Vec<&SourceMeta> = loaded.sources.iter().map(|s| &s.meta).collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        meta[0],
        &SourceMeta { outlet: some("The Straits Times"), published: some("2019-10-08"), credits: some("Reuters") }
    );
    assert_eq!(meta[1], &SourceMeta { outlet: None, published: some("2019-05-22"), credits: None });
    assert_eq!(meta[2], &SourceMeta::default());
    assert_eq!(meta[3], &SourceMeta { outlet: some("Sub Outlet"), published: None, credits: some("Root") });

    // A file named directly finds the sources.yaml beside it.
    let direct = load_ok(&[dir.path().join("a.txt")]);
    assert_eq!(ids(&direct), ["a.txt"]);
    assert_eq!(direct.sources[0].meta.outlet.as_deref(), Some("The Straits Times"));
}

#[test]
fn markdown_front_matter_overrides_sources_yaml() {
    let dir = TempDir::new("front-matter");
    dir.write("sources.yaml", "story.md: {outlet: From Yaml, credits: AFP}\n");
    let text = "---\r\noutlet: From Front Matter\r\npublished: 2020-01-02\r\n---\r\nHeadline\r\nBody.\r\n";
    dir.write("story.md", text);
    let loaded = load_ok(&[dir.path().to_path_buf()]);
    let s = &loaded.sources[0];
    // The front matter is no prose: it keeps its length and lines, as spaces.
    assert_eq!(s.text.len(), text.len());
    assert!(s.text[..s.body_start()].bytes().all(|b| b.is_ascii_whitespace()), "{:?}", s.text);
    assert_eq!(s.meta.outlet.as_deref(), Some("From Front Matter"));
    assert_eq!(s.meta.published.as_deref(), Some("2020-01-02"));
    assert_eq!(s.meta.credits.as_deref(), Some("AFP"));
    assert_eq!(&s.text[s.body_start()..], "Headline\r\nBody.\r\n");
    assert_eq!(s.line_col(s.body_start()), (5, 1));
    assert_eq!(s.line_text(5), "Headline");
}

#[test]
fn bad_front_matter_is_an_error_with_its_file_line() {
    let dir = TempDir::new("bad-front-matter");
    let path = dir.write("story.md", "---\noutlet: ok\npublished: [unclosed\n---\nBody\n");
    match load_with_stdin(std::slice::from_ref(&path), &mut std::io::empty()) {
        Err(SourceError::BadMetadata { path: p, line, .. }) => {
            assert_eq!(p, path.display().to_string());
            assert!(line >= 3, "line {line}");
        }
        other => panic!("expected BadMetadata, got {other:?}"),
    }
}

#[test]
fn invalid_utf8_is_read_lossily_with_a_warning() {
    let dir = TempDir::new("utf8");
    let path = dir.write("bad.txt", b"caf\xC3\xA9 \xFF ok");
    let loaded = load_ok(std::slice::from_ref(&path));
    assert_eq!(loaded.sources[0].text, "café \u{FFFD} ok");
    assert_eq!(
        loaded.warnings,
        [format!("{}: invalid UTF-8 at byte 6, read with replacement characters", path.display())]
    );
}

#[test]
fn utf8_bom_is_stripped() {
    let dir = TempDir::new("utf8-bom");
    let path = dir.write("bom.txt", b"\xEF\xBB\xBFHello");
    assert_eq!(load_ok(&[path]).sources[0].text, "Hello");
}

#[test]
fn utf16_with_a_bom_is_decoded() {
    let dir = TempDir::new("utf16");
    let text = "浙江 “Hikvision” 10%\n";
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    dir.write("le.txt", le);
    dir.write("be.txt", be);
    let loaded = load_ok(&[dir.path().to_path_buf()]);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(ids(&loaded), ["be.txt", "le.txt"]);
    assert!(loaded.sources.iter().all(|s| s.text == text));
}

#[test]
fn binary_files_are_skipped_with_a_warning() {
    let dir = TempDir::new("binary");
    let bin = dir.write("image.txt", b"GIF89a\0\0\x01\x02");
    dir.write("ok.txt", "fine");
    let loaded = load_ok(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&loaded), ["ok.txt"]);
    assert_eq!(loaded.warnings, [format!("skipped {}: binary file", bin.display())]);
}

#[test]
fn other_files_are_skipped_with_a_warning_but_metadata_and_hidden_files_quietly() {
    let dir = TempDir::new("skip");
    let pdf = dir.write("paper.pdf", "not text");
    dir.write("sources.yaml", "a.txt: {outlet: X}\n");
    dir.write("sub/sources.yml", "");
    dir.write(".hidden.txt", "hidden");
    dir.write(".git/config.txt", "hidden folder");
    dir.write("a.txt", "A");
    let empty = dir.write("empty.md", "");
    let loaded = load_ok(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&loaded), ["a.txt", "empty.md"]);
    assert_eq!(loaded.sources[1].text, "");
    assert_eq!(loaded.sources[1].path, empty.display().to_string());
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(loaded.warnings[0].starts_with(&format!("skipped {}: a PDF: ", pdf.display())), "{:?}", loaded.warnings);
}

#[test]
fn dash_reads_standard_input() {
    let mut stdin = std::io::Cursor::new("From stdin.\r\nSecond line".as_bytes());
    let loaded = load_with_stdin(&[PathBuf::from("-")], &mut stdin).unwrap_or_else(|e| panic!("{e}"));
    let s = &loaded.sources[0];
    assert_eq!((s.id.as_str(), s.path.as_str()), ("stdin", "-"));
    assert_eq!(s.line_text(1), "From stdin.");
    assert_eq!(s.line_text(2), "Second line");
    assert_eq!(s.meta, SourceMeta::default());
}

#[test]
fn a_missing_path_is_an_error() {
    let dir = TempDir::new("missing");
    let missing = dir.path().join("nope.txt");
    match load(std::slice::from_ref(&missing)) {
        Err(e @ SourceError::NotFound { .. }) => assert!(e.to_string().contains(&missing.display().to_string())),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn bad_sources_yaml_is_an_error_with_line_and_column() {
    let dir = TempDir::new("bad-yaml");
    let yaml = dir.write("sources.yaml", "a.txt:\n  outlet: X\n  published: [2019\nb.txt: {}\n");
    dir.write("a.txt", "A");
    match load_with_stdin(&[dir.path().to_path_buf()], &mut std::io::empty()) {
        Err(e @ SourceError::BadMetadata { .. }) => {
            let SourceError::BadMetadata { path, line, column, .. } = &e else { unreachable!() };
            assert_eq!(path, &yaml.display().to_string());
            assert_eq!((*line, *column), (3, 14));
            assert!(e.to_string().starts_with(&format!("{}:3:14: ", yaml.display())), "{e}");
        }
        other => panic!("expected BadMetadata, got {other:?}"),
    }
}

#[test]
fn a_metadata_value_of_the_wrong_type_is_located() {
    let dir = TempDir::new("bad-type");
    dir.write("sources.yaml", "a.txt:\n  outlet: [a, b]\n");
    dir.write("a.txt", "A");
    match load_with_stdin(&[dir.path().to_path_buf()], &mut std::io::empty()) {
        Err(SourceError::BadMetadata { line, .. }) => assert_eq!(line, 2),
        other => panic!("expected BadMetadata, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_followed_once() {
    let dir = TempDir::new("symlink");
    dir.write("sub/a.txt", "A");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).expect("symlink");
    let loaded = load_ok(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&loaded), ["sub/a.txt"]);
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(loaded.warnings[0].contains("folder already read"));
}

#[test]
fn the_seed_articles_load_with_their_metadata() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let loaded = load_ok(&[seeds]);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(
        ids(&loaded),
        [
            "000_2dd6411ee4238535.txt",
            "001_9aa584684cac09e7.txt",
            "002_3a47a089dde89ceb.txt",
            "003_99694593ea80af5a.txt",
            "004_a418e7b890b74662.txt"
        ]
    );
    let st = &loaded.sources[3];
    assert_eq!(st.meta.outlet.as_deref(), Some("The Straits Times"));
    assert_eq!(st.meta.published.as_deref(), Some("2019-10-08"));
    assert_eq!(st.meta.credits.as_deref(), Some("Reuters"));
    assert!(st.line_text(1).starts_with("US puts 28 Chinese entities"));
    assert_eq!(loaded.sources[2].meta.credits.as_deref(), Some("BQ Prime"));
    assert_eq!(loaded.sources[0].meta.outlet, None);
}

#[test]
fn a_sources_yaml_entry_for_no_file_is_a_warning() {
    let dir = TempDir::new("missing-entry");
    dir.write("sources.yaml", "a.txt: {outlet: A}\nmispelt.txt: {outlet: B}\n");
    dir.write("a.txt", "A");
    let loaded = load_ok(&[dir.path().to_path_buf()]);
    assert_eq!(ids(&loaded), ["a.txt"]);
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(
        loaded.warnings[0].ends_with("sources.yaml: \"mispelt.txt\" names no file in its folder"),
        "{:?}",
        loaded.warnings
    );
}
