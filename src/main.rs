//! The `crosscheck` command: a thin layer over the library.

/// jemalloc instead of the system allocator: see the note in Cargo.toml.
#[cfg(not(windows))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts: one arena for every thread.
/// With one arena a thread each, room freed by one thread is taken again
/// only by that thread: the claims' lists, made by the threads that extract,
/// could not be reused for the groups the main thread fills with them, and
/// the report's peak grew by their size (411 MB against 335 MB over the
/// 100 MB corpus, at the same speed). Each thread keeps its own cache of
/// small blocks, so the threads seldom wait on the arena.
#[cfg(not(windows))]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &[u8; 10] = b"narenas:1\0";

fn main() {
    crosscheck::cli::remove_unfinished_on_panic();
    std::process::exit(crosscheck::cli::run());
}
