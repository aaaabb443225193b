//! The waymark binary: parse the command line, run, exit with 0 (success),
//! 1 (the site has errors) or 2 (usage errors, from clap).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = waymark::cli::Cli::parse();
    ExitCode::from(waymark::cli::run(cli))
}
