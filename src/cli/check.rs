//! `waymark check`: everything build validates, without writing.

use std::io::Write as _;
use std::path::PathBuf;

use crate::diag::{self};
use crate::model::site::Audience;
use crate::pipeline::{self, Options};

use super::Printer;
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Output format: human-readable, or one JSON object per line
    #[arg(long, value_enum, default_value = "human")]
    pub(crate) format: Format,
    /// Check as if drafts were included
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Override base_url from waymark.yaml
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
}

pub(super) fn run(printer: &Printer, root: PathBuf, args: CheckArgs) -> u8 {
    let opts = Options {
        root,
        base_url: args.base_url,
        audience: Audience {
            drafts: args.drafts,
            private: false,
            local: false,
        },
        today: None,
        cache: None,
        card_cache: None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Command, parse, try_parse};
    use crate::pipeline::testing::TempSite;

    fn check_args(args: &[&str]) -> CheckArgs {
        match parse(args).command {
            Command::Check(c) => c,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn check_takes_a_format_drafts_and_a_base_url() {
        let c = check_args(&["check"]);
        assert_eq!(
            (c.format, c.drafts, c.base_url),
            (Format::Human, false, None)
        );
        let c = check_args(&["check", "--format", "json", "--drafts"]);
        assert_eq!((c.format, c.drafts), (Format::Json, true));
        let c = check_args(&["check", "--format", "human", "--base-url", "https://x.dev/"]);
        assert_eq!(c.format, Format::Human);
        assert_eq!(c.base_url.as_deref(), Some("https://x.dev/"));
        let e = try_parse(&["check", "--format", "xml"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::InvalidValue);
    }

    #[test]
    fn check_of_a_good_site_succeeds_and_writes_nothing() {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n");
        let quiet = Printer {
            color: false,
            quiet: true,
        };
        let args = check_args(&["check"]);
        assert_eq!(run(&quiet, site.root().to_path_buf(), args), 0);
        assert!(!site.root().join("public").exists());
    }
}
