//! `waymark check`: everything build validates, without writing.

use std::io::Write as _;
use std::path::PathBuf;

use crate::diag::{self};
use crate::model::site::Audience;
use crate::pipeline::{self, Options};

use super::Printer;
use clap::ValueEnum;

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

pub(super) fn run(printer: &Printer, root: PathBuf, args: CheckArgs) -> u8 {
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
    let (mut diags, ok, pages) = match pipeline::build(&opts) {
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
