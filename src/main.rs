//! The `crosscheck` command: a thin layer over the library.

fn main() {
    std::process::exit(crosscheck::cli::run());
}
