//! `waymark new <kind>`: an entry from its archetype.

use std::path::PathBuf;

use super::Printer;

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// What to create
    #[arg(value_enum)]
    pub(crate) kind: crate::scaffold::archetype::NewKind,
    /// The entry's title (week, reflection and review make one up)
    #[arg(value_name = "TITLE")]
    pub(crate) title: Option<String>,
    /// The entry's date, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) date: Option<jiff::civil::Date>,
    /// Tags, comma-separated
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub(crate) tags: Vec<String>,
    /// Put a reflection or review in content/ as public (default: private/)
    #[arg(long)]
    pub(crate) public: bool,
    /// For `new share`: a sealed page, kept in private/share/ and published
    /// only encrypted
    #[arg(long)]
    pub(crate) sealed: bool,
    /// For `new share`: the document, with the prompts it needs
    #[arg(long, value_enum, value_name = "LAYOUT")]
    pub(crate) layout: Option<ShareLayout>,
}

/// `--layout`: a share page's `layout:`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum ShareLayout {
    /// The sponsor brief (the default)
    Brief,
    /// A promotion packet against a ladder level
    Packet,
    /// A self-review of a period
    Review,
    /// A résumé
    Cv,
}

impl From<ShareLayout> for crate::model::entry::Layout {
    fn from(l: ShareLayout) -> Self {
        use crate::model::entry::Layout;
        match l {
            ShareLayout::Brief => Layout::Brief,
            ShareLayout::Packet => Layout::Packet,
            ShareLayout::Review => Layout::Review,
            ShareLayout::Cv => Layout::Cv,
        }
    }
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    crate::model::entry::EntryDate::parse(s)
        .map(|d| d.date)
        .ok_or_else(|| format!("`{s}` is not a date: {}", crate::model::entry::DATE_FORMS))
}

pub(super) fn run(printer: &Printer, root: PathBuf, args: NewArgs) -> u8 {
    use crate::scaffold::archetype::{NewOutcome, NewRequest, display_path, new_entry};
    let today = crate::clock::today();
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
        sealed: args.sealed,
        layout: args.layout.map(Into::into),
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match new_entry(&root, &req) {
        Ok(NewOutcome::Created(rel)) => {
            // A sealed page needs the site secret to build: made now, once.
            if args.sealed {
                match crate::seal::ensure_secret(&root) {
                    Ok((_, Some(_))) => printer.status(&crate::seal::created_note()),
                    Ok((_, None)) => {}
                    Err(e) => printer.diagnostics(&mut [crate::diag::Diagnostic::error(
                        crate::diag::Code::BadSecret,
                        e,
                    )]),
                }
            }
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
            // A missing title or a flag the kind has not is a usage
            // error, like clap's.
            if diags.iter().any(|d| {
                (d.code == "missing-title" || d.code == "not-sealable") && d.path.is_none()
            }) {
                2
            } else {
                1
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Command, parse, try_parse};
    use crate::pipeline::testing::TempSite;
    use crate::scaffold::archetype::NewKind;
    use clap::error::ErrorKind;

    fn new_args(args: &[&str]) -> NewArgs {
        match parse(args).command {
            Command::New(a) => a,
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn new_takes_a_kind_a_title_a_date_tags_and_public() {
        let a = new_args(&["new", "week", "--date", "2026-03-06", "--tags", "a,b"]);
        assert_eq!(a.kind, NewKind::Week);
        assert_eq!(a.title, None);
        assert_eq!(a.date, Some(jiff::civil::date(2026, 3, 6)));
        assert_eq!(a.tags, ["a", "b"]);
        assert!(!a.public);
        let a = new_args(&[
            "new",
            "achievement",
            "Cut checkout p99 from 840 ms to 310 ms",
            "--tags",
            "perf",
        ]);
        assert_eq!(a.kind, NewKind::Achievement);
        assert_eq!(
            a.title.as_deref(),
            Some("Cut checkout p99 from 840 ms to 310 ms")
        );
        assert_eq!(a.tags, ["perf"]);
        assert_eq!(a.date, None);
        let a = new_args(&["new", "reflection", "After the reorg", "--public"]);
        assert!(a.public);
        for (word, kind) in [
            ("goal", NewKind::Goal),
            ("review", NewKind::Review),
            ("milestone", NewKind::Milestone),
            ("share", NewKind::Share),
        ] {
            assert_eq!(new_args(&["new", word]).kind, kind);
        }
    }

    #[test]
    fn new_takes_a_date_in_either_form_and_refuses_anything_else() {
        assert_eq!(
            parse_date("2026-03-06T17:30:00+01:00"),
            Ok(jiff::civil::date(2026, 3, 6))
        );
        for bad in ["2026-02-30", "06/03/2026", "tomorrow", ""] {
            let e = parse_date(bad).unwrap_err();
            assert!(e.starts_with(&format!("`{bad}` is not a date")), "{e}");
            assert!(e.contains("YYYY-MM-DD"), "{e}");
            let e = try_parse(&["new", "week", "--date", bad]).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::ValueValidation, "{bad}");
        }
    }

    #[test]
    fn new_refuses_an_unknown_kind() {
        let e = try_parse(&["new", "essay"]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidValue);
        assert_eq!(
            try_parse(&["new"]).unwrap_err().kind(),
            ErrorKind::MissingRequiredArgument
        );
    }

    #[test]
    fn new_writes_the_entry_with_its_date_and_trimmed_tags() {
        let site = TempSite::new();
        let quiet = Printer {
            color: false,
            quiet: true,
        };
        let args = new_args(&[
            "new",
            "achievement",
            "Shipped the importer",
            "--date",
            "2026-03-06",
            "--tags",
            " rust , ,perf",
        ]);
        assert_eq!(run(&quiet, site.root().to_path_buf(), args), 0);
        let made: Vec<_> = walkdir::WalkDir::new(site.root().join("content"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .collect();
        assert_eq!(made.len(), 1, "{made:?}");
        let name = made[0].file_name().to_string_lossy().into_owned();
        assert!(name.starts_with("2026-03-06-"), "{name}");
        let text = std::fs::read_to_string(made[0].path()).unwrap();
        assert!(text.contains("Shipped the importer"), "{text}");
        let config = crate::model::config::parse(crate::pipeline::testing::CONFIG, None).unwrap();
        let (entries, _, _) = crate::pipeline::load_entries(site.root(), &config);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].tags, ["rust", "perf"]);
    }
}
