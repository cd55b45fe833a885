//! The `crosscheck` command: a thin layer over the library.

/// jemalloc instead of the system allocator: see the note in Cargo.toml.
#[cfg(not(windows))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    std::process::exit(crosscheck::cli::run());
}
