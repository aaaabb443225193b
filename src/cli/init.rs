//! `waymark init`: scaffold a site.

use std::path::{Path, PathBuf};

use crate::diag::{self};

use super::Printer;

#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    /// The folder to create the site in (default: the current folder)
    #[arg(value_name = "DIR")]
    pub(crate) dir: Option<PathBuf>,
    /// Add the missing files to a folder that is not empty (never overwrites)
    #[arg(long)]
    pub(crate) force: bool,
}

pub(super) fn run(printer: &Printer, dir: PathBuf, force: bool) -> u8 {
    match crate::scaffold::init::init(&dir, force, crate::clock::today()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Command, parse};
    use crate::pipeline::testing::TempSite;

    fn init_args(args: &[&str]) -> InitArgs {
        match parse(args).command {
            Command::Init(a) => a,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn init_takes_a_folder_and_force() {
        let a = init_args(&["init"]);
        assert_eq!((a.dir, a.force), (None, false));
        let a = init_args(&["init", "my-career", "--force"]);
        assert_eq!((a.dir, a.force), (Some(PathBuf::from("my-career")), true));
    }

    fn quiet() -> Printer {
        Printer {
            color: false,
            quiet: true,
        }
    }

    #[test]
    fn init_makes_a_site_that_builds() {
        let empty = TempSite::empty();
        let dir = empty.root().join("my-career");
        assert_eq!(run(&quiet(), dir.clone(), false), 0);
        assert!(dir.join("waymark.yaml").is_file());
        let opts = crate::pipeline::Options {
            root: dir,
            ..Default::default()
        };
        crate::pipeline::build(&opts).unwrap_or_else(|d| panic!("{d:?}"));
    }

    #[test]
    fn init_with_force_adds_what_is_missing_and_keeps_the_rest() {
        let site = TempSite::new();
        site.write("waymark.yaml", "title: Mine\nbase_url: https://me.dev/\n");
        assert_eq!(run(&quiet(), site.root().to_path_buf(), true), 0);
        assert_eq!(
            std::fs::read_to_string(site.root().join("waymark.yaml")).unwrap(),
            "title: Mine\nbase_url: https://me.dev/\n"
        );
        assert!(site.root().join(".gitignore").is_file());
    }
}
