//! Machine-read outputs: the Atom feed, the sitemap and robots.txt (the
//! JSON Resume document is [`super::resume`]'s). Written in code rather
//! than templates so escaping and formats are right by construction.

use std::fmt::Write as _;

use crate::model::site::Site;
use crate::model::urls;
use crate::pages::plan::Planned;
use crate::text::esc;

const FEED_LIMIT: usize = 50;

/// The Atom feed ([`urls::FEED`]): public achievements and reflections, newest first.
pub(crate) fn atom(site: &Site) -> String {
    let b = &site.config.base_url;
    let mut items: Vec<usize> = site
        .achievements
        .iter()
        .chain(&site.reflections)
        .copied()
        .collect();
    items.sort_by(|x, y| {
        (site.dates[*y], &site.entries[*y].slug).cmp(&(site.dates[*x], &site.entries[*x].slug))
    });
    items.truncate(FEED_LIMIT);
    let instant = |n: usize| {
        site.instants[n]
            .clone()
            .unwrap_or_else(|| format!("{}T00:00:00Z", site.today))
    };
    let updated = items
        .first()
        .map_or_else(|| format!("{}T00:00:00Z", site.today), |&n| instant(n));
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        s,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        esc(&site.config.language)
    );
    let _ = writeln!(s, "  <title>{}</title>", esc(&site.config.title));
    if let Some(d) = &site.config.description {
        let _ = writeln!(s, "  <subtitle>{}</subtitle>", esc(d));
    }
    let _ = writeln!(
        s,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&b.absolute(urls::FEED))
    );
    let _ = writeln!(
        s,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&b.absolute(urls::HOME))
    );
    let _ = writeln!(s, "  <id>{}</id>", esc(&b.absolute(urls::HOME)));
    let _ = writeln!(s, "  <updated>{updated}</updated>");
    let author = site
        .config
        .author
        .name
        .as_deref()
        .unwrap_or(&site.config.title);
    let _ = writeln!(s, "  <author><name>{}</name></author>", esc(author));
    // The project's own repository, from Cargo.toml: the feed names no
    // account the project does not own.
    let _ = writeln!(
        s,
        "  <generator uri=\"{}\">waymark</generator>",
        env!("CARGO_PKG_REPOSITORY")
    );
    for n in items {
        let v = &site.entries[n];
        let date = instant(n);
        s.push_str("  <entry>\n");
        let _ = writeln!(s, "    <title>{}</title>", esc(&v.title));
        let _ = writeln!(
            s,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            esc(&v.permalink)
        );
        let _ = writeln!(s, "    <id>{}</id>", esc(&v.permalink));
        let _ = writeln!(s, "    <published>{date}</published>");
        let _ = writeln!(s, "    <updated>{date}</updated>");
        let mut summary = v.summary.clone();
        if let Some(impact) = &v.impact {
            summary = format!("{impact} — {summary}");
        }
        let _ = writeln!(s, "    <summary>{}</summary>", esc(&summary));
        for t in &v.tags {
            let _ = writeln!(
                s,
                "    <category term=\"{}\" label=\"{}\"/>",
                esc(&t.slug),
                esc(&t.name)
            );
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

/// The sitemap ([`urls::SITEMAP`]): every listed page; share pages and 404 are not listed.
pub(crate) fn sitemap(pages: &[Planned]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut rows: Vec<(&str, Option<&str>)> = pages
        .iter()
        .filter_map(|p| {
            p.sitemap
                .as_ref()
                .map(|lm| (p.page.canonical.as_str(), lm.as_deref()))
        })
        .collect();
    rows.sort();
    for (loc, lastmod) in rows {
        let _ = write!(s, "  <url><loc>{}</loc>", esc(loc));
        if let Some(lm) = lastmod {
            let _ = write!(s, "<lastmod>{lm}</lastmod>");
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

pub(crate) fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.config.base_url.absolute(urls::SITEMAP)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::site::Site;
    use crate::pages::plan::{self, Data, PageMeta};
    use crate::pages::testing::{CONFIG, md, site};

    const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

    fn journal() -> Site {
        site(
            &format!("{CONFIG}description: Notes & more\n"),
            &[
                (
                    "content/achievements/older.md",
                    &md(
                        "title: Older\ndate: 2026-02-27\nsummary: First <one>",
                        "Body.",
                    ),
                ),
                (
                    "content/achievements/newer.md",
                    &md(
                        "title: Newer & better\ndate: 2026-03-04T09:30:00+01:00\nimpact: Cut 30%\nsummary: Second\ntags: [\"a&b\", infra]",
                        "Body.",
                    ),
                ),
                (
                    "content/reflections/q1.md",
                    &md(
                        "title: Q1\ndate: 2026-03-01\nvisibility: public\nsummary: Looking back",
                        "Thoughts.",
                    ),
                ),
                ("content/goals/g.md", &md("title: A goal", "")),
            ],
        )
    }

    fn child<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
        n.children()
            .find(|c| c.has_tag_name((ATOM_NS, name)))
            .unwrap_or_else(|| panic!("no <{name}>"))
    }

    fn text<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
        child(n, name).text().unwrap_or_default()
    }

    #[test]
    fn the_feed_holds_achievements_and_reflections_newest_first() {
        let s = journal();
        let xml = atom(&s);
        let doc = roxmltree::Document::parse(&xml).expect("the feed parses");
        let feed = doc.root_element();
        assert!(feed.has_tag_name((ATOM_NS, "feed")));
        assert_eq!(text(feed, "title"), "Test Journal");
        assert_eq!(text(feed, "subtitle"), "Notes & more");
        assert_eq!(text(feed, "id"), "https://alex.github.io/career/");
        let links: Vec<(&str, &str)> = feed
            .children()
            .filter(|c| c.has_tag_name((ATOM_NS, "link")))
            .map(|l| (l.attribute("rel").unwrap(), l.attribute("href").unwrap()))
            .collect();
        assert_eq!(
            links,
            [
                ("self", "https://alex.github.io/career/atom.xml"),
                ("alternate", "https://alex.github.io/career/"),
            ]
        );
        // No author name: the site's title stands in.
        assert_eq!(text(child(feed, "author"), "name"), "Test Journal");
        assert_eq!(
            child(feed, "generator").attribute("uri"),
            Some(env!("CARGO_PKG_REPOSITORY"))
        );
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.has_tag_name((ATOM_NS, "entry")))
            .collect();
        let titles: Vec<&str> = entries.iter().map(|e| text(*e, "title")).collect();
        assert_eq!(titles, ["Newer & better", "Q1", "Older"]);
        let newer = entries[0];
        // The time it was written (in UTC) when it has one, else midnight;
        // the feed is as new as its newest entry.
        assert_eq!(text(newer, "published"), "2026-03-04T08:30:00Z");
        assert_eq!(text(feed, "updated"), "2026-03-04T08:30:00Z");
        assert_eq!(text(entries[2], "updated"), "2026-02-27T00:00:00Z");
        assert_eq!(
            text(newer, "id"),
            "https://alex.github.io/career/achievements/newer/"
        );
        assert_eq!(
            child(newer, "link").attribute("href"),
            Some("https://alex.github.io/career/achievements/newer/")
        );
        assert_eq!(text(newer, "summary"), "Cut 30% — Second");
        assert_eq!(text(entries[2], "summary"), "First <one>");
        let categories: Vec<(&str, &str)> = newer
            .children()
            .filter(|c| c.has_tag_name((ATOM_NS, "category")))
            .map(|c| (c.attribute("term").unwrap(), c.attribute("label").unwrap()))
            .collect();
        assert_eq!(categories.len(), 2);
        assert!(categories.contains(&("infra", "infra")), "{categories:?}");
        assert!(
            categories.iter().any(|(_, label)| *label == "a&b"),
            "{categories:?}"
        );
        // Escaped in the text, not only well-formed.
        assert!(xml.contains("<title>Newer &amp; better</title>"), "{xml}");
    }

    #[test]
    fn the_feed_keeps_the_newest_fifty() {
        let files: Vec<(String, String)> = (1..=52)
            .map(|i| {
                let date = jiff::civil::date(2025, 1, 1).saturating_add(jiff::Span::new().days(i));
                (
                    format!("content/achievements/a{i}.md"),
                    md(&format!("title: A{i}\ndate: {date}"), "Body."),
                )
            })
            .collect();
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let xml = atom(&site(CONFIG, &files));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let titles: Vec<&str> = doc
            .root_element()
            .children()
            .filter(|c| c.has_tag_name((ATOM_NS, "entry")))
            .map(|e| text(e, "title"))
            .collect();
        assert_eq!(titles.len(), FEED_LIMIT);
        assert_eq!(titles.first(), Some(&"A52"));
        assert_eq!(titles.last(), Some(&"A3"));
    }

    #[test]
    fn an_empty_feed_is_as_new_as_today() {
        let xml = atom(&site(CONFIG, &[]));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let feed = doc.root_element();
        assert_eq!(text(feed, "updated"), "2026-03-06T00:00:00Z");
        assert!(!feed.children().any(|c| c.has_tag_name((ATOM_NS, "entry"))));
        assert!(!xml.contains("<subtitle>"));
    }

    #[test]
    fn the_sitemap_lists_the_planned_pages_it_is_told_to() {
        let s = site(
            CONFIG,
            &[
                (
                    "content/achievements/x.md",
                    &md("title: X\ndate: 2026-03-04\nskills: [rust]", "Body."),
                ),
                ("content/goals/g.md", &md("title: G", "")),
                (
                    "content/share/s.md",
                    &md("title: S\nfor: R\nfrom: 2026-01-01\nto: 2026-03-06", "Hi."),
                ),
            ],
        );
        let base = "https://alex.github.io/career/";
        let expected: String = [
            ("", None),
            ("achievements/", Some("2026-03-04")),
            ("achievements/x/", Some("2026-03-04")),
            ("goals/", None),
            ("goals/g/", None),
            ("journey/", None),
            ("skills/", None),
            ("skills/rust/", Some("2026-03-04")),
            ("tags/", None),
        ]
        .iter()
        .map(|(path, lastmod)| match lastmod {
            Some(lm) => format!("  <url><loc>{base}{path}</loc><lastmod>{lm}</lastmod></url>\n"),
            None => format!("  <url><loc>{base}{path}</loc></url>\n"),
        })
        .collect();
        // Neither the share page nor 404.html.
        assert_eq!(
            sitemap(&plan::plan(&s)),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{expected}</urlset>\n"
            )
        );
    }

    #[test]
    fn sitemap_rows_are_sorted_and_escaped() {
        let page = |canonical: &str, sitemap: Option<Option<String>>| Planned {
            file: String::new(),
            template: "page.html",
            page: PageMeta {
                title: String::new(),
                description: String::new(),
                canonical: canonical.into(),
                url: String::new(),
                og_type: "website",
                noindex: false,
                section: "page",
                image: None,
            },
            data: Data::Empty {},
            sitemap,
            seal: None,
        };
        let rows = [
            page("https://a.example/b?x&y", Some(Some("2026-01-02".into()))),
            page("https://a.example/hidden", None),
            page("https://a.example/a", Some(None)),
        ];
        assert_eq!(
            sitemap(&rows),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url><loc>https://a.example/a</loc></url>\n  <url><loc>https://a.example/b?x&amp;y</loc><lastmod>2026-01-02</lastmod></url>\n</urlset>\n"
        );
    }

    #[test]
    fn robots_points_at_the_sitemap_under_the_base() {
        assert_eq!(
            robots(&site(CONFIG, &[])),
            "User-agent: *\nAllow: /\nSitemap: https://alex.github.io/career/sitemap.xml\n"
        );
        let root = site("title: T\nbase_url: https://career.example.com\n", &[]);
        assert_eq!(
            robots(&root),
            "User-agent: *\nAllow: /\nSitemap: https://career.example.com/sitemap.xml\n"
        );
    }
}
