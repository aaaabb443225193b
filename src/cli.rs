//! The command line: one clap struct, a function per command. Wiring only:
//! the work happens in the library.

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::build::{self, Options};
use crate::diag::{self, Diagnostic};
use crate::model::site::Audience;

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

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Where to write the site (default: public/ in the site folder)
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Override base_url from waymark.yaml
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include drafts
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create the site in (default: the current folder)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Add the missing files to a folder that is not empty (never overwrites)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// What to create
    #[arg(value_enum)]
    pub kind: crate::scaffold::archetype::NewKind,
    /// The entry's title (week, reflection and review make one up)
    #[arg(value_name = "TITLE")]
    pub title: Option<String>,
    /// The entry's date, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
    /// Tags, comma-separated
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Put a reflection or review in content/ as public (default: private/)
    #[arg(long)]
    pub public: bool,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    crate::model::entry::EntryDate::parse(s)
        .map(|d| d.date)
        .ok_or_else(|| format!("`{s}` is not a date: {}", crate::model::entry::DATE_FORMS))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Output format: human-readable, or one JSON object per line
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Check as if drafts were included
    #[arg(long)]
    pub drafts: bool,
    /// Override base_url from waymark.yaml
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port to listen on (the next free one is used if it is taken)
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but loopback exposes the preview
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// Serve under the path of this URL, as GitHub project pages do
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include drafts
    #[arg(long)]
    pub drafts: bool,
    /// Show private entries, clearly marked (never in `build`)
    #[arg(long)]
    pub private: bool,
    /// Open the site in a browser
    #[arg(long)]
    pub open: bool,
    /// Poll the file system instead of using native events (WSL2, VMs, network drives)
    #[arg(long)]
    pub poll: bool,
}

#[derive(Debug, Subcommand)]
pub enum ShareWhat {
    /// Print each share page's full URL with what it holds, ready to paste
    List {
        /// Use this base URL instead of base_url from waymark.yaml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include draft share pages
        #[arg(long)]
        drafts: bool,
    },
    /// Give a sealed share page a new key: links sent before stop working
    Rotate {
        /// The share page's slug
        slug: String,
        /// Use this base URL instead of base_url from waymark.yaml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// Write the JSON Resume document (stdout, or --output FILE)
    Resume {
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Override base_url from waymark.yaml
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
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
            build::find_root(&cwd).ok_or_else(|| {
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
        return cmd_init(
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
        Command::New(args) => cmd_new(&printer, root, args),
        Command::Build(args) => cmd_build(&printer, root, args, cli.verbose),
        Command::Check(args) => cmd_check(&printer, root, args),
        Command::Serve(args) => cmd_serve(&printer, root, args),
        Command::Export {
            what: ExportWhat::Resume { output, base_url },
        } => cmd_export_resume(&printer, root, output, base_url),
        Command::Share {
            what: ShareWhat::List { base_url, drafts },
        } => cmd_share_list(&printer, root, base_url, drafts, None),
        Command::Share {
            what: ShareWhat::Rotate { slug, base_url },
        } => cmd_share_rotate(&printer, root, &slug, base_url),
    }
}

fn cmd_init(printer: &Printer, dir: PathBuf, force: bool) -> u8 {
    match crate::scaffold::init::init(&dir, force, build::today()) {
        Ok(report) => {
            let shown = if dir == Path::new(".") {
                "this folder".to_string()
            } else {
                dir.display().to_string()
            };
            if report.kept.is_empty() {
                printer.status(&format!(
                    "Created a waymark site in {shown} ({}).",
                    diag::plural(report.written.len(), "file")
                ));
            } else {
                for added in &report.written {
                    printer.status(&format!("  added {added}"));
                }
                printer.status(&format!(
                    "Added {} to {shown}; kept {} that {} already there.",
                    diag::plural(report.written.len(), "file"),
                    report.kept.len(),
                    if report.kept.len() == 1 {
                        "was"
                    } else {
                        "were"
                    }
                ));
            }
            if !report.ignored_added.is_empty() {
                printer.status(&format!(
                    "Added {} to the .gitignore that was there, so private entries stay out of git.",
                    report.ignored_added.join(", ")
                ));
            }
            let cd = if dir == Path::new(".") {
                String::new()
            } else {
                format!("  cd {}\n", dir.display())
            };
            printer.status(&format!(
                "Next:\n{cd}  waymark new week      # start this week's note\n  waymark serve         # preview it while you write\n  git init && git add . # then push to GitHub: .github/workflows/pages.yml publishes it"
            ));
            0
        }
        Err(d) => {
            printer.diagnostics(&mut [d]);
            1
        }
    }
}

fn cmd_new(printer: &Printer, root: PathBuf, args: NewArgs) -> u8 {
    use crate::scaffold::archetype::{NewOutcome, NewRequest, display_path, new_entry};
    let today = build::today();
    let req = NewRequest {
        kind: args.kind,
        title: args.title,
        date: args.date.unwrap_or(today),
        today,
        tags: args
            .tags
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        public: args.public,
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match new_entry(&root, &req) {
        Ok(NewOutcome::Created(rel)) => {
            println!("{}", display_path(&root, &rel, &cwd).display());
            0
        }
        Ok(NewOutcome::WeekExists(rel)) => {
            printer.status("This week's note already exists:");
            println!("{}", display_path(&root, &rel, &cwd).display());
            0
        }
        Err(mut diags) => {
            printer.diagnostics(&mut diags);
            // A missing title is a usage error, like clap's.
            if diags
                .iter()
                .any(|d| d.code == "missing-title" && d.path.is_none())
            {
                2
            } else {
                1
            }
        }
    }
}

fn cmd_build(printer: &Printer, root: PathBuf, args: BuildArgs, verbose: bool) -> u8 {
    let (out_dir, shown) = match &args.output {
        Some(o) => (o.clone(), o.display().to_string()),
        None => (root.join("public"), "public/".to_string()),
    };
    if let Err(d) = build::check_output_dir(&root, &out_dir) {
        printer.diagnostics(&mut [d]);
        return 1;
    }
    let start = std::time::Instant::now();
    let writer = match crate::output::DiskWriter::start(&out_dir) {
        Ok(w) => w,
        Err(e) => {
            let code = match e {
                crate::output::WriteError::Io { .. } => "write-failed",
                _ => "bad-output",
            };
            let mut d = Diagnostic::error(code, e.to_string());
            d.help = e.help();
            printer.diagnostics(&mut [d]);
            return 1;
        }
    };
    let opts = Options {
        root,
        base_url: args.base_url,
        audience: Audience {
            drafts: args.drafts,
            private: false,
        },
        today: None,
        cache: None,
    };
    match build::build_into(&opts, &writer) {
        Ok(mut built) => {
            // The process ends when the build is written: leave the site
            // model to the operating system instead of freeing it piece by
            // piece on this one thread.
            std::mem::forget(std::mem::take(&mut built.site.entries));
            printer.diagnostics(&mut built.diagnostics);
            let mut watch = build::Stopwatch::new();
            let written = writer.finish(true);
            watch.lap("finish writing");
            if let Err(e) = &written {
                let mut d = Diagnostic::error("write-failed", e.to_string());
                d.help = e.help();
                printer.diagnostics(&mut [d]);
                return 1;
            }
            if verbose && let Ok(stats) = &written {
                eprintln!(
                    "  {} written, {} unchanged, {} removed",
                    diag::plural(stats.written, "file"),
                    stats.unchanged,
                    stats.removed
                );
            }
            printer.status(&build::summary_line(
                built.pages,
                start.elapsed(),
                built.left_out,
                &shown,
            ));
            0
        }
        Err(mut diags) => {
            if let Err(e) = writer.finish(false) {
                diags.push(Diagnostic::error("write-failed", e.to_string()));
            }
            printer.diagnostics(&mut diags);
            printer.status("Nothing was written: the previous output is untouched.");
            1
        }
    }
}

fn cmd_serve(printer: &Printer, root: PathBuf, args: ServeArgs) -> u8 {
    let opts = crate::serve::ServeOptions {
        root,
        bind: args.bind,
        port: args.port,
        base_url: args.base_url,
        audience: Audience {
            drafts: args.drafts,
            private: args.private,
        },
        open: args.open,
        poll: args.poll,
        quiet: printer.quiet,
    };
    let printer = *printer;
    crate::serve::run(opts, std::sync::Arc::new(move |d| printer.diagnostics(d)))
}

fn cmd_check(printer: &Printer, root: PathBuf, args: CheckArgs) -> u8 {
    let opts = Options {
        root,
        base_url: args.base_url,
        audience: Audience {
            drafts: args.drafts,
            private: false,
        },
        today: None,
        cache: None,
    };
    let (mut diags, ok, pages) = match build::build(&opts) {
        Ok(b) => (b.diagnostics, true, b.pages),
        Err(d) => (d, false, 0),
    };
    match args.format {
        Format::Json => {
            diag::sort(&mut diags);
            let mut out = std::io::stdout().lock();
            for d in &diags {
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::to_string(d).expect("diagnostics serialise")
                );
            }
        }
        Format::Human => {
            printer.diagnostics(&mut diags);
            if ok {
                printer.status(&format!(
                    "No errors: {} would be built.",
                    diag::plural(pages, "page")
                ));
            }
        }
    }
    if ok { 0 } else { 1 }
}

fn cmd_share_list(
    printer: &Printer,
    root: PathBuf,
    base_url: Option<String>,
    drafts: bool,
    only: Option<&str>,
) -> u8 {
    let opts = Options {
        root,
        base_url,
        audience: Audience {
            drafts,
            private: false,
        },
        today: None,
        cache: None,
    };
    let root = opts.root.clone();
    match build::assemble(&opts) {
        Ok((site, _, mut diags)) => {
            printer.diagnostics(&mut diags);
            let secret = if site
                .shares
                .iter()
                .any(|&n| site.view(n).share.as_ref().is_some_and(|s| s.sealed))
            {
                match crate::seal::ensure_secret(&root) {
                    Ok((s, created)) => {
                        if let Some(path) = created {
                            printer.status(&format!(
                                "Created {} for sealed pages: keep it, and give its content to your CI as the secret {}.",
                                path.display(),
                                crate::seal::SECRET_ENV
                            ));
                        }
                        Some(s)
                    }
                    Err(e) => {
                        printer.diagnostics(&mut [Diagnostic::error("bad-secret", e)]);
                        return 1;
                    }
                }
            } else {
                None
            };
            let mut out = std::io::stdout().lock();
            if site.shares.is_empty() {
                printer.status("No share pages: create one with a file in content/share/.");
            }
            for &n in &site.shares {
                let v = site.view(n);
                if only.is_some_and(|s| s != v.slug) {
                    continue;
                }
                let selection = site.share_selection_view(n);
                let goals = site.share_goals(n, &selection);
                let (from, to) = site.share_period(n);
                let spec = v.share.as_ref();
                match (spec.filter(|s| s.sealed), &secret) {
                    (Some(s), Some(secret)) => {
                        let key =
                            crate::seal::PageKey::derive(secret, &v.slug, s.key_salt.as_deref());
                        let _ = writeln!(out, "{}#{}", v.permalink, key.fragment());
                    }
                    _ => {
                        let _ = writeln!(out, "{}", v.permalink);
                    }
                }
                let mut about = format!("  {}", v.title);
                if spec.is_some_and(|s| s.sealed) {
                    about.push_str(" (sealed)");
                }
                if let Some(who) = &v.for_whom {
                    about.push_str(&format!(" — for {who}"));
                }
                let _ = writeln!(
                    out,
                    "{about}
  {from} to {to} · {} · {}",
                    diag::plural(selection.len(), "achievement"),
                    diag::plural(goals.len(), "goal")
                );
            }
            0
        }
        Err(mut diags) => {
            printer.diagnostics(&mut diags);
            1
        }
    }
}

fn cmd_share_rotate(printer: &Printer, root: PathBuf, slug: &str, base_url: Option<String>) -> u8 {
    let opts = Options {
        root: root.clone(),
        base_url: base_url.clone(),
        audience: Audience {
            drafts: true,
            private: false,
        },
        today: None,
        cache: None,
    };
    let site = match build::assemble(&opts) {
        Ok((site, _, _)) => site,
        Err(mut diags) => {
            printer.diagnostics(&mut diags);
            return 1;
        }
    };
    let found = site
        .shares
        .iter()
        .map(|&n| site.view(n))
        .find(|v| v.slug == slug);
    let Some(view) = found else {
        let slugs: Vec<&str> = site
            .shares
            .iter()
            .map(|&n| site.view(n).slug.as_str())
            .collect();
        let mut d = Diagnostic::error(
            "unknown-share",
            format!("no share page has the slug `{slug}`"),
        );
        d.help = Some(match diag::nearest(slug, slugs.iter().copied()) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("share pages: {}", slugs.join(", ")),
        });
        printer.diagnostics(&mut [d]);
        return 1;
    };
    let Some(spec) = view.share.as_ref().filter(|s| s.sealed) else {
        printer.diagnostics(&mut [Diagnostic::error(
            "not-sealed",
            format!("`{slug}` is not sealed, so it has no key to rotate"),
        )
        .with_help("add `sealed: true` to its front matter first")]);
        return 1;
    };
    let path = root.join(&spec.path);
    // Read as a build reads it (BOM, CRLF), so what builds also rotates.
    let rotated = std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| crate::model::source::decode(&spec.path, b).map_err(|d| d.message))
        .and_then(|t| crate::seal::rotate_salt(&t));
    match rotated.and_then(|t| std::fs::write(&path, t).map_err(|e| e.to_string())) {
        Ok(()) => {
            printer.status(&format!(
                "Rotated the key of {}: links sent before no longer open it. The new link:",
                spec.path
            ));
            cmd_share_list(printer, root, base_url, true, Some(slug))
        }
        Err(e) => {
            printer.diagnostics(&mut [Diagnostic::error(
                "write-failed",
                format!("cannot rotate {}: {e}", spec.path),
            )]);
            1
        }
    }
}

fn cmd_export_resume(
    printer: &Printer,
    root: PathBuf,
    output: Option<PathBuf>,
    base_url: Option<String>,
) -> u8 {
    let opts = Options {
        root,
        base_url,
        ..Options::default()
    };
    match build::assemble(&opts) {
        Ok((site, _, mut diags)) => {
            printer.diagnostics(&mut diags);
            let json = crate::pages::feeds::resume_json(&site);
            match output {
                Some(path) => {
                    if let Err(e) = std::fs::write(&path, json) {
                        printer.diagnostics(&mut [Diagnostic::error(
                            "write-failed",
                            format!("cannot write {}: {e}", path.display()),
                        )
                        .with_help(
                            "`--output` takes the path of a file, e.g. `--output resume.json`",
                        )]);
                        return 1;
                    }
                    printer.status(&format!("Wrote {}", path.display()));
                }
                None => {
                    let _ = std::io::stdout().lock().write_all(json.as_bytes());
                }
            }
            0
        }
        Err(mut diags) => {
            printer.diagnostics(&mut diags);
            1
        }
    }
}
