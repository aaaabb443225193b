//! Markdown: CommonMark plus tables, footnotes, strikethrough and task lists,
//! with heading anchors, `@/` links between entries, task-list counts and the
//! summary. Pure functions: text in, HTML and facts out.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// What an `@/` link names, as the site sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// The entry is published here.
    Url(String),
    /// The entry exists but is private or a draft: the link becomes plain text.
    Hidden,
    /// No entry has that path.
    Missing,
}

/// A problem with one `@/` link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkIssue {
    /// Byte offset of the link in the body.
    pub(crate) offset: usize,
    /// The path after `@/`, fragment removed.
    pub(crate) target: String,
    pub(crate) hidden: bool,
}

/// The result of rendering one body.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The HTML, made into the template value it becomes once (a text of
    /// its own, not escaped when printed with `| safe`): the entry's view
    /// and serve's caches share it instead of copying it.
    pub(crate) html: tera::Value,
    /// The first paragraph as plain text.
    pub(crate) summary_text: String,
    pub(crate) tasks_done: usize,
    pub(crate) tasks_total: usize,
    pub(crate) link_issues: Vec<LinkIssue>,
    /// Relative paths of images and links to files beside the entry.
    pub(crate) local_files: Vec<String>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Lowercase words joined by dashes; letters of any script are kept.
pub(crate) fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// The slug of a tag or skill. Symbols that tell skills apart are spelled
/// out (`C++` → `c-plus-plus`, `C#` → `c-sharp`), and a name with no letter
/// or digit at all (`🚀`) still gets a slug, from its code points.
pub(crate) fn term_slug(name: &str) -> String {
    let mut spelled = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            '+' => spelled.push_str(" plus "),
            '#' => spelled.push_str(" sharp "),
            '&' => spelled.push_str(" and "),
            '@' => spelled.push_str(" at "),
            c => spelled.push(c),
        }
    }
    let s = slugify(&spelled);
    if !s.is_empty() {
        return s;
    }
    let points: Vec<String> = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| format!("{:x}", c as u32))
        .collect();
    if points.is_empty() {
        String::new()
    } else {
        format!("u-{}", points.join("-"))
    }
}

fn is_local_file(dest: &str) -> bool {
    !(dest.is_empty()
        || dest.starts_with('#')
        || dest.starts_with('/')
        || dest.starts_with("@/")
        || dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:")
        || dest.starts_with("data:")
        || dest.starts_with("..")
        || dest.ends_with('/'))
}

/// Renders `body`; `resolve` answers for each `@/` path (without fragment).
pub fn render(body: &str, resolve: &dyn Fn(&str) -> LinkTarget) -> Rendered {
    let mut r = Renderer::new(resolve);
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        r.note(&event);
        r.keep(event, range.start);
    }
    r.finish(body.len())
}

/// How far the first paragraph, the summary, has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Summary {
    Before,
    Inside,
    Done,
}

/// One body on its way through: the facts gathered from its events, and the
/// events rewritten for the HTML. One pass over pulldown-cmark's events
/// does both, since a body is read once per build.
struct Renderer<'a, 'r> {
    resolve: &'r dyn Fn(&str) -> LinkTarget,
    out: Rendered,
    events: Vec<Event<'a>>,
    used_ids: Vec<String>,
    /// Heading being collected: index of its start event and its text.
    heading: Option<(usize, String)>,
    /// One per open link: whether it was turned into plain text, so its
    /// end tag goes too.
    dropped_links: Vec<bool>,
    summary: Summary,
    paragraph_depth: usize,
    /// Inside an HTML comment that an earlier line of an HTML block opened.
    in_comment: bool,
}

impl<'a, 'r> Renderer<'a, 'r> {
    fn new(resolve: &'r dyn Fn(&str) -> LinkTarget) -> Self {
        Renderer {
            resolve,
            out: Rendered {
                html: tera::Value::from(""),
                summary_text: String::new(),
                tasks_done: 0,
                tasks_total: 0,
                link_issues: Vec::new(),
                local_files: Vec::new(),
            },
            events: Vec::new(),
            used_ids: Vec::new(),
            heading: None,
            dropped_links: Vec::new(),
            summary: Summary::Before,
            paragraph_depth: 0,
            in_comment: false,
        }
    }

    /// The facts an event tells: task counts, the summary's text, the text
    /// of the heading being read.
    fn note(&mut self, event: &Event<'_>) {
        match event {
            Event::TaskListMarker(done) => {
                self.out.tasks_total += 1;
                self.out.tasks_done += usize::from(*done);
            }
            Event::Start(Tag::Paragraph) => {
                self.paragraph_depth += 1;
                if self.summary == Summary::Before && self.paragraph_depth == 1 {
                    self.summary = Summary::Inside;
                }
            }
            Event::End(TagEnd::Paragraph) => {
                self.paragraph_depth = self.paragraph_depth.saturating_sub(1);
                if self.summary == Summary::Inside && self.paragraph_depth == 0 {
                    self.summary = Summary::Done;
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if self.summary == Summary::Inside {
                    self.out.summary_text.push_str(t);
                }
                if let Some((_, text)) = self.heading.as_mut() {
                    text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak if self.summary == Summary::Inside => {
                self.out.summary_text.push(' ');
            }
            _ => {}
        }
    }

    /// Keeps `event` for the HTML, rewritten where waymark's Markdown
    /// differs from plain CommonMark. `offset` is where it starts in the body.
    fn keep(&mut self, event: Event<'a>, offset: usize) {
        match event {
            Event::TaskListMarker(done) => self.events.push(task_marker(done)),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.heading = Some((self.events.len(), String::new()));
                self.events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, text)) = self.heading.take() {
                    set_heading_id(&mut self.events[start], &text, &mut self.used_ids);
                }
                self.events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.link_start(link_type, dest_url, title, id, offset),
            Event::End(TagEnd::Link) => {
                if !self.dropped_links.pop().unwrap_or(false) {
                    self.events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if is_local_file(&dest_url) {
                    self.out.local_files.push(dest_url.to_string());
                }
                self.events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            // HTML comments are notes to the writer (the archetypes' prompts
            // are comments): they never reach the page, not even its source.
            Event::Html(t) if self.in_comment || t.contains("<!--") => {
                let kept = strip_comments(&t, &mut self.in_comment);
                if !kept.trim().is_empty() {
                    self.events.push(Event::Html(CowStr::from(kept)));
                }
            }
            Event::InlineHtml(t) if self.in_comment || t.contains("<!--") => {
                let kept = strip_comments(&t, &mut self.in_comment);
                if !kept.is_empty() {
                    self.events.push(Event::InlineHtml(CowStr::from(kept)));
                }
            }
            other => self.events.push(other),
        }
    }

    /// An `@/` link becomes the entry's URL, or plain text (and an issue)
    /// when the entry is hidden or missing; a link to a file beside the
    /// entry is noted so the file is copied.
    fn link_start(
        &mut self,
        link_type: pulldown_cmark::LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) {
        if let Some(target) = dest_url.strip_prefix("@/") {
            let (path, fragment) = split_fragment(target);
            match (self.resolve)(path) {
                LinkTarget::Url(url) => {
                    self.dropped_links.push(false);
                    self.events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(format!("{url}{fragment}")),
                        title,
                        id,
                    }));
                }
                other => {
                    self.out.link_issues.push(LinkIssue {
                        offset,
                        target: path.to_string(),
                        hidden: other == LinkTarget::Hidden,
                    });
                    self.dropped_links.push(true);
                }
            }
            return;
        }
        if is_local_file(&dest_url) {
            self.out
                .local_files
                .push(dest_url.split('#').next().unwrap_or("").to_string());
        }
        self.dropped_links.push(false);
        self.events.push(Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }));
    }

    /// The HTML, and the facts in their final form.
    fn finish(self, body_len: usize) -> Rendered {
        let Renderer {
            mut out, events, ..
        } = self;
        let events = drop_empty_sections(events);
        out.summary_text = collapse_spaces(&out.summary_text);
        out.local_files.sort();
        out.local_files.dedup();
        let mut html = String::with_capacity(body_len * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        out.html = tera::Value::from(html);
        out
    }
}

/// A labelled mark, not a disabled checkbox: a form control nobody can name
/// or use is an accessibility error.
fn task_marker(done: bool) -> Event<'static> {
    Event::InlineHtml(
        if done {
            "<span class=\"task task-done\" role=\"img\" aria-label=\"Done\"></span>\n"
        } else {
            "<span class=\"task\" role=\"img\" aria-label=\"To do\"></span>\n"
        }
        .into(),
    )
}

/// `goals/a.md#why` → (`goals/a.md`, `#why`).
fn split_fragment(target: &str) -> (&str, &str) {
    match target.find('#') {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    }
}

impl Rendered {
    /// The HTML as text.
    pub fn html(&self) -> &str {
        self.html.as_str().unwrap_or_default()
    }
}

/// `html` without its comments. A comment may open in one piece of an
/// HTML block and close in a later one: `in_comment` carries that over.
fn strip_comments(html: &str, in_comment: &mut bool) -> String {
    let mut kept = String::new();
    let mut rest = html;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(i) => {
                    *in_comment = false;
                    rest = &rest[i + 3..];
                }
                None => return kept,
            }
        } else {
            match rest.find("<!--") {
                Some(i) => {
                    kept.push_str(&rest[..i]);
                    *in_comment = true;
                    rest = &rest[i + 4..];
                }
                None => {
                    kept.push_str(rest);
                    return kept;
                }
            }
        }
    }
}

/// Leaves out each heading with nothing under it before the next heading
/// of its level or higher: an archetype's sections that were never filled
/// in (or hold only a comment) do not show as empty headings.
fn drop_empty_sections(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    // Each heading as (first event, last event, level).
    let mut headings: Vec<(usize, usize, pulldown_cmark::HeadingLevel)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::Heading { level, .. }) => headings.push((i, i, *level)),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = headings.last_mut() {
                    h.1 = i;
                }
            }
            _ => {}
        }
    }
    if headings.is_empty() {
        return events;
    }
    // How many events before each index are content (not a heading, not
    // blank raw HTML).
    let mut content_before = Vec::with_capacity(events.len() + 1);
    content_before.push(0usize);
    let mut in_heading = false;
    for e in &events {
        let content = match e {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                false
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                false
            }
            _ if in_heading => false,
            Event::Html(t) | Event::InlineHtml(t) => !t.trim().is_empty(),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => false,
            _ => true,
        };
        content_before.push(content_before.last().copied().unwrap_or(0) + usize::from(content));
    }
    let mut dropped = vec![false; events.len()];
    let mut any = false;
    for (n, &(start, end, level)) in headings.iter().enumerate() {
        let until = headings[n + 1..]
            .iter()
            .find(|h| h.2 <= level)
            .map_or(events.len(), |h| h.0);
        if content_before[until] == content_before[end + 1] {
            dropped[start..=end].iter_mut().for_each(|d| *d = true);
            any = true;
        }
    }
    if !any {
        return events;
    }
    events
        .into_iter()
        .zip(dropped)
        .filter_map(|(e, d)| (!d).then_some(e))
        .collect()
}

fn set_heading_id(event: &mut Event, text: &str, used: &mut Vec<String>) {
    if let Event::Start(Tag::Heading { id, .. }) = event {
        let base = match id {
            Some(given) => given.to_string(),
            None => {
                let s = slugify(text);
                if s.is_empty() {
                    "section".to_string()
                } else {
                    s
                }
            }
        };
        let mut candidate = base.clone();
        let mut n = 1;
        while used.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        used.push(candidate.clone());
        *id = Some(CowStr::from(candidate));
    }
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shortens plain text to at most `max` characters at a word boundary.
pub(crate) fn truncate_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut len = 0;
    for word in s.split_whitespace() {
        let w = word.chars().count();
        if len + w + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str) -> LinkTarget {
        LinkTarget::Missing
    }

    #[test]
    fn html_comments_never_reach_the_html() {
        let r = render(
            "<!-- a prompt\n     on two lines -->\n\nKept <!-- SECRET-INLINE --> text.\n\n<div>box</div><!-- SECRET-TAIL -->\n\n<!-- open\n\nstill SECRET-OPEN\n\n-->\n\nAfter.\n\n```\n<!-- in code stays -->\n```\n",
            &none,
        );
        let html = r.html();
        assert!(
            !html.contains("<!--") || html.contains("&lt;!-- in code stays"),
            "{html}"
        );
        for secret in ["prompt", "SECRET-INLINE", "SECRET-TAIL", "SECRET-OPEN"] {
            assert!(!html.contains(secret), "{secret} in {html}");
        }
        assert!(html.contains("Kept  text."), "{html}");
        assert!(html.contains("<div>box</div>"), "{html}");
        assert!(html.contains("<p>After.</p>"), "{html}");
        assert!(html.contains("&lt;!-- in code stays --&gt;"), "{html}");
    }

    #[test]
    fn empty_sections_do_not_render() {
        let r = render(
            "Intro.\n\n## Empty\n\n<!-- only a prompt -->\n\n## Full\n\nText.\n\n## Parent\n\n### Empty child\n\n### Full child\n\nMore.\n\n## Empty parent\n\n### Empty child two\n\n# Last\n",
            &none,
        );
        let html = r.html();
        for gone in [
            "Empty",
            "Empty child",
            "Empty parent",
            "Empty child two",
            "Last",
        ] {
            assert!(!html.contains(&format!(">{gone}</h")), "{gone} in {html}");
        }
        for kept in ["Full", "Parent", "Full child"] {
            assert!(
                html.contains(&format!(">{kept}</h")),
                "{kept} missing from {html}"
            );
        }
        // The kept headings keep their anchors.
        assert!(html.contains(r#"<h2 id="full">"#), "{html}");
    }

    #[test]
    fn extensions_are_on() {
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ and a note[^1]\n\n[^1]: the note\n",
            &none,
        );
        assert!(r.html().contains("<table>"));
        assert!(r.html().contains("<del>old</del>"));
        assert!(r.html().contains("footnote-definition"));
    }

    #[test]
    fn headings_get_unique_anchors() {
        let r = render(
            // Each with text under it: an empty section is left out.
            "# Hello, World\n\nx\n\n## Hello World\n\ny\n\n## Custom {#mine}\n\nz\n",
            &none,
        );
        assert!(
            r.html().contains(r#"<h1 id="hello-world">"#),
            "{}",
            r.html()
        );
        assert!(r.html().contains(r#"<h2 id="hello-world-1">"#));
        assert!(r.html().contains(r#"<h2 id="mine">"#));
    }

    #[test]
    fn task_lists_are_counted() {
        let r = render("- [x] one\n- [ ] two\n- [X] three\n- plain\n", &none);
        assert_eq!((r.tasks_done, r.tasks_total), (2, 3));
        // Drawn as labelled marks, not unlabeled form controls.
        assert!(!r.html().contains("<input"), "{}", r.html());
        assert_eq!(r.html().matches(r#"aria-label="Done""#).count(), 2);
        assert_eq!(r.html().matches(r#"aria-label="To do""#).count(), 1);
    }

    #[test]
    fn at_links_resolve_hide_or_fail() {
        let resolve = |p: &str| match p {
            "goals/a.md" => LinkTarget::Url("/career/goals/a/".into()),
            "reflections/secret.md" => LinkTarget::Hidden,
            _ => LinkTarget::Missing,
        };
        let r = render(
            "See [goal](@/goals/a.md#why), [secret](@/reflections/secret.md) and [gone](@/goals/b.md).",
            &resolve,
        );
        assert!(
            r.html()
                .contains(r#"<a href="/career/goals/a/#why">goal</a>"#)
        );
        assert!(r.html().contains(" secret and gone."), "{}", r.html());
        assert!(!r.html().contains("reflections"));
        assert_eq!(r.link_issues.len(), 2);
        assert!(r.link_issues[0].hidden);
        assert_eq!(r.link_issues[1].target, "goals/b.md");
        assert_eq!(r.link_issues[1].offset, 68);
    }

    #[test]
    fn summary_is_first_paragraph_text() {
        let r = render("# Title\n\nFirst *para*\nwraps `here`.\n\nSecond.\n", &none);
        assert_eq!(r.summary_text, "First para wraps here.");
    }

    #[test]
    fn local_files_are_collected() {
        let r = render(
            "![c](chart.svg) [pdf](deck.pdf) [x](https://a.b/c.png) [y](/abs.png)",
            &none,
        );
        assert_eq!(r.local_files, vec!["chart.svg", "deck.pdf"]);
    }

    #[test]
    fn term_slugs_keep_skills_apart() {
        assert_eq!(term_slug("C++"), "c-plus-plus");
        assert_eq!(term_slug("C#"), "c-sharp");
        assert_eq!(term_slug("C"), "c");
        assert_eq!(term_slug("R&D"), "r-and-d");
        assert_eq!(term_slug("🚀"), "u-1f680");
        assert_eq!(term_slug("system design"), "system-design");
        assert_eq!(term_slug("  "), "");
    }

    #[test]
    fn slugify_keeps_letters() {
        assert_eq!(slugify("Rust & Go!"), "rust-go");
        assert_eq!(slugify("  Système d'Info "), "système-d-info");
    }

    #[test]
    fn fragments_split_off_link_targets() {
        assert_eq!(split_fragment("goals/a.md#why"), ("goals/a.md", "#why"));
        assert_eq!(split_fragment("goals/a.md"), ("goals/a.md", ""));
        assert_eq!(split_fragment("#top"), ("", "#top"));
    }

    #[test]
    fn the_summary_is_only_the_first_paragraph() {
        let mut r = Renderer::new(&none);
        for e in [
            Event::Start(Tag::Paragraph),
            Event::Text("one".into()),
            Event::SoftBreak,
            Event::Code("two".into()),
            Event::End(TagEnd::Paragraph),
            Event::Start(Tag::Paragraph),
            Event::Text("three".into()),
            Event::End(TagEnd::Paragraph),
            Event::TaskListMarker(true),
            Event::TaskListMarker(false),
        ] {
            r.note(&e);
        }
        assert_eq!(r.out.summary_text, "one two");
        assert_eq!(r.summary, Summary::Done);
        assert_eq!((r.out.tasks_done, r.out.tasks_total), (1, 2));
    }

    #[test]
    fn a_dropped_link_takes_its_end_tag_but_not_its_text() {
        let resolve = |p: &str| match p {
            "goals/a.md" => LinkTarget::Url("/g/a/".into()),
            _ => LinkTarget::Hidden,
        };
        let mut r = Renderer::new(&resolve);
        let link = |dest: &'static str| {
            Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::Inline,
                dest_url: dest.into(),
                title: "".into(),
                id: "".into(),
            })
        };
        r.keep(link("@/secret.md"), 3);
        r.keep(Event::Text("hidden".into()), 4);
        r.keep(Event::End(TagEnd::Link), 10);
        r.keep(link("@/goals/a.md#why"), 20);
        r.keep(Event::End(TagEnd::Link), 30);
        r.keep(link("deck.pdf#p2"), 40);
        r.keep(Event::End(TagEnd::Link), 50);
        assert_eq!(
            r.out.link_issues,
            [LinkIssue {
                offset: 3,
                target: "secret.md".into(),
                hidden: true
            }]
        );
        assert_eq!(r.out.local_files, ["deck.pdf"]);
        let kinds: Vec<String> = r
            .events
            .iter()
            .map(|e| match e {
                Event::Start(Tag::Link { dest_url, .. }) => format!("<{dest_url}>"),
                Event::End(TagEnd::Link) => "</>".to_string(),
                Event::Text(t) => t.to_string(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            ["hidden", "</g/a/#why>", "</>", "<deck.pdf#p2>", "</>"]
        );
    }

    #[test]
    fn task_marks_are_labelled() {
        let html = |e| match e {
            Event::InlineHtml(t) => t.to_string(),
            other => panic!("{other:?}"),
        };
        assert!(html(task_marker(true)).contains(r#"aria-label="Done""#));
        assert!(html(task_marker(false)).contains(r#"aria-label="To do""#));
    }
}
