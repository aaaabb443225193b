//! `waymark export resume`: the JSON Resume document.

use std::io::Write as _;
use std::path::PathBuf;

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::pipeline::{self, Options};

use super::Printer;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum ExportWhat {
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
                            Code::WriteFailed,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Command, parse, try_parse};
    use crate::pipeline::testing::TempSite;
    use clap::error::ErrorKind;

    #[test]
    fn export_resume_takes_an_output_file_and_a_base_url() {
        let Command::Export {
            what: ExportWhat::Resume { output, base_url },
        } = parse(&["export", "resume", "-o", "f"]).command
        else {
            panic!("not export resume")
        };
        assert_eq!((output, base_url), (Some(PathBuf::from("f")), None));
        let Command::Export {
            what: ExportWhat::Resume { output, base_url },
        } = parse(&[
            "export",
            "resume",
            "--output",
            "cv.json",
            "--base-url",
            "https://x.dev/",
        ])
        .command
        else {
            panic!("not export resume")
        };
        assert_eq!(output, Some(PathBuf::from("cv.json")));
        assert_eq!(base_url.as_deref(), Some("https://x.dev/"));
        let e = try_parse(&["export", "cv"]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidSubcommand);
        assert!(try_parse(&["export"]).is_err());
    }

    #[test]
    fn export_resume_writes_the_json_resume_to_the_file() {
        let site = TempSite::new();
        let file = site.root().join("cv.json");
        let quiet = Printer {
            color: false,
            quiet: true,
        };
        let code = resume(
            &quiet,
            site.root().to_path_buf(),
            Some(file.clone()),
            Some("https://example.com/cv/".to_string()),
        );
        assert_eq!(code, 0);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(json["basics"]["name"], "Test Person");
        assert_eq!(json["basics"]["url"], "https://example.com/cv/");
        // The same document the build publishes.
        let opts = Options {
            root: site.root().to_path_buf(),
            base_url: Some("https://example.com/cv/".to_string()),
            ..Options::default()
        };
        let built = pipeline::build(&opts).unwrap();
        assert_eq!(
            built.output.files["resume.json"],
            std::fs::read(&file).unwrap()
        );
    }
}
