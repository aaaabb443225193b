//! `waymark init`: a new site that builds at once — a commented config,
//! sample entries of every kind, a `.gitignore` that keeps private entries
//! and output out of git, and a GitHub Actions workflow that publishes to
//! Pages. The files live in `scaffold/`, embedded in the binary.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::model::starter::{PLACEHOLDER_HOST, SCAFFOLD, fill};

/// The name a scaffold file gets in the new site.
fn target_name(name: &str) -> String {
    if name == "gitignore" {
        ".gitignore".to_string()
    } else if let Some(rest) = name.strip_prefix("github/") {
        format!(".github/{rest}")
    } else {
        name.to_string()
    }
}

/// What `init` did.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Files written, relative to the new site's folder.
    pub(crate) written: Vec<String>,
    /// Files that were already there and were left alone (`--force`).
    pub(crate) kept: Vec<String>,
    /// Ignore rules appended to a `.gitignore` that was already there: a
    /// folder's own `.gitignore` must still keep private entries out of git.
    pub(crate) ignored_added: Vec<String>,
}

/// Appends to an existing `.gitignore` the rules of waymark's own that it
/// lacks; returns the rules added.
fn amend_gitignore(path: &Path, ours: &str) -> std::io::Result<Vec<String>> {
    let existing = std::fs::read_to_string(path)?;
    let has = |rule: &str| {
        let bare = rule.trim_start_matches('/').trim_end_matches('/');
        existing
            .lines()
            .map(str::trim)
            .any(|l| l.trim_start_matches('/').trim_end_matches('/') == bare)
    };
    let missing: Vec<String> = ours
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| !has(l))
        .map(str::to_owned)
        .collect();
    if !missing.is_empty() {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().append(true).open(path)?;
        let sep = if existing.is_empty() || existing.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        writeln!(
            f,
            "{sep}\n# Added by waymark init: build output, private entries and local secrets stay out of git.\n{}",
            missing.join("\n")
        )?;
    }
    Ok(missing)
}

/// Whether a folder holds nothing but dot-files (a fresh `git init`, say).
fn is_quasi_empty(dir: &Path) -> std::io::Result<bool> {
    if !dir.exists() {
        return Ok(true);
    }
    Ok(std::fs::read_dir(dir)?
        .flatten()
        .all(|e| e.file_name().to_string_lossy().starts_with('.')))
}

/// The placeholder base URL for a site in `dir`: GitHub project pages under
/// the folder's name.
fn placeholder_base_url(dir: &Path) -> String {
    let name = crate::model::source::normalize(dir)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = crate::model::markdown::slugify(&name);
    if slug.is_empty() || !slug.is_ascii() {
        format!("https://{PLACEHOLDER_HOST}/career/")
    } else {
        format!("https://{PLACEHOLDER_HOST}/{slug}/")
    }
}

/// Scaffolds a site in `dir`. Refuses a folder with anything but dot-files
/// in it unless `force`; never overwrites a file either way.
pub(crate) fn init(dir: &Path, force: bool, today: Date) -> Result<Report, Diagnostic> {
    let shown = dir.display().to_string();
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::error(
            Code::InitNotAFolder,
            format!("{shown} exists and is not a folder"),
        )
        .with_help("give `waymark init` the name of a new folder, e.g. `waymark init my-career`"));
    }
    let empty = is_quasi_empty(dir)
        .map_err(|e| Diagnostic::error(Code::Io, format!("cannot read {shown}: {e}")))?;
    if !empty && !force {
        return Err(Diagnostic::error(
            Code::InitNotEmpty,
            format!("{shown} is not empty"),
        )
        .with_help(
            "pick a new folder (`waymark init my-career`), or pass `--force` to add the missing files; waymark never overwrites a file",
        ));
    }
    let base_url = placeholder_base_url(dir);
    let mut report = Report::default();
    for (name, text) in SCAFFOLD {
        let rel = fill(&target_name(name), today, &base_url);
        let path = dir.join(&rel);
        if path.exists() || path.symlink_metadata().is_ok() {
            if rel == ".gitignore" && path.is_file() {
                report.ignored_added = amend_gitignore(&path, text).map_err(|e| {
                    Diagnostic::error(
                        Code::WriteFailed,
                        format!("cannot update {}: {e}", path.display()),
                    )
                })?;
            }
            report.kept.push(rel);
            continue;
        }
        write_new(&path, &fill(text, today, &base_url)).map_err(|e| {
            Diagnostic::error(
                Code::WriteFailed,
                format!("cannot write {}: {e}", path.display()),
            )
        })?;
        report.written.push(rel);
    }
    Ok(report)
}

/// Writes a new file (and its folder); never overwrites one.
pub(crate) fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(text.as_bytes())
}

/// The folder `init` works in: its argument, else `--root`, else here.
pub(crate) fn init_dir(arg: Option<PathBuf>, root: Option<PathBuf>) -> PathBuf {
    arg.or(root).unwrap_or_else(|| PathBuf::from("."))
}
