//! `waymark import linkedin EXPORT`: a LinkedIn data export, the zip or
//! the folder it unpacks to. `Positions.csv`, `Education.csv` and
//! `Certifications.csv` become milestones; `Skills.csv` is printed as a
//! list. Only those four files are read: an export also holds messages,
//! contacts and logins, which waymark never opens.
//!
//! Columns are found by their names in the header (any case, a preamble
//! before it skipped), never by position; a missing one is an error that
//! lists the columns the file has.

use std::fmt::Write as _;
use std::path::Path;

use super::Said;
use super::dates::month_year;
use super::{FrontMatter, Journal, Label, Plan, bullets, is_web_url, one_line, quoted};
use crate::diag::{Code, Diagnostic};

/// One CSV file of the export: its name and the columns waymark reads.
struct Spec {
    file: &'static str,
    /// Columns without which a row cannot be read.
    required: &'static [&'static str],
    /// Columns read when they are there.
    optional: &'static [&'static str],
}

const POSITIONS: Spec = Spec {
    file: "Positions.csv",
    required: &["Company Name", "Title", "Started On", "Finished On"],
    optional: &["Description", "Location"],
};
const EDUCATION: Spec = Spec {
    file: "Education.csv",
    required: &["School Name", "Start Date", "End Date", "Degree Name"],
    optional: &["Notes", "Activities"],
};
const CERTIFICATIONS: Spec = Spec {
    file: "Certifications.csv",
    required: &["Name", "Authority", "Started On"],
    optional: &["Url", "Finished On", "License Number"],
};
const SKILLS: Spec = Spec {
    file: "Skills.csv",
    required: &["Name"],
    optional: &[],
};
const SPECS: [&Spec; 4] = [&POSITIONS, &EDUCATION, &CERTIFICATIONS, &SKILLS];

/// How many lines before the header a file may have (newer exports put a
/// `Notes:` preamble there).
const HEADER_WITHIN: usize = 10;

/// A file found in the export: its name for messages, and its bytes.
struct Found {
    shown: String,
    bytes: Vec<u8>,
}

/// The export's files of `SPECS`, in their order; the shallowest of each
/// name (in any case) wins.
fn find(export: &Path) -> Result<Vec<Option<Found>>, Vec<Diagnostic>> {
    let shown = export.display().to_string();
    let meta = std::fs::metadata(export).map_err(|e| {
        vec![Diagnostic::error(Code::Io, format!("cannot read {shown}: {e}")).at_path(&shown)]
    })?;
    if meta.is_dir() {
        find_in_folder(export, &shown)
    } else {
        find_in_zip(export, &shown)
    }
}

/// The index in `SPECS` of a file name, if it is one of them.
fn spec_of(name: &str) -> Option<usize> {
    let lower = name.to_lowercase();
    SPECS.iter().position(|s| s.file.to_lowercase() == lower)
}

fn find_in_folder(dir: &Path, shown: &str) -> Result<Vec<Option<Found>>, Vec<Diagnostic>> {
    let mut best: Vec<Option<(usize, std::path::PathBuf)>> = vec![None; SPECS.len()];
    for e in walkdir::WalkDir::new(dir)
        .max_depth(6)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !e.file_type().is_file() {
            continue;
        }
        let Some(i) = spec_of(&e.file_name().to_string_lossy()) else {
            continue;
        };
        if best[i].as_ref().is_none_or(|(d, _)| e.depth() < *d) {
            best[i] = Some((e.depth(), e.path().to_path_buf()));
        }
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for b in best {
        let Some((_, path)) = b else {
            out.push(None);
            continue;
        };
        let rel = path.strip_prefix(dir).unwrap_or(&path);
        let name = format!(
            "{}/{}",
            shown.trim_end_matches('/'),
            rel.to_string_lossy().replace('\\', "/")
        );
        let read = std::fs::File::open(&path)
            .and_then(|f| f.metadata().map(|m| (f, m.len())))
            .map_err(|e| {
                Diagnostic::error(Code::Io, format!("cannot read this file: {e}")).at_path(&name)
            })
            .and_then(|(f, len)| super::read_capped(&name, f, len));
        match read {
            Ok(bytes) => out.push(Some(Found { shown: name, bytes })),
            Err(d) => {
                errors.push(d);
                out.push(None);
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn bad_zip(shown: &str, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(
        Code::ImportSyntax,
        format!("this is not a zip archive, or it is cut short: {e}"),
    )
    .at_path(shown)
    .with_help(
        "download the export again (LinkedIn: Settings → Data privacy → Get a copy of your data), or unzip it and pass the folder",
    )
}

fn find_in_zip(path: &Path, shown: &str) -> Result<Vec<Option<Found>>, Vec<Diagnostic>> {
    let file = std::fs::File::open(path).map_err(|e| {
        vec![Diagnostic::error(Code::Io, format!("cannot read {shown}: {e}")).at_path(shown)]
    })?;
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| vec![bad_zip(shown, e)])?;
    // (depth, index, name inside the archive) of the best candidate.
    let mut best: Vec<Option<(usize, usize, String)>> = vec![None; SPECS.len()];
    for index in 0..zip.len() {
        let entry = zip
            .by_index_data(index)
            .map_err(|e| vec![bad_zip(shown, e)])?;
        // An entry whose path leaves the archive (`..`, absolute) is never read.
        let Some(inner) = entry.enclosed_name() else {
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let inner = inner.to_string_lossy().replace('\\', "/");
        let base = inner.rsplit('/').next().unwrap_or(&inner);
        let Some(i) = spec_of(base) else { continue };
        let depth = inner.matches('/').count();
        if best[i].as_ref().is_none_or(|(d, ..)| depth < *d) {
            best[i] = Some((depth, index, inner));
        }
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for b in best {
        let Some((_, index, inner)) = b else {
            out.push(None);
            continue;
        };
        let name = format!("{shown}/{inner}");
        let read = match zip.by_index(index) {
            Ok(f) => {
                let declared = f.size();
                super::read_capped(&name, f, declared)
            }
            Err(e) => Err(bad_zip(&name, e)),
        };
        match read {
            Ok(bytes) => out.push(Some(Found { shown: name, bytes })),
            Err(mut d) => {
                // A read that fails midway is a damaged archive, not an I/O
                // problem of this machine.
                if d.code == Code::Io {
                    d = bad_zip(
                        &name,
                        d.message.trim_start_matches("cannot read this file: "),
                    );
                }
                errors.push(d);
                out.push(None);
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A CSV file read: its text, where each column is, and its rows.
struct Table {
    shown: String,
    /// The file's own name, for date comments: `Positions.csv`.
    file: &'static str,
    text: String,
    /// The columns of `Spec::required` and `Spec::optional` that it has.
    cols: Vec<(&'static str, usize)>,
    /// Each row after the header: its line and its fields.
    rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// A row's value of a column, trimmed; empty when the column or the
    /// field is missing.
    fn get<'r>(&self, row: &'r [String], col: &str) -> &'r str {
        self.cols
            .iter()
            .find(|(c, _)| *c == col)
            .and_then(|(_, i)| row.get(*i))
            .map_or("", |s| s.trim())
    }

    /// An error or warning at a row, pointing at a field's text when it can.
    fn at(&self, d: Diagnostic, line: usize, value: &str) -> Diagnostic {
        let col = self
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .and_then(|l| {
                let b = (!value.is_empty()).then(|| l.find(value)).flatten()?;
                Some(l[..b].chars().count())
            })
            .map_or(1, |chars| chars + 1);
        d.at(&self.shown, &self.text, line, col)
    }
}

fn names(cols: &[&str]) -> String {
    cols.iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a CSV file of the export: UTF-8 (a BOM and CRLF are fine), with a
/// real CSV parser (quoted commas, doubled quotes, newlines in a field).
fn table(found: Found, spec: &Spec) -> Result<Table, Diagnostic> {
    let text = crate::model::source::decode(&found.shown, found.bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records: Vec<(usize, Vec<String>)> = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            Diagnostic::error(Code::ImportSyntax, format!("this CSV cannot be read: {e}")).at(
                &found.shown,
                &text,
                line,
                1,
            )
        })?;
        let line = rec.position().map_or(1, |p| p.line() as usize);
        records.push((line, rec.iter().map(str::to_string).collect()));
    }
    let known: Vec<&'static str> = spec.required.iter().chain(spec.optional).copied().collect();
    let is_known = |field: &str| known.iter().any(|k| k.eq_ignore_ascii_case(field.trim()));
    let header = records
        .iter()
        .take(HEADER_WITHIN)
        .position(|(_, fields)| fields.iter().any(|f| is_known(f)));
    let semicolons = |fields: &[String]| {
        if fields.len() == 1 && fields[0].contains(';') {
            " (the file has `;` between its columns: save it again as CSV with commas)"
        } else {
            ""
        }
    };
    let Some(h) = header else {
        let (line, fields) = records.first().cloned().unwrap_or((1, Vec::new()));
        let cells: Vec<&str> = fields.iter().map(|f| f.trim()).collect();
        return Err(Diagnostic::error(
            Code::ImportSchema,
            format!(
                "no header row with the columns {}; the first line has {}",
                names(spec.required),
                if cells.is_empty() {
                    "nothing".to_string()
                } else {
                    names(&cells)
                }
            ),
        )
        .at(&found.shown, &text, line, 1)
        .with_help(format!(
            "this should be LinkedIn's {}, whose first line names its columns{}",
            spec.file,
            semicolons(&fields)
        )));
    };
    let (hline, hfields) = records[h].clone();
    let cols: Vec<(&'static str, usize)> = known
        .iter()
        .filter_map(|k| {
            hfields
                .iter()
                .position(|f| k.eq_ignore_ascii_case(f.trim()))
                .map(|i| (*k, i))
        })
        .collect();
    let missing: Vec<&str> = spec
        .required
        .iter()
        .filter(|r| !cols.iter().any(|(c, _)| c == *r))
        .copied()
        .collect();
    if !missing.is_empty() {
        let cells: Vec<&str> = hfields.iter().map(|f| f.trim()).collect();
        let what = if missing.len() == 1 {
            "column"
        } else {
            "columns"
        };
        return Err(Diagnostic::error(
            Code::ImportSchema,
            format!(
                "missing {what} {}: the header has {}",
                names(&missing),
                names(&cells)
            ),
        )
        .at(&found.shown, &text, hline, 1)
        .with_help(format!(
            "LinkedIn's {} has the columns {}; rename the column back, or download the export again{}",
            spec.file,
            names(spec.required),
            semicolons(&hfields)
        )));
    }
    let rows = records
        .into_iter()
        .skip(h + 1)
        .filter(|(_, f)| f.iter().any(|x| !x.trim().is_empty()))
        .collect();
    Ok(Table {
        shown: found.shown,
        file: spec.file,
        text,
        cols,
        rows,
    })
}

/// A row's date in a column: `Mar 2021`, `March 2021`, `2021`; empty is
/// none, and so is `Present` where `ongoing` allows it (an end).
fn date_in(
    t: &Table,
    row: &[String],
    line: usize,
    col: &str,
    ongoing: bool,
    errors: &mut Vec<Diagnostic>,
) -> Option<Said> {
    let v = t.get(row, col);
    if v.is_empty()
        || (ongoing && ["present", "current", "now"].contains(&v.to_lowercase().as_str()))
    {
        return None;
    }
    match month_year(v) {
        Some(p) => Some((p, v.to_string())),
        None => {
            errors.push(
                t.at(
                    Diagnostic::error(
                        Code::InvalidDate,
                        format!("{} {} is not a date", quoted(col), quoted(v)),
                    )
                    .with_help(format!(
                        "LinkedIn writes `Mar 2021`, `March 2021` or `2021`{}",
                        if ongoing {
                            ", and leaves it empty while it lasts"
                        } else {
                            ""
                        }
                    )),
                    line,
                    v,
                ),
            );
            None
        }
    }
}

/// A row's start and end, checked; `None` when the row cannot be imported
/// (its warning or error is recorded).
fn dated_row(
    t: &Table,
    plan: &mut Plan,
    errors: &mut Vec<Diagnostic>,
    row: &[String],
    line: usize,
    (start_col, end_col): (&str, Option<&str>),
    what: &str,
) -> Option<(Said, Option<Said>)> {
    let before = errors.len();
    let start = date_in(t, row, line, start_col, false, errors);
    let end = end_col.and_then(|c| date_in(t, row, line, c, true, errors));
    if errors.len() > before {
        return None;
    }
    let Some(start) = start else {
        plan.notes.push(t.at(
            Diagnostic::warning(
                Code::NotImported,
                format!("{what} has no {}: not imported", quoted(start_col)),
            )
            .with_help(format!(
                "a milestone needs the date it began: fill in {} (e.g. `Mar 2021`) and import again",
                quoted(start_col)
            )),
            line,
            "",
        ));
        return None;
    };
    if let Some((e, said)) = &end
        && e.last < start.0.first
    {
        errors.push(
            t.at(
                Diagnostic::error(
                    Code::ImportSchema,
                    format!(
                        "{what} ends ({}) before it starts ({})",
                        quoted(said),
                        quoted(&start.1)
                    ),
                )
                .with_help("swap the two dates, or fix the one that is wrong"),
                line,
                said,
            ),
        );
        return None;
    }
    Some((start, end))
}

fn positions(t: &Table, plan: &mut Plan, journal: &mut Journal, errors: &mut Vec<Diagnostic>) {
    for (line, row) in &t.rows {
        let (role, org) = (
            one_line(t.get(row, "Title")),
            one_line(t.get(row, "Company Name")),
        );
        let title = match (role.is_empty(), org.is_empty()) {
            (false, false) => format!("{role} at {org}"),
            (false, true) => role.clone(),
            (true, false) => org.clone(),
            (true, true) => {
                plan.notes.push(t.at(
                    Diagnostic::warning(
                        Code::NotImported,
                        "a position with neither `Title` nor `Company Name`: not imported",
                    ),
                    *line,
                    "",
                ));
                continue;
            }
        };
        let Some((start, end)) = dated_row(
            t,
            plan,
            errors,
            row,
            *line,
            ("Started On", Some("Finished On")),
            &title,
        ) else {
            continue;
        };
        let mut f = FrontMatter::new(&title);
        super::milestone_dates(&mut f, &start.0, &start.1, end.as_ref(), t.file);
        f.plain("type", "role", None)
            .opt("role", Some(&role))
            .opt("org", Some(&org));
        let body = bullets(t.get(row, "Description"));
        if let Err(e) = plan.add_milestone(
            journal,
            &title,
            start.0,
            super::who(Some(&role), Some(&org)),
            f.finish(&body),
            Label::ROLE,
        ) {
            errors.extend(e);
        }
    }
}

fn education(t: &Table, plan: &mut Plan, journal: &mut Journal, errors: &mut Vec<Diagnostic>) {
    for (line, row) in &t.rows {
        let (degree, school) = (
            one_line(t.get(row, "Degree Name")),
            one_line(t.get(row, "School Name")),
        );
        let title = match (degree.is_empty(), school.is_empty()) {
            (false, false) => format!("{degree}, {school}"),
            (false, true) => degree.clone(),
            (true, false) => school.clone(),
            (true, true) => {
                plan.notes.push(t.at(
                    Diagnostic::warning(
                        Code::NotImported,
                        "a school with neither `School Name` nor `Degree Name`: not imported",
                    ),
                    *line,
                    "",
                ));
                continue;
            }
        };
        let Some((start, end)) = dated_row(
            t,
            plan,
            errors,
            row,
            *line,
            ("Start Date", Some("End Date")),
            &title,
        ) else {
            continue;
        };
        let mut f = FrontMatter::new(&title);
        super::milestone_dates(&mut f, &start.0, &start.1, end.as_ref(), t.file);
        f.plain("type", "education", None)
            .opt("role", Some(&degree))
            .opt("org", Some(&school));
        let mut body = Vec::new();
        for col in ["Notes", "Activities"] {
            let v = bullets(t.get(row, col));
            if !v.is_empty() {
                body.push(if col == "Activities" {
                    format!("Activities: {v}")
                } else {
                    v
                });
            }
        }
        if let Err(e) = plan.add_milestone(
            journal,
            &title,
            start.0,
            super::who(Some(&degree), Some(&school)),
            f.finish(&body.join("\n\n")),
            Label::EDUCATION,
        ) {
            errors.extend(e);
        }
    }
}

fn certifications(t: &Table, plan: &mut Plan, journal: &mut Journal, errors: &mut Vec<Diagnostic>) {
    for (line, row) in &t.rows {
        let title = one_line(t.get(row, "Name"));
        if title.is_empty() {
            plan.notes.push(t.at(
                Diagnostic::warning(
                    Code::NotImported,
                    "a certification without a `Name`: not imported",
                ),
                *line,
                "",
            ));
            continue;
        }
        let Some((start, _)) = dated_row(t, plan, errors, row, *line, ("Started On", None), &title)
        else {
            continue;
        };
        let before = errors.len();
        let expires = date_in(t, row, *line, "Finished On", true, errors);
        if errors.len() > before {
            continue;
        }
        let mut f = FrontMatter::new(&title);
        super::milestone_dates(&mut f, &start.0, &start.1, None, t.file);
        f.plain("type", "certification", None)
            .opt("org", Some(&one_line(t.get(row, "Authority"))));
        let mut body = Vec::new();
        let url = t.get(row, "Url");
        if is_web_url(url) {
            body.push(format!("[The certificate]({url})"));
        } else if !url.is_empty() {
            plan.notes.push(t.at(
                Diagnostic::warning(
                    Code::LenientInput,
                    format!("{} is not a web address: left out", quoted(url)),
                ),
                *line,
                url,
            ));
        }
        if let Some((_, said)) = expires {
            body.push(format!("Valid until {said}."));
        }
        if let Err(e) = plan.add_milestone(
            journal,
            &title,
            start.0,
            None,
            f.finish(&body.join("\n\n")),
            Label::CERTIFICATION,
        ) {
            errors.extend(e);
        }
    }
}

/// The skills, trimmed, each once (ignoring case), in the file's order.
fn skills(t: &Table) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, row) in &t.rows {
        let name = one_line(t.get(row, "Name"));
        if !name.is_empty() && !out.iter().any(|s| s.to_lowercase() == name.to_lowercase()) {
            out.push(name);
        }
    }
    out
}

/// The plan for importing the export at `export` into the site at `root`.
pub(crate) fn plan(root: &Path, export: &Path) -> Result<Plan, Vec<Diagnostic>> {
    let shown = export.display().to_string();
    let found = find(export)?;
    if found.iter().all(Option::is_none) {
        return Err(vec![
            Diagnostic::error(
                Code::ImportSchema,
                format!(
                    "{shown} holds none of {}",
                    names(&SPECS.map(|s| s.file))
                ),
            )
            .at_path(&shown)
            .with_help(
                "pass LinkedIn's data export: the zip it e-mails (Basic_LinkedInDataExport_….zip), or the folder it unzips to",
            ),
        ]);
    }
    let mut tables: Vec<Option<Table>> = Vec::new();
    let mut errors = Vec::new();
    for (f, spec) in found.into_iter().zip(SPECS) {
        match f.map(|f| table(f, spec)) {
            Some(Ok(t)) => tables.push(Some(t)),
            Some(Err(d)) => {
                errors.push(d);
                tables.push(None);
            }
            None => tables.push(None),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut plan = Plan::new(&shown);
    let mut journal = Journal::read(root);
    let [pos, edu, cert, skill] = <[Option<Table>; 4]>::try_from(tables)
        .unwrap_or_else(|_| unreachable!("one table per spec"));
    if let Some(t) = &pos {
        positions(t, &mut plan, &mut journal, &mut errors);
    }
    if let Some(t) = &edu {
        education(t, &mut plan, &mut journal, &mut errors);
    }
    if let Some(t) = &cert {
        certifications(t, &mut plan, &mut journal, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(t) = &skill {
        let list = skills(t);
        if !list.is_empty() {
            let _ = writeln!(
                plan.printout,
                "# Skills from {}: name them in the `skills:` of the achievements that show them.",
                t.file
            );
            for s in list {
                let _ = writeln!(plan.printout, "- {s}");
            }
        }
    }
    let absent: Vec<&str> = [&pos, &edu, &cert, &skill]
        .iter()
        .zip(SPECS)
        .filter(|(t, _)| t.is_none())
        .map(|(_, s)| s.file)
        .collect();
    if !absent.is_empty() {
        plan.after = Some(format!("The export has no {}.", absent.join(", ")));
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(csv: &str, spec: &Spec) -> Result<Table, Diagnostic> {
        table(
            Found {
                shown: format!("export/{}", spec.file),
                bytes: csv.as_bytes().to_vec(),
            },
            spec,
        )
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_and_case_after_a_preamble() {
        let t = read(
            "Notes:\n\"Exported by LinkedIn\"\n\nfinished on,TITLE, Company Name ,Started On,Extra\n,Lead,\"Acme, Ltd\",Mar 2021,x\n",
            &POSITIONS,
        )
        .unwrap();
        assert_eq!(t.rows.len(), 1);
        let (line, row) = &t.rows[0];
        assert_eq!(*line, 5);
        assert_eq!(t.get(row, "Company Name"), "Acme, Ltd");
        assert_eq!(t.get(row, "Title"), "Lead");
        assert_eq!(t.get(row, "Finished On"), "");
        // An optional column that is not there reads as empty.
        assert_eq!(t.get(row, "Description"), "");
    }

    #[test]
    fn quoted_fields_may_hold_commas_quotes_and_newlines() {
        let t = read(
            "\u{feff}Company Name,Title,Description,Location,Started On,Finished On\r\nAcme,Engineer,\"Said \"\"hi\"\".\nThen left, later.\",Leeds,2018,Feb 2021\r\nBeta,Lead,,,Mar 2021,\r\n",
            &POSITIONS,
        )
        .unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            t.get(&t.rows[0].1, "Description"),
            "Said \"hi\".\nThen left, later."
        );
        // The next row starts on the line after the field's newline.
        assert_eq!(t.rows[1].0, 4);
    }

    #[test]
    fn a_missing_column_names_the_file_and_the_columns_found() {
        let d = read(
            "Company Name,Title,Start Date,Finished On\nAcme,Lead,Mar 2021,\n",
            &POSITIONS,
        )
        .err()
        .unwrap();
        assert_eq!(d.code, Code::ImportSchema);
        assert_eq!(d.path.as_deref(), Some("export/Positions.csv"));
        assert_eq!(d.line, 1);
        assert_eq!(
            d.message,
            "missing column `Started On`: the header has `Company Name`, `Title`, `Start Date`, `Finished On`"
        );
        let d = read("Name;Level\nRust;5\n", &SKILLS).err().unwrap();
        assert!(d.message.starts_with("no header row"), "{}", d.message);
        assert!(d.help.unwrap().contains("`;`"));
    }

    #[test]
    fn non_utf8_is_an_error_at_its_line() {
        let d = table(
            Found {
                shown: "export/Positions.csv".into(),
                bytes: b"Company Name,Title,Started On,Finished On\nCaf\xe9 Ltd,Lead,2020,\n"
                    .to_vec(),
            },
            &POSITIONS,
        )
        .err()
        .unwrap();
        assert_eq!(d.code, Code::NotUtf8);
        assert_eq!(d.line, 2);
    }

    #[test]
    fn skills_are_trimmed_and_kept_once() {
        let t = read("Name\n Rust \nrust\nPostgreSQL\n\n", &SKILLS).unwrap();
        assert_eq!(skills(&t), ["Rust", "PostgreSQL"]);
    }
}
