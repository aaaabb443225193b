//! `waymark serve`: the real server on a free port, spoken to over HTTP.

use std::time::{Duration, Instant};

use crate::support::http::{Server, Sse, get, request};
use crate::support::*;

fn fixture_with_assets() -> Fixture {
    let f = Fixture::small();
    f.write_bytes("static/img/photo.png", b"\x89PNG\r\n\x1a\nfake");
    f.write_bytes("static/img/photo.jpg", b"\xff\xd8\xfffake");
    f.write_bytes("static/img/photo.webp", b"RIFFfakeWEBP");
    f.write_bytes("static/fonts/a.woff2", b"wOF2fake");
    f.write_bytes("static/favicon.ico", b"\0\0\x01\0");
    f.write("static/notes.txt", "plain text");
    f
}

#[test]
fn pages_and_content_types() {
    let f = fixture_with_assets();
    let s = Server::start(f.path(), &[]);
    let cases = [
        ("/", "text/html; charset=utf-8"),
        ("/achievements/shipped/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/atom.xml", "application/xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/resume.json", "application/json"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/notes.txt", "text/plain; charset=utf-8"),
        ("/img/photo.png", "image/png"),
        ("/img/photo.jpg", "image/jpeg"),
        ("/img/photo.webp", "image/webp"),
        ("/fonts/a.woff2", "font/woff2"),
        ("/favicon.ico", "image/x-icon"),
        ("/__waymark/live.js", "text/javascript; charset=utf-8"),
    ];
    for (path, ctype) in cases {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ctype), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "{path}");
    }
    assert_eq!(s.get("/img/photo.png").body, b"\x89PNG\r\n\x1a\nfake");
    let home = s.get("/").text();
    assert!(
        home.contains("<script src=\"/__waymark/live.js\""),
        "live reload injected"
    );
    // serve works in memory: public/ is never written.
    assert!(!f.public().exists());
}

#[test]
fn a_static_file_in_a_pages_place_is_served_as_a_build_writes_it() {
    let f = Fixture::small();
    f.write(
        "static/404.html",
        "<!doctype html><html lang=\"en\"><head><title>Lost</title></head><body><p>My own missing page</p></body></html>",
    );
    let s = Server::start(f.path(), &[]);
    let miss = s.get("/no/such/page/");
    assert_eq!(miss.status, 404);
    assert!(
        miss.text().contains("My own missing page"),
        "{}",
        miss.text()
    );
    assert!(
        miss.text().contains("/__waymark/"),
        "live reload still injected"
    );
    let direct = s.get("/404.html");
    assert!(direct.text().contains("My own missing page"));
    f.run(&["build", "--quiet"]).ok();
    assert!(f.read("public/404.html").contains("My own missing page"));
}

#[test]
fn a_folder_with_a_non_ascii_name_redirects_to_its_slash() {
    let f = Fixture::small();
    f.write(
        "content/achievements/2026-03-20-syst.md",
        "---\ntitle: Système\ntags: [système]\n---\nBody.\n",
    );
    let s = Server::start(f.path(), &[]);
    let r = s.get("/tags/syst%C3%A8me");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("/tags/syst%C3%A8me/"));
    let page = s.get("/tags/syst%C3%A8me/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Système"));
}

#[test]
fn misses_methods_redirects_and_head() {
    let f = Fixture::small();
    let s = Server::start(f.path(), &[]);
    let miss = s.get("/no/such/page/");
    assert_eq!(miss.status, 404);
    assert!(
        miss.text().contains("Page not found"),
        "the site's 404.html"
    );
    for m in ["POST", "PUT", "DELETE", "PATCH"] {
        let r = request(s.port, m, "/").unwrap();
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
    }
    let r = s.get("/goals");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("/goals/"));
    let head = request(s.port, "HEAD", "/goals/").unwrap();
    let full = s.get("/goals/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length").unwrap(),
        full.body.len().to_string()
    );
}

#[test]
fn traversal_never_leaves_the_site() {
    let f = Fixture::small();
    f.write("secret.txt", "TOP-SECRET-OUTSIDE");
    let s = Server::start(f.path(), &[]);
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%5csecret.txt",
        "/..\\secret.txt",
        "/goals/..%2f..%2fsecret.txt",
        "/%00secret.txt",
        "/secret.txt%00.html",
        "//etc/passwd",
        "/./secret.txt",
        "/content/goals/staff.md",
        "/waymark.yaml",
        "http://127.0.0.1/../secret.txt",
        "/private/",
    ] {
        let r = request(s.port, "GET", target).unwrap();
        assert!(
            matches!(r.status, 400 | 404),
            "{target} answered {}",
            r.status
        );
        let body = r.text();
        assert!(
            !body.contains("TOP-SECRET-OUTSIDE") && !body.contains("root:x:0"),
            "{target} leaked"
        );
        assert!(
            !body.contains("title: Become Staff"),
            "{target} served a source file"
        );
    }
}

#[test]
fn edits_are_served_within_a_second_and_sse_reloads() {
    let f = Fixture::small();
    f.write("static/style.css", "body { color: black }");
    let s = Server::start(f.path(), &[]);
    let events = Sse::open(s.port, "/__waymark/events");
    assert_eq!(
        events.next(Duration::from_secs(5)).map(|e| e.0),
        Some("hello".into())
    );
    f.write(
        "content/achievements/2026-03-06-shipped.md",
        "---\ntitle: Shipped the importer v2\nimpact: 3x faster\nskills: [rust]\ngoals: [slos]\n---\nFRESH-EDIT-TEXT\n",
    );
    let start = Instant::now();
    let (r, _) = s.poll_until("/achievements/shipped/", Duration::from_secs(5), |r| {
        r.text().contains("FRESH-EDIT-TEXT")
    });
    let took = start.elapsed();
    assert!(r.text().contains("FRESH-EDIT-TEXT"), "edit never served");
    assert!(took < Duration::from_secs(1), "edit took {took:?}");
    assert!(
        events.wait_for("reload", Duration::from_secs(5)).is_some(),
        "no reload event"
    );
    // A CSS-only change swaps the stylesheet.
    f.write("static/style.css", "body { color: rebeccapurple }");
    assert!(
        events.wait_for("css", Duration::from_secs(5)).is_some(),
        "no css event"
    );
    let (css, _) = s.poll_until("/style.css", Duration::from_secs(5), |r| {
        r.text().contains("rebeccapurple")
    });
    assert!(css.text().contains("rebeccapurple"));
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_with_an_overlay_until_fixed() {
    let f = Fixture::small();
    let s = Server::start(f.path(), &[]);
    let events = Sse::open(s.port, "/__waymark/events");
    events.next(Duration::from_secs(5));
    let good = "---\ntitle: Shipped the importer\nimpact: 3x faster\n---\nGOOD-BODY\n";
    f.write("content/achievements/2026-03-06-shipped.md", good);
    s.poll_until("/achievements/shipped/", Duration::from_secs(5), |r| {
        r.text().contains("GOOD-BODY")
    });
    // The good edit's own event, so the one awaited below is the broken one's.
    assert!(
        events.wait_for("reload", Duration::from_secs(5)).is_some(),
        "reload after the good edit"
    );
    f.write(
        "content/achievements/2026-03-06-shipped.md",
        "---\ntitle: Shipped the importer\nimpcat: 3x faster\n---\nBROKEN-BODY\n",
    );
    let (r, _) = s.poll_until("/achievements/shipped/", Duration::from_secs(5), |r| {
        r.text().contains("waymark-error-overlay")
    });
    let page = r.text();
    assert!(page.contains("waymark-error-overlay"), "overlay shown");
    assert!(
        page.contains("content/achievements/2026-03-06-shipped.md:3:1"),
        "file:line:col in overlay"
    );
    assert!(page.contains("did you mean `impact`?"), "help in overlay");
    assert!(
        page.contains("GOOD-BODY") && !page.contains("BROKEN-BODY"),
        "last good page kept"
    );
    assert!(
        s.get("/goals/").text().contains("waymark-error-overlay"),
        "every page shows it"
    );
    assert!(events.wait_for("reload", Duration::from_secs(5)).is_some());
    let log = s.drain_log().join("\n");
    assert!(
        log.contains("error[unknown-key]") && log.contains("2026-03-06-shipped.md:3:1"),
        "terminal shows it:\n{log}"
    );
    f.write(
        "content/achievements/2026-03-06-shipped.md",
        "---\ntitle: Shipped the importer\nimpact: 3x faster\n---\nFIXED-BODY\n",
    );
    let (r, _) = s.poll_until("/achievements/shipped/", Duration::from_secs(5), |r| {
        r.text().contains("FIXED-BODY")
    });
    assert!(
        !r.text().contains("waymark-error-overlay"),
        "fixing clears the overlay"
    );
}

#[test]
fn base_url_sub_path_moves_pages_script_and_events() {
    let f = Fixture::small();
    let s = Server::start(f.path(), &["--base-url", "https://alex.github.io/career/"]);
    assert!(s.url.ends_with("/career/"), "{}", s.url);
    let home = s.get("/career/");
    assert_eq!(home.status, 200);
    let html = home.text();
    assert!(html.contains("<script src=\"/career/__waymark/live.js\""));
    assert!(html.contains("href=\"/career/style.css\""));
    assert_eq!(s.get("/career/__waymark/live.js").status, 200);
    assert!(
        s.get("/career/__waymark/live.js")
            .text()
            .contains("/career/__waymark/events")
    );
    assert_eq!(s.get("/career").header("location"), Some("/career/"));
    assert_eq!(s.get("/").status, 404);
    let ev = Sse::open(s.port, "/career/__waymark/events");
    assert_eq!(
        ev.next(Duration::from_secs(5)).map(|e| e.0),
        Some("hello".into())
    );
}

#[test]
fn private_and_drafts_only_when_asked_and_marked() {
    let f = Fixture::small();
    f.write(
        "private/reflections/2026-09-30-q3.md",
        "---\ntitle: Q3 private review\nperiod: 2026-Q3\n---\nPRIVATE-THOUGHTS\n",
    );
    f.write(
        "content/achievements/2026-06-01-wip.md",
        "---\ntitle: WIP thing\ndraft: true\n---\nDRAFT-TEXT\n",
    );
    {
        let s = Server::start(f.path(), &[]);
        assert_eq!(s.get("/reflections/q3/").status, 404);
        assert_eq!(s.get("/achievements/wip/").status, 404);
    }
    let s = Server::start(f.path(), &["--private", "--drafts"]);
    let page = s.get("/reflections/q3/").text();
    assert!(page.contains("PRIVATE-THOUGHTS"));
    assert!(page.contains("badge-private"), "private entries are marked");
    assert!(
        page.contains("private-banner"),
        "the preview says it shows private entries"
    );
    assert!(s.get("/achievements/wip/").text().contains("DRAFT-TEXT"));
    assert!(!f.public().exists(), "serve never writes public/");
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let f = Fixture::small();
    let p = port.to_string();
    let s = Server::start_raw(f.path(), &["serve", "--port", &p]);
    assert_ne!(s.port, port);
    assert!(s.port > port);
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn binding_beyond_loopback_warns() {
    let f = Fixture::small();
    let s = Server::start_raw(f.path(), &["serve", "--port", "0", "--bind", "0.0.0.0"]);
    assert_eq!(s.get("/").status, 200);
    let banner = s.banner.join("\n");
    assert!(
        banner.contains("warning: serving on 0.0.0.0 beyond this machine"),
        "{banner}"
    );
    let local = Server::start(f.path(), &[]);
    assert!(!local.banner.join("\n").contains("beyond this machine"));
}

#[test]
fn load_with_open_live_reload_connections() {
    let f = Fixture::small();
    let s = Server::start(f.path(), &[]);
    let streams: Vec<Sse> = (0..12)
        .map(|_| Sse::open(s.port, "/__waymark/events"))
        .collect();
    for st in &streams {
        assert!(st.next(Duration::from_secs(5)).is_some(), "stream opened");
    }
    let port = s.port;
    let start = Instant::now();
    let failures = std::sync::atomic::AtomicUsize::new(0);
    let paths = [
        "/",
        "/achievements/",
        "/goals/staff/",
        "/style.css",
        "/atom.xml",
    ];
    std::thread::scope(|scope| {
        for c in 0..32 {
            let failures = &failures;
            scope.spawn(move || {
                for i in 0..63 {
                    if start.elapsed() > Duration::from_secs(60) {
                        failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        return;
                    }
                    let path = paths[(c + i) % paths.len()];
                    match request(port, "GET", path) {
                        Ok(r) if r.status == 200 => {}
                        _ => {
                            failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                }
            });
        }
    });
    let took = start.elapsed();
    assert_eq!(failures.into_inner(), 0, "failed requests under load");
    eprintln!("2016 requests from 32 clients with 12 SSE streams open: {took:?}");
    // The streams are still alive and get events.
    f.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nChanged.\n",
    );
    for st in &streams {
        assert!(st.wait_for("reload", Duration::from_secs(5)).is_some());
    }
    let _ = get(port, "/");
}

#[test]
fn a_first_build_that_fails_still_shows_the_errors_and_reloads() {
    let f = Fixture::small();
    f.write(
        "content/achievements/2026-01-01-bad.md",
        "---\ntitle: Broken\ndate: 2026-13-45\n---\n",
    );
    let s = Server::start(f.path(), &[]);
    let r = s.get("/");
    let page = r.text();
    assert!(page.contains("waymark-error-overlay"), "{page}");
    assert!(page.contains("content/achievements/2026-01-01-bad.md:3"));
    assert!(
        page.contains("__waymark/live.js"),
        "the tab reloads once fixed"
    );
    f.write(
        "content/achievements/2026-01-01-bad.md",
        "---\ntitle: Fixed\ndate: 2026-01-13\n---\n",
    );
    let (r, _) = s.poll_until("/", Duration::from_secs(5), |r| r.status == 200);
    assert!(!r.text().contains("waymark-error-overlay"));
}

#[test]
fn serve_private_marks_private_entries_in_lists_too() {
    let f = Fixture::small();
    f.write(
        "content/goals/secret.md",
        "---\ntitle: Secret goal\nvisibility: private\nparent: staff\n---\n",
    );
    f.write(
        "content/achievements/2026-04-01-hush.md",
        "---\ntitle: Hush\nvisibility: private\ngoals: [staff]\n---\nx\n",
    );
    let s = Server::start(f.path(), &["--private"]);
    let staff = s.get("/goals/staff/").text();
    for name in ["Secret goal", "Hush"] {
        let at = staff.find(name).unwrap_or_else(|| panic!("{name} listed"));
        let rest = &staff[at..(at + 300).min(staff.len())];
        assert!(rest.contains("badge-private"), "{name} not marked: {rest}");
    }
}

#[test]
fn a_template_that_fails_on_some_pages_shows_everywhere() {
    let f = Fixture::small();
    let s = Server::start(f.path(), &[]);
    assert_eq!(s.get("/about/").status, 200);
    f.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ entry.no_such_field.deeper }}{% endblock content %}",
    );
    // The page itself says what failed, and where.
    let (r, _) = s.poll_until("/about/", Duration::from_secs(5), |r| r.status == 500);
    assert_eq!(r.status, 500);
    assert!(r.text().contains("templates/page.html"), "{}", r.text());
    // Every other page gets the overlay too, as a build would fail.
    let (r, _) = s.poll_until("/goals/", Duration::from_secs(5), |r| {
        r.text().contains("waymark-error-overlay")
    });
    assert!(r.text().contains("templates/page.html"));
    f.remove("templates/page.html");
    let (r, _) = s.poll_until("/about/", Duration::from_secs(5), |r| r.status == 200);
    assert!(!r.text().contains("waymark-error-overlay"));
}

#[test]
fn serve_private_marks_private_milestones_on_the_journey_chart() {
    let f = Fixture::small();
    f.write(
        "content/journey/2025-06-01-secret-offer.md",
        "---\ntitle: Secret offer\ntype: award\nvisibility: private\n---\n",
    );
    let s = Server::start(f.path(), &["--private"]);
    let journey = s.get("/journey/").text();
    assert!(
        journey.contains("Secret offer (private)"),
        "the chart marks it"
    );
}

#[test]
fn with_poll_a_second_quick_save_of_the_same_length_is_served() {
    let f = Fixture::small();
    let about = "content/pages/about.md";
    let s = Server::start(f.path(), &["--poll"]);
    // Each second save follows the first by well under a second, once a
    // poll has seen the first (and the first follows the fixture's own
    // write, or the last round's, as closely): a clock kept in whole
    // seconds misses most such saves, so three rounds leave little to luck.
    for round in 1..=3 {
        let one = format!("Version one, round {round}");
        let two = format!("Version two, round {round}");
        assert_eq!(one.len(), two.len());
        f.write(about, &format!("---\ntitle: About\n---\n{one}\n"));
        let (r, _) = s.poll_until("/about/", Duration::from_secs(5), |r| {
            r.text().contains(&one)
        });
        assert!(
            r.text().contains(&one),
            "round {round}: the first save was lost"
        );
        f.write(about, &format!("---\ntitle: About\n---\n{two}\n"));
        let (r, _) = s.poll_until("/about/", Duration::from_secs(5), |r| {
            r.text().contains(&two)
        });
        assert!(
            r.text().contains(&two),
            "round {round}: the second save was lost (the first still served: {})",
            r.text().contains(&one)
        );
    }
}
