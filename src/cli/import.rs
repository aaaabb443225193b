//! `waymark import <source>`: history brought in from a résumé, a LinkedIn
//! export or a brag document, and the employer's career ladder. Each source's importer makes a plan; writing
//! it, the file list and the summary line are the same for every source.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::Printer;
use crate::diag::Diagnostic;
use crate::import::{self, Plan};

/// What every import takes.
#[derive(Debug, Clone, Args)]
pub(crate) struct ImportOpts {
    /// List the files that would be written, and write nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ImportWhat {
    /// A JSON Resume document: work, education, certificates and awards become milestones; prints an `author` block for waymark.yaml
    Resume {
        /// The JSON Resume document (relative to the current folder)
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
        #[command(flatten)]
        opts: ImportOpts,
    },
    /// A LinkedIn data export (the zip, or its folder): positions, education and certifications become milestones; prints the skills
    Linkedin {
        /// The export's zip, or the folder it unzips to
        #[arg(value_name = "EXPORT")]
        export: PathBuf,
        #[command(flatten)]
        opts: ImportOpts,
    },
    /// A brag document in Markdown: items under dated headings become achievements (in private/ unless --public)
    Brag {
        /// The brag document (relative to the current folder)
        #[arg(value_name = "FILE.md")]
        file: PathBuf,
        /// Write the achievements to content/ (published) instead of private/
        #[arg(long)]
        public: bool,
        #[command(flatten)]
        opts: ImportOpts,
    },
    /// A career ladder: an FT-format YAML file or a Monzo progression-framework Markdown file becomes ladder.yaml
    Ladder {
        /// The framework file (relative to the current folder)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        opts: ImportOpts,
    },
}

pub(super) fn run(printer: &Printer, root: PathBuf, what: ImportWhat) -> u8 {
    let (plan, opts) = match what {
        ImportWhat::Resume { file, opts } => (import::resume::plan(&root, &file), opts),
        ImportWhat::Linkedin { export, opts } => (import::linkedin::plan(&root, &export), opts),
        ImportWhat::Brag { file, public, opts } => (import::brag::plan(&root, &file, public), opts),
        ImportWhat::Ladder { file, opts } => (import::ladder::plan(&root, &file), opts),
    };
    finish(printer, &root, plan, &opts)
}

/// Writes a plan (or, with `--dry-run`, only lists it) and reports: the
/// source's warnings, a line per file, what goes to stdout, the summary.
/// Bad input has written nothing by the time it gets here.
pub(super) fn finish(
    printer: &Printer,
    root: &Path,
    plan: Result<Plan, Vec<Diagnostic>>,
    opts: &ImportOpts,
) -> u8 {
    let mut plan = match plan {
        Ok(p) => p,
        Err(mut diags) => {
            printer.diagnostics(&mut diags);
            printer.status("Nothing was written.");
            return 1;
        }
    };
    printer.diagnostics(&mut plan.notes);
    let report = match import::write(root, &plan, opts.dry_run) {
        Ok(r) => r,
        Err(mut diags) => {
            printer.diagnostics(&mut diags);
            return 1;
        }
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let show = |rel: &str| {
        crate::scaffold::archetype::display_path(root, rel, &cwd)
            .display()
            .to_string()
    };
    for line in report.lines(show) {
        printer.status(&line);
    }
    printer.status(&report.summary());
    if let Some(after) = &plan.after
        && !opts.dry_run
        && report.files.iter().any(|f| f.0 == import::Done::Created)
    {
        printer.status(after);
    }
    // Last, so it is the easiest to copy.
    if !plan.printout.is_empty() {
        let _ = std::io::stdout().lock().write_all(plan.printout.as_bytes());
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Command, parse, try_parse};
    use clap::error::ErrorKind;

    fn import_what(args: &[&str]) -> ImportWhat {
        match parse(args).command {
            Command::Import { what } => what,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn import_takes_a_source_a_file_and_dry_run() {
        let ImportWhat::Resume { file, opts } = import_what(&["import", "resume", "cv.json"])
        else {
            panic!("not resume")
        };
        assert_eq!((file, opts.dry_run), (PathBuf::from("cv.json"), false));
        let ImportWhat::Linkedin { export, opts } =
            import_what(&["import", "linkedin", "export.zip", "--dry-run"])
        else {
            panic!("not linkedin")
        };
        assert_eq!((export, opts.dry_run), (PathBuf::from("export.zip"), true));
        let ImportWhat::Brag { file, public, opts } =
            import_what(&["import", "brag", "--public", "brag.md", "--dry-run"])
        else {
            panic!("not brag")
        };
        assert_eq!(file, PathBuf::from("brag.md"));
        assert!(public && opts.dry_run);
        assert_eq!(
            try_parse(&["import", "facebook", "x"]).unwrap_err().kind(),
            ErrorKind::InvalidSubcommand
        );
        assert_eq!(
            try_parse(&["import", "resume"]).unwrap_err().kind(),
            ErrorKind::MissingRequiredArgument
        );
        // --public is the brag import's alone.
        assert_eq!(
            try_parse(&["import", "resume", "cv.json", "--public"])
                .unwrap_err()
                .kind(),
            ErrorKind::UnknownArgument
        );
    }
}
