//! Machine-read outputs: the Atom feed, the sitemap, robots.txt and the
//! JSON Resume document. Written in code rather than templates so escaping
//! and formats are right by construction.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::model::entry::MilestoneType;
use crate::model::site::Site;
use crate::pages::plan::Planned;
use crate::text::esc;
use crate::urls;

const FEED_LIMIT: usize = 50;

/// `/atom.xml`: public achievements and reflections, newest first.
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

/// `/sitemap.xml`: every listed page; share pages and 404 are not listed.
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

fn opt(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

fn insert_some(map: &mut Map<String, Value>, key: &str, v: Option<String>) {
    if let Some(v) = v {
        map.insert(key.to_string(), Value::String(v));
    }
}

/// The JSON Resume document (schema 1.0): basics from the author, work from
/// role milestones with the achievements dated within each role as
/// highlights, certificates and awards from those milestones, skills with
/// their evidence as keywords, waymark's own data under `meta.waymark`.
pub fn resume(site: &Site) -> Value {
    let c = &site.config;
    let a = &c.author;
    let mut basics = Map::new();
    basics.insert(
        "name".into(),
        Value::String(a.name.clone().unwrap_or_else(|| c.title.clone())),
    );
    insert_some(&mut basics, "label", a.headline.clone());
    insert_some(&mut basics, "email", a.email.clone());
    basics.insert("url".into(), Value::String(c.base_url.absolute(urls::HOME)));
    insert_some(&mut basics, "summary", c.description.clone());
    if let Some(loc) = &a.location {
        basics.insert("location".into(), json!({ "city": loc }));
    }
    basics.insert(
        "profiles".into(),
        Value::Array(
            a.links
                .iter()
                .map(|l| json!({ "network": l.label, "url": l.url }))
                .collect(),
        ),
    );

    let mut work = Vec::new();
    let mut certificates = Vec::new();
    let mut awards = Vec::new();
    let mut education = Vec::new();
    // Newest role first, as résumés read.
    for &n in site.milestones.iter().rev() {
        let v = site.view(n);
        let Some(start) = site.dates[n] else { continue };
        match v.milestone_type {
            _ if v.is_role => {
                let end = v
                    .end
                    .as_deref()
                    .and_then(|e| e.parse::<jiff::civil::Date>().ok());
                let highlights: Vec<Value> = site
                    .achievements
                    .iter()
                    .filter(|&&x| {
                        site.dates[x].is_some_and(|d| d >= start && end.is_none_or(|e| d <= e))
                    })
                    .map(|&x| {
                        let e = site.view(x);
                        Value::String(match &e.impact {
                            Some(i) => format!("{}: {i}", e.title),
                            None => e.title.clone(),
                        })
                    })
                    .collect();
                let mut w = Map::new();
                w.insert(
                    "name".into(),
                    Value::String(v.org.clone().unwrap_or_else(|| v.title.clone())),
                );
                w.insert(
                    "position".into(),
                    Value::String(v.role.clone().unwrap_or_else(|| v.title.clone())),
                );
                w.insert("startDate".into(), Value::String(start.to_string()));
                insert_some(&mut w, "endDate", v.end.clone());
                if !v.summary.is_empty() {
                    w.insert("summary".into(), Value::String(v.summary.clone()));
                }
                w.insert("highlights".into(), Value::Array(highlights));
                work.push(Value::Object(w));
            }
            Some(MilestoneType::Certification) => {
                let mut m = Map::new();
                m.insert("name".into(), Value::String(v.title.clone()));
                m.insert("date".into(), Value::String(start.to_string()));
                insert_some(&mut m, "issuer", v.org.clone());
                certificates.push(Value::Object(m));
            }
            Some(MilestoneType::Award) => {
                let mut m = Map::new();
                m.insert("title".into(), Value::String(v.title.clone()));
                m.insert("date".into(), Value::String(start.to_string()));
                insert_some(&mut m, "awarder", v.org.clone());
                if !v.summary.is_empty() {
                    m.insert("summary".into(), Value::String(v.summary.clone()));
                }
                awards.push(Value::Object(m));
            }
            Some(MilestoneType::Education) => {
                let mut m = Map::new();
                m.insert(
                    "institution".into(),
                    Value::String(v.org.clone().unwrap_or_else(|| v.title.clone())),
                );
                insert_some(&mut m, "studyType", v.role.clone());
                m.insert("area".into(), Value::String(v.title.clone()));
                m.insert("startDate".into(), Value::String(start.to_string()));
                insert_some(&mut m, "endDate", v.end.clone());
                education.push(Value::Object(m));
            }
            _ => {}
        }
    }
    let skills: Vec<Value> = site
        .skills
        .iter()
        .map(|p| {
            let keywords: Vec<Value> = p
                .entries
                .iter()
                .map(|&x| Value::String(site.view(x).title.clone()))
                .collect();
            json!({ "name": p.term.name, "keywords": keywords })
        })
        .collect();
    let goals: Vec<Value> = site
        .goals
        .iter()
        .map(|&g| {
            let v = site.view(g);
            json!({
                "slug": v.slug,
                "title": v.title,
                "url": v.permalink,
                "horizon": v.horizon,
                "status": v.status,
                "progress": v.progress,
                "due": opt(&v.due),
            })
        })
        .collect();
    json!({
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": Value::Object(basics),
        "work": work,
        "education": education,
        "certificates": certificates,
        "awards": awards,
        "skills": skills,
        "meta": {
            "canonical": c.base_url.absolute(urls::RESUME),
            "version": "v1.0.0",
            "waymark": {
                "generator": format!("waymark {}", env!("CARGO_PKG_VERSION")),
                "north_star": c.north_star,
                "achievements": site.achievements.len(),
                "goals": goals,
            }
        }
    })
}

pub fn resume_json(site: &Site) -> String {
    let mut s = serde_json::to_string_pretty(&resume(site)).expect("JSON values serialise");
    s.push('\n');
    s
}
