//! Themes: the default theme embedded in the binary, a site's local theme
//! under `themes/<name>/`, and the site's own `templates/` and `static/`,
//! layered so that later layers replace earlier ones by name.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::Code;
use crate::diag::{Diagnostic, nearest};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $name)) as &[u8])),*]
    };
}

/// Every file of `themes/default/`, embedded. A unit test keeps this table
/// and the folder in step.
pub(crate) const DEFAULT_THEME: &[(&str, &[u8])] = embedded![
    "templates/base.html",
    "templates/layout.html",
    "templates/index.html",
    "templates/achievements.html",
    "templates/achievement.html",
    "templates/goals.html",
    "templates/goal.html",
    "templates/reflections.html",
    "templates/reflection.html",
    "templates/journey.html",
    "templates/skills.html",
    "templates/skill.html",
    "templates/tags.html",
    "templates/tag.html",
    "templates/share.html",
    "templates/document.html",
    "templates/packet.html",
    "templates/review.html",
    "templates/cv.html",
    "templates/ladder.html",
    "templates/competency.html",
    "templates/sealed.html",
    "templates/search.html",
    "templates/page.html",
    "templates/404.html",
    "templates/partials/achievement_card.html",
    "templates/partials/brand.html",
    "templates/partials/brief_item.html",
    "templates/partials/content.html",
    "templates/partials/doc_goals.html",
    "templates/partials/footer.html",
    "templates/partials/goal_card.html",
    "templates/partials/log_years.html",
    "templates/partials/progress.html",
    "templates/partials/story.html",
    "templates/card.svg",
    "static/style.css",
    "static/favicon.svg",
];

#[derive(Debug, Clone)]
pub(crate) struct Layered {
    pub(crate) bytes: Vec<u8>,
    /// Site-relative path for display (`templates/index.html`), or
    /// `(default theme) templates/index.html`.
    pub(crate) shown: String,
}

/// All templates and static files after layering.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (`index.html`) → source.
    pub(crate) templates: BTreeMap<String, Layered>,
    /// Output path (`style.css`) → file.
    pub(crate) statics: BTreeMap<String, Layered>,
    /// Symbolic links that lead out of the site and were not followed.
    pub(crate) warnings: Vec<Diagnostic>,
}

fn read_dir_into(
    dir: &Path,
    root: &Path,
    into: &mut BTreeMap<String, Layered>,
    diags: &mut Vec<Diagnostic>,
) {
    let (walked, said) =
        crate::model::source::walk(root, dir, crate::model::source::Place::Public, |name| {
            !crate::model::source::is_editor_litter(name)
        });
    diags.extend(said);
    for entry in walked {
        if !entry.file_type().is_file() {
            continue;
        }
        if !entry.path().starts_with(dir) {
            continue;
        }
        let key = crate::model::source::shown_path(dir, entry.path());
        let shown = crate::model::source::shown_path(root, entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                into.insert(key, Layered { bytes, shown });
            }
            Err(e) => {
                diags.push(Diagnostic::error(Code::Io, format!("cannot read: {e}")).at_path(shown))
            }
        }
    }
}

/// Loads the theme named in the config, layered over the embedded default,
/// with the site's `templates/` and `static/` on top.
pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut theme = Theme::default();
    let mut errors = Vec::new();
    for (path, bytes) in DEFAULT_THEME {
        let layered = Layered {
            bytes: bytes.to_vec(),
            shown: format!("(default theme) {path}"),
        };
        if let Some(t) = path.strip_prefix("templates/") {
            theme.templates.insert(t.to_string(), layered);
        } else if let Some(s) = path.strip_prefix("static/") {
            theme.statics.insert(s.to_string(), layered);
        }
    }
    let theme_dir = root.join("themes").join(name);
    if theme_dir.is_dir() {
        read_dir_into(
            &theme_dir.join("templates"),
            root,
            &mut theme.templates,
            &mut errors,
        );
        read_dir_into(
            &theme_dir.join("static"),
            root,
            &mut theme.statics,
            &mut errors,
        );
    } else if name != "default" {
        let mut available: Vec<String> = std::fs::read_dir(root.join("themes"))
            .map(|rd| {
                rd.flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        available.push("default".to_string());
        available.sort();
        let help = match nearest(name, available.iter().map(String::as_str)) {
            Some(n) => format!("did you mean '{n}'? themes here: {}", available.join(", ")),
            None => format!(
                "themes here: {} (a theme is a folder themes/<name>/ with templates/ and static/)",
                available.join(", ")
            ),
        };
        let text = std::fs::read_to_string(root.join(crate::model::config::CONFIG_FILE))
            .unwrap_or_default();
        let (line, col) = crate::model::frontmatter::key_position(&text, &["theme"])
            .map_or((1, 1), |p| (p.line, p.value_col));
        errors.push(
            Diagnostic::error(Code::UnknownTheme, format!("there is no theme `{name}`"))
                .at(crate::model::config::CONFIG_FILE, &text, line, col)
                .with_help(help),
        );
    }
    read_dir_into(
        &root.join("templates"),
        root,
        &mut theme.templates,
        &mut errors,
    );
    read_dir_into(&root.join("static"), root, &mut theme.statics, &mut errors);
    if errors.iter().any(Diagnostic::is_error) {
        Err(errors)
    } else {
        theme.warnings = errors;
        Ok(theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_matches_the_folder() {
        let on_disk = crate::model::source::files_under("themes/default");
        let mut embedded: Vec<String> = DEFAULT_THEME.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk, "update DEFAULT_THEME in src/theme.rs");
    }
}
