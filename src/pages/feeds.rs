//! Machine-read outputs: the Atom feed, the sitemap and robots.txt (the
//! JSON Resume document is [`super::resume`]'s). Written in code rather
//! than templates so escaping and formats are right by construction.

use std::fmt::Write as _;

use crate::model::site::Site;
use crate::pages::plan::Planned;
use crate::text::esc;
use crate::urls;

const FEED_LIMIT: usize = 50;

/// The Atom feed ([`urls::FEED`]): public achievements and reflections, newest first.
pub fn atom(site: &Site) -> String {
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
pub fn sitemap(pages: &[Planned]) -> String {
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

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.config.base_url.absolute(urls::SITEMAP)
    )
}
