//! `waymark new <kind>`: an entry from its archetype.

use std::path::PathBuf;

use super::Printer;

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
