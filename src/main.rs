//! The waymark binary: parse the command line, run, exit with 0 (success),
//! 1 (the site has errors) or 2 (usage errors, from clap).

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: a build allocates and frees millions of small strings and
/// template values; glibc's allocator cost about 15% more CPU. Built
/// without transparent huge pages (`no_thp`, see docs/dependencies.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let _ = *waymark::clock::START;
    let cli = waymark::cli::Cli::parse();
    let r = waymark::cli::run(cli);
    if std::env::var_os("WAYMARK_TIMINGS").is_some() {
        eprintln!(
            "  [{:.1}] end of main",
            waymark::clock::START.elapsed().as_secs_f64() * 1000.0
        );
    }
    ExitCode::from(r)
}
