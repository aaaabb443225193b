//! Diagnostics: every problem waymark finds in a site, with the place it was
//! found, collected so that one run reports all of them at once.

mod code;

pub use code::Code;

use std::fmt::Write as _;

/// How serious a diagnostic is. Errors fail the run; warnings never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// One problem, pointing at a file, line and column when it has one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    /// A short stable code such as `unknown-key`, for editors and CI.
    pub code: Code,
    /// Path relative to the site root, with forward slashes.
    pub path: Option<String>,
    /// 1-based line; 0 when the problem has no line.
    pub line: usize,
    /// 1-based column; 0 when the problem has no column.
    pub col: usize,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    /// The text of the offending line, shown under the location.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// What the problem names (a goal slug, an `@/` path), for code that
    /// must act on it: never read back out of the message.
    #[serde(skip)]
    pub(crate) about: Option<String>,
    /// The near miss `help` suggests (`title` for `titel`), for code that
    /// must know whether a key or slug was already pointed at.
    #[serde(skip)]
    pub(crate) suggestion: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: None,
            line: 0,
            col: 0,
            message: message.into(),
            help: None,
            source_line: None,
            about: None,
            suggestion: None,
        }
    }

    pub(crate) fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub(crate) fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Points at `line`:`col` (1-based) of `text`, keeping that line for display.
    pub(crate) fn at(
        mut self,
        path: impl Into<String>,
        text: &str,
        line: usize,
        col: usize,
    ) -> Self {
        self.path = Some(path.into());
        self.line = line.max(1);
        self.col = col.max(1);
        // An empty file, or the end of one, shows as an empty line.
        self.source_line = Some(
            text.lines()
                .nth(self.line - 1)
                .unwrap_or_default()
                .to_owned(),
        );
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Records the near miss the help suggests (see [`Diagnostic::suggestion`]).
    pub fn suggest(mut self, name: impl Into<String>) -> Self {
        self.suggestion = Some(name.into());
        self
    }

    /// [`Diagnostic::suggest`], when there is a near miss.
    pub(crate) fn with_suggestion(mut self, name: Option<&str>) -> Self {
        self.suggestion = name.map(str::to_string);
        self
    }

    /// Records what the problem names (see [`Diagnostic::about`]).
    pub(crate) fn about(mut self, subject: impl Into<String>) -> Self {
        self.about = Some(subject.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders in the style of rustc: message, location, source line with a
    /// caret, help.
    pub fn render(&self, color: bool) -> String {
        let (red, yellow, blue, bold, reset) = if color {
            (
                "\x1b[1;31m",
                "\x1b[1;33m",
                "\x1b[1;34m",
                "\x1b[1m",
                "\x1b[0m",
            )
        } else {
            ("", "", "", "", "")
        };
        let (label, tint) = match self.severity {
            Severity::Error => ("error", red),
            Severity::Warning => ("warning", yellow),
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{tint}{label}[{}]{reset}{bold}: {}{reset}",
            self.code, self.message
        );
        if let Some(path) = &self.path {
            if self.line > 0 {
                let _ = writeln!(out, "  {blue}-->{reset} {path}:{}:{}", self.line, self.col);
            } else {
                let _ = writeln!(out, "  {blue}-->{reset} {path}");
            }
        }
        if let Some(src) = &self.source_line {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            let shown = src.replace('\t', "    ");
            let caret_col = column_on_display(src, self.col);
            let _ = writeln!(out, "{pad} {blue}|{reset}");
            let _ = writeln!(out, "{blue}{num} |{reset} {shown}");
            let _ = writeln!(
                out,
                "{pad} {blue}|{reset} {}{tint}^{reset}",
                " ".repeat(caret_col)
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  {blue}= help:{reset} {help}");
        }
        out
    }
}

/// How many display cells precede 1-based `col` on `line`, with tabs shown as
/// four spaces, so the caret lands under the right character.
fn column_on_display(line: &str, col: usize) -> usize {
    line.chars()
        .take(col.saturating_sub(1))
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Sorts diagnostics for stable output: by path, line, column; those about
/// no file in particular come last, as a conclusion.
pub(crate) fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (
            a.path.is_none(),
            &a.path,
            a.line,
            a.col,
            a.severity,
            &a.message,
        )
            .cmp(&(
                b.path.is_none(),
                &b.path,
                b.line,
                b.col,
                b.severity,
                &b.message,
            ))
    });
}

/// The closing summary line, e.g. `error: 3 errors in 2 files`.
pub(crate) fn summary(diags: &[Diagnostic]) -> Option<String> {
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    let warnings = diags.len() - errors.len();
    if errors.is_empty() {
        return (warnings > 0).then(|| format!("warning: {} emitted", plural(warnings, "warning")));
    }
    let mut files: Vec<_> = errors.iter().filter_map(|d| d.path.as_deref()).collect();
    files.sort_unstable();
    files.dedup();
    let mut line = format!("error: {}", plural(errors.len(), "error"));
    if !files.is_empty() {
        let _ = write!(line, " in {}", plural(files.len(), "file"));
    }
    if warnings > 0 {
        let _ = write!(line, "; {}", plural(warnings, "warning"));
    }
    Some(line)
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The known word closest to `word`, if it is close enough to be a likely typo.
pub(crate) fn nearest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    known
        .into_iter()
        .map(|k| (levenshtein(word, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// 1-based line and column of byte offset `at` in `text`.
pub(crate) fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..at].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_and_ignores_strangers() {
        let known = ["title", "base_url", "description"];
        assert_eq!(nearest("base_ur", known), Some("base_url"));
        assert_eq!(nearest("baseurl", known), Some("base_url"));
        assert_eq!(nearest("titel", known), Some("title"));
        assert_eq!(nearest("zzzzzzzz", known), None);
    }

    #[test]
    fn line_col_counts_from_one() {
        let text = "a\nbcd\né";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 2));
        assert_eq!(line_col(text, text.len()), (3, 2));
    }

    #[test]
    fn render_shows_caret_under_column() {
        let d = Diagnostic::error(Code::UnknownKey, "unknown key `titel`")
            .at("content/a.md", "---\ntitel: x\n---", 2, 1)
            .with_help("did you mean `title`?");
        let out = d.render(false);
        assert!(out.contains("error[unknown-key]: unknown key `titel`"));
        assert!(out.contains("--> content/a.md:2:1"));
        assert!(out.contains("2 | titel: x"));
        assert!(out.contains("  |  ^") || out.contains("  | ^"));
        assert!(out.contains("= help: did you mean `title`?"));
    }
}
