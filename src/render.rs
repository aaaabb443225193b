//! Rendering: Tera set up from the layered theme, template errors turned
//! into diagnostics that name the template file and line.

use crate::diag::Diagnostic;
use crate::theme::{Layered, Theme};

/// Compiled templates plus where each came from and their text, so an error
/// can show the template line it points at.
pub struct Renderer {
    tera: tera::Tera,
    shown: std::collections::BTreeMap<String, String>,
    texts: std::collections::BTreeMap<String, String>,
}

/// A Tera error as a diagnostic naming the template (as `shown_for` displays
/// its name), line and column. Callers that have the template's text fill
/// `source_line` with [`with_source_line`].
pub(crate) fn template_diag(
    err: &tera::Error,
    shown_for: &dyn Fn(&str) -> Option<String>,
) -> Diagnostic {
    match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let code = if matches!(err.kind(), tera::ErrorKind::SyntaxError(_)) {
                "template-syntax"
            } else {
                "template-render"
            };
            let span = report.span();
            let name = report.filename();
            let shown = shown_for(name).unwrap_or_else(|| name.to_string());
            let mut d = Diagnostic::error(code, report.message().to_string());
            d.path = Some(shown);
            d.line = span.start_line.max(1);
            d.col = span.start_col + 1;
            d.source_line = None;
            d
        }
        _ => Diagnostic::error("template", error_chain(err)),
    }
}

/// Fills a template diagnostic's source line from the template's text.
pub(crate) fn with_source_line(mut d: Diagnostic, text: Option<&str>) -> Diagnostic {
    let Some(text) = text.filter(|_| d.line > 0) else {
        return d;
    };
    match text.lines().nth(d.line - 1) {
        Some(line) => d.source_line = Some(line.to_owned()),
        // Past the end ("unexpected end of input"): point after the last line.
        None => {
            if let Some((i, last)) = text.lines().enumerate().last() {
                d.line = i + 1;
                d.col = last.chars().count() + 1;
                d.source_line = Some(last.to_owned());
            }
        }
    }
    if d.help.is_none() {
        d.help = template_help(&d);
    }
    d
}

/// Likely fixes for the template errors people run into most.
fn template_help(d: &Diagnostic) -> Option<String> {
    let m = &d.message;
    if m.contains("Unexpected end of input") {
        return Some("a `{% if %}`, `{% for %}`, `{% block %}` or `{{` is never closed".into());
    }
    if m.starts_with("Unknown tag") {
        return Some(
            "check the tag's name; if it ends a block, an `{% if %}` or `{% for %}` above may be missing its `{% endif %}` or `{% endfor %}`".into(),
        );
    }
    if m.contains("but expected }}") {
        return Some("close the expression with `}}`".into());
    }
    if m.contains("but expected %}") {
        return Some("close the tag with `%}`".into());
    }
    if m.contains("got `undefined`") {
        let line = d.source_line.as_deref()?;
        let name: String = line
            .chars()
            .skip(d.col.saturating_sub(1))
            .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.'))
            .collect();
        if !name.is_empty() {
            return Some(format!(
                "`{name}` is not defined here: test it first (`{{% if {name} %}}`) or give it a default (`{name} | default(value=\"\")`)"
            ));
        }
    }
    None
}

/// The template a Tera error is about, by its name in Tera.
fn error_template(err: &tera::Error) -> Option<&str> {
    match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r.filename()),
        _ => None,
    }
}

/// Errors found when templates are put together (an unknown filter, a
/// missing parent or include), one diagnostic each. Tera reports some of
/// them as text in its own rustc-like layout; the places are read back
/// from it so they print like every other diagnostic.
fn link_errors(
    err: &tera::Error,
    shown_for: &dyn Fn(&str) -> Option<String>,
    text_of: &dyn Fn(&str) -> Option<String>,
    names: &[&str],
) -> Vec<Diagnostic> {
    let located = |name: &str, line: usize, col: usize, d: Diagnostic| {
        let shown = shown_for(name).unwrap_or_else(|| name.to_string());
        match text_of(name) {
            Some(text) => d.at(shown, &text, line, col),
            None => d.at_path(shown),
        }
    };
    let suggest = |missing: &str| match crate::diag::nearest(missing, names.iter().copied()) {
        Some(n) => format!("did you mean `{n}`?"),
        None => "templates are looked up in the site's templates/, then the theme's".to_string(),
    };
    match err.kind() {
        tera::ErrorKind::MissingParent { current, parent } => {
            let (line, col) = text_of(current)
                .and_then(|t| {
                    let at = t
                        .find(&format!("\"{parent}\""))
                        .or_else(|| t.find(parent.as_str()))?;
                    Some(crate::diag::line_col(&t, at))
                })
                .unwrap_or((1, 1));
            vec![located(
                current,
                line,
                col,
                Diagnostic::error(
                    "template-missing",
                    format!("`{current}` extends `{parent}`, which does not exist"),
                )
                .with_help(suggest(parent)),
            )]
        }
        tera::ErrorKind::Msg(text) if text.contains("\n") && text.contains("--> ") => {
            let mut out = Vec::new();
            for report in text.split("\n\nerror: ") {
                let report = report.strip_prefix("error: ").unwrap_or(report);
                let mut lines = report.lines();
                let message = lines.next().unwrap_or_default().to_string();
                let place = lines.find_map(|l| l.trim_start().strip_prefix("--> "));
                let parsed = place.and_then(|p| {
                    let mut parts = p.rsplitn(3, ':');
                    let col = parts.next()?.parse().ok()?;
                    let line = parts.next()?.parse().ok()?;
                    Some((parts.next()?.to_string(), line, col))
                });
                let mut d = Diagnostic::error("template", message.clone());
                if let Some(missing) = message
                    .strip_prefix("Unknown template `")
                    .and_then(|m| m.strip_suffix('`'))
                {
                    d.code = "template-missing";
                    d = d.with_help(suggest(missing));
                } else if let Some(filter) = message
                    .strip_prefix("Unknown filter `")
                    .and_then(|m| m.strip_suffix('`'))
                {
                    d.code = "template-unknown-filter";
                    d.help = Some(
                        match crate::diag::nearest(filter, FILTERS.iter().copied()) {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => format!("the filters are: {}", FILTERS.join(", ")),
                        },
                    );
                }
                out.push(match parsed {
                    Some((name, line, col)) => located(&name, line, col, d),
                    None => d,
                });
            }
            out
        }
        _ => vec![with_source_line(
            template_diag(err, shown_for),
            error_template(err).and_then(text_of).as_deref(),
        )],
    }
}

/// Tera's built-in filters, for suggestions.
const FILTERS: &[&str] = &[
    "abs",
    "capitalize",
    "default",
    "escape",
    "escape_html",
    "escape_xml",
    "first",
    "float",
    "get",
    "group_by",
    "indent",
    "int",
    "join",
    "keys",
    "last",
    "length",
    "lower",
    "newlines_to_br",
    "nth",
    "pairs",
    "pluralize",
    "replace",
    "reverse",
    "round",
    "safe",
    "sort",
    "split",
    "str",
    "title",
    "trim",
    "trim_end",
    "trim_start",
    "truncate",
    "unique",
    "upper",
    "values",
    "wordcount",
];

fn error_chain(err: &dyn std::error::Error) -> String {
    let mut s = err.to_string();
    let mut cur = err.source();
    while let Some(e) = cur {
        s.push_str(": ");
        s.push_str(&e.to_string());
        cur = e.source();
    }
    s
}

impl Renderer {
    /// Compiles every template; reports every syntax error, each with the
    /// template's file and line.
    pub fn new(theme: &Theme) -> Result<Renderer, Vec<Diagnostic>> {
        let mut sources: Vec<(&str, String, &Layered)> = Vec::new();
        let mut errors = Vec::new();
        for (name, layered) in &theme.templates {
            match crate::source::decode(&layered.shown, layered.bytes.clone()) {
                Ok(s) => sources.push((name, s, layered)),
                Err(d) => errors.push(d),
            }
        }
        let shown: std::collections::BTreeMap<String, String> = sources
            .iter()
            .map(|(n, _, l)| (n.to_string(), l.shown.clone()))
            .collect();
        let text_of = |name: &str| {
            sources
                .iter()
                .find(|(n, _, _)| *n == name)
                .map(|(_, s, _)| s.as_str())
        };
        let shown_for = |name: &str| shown.get(name).cloned();
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let batch = if errors.is_empty() {
            tera.add_raw_templates(sources.iter().map(|(n, s, _)| (*n, s.as_str())))
        } else {
            Ok(())
        };
        // The common case parses every template once, together; only a
        // failure parses each alone again.
        if !errors.is_empty() || batch.is_err() {
            // Parse each alone, so every syntax error is reported, not
            // only the first that stopped the batch.
            for (name, src, _) in &sources {
                let mut probe = tera::Tera::new();
                if let Err(e) = probe.add_raw_template(name, src)
                    && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
                {
                    errors.push(with_source_line(template_diag(&e, &shown_for), Some(src)));
                }
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            if let Err(e) = batch {
                let names: Vec<&str> = sources.iter().map(|(n, _, _)| *n).collect();
                let owned_text = |name: &str| text_of(name).map(str::to_owned);
                return Err(link_errors(&e, &shown_for, &owned_text, &names));
            }
        }
        let texts = sources
            .iter()
            .map(|(n, s, _)| (n.to_string(), s.clone()))
            .collect();
        Ok(Renderer { tera, shown, texts })
    }

    /// Renders `template` with a typed context into bytes: what a page
    /// becomes on disk, without a check that Tera's output is UTF-8 (it
    /// is: templates and values are text) and with room for a whole page
    /// from the start.
    pub fn render_bytes<T: serde::Serialize>(
        &self,
        template: &str,
        ctx: &T,
    ) -> Result<Vec<u8>, Diagnostic> {
        let context = Self::context(ctx)?;
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &context, &mut out)
            .map_err(|e| self.diagnose(template, &e))?;
        Ok(out)
    }

    /// Builds a template context from a typed one.
    fn context<T: serde::Serialize>(ctx: &T) -> Result<tera::Context, Diagnostic> {
        tera::Context::from_serialize(ctx)
            .map_err(|e| Diagnostic::error("template", format!("cannot build the context: {e}")))
    }

    /// A rendering error, with the template's file and line.
    fn diagnose(&self, template: &str, e: &tera::Error) -> Diagnostic {
        let text = error_template(e).and_then(|n| self.texts.get(n).map(String::as_str));
        let mut d = with_source_line(template_diag(e, &|n| self.shown.get(n).cloned()), text);
        d.message = format!("{} (while rendering {template})", d.message);
        d
    }
}
