//! `waymark export resume`: the JSON Resume document.

use std::io::Write as _;
use std::path::PathBuf;

use crate::diag::Diagnostic;
use crate::pipeline::{self, Options};

use super::Printer;
use clap::Subcommand;

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

pub(super) fn resume(
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
    match pipeline::assemble(&opts) {
        Ok((site, _, mut diags)) => {
            printer.diagnostics(&mut diags);
            let json = crate::pages::resume::resume_json(&site);
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
