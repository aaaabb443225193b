//! Bringing history in: a JSON Resume, a LinkedIn export and a brag
//! document become entries of the site. Each source has its own file that
//! reads it into a [`Plan`] — every file it would write, with its text —
//! and reports every problem of the input before anything is written.
//! Writing a plan is shared, here, for every importer (a ladder's
//! `ladder.yaml` too): [`write`] never overwrites a file, writes nothing on
//! `--dry-run`, and leaves what is already there alone, so importing the
//! same file twice adds nothing; [`Report::summary`] says what was made.
//!
//! Where an entry goes is decided by [`Journal::place`]: its file name is
//! the one `new` would give it (`content/journey/YYYY-MM-DD-<slug>.md`),
//! and an entry of the same kind, slug and time already in the site — made
//! by an earlier import, or written by hand — is the same entry.

pub(crate) mod brag;
pub(crate) mod dates;
pub(crate) mod ladder;
pub(crate) mod linkedin;
pub(crate) mod resume;
#[cfg(test)]
mod robustness;

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

use jiff::civil::Date;

use crate::diag::{Code, Diagnostic, plural};
use crate::model::kind::Kind;

pub(crate) use dates::{Period, Precision};

/// A date read from a source, and the text it was read from (`Mar 2021`).
pub(crate) type Said = (Period, String);

/// The largest file an importer reads: a résumé, a brag document or one
/// CSV of an export is a few hundred kilobytes at most, so a larger one is
/// the wrong file, not one to load into memory.
pub(crate) const MAX_INPUT: u64 = 16 * 1024 * 1024;

/// A source file's text, and its name as messages show it.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    pub(crate) shown: String,
    pub(crate) text: String,
}

/// The error for a file over [`MAX_INPUT`].
pub(crate) fn too_large(shown: &str, len: u64) -> Diagnostic {
    Diagnostic::error(
        Code::TooLarge,
        format!(
            "this file is {}: more than the {} MB an import reads",
            megabytes(len),
            MAX_INPUT / (1024 * 1024)
        ),
    )
    .at_path(shown)
    .with_help("is it the right file? An export's résumé, CSV or brag document is far smaller")
}

fn megabytes(len: u64) -> String {
    format!("{:.0} MB", len as f64 / (1024.0 * 1024.0))
}

/// Reads at most [`MAX_INPUT`] bytes of `reader`; more is an error.
pub(crate) fn read_capped(
    shown: &str,
    reader: impl std::io::Read,
    declared: u64,
) -> Result<Vec<u8>, Diagnostic> {
    if declared > MAX_INPUT {
        return Err(too_large(shown, declared));
    }
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Diagnostic::error(Code::Io, format!("cannot read this file: {e}")).at_path(shown)
        })?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(too_large(shown, bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a source file as UTF-8 text (a BOM and CRLF are fine), refusing a
/// folder, a file over [`MAX_INPUT`] and bytes that are not UTF-8.
pub(crate) fn read_input(path: &Path) -> Result<Input, Diagnostic> {
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| {
        Diagnostic::error(Code::Io, format!("cannot read {shown}: {e}")).at_path(&shown)
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(
            Diagnostic::error(Code::Io, format!("{shown} is a folder, not a file")).at_path(&shown),
        );
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let bytes = read_capped(&shown, file, meta.len())?;
    let text = crate::model::source::decode(&shown, bytes)?;
    Ok(Input { shown, text })
}

/// What a written file is, for the list and the summary: `role`/`roles`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Label {
    pub(crate) one: &'static str,
    pub(crate) many: &'static str,
}

impl Label {
    pub(crate) const ROLE: Label = Label {
        one: "role",
        many: "roles",
    };
    pub(crate) const EDUCATION: Label = Label {
        one: "education",
        many: "educations",
    };
    pub(crate) const CERTIFICATION: Label = Label {
        one: "certification",
        many: "certifications",
    };
    pub(crate) const AWARD: Label = Label {
        one: "award",
        many: "awards",
    };
    pub(crate) const ACHIEVEMENT: Label = Label {
        one: "achievement",
        many: "achievements",
    };

    fn count(self, n: usize) -> String {
        format!("{n} {}", if n == 1 { self.one } else { self.many })
    }
}

/// A file an import would write.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    /// Relative to the site root, with forward slashes.
    pub(crate) rel: String,
    pub(crate) text: String,
    pub(crate) label: Label,
}

/// Everything an import would do, worked out before anything is written.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// The source as messages name it.
    pub(crate) source: String,
    pub(crate) files: Vec<Planned>,
    /// Items the site already holds: the file that holds each.
    pub(crate) there: Vec<(String, Label)>,
    /// Warnings about the source: items not imported, forms read leniently.
    pub(crate) notes: Vec<Diagnostic>,
    /// What the writer pastes elsewhere (an `author` block, a skill list):
    /// printed to stdout.
    pub(crate) printout: String,
    /// A line said after the summary (where the files went, say).
    pub(crate) after: Option<String>,
}

impl Plan {
    pub(crate) fn new(source: impl Into<String>) -> Plan {
        Plan {
            source: source.into(),
            files: Vec::new(),
            there: Vec::new(),
            notes: Vec::new(),
            printout: String::new(),
            after: None,
        }
    }

    /// Adds a file that is not an entry (a ladder's `ladder.yaml`).
    pub(crate) fn add_file(&mut self, rel: impl Into<String>, text: String, label: Label) {
        self.files.push(Planned {
            rel: rel.into(),
            text,
            label,
        });
    }

    /// Adds an entry where the journal placed it. Its text is read back as
    /// `build` would first, so an importer cannot write an entry that
    /// `check` refuses.
    pub(crate) fn add_entry(
        &mut self,
        placed: Placed,
        kind: Kind,
        text: String,
        label: Label,
    ) -> Result<(), Vec<Diagnostic>> {
        match placed {
            Placed::There(rel) => {
                self.there.push((rel, label));
                Ok(())
            }
            Placed::New(rel) => {
                crate::scaffold::archetype::read_back(&rel, &text, kind)?;
                self.add_file(rel, text, label);
                Ok(())
            }
        }
    }

    /// Adds a milestone that starts in `start`, where the journal places it
    /// (`content/journey/<date>-<slug>.md`, the path `new milestone`
    /// gives), or nowhere when the site holds it already. The résumé's and
    /// LinkedIn's importers both end each item here.
    pub(crate) fn add_milestone(
        &mut self,
        journal: &mut Journal,
        title: &str,
        start: Period,
        who: Option<(String, String)>,
        text: String,
        label: Label,
    ) -> Result<(), Vec<Diagnostic>> {
        let date = start.first;
        let placed = journal.place(Kind::Milestone, title, start, true, who, |slug| {
            format!("content/journey/{date}-{slug}.md")
        });
        self.add_entry(placed, Kind::Milestone, text, label)
    }

    /// How many items were left out, each with a warning.
    fn not_imported(&self) -> usize {
        self.notes
            .iter()
            .filter(|d| d.code == Code::NotImported)
            .count()
    }
}

/// Where [`Journal::place`] put an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Placed {
    /// A new file, at this path.
    New(String),
    /// The site already holds it, in this file.
    There(String),
}

/// An entry the site holds, or one this import will write.
#[derive(Debug, Clone)]
struct Held {
    kind: Kind,
    slug: String,
    date: Option<Date>,
    path: String,
    /// Its title, compared ignoring case and spacing.
    title: String,
    /// A milestone's role and org, as [`who`] makes them.
    who: Option<(String, String)>,
}

/// A milestone's role and org, compared ignoring case and spacing: a role
/// is the same role whatever its title says ("Senior Engineer at Acme" and
/// "Acme — Senior Engineer").
fn same_title(title: &str) -> String {
    one_line(title).to_lowercase()
}

pub(crate) fn who(role: Option<&str>, org: Option<&str>) -> Option<(String, String)> {
    let norm = |s: Option<&str>| one_line(s.unwrap_or_default()).to_lowercase();
    let (role, org) = (norm(role), norm(org));
    (!org.is_empty()).then_some((role, org))
}

/// What the site already holds, read leniently (an import works in a site
/// with errors), and what this import has placed so far.
#[derive(Debug)]
pub(crate) struct Journal<'a> {
    root: &'a Path,
    held: Vec<Held>,
}

impl<'a> Journal<'a> {
    pub(crate) fn read(root: &'a Path) -> Journal<'a> {
        // Any absolute base will do: only the entries are needed.
        let held = match crate::pipeline::load_config(root, Some("http://localhost/")) {
            Ok(config) => crate::pipeline::load_entries(root, &config)
                .0
                .iter()
                .map(|e| Held {
                    kind: e.kind,
                    slug: e.slug.clone(),
                    date: e.date.map(|d| d.date),
                    path: e.origin.path.clone(),
                    title: same_title(&e.title),
                    who: match &e.meta {
                        crate::model::entry::KindMeta::Milestone { role, org, .. } => {
                            who(role.as_deref(), org.as_deref())
                        }
                        _ => None,
                    },
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        Journal { root, held }
    }

    /// Where an entry of `kind` titled `title` for `when` goes: `path_for`
    /// makes its path from a slug. An entry of the kind with its slug, its
    /// title, or (for a milestone) its role and org (`who`), whose date falls in
    /// `when` is the same entry (a day stands for its month when
    /// `widen_days`: LinkedIn knows months where a résumé has days);
    /// another one with the slug makes this one `<slug>-2`, as `new` does.
    pub(crate) fn place(
        &mut self,
        kind: Kind,
        title: &str,
        when: Period,
        widen_days: bool,
        who: Option<(String, String)>,
        path_for: impl Fn(&str) -> String,
    ) -> Placed {
        let title_key = same_title(title);
        if let Some(h) = self.held.iter().find(|h| {
            h.kind == kind
                && (h.title == title_key || (who.is_some() && h.who == who))
                && h.date.is_some_and(|d| when.holds(d, widen_days))
        }) {
            return Placed::There(h.path.clone());
        }
        let base = match crate::scaffold::archetype::slug_from_title(title) {
            s if s.is_empty() => kind.name().to_string(),
            s => s,
        };
        let mut slug = base.clone();
        let mut n = 1;
        loop {
            let rel = path_for(&slug);
            if self.exists(&rel) {
                return Placed::There(self.twin(&rel));
            }
            let same_slug: Vec<&Held> = self
                .held
                .iter()
                .filter(|h| h.kind == kind && h.slug == slug)
                .collect();
            if let Some(h) = same_slug
                .iter()
                .find(|h| h.date.is_some_and(|d| when.holds(d, widen_days)))
            {
                return Placed::There(h.path.clone());
            }
            if same_slug.is_empty() {
                self.held.push(Held {
                    kind,
                    slug,
                    date: Some(when.date()),
                    path: rel.clone(),
                    title: title_key,
                    who,
                });
                return Placed::New(rel);
            }
            n += 1;
            slug = format!("{base}-{n}");
        }
    }

    /// Whether `rel` (or its twin: the same path under the other of
    /// `content/` and `private/`) is a file of the site or of this import.
    fn exists(&self, rel: &str) -> bool {
        [rel.to_string(), twin_path(rel)]
            .iter()
            .any(|p| self.root.join(p).exists() || self.held.iter().any(|h| h.path == *p))
    }

    /// `rel`, or its twin when only the twin exists.
    fn twin(&self, rel: &str) -> String {
        let other = twin_path(rel);
        if self.root.join(rel).exists() || self.held.iter().any(|h| h.path == rel) {
            rel.to_string()
        } else {
            other
        }
    }
}

fn twin_path(rel: &str) -> String {
    if let Some(rest) = rel.strip_prefix("content/") {
        format!("private/{rest}")
    } else if let Some(rest) = rel.strip_prefix("private/") {
        format!("content/{rest}")
    } else {
        rel.to_string()
    }
}

/// Front matter written key by key, every text quoted so that a colon, a
/// quote or a `#` in an imported title stays valid YAML.
#[derive(Debug, Default)]
pub(crate) struct FrontMatter {
    text: String,
}

/// A value as a YAML double-quoted string. YAML refuses the characters it
/// does not call printable (DEL, C1 controls, a stray BOM) even there, so
/// they are escaped along with the usual ones.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c < ' '
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}') =>
            {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl FrontMatter {
    pub(crate) fn new(title: &str) -> FrontMatter {
        let mut f = FrontMatter::default();
        f.text("title", title);
        f
    }

    /// `key: "value"`.
    pub(crate) fn text(&mut self, key: &str, value: &str) -> &mut Self {
        let _ = writeln!(self.text, "{key}: {}", quoted(value));
        self
    }

    /// `key: "value"`, when there is a value.
    pub(crate) fn opt(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            self.text(key, v);
        }
        self
    }

    /// `key: value` as it is (a date, a word), with a comment when given.
    pub(crate) fn plain(&mut self, key: &str, value: &str, comment: Option<&str>) -> &mut Self {
        match comment {
            Some(c) => {
                let _ = writeln!(self.text, "{key}: {value}  # {c}");
            }
            None => {
                let _ = writeln!(self.text, "{key}: {value}");
            }
        }
        self
    }

    /// The whole file: the front matter, then the body.
    pub(crate) fn finish(&self, body: &str) -> String {
        let body = body.trim();
        if body.is_empty() {
            format!("---\n{}---\n", self.text)
        } else {
            format!("---\n{}---\n\n{body}\n", self.text)
        }
    }
}

/// The comment beside a date when the source was less precise than a day:
/// what it said, and where (`2021-03-01  # "Mar 2021" in Positions.csv`).
pub(crate) fn date_comment(p: &Period, said: &str, source: &str) -> Option<String> {
    (p.precision != Precision::Day).then(|| format!("{} in {source}", quoted(said.trim())))
}

/// A milestone's date lines: `date` its first day, `end` the last day of
/// its end (a role that ended in `Feb 2023` lasted through February), each
/// with what the source said when it was less precise than a day.
pub(crate) fn milestone_dates(
    f: &mut FrontMatter,
    start: &Period,
    start_said: &str,
    end: Option<&Said>,
    source: &str,
) {
    f.plain(
        "date",
        &start.first.to_string(),
        date_comment(start, start_said, source).as_deref(),
    );
    if let Some((end, said)) = end {
        f.plain(
            "end",
            &end.last.to_string(),
            date_comment(end, said, source).as_deref(),
        );
    }
}

/// What happened to a planned file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Done {
    /// Written (or, on a dry run, would be).
    Created,
    /// It was there already, with this very text.
    Same,
    /// It was there already, with other text: left alone.
    Kept,
}

/// What [`write`] did.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub(crate) source: String,
    pub(crate) dry_run: bool,
    pub(crate) files: Vec<(Done, String, Label)>,
    /// Items the site held already, in the file that holds each.
    pub(crate) there: Vec<(String, Label)>,
    pub(crate) not_imported: usize,
}

impl Report {
    /// The lines listing each file, in the plan's order; `show` turns a
    /// path from the site root into the one to print.
    pub(crate) fn lines(&self, show: impl Fn(&str) -> String) -> Vec<String> {
        let new = if self.dry_run {
            "would create"
        } else {
            "created"
        };
        let mut out: Vec<String> = self
            .files
            .iter()
            .map(|(done, rel, _)| (done, show(rel)))
            .map(|(done, rel)| match done {
                Done::Created => format!("  {new:<13} {rel}"),
                Done::Same => format!("  {:<13} {rel}", "already there"),
                Done::Kept => format!(
                    "  {:<13} {rel} (it exists with other text; waymark never overwrites a file)",
                    "kept"
                ),
            })
            .collect();
        out.extend(
            self.there
                .iter()
                .map(|(rel, _)| format!("  {:<13} {}", "already there", show(rel))),
        );
        out
    }

    /// One line on what was made: `Imported cv.json: 4 new files (3 roles,
    /// 1 award); 2 already there.`
    pub(crate) fn summary(&self) -> String {
        let created: Vec<Label> = self
            .files
            .iter()
            .filter(|(d, ..)| *d == Done::Created)
            .map(|(.., l)| *l)
            .collect();
        let count = |done: Done| self.files.iter().filter(|(d, ..)| *d == done).count();
        let there = count(Done::Same) + self.there.len();
        let kept = count(Done::Kept);
        let mut kinds: Vec<(Label, usize)> = Vec::new();
        for l in &created {
            match kinds.iter_mut().find(|(k, _)| k == l) {
                Some((_, n)) => *n += 1,
                None => kinds.push((*l, 1)),
            }
        }
        let what = if created.is_empty() {
            "nothing new".to_string()
        } else {
            let by_kind: Vec<String> = kinds.iter().map(|(l, n)| l.count(*n)).collect();
            let files = plural(created.len(), "new file");
            format!("{files} ({})", by_kind.join(", "))
        };
        let mut line = if self.dry_run {
            format!("Dry run, nothing written: {} would add {what}", self.source)
        } else {
            format!("Imported {}: {what}", self.source)
        };
        if there > 0 {
            let _ = write!(line, "; {there} already there");
        }
        if kept > 0 {
            let _ = write!(
                line,
                "; {} kept as {} (never overwritten)",
                plural(kept, "file"),
                if kept == 1 { "it was" } else { "they were" }
            );
        }
        if self.not_imported > 0 {
            let _ = write!(
                line,
                "; {} not imported (see the warnings above)",
                plural(self.not_imported, "item")
            );
        }
        line.push('.');
        line
    }
}

/// Writes a plan: each file that is not there yet (none on a dry run).
/// A file that is there already is never touched.
pub(crate) fn write(root: &Path, plan: &Plan, dry_run: bool) -> Result<Report, Vec<Diagnostic>> {
    let mut files = Vec::new();
    for p in &plan.files {
        let abs = root.join(&p.rel);
        let done = if abs.exists() || abs.symlink_metadata().is_ok() {
            match std::fs::read(&abs) {
                Ok(bytes) if bytes == p.text.as_bytes() => Done::Same,
                _ => Done::Kept,
            }
        } else {
            if !dry_run {
                crate::scaffold::init::write_new(&abs, &p.text).map_err(|e| {
                    vec![
                        Diagnostic::error(
                            Code::WriteFailed,
                            format!("cannot write {}: {e}", p.rel),
                        )
                        .at_path(&p.rel),
                    ]
                })?;
            }
            Done::Created
        };
        files.push((done, p.rel.clone(), p.label));
    }
    Ok(Report {
        source: plan.source.clone(),
        dry_run,
        files,
        there: plan.there.clone(),
        not_imported: plan.not_imported(),
    })
}

/// Text from a source made into one line (a title, a summary).
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A source's text (a description, a highlight) as Markdown list items:
/// one per `•` or line, or a paragraph when it is one piece.
pub(crate) fn bullets(text: &str) -> String {
    let parts: Vec<String> = text
        .split(['•', '\n'])
        .map(|p| p.trim().trim_start_matches(['-', '*', '·']).trim())
        .filter(|p| !p.is_empty())
        .map(one_line)
        .collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        many => many
            .iter()
            .map(|p| format!("- {p}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Whether a URL is one a page may link to.
pub(crate) fn is_web_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("https://") || s.starts_with("http://")) && !s.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::testing::TempSite;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn journey(slug: &str) -> String {
        format!("content/journey/2021-03-01-{slug}.md")
    }

    #[test]
    fn the_journal_places_new_entries_where_new_would() {
        let site = TempSite::new();
        let mut j = Journal::read(site.root());
        let march = Period::month(2021, 3).unwrap();
        assert_eq!(
            j.place(
                Kind::Milestone,
                "Engineer at Acme",
                march,
                true,
                None,
                journey
            ),
            Placed::New(journey("engineer-at-acme"))
        );
        // The same item again, in the same import: it is there.
        assert_eq!(
            j.place(
                Kind::Milestone,
                "Engineer at Acme",
                march,
                true,
                None,
                journey
            ),
            Placed::There(journey("engineer-at-acme"))
        );
        // Another with that slug at another time gets a number.
        let path = |s: &str| format!("content/journey/2015-01-01-{s}.md");
        assert_eq!(
            j.place(
                Kind::Milestone,
                "Engineer at Acme",
                Period::year(2015).unwrap(),
                true,
                None,
                path
            ),
            Placed::New(path("engineer-at-acme-2"))
        );
        // A title with nothing to slug is named after its kind.
        assert_eq!(
            j.place(Kind::Milestone, "🚀", march, true, None, journey),
            Placed::New(journey("milestone"))
        );
    }

    #[test]
    fn the_journal_knows_what_the_site_holds() {
        let site = TempSite::new();
        site.write(
            "content/journey/2021-03-15-engineer-at-acme.md",
            "---\ntitle: Engineer at Acme\ntype: role\n---\n",
        );
        site.write(
            "private/achievements/2026/2026-03-06-cut-ci-time.md",
            "---\ntitle: Cut CI time\n---\n",
        );
        let mut j = Journal::read(site.root());
        // A résumé's day and LinkedIn's month: the same role.
        assert_eq!(
            j.place(
                Kind::Milestone,
                "Engineer at Acme",
                Period::month(2021, 3).unwrap(),
                true,
                None,
                journey
            ),
            Placed::There("content/journey/2021-03-15-engineer-at-acme.md".into())
        );
        // An achievement moved to private/ (or from it) is still there.
        let ach = |s: &str| format!("content/achievements/2026/2026-03-06-{s}.md");
        assert_eq!(
            j.place(
                Kind::Achievement,
                "Cut CI time",
                Period::day(d("2026-03-06")),
                false,
                None,
                ach
            ),
            Placed::There("private/achievements/2026/2026-03-06-cut-ci-time.md".into())
        );
        // A brag item of another day with that title is another entry.
        let ach13 = |s: &str| format!("content/achievements/2026/2026-03-13-{s}.md");
        assert_eq!(
            j.place(
                Kind::Achievement,
                "Cut CI time",
                Period::day(d("2026-03-13")),
                false,
                None,
                ach13
            ),
            Placed::New(ach13("cut-ci-time-2"))
        );
    }

    #[test]
    fn a_milestone_is_known_by_its_role_and_org_or_its_title_whatever_its_file() {
        let site = TempSite::new();
        site.write(
            "content/journey/2019-03-01-lumen.md",
            "---\ntitle: Lumen Health — Senior Engineer\ntype: role\nrole: Senior Engineer\norg: Lumen Health\n---\n",
        );
        site.write(
            "content/journey/2025-06-20-cka.md",
            "---\ntitle: Certified Kubernetes Administrator (CKA)\ntype: certification\n---\n",
        );
        let mut j = Journal::read(site.root());
        let path = |s: &str| format!("content/journey/2019-03-01-{s}.md");
        let march = Period::month(2019, 3).unwrap();
        assert_eq!(
            j.place(
                Kind::Milestone,
                "Senior Engineer at Lumen Health",
                march,
                true,
                who(Some("senior  engineer"), Some("LUMEN HEALTH")),
                path
            ),
            Placed::There("content/journey/2019-03-01-lumen.md".into())
        );
        // Another role at the org is another milestone.
        assert!(matches!(
            j.place(
                Kind::Milestone,
                "Tech Lead at Lumen Health",
                march,
                true,
                who(Some("Tech Lead"), Some("Lumen Health")),
                path
            ),
            Placed::New(_)
        ));
        let june = Period::day(d("2025-06-20"));
        assert_eq!(
            j.place(
                Kind::Milestone,
                "Certified Kubernetes  Administrator (CKA)",
                june,
                true,
                None,
                |s| format!("content/journey/2025-06-20-{s}.md")
            ),
            Placed::There("content/journey/2025-06-20-cka.md".into())
        );
        assert_eq!(who(Some("Lead"), None), None);
    }

    #[test]
    fn front_matter_quotes_every_text() {
        let mut f = FrontMatter::new("Lead: \"Platform\" # 1");
        f.plain("date", "2021-03-01", Some("\"Mar 2021\" in the source"))
            .opt("org", Some("  "))
            .opt("role", Some("Lead"));
        let text = f.finish("\n- one\n");
        assert_eq!(
            text,
            "---\ntitle: \"Lead: \\\"Platform\\\" # 1\"\ndate: 2021-03-01  # \"Mar 2021\" in the source\nrole: \"Lead\"\n---\n\n- one\n"
        );
        crate::scaffold::archetype::read_back("content/journey/x.md", &text, Kind::Milestone)
            .unwrap();
    }

    #[test]
    fn quoted_text_is_valid_yaml_whatever_it_holds() {
        for s in [
            "plain",
            "a \"b\" \\ c",
            "tab\tnew\nline\r",
            "\u{7f}\u{85}\u{9f}\u{feff}\u{1}",
            "ünï 🚀 \u{202e}",
        ] {
            let yaml = format!("k: {}\n", quoted(s));
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(back["k"], s, "{yaml}");
        }
        assert_eq!(quoted("a\u{7f}"), "\"a\\u007f\"");
    }

    #[test]
    fn bullets_split_on_dots_and_lines() {
        assert_eq!(
            bullets("• Led the rewrite.  • Mentored two juniors."),
            "- Led the rewrite.\n- Mentored two juniors."
        );
        assert_eq!(bullets("One thing\n\n"), "One thing");
        assert_eq!(bullets("- a\n- b"), "- a\n- b");
        assert_eq!(bullets("  "), "");
    }

    #[test]
    fn write_never_overwrites_and_a_dry_run_writes_nothing() {
        let site = TempSite::new();
        let mut plan = Plan::new("src.json");
        plan.add_file("content/journey/a.md", "A\n".into(), Label::ROLE);
        plan.add_file("content/journey/b.md", "B\n".into(), Label::ROLE);
        plan.add_file("ladder.yaml", "L\n".into(), Label::AWARD);
        site.write("content/journey/b.md", "B\n");
        site.write("ladder.yaml", "mine\n");
        let dry = write(site.root(), &plan, true).unwrap();
        assert!(!site.root().join("content/journey/a.md").exists());
        assert_eq!(
            dry.summary(),
            "Dry run, nothing written: src.json would add 1 new file (1 role); 1 already there; 1 file kept as it was (never overwritten)."
        );
        let done = write(site.root(), &plan, false).unwrap();
        let states: Vec<Done> = done.files.iter().map(|f| f.0).collect();
        assert_eq!(states, [Done::Created, Done::Same, Done::Kept]);
        assert_eq!(
            std::fs::read_to_string(site.root().join("ladder.yaml")).unwrap(),
            "mine\n"
        );
        assert_eq!(
            done.summary(),
            "Imported src.json: 1 new file (1 role); 1 already there; 1 file kept as it was (never overwritten)."
        );
        let again = write(site.root(), &plan, false).unwrap();
        assert_eq!(
            again.summary(),
            "Imported src.json: nothing new; 2 already there; 1 file kept as it was (never overwritten)."
        );
        let lines = again.lines(|p| format!("./{p}"));
        assert_eq!(lines[0], "  already there ./content/journey/a.md");
        assert!(lines[2].contains("never overwrites"), "{}", lines[2]);
    }

    #[test]
    fn inputs_over_the_cap_are_refused_before_they_are_read() {
        let site = TempSite::new();
        let path = site.root().join("big.json");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(100 * 1024 * 1024).unwrap();
        let d = read_input(&path).unwrap_err();
        assert_eq!(d.code, Code::TooLarge);
        assert!(d.message.contains("100 MB"), "{}", d.message);
        // A reader that says less than it holds is cut off at the cap.
        let lying = std::io::repeat(b'x');
        let d = read_capped("x.csv", lying, 10).unwrap_err();
        assert_eq!(d.code, Code::TooLarge);
    }
}
