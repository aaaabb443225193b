//! The site as `serve` holds it: the assembled model and its page plan,
//! with pages rendered when a browser asks for them (and kept until the next
//! change). A save then costs one model rebuild, not a render of every page:
//! what keeps previews instant when a journal holds thousands of entries.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::model::site::Site;
use crate::pages::plan::{self, PageRef};
use crate::pages::render::Renderer;

/// What a generation of the served site is made from.
pub struct Owner {
    pub(crate) site: Site,
    pub(crate) renderer: Renderer,
    pub(crate) theme: crate::pages::theme::Theme,
    /// Where drawn cards are kept (`.waymark/cards/`), if anywhere.
    pub(crate) card_cache: Option<std::path::PathBuf>,
}

/// One generation of the served site: the model, where each page is, and
/// the pages and generated files made so far (kept until the next change).
pub struct Live {
    owner: Owner,
    /// Every page, by output file; planned and rendered when first asked for.
    pages: Vec<(String, PageRef)>,
    index: HashMap<String, usize>,
    sctx: tera::Value,
    /// Static files and files beside entries.
    files: HashMap<String, Vec<u8>>,
    /// The names of the feed, sitemap, resume.json and the like.
    generated_names: Vec<&'static str>,
    /// Those made so far, each on first ask.
    generated: Mutex<HashMap<&'static str, Vec<u8>>>,
    rendered: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// The search index (`search: true`), made once per generation: in the
    /// background after the reload is signalled ([`Live::search_files`]),
    /// or by the first request for one of its files, which waits for it.
    search: std::sync::OnceLock<Result<HashMap<String, Vec<u8>>, Diagnostic>>,
    /// Every card the pages show, by file, drawn on first ask (through the
    /// card cache, when there is one) and kept.
    cards: HashMap<String, crate::pages::cards::Card>,
    card_cache: Option<std::path::PathBuf>,
    drawn: Mutex<HashMap<String, Vec<u8>>>,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live").finish_non_exhaustive()
    }
}

/// What a path is in the served site.
pub enum Found {
    Page(Result<Arc<Vec<u8>>, Diagnostic>),
    File(Vec<u8>),
    Missing,
}

impl Live {
    /// Lists the site's pages and reads its static files; fails like a
    /// build would (an unreadable asset). Its sealed pages are sealed
    /// already (`pipeline::seal_pages`).
    pub fn new(owner: Owner) -> Result<Live, Vec<Diagnostic>> {
        let mut watch = crate::clock::Stopwatch::new();
        let pages = plan::pages(&owner.site);
        let index = pages
            .iter()
            .enumerate()
            .map(|(i, (file, _))| (file.clone(), i))
            .collect();
        watch.lap("  page list");
        let files = crate::pipeline::static_files(&owner.site, &owner.theme)?
            .into_iter()
            .collect();
        watch.lap("  static files");
        let sctx = tera::Value::from_serializable(&plan::site_ctx(&owner.site));
        let generated_names = crate::pipeline::generated_file_names(&owner.site);
        let cards = if owner.site.config.cards {
            crate::pages::cards::all(&owner.site)
                .into_iter()
                .map(|c| (c.file.clone(), c))
                .collect()
        } else {
            HashMap::new()
        };
        watch.lap("  cards listed");
        let card_cache = owner.card_cache.clone();
        Ok(Live {
            cards,
            card_cache,
            drawn: Mutex::new(HashMap::new()),
            owner,
            pages,
            index,
            sctx,
            files,
            generated_names,
            generated: Mutex::new(HashMap::new()),
            rendered: Mutex::new(HashMap::new()),
            search: std::sync::OnceLock::new(),
        })
    }

    /// The search index's files by path (`pagefind/pagefind.js`), built on
    /// first ask; none when `search:` is off.
    pub(crate) fn search_files(&self) -> &Result<HashMap<String, Vec<u8>>, Diagnostic> {
        self.search.get_or_init(|| {
            crate::pages::search::files(&self.owner.site).map(|f| f.into_iter().collect())
        })
    }

    /// Makes the search index in the background unless it is made already
    /// or `stale()` says, part way, that a newer generation is coming;
    /// `Some` with what came of it when it was made here.
    pub(crate) fn index_unless(
        &self,
        stale: &(dyn Fn() -> bool + Sync),
    ) -> Option<Result<(), Diagnostic>> {
        if self.search.get().is_some() {
            return None;
        }
        let made = crate::pages::search::files_unless(&self.owner.site, stale)?
            .map(|f| f.into_iter().collect());
        let outcome = made.as_ref().map(|_| ()).map_err(Clone::clone);
        // A request may have made it meanwhile: the same bytes.
        let _ = self.search.set(made);
        Some(outcome)
    }

    /// Whether the site has a search index to make.
    pub(crate) fn has_search(&self) -> bool {
        self.owner.site.config.search
    }

    fn render_at(&self, i: usize) -> Result<Vec<u8>, Diagnostic> {
        let (file, r) = &self.pages[i];
        let page = plan::plan_page(&self.owner.site, *r, file.clone());
        crate::pipeline::render_page(&self.owner.renderer, &self.sctx, &page)
    }

    /// A generated file, made on first ask (only the sitemap needs the
    /// whole site planned).
    fn generated(&self, name: &'static str) -> Option<Vec<u8>> {
        let mut made = self.generated.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(b) = made.get(name) {
            return Some(b.clone());
        }
        let site = &self.owner.site;
        let b = if name == "sitemap.xml" {
            crate::pipeline::generated_file(site, name, &plan::plan(site))
        } else {
            crate::pipeline::generated_file(site, name, &[])
        }?;
        made.insert(name, b.clone());
        Some(b)
    }

    /// The file at `key` (`goals/x/index.html`), rendering a page on first
    /// ask. A clash goes as in a build, where what is written last wins:
    /// generated files, then static files and files beside entries, then
    /// pages.
    pub fn get(&self, key: &str) -> Found {
        if self.has_search()
            && key.starts_with(crate::pages::search::DIR)
            && key[crate::pages::search::DIR.len()..].starts_with('/')
            && let Ok(files) = self.search_files()
            && let Some(b) = files.get(key)
        {
            return Found::File(b.clone());
        }
        if let Some(&name) = self.generated_names.iter().find(|n| **n == key)
            && let Some(b) = self.generated(name)
        {
            return Found::File(b);
        }
        if let Some(b) = self.files.get(key) {
            return Found::File(b.clone());
        }
        if let Some(card) = self.cards.get(key) {
            return self.card(key, card);
        }
        let Some(&i) = self.index.get(key) else {
            return Found::Missing;
        };
        if let Some(b) = self
            .rendered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)
        {
            return Found::Page(Ok(b.clone()));
        }
        let page = self.render_at(i).map(Arc::new);
        if let Ok(b) = &page {
            self.rendered
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key.to_string(), b.clone());
        }
        Found::Page(page)
    }

    /// A card, drawn on its first ask (or found in the card cache) and
    /// kept for this generation. A card that fails to draw is answered as
    /// a page that fails: with the error.
    fn card(&self, key: &str, card: &crate::pages::cards::Card) -> Found {
        if let Some(b) = self
            .drawn
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)
        {
            return Found::File(b.clone());
        }
        match crate::pipeline::card_png(&self.owner.renderer, card, self.card_cache.as_deref()) {
            Ok((png, _, _)) => {
                self.drawn
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(key.to_string(), png.clone());
                Found::File(png)
            }
            Err(d) => Found::Page(Err(d)),
        }
    }

    /// Whether `key` is a page or a static file (generated files are never
    /// an `index.html`, which is what this is asked about).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.index.contains_key(key) || self.files.contains_key(key)
    }

    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    /// Every file of the served site, as a build would write it.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.index.keys().cloned().collect();
        keys.extend(self.files.keys().cloned());
        keys.extend(self.cards.keys().cloned());
        keys.extend(self.generated_names.iter().map(|n| n.to_string()));
        if self.has_search()
            && let Ok(files) = self.search_files()
        {
            keys.extend(files.keys().cloned());
        }
        keys.sort();
        keys.dedup();
        keys
    }

    /// Renders every page (without keeping them) to find template errors a
    /// build would report; stops early when `stale()` says a newer
    /// generation exists.
    pub(crate) fn check_all(&self, stale: &(dyn Fn() -> bool + Sync)) -> Vec<Diagnostic> {
        let n = self.pages();
        let errors: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
        (0..n)
            .into_par_iter()
            .with_max_len(crate::PAR_CHUNK)
            .for_each(|i| {
                if stale() {
                    return;
                }
                if let Err(d) = self.render_at(i) {
                    let mut errors = errors.lock().unwrap_or_else(|e| e.into_inner());
                    if !errors.contains(&d) {
                        errors.push(d);
                    }
                }
            });
        errors.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::testing::TempSite;

    /// A small site with a page, a goal, a file beside an entry and a
    /// static file that a generated file overrides.
    fn site() -> TempSite {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n")
            .write(
                "content/pages/about.md",
                "---\ntitle: About\n---\nAbout me.\n",
            )
            .write(
                "content/goals/staff/index.md",
                "---\ntitle: Staff\nhorizon: 3y\n---\n![c](chart.svg)\n",
            )
            .write("content/goals/staff/chart.svg", "<svg>chart</svg>")
            .write("static/robots.txt", "STATIC-ROBOTS");
        site
    }

    fn live(site: &TempSite) -> Live {
        crate::serve::prepare(&site.options())
            .unwrap_or_else(|d| panic!("{d:?}"))
            .0
    }

    fn bytes(found: Found) -> Vec<u8> {
        match found {
            Found::Page(Ok(b)) => b.to_vec(),
            Found::Page(Err(d)) => panic!("{d:?}"),
            Found::File(b) => b,
            Found::Missing => panic!("missing"),
        }
    }

    #[test]
    fn live_serves_every_file_a_build_writes_with_the_same_bytes() {
        let site = site();
        let live = live(&site);
        let built = crate::pipeline::build(&site.options()).unwrap();
        let keys: Vec<String> = built.output.files.keys().cloned().collect();
        assert_eq!(live.keys(), keys);
        assert_eq!(live.pages(), built.pages);
        for (key, want) in &built.output.files {
            assert_eq!(&bytes(live.get(key)), want, "{key}");
        }
        // As in the build, the generated file wins over the static one.
        assert_ne!(bytes(live.get("robots.txt")), b"STATIC-ROBOTS");
    }

    #[test]
    fn a_page_is_rendered_once_and_kept() {
        let site = site();
        let live = live(&site);
        let (Found::Page(Ok(first)), Found::Page(Ok(again))) =
            (live.get("about/index.html"), live.get("about/index.html"))
        else {
            panic!("about is not a page")
        };
        assert!(Arc::ptr_eq(&first, &again));
        assert!(String::from_utf8_lossy(&first).contains("About me."));
    }

    #[test]
    fn has_answers_for_pages_and_static_files_only() {
        let site = site();
        let live = live(&site);
        assert!(live.has("index.html"));
        assert!(live.has("goals/staff/index.html"));
        assert!(live.has("style.css"));
        assert!(live.has("goals/staff/chart.svg"));
        assert!(!live.has("nope/index.html"));
        assert!(!live.has("sitemap.xml"));
        assert!(matches!(live.get("nope/index.html"), Found::Missing));
        assert!(matches!(live.get(""), Found::Missing));
        assert!(matches!(live.get("sitemap.xml"), Found::File(_)));
    }

    #[test]
    fn check_all_finds_a_template_error_on_some_page_unless_stale() {
        let site = site();
        // Only pages of kind page use this template; the rest render.
        site.write(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}{{ entry.title | round }}{% endblock content %}",
        );
        let live = live(&site);
        assert!(matches!(live.get("index.html"), Found::Page(Ok(_))));
        let Found::Page(Err(on_request)) = live.get("about/index.html") else {
            panic!("the broken page rendered")
        };
        let errors = live.check_all(&|| false);
        assert_eq!(errors, [on_request]);
        // A newer generation exists: no page is rendered.
        assert_eq!(live.check_all(&|| true), []);
    }

    #[test]
    fn live_fails_like_a_build_on_a_sealed_page_without_a_secret() {
        if std::env::var_os(crate::seal::SECRET_ENV).is_some() {
            crate::pipeline::testing::skipped("WAYMARK_SHARE_SECRET is set");
            return;
        }
        let site = site();
        site.write(
            "content/share/manager.md",
            "---\ntitle: For my manager\nfrom: 2026-01-01\nto: 2026-12-31\nsealed: true\n---\nHi.\n",
        );
        let Err(errors) = crate::serve::prepare(&site.options()) else {
            panic!("served a sealed page without a secret")
        };
        assert_eq!(
            errors.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(),
            ["sealed-without-secret"]
        );
    }
}
