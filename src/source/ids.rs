//! Source ids: unique within a run, even when two files share a name.

use super::*;

/// When two sources of a run would share an id (`wire.txt` in two folders),
/// gives every source its path relative to the folder the paths given share
/// (`a/wire.txt`, `b/wire.txt`): no two sources are ever merged. A file
/// given twice is then read once, and standard input once.
pub(super) fn ids_from_common_root(plan: &mut Plan, paths: &[PathBuf]) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = |p: &Path| lexical(&cwd.join(p));
    let bases: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .map(|p| {
            let a = absolute(p);
            if a.is_dir() {
                a
            } else {
                a.parent().map(Path::to_path_buf).unwrap_or(a)
            }
        })
        .collect();
    let root: Option<PathBuf> = bases.first().map(|first| {
        let mut root: Vec<std::path::Component> = first.components().collect();
        for b in &bases[1..] {
            let shared = root.iter().zip(b.components()).take_while(|(x, y)| **x == *y).count();
            root.truncate(shared);
        }
        root.iter().collect()
    });
    let mut seen: HashSet<String> = HashSet::new();
    let mut kept = Vec::with_capacity(plan.pending.len());
    for mut p in std::mem::take(&mut plan.pending) {
        if let (Input::File(path), Some(root)) = (&p.input, &root) {
            if let Ok(rel) = absolute(path).strip_prefix(root) {
                let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                if !rel.is_empty() {
                    p.id = rel;
                }
            }
        }
        if seen.insert(p.id.clone()) {
            kept.push(p);
        } else {
            plan.skipped.push(Skip { path: p.shown.clone(), reason: "given twice: read once".to_string() });
        }
    }
    plan.pending = kept;
}

/// `path` without `.` and with each `..` taking away the name before it,
/// as written (no link is followed).
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
