//! `waymark serve`: builds the site into memory, serves it over HTTP, watches
//! the site's files, rebuilds on change and tells open pages to reload. A
//! failed rebuild keeps the last good site up with an error overlay.

pub(crate) mod http;
pub mod live;
pub(crate) mod reload;
pub(crate) mod watch;

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::model::site::Audience;
use crate::pipeline::{self, Options};

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub(crate) root: PathBuf,
    pub(crate) bind: IpAddr,
    pub(crate) port: u16,
    /// `--base-url`: only its path is used, to serve under a sub-path.
    pub(crate) base_url: Option<String>,
    pub(crate) audience: Audience,
    pub(crate) open: bool,
    pub(crate) poll: bool,
    pub(crate) quiet: bool,
}

/// What is being served right now.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    /// The last good build, its pages rendered on request.
    pub(crate) live: Option<Arc<live::Live>>,
    /// Set while the latest rebuild failed: the overlay shown on every page.
    pub(crate) overlay: Option<Arc<String>>,
    /// Counts builds (good or bad); pages carry it so a tab that missed an
    /// event while loading still notices.
    pub(crate) generation: u64,
}

/// How diagnostics reach the terminal: the command line's printer (colour
/// on a terminal, `--quiet`), from any thread.
pub(crate) type Print = Arc<dyn Fn(&mut [Diagnostic]) + Send + Sync>;

/// State shared by the HTTP threads and the rebuild loop.
pub(crate) struct Shared {
    pub(crate) print: Print,
    pub(crate) snapshot: RwLock<Snapshot>,
    pub(crate) hub: reload::Hub,
    /// `/` or `/career/`.
    pub(crate) base_path: String,
    /// Where the server can reach itself: the address it is bound to, or
    /// loopback when bound to every address.
    pub(crate) own_addr: std::net::SocketAddr,
    /// Counts changes seen, from the moment they arrive, so background work
    /// for an older version stops before the rebuild needs the processors.
    pub(crate) changes: std::sync::atomic::AtomicU64,
}

impl Shared {
    pub(crate) fn current(&self) -> Snapshot {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// The path part of `--base-url` (`https://alex.github.io/career/` → `/career/`).
pub(crate) fn base_path(base_url: Option<&str>) -> Result<String, String> {
    match base_url {
        None => Ok("/".to_string()),
        Some(u) => crate::model::config::BaseUrl::parse(u).map(|b| b.path().to_string()),
    }
}

/// The overlay HTML for a failed build: every diagnostic, escaped.
pub(crate) fn overlay_html(diags: &[Diagnostic]) -> String {
    let mut diags = diags.to_vec();
    crate::diag::sort(&mut diags);
    let mut text = String::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        text.push_str(&d.render(false));
        text.push('\n');
    }
    if let Some(s) = crate::diag::summary(&diags) {
        text.push_str(&s);
    }
    format!(
        concat!(
            r#"<div id="waymark-error-overlay" role="alertdialog" aria-modal="true" aria-labelledby="waymark-error-title" "#,
            r#"style="position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:24px 28px;"#,
            r#"background:rgba(24,4,8,.94);color:#fde8e8;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left">"#,
            r#"<h2 id="waymark-error-title" style="margin:0 0 6px;font:700 18px/1.3 system-ui,sans-serif;color:#ff9b9b">waymark: the last change did not build</h2>"#,
            r#"<p style="margin:0 0 16px;font:14px/1.4 system-ui,sans-serif;color:#f3c6c6">You are looking at the last good build. Fix the problem and save: this message goes away by itself.</p>"#,
            r#"<pre style="white-space:pre-wrap;margin:0;color:#fde8e8;background:none">{}</pre></div>"#
        ),
        crate::text::esc(&text)
    )
}

/// Where the server reaches itself, and pages link to: the address it is
/// bound to, or loopback when bound to every address.
fn own_addr(bind: IpAddr, port: u16) -> std::net::SocketAddr {
    let ip = match bind {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    std::net::SocketAddr::new(ip, port)
}

/// The build options `serve` runs with, for the server at `addr` and the
/// base path already checked.
fn build_opts(opts: &ServeOptions, addr: std::net::SocketAddr, base_path: &str) -> Options {
    Options {
        root: opts.root.clone(),
        // SocketAddr prints IPv6 in brackets, as a URL wants it.
        base_url: Some(format!("http://{addr}{base_path}")),
        audience: opts.audience,
        today: None,
        cache: Some(Arc::new(pipeline::Cache::default())),
        card_cache: Some(pipeline::card_cache_dir(&opts.root)),
    }
}

/// What one rebuild did, for the terminal and the browser.
pub(crate) enum Rebuilt {
    Ok {
        pages: usize,
        ms: u128,
        warnings: Vec<Diagnostic>,
    },
    Failed(Vec<Diagnostic>),
}

/// Builds the site as served: assembled, planned, pages left to render on
/// request. Returns it with its warnings.
pub fn prepare(opts: &Options) -> Result<(live::Live, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut watch = crate::clock::Stopwatch::new();
    let (mut site, theme, mut warnings) = pipeline::assemble(opts)?;
    watch.lap("assemble");
    if let Some(cache) = &opts.cache {
        watch.note(|| format!("{:?}", cache.last_rebuild()));
    }
    let renderer = crate::pages::render::Renderer::new(&theme)?;
    watch.lap("compile templates");
    // Sealed in memory, as a build would; serve never writes sealed/.
    let mut sealing = pipeline::seal_pages(&mut site, &renderer, &opts.root)?;
    warnings.append(&mut sealing.warnings);
    watch.lap("seal");
    let live = live::Live::new(live::Owner {
        site,
        renderer,
        theme,
        card_cache: opts.card_cache.clone(),
    })?;
    watch.lap("plan and other files");
    Ok((live, warnings))
}

/// Rebuilds and swaps the snapshot; a failure keeps the last good output.
pub(crate) fn rebuild(shared: &Shared, opts: &Options) -> Rebuilt {
    let start = Instant::now();
    let result = prepare(opts);
    let mut snap = shared.snapshot.write().unwrap_or_else(|e| e.into_inner());
    snap.generation += 1;
    match result {
        Ok((live, warnings)) => {
            let pages = live.pages();
            let old = snap.live.replace(Arc::new(live));
            snap.overlay = None;
            // Dropping a large site takes a while: not on the way to the browser.
            std::thread::spawn(move || drop(old));
            Rebuilt::Ok {
                pages,
                ms: start.elapsed().as_millis(),
                warnings,
            }
        }
        Err(diags) => {
            snap.overlay = Some(Arc::new(overlay_html(&diags)));
            Rebuilt::Failed(diags)
        }
    }
}

/// Pages render on request, so a template that fails only on some page
/// would go unnoticed until that page is opened. This renders them all in
/// the background, as `build` would, and shows any error as the overlay;
/// a newer change stops it.
fn validate_in_background(shared: Arc<Shared>) {
    std::thread::spawn(move || {
        let snap = shared.current();
        let Some(live) = snap.live.clone() else {
            return;
        };
        let generation = snap.generation;
        let changes = shared.changes.load(std::sync::atomic::Ordering::SeqCst);
        // Every rebuild after this one follows a change counted first, so
        // the counter alone says when this work is stale (checked per page:
        // no lock taken).
        let stale = || shared.changes.load(std::sync::atomic::Ordering::SeqCst) != changes;
        let mut errors = live.check_all(&stale);
        if errors.is_empty() || stale() {
            return;
        }
        (shared.print)(&mut errors);
        eprintln!("Some pages cannot be rendered: the error shows in the browser.");
        {
            let mut s = shared.snapshot.write().unwrap_or_else(|e| e.into_inner());
            if s.generation != generation {
                return;
            }
            s.overlay = Some(Arc::new(overlay_html(&errors)));
        }
        shared.hub.broadcast("reload", generation);
    });
}

/// Builds the search index of the site being served, on one thread of its
/// own, after the reload was signalled, so a save reloads the page as fast
/// as without search; a request for an index file meanwhile waits for it.
/// One index is made at a time, always of the newest generation: a save
/// that comes in while one is made stops it (between records), and the
/// thread starts again on the newer site.
#[derive(Clone)]
struct Indexer(std::sync::mpsc::SyncSender<()>);

impl Indexer {
    fn start(shared: Arc<Shared>) -> Indexer {
        let (tx, rx) = std::sync::mpsc::sync_channel::<()>(1);
        std::thread::spawn(move || {
            while rx.recv().is_ok() {
                let changes = shared.changes.load(std::sync::atomic::Ordering::SeqCst);
                let Some(live) = shared.current().live.filter(|l| l.has_search()) else {
                    continue;
                };
                let stale = || shared.changes.load(std::sync::atomic::Ordering::SeqCst) != changes;
                if let Some(Err(d)) = live.index_unless(&stale) {
                    (shared.print)(&mut [d]);
                }
            }
        });
        Indexer(tx)
    }

    /// Asks for the index of the site now served (a request already
    /// waiting covers this one).
    fn kick(&self) {
        let _ = self.0.try_send(());
    }
}

/// Runs the server until Ctrl-C. Returns an exit code.
pub(crate) fn run(opts: ServeOptions, print: Print) -> u8 {
    let base_path = match base_path(opts.base_url.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            print(&mut [Diagnostic::error(Code::InvalidBaseUrl, e).with_help(
                "e.g. `--base-url https://alex.github.io/career/` or `--base-url /career/`",
            )]);
            return 2;
        }
    };
    let (server, port) = match http::bind(opts.bind, opts.port) {
        Ok(s) => s,
        Err(e) => {
            print(&mut [Diagnostic::error(Code::BindFailed, e)]);
            return 1;
        }
    };
    let addr = own_addr(opts.bind, port);
    let build_options = build_opts(&opts, addr, &base_path);
    let shared = Arc::new(Shared {
        print: print.clone(),
        snapshot: RwLock::new(Snapshot {
            live: None,
            overlay: None,
            generation: 0,
        }),
        hub: reload::Hub::default(),
        base_path: base_path.clone(),
        own_addr: addr,
        changes: std::sync::atomic::AtomicU64::new(0),
    });
    let say = |s: &str| {
        if !opts.quiet {
            eprintln!("{s}");
        }
    };
    let mut initial_warnings = Vec::new();
    let indexer = Indexer::start(shared.clone());
    match rebuild(&shared, &build_options) {
        Rebuilt::Ok {
            pages,
            ms,
            mut warnings,
        } => {
            print(&mut warnings);
            initial_warnings = warnings;
            say(&format!(
                "Built {} in {ms} ms (in memory)",
                crate::diag::plural(pages, "page")
            ));
            indexer.kick();
            validate_in_background(shared.clone());
        }
        Rebuilt::Failed(mut diags) => {
            print(&mut diags);
            say("The site has errors: serving them as an overlay until they are fixed.");
        }
    }
    let shown_host = match opts.bind {
        IpAddr::V6(v6) => format!("[{v6}]"),
        v4 => v4.to_string(),
    };
    let url = format!("http://{shown_host}:{port}{base_path}");
    if !opts.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} beyond this machine: anyone who can reach it sees the preview{}",
            opts.bind,
            if opts.audience.private {
                ", private entries included"
            } else {
                " (drafts and any --private entries included)"
            }
        );
    }
    let _ = ctrlc::set_handler(|| {
        eprintln!("\nStopped.");
        std::process::exit(0);
    });
    let cache = build_options.cache.clone();
    let watcher = watch::start(&opts.root, opts.poll, {
        let shared = shared.clone();
        let indexer = indexer.clone();
        let quiet = opts.quiet;
        // Warnings are repeated only when they change, not on every save.
        let mut last_warnings: Vec<Diagnostic> = initial_warnings;
        move |change: watch::Change| {
            shared
                .changes
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            if let Some(cache) = &build_options.cache {
                cache.changed(&change.paths, change.rescan);
            }
            let outcome = rebuild(&shared, &build_options);
            match outcome {
                Rebuilt::Ok {
                    pages,
                    ms,
                    mut warnings,
                } => {
                    crate::diag::sort(&mut warnings);
                    if !quiet {
                        if warnings != last_warnings {
                            (shared.print)(&mut warnings);
                        }
                        eprintln!(
                            "Rebuilt {} in {ms} ms ({})",
                            crate::diag::plural(pages, "page"),
                            change.describe()
                        );
                    }
                    last_warnings = warnings;
                    let kind = if change.css_only() { "css" } else { "reload" };
                    shared.hub.broadcast(kind, shared.current().generation);
                    indexer.kick();
                    validate_in_background(shared.clone());
                }
                Rebuilt::Failed(mut diags) => {
                    (shared.print)(&mut diags);
                    eprintln!("The last good site stays up; the error shows in the browser.");
                    shared.hub.broadcast("reload", shared.current().generation);
                }
            }
        }
    });
    let _watcher = match watcher {
        Ok(w) => {
            // Edits made while the first build ran were never reported.
            if let Some(cache) = &cache {
                cache.watching();
            }
            w
        }
        Err(e) => {
            print(&mut [Diagnostic::error(
                Code::WatchFailed,
                format!("cannot watch the site: {e}"),
            )
            .with_help("try `waymark serve --poll`")]);
            return 1;
        }
    };
    // Announced only once the watcher runs, so no edit after this is missed.
    eprintln!("Serving {} at {url}", opts.root.display());
    say("Watching for changes. Press Ctrl-C to stop.");
    if opts.open {
        open_browser(&url);
    }
    http::serve_forever(server, shared);
    0
}

fn open_browser(url: &str) {
    let candidates: &[&[&str]] = if cfg!(target_os = "macos") {
        &[&["open"]]
    } else if cfg!(windows) {
        &[&["cmd", "/C", "start", ""]]
    } else {
        &[&["xdg-open"], &["sensible-browser"]]
    };
    for c in candidates {
        if std::process::Command::new(c[0])
            .args(&c[1..])
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
        {
            return;
        }
    }
    eprintln!("Could not open a browser: visit {url}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::testing::TempSite;
    use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};

    #[test]
    fn base_path_is_the_path_of_the_base_url() {
        assert_eq!(base_path(None).as_deref(), Ok("/"));
        for (url, path) in [
            ("https://alex.github.io/career/", "/career/"),
            ("https://alex.github.io/career", "/career/"),
            ("http://localhost:8080", "/"),
            ("/career/", "/career/"),
            ("/a/b", "/a/b/"),
        ] {
            assert_eq!(base_path(Some(url)).as_deref(), Ok(path), "{url}");
        }
        for bad in ["career/", "https:///x", "/a?b=c"] {
            assert!(base_path(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_overlay_escapes_what_it_shows() {
        let d = Diagnostic::error(Code::Template, "<script>alert('x') & \"y\"</script>")
            .at_path("templates/<b>.html")
            .with_help("remove <script>");
        let html = overlay_html(&[d]);
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("templates/&lt;b&gt;.html"), "{html}");
        assert!(html.contains("remove &lt;script&gt;"), "{html}");
        // One element, with what assistive technology needs to announce it.
        assert!(html.starts_with(r#"<div id="waymark-error-overlay" role="alertdialog""#));
        assert!(html.ends_with("</pre></div>"));
    }

    #[test]
    fn the_overlay_lists_errors_in_order_and_counts_warnings_in_its_summary() {
        let html = overlay_html(&[
            Diagnostic::error(Code::UnknownGoal, "SECOND-ERROR").at_path("content/b.md"),
            Diagnostic::warning(Code::MissingImpact, "A-WARNING").at_path("content/a.md"),
            Diagnostic::error(Code::UnknownKey, "FIRST-ERROR").at_path("content/a.md"),
        ]);
        let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} in {html}"));
        assert!(at("FIRST-ERROR") < at("SECOND-ERROR"));
        assert!(!html.contains("A-WARNING"), "{html}");
        assert!(
            html.contains("error: 2 errors in 2 files; 1 warning"),
            "{html}"
        );
    }

    #[test]
    fn own_addr_is_loopback_when_bound_to_every_address() {
        let v4 = |a: Ipv4Addr| IpAddr::V4(a);
        assert_eq!(
            own_addr(v4(Ipv4Addr::UNSPECIFIED), 1111),
            SocketAddr::new(v4(Ipv4Addr::LOCALHOST), 1111)
        );
        assert_eq!(
            own_addr(IpAddr::V6(Ipv6Addr::UNSPECIFIED), 8080),
            SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), 8080)
        );
        for ip in [
            v4(Ipv4Addr::LOCALHOST),
            v4(Ipv4Addr::new(192, 168, 1, 20)),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ] {
            assert_eq!(own_addr(ip, 4000), SocketAddr::new(ip, 4000));
        }
    }

    fn serve_options(root: &std::path::Path) -> ServeOptions {
        ServeOptions {
            root: root.to_path_buf(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            base_url: None,
            audience: Audience {
                drafts: true,
                private: true,
                local: true,
            },
            open: false,
            poll: false,
            quiet: true,
        }
    }

    #[test]
    fn build_opts_point_the_site_at_the_server_and_keep_a_cache() {
        let opts = serve_options(std::path::Path::new("site"));
        let addr: SocketAddr = "127.0.0.1:4242".parse().unwrap();
        let b = build_opts(&opts, addr, "/career/");
        assert_eq!(b.base_url.as_deref(), Some("http://127.0.0.1:4242/career/"));
        assert_eq!(b.root, opts.root);
        assert_eq!(b.audience, opts.audience);
        assert_eq!(b.today, None);
        assert!(b.cache.is_some());
        let v6: SocketAddr = "[::1]:8080".parse().unwrap();
        assert_eq!(
            build_opts(&opts, v6, "/").base_url.as_deref(),
            Some("http://[::1]:8080/")
        );
    }

    fn shared() -> Shared {
        Shared {
            print: Arc::new(|_: &mut [Diagnostic]| {}),
            snapshot: RwLock::new(Snapshot {
                live: None,
                overlay: None,
                generation: 0,
            }),
            hub: reload::Hub::default(),
            base_path: "/".to_string(),
            own_addr: "127.0.0.1:4242".parse().unwrap(),
            changes: std::sync::atomic::AtomicU64::new(0),
        }
    }

    #[test]
    fn a_failed_rebuild_keeps_the_last_good_site_and_shows_the_overlay() {
        let site = TempSite::new();
        site.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n");
        let shared = shared();
        let opts = build_opts(&serve_options(site.root()), shared.own_addr, "/");
        let Rebuilt::Ok { pages, .. } = rebuild(&shared, &opts) else {
            panic!("the first build fails")
        };
        let first = shared.current();
        assert_eq!(first.generation, 1);
        assert!(first.overlay.is_none());
        let good = first.live.clone().expect("a live site");
        assert_eq!(good.pages(), pages);
        // A mistake: the last good site stays, with the errors over it.
        site.write(
            "content/goals/staff.md",
            "---\ntitle: Staff\nhorizon: 3y\nbogus: <1>\n---\n",
        );
        let Rebuilt::Failed(diags) = rebuild(&shared, &opts) else {
            panic!("a broken entry builds")
        };
        assert!(
            diags.iter().any(|d| d.code.as_str() == "unknown-key"),
            "{diags:?}"
        );
        let failed = shared.current();
        assert_eq!(failed.generation, 2);
        assert!(Arc::ptr_eq(failed.live.as_ref().unwrap(), &good));
        let overlay = failed.overlay.expect("an overlay");
        assert!(overlay.contains("unknown-key"), "{overlay}");
        // Fixed: a new site, and no overlay.
        site.write(
            "content/goals/staff.md",
            "---\ntitle: Staff\nhorizon: 3y\n---\n",
        );
        assert!(matches!(rebuild(&shared, &opts), Rebuilt::Ok { .. }));
        let fixed = shared.current();
        assert_eq!(fixed.generation, 3);
        assert!(fixed.overlay.is_none());
        let live = fixed.live.unwrap();
        assert!(!Arc::ptr_eq(&live, &good));
        assert_eq!(live.pages(), good.pages() + 1);
    }

    #[test]
    fn a_site_that_never_built_serves_only_the_overlay() {
        let site = TempSite::empty();
        let shared = shared();
        let opts = build_opts(&serve_options(site.root()), shared.own_addr, "/");
        let Rebuilt::Failed(diags) = rebuild(&shared, &opts) else {
            panic!("a folder without a config builds")
        };
        assert!(
            diags.iter().any(|d| d.code.as_str() == "no-config"),
            "{diags:?}"
        );
        let snap = shared.current();
        assert!(snap.live.is_none());
        assert_eq!(snap.generation, 1);
        assert!(snap.overlay.unwrap().contains("no-config"));
    }

    #[test]
    fn prepare_builds_the_site_as_served_with_its_warnings() {
        let site = TempSite::new();
        site.write("content/goals/_index.md", "---\ntitle: Goals\n---\n")
            .write(
                "content/achievements/2026-03-06-wip.md",
                "---\ntitle: Work in progress\ndraft: true\n---\nWIP.\n",
            );
        let opts = build_opts(
            &serve_options(site.root()),
            "127.0.0.1:4242".parse().unwrap(),
            "/",
        );
        let (live, warnings) = prepare(&opts).unwrap();
        assert!(
            warnings
                .iter()
                .any(|d| d.code.as_str() == "section-index-ignored")
        );
        // serve --drafts: the draft is served.
        assert!(live.has("achievements/wip/index.html"));
        let Some(cache) = &opts.cache else {
            unreachable!()
        };
        assert!(cache.last_rebuild().walked);
    }
}
