//! `waymark import ladder FILE`: a competency framework into the site's
//! `ladder.yaml` (or the file `ladder.file` names). An FT-shaped YAML file
//! is read with the ladder's own strict rules; a Monzo progression-framework
//! Markdown file is converted (topics become themes, criteria competencies
//! with the ids `<topic>-<level>-<n>`). What would be written is read back
//! as a ladder first; writing is the shared writer's, so an existing
//! `ladder.yaml` is never overwritten and the same file imported twice
//! writes nothing the second time.

use std::path::Path;

use super::{Label, Plan, read_input};
use crate::diag::Diagnostic;
use crate::model::ladder::{self, LADDER_FILE, Ladder, monzo, write};

const LADDER: Label = Label {
    one: "ladder",
    many: "ladders",
};

/// Reads `file` as a ladder: Monzo Markdown when it looks like one, else
/// FT-shaped YAML.
pub(crate) fn read_framework(file: &Path) -> Result<(Ladder, Vec<Diagnostic>), Vec<Diagnostic>> {
    let input = read_input(file).map_err(|d| vec![d])?;
    let markdown = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    if markdown || monzo::is_monzo(&input.text) {
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
        monzo::convert(&input.shown, &input.text, &generic)
    } else {
        ladder::parse(&input.shown, &input.text)
    }
}

/// What importing `file` into the site at `root` would write.
pub(crate) fn plan(root: &Path, file: &Path) -> Result<Plan, Vec<Diagnostic>> {
    let (ladder, notes) = read_framework(file)?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let dest = crate::pipeline::load_config(root, Some("http://localhost/"))
        .ok()
        .and_then(|c| c.ladder.file)
        .unwrap_or_else(|| LADDER_FILE.to_string());
    let text = write::to_yaml(&ladder, &name);
    // What is written must load: a converted framework that would not (two
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
    let mut plan = Plan::new(file.display().to_string());
    plan.notes = notes;
    let n = ladder.competencies.len();
    let mut after = format!(
        "{dest} has {}, {} and {n} compet{}.",
        crate::diag::plural(ladder.levels.len(), "level"),
        crate::diag::plural(ladder.themes.len(), "theme"),
        if n == 1 { "ency" } else { "encies" }
    );
    if let [.., below, above] = ladder.levels.as_slice() {
        after.push_str(&format!(
            " Next: say where you are in waymark.yaml, e.g. `ladder: {{ level: {}, target: {} }}`, and name what your achievements show with `evidence: [id]`.",
            below.id, above.id
        ));
    }
    plan.after = Some(after);
    plan.add_file(dest, text, LADDER);
    Ok(plan)
}
