//! The command line: one clap struct, a file per command. Wiring only:
//! the work happens in the library.

mod build;
mod check;
mod export;
mod import;
mod init;
mod new;
mod serve;
mod share;

pub(crate) use build::BuildArgs;
pub(crate) use check::CheckArgs;
pub(crate) use export::ExportWhat;
pub(crate) use import::ImportWhat;
pub(crate) use init::InitArgs;
pub use new::NewArgs;
pub(crate) use serve::ServeArgs;
pub(crate) use share::ShareWhat;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::diag::Code;
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
    pub(crate) root: Option<PathBuf>,
    /// Print only errors
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    /// Print more detail
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub(crate) verbose: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
    /// Share pages: list their links, seal them, rotate a key
    Share {
        #[command(subcommand)]
        what: ShareWhat,
    },
    /// Export data from the site
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Bring history in: a résumé, a LinkedIn export or a brag document
    Import {
        #[command(subcommand)]
        what: ImportWhat,
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
        let color = wants_color(
            std::io::stderr().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        );
        Printer { color, quiet }
    }

    fn diagnostics(&self, diags: &mut [Diagnostic]) {
        self.write_diagnostics(diags, &mut std::io::stderr().lock());
    }

    /// [`Printer::diagnostics`] into `err`: sorted, only errors when quiet,
    /// then the summary line (when quiet, only if there are errors).
    fn write_diagnostics(&self, diags: &mut [Diagnostic], err: &mut dyn std::io::Write) {
        diag::sort(diags);
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

/// Whether to colour: only on a terminal, and never when NO_COLOR is set
/// (to anything, even nothing).
fn wants_color(terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    terminal && no_color.is_none()
}

fn resolve_root(cli_root: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    resolve_root_from(cli_root, || {
        std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
    })
}

/// [`resolve_root`] with the current folder asked of `cwd` (only when
/// there is no `--root`): `--root` must hold waymark.yaml itself; without
/// it, the current folder or its nearest parent that holds one.
fn resolve_root_from(
    cli_root: Option<&Path>,
    cwd: impl FnOnce() -> PathBuf,
) -> Result<PathBuf, Diagnostic> {
    match cli_root {
        Some(dir) => {
            if dir.join(crate::model::config::CONFIG_FILE).is_file() {
                Ok(dir.to_path_buf())
            } else {
                Err(Diagnostic::error(
                    Code::NoSite,
                    format!("{} holds no waymark.yaml", dir.display()),
                )
                .with_help(
                    "point --root at the folder holding waymark.yaml, or run `waymark init` there",
                ))
            }
        }
        None => {
            let cwd = cwd();
            crate::pipeline::find_root(&cwd).ok_or_else(|| {
                Diagnostic::error(Code::NoSite, "no waymark.yaml in this folder or any parent")
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
        Command::Import { what } => import::run(&printer, root, what),
        Command::Share {
            what: ShareWhat::List { base_url, drafts },
        } => share::list(&printer, root, base_url, drafts, None),
        Command::Share {
            what: ShareWhat::Seal,
        } => share::seal(&printer, root),
        Command::Share {
            what: ShareWhat::Rotate { slug, base_url },
        } => share::rotate(&printer, root, &slug, base_url),
    }
}

/// The command line `waymark <args>`, as clap reads it: for the tests of
/// each command's arguments.
#[cfg(test)]
fn try_parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("waymark").chain(args.iter().copied()))
}

#[cfg(test)]
fn parse(args: &[&str]) -> Cli {
    try_parse(args).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::testing::TempSite;
    use clap::error::ErrorKind;

    fn error_kind(args: &[&str]) -> ErrorKind {
        match try_parse(args) {
            Ok(cli) => panic!("{args:?} parsed: {cli:?}"),
            Err(e) => e.kind(),
        }
    }

    #[test]
    fn the_clap_definitions_are_consistent() {
        use clap::CommandFactory as _;
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_go_before_or_after_the_command() {
        for args in [
            &["--root", "site", "--quiet", "check"][..],
            &["check", "--root", "site", "-q"],
            &["-q", "check", "--root", "site"],
        ] {
            let cli = parse(args);
            assert_eq!(cli.root.as_deref(), Some(Path::new("site")), "{args:?}");
            assert!(cli.quiet && !cli.verbose, "{args:?}");
            assert!(matches!(cli.command, Command::Check(_)), "{args:?}");
        }
        let cli = parse(&["build", "-v"]);
        assert!(cli.verbose && !cli.quiet && cli.root.is_none());
    }

    #[test]
    fn quiet_and_verbose_cannot_go_together() {
        assert_eq!(
            error_kind(&["--quiet", "--verbose", "build"]),
            ErrorKind::ArgumentConflict
        );
        assert_eq!(
            error_kind(&["build", "-q", "-v"]),
            ErrorKind::ArgumentConflict
        );
    }

    #[test]
    fn an_unknown_or_missing_command_is_a_usage_error() {
        assert_eq!(error_kind(&["frobnicate"]), ErrorKind::InvalidSubcommand);
        // A near miss is suggested.
        let e = try_parse(&["biuld"]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidSubcommand);
        assert!(e.to_string().contains("build"), "{e}");
        assert_eq!(
            error_kind(&[]),
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        );
        assert_eq!(
            error_kind(&["build", "--frobnicate"]),
            ErrorKind::UnknownArgument
        );
        // Usage errors exit with 2, as the README says.
        assert_eq!(try_parse(&["frobnicate"]).unwrap_err().exit_code(), 2);
        assert_eq!(error_kind(&["--version"]), ErrorKind::DisplayVersion);
    }

    #[test]
    fn resolve_root_takes_root_only_when_it_holds_a_config() {
        let site = TempSite::new();
        let cwd = || panic!("the current folder is not asked for with --root");
        assert_eq!(
            resolve_root_from(Some(site.root()), cwd),
            Ok(site.root().to_path_buf())
        );
        // --root is the site itself: its parents are not searched.
        site.write("content/goals/staff.md", "");
        let inner = site.root().join("content/goals");
        let d = resolve_root_from(Some(&inner), cwd).unwrap_err();
        assert_eq!(d.code.as_str(), "no-site");
        assert_eq!(
            d.message,
            format!("{} holds no waymark.yaml", inner.display())
        );
        assert!(d.help.as_deref().unwrap().contains("waymark init"));
    }

    #[test]
    fn resolve_root_without_root_finds_the_nearest_parent_with_a_config() {
        let site = TempSite::new();
        site.write("content/goals/staff.md", "");
        let found = resolve_root_from(None, || site.root().join("content/goals")).unwrap();
        assert_eq!(found, site.root().canonicalize().unwrap());
        let empty = TempSite::empty();
        let d = resolve_root_from(None, || empty.root().to_path_buf()).unwrap_err();
        assert_eq!(d.code.as_str(), "no-site");
        assert_eq!(d.message, "no waymark.yaml in this folder or any parent");
        assert!(d.help.as_deref().unwrap().contains("--root DIR"));
    }

    #[test]
    fn colour_only_on_a_terminal_and_never_with_no_color() {
        use std::ffi::OsStr;
        assert!(wants_color(true, None));
        assert!(!wants_color(false, None));
        for set in ["1", "true", "0", ""] {
            assert!(
                !wants_color(true, Some(OsStr::new(set))),
                "NO_COLOR={set:?}"
            );
            assert!(!wants_color(false, Some(OsStr::new(set))));
        }
    }

    fn printed(printer: Printer, diags: &mut [Diagnostic]) -> String {
        let mut out = Vec::new();
        printer.write_diagnostics(diags, &mut out);
        String::from_utf8(out).unwrap()
    }

    fn some_diagnostics() -> Vec<Diagnostic> {
        vec![
            Diagnostic::warning(Code::MissingImpact, "WARNING-TEXT").at_path("content/b.md"),
            Diagnostic::error(Code::NoSite, "ERROR-WITHOUT-FILE"),
            Diagnostic::error(Code::UnknownGoal, "ERROR-TEXT").at_path("content/a.md"),
        ]
    }

    #[test]
    fn printer_prints_sorted_diagnostics_then_the_summary() {
        let plain = Printer {
            color: false,
            quiet: false,
        };
        let mut diags = some_diagnostics();
        let text = printed(plain, &mut diags);
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in {text}"));
        assert!(at("ERROR-TEXT") < at("WARNING-TEXT"));
        assert!(at("WARNING-TEXT") < at("ERROR-WITHOUT-FILE"));
        assert!(
            text.ends_with("error: 2 errors in 1 file; 1 warning\n"),
            "{text}"
        );
        assert!(!text.contains('\x1b'), "{text:?}");
        // The slice is left sorted.
        assert_eq!(diags[0].message, "ERROR-TEXT");
        let coloured = printed(
            Printer {
                color: true,
                quiet: false,
            },
            &mut some_diagnostics(),
        );
        assert!(
            coloured.contains("\x1b[1;31merror[unknown-goal]"),
            "{coloured:?}"
        );
    }

    #[test]
    fn a_quiet_printer_prints_only_errors() {
        let quiet = Printer {
            color: false,
            quiet: true,
        };
        let text = printed(quiet, &mut some_diagnostics());
        assert!(text.contains("ERROR-TEXT") && text.contains("ERROR-WITHOUT-FILE"));
        assert!(!text.contains("WARNING-TEXT"), "{text}");
        assert!(
            text.ends_with("error: 2 errors in 1 file; 1 warning\n"),
            "{text}"
        );
        // Warnings alone: nothing at all, not even their summary.
        let mut warnings = vec![Diagnostic::warning(Code::MissingImpact, "WARNING-TEXT")];
        assert_eq!(printed(quiet, &mut warnings), "");
        let loud = Printer {
            color: false,
            quiet: false,
        };
        assert!(printed(loud, &mut warnings).ends_with("warning: 1 warning emitted\n"));
        assert_eq!(printed(loud, &mut []), "");
    }

    #[test]
    fn run_builds_the_site_named_by_root() {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\nRUN-CANARY\n");
        let root = site.root().to_str().unwrap();
        assert_eq!(run(parse(&["--root", root, "--quiet", "build"])), 0);
        let home = std::fs::read_to_string(site.root().join("public/index.html")).unwrap();
        assert!(home.contains("RUN-CANARY"));
    }

    #[test]
    fn run_starts_a_site_in_the_folder_root_names() {
        let empty = TempSite::empty();
        let dir = empty.root().join("career");
        assert_eq!(
            run(parse(&["--root", dir.to_str().unwrap(), "-q", "init"])),
            0
        );
        assert!(dir.join("waymark.yaml").is_file());
        // The folder argument wins over --root.
        let other = empty.root().join("other");
        let cli = parse(&[
            "--root",
            dir.to_str().unwrap(),
            "-q",
            "init",
            other.to_str().unwrap(),
        ]);
        assert_eq!(run(cli), 0);
        assert!(other.join("waymark.yaml").is_file());
    }
}
