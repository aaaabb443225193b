//! Rendering: every planned page (sealed share pages sealed), the theme's
//! static files, the files beside entries and the generated files.

use std::path::Path;

use rayon::prelude::*;

use crate::clock::Stopwatch;
use crate::diag::Diagnostic;
use crate::model::site::Site;
use crate::output::Output;
use crate::pages::feeds;
use crate::pages::plan::{self, PageCtx};
use crate::pages::render::Renderer;
use crate::pages::theme;
use crate::urls;

/// Renders pages, feeds and copies static files and assets into memory.
pub fn render_site(
    site: &Site,
    theme: &theme::Theme,
    renderer: &Renderer,
    root: &Path,
) -> Result<Output, Vec<Diagnostic>> {
    let sink = crate::output::MemorySink::default();
    render_into(site, theme, renderer, root, &sink)?;
    Ok(sink.into_output())
}

/// Renders one planned page, sealing it when it is a sealed share page.
/// `serve` renders on request through this.
pub fn render_page(
    renderer: &Renderer,
    site_value: &tera::Value,
    page: &plan::Planned,
    secret: Option<&crate::seal::Secret>,
) -> Result<Vec<u8>, Diagnostic> {
    let mut out = Vec::with_capacity(16 * 1024);
    render_page_to(renderer, site_value, page, secret, &mut out)?;
    Ok(out)
}

/// [`render_page`] into `out`, which it clears first: `build` renders every
/// page this way, each thread into one buffer it keeps.
pub fn render_page_to(
    renderer: &Renderer,
    site_value: &tera::Value,
    page: &plan::Planned,
    secret: Option<&crate::seal::Secret>,
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
    let (Some((slug, salt)), Some(secret)) = (&page.seal, secret) else {
        return Ok(());
    };
    let key = crate::seal::PageKey::derive(secret, slug, salt.as_deref());
    let html = String::from_utf8(std::mem::take(out)).map_err(|e| {
        Diagnostic::error(
            "template",
            format!("{} rendered as invalid UTF-8: {e}", page.template),
        )
    })?;
    // Say which share page could not be sealed.
    let sealed =
        crate::seal::seal_page(&html, &key, page.template).map_err(|d| match &page.data {
            plan::Data::Share { entry, .. } => match &entry.share {
                Some(spec) => d.at_path(&spec.path),
                None => d,
            },
            _ => d,
        })?;
    *out = sealed.into_bytes();
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
                "io",
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
    root: &Path,
    sink: &dyn crate::output::Sink,
) -> Result<usize, Vec<Diagnostic>> {
    let mut watch = Stopwatch::new();
    let site_value = tera::Value::from_serializable(&plan::site_ctx(site));
    let pages = plan::plan(site);
    watch.lap("plan");
    let secret = sealing_secret(site, root)?;
    let errors: std::sync::Mutex<Vec<Diagnostic>> = std::sync::Mutex::new(Vec::new());
    // The feed, sitemap and the like are made while pages render.
    let ((), other) = rayon::join(
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
                        render_page_to(renderer, &site_value, p, secret.as_ref(), out)
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
        || other_files(site, theme, &pages),
    );
    watch.lap("render pages and other files");
    watch.note(|| {
        let (rendered, reused) = renderer.partial_counts();
        format!("partial_cached: {rendered} rendered, {reused} reused")
    });
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    // Files that are not pages come after the pages, so they win a clash.
    match other {
        Ok(files) => {
            for (path, bytes) in files {
                sink.put(path, bytes);
            }
        }
        Err(mut e) => errors.append(&mut e),
    }
    if errors.is_empty() {
        Ok(pages.len())
    } else {
        Err(errors)
    }
}

/// The site secret, when some page is sealed; a sealed page without a
/// secret is an error, never a page published in the clear.
pub fn sealing_secret(
    site: &Site,
    root: &Path,
) -> Result<Option<crate::seal::Secret>, Vec<Diagnostic>> {
    let sealed = |&n: &usize| site.view(n).share.as_ref().is_some_and(|s| s.sealed);
    if !site.shares.iter().any(sealed) {
        return Ok(None);
    }
    match crate::seal::load_secret(root) {
        Ok(Some(s)) => Ok(Some(s)),
        Ok(None) => Err(site
            .shares
            .iter()
            .filter_map(|&n| site.view(n).share.as_ref())
            .filter(|s| s.sealed)
            .map(|s| {
                Diagnostic::error(
                    "sealed-without-secret",
                    "this share page is sealed, but there is no secret to seal it with",
                )
                .at_path(&s.path)
                .with_help(crate::seal::secret_help())
            })
            .collect()),
        Err(e) => Err(vec![
            Diagnostic::error("bad-secret", e).with_help(crate::seal::secret_help()),
        ]),
    }
}
