//! The site as `serve` holds it: the assembled model and its page plan,
//! with pages rendered when a browser asks for them (and kept until the next
//! change). A save then costs one model rebuild, not a render of every page:
//! what keeps previews instant when a journal holds thousands of entries.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::plan::{self, Planned};
use crate::render::Renderer;
use crate::site::Site;

/// What the plan borrows from.
pub struct Owner {
    pub site: Site,
    pub renderer: Renderer,
    pub theme: crate::theme::Theme,
    pub root: PathBuf,
}

/// The page plan, and every file that is not a page.
pub struct Plan<'a> {
    pages: Vec<Planned<'a>>,
    index: HashMap<String, usize>,
    sctx: tera::Value,
    secret: Option<crate::seal::Secret>,
    files: HashMap<String, Vec<u8>>,
}

self_cell::self_cell!(
    struct Cell {
        owner: Owner,
        #[covariant]
        dependent: Plan,
    }
);

/// One generation of the served site.
pub struct Live {
    cell: Cell,
    rendered: Mutex<HashMap<String, Arc<Vec<u8>>>>,
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
    /// Plans the site and makes its other files; fails like a build would
    /// (a sealed page without a secret, an unreadable asset).
    pub fn new(owner: Owner) -> Result<Live, Vec<Diagnostic>> {
        let cell = Cell::try_new(owner, |o| -> Result<Plan<'_>, Vec<Diagnostic>> {
            let pages = plan::plan(&o.site);
            let secret = crate::build::sealing_secret(&o.site, &pages, &o.root)?;
            let files = crate::build::other_files(&o.site, &o.theme, &pages)?
                .into_iter()
                .collect();
            let index = pages
                .iter()
                .enumerate()
                .map(|(i, p)| (p.file.clone(), i))
                .collect();
            let sctx = tera::Value::from_serializable(&plan::site_ctx(&o.site));
            Ok(Plan {
                pages,
                index,
                sctx,
                secret,
                files,
            })
        })?;
        Ok(Live {
            cell,
            rendered: Mutex::new(HashMap::new()),
        })
    }

    fn render_at(&self, i: usize) -> Result<String, Diagnostic> {
        self.cell.with_dependent(|o, plan| {
            crate::build::render_page(
                &o.renderer,
                &plan.sctx,
                &plan.pages[i],
                plan.secret.as_ref(),
            )
        })
    }

    /// The file at `key` (`goals/x/index.html`), rendering a page on first ask.
    pub fn get(&self, key: &str) -> Found {
        let plan = self.cell.borrow_dependent();
        if let Some(&i) = plan.index.get(key) {
            if let Some(b) = self
                .rendered
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(key)
            {
                return Found::Page(Ok(b.clone()));
            }
            let page = self.render_at(i).map(|html| Arc::new(html.into_bytes()));
            if let Ok(b) = &page {
                self.rendered
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(key.to_string(), b.clone());
            }
            return Found::Page(page);
        }
        match plan.files.get(key) {
            Some(b) => Found::File(b.clone()),
            None => Found::Missing,
        }
    }

    pub fn has(&self, key: &str) -> bool {
        let plan = self.cell.borrow_dependent();
        plan.index.contains_key(key) || plan.files.contains_key(key)
    }

    pub fn pages(&self) -> usize {
        self.cell.borrow_dependent().pages.len()
    }

    /// Renders every page (without keeping them) to find template errors a
    /// build would report; stops early when `stale()` says a newer
    /// generation exists.
    pub fn check_all(&self, stale: &(dyn Fn() -> bool + Sync)) -> Vec<Diagnostic> {
        let n = self.pages();
        let errors: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
        (0..n).into_par_iter().for_each(|i| {
            if stale() {
                return;
            }
            if let Err(d) = self.render_at(i) {
                let mut errors = errors.lock().unwrap_or_else(|e| e.into_inner());
                if !errors.iter().any(|e| e.message == d.message) {
                    errors.push(d);
                }
            }
        });
        errors.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}
