//! `waymark build`: render the site into `public/` (or `--output`).

use std::path::PathBuf;

use crate::diag::Code;
use crate::diag::{self, Diagnostic};
use crate::model::site::Audience;
use crate::pipeline::{self, Options};

use super::Printer;

#[derive(Debug, clap::Args)]
pub(crate) struct BuildArgs {
    /// Where to write the site (default: public/ in the site folder)
    #[arg(short, long, value_name = "DIR")]
    pub(crate) output: Option<PathBuf>,
    /// Override base_url from waymark.yaml
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Include drafts
    #[arg(long)]
    pub(crate) drafts: bool,
}

pub(super) fn run(printer: &Printer, root: PathBuf, args: BuildArgs, verbose: bool) -> u8 {
    let (out_dir, shown) = match &args.output {
        Some(o) => (o.clone(), o.display().to_string()),
        None => (root.join("public"), "public/".to_string()),
    };
    if let Err(d) = pipeline::check_output_dir(&root, &out_dir) {
        printer.diagnostics(&mut [d]);
        return 1;
    }
    let start = std::time::Instant::now();
    let writer = match crate::output::DiskWriter::start(&out_dir) {
        Ok(w) => w,
        Err(e) => {
            let code = match e {
                crate::output::WriteError::Io { .. } => Code::WriteFailed,
                _ => Code::BadOutput,
            };
            let mut d = Diagnostic::error(code, e.to_string());
            d.help = e.help();
            printer.diagnostics(&mut [d]);
            return 1;
        }
    };
    let opts = Options {
        card_cache: Some(pipeline::card_cache_dir(&root)),
        root,
        base_url: args.base_url,
        audience: Audience {
            drafts: args.drafts,
            private: false,
            local: false,
        },
        today: None,
        cache: None,
    };
    match pipeline::build_into(&opts, &writer) {
        Ok(mut built) => {
            // The process ends when the build is written: leave the site
            // model to the operating system instead of freeing it piece by
            // piece on this one thread.
            std::mem::forget(std::mem::take(&mut built.site.entries));
            printer.diagnostics(&mut built.diagnostics);
            let mut watch = crate::clock::Stopwatch::new();
            let written = writer.finish(true);
            watch.lap("finish writing");
            if let Err(e) = &written {
                let mut d = Diagnostic::error(Code::WriteFailed, e.to_string());
                d.help = e.help();
                printer.diagnostics(&mut [d]);
                return 1;
            }
            // The sealed pages' published form, to be committed. Never
            // from a build with drafts (drafts must not reach a publish),
            // nor from one at another address than the site's (the links
            // inside a sealed page are made when it is sealed).
            let other_base = opts.base_url.is_some()
                && pipeline::load_config(&opts.root, None)
                    .is_ok_and(|c| c.base_url != built.site.config.base_url);
            let why_not = if args.drafts {
                Some("a build with --drafts never writes sealed pages (they could show drafts)")
            } else if other_base {
                Some(
                    "this build's --base-url is not the base_url in waymark.yaml, and the links inside a sealed page are made when it is sealed",
                )
            } else {
                None
            };
            if let Some(why) = why_not {
                if built.sealing.made.iter().any(|m| !m.unchanged && !m.draft) {
                    printer.status(&format!(
                        "Left {}/ as it was: {why}.",
                        crate::seal::ARTIFACT_DIR
                    ));
                }
            } else {
                match pipeline::write_sealed(&opts.root, &built.sealing) {
                    Ok(said) => said.iter().for_each(|line| printer.status(line)),
                    Err(d) => {
                        printer.diagnostics(&mut [d]);
                        return 1;
                    }
                }
            }
            if verbose && let Ok(stats) = &written {
                eprintln!(
                    "  {} written, {} unchanged, {} removed",
                    diag::plural(stats.written, "file"),
                    stats.unchanged,
                    stats.removed
                );
            }
            printer.status(&pipeline::summary_line(
                built.pages,
                start.elapsed(),
                built.left_out,
                &shown,
            ));
            0
        }
        Err(mut diags) => {
            if let Err(e) = writer.finish(false) {
                diags.push(Diagnostic::error(Code::WriteFailed, e.to_string()));
            }
            printer.diagnostics(&mut diags);
            printer.status("Nothing was written: the previous output is untouched.");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Command, parse};
    use crate::pipeline::testing::TempSite;

    fn build_args(args: &[&str]) -> BuildArgs {
        match parse(args).command {
            Command::Build(b) => b,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn build_takes_output_base_url_and_drafts() {
        let cli = parse(&["--root", "DIR", "build", "--output", "X", "--drafts"]);
        assert_eq!(cli.root, Some(PathBuf::from("DIR")));
        let Command::Build(b) = cli.command else {
            panic!("not build")
        };
        assert_eq!(b.output, Some(PathBuf::from("X")));
        assert!(b.drafts);
        assert_eq!(b.base_url, None);
        let b = build_args(&["build", "-o", "out", "--base-url", "https://x.dev/"]);
        assert_eq!(b.output, Some(PathBuf::from("out")));
        assert_eq!(b.base_url.as_deref(), Some("https://x.dev/"));
        assert!(!b.drafts);
        let b = build_args(&["build"]);
        assert_eq!((b.output, b.base_url, b.drafts), (None, None, false));
    }

    fn quiet() -> Printer {
        Printer {
            color: false,
            quiet: true,
        }
    }

    fn draft_site() -> TempSite {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n")
            .write(
                "content/achievements/2026-03-06-draft.md",
                "---\ntitle: Half done\ndraft: true\n---\nNot yet.\n",
            );
        site
    }

    #[test]
    fn build_writes_public_in_the_site_folder_by_default_and_drafts_only_when_asked() {
        let site = draft_site();
        let args = build_args(&["build"]);
        assert_eq!(run(&quiet(), site.root().to_path_buf(), args, false), 0);
        let public = site.root().join("public");
        assert!(public.join("index.html").is_file());
        assert!(!public.join("achievements/draft/index.html").exists());
        let args = build_args(&["build", "--drafts"]);
        assert_eq!(run(&quiet(), site.root().to_path_buf(), args, false), 0);
        assert!(public.join("achievements/draft/index.html").is_file());
    }

    #[test]
    fn build_writes_where_output_says_with_the_base_url_given() {
        let site = draft_site();
        let out = site.root().join("elsewhere");
        let args = BuildArgs {
            output: Some(out.clone()),
            base_url: Some("https://example.com/journal/".to_string()),
            drafts: false,
        };
        assert_eq!(run(&quiet(), site.root().to_path_buf(), args, false), 0);
        assert!(!site.root().join("public").exists());
        let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
        assert!(
            sitemap.contains("https://example.com/journal/"),
            "{sitemap}"
        );
    }
}
