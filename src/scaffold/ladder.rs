//! `waymark import ladder FILE`: a competency framework into the site's
//! `ladder.yaml`. An FT-shaped YAML file is read with the ladder's own
//! strict rules; a Monzo progression-framework Markdown file is converted
//! (its topics become themes, its criteria competencies with the ids
//! `<topic>-<level>-<n>`). What is written is read back before it is
//! written. Never overwrites: the same file imported twice writes nothing
//! the second time; another ladder already there is an error.

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::model::ladder::{self, LADDER_FILE, Ladder, monzo, write};

/// The largest framework file read: FT's biggest is under 100 KB.
const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// What an import did, or would do.
#[derive(Debug)]
pub(crate) struct LadderImport {
    /// Where, relative to the site root.
    pub(crate) dest: String,
    pub(crate) outcome: Outcome,
    pub(crate) levels: usize,
    pub(crate) themes: usize,
    pub(crate) competencies: usize,
    /// The first and second level ids, for the config line to suggest.
    pub(crate) level_ids: Vec<String>,
    pub(crate) warnings: Vec<Diagnostic>,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Written,
    /// `--dry-run`: nothing was written.
    WouldWrite,
    /// The file there already holds exactly this ladder.
    AlreadyThere,
}

/// Reads `file` as a ladder (FT YAML or Monzo Markdown).
pub(crate) fn read_framework(file: &Path) -> Result<(Ladder, Vec<Diagnostic>), Vec<Diagnostic>> {
    let shown = file.display().to_string();
    let fail = |msg: String, help: &str| {
        vec![
            Diagnostic::error(Code::Io, msg)
                .at_path(&shown)
                .with_help(help),
        ]
    };
    let meta = std::fs::metadata(file).map_err(|e| {
        fail(
            format!("cannot read {shown}: {e}"),
            "give the path of the framework file",
        )
    })?;
    if !meta.is_file() {
        return Err(fail(
            format!("{shown} is not a file"),
            "give the path of the framework file",
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(fail(
            format!(
                "{shown} is {} MB: too large for a ladder",
                meta.len() / (1024 * 1024)
            ),
            "a framework file is a few hundred KB at most: is this the right file?",
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| {
        fail(
            format!("cannot read {shown}: {e}"),
            "check the file's permissions",
        )
    })?;
    let text = crate::model::source::decode(&shown, bytes).map_err(|d| vec![d])?;
    if monzo::is_monzo(&text) {
        let generic = [file.with_file_name("generic.md")]
            .into_iter()
            .chain(
                file.parent()
                    .and_then(Path::parent)
                    .map(|p| p.join("generic.md")),
            )
            .filter(|g| g != file)
            .find_map(|g| std::fs::read_to_string(g).ok())
            .map(|t| monzo::generic_titles(&t))
            .unwrap_or_default();
        monzo::convert(&shown, &text, &generic)
    } else {
        ladder::parse(&shown, &text)
    }
}

/// Imports `file` into the site at `root`: to the file `ladder.file`
/// names in the config, else `ladder.yaml`.
pub(crate) fn import_ladder(
    root: &Path,
    file: &Path,
    dest: Option<&str>,
    dry_run: bool,
) -> Result<LadderImport, Vec<Diagnostic>> {
    let (ladder, warnings) = read_framework(file)?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let text = write::to_yaml(&ladder, &name);
    let dest = dest.unwrap_or(LADDER_FILE).to_string();
    // What is written must load: a converted framework that does not (two
    // topics with one slug, say) is refused here, not at the next build.
    if let Err(errors) = ladder::parse(&dest, &text) {
        return Err(errors
            .into_iter()
            .map(|mut d| {
                d.message = format!(
                    "{name} converts into a ladder that does not load: {}",
                    d.message
                );
                d
            })
            .collect());
    }
    let path = root.join(&dest);
    let outcome = match std::fs::read_to_string(&path) {
        Ok(there) if there == text => Outcome::AlreadyThere,
        Ok(_) => {
            return Err(vec![
                Diagnostic::error(Code::AlreadyExists, format!("{dest} already exists"))
                    .at_path(&dest)
                    .with_help("waymark never overwrites a file: move it aside to import this framework, or pass `--dry-run` to see what would be written"),
            ]);
        }
        Err(_) if dry_run => Outcome::WouldWrite,
        Err(_) => {
            crate::scaffold::init::write_new(&path, &text).map_err(|e| {
                vec![
                    Diagnostic::error(Code::WriteFailed, format!("cannot write {dest}: {e}"))
                        .at_path(&dest),
                ]
            })?;
            Outcome::Written
        }
    };
    Ok(LadderImport {
        dest,
        outcome,
        levels: ladder.levels.len(),
        themes: ladder.themes.len(),
        competencies: ladder.competencies.len(),
        level_ids: ladder.levels.iter().map(|l| l.id.clone()).collect(),
        warnings,
    })
}

impl LadderImport {
    /// The summary line, and what to do next.
    pub(crate) fn report(&self) -> String {
        let what = format!(
            "{}, {}, {}",
            crate::diag::plural(self.levels, "level"),
            crate::diag::plural(self.themes, "theme"),
            match self.competencies {
                1 => "1 competency".to_string(),
                n => format!("{n} competencies"),
            },
        );
        let verb = match self.outcome {
            Outcome::Written => "Wrote",
            Outcome::WouldWrite => "Would write",
            Outcome::AlreadyThere => {
                return format!(
                    "{} already holds this ladder ({what}): nothing written",
                    self.dest
                );
            }
        };
        let mut out = format!("{verb} {} ({what})", self.dest);
        if self.outcome == Outcome::Written && self.level_ids.len() >= 2 {
            out.push_str(&format!(
                "\nNext: say where you are in waymark.yaml, e.g. `ladder: {{ level: {}, target: {} }}`, and name competencies on achievements with `evidence: [id]`",
                self.level_ids[self.level_ids.len() - 2],
                self.level_ids[self.level_ids.len() - 1],
            ));
        }
        out
    }
}
