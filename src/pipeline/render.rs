//! Rendering: every planned page (sealed share pages sealed), the theme's
//! static files, the files beside entries and the generated files.

use rayon::prelude::*;

use crate::clock::Stopwatch;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::model::site::Site;
use crate::model::urls;
use crate::output::Output;
use crate::pages::feeds;
use crate::pages::plan::{self, PageCtx};
use crate::pages::render::Renderer;
use crate::pages::theme;

/// Renders pages, feeds and copies static files and assets into memory.
/// Sealed pages are published as `site.sealed` holds them
/// ([`crate::pipeline::seal_pages`] fills it).
pub fn render_site(
    site: &Site,
    theme: &theme::Theme,
    renderer: &Renderer,
) -> Result<Output, Vec<Diagnostic>> {
    let sink = crate::output::MemorySink::default();
    render_into(site, theme, renderer, &sink, None)?;
    Ok(sink.into_output())
}

/// Renders one planned page; a sealed page gets its ciphertext inside its
/// `<main>`. `serve` renders on request through this.
pub fn render_page(
    renderer: &Renderer,
    site_value: &tera::Value,
    page: &plan::Planned,
) -> Result<Vec<u8>, Diagnostic> {
    let mut out = Vec::with_capacity(16 * 1024);
    render_page_to(renderer, site_value, page, &mut out)?;
    Ok(out)
}

/// [`render_page`] into `out`, which it clears first: `build` renders every
/// page this way, each thread into one buffer it keeps.
pub fn render_page_to(
    renderer: &Renderer,
    site_value: &tera::Value,
    page: &plan::Planned,
    out: &mut Vec<u8>,
) -> Result<(), Diagnostic> {
    out.clear();
    renderer.render_to(
        page.template,
        &PageCtx {
            site: site_value,
            page: &page.page,
            data: &page.data,
        },
        out,
    )?;
    let Some(artifact) = page.seal else {
        return Ok(());
    };
    let html = String::from_utf8(std::mem::take(out)).map_err(|e| {
        Diagnostic::error(
            Code::Template,
            format!("{} rendered as invalid UTF-8: {e}", page.template),
        )
    })?;
    *out = crate::seal::insert_box(&html, artifact, page.template)?.into_bytes();
    Ok(())
}

/// Every file of the output that is not a page: static files, files beside
/// entries, feeds, the sitemap, robots.txt, resume.json, CNAME.
pub fn other_files(
    site: &Site,
    theme: &theme::Theme,
    pages: &[plan::Planned],
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let mut files = static_files(site, theme)?;
    files.extend(generated_files(site, pages));
    Ok(files)
}

/// The theme's static files and the files beside entries.
pub fn static_files(
    site: &Site,
    theme: &theme::Theme,
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (path, file) in &theme.statics {
        files.push((path.clone(), file.bytes.clone()));
    }
    for a in &site.assets {
        match std::fs::read(&a.from) {
            Ok(bytes) => files.push((a.to.clone(), bytes)),
            Err(e) => errors.push(Diagnostic::error(
                Code::Io,
                format!("cannot read {}: {e}", a.from.display()),
            )),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// The names of the files [`generated_files`] makes.
pub fn generated_file_names(site: &Site) -> Vec<&'static str> {
    let c = &site.config;
    [
        (urls::FEED, c.feed),
        (urls::SITEMAP, true),
        (urls::ROBOTS, true),
        (urls::NOJEKYLL, true),
        (urls::RESUME, c.resume),
        (urls::CNAME, c.cname.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, made)| made.then_some(name))
    .collect()
}

/// One file made from the site, by one of the names
/// [`generated_file_names`] gives; the sitemap lists `pages`.
pub fn generated_file(site: &Site, name: &str, pages: &[plan::Planned]) -> Option<Vec<u8>> {
    let c = &site.config;
    Some(match name {
        urls::FEED if c.feed => feeds::atom(site).into_bytes(),
        urls::SITEMAP => feeds::sitemap(pages).into_bytes(),
        urls::ROBOTS => feeds::robots(site).into_bytes(),
        urls::NOJEKYLL => Vec::new(),
        urls::RESUME if c.resume => crate::pages::resume::resume_json(site).into_bytes(),
        urls::CNAME => format!("{}\n", c.cname.as_deref()?).into_bytes(),
        _ => return None,
    })
}

/// The files made from the site: the feed, the sitemap, robots.txt,
/// .nojekyll, resume.json and CNAME.
pub fn generated_files(site: &Site, pages: &[plan::Planned]) -> Vec<(String, Vec<u8>)> {
    let mut watch = Stopwatch::new();
    let files = generated_file_names(site)
        .into_iter()
        .filter_map(|name| Some((name.to_string(), generated_file(site, name, pages)?)))
        .collect();
    watch.lap("feeds, sitemap, resume");
    files
}

/// Renders pages, feeds and copies static files and assets into `sink`;
/// returns the number of HTML pages. Pages go to the sink as soon as they
/// are rendered, so a build to disk writes while it renders and never holds
/// the whole site in memory.
pub fn render_into(
    site: &Site,
    theme: &theme::Theme,
    renderer: &Renderer,
    sink: &dyn crate::output::Sink,
    card_cache: Option<&std::path::Path>,
) -> Result<usize, Vec<Diagnostic>> {
    let mut watch = Stopwatch::new();
    let site_value = tera::Value::from_serializable(&plan::site_ctx(site));
    let pages = plan::plan(site);
    watch.lap("plan");
    let errors: std::sync::Mutex<Vec<Diagnostic>> = std::sync::Mutex::new(Vec::new());
    // The feed, sitemap and the like, the cards and the search index are
    // made while pages render.
    let ((), (other, search, cards)) = rayon::join(
        || {
            pages
                .par_iter()
                .with_max_len(crate::PAR_CHUNK)
                .for_each(|p| {
                    thread_local! {
                        /// One page buffer per thread, kept from page to
                        /// page: a large page's buffer is allocated and
                        /// faulted in once, not for every page.
                        static PAGE: std::cell::RefCell<Vec<u8>> =
                            std::cell::RefCell::new(Vec::with_capacity(64 * 1024));
                    }
                    let rendered = PAGE.with_borrow_mut(|out| {
                        render_page_to(renderer, &site_value, p, out)
                            .map(|()| sink.put_slice(p.file.clone(), out))
                    });
                    match rendered {
                        Ok(()) => {}
                        Err(d) => {
                            let mut errors = errors.lock().unwrap_or_else(|e| e.into_inner());
                            if !errors.contains(&d) {
                                errors.push(d);
                            }
                        }
                    }
                })
        },
        || {
            let (search, (other, cards)) = rayon::join(
                || crate::pages::search::files(site),
                || {
                    let cards = crate::pipeline::render_cards(
                        site,
                        renderer,
                        card_cache,
                        card_cache.is_some(),
                    );
                    (other_files(site, theme, &pages), cards)
                },
            );
            (other, search, cards)
        },
    );
    watch.lap("render pages and other files");
    watch.note(|| {
        let (rendered, reused) = renderer.partial_counts();
        format!("partial_cached: {rendered} rendered, {reused} reused")
    });
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    match cards {
        Ok((files, counts)) => {
            watch.note(|| {
                let [parse, draw, encode] = crate::pages::cards::draw::PHASES
                    .each_ref()
                    .map(|p| p.load(std::sync::atomic::Ordering::Relaxed) / 1000);
                format!(
                    "cards: {} drawn, {} cached (parse {parse} ms, render {draw} ms, encode {encode} ms, over threads)",
                    counts.drawn, counts.cached
                )
            });
            for (path, bytes) in files {
                sink.put(path, bytes);
            }
        }
        Err(mut e) => errors.append(&mut e),
    }
    // Files that are not pages come after the pages, so they win a clash.
    match other {
        Ok(files) => {
            for (path, bytes) in files {
                sink.put(path, bytes);
            }
        }
        Err(mut e) => errors.append(&mut e),
    }
    match search {
        Ok(files) => {
            for (path, bytes) in files {
                sink.put(path, bytes);
            }
        }
        Err(e) => errors.push(e),
    }
    if errors.is_empty() {
        Ok(pages.len())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::testing::{self, TempSite};

    /// The site model and theme of `site`, which must have no errors.
    fn assembled(site: &TempSite) -> (Site, theme::Theme) {
        let (model, theme, _) = crate::pipeline::assemble(&site.options()).unwrap();
        (model, theme)
    }

    #[test]
    fn generated_file_names_follow_the_config() {
        let site = TempSite::new();
        let (model, _) = assembled(&site);
        assert_eq!(
            generated_file_names(&model),
            [
                "atom.xml",
                "sitemap.xml",
                "robots.txt",
                ".nojekyll",
                "resume.json"
            ]
        );
        site.write(
            "waymark.yaml",
            &format!(
                "{}feed: false\nresume: false\ncname: careers.example.com\n",
                testing::CONFIG
            ),
        );
        let (model, _) = assembled(&site);
        assert_eq!(
            generated_file_names(&model),
            ["sitemap.xml", "robots.txt", ".nojekyll", "CNAME"]
        );
    }

    #[test]
    fn generated_file_makes_each_named_file_and_only_those() {
        let site = TempSite::new();
        site.write(
            "waymark.yaml",
            &format!(
                "{}feed: false\ncname: careers.example.com\n",
                testing::CONFIG
            ),
        )
        .write(
            "content/goals/staff.md",
            "---\ntitle: Staff\nhorizon: 3y\n---\n",
        );
        let (model, _) = assembled(&site);
        let pages = plan::plan(&model);
        for name in generated_file_names(&model) {
            assert!(generated_file(&model, name, &pages).is_some(), "{name}");
        }
        let file = |name| generated_file(&model, name, &pages);
        assert_eq!(file("CNAME").unwrap(), b"careers.example.com\n");
        assert_eq!(file(".nojekyll").unwrap(), b"");
        // Turned off, or not a generated file at all.
        assert_eq!(file("atom.xml"), None);
        assert_eq!(file("index.html"), None);
        assert_eq!(file("style.css"), None);
        let resume: serde_json::Value =
            serde_json::from_slice(&file("resume.json").unwrap()).unwrap();
        assert_eq!(resume["basics"]["name"], "Test Person");
        let sitemap = String::from_utf8(file("sitemap.xml").unwrap()).unwrap();
        assert!(
            sitemap.contains("https://alex.github.io/career/goals/staff/"),
            "{sitemap}"
        );
        // Without the pages, the sitemap lists none.
        let empty = String::from_utf8(generated_file(&model, "sitemap.xml", &[]).unwrap()).unwrap();
        assert!(!empty.contains("goals/staff/"), "{empty}");
        let no_cname = TempSite::new();
        let (model, _) = assembled(&no_cname);
        assert_eq!(generated_file(&model, "CNAME", &[]), None);
    }

    #[test]
    fn generated_files_are_the_named_files() {
        let site = TempSite::new();
        let (model, _) = assembled(&site);
        let pages = plan::plan(&model);
        let files = generated_files(&model, &pages);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, generated_file_names(&model));
        for (name, bytes) in &files {
            assert_eq!(Some(bytes), generated_file(&model, name, &pages).as_ref());
        }
    }

    #[test]
    fn static_files_are_the_themes_and_the_files_beside_entries() {
        let site = TempSite::new();
        site.write("static/extra.txt", "extra")
            .write(
                "content/goals/staff/index.md",
                "---\ntitle: Staff\nhorizon: 3y\n---\n![c](chart.svg)\n",
            )
            .write("content/goals/staff/chart.svg", "<svg>chart</svg>");
        let (mut model, theme) = assembled(&site);
        let files: std::collections::BTreeMap<String, Vec<u8>> =
            static_files(&model, &theme).unwrap().into_iter().collect();
        assert_eq!(files["extra.txt"], b"extra");
        assert!(files.contains_key("style.css"));
        let chart = model
            .assets
            .iter()
            .find(|a| a.to.ends_with("chart.svg"))
            .unwrap();
        assert_eq!(files[&chart.to], b"<svg>chart</svg>");
        // A file that went away since the model was made.
        model.assets.push(crate::model::site::CopiedAsset {
            from: site.root().join("content/goals/staff/gone.png"),
            to: "goals/staff/gone.png".to_string(),
        });
        let errors = static_files(&model, &theme).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code.as_str(), "io");
        assert!(
            errors[0].message.contains("gone.png"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn render_site_writes_every_planned_page_static_and_generated_file() {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n")
            .write(
                "content/goals/staff.md",
                "---\ntitle: Staff\nhorizon: 3y\n---\n",
            );
        let (model, theme) = assembled(&site);
        let renderer = Renderer::new(&theme).unwrap();
        let output = render_site(&model, &theme, &renderer).unwrap();
        let mut expected: Vec<String> = plan::plan(&model).into_iter().map(|p| p.file).collect();
        expected.extend(theme.statics.keys().cloned());
        expected.extend(generated_file_names(&model).iter().map(|n| n.to_string()));
        expected.extend(crate::pages::cards::all(&model).into_iter().map(|c| c.file));
        expected.sort();
        expected.dedup();
        assert_eq!(output.files.keys().cloned().collect::<Vec<_>>(), expected);
        let goal = String::from_utf8(output.files["goals/staff/index.html"].clone()).unwrap();
        assert!(goal.contains("Staff"));
        assert!(
            goal.contains(r#"<meta property="og:image" content="https://alex.github.io/career/cards/goals/staff.png">"#),
            "{goal}"
        );
        assert!(output.files["cards/goals/staff.png"].starts_with(b"\x89PNG"));
        let sink = crate::output::MemorySink::default();
        let pages = render_into(&model, &theme, &renderer, &sink, None).unwrap();
        assert_eq!(pages, plan::plan(&model).len());
    }
}
