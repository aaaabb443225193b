//! The pipeline from a site folder to an in-memory `Output`: config, sources,
//! entries, site, plan, render. `build` writes the result; `serve` keeps it
//! in memory; `check` stops before rendering pages.

mod cache;
mod cards;
mod git;
mod read;
mod render;
mod sealed;
#[cfg(test)]
pub(crate) mod testing;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::time::Instant;

use jiff::civil::Date;

use crate::diag::Code;
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
pub use cards::{CardCounts, cache_dir as card_cache_dir};
pub(crate) use cards::{card_png, render_cards};
pub(crate) use git::git_tracked_private;
use read::{Broken, page_static_clashes, resolve_files};
pub use read::{
    Resolved, find_root, load_config, load_entries, load_ladder, resolve_file, resolve_sources,
};
pub use render::{
    generated_file, generated_file_names, generated_files, other_files, render_into, render_page,
    render_page_to, render_site, static_files,
};
pub(crate) use sealed::{Sealing, seal_pages, write_sealed};

/// Everything a run needs to know, as one value.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub base_url: Option<String>,
    pub audience: Audience,
    /// Today's date; `None` takes it from SOURCE_DATE_EPOCH or the clock.
    pub today: Option<Date>,
    /// What `serve` keeps between rebuilds; `None` for one-off runs.
    pub cache: Option<Arc<Cache>>,
    /// Where drawn cards are kept between runs (`build` and `serve` use
    /// the site's `.waymark/cards/`); `None` draws every card.
    pub card_cache: Option<PathBuf>,
}

/// A finished build.
#[derive(Debug)]
pub struct Built {
    pub output: Output,
    /// Warnings (errors make the build fail).
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) pages: usize,
    pub left_out: LeftOut,
    pub elapsed: std::time::Duration,
}

/// Everything up to the assembled site: what `check` runs.
pub fn assemble(opts: &Options) -> Result<(Site, theme::Theme, Vec<Diagnostic>), Vec<Diagnostic>> {
    let root = &opts.root;
    let mut watch = Stopwatch::new();
    // One run reports everything: with a broken config, the rest of the
    // site is checked against a plain one, and every error comes together.
    let (mut config, config_errors) = match load_config(root, opts.base_url.as_deref()) {
        Ok(c) => (c, Vec::new()),
        Err(e) => match config::parse("title: x\nbase_url: http://localhost/\n", None) {
            Ok(plain) => (plain, e),
            Err(_) => return Err(e),
        },
    };
    // The ladder is read with the real config only (it names the file).
    let mut ladder_diags = Vec::new();
    if config_errors.is_empty() {
        ladder_diags = load_ladder(root, &mut config);
    }
    // What serve keeps is only for the real config.
    let cache = opts.cache.as_ref().filter(|_| config_errors.is_empty());
    let mut placeholders = Vec::new();
    if config_errors.is_empty() {
        placeholders = crate::model::lint::config_warnings(&config, || {
            std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap_or_default()
        });
    }
    let (mut entries, assets, mut diags, files) = match cache {
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
    sealed::name_sealed(&mut entries, root);
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
    diags.append(&mut ladder_diags);
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
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) pages: usize,
    pub left_out: LeftOut,
    pub elapsed: std::time::Duration,
    /// The sealed pages made and found, for `build` to write to sealed/.
    pub(crate) sealing: Sealing,
    /// The site model the pages were rendered from, handed back rather
    /// than freed here: a command that exits right after can skip freeing
    /// it (millions of small allocations, about a twentieth of a large
    /// build's time, on one core).
    pub(crate) site: Site,
}

/// Renders the whole site into `sink`, page by page as pages are ready.
pub(crate) fn build_into(
    opts: &Options,
    sink: &dyn crate::output::Sink,
) -> Result<Rendered, Vec<Diagnostic>> {
    let start = Instant::now();
    let (mut site, theme, mut diags) = assemble(opts)?;
    let renderer = match Renderer::new(&theme) {
        Ok(r) => r,
        Err(mut d) => {
            diags.append(&mut d);
            return Err(diags);
        }
    };
    let mut sealing = match seal_pages(&mut site, &renderer, &opts.root) {
        Ok(s) => s,
        Err(mut d) => {
            diags.append(&mut d);
            return Err(diags);
        }
    };
    diags.append(&mut sealing.warnings);
    match render_into(&site, &theme, &renderer, sink, opts.card_cache.as_deref()) {
        Ok(pages) => Ok(Rendered {
            diagnostics: diags,
            pages,
            left_out: site.left_out,
            elapsed: start.elapsed(),
            sealing,
            site,
        }),
        Err(mut d) => {
            diags.append(&mut d);
            Err(diags)
        }
    }
}

/// Refuses an output folder that would overwrite the site's own files.
pub(crate) fn check_output_dir(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = normalize(root);
    let out = normalize(out);
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            Code::BadOutput,
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
pub(crate) fn summary_line(
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

#[cfg(test)]
mod tests {
    use super::testing::TempSite;
    use super::*;
    use std::time::Duration;

    fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn check_output_dir_refuses_the_site_folder_and_every_folder_holding_it() {
        let site = TempSite::new();
        let root = site.root();
        let parent = root.parent().unwrap().to_path_buf();
        for out in [root.to_path_buf(), parent, PathBuf::from("/")] {
            let d = check_output_dir(root, &out).unwrap_err();
            assert_eq!(d.code.as_str(), "bad-output", "{}", out.display());
            assert!(d.is_error());
            assert!(
                d.message.contains("it is the site folder or contains it"),
                "{}: {}",
                out.display(),
                d.message
            );
            assert!(d.help.as_deref().unwrap().contains("--output public"));
        }
    }

    #[test]
    fn check_output_dir_refuses_every_input_folder_and_git_whether_or_not_it_exists() {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\n");
        std::fs::create_dir(site.root().join(".git")).unwrap();
        let root = site.root();
        for input in source::INPUT_DIRS.iter().chain(&[".git"]) {
            for out in [root.join(input), root.join(input).join("public/deeper")] {
                let d = check_output_dir(root, &out).unwrap_err();
                assert_eq!(d.code.as_str(), "bad-output");
                assert!(
                    d.message.contains(&format!("it is inside {input}/")),
                    "{}: {}",
                    out.display(),
                    d.message
                );
            }
        }
    }

    #[test]
    fn check_output_dir_accepts_a_folder_of_its_own() {
        let site = TempSite::new();
        let root = site.root();
        let sibling = root.with_file_name(format!(
            "{}-public",
            root.file_name().unwrap().to_string_lossy()
        ));
        for out in [
            root.join("public"),
            root.join("out/site"),
            // Only whole folder names count: these are not content/ or .git/.
            root.join("content-preview"),
            root.join(".github"),
            sibling,
        ] {
            assert_eq!(check_output_dir(root, &out), Ok(()), "{}", out.display());
        }
    }

    #[cfg(unix)]
    #[test]
    fn check_output_dir_sees_through_symbolic_links() {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\n");
        let elsewhere = tempfile::tempdir().unwrap();
        let to_content = elsewhere.path().join("to-content");
        std::os::unix::fs::symlink(site.root().join("content"), &to_content).unwrap();
        let d = check_output_dir(site.root(), &to_content.join("public")).unwrap_err();
        assert!(d.message.contains("inside content/"), "{}", d.message);
        // The site named through a link, the output by its real path.
        let to_site = elsewhere.path().join("to-site");
        std::os::unix::fs::symlink(site.root(), &to_site).unwrap();
        assert!(check_output_dir(&to_site, &site.root().join("static")).is_err());
        assert_eq!(
            check_output_dir(&to_site, &site.root().join("public")),
            Ok(())
        );
    }

    #[test]
    fn summary_line_counts_pages_and_says_nothing_when_nothing_was_left_out() {
        let ms = Duration::from_millis(83);
        assert_eq!(
            summary_line(412, ms, LeftOut::default(), "public/"),
            "Built 412 pages in 83 ms → public/"
        );
        assert_eq!(
            summary_line(1, Duration::from_micros(1999), LeftOut::default(), "out"),
            "Built 1 page in 1 ms → out"
        );
        assert_eq!(
            summary_line(0, Duration::ZERO, LeftOut::default(), "x/"),
            "Built 0 pages in 0 ms → x/"
        );
    }

    #[test]
    fn summary_line_names_drafts_and_private_entries_left_out() {
        let line = |drafts, private| {
            summary_line(
                3,
                Duration::from_millis(5),
                LeftOut { drafts, private },
                "public/",
            )
        };
        let base = "Built 3 pages in 5 ms → public/";
        assert_eq!(line(1, 0), format!("{base} (1 draft left out)"));
        assert_eq!(line(2, 0), format!("{base} (2 drafts left out)"));
        assert_eq!(line(0, 1), format!("{base} (1 private entry left out)"));
        assert_eq!(line(0, 3), format!("{base} (3 private entries left out)"));
        assert_eq!(
            line(1, 1),
            format!("{base} (1 draft and 1 private entry left out)")
        );
        assert_eq!(
            line(4, 2),
            format!("{base} (4 drafts and 2 private entries left out)")
        );
    }

    #[test]
    fn assemble_gives_the_site_and_its_warnings() {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n")
            .write(
                "content/goals/staff.md",
                "---\ntitle: Become Staff\nhorizon: 3y\n---\n",
            )
            .write("content/goals/_index.md", "---\ntitle: Goals\n---\n");
        let (model, _theme, diags) = assemble(&site.options()).unwrap();
        assert_eq!(model.config.title, "Test Journal");
        assert_eq!(model.today, testing::today());
        assert_eq!(model.goals.len(), 1);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        assert!(
            codes(&diags).contains(&"section-index-ignored"),
            "{diags:?}"
        );
    }

    #[test]
    fn assemble_with_a_broken_config_still_checks_the_entries_but_keeps_only_errors() {
        let site = TempSite::new();
        site.write("waymark.yaml", "title: Test Journal\n")
            .write(
                "content/goals/staff.md",
                "---\ntitle: Become Staff\nhorizon: 3y\nbogus: 1\n---\n",
            )
            .write("content/goals/_index.md", "---\ntitle: Goals\n---\n");
        let diags = assemble(&site.options()).unwrap_err();
        let codes = codes(&diags);
        assert!(codes.contains(&"missing-base-url"), "{codes:?}");
        assert!(codes.contains(&"unknown-key"), "{codes:?}");
        // A warning found against the stand-in config would only mislead.
        assert!(diags.iter().all(Diagnostic::is_error), "{diags:?}");
    }

    #[test]
    fn assemble_reports_template_errors_with_the_sites_errors() {
        let site = TempSite::new();
        site.write(
            "content/goals/staff.md",
            "---\ntitle: Become Staff\nhorizon: 3y\nbogus: 1\n---\n",
        )
        .write("templates/page.html", "{% if %}broken\n");
        let diags = assemble(&site.options()).unwrap_err();
        let codes = codes(&diags);
        assert!(codes.contains(&"unknown-key"), "{codes:?}");
        assert!(codes.contains(&"template-syntax"), "{codes:?}");
    }

    #[test]
    fn assemble_does_not_report_a_reference_to_an_entry_that_failed_again() {
        let site = TempSite::new();
        site.write("content/goals/staff.md", "---\ntitle: [unclosed\n---\n")
            .write(
                "content/achievements/2026-03-06-shipped.md",
                "---\ntitle: Shipped\ngoals: [staff]\n---\nSee [it](@/goals/staff.md).\n",
            );
        let diags = assemble(&site.options()).unwrap_err();
        let about_staff: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.is_error())
            .filter(|d| d.path.as_deref() != Some("content/goals/staff.md"))
            .collect();
        assert!(about_staff.is_empty(), "{about_staff:?}");
        assert!(
            diags
                .iter()
                .any(|d| d.path.as_deref() == Some("content/goals/staff.md")),
            "{diags:?}"
        );
    }

    #[test]
    fn build_counts_pages_and_what_the_audience_leaves_out() {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n")
            .write(
                "content/achievements/2026-03-06-a.md",
                "---\ntitle: Shipped\n---\nDone.\n",
            )
            .write(
                "content/achievements/2026-03-07-b.md",
                "---\ntitle: Half done\ndraft: true\n---\nNot yet.\n",
            );
        let built = build(&site.options()).unwrap();
        assert_eq!(
            built.left_out,
            LeftOut {
                drafts: 1,
                private: 0
            }
        );
        assert_eq!(built.pages, built.output.html_pages());
        assert!(built.output.files.contains_key("achievements/a/index.html"));
        assert!(!built.output.files.contains_key("achievements/b/index.html"));
        let mut opts = site.options();
        opts.audience.drafts = true;
        let with_drafts = build(&opts).unwrap();
        assert_eq!(with_drafts.left_out, LeftOut::default());
        assert!(
            with_drafts
                .output
                .files
                .contains_key("achievements/b/index.html")
        );
        assert!(with_drafts.pages > built.pages);
    }

    #[test]
    fn build_into_a_sink_writes_what_build_keeps_in_memory() {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n");
        let sink = crate::output::MemorySink::default();
        let rendered = build_into(&site.options(), &sink).unwrap();
        let output = sink.into_output();
        let built = build(&site.options()).unwrap();
        assert_eq!(rendered.pages, built.pages);
        assert_eq!(
            output.files.keys().collect::<Vec<_>>(),
            built.output.files.keys().collect::<Vec<_>>()
        );
        assert_eq!(output.files["index.html"], built.output.files["index.html"]);
    }
}
