//! Rendering: Tera set up from the layered theme, template errors turned
//! into diagnostics that name the template file and line.

use crate::diag::Diagnostic;
use crate::theme::{Layered, Theme};

/// Compiled templates plus where each came from.
pub struct Renderer {
    tera: tera::Tera,
    shown: std::collections::BTreeMap<String, String>,
}

fn template_diag(err: &tera::Error, shown_for: &dyn Fn(&str) -> Option<String>) -> Diagnostic {
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
            match std::str::from_utf8(&layered.bytes) {
                Ok(s) => sources.push((name, s.replace("\r\n", "\n"), layered)),
                Err(_) => errors.push(
                    Diagnostic::error("not-utf8", "this template is not UTF-8 text")
                        .at_path(&layered.shown),
                ),
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
        // Parse each alone first, so every syntax error is reported.
        for (name, src, _) in &sources {
            let mut probe = tera::Tera::new();
            if let Err(e) = probe.add_raw_template(name, src)
                && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
            {
                let mut d = template_diag(&e, &shown_for);
                d.source_line = src.lines().nth(d.line - 1).map(str::to_owned);
                errors.push(d);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, s, _)| (*n, s.as_str()))) {
            let mut d = template_diag(&e, &shown_for);
            if let Some(src) = d.path.as_ref().and_then(|_| {
                sources
                    .iter()
                    .find(|(_, _, l)| Some(&l.shown) == d.path.as_ref())
                    .map(|(n, _, _)| *n)
            }) {
                d.source_line =
                    text_of(src).and_then(|t| t.lines().nth(d.line.max(1) - 1).map(str::to_owned));
            }
            return Err(vec![d]);
        }
        Ok(Renderer { tera, shown })
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `template` with a typed context.
    pub fn render<T: serde::Serialize>(
        &self,
        template: &str,
        ctx: &T,
    ) -> Result<String, Diagnostic> {
        let context = tera::Context::from_serialize(ctx)
            .map_err(|e| Diagnostic::error("template", format!("cannot build the context: {e}")))?;
        self.tera.render(template, &context).map_err(|e| {
            let mut d = template_diag(&e, &|n| self.shown.get(n).cloned());
            d.message = format!("{} (while rendering {template})", d.message);
            d
        })
    }
}
