//! The command line: one clap struct, a file per command. Wiring only:
//! the work happens in the library.

mod build;
mod check;
mod export;
mod init;
mod new;
mod serve;
mod share;

pub use build::BuildArgs;
pub use check::{CheckArgs, Format};
pub use export::ExportWhat;
pub use init::InitArgs;
pub use new::NewArgs;
pub use serve::ServeArgs;
pub use share::ShareWhat;

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::diag::{self, Diagnostic};

#[derive(Debug, Parser)]
#[command(
    name = "waymark",
    version,
    about = "A static-site generator for your career journal",
    long_about = None
)]
pub struct Cli {
    /// The site folder (default: the current folder, or the nearest parent holding waymark.yaml)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Print only errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more detail
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a site: config, sample entries, .gitignore and a GitHub Pages workflow
    Init(InitArgs),
    /// Create an entry from its archetype and print its path
    New(NewArgs),
    /// Render the site into public/ (or --output DIR)
    Build(BuildArgs),
    /// Validate everything build validates, without writing
    Check(CheckArgs),
    /// Build in memory, serve on 127.0.0.1:1111, rebuild and reload on change
    Serve(ServeArgs),
    /// Share pages: list their links
    Share {
        #[command(subcommand)]
        what: ShareWhat,
    },
    /// Export data from the site
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
}

/// How to print: colour only on a terminal, and never with NO_COLOR.
#[derive(Debug, Clone, Copy)]
struct Printer {
    color: bool,
    quiet: bool,
}

impl Printer {
    fn new(quiet: bool) -> Self {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Printer { color, quiet }
    }

    fn diagnostics(&self, diags: &mut [Diagnostic]) {
        diag::sort(diags);
        let mut err = std::io::stderr().lock();
        for d in diags.iter() {
            if self.quiet && !d.is_error() {
                continue;
            }
            let _ = writeln!(err, "{}", d.render(self.color));
        }
        if let Some(s) = diag::summary(diags)
            && (!self.quiet || diags.iter().any(Diagnostic::is_error))
        {
            let _ = writeln!(err, "{s}");
        }
    }

    fn status(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }
}

fn resolve_root(cli_root: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    match cli_root {
        Some(dir) => {
            if dir.join(crate::model::config::CONFIG_FILE).is_file() {
                Ok(dir.to_path_buf())
            } else {
                Err(Diagnostic::error(
                    "no-site",
                    format!("{} holds no waymark.yaml", dir.display()),
                )
                .with_help(
                    "point --root at the folder holding waymark.yaml, or run `waymark init` there",
                ))
            }
        }
        None => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            crate::pipeline::find_root(&cwd).ok_or_else(|| {
                Diagnostic::error("no-site", "no waymark.yaml in this folder or any parent")
                    .with_help("run `waymark init` to start a site, or pass `--root DIR`")
            })
        }
    }
}

/// Runs the command; returns the process exit code (0 ok, 1 site errors).
pub fn run(cli: Cli) -> u8 {
    let printer = Printer::new(cli.quiet);
    if let Command::Init(args) = cli.command {
        return init::run(
            &printer,
            crate::scaffold::init::init_dir(args.dir, cli.root),
            args.force,
        );
    }
    let root = match resolve_root(cli.root.as_deref()) {
        Ok(r) => r,
        Err(d) => {
            printer.diagnostics(&mut [d]);
            return 1;
        }
    };
    match cli.command {
        Command::Init(_) => unreachable!("handled above"),
        Command::New(args) => new::run(&printer, root, args),
        Command::Build(args) => build::run(&printer, root, args, cli.verbose),
        Command::Check(args) => check::run(&printer, root, args),
        Command::Serve(args) => serve::run(&printer, root, args),
        Command::Export {
            what: ExportWhat::Resume { output, base_url },
        } => export::resume(&printer, root, output, base_url),
        Command::Share {
            what: ShareWhat::List { base_url, drafts },
        } => share::list(&printer, root, base_url, drafts, None),
        Command::Share {
            what: ShareWhat::Rotate { slug, base_url },
        } => share::rotate(&printer, root, &slug, base_url),
    }
}
