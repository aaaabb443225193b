//! Rendering: Tera set up from the layered theme, template errors turned
//! into diagnostics that name the template file and line.

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::pages::theme::{Layered, Theme};

/// Compiled templates plus where each came from and their text, so an error
/// can show the template line it points at.
pub struct Renderer {
    tera: std::sync::Arc<tera::Tera>,
    partials: std::sync::Arc<Partials>,
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
                Code::TemplateSyntax
            } else {
                Code::TemplateRender
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
        _ => Diagnostic::error(Code::Template, error_chain(err)),
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
                    Code::TemplateMissing,
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
                let mut d = Diagnostic::error(Code::Template, message.clone());
                if let Some(missing) = message
                    .strip_prefix("Unknown template `")
                    .and_then(|m| m.strip_suffix('`'))
                {
                    d.code = Code::TemplateMissing;
                    d = d.with_help(suggest(missing));
                } else if let Some(filter) = message
                    .strip_prefix("Unknown filter `")
                    .and_then(|m| m.strip_suffix('`'))
                {
                    d.code = Code::TemplateUnknownFilter;
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
            match crate::model::source::decode(&layered.shown, layered.bytes.clone()) {
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
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        let partials = std::sync::Arc::new(Partials::default());
        let p = partials.clone();
        tera.register_function(
            "partial_cached",
            move |kwargs: tera::Kwargs, state: &tera::State| p.render(kwargs, state),
        );
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
        let tera = std::sync::Arc::new(tera);
        let _ = partials.tera.set(std::sync::Arc::downgrade(&tera));
        Ok(Renderer {
            tera,
            partials,
            shown,
            texts,
        })
    }

    /// Renders `template` with a typed context onto the end of `out`: what
    /// a page becomes on disk, without a check that Tera's output is UTF-8
    /// (it is: templates and values are text), into a buffer the caller can
    /// keep from page to page.
    pub(crate) fn render_to<T: serde::Serialize>(
        &self,
        template: &str,
        ctx: &T,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        let context = Self::context(ctx)?;
        PARTIAL_ERROR.with(|e| e.borrow_mut().take());
        self.tera.render_to(template, &context, out).map_err(|e| {
            // An error inside a cached partial is shown at its own
            // place, not at the call.
            match PARTIAL_ERROR.with(|p| p.borrow_mut().take()) {
                Some(inner) => self.diagnose(template, &inner),
                None => self.diagnose(template, &e),
            }
        })
    }

    /// How many times `partial_cached` rendered a template, and how many
    /// times it reused one, since the templates were compiled.
    /// Where template `name` comes from, as errors name it
    /// (`templates/card.svg`, `(default theme) templates/card.svg`).
    pub(crate) fn shown(&self, name: &str) -> String {
        self.shown
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    pub(crate) fn partial_counts(&self) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (
            self.partials.rendered.load(Relaxed),
            self.partials.reused.load(Relaxed),
        )
    }

    /// Builds a template context from a typed one.
    fn context<T: serde::Serialize>(ctx: &T) -> Result<tera::Context, Diagnostic> {
        tera::Context::from_serialize(ctx).map_err(|e| {
            Diagnostic::error(Code::Template, format!("cannot build the context: {e}"))
        })
    }

    /// A rendering error, with the template's file and line.
    fn diagnose(&self, template: &str, e: &tera::Error) -> Diagnostic {
        let text = error_template(e).and_then(|n| self.texts.get(n).map(String::as_str));
        let mut d = with_source_line(template_diag(e, &|n| self.shown.get(n).cloned()), text);
        d.message = format!("{} (while rendering {template})", d.message);
        d
    }
}

/// `partial_cached(template="partials/x.html", name=value, …)`: renders the
/// template with `site` and the named values as its only variables, once
/// for each different set of values, and reuses the HTML after that (what
/// Hugo's `partialCached` does). Entries and other maps or lists count as
/// the same value when they are the same object — an entry's view is one
/// object everywhere it appears — so an achievement's card is rendered once
/// however many pages show it.
struct Partials {
    /// The Tera instance this function belongs to (set once it is built).
    tera: std::sync::OnceLock<std::sync::Weak<tera::Tera>>,
    cache: std::sync::Mutex<PartialCache>,
    /// [`PARTIAL_CACHE_BYTES`], smaller in tests.
    limit: std::sync::atomic::AtomicUsize,
    rendered: std::sync::atomic::AtomicUsize,
    reused: std::sync::atomic::AtomicUsize,
}

impl Default for Partials {
    fn default() -> Self {
        Partials {
            tera: Default::default(),
            cache: Default::default(),
            limit: std::sync::atomic::AtomicUsize::new(PARTIAL_CACHE_BYTES),
            rendered: Default::default(),
            reused: Default::default(),
        }
    }
}

#[derive(Default)]
struct PartialCache {
    /// The `site` value the cached HTML was rendered with, held like the
    /// arguments; another site (serve's next generation) starts the cache
    /// afresh.
    site: Option<tera::Value>,
    /// Per key: the rendered HTML, and the arguments it was rendered from,
    /// held so no other value can take their addresses while cached.
    html: rustc_hash::FxHashMap<String, (tera::Value, Vec<tera::Value>)>,
    /// The size of the keys and HTML held, against [`PARTIAL_CACHE_BYTES`].
    bytes: usize,
}

/// How much HTML `partial_cached` keeps before it starts afresh: room for
/// every achievement card of a journal several times the 10,000-entry
/// benchmark (about 10 MB there), and a bound for templates whose arguments
/// are never the same twice.
const PARTIAL_CACHE_BYTES: usize = 64 << 20;

thread_local! {
    static PARTIAL_BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
    /// The error a cached partial stopped on, for the page's diagnostic: a
    /// function's error reaches Tera only as text, without its place.
    static PARTIAL_ERROR: std::cell::RefCell<Option<tera::Error>> =
        const { std::cell::RefCell::new(None) };
}

/// The address of a map's or list's contents (shared by every copy of the
/// value), else 0.
fn address(v: &tera::Value) -> usize {
    if let Some(m) = v.as_map() {
        m as *const _ as *const u8 as usize
    } else if let Some(a) = v.as_array() {
        a.as_ptr() as usize
    } else {
        0
    }
}

impl Partials {
    fn render(&self, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<tera::Value> {
        let template: String = kwargs.must_get::<&str>("template")?.to_string();
        let site: Option<tera::Value> = state.get::<tera::Value>("site")?;
        let site_at = site.as_ref().map(address).unwrap_or(0);
        let mut args: Vec<(String, tera::Value)> = kwargs
            .iter()
            .filter_map(|(k, v)| {
                let k = k.as_str()?;
                (k != "template").then(|| (k.to_string(), v.clone()))
            })
            .collect();
        args.sort_by(|a, b| a.0.cmp(&b.0));
        let mut key = format!("{}:{template}", template.len());
        for (name, v) in &args {
            use std::fmt::Write;
            let at = address(v);
            let _ = if at != 0 {
                write!(key, "|{}:{name}=@{at:x}", name.len())
            } else {
                let shown = v.to_string();
                // Text marked safe prints differently from the same text
                // unmarked: they are different arguments.
                let kind = if v.as_str().is_some() && v.is_safe() {
                    "safe-string"
                } else {
                    v.name()
                };
                write!(key, "|{}:{name}={kind}:{}:{shown}", name.len(), shown.len())
            };
        }
        {
            let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            if cache.site.as_ref().map(address).unwrap_or(0) == site_at
                && let Some((html, _)) = cache.html.get(&key)
            {
                self.reused
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                return Ok(html.clone());
            }
        }
        let tera = self
            .tera
            .get()
            .and_then(std::sync::Weak::upgrade)
            .ok_or_else(|| tera::Error::message("partial_cached: templates are not ready"))?;
        if !tera.get_template_names().any(|n| n == template) {
            // Reported at the call, which is where the name is wrong.
            let names: Vec<&str> = tera.get_template_names().collect();
            let hint = match crate::diag::nearest(&template, names.iter().copied()) {
                Some(n) => format!(": did you mean `{n}`?"),
                None => String::new(),
            };
            return Err(tera::Error::message(format!(
                "partial_cached: there is no template `{template}`{hint}"
            )));
        }
        let mut ctx = tera::Context::new();
        if let Some(site) = &site {
            ctx.insert_value("site", site.clone());
        }
        for (name, v) in &args {
            ctx.insert_value(name.clone(), v.clone());
        }
        self.rendered
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // Rendered into a buffer the thread keeps (taken, not borrowed:
        // the partial may call partial_cached in turn).
        let mut buf = PARTIAL_BUFFER.take();
        buf.clear();
        let rendered = tera.render_to(&template, &ctx, &mut buf);
        let html = rendered.map(|()| tera::Value::safe_string(&String::from_utf8_lossy(&buf)));
        PARTIAL_BUFFER.set(buf);
        let html = match html {
            Ok(html) => html,
            Err(e) => {
                let message = e.to_string();
                // The innermost error is the one to show (partials may nest).
                PARTIAL_ERROR.with(|p| {
                    p.borrow_mut().get_or_insert(e);
                });
                return Err(tera::Error::message(message));
            }
        };
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        // Another site, or a cache grown past its bound (a list or map made
        // in the template is a new argument on every call and would never
        // be reused): start afresh. Dropping entries is always safe.
        if cache.site.as_ref().map(address).unwrap_or(0) != site_at
            || cache.bytes > self.limit.load(std::sync::atomic::Ordering::Relaxed)
        {
            cache.html.clear();
            cache.bytes = 0;
            cache.site = site;
        }
        let pins = args.into_iter().map(|(_, v)| v).collect();
        cache.bytes += key.len() + html.as_str().map_or(0, str::len);
        cache.html.insert(key, (html.clone(), pins));
        Ok(html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::theme::{Layered, Theme};

    fn renderer(templates: &[(&str, &str)]) -> Renderer {
        let templates = templates
            .iter()
            .map(|(n, t)| {
                let layered = Layered {
                    bytes: t.as_bytes().to_vec(),
                    shown: format!("templates/{n}"),
                };
                (n.to_string(), layered)
            })
            .collect();
        let theme = Theme {
            templates,
            ..Default::default()
        };
        Renderer::new(&theme).unwrap_or_else(|d| panic!("{d:?}"))
    }

    fn map(pairs: &[(&'static str, &str)]) -> tera::Value {
        let m: std::collections::BTreeMap<&str, &str> = pairs.iter().copied().collect();
        tera::Value::from_serializable(&m)
    }

    #[derive(serde::Serialize)]
    struct Ctx {
        site: tera::Value,
        items: Vec<tera::Value>,
    }

    fn render(r: &Renderer, template: &str, ctx: &Ctx) -> Result<String, Diagnostic> {
        let mut out = Vec::new();
        r.render_to(template, ctx, &mut out)
            .map(|()| String::from_utf8(out).expect("utf-8"))
    }

    const CARD: &str = "<{{ h }}>{{ a.title }} · {{ site.title }}</{{ h }}>";

    #[test]
    fn one_object_is_rendered_once_and_reused() {
        let r = renderer(&[
            ("card.html", CARD),
            (
                "list.html",
                r#"{% for a in items %}{{ partial_cached(template="card.html", a=a, h="h3") }}{% endfor %}|{% for a in items %}{{ partial_cached(template="card.html", a=a, h="h4") }}{% endfor %}"#,
            ),
        ]);
        let x = map(&[("title", "X & Y")]);
        // The same content as another object: rendered for itself.
        let twin = map(&[("title", "X & Y")]);
        let ctx = Ctx {
            site: map(&[("title", "Site")]),
            items: vec![x.clone(), x.clone(), twin, x],
        };
        let html = render(&r, "list.html", &ctx).unwrap();
        let h3 = "<h3>X &amp; Y · Site</h3>";
        let h4 = "<h4>X &amp; Y · Site</h4>";
        assert_eq!(html, format!("{}|{}", h3.repeat(4), h4.repeat(4)));
        // Per heading: x once, its twin once; the other four uses reused.
        assert_eq!(r.partial_counts(), (4, 4));
        // A second page reuses them all.
        render(&r, "list.html", &ctx).unwrap();
        assert_eq!(r.partial_counts(), (4, 12));
    }

    #[test]
    fn the_same_html_as_an_include() {
        let r = renderer(&[
            ("card.html", CARD),
            (
                "a.html",
                r#"{% set h = "h2" %}{% for a in items %}{% include "card.html" %}{% endfor %}"#,
            ),
            (
                "b.html",
                r#"{% for a in items %}{{ partial_cached(template="card.html", a=a, h="h2") }}{% endfor %}"#,
            ),
        ]);
        let ctx = Ctx {
            site: map(&[("title", "<Site>")]),
            items: vec![map(&[("title", "One")]), map(&[("title", "\"Two\"")])],
        };
        let a = render(&r, "a.html", &ctx).unwrap();
        assert_eq!(a, render(&r, "b.html", &ctx).unwrap());
        assert!(a.contains("&lt;Site&gt;"), "{a}");
    }

    #[test]
    fn a_new_site_is_never_served_old_html() {
        let r = renderer(&[
            ("card.html", CARD),
            (
                "one.html",
                r#"{{ partial_cached(template="card.html", a=items[0], h="p") }}"#,
            ),
        ]);
        let entry = map(&[("title", "E")]);
        for title in ["First", "Second", "First"] {
            // A new site value each time, as serve makes for each change.
            let ctx = Ctx {
                site: map(&[("title", title)]),
                items: vec![entry.clone()],
            };
            assert_eq!(
                render(&r, "one.html", &ctx).unwrap(),
                format!("<p>E · {title}</p>")
            );
        }
        assert_eq!(r.partial_counts(), (3, 0));
    }

    #[test]
    fn safe_and_plain_text_are_different_arguments() {
        let r = renderer(&[
            ("show.html", "{{ x }}"),
            (
                "page.html",
                r#"{% set s = "<b>hi</b>" %}{{ partial_cached(template="show.html", x=s | safe) }}|{{ partial_cached(template="show.html", x=s) }}"#,
            ),
        ]);
        let ctx = Ctx {
            site: map(&[("title", "S")]),
            items: vec![],
        };
        let html = render(&r, "page.html", &ctx).unwrap();
        let (safe, plain) = html.split_once('|').unwrap();
        assert_eq!(safe, "<b>hi</b>");
        assert!(plain.starts_with("&lt;b&gt;hi"), "{html}");
    }

    #[test]
    fn arguments_never_seen_twice_do_not_pile_up() {
        let r = renderer(&[
            ("show.html", "{{ o | length }}"),
            (
                "page.html",
                r#"{% for a in items %}{{ partial_cached(template="show.html", o=[a.title]) }}{% endfor %}"#,
            ),
        ]);
        r.partials
            .limit
            .store(4096, std::sync::atomic::Ordering::Relaxed);
        let items = (0..10).map(|_| map(&[("title", "E")])).collect();
        let ctx = Ctx {
            site: map(&[("title", "S")]),
            items,
        };
        for _ in 0..100 {
            assert_eq!(render(&r, "page.html", &ctx).unwrap(), "1".repeat(10));
        }
        // A list made in the template is new on every call: never reused,
        // and the cache starts afresh instead of holding every one.
        assert_eq!(r.partial_counts(), (1000, 0));
        let cache = r.partials.cache.lock().unwrap();
        assert!(cache.bytes <= 4096 + 200, "{}", cache.bytes);
        assert!(cache.html.len() < 100, "{}", cache.html.len());
    }

    #[test]
    fn an_error_inside_is_shown_where_it_is() {
        let r = renderer(&[
            ("card.html", "<p>\n{{ a.nope.deeper }}</p>"),
            (
                "page.html",
                r#"{{ partial_cached(template="card.html", a=items[0]) }}"#,
            ),
            (
                "typo.html",
                r#"{{ partial_cached(template="crad.html", a=items[0]) }}"#,
            ),
        ]);
        let ctx = Ctx {
            site: map(&[("title", "S")]),
            items: vec![map(&[("title", "E")])],
        };
        let d = render(&r, "page.html", &ctx).unwrap_err();
        assert_eq!(d.path.as_deref(), Some("templates/card.html"), "{d:?}");
        assert_eq!(d.line, 2, "{d:?}");
        assert!(d.message.contains("nope"), "{d:?}");
        assert!(d.message.contains("while rendering page.html"), "{d:?}");
        // A wrong name is shown at the call, with the likely one.
        let d = render(&r, "typo.html", &ctx).unwrap_err();
        assert_eq!(d.path.as_deref(), Some("templates/typo.html"), "{d:?}");
        assert!(d.message.contains("did you mean `card.html`"), "{d:?}");
        // The error does not stick to the next page rendered.
        let ok = renderer(&[("card.html", CARD), ("plain.html", "fine")]);
        assert_eq!(render(&ok, "plain.html", &ctx).unwrap(), "fine");
    }
}
