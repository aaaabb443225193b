//! The pipeline from a site folder to an in-memory `Output`: config, sources,
//! entries, site, plan, render. `build` writes the result; `serve` keeps it
//! in memory; `check` stops before rendering pages.

mod cache;
mod git;
mod read;
mod render;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::time::Instant;

use jiff::civil::Date;

use crate::diag::Diagnostic;
use crate::model::config::{self, CONFIG_FILE};
use crate::model::site::{self, Audience, LeftOut, Site};
use crate::model::source;
use crate::output::Output;
use crate::pages::render::Renderer;
use crate::pages::theme;

use crate::clock::{Stopwatch, today};
use crate::model::source::normalize;
use cache::read_cached;
pub use cache::{Cache, RebuildWork};
pub use git::git_tracked_private;
use read::{Broken, page_static_clashes, resolve_files};
pub use read::{Resolved, find_root, load_config, load_entries, resolve_file, resolve_sources};
pub use render::{
    generated_file, generated_file_names, generated_files, other_files, render_into, render_page,
    render_page_to, render_site, sealing_secret, static_files,
};

/// Everything a run needs to know, as one value.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub audience: Audience,
    /// Today's date; `None` takes it from SOURCE_DATE_EPOCH or the clock.
    pub today: Option<Date>,
    /// What `serve` keeps between rebuilds; `None` for one-off runs.
    pub cache: Option<std::sync::Arc<Cache>>,
}

/// A finished build.
#[derive(Debug)]
pub struct Built {
    pub output: Output,
    /// Warnings (errors make the build fail).
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub left_out: LeftOut,
    pub elapsed: std::time::Duration,
}

/// Everything up to the assembled site: what `check` runs.
pub fn assemble(opts: &Options) -> Result<(Site, theme::Theme, Vec<Diagnostic>), Vec<Diagnostic>> {
    let root = &opts.root;
    let mut watch = Stopwatch::new();
    // One run reports everything: with a broken config, the rest of the
    // site is checked against a plain one, and every error comes together.
    let (config, config_errors) = match load_config(root, opts.base_url.as_deref()) {
        Ok(c) => (c, Vec::new()),
        Err(e) => match config::parse("title: x\nbase_url: http://localhost/\n", None) {
            Ok(plain) => (plain, e),
            Err(_) => return Err(e),
        },
    };
    // What serve keeps is only for the real config.
    let cache = opts.cache.as_ref().filter(|_| config_errors.is_empty());
    let mut placeholders = Vec::new();
    if config_errors.is_empty() {
        let text = std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default();
        placeholders = crate::model::lint::config_warnings(&config, &text);
    }
    let (entries, assets, mut diags, files) = match cache {
        Some(cache) => read_cached(root, &config, cache),
        None => {
            let source::Sources {
                files,
                assets,
                errors,
            } = source::read_all(root);
            // Shared with the error check below rather than copied.
            let files: Vec<Arc<source::SourceFile>> = files.into_iter().map(Arc::new).collect();
            let (entries, diags) = resolve_files(&files, &config, errors);
            (entries, assets, diags, files)
        }
    };
    watch.lap("read and parse entries");
    let broken = Broken::find(&files, &entries, &diags);
    watch.lap("broken entries");
    let today = opts.today.unwrap_or_else(today);
    diags.extend(git_tracked_private(root, &entries));
    // No advice on entries that have errors: fix those first.
    let errored: std::collections::HashSet<&str> = diags
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.path.as_deref())
        .collect();
    let lint = crate::model::lint::warnings(
        entries
            .iter()
            .filter(|e| !errored.contains(e.origin.path.as_str()))
            .map(|e| &**e),
        today,
        opts.audience,
    );
    diags.extend(lint);
    diags.append(&mut placeholders);
    watch.lap("git check and lint");
    let theme = match theme::load(root, &config.theme) {
        Ok(mut t) => {
            diags.append(&mut t.warnings);
            Some(t)
        }
        Err(mut d) => {
            diags.append(&mut d);
            None
        }
    };
    if let Some(t) = &theme {
        diags.extend(page_static_clashes(&entries, t));
    }
    let model = cache.map(|c| &c.model);
    let (site, site_diags) =
        site::assemble_with(config, entries, &assets, opts.audience, today, model);
    watch.lap("markdown and site model");
    diags.extend(site_diags.into_iter().filter_map(|d| broken.adjust(d)));
    let failed = !config_errors.is_empty() || diags.iter().any(Diagnostic::is_error);
    match theme {
        Some(t) if !failed => return Ok((site, t, diags)),
        Some(t) => {
            // The pages cannot be rendered, but the templates can still be
            // compiled, so their errors come in the same run.
            if let Err(mut template_errors) = Renderer::new(&t) {
                diags.append(&mut template_errors);
            }
        }
        None => {}
    }
    if config_errors.is_empty() {
        return Err(diags);
    }
    // Warnings checked against a stand-in config would only mislead.
    let mut all = config_errors;
    all.extend(diags.into_iter().filter(Diagnostic::is_error));
    Err(all)
}

/// Renders the whole site into memory (for `serve`, `check` and tests).
pub fn build(opts: &Options) -> Result<Built, Vec<Diagnostic>> {
    let sink = crate::output::MemorySink::default();
    let done = build_into(opts, &sink)?;
    let output = sink.into_output();
    Ok(Built {
        pages: done.pages,
        output,
        diagnostics: done.diagnostics,
        left_out: done.left_out,
        elapsed: done.elapsed,
    })
}

/// What a build into a sink reports.
pub struct Rendered {
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub left_out: LeftOut,
    pub elapsed: std::time::Duration,
    /// The site model the pages were rendered from, handed back rather
    /// than freed here: a command that exits right after can skip freeing
    /// it (millions of small allocations, about a twentieth of a large
    /// build's time, on one core).
    pub site: Site,
}

/// Renders the whole site into `sink`, page by page as pages are ready.
pub fn build_into(
    opts: &Options,
    sink: &dyn crate::output::Sink,
) -> Result<Rendered, Vec<Diagnostic>> {
    let start = Instant::now();
    let (site, theme, mut diags) = assemble(opts)?;
    let renderer = match Renderer::new(&theme) {
        Ok(r) => r,
        Err(mut d) => {
            diags.append(&mut d);
            return Err(diags);
        }
    };
    match render_into(&site, &theme, &renderer, &opts.root, sink) {
        Ok(pages) => Ok(Rendered {
            diagnostics: diags,
            pages,
            left_out: site.left_out,
            elapsed: start.elapsed(),
            site,
        }),
        Err(mut d) => {
            diags.append(&mut d);
            Err(diags)
        }
    }
}

/// Refuses an output folder that would overwrite the site's own files.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = normalize(root);
    let out = normalize(out);
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            "bad-output",
            format!("refusing to write the site into {}: {why}", out.display()),
        )
        .with_help("pick a folder of its own, e.g. `--output public`"))
    };
    if root.starts_with(&out) {
        return refuse("it is the site folder or contains it");
    }
    // The folders waymark reads (the same ones serve watches), and git's.
    let inputs = source::INPUT_DIRS.iter().chain(&[".git"]);
    for input in inputs {
        if out.starts_with(root.join(input)) {
            return refuse(&format!("it is inside {input}/"));
        }
    }
    Ok(())
}

/// The one-line summary: `Built 412 pages in 83 ms → public/ (…)`.
pub fn summary_line(
    pages: usize,
    elapsed: std::time::Duration,
    left_out: LeftOut,
    dest: &str,
) -> String {
    let mut line = format!(
        "Built {} in {} ms → {dest}",
        crate::diag::plural(pages, "page"),
        elapsed.as_millis()
    );
    let mut parts = Vec::new();
    if left_out.drafts > 0 {
        parts.push(crate::diag::plural(left_out.drafts, "draft"));
    }
    if left_out.private > 0 {
        parts.push(format!(
            "{} private {}",
            left_out.private,
            if left_out.private == 1 {
                "entry"
            } else {
                "entries"
            }
        ));
    }
    if !parts.is_empty() {
        line.push_str(&format!(" ({} left out)", parts.join(" and ")));
    }
    line
}
