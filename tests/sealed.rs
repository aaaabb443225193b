//! Sealed share pages: sources in `private/share/`, published only as
//! ciphertext from the committed `sealed/<slug>.html`, keys from a site
//! secret, links that keep working across builds until rotated, and pages
//! that open in a real browser with the key and only with it.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::json;

use crate::browser::{Driver, chromium_path};
use crate::support::http::StaticServer;
use crate::support::*;

const SECRET: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// A sealed brief with a canary in every field a reader sees.
const BRIEF: &str = "---\ntitle: CANARY-SHARE-TITLE\nfor: CANARY-FOR-WHOM\nask: CANARY-ASK-TEXT\nfrom: 2026-01-01\nto: 2026-12-31\nsealed: true\n---\nCANARY-BODY-TEXT\n";

/// The small site with a sealed brief in `private/share/brief.md`.
fn sealed_site() -> Fixture {
    let f = Fixture::small();
    f.write("private/share/brief.md", BRIEF);
    f
}

fn with_secret(f: &Fixture, args: &[&str]) -> Run {
    waymark_env(f.path(), args, &[("WAYMARK_SHARE_SECRET", SECRET)])
}

fn build(f: &Fixture) -> Run {
    with_secret(f, &["build"])
}

/// The files in `sealed/`, sorted.
fn artifacts(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("sealed"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The slug of the one sealed page of the site, from `sealed/`.
fn sealed_slug(root: &Path) -> String {
    let names = artifacts(root);
    assert_eq!(names.len(), 1, "{names:?}");
    names[0].trim_end_matches(".html").to_string()
}

fn main_inner(html: &str) -> &str {
    let open = html.find("<main id=\"main\"").unwrap();
    let start = open + html[open..].find('>').unwrap() + 1;
    let end = html.rfind("</main>").unwrap();
    &html[start..end]
}

/// The same secret the builds get, read the way waymark reads it (from a
/// secret file: setting the variable here would leak into other tests).
fn secret() -> waymark::seal::Secret {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".waymark")).unwrap();
    std::fs::write(dir.path().join(".waymark/share-secret"), SECRET).unwrap();
    waymark::seal::load_secret(dir.path()).unwrap().unwrap()
}

fn key(slug: &str, salt: Option<&str>) -> [u8; 32] {
    waymark::seal::PageKey::derive(&secret(), slug, salt).key
}

/// The link `share list` prints for the site's sealed page.
fn sealed_link(f: &Fixture) -> String {
    let r = with_secret(f, &["share", "list"]);
    r.ok();
    r.stdout
        .lines()
        .find(|l| l.contains("#k="))
        .unwrap_or_else(|| panic!("no sealed link in:\n{}", r.stdout))
        .to_string()
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn have_browser() -> bool {
    require_tool(
        "chromium and chromedriver",
        have("chromedriver") && Path::new(&chromium_path()).exists(),
    ) && require_tool("python3", have("python3"))
}

/// Serves `public` at `http://127.0.0.1:PORT/career/`, as GitHub Pages
/// serves a project site.
fn serve_public(public: &Path) -> (tempfile::TempDir, StaticServer, String) {
    let host = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(public, host.path().join("career")).unwrap();
    let server = StaticServer::start(host.path());
    let origin = format!("http://127.0.0.1:{}/career/", server.port);
    (host, server, origin)
}

#[test]
fn no_plaintext_of_a_sealed_page_anywhere_in_the_output_or_its_artifact() {
    let f = sealed_site();
    let r = build(&f);
    r.ok();
    assert!(
        !r.stderr.contains("CANARY"),
        "the build log shows sealed content"
    );
    let slug = sealed_slug(f.path());
    r.stderr_has(&format!(
        "Sealed private/share/brief.md into sealed/{slug}.html: commit it"
    ));
    assert_absent(&f.public(), &["CANARY"]);
    assert_absent(
        &f.path().join("sealed"),
        &["CANARY", "Shipped the importer"],
    );
    let page = f.read(&format!("public/share/{slug}/index.html"));
    // Achievement titles on the brief are sealed too.
    assert!(!page.contains("Shipped the importer") && !page.contains("3x faster"));
    assert!(
        page.contains("<title>A sealed page · Test Journal</title>"),
        "{page}"
    );
    assert!(page.contains("<meta name=\"robots\" content=\"noindex"));
    assert!(page.contains("<meta name=\"referrer\" content=\"no-referrer\">"));
    assert!(page.contains("data-waymark-sealed=\"") && page.contains("data-format=\"2\""));
    // The footer of a sealed page does not call it "not secret".
    assert!(!page.contains("not secret"), "{page}");
    // The page is only at its opaque address, and nothing links to it.
    assert!(!f.public().join("share/brief").exists());
    assert!(!f.read("public/sitemap.xml").contains(&slug));
    // The artifact is the ciphertext and a neutral head, nothing else.
    let artifact = f.read(&format!("sealed/{slug}.html"));
    assert!(artifact.contains("<title>A sealed page</title>"));
    assert!(artifact.contains("<meta name=\"referrer\" content=\"no-referrer\">"));
    assert!(!artifact.contains("Test Journal") && !artifact.contains("Test Person"));
    assert_eq!(
        waymark::seal::ciphertext_of(&artifact),
        waymark::seal::ciphertext_of(&page),
        "the page publishes the artifact's ciphertext"
    );
}

#[test]
fn the_ciphertext_opens_to_the_pages_title_and_main_part_padded_to_4_kib() {
    // The same brief unsealed, under content/, with the opaque slug the
    // sealed one gets: its rendered page is what the sealed one holds.
    let sealed = sealed_site();
    build(&sealed).ok();
    let slug = sealed_slug(sealed.path());
    let plain = Fixture::small();
    plain.write(
        "content/share/brief.md",
        &BRIEF.replace("sealed: true", &format!("sealed: false\nslug: {slug}")),
    );
    build(&plain).ok();
    let expected = plain.read(&format!("public/share/{slug}/index.html"));
    let page = sealed.read(&format!("public/share/{slug}/index.html"));
    let opened =
        waymark::seal::open_page(&key(&slug, None), &page).expect("opens with the right key");
    assert_eq!(
        opened.main,
        main_inner(&expected),
        "exactly the rendered content"
    );
    assert_eq!(
        opened.title.as_deref(),
        Some("CANARY-SHARE-TITLE · Test Journal")
    );
    assert!(opened.main.contains("CANARY-BODY-TEXT") && opened.main.contains("CANARY-ASK-TEXT"));
    assert!(
        waymark::seal::open_page(&key(&slug, Some("other")), &page).is_err(),
        "a wrong key fails authentication"
    );
    // Padded: nonce and tag aside, a multiple of 4 KiB, and a few more
    // words do not change the size.
    let ct = waymark::seal::ciphertext_of(&page).unwrap();
    assert_eq!((ct.len() - 28) % 4096, 0, "{}", ct.len());
    sealed.write(
        "private/share/brief.md",
        &BRIEF.replace(
            "CANARY-BODY-TEXT",
            "CANARY-BODY-TEXT, and a few more words.",
        ),
    );
    build(&sealed).ok();
    let again =
        waymark::seal::ciphertext_of(&sealed.read(&format!("public/share/{slug}/index.html")))
            .unwrap();
    assert_ne!(again, ct, "new content, new ciphertext");
    assert_eq!(again.len(), ct.len(), "the same bucket");
}

#[test]
fn a_sealed_pages_slug_is_opaque_stable_and_overridden_by_slug() {
    let f = sealed_site();
    build(&f).ok();
    let slug = sealed_slug(f.path());
    assert_eq!(slug.len(), 10, "{slug}");
    assert!(
        slug.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()),
        "{slug}"
    );
    assert!(!slug.contains("brief"));
    build(&f).ok();
    assert_eq!(sealed_slug(f.path()), slug, "the same from build to build");
    // Derived from the file's name, not its folder: moving it keeps it.
    std::fs::rename(
        f.path().join("private/share/brief.md"),
        f.path().join("content/share/brief.md"),
    )
    .unwrap();
    build(&f).ok();
    assert_eq!(sealed_slug(f.path()), slug);
    // Another secret, another slug.
    let other = sealed_site();
    waymark_env(
        other.path(),
        &["build"],
        &[("WAYMARK_SHARE_SECRET", &"ab".repeat(32))],
    )
    .ok();
    assert_ne!(sealed_slug(other.path()), slug);
    // `slug:` overrides, and the page moves with it.
    f.write(
        "content/share/brief.md",
        &BRIEF.replace("sealed: true", "sealed: true\nslug: for-priya"),
    );
    let r = build(&f);
    r.ok().stderr_has(&format!(
        "Removed sealed/{slug}.html: its page (share/brief.md) now has the slug `for-priya`"
    ));
    assert_eq!(artifacts(f.path()), ["for-priya.html"]);
    assert!(f.public().join("share/for-priya/index.html").exists());
    assert!(!f.public().join(format!("share/{slug}")).exists());
}

#[test]
fn links_are_stable_across_builds_until_rotated() {
    let f = sealed_site();
    let first = sealed_link(&f);
    let slug = sealed_slug_from_link(&first);
    assert!(
        first.starts_with(&format!("https://alex.github.io/career/share/{slug}/#k=")),
        "{first}"
    );
    build(&f).ok();
    let artifact = f.read(&format!("sealed/{slug}.html"));
    let page1 = f.read(&format!("public/share/{slug}/index.html"));
    let r = build(&f);
    r.ok();
    assert!(
        !r.stderr.contains("Sealed "),
        "an unchanged artifact is not rewritten:\n{}",
        r.stderr
    );
    assert_eq!(
        page1,
        f.read(&format!("public/share/{slug}/index.html")),
        "byte-identical"
    );
    assert_eq!(artifact, f.read(&format!("sealed/{slug}.html")));
    assert_eq!(sealed_link(&f), first, "same secret, same link");

    // Rotated by its file's name (its slug is opaque): a new key, the
    // same address, and the artifact sealed afresh at once.
    let r = with_secret(&f, &["share", "rotate", "brief"]);
    r.ok()
        .stderr_has("Rotated the key of private/share/brief.md")
        .stderr_has(&format!(
            "Sealed private/share/brief.md into sealed/{slug}.html"
        ));
    let rotated = r.stdout.lines().next().unwrap().to_string();
    assert_ne!(rotated, first);
    assert_eq!(sealed_slug_from_link(&rotated), slug);
    assert_eq!(sealed_link(&f), rotated);
    let source = f.read("private/share/brief.md");
    assert!(source.contains("key_salt: \"") && source.contains("CANARY-BODY-TEXT"));
    let rotated_artifact = f.read(&format!("sealed/{slug}.html"));
    assert_ne!(rotated_artifact, artifact);
    build(&f).ok();
    let page2 = f.read(&format!("public/share/{slug}/index.html"));
    assert!(
        waymark::seal::open_page(&key(&slug, None), &page2).is_err(),
        "the old link stops working"
    );
    let new_key = link_key(&rotated);
    assert!(waymark::seal::open_page(&new_key, &page2).is_ok());
    assert!(waymark::seal::open_page(&new_key, &rotated_artifact).is_ok());
}

fn sealed_slug_from_link(link: &str) -> String {
    link.split("/share/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

fn link_key(link: &str) -> [u8; 32] {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(link.split("#k=").nth(1).unwrap())
        .unwrap()
        .try_into()
        .unwrap()
}

#[test]
fn rotate_refuses_unknown_and_unsealed_pages() {
    let f = Fixture::small();
    f.run(&["share", "rotate", "promoo"])
        .fails()
        .stderr_has("did you mean `promo`?");
    f.run(&["share", "rotate", "promo"])
        .fails()
        .stderr_has("is not sealed");
}

#[test]
fn a_sealed_page_without_a_secret_is_an_error_never_a_page_in_the_clear_nor_an_old_artifact() {
    let f = sealed_site();
    let r = f.run(&["build"]);
    r.fails()
        .stderr_has("error[sealed-without-secret]")
        .stderr_has("private/share/brief.md")
        .stderr_has("share list");
    assert!(!f.public().exists(), "nothing written");
    assert!(!f.path().join("sealed").exists(), "no artifact");
    // An artifact from before does not stand in for the page whose source
    // is here: it could be stale.
    build(&f).ok();
    let slug = sealed_slug(f.path());
    let before = f.read(&format!("sealed/{slug}.html"));
    std::fs::remove_dir_all(f.public()).unwrap();
    f.write(
        "private/share/brief.md",
        &BRIEF.replace("CANARY-BODY-TEXT", "CHANGED"),
    );
    f.run(&["build"])
        .fails()
        .stderr_has("error[sealed-without-secret]");
    assert!(!f.public().exists());
    assert_eq!(f.read(&format!("sealed/{slug}.html")), before);

    // share list creates the secret file on first use; then build works.
    let f = sealed_site();
    let r = f.run(&["share", "list"]);
    r.ok().stderr_has("Created .waymark/share-secret");
    let secret_file = f.path().join(".waymark/share-secret");
    assert_eq!(
        std::fs::read_to_string(&secret_file).unwrap().trim().len(),
        64
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&secret_file)
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
    let link = r
        .stdout
        .lines()
        .find(|l| l.contains("#k="))
        .unwrap()
        .to_string();
    f.run(&["build"]).ok();
    // The link printed when the secret was made is the one that works.
    let slug = sealed_slug(f.path());
    assert_eq!(sealed_slug_from_link(&link), slug);
    assert_eq!(
        f.run(&["share", "list"])
            .stdout
            .lines()
            .find(|l| l.contains("#k="))
            .unwrap(),
        link,
        "the file's secret is reused"
    );
    let page = f.read(&format!("public/share/{slug}/index.html"));
    assert!(waymark::seal::open_page(&link_key(&link), &page).is_ok());
}

#[test]
fn source_here_is_sealed_afresh_source_elsewhere_is_published_as_it_is() {
    let f = sealed_site();
    build(&f).ok();
    let slug = sealed_slug(f.path());
    let first = f.read(&format!("sealed/{slug}.html"));
    // The source changed: the artifact is sealed again, never kept.
    f.write(
        "private/share/brief.md",
        &BRIEF.replace("CANARY-BODY-TEXT", "CANARY-SECOND-VERSION"),
    );
    build(&f).ok().stderr_has(&format!(
        "Sealed private/share/brief.md into sealed/{slug}.html"
    ));
    let second = f.read(&format!("sealed/{slug}.html"));
    assert_ne!(second, first);
    let opened = waymark::seal::open_page(&key(&slug, None), &second).unwrap();
    assert!(
        opened.main.contains("CANARY-SECOND-VERSION"),
        "{}",
        opened.main
    );
    // So is it when an achievement it gathers changed.
    f.write(
        "content/achievements/2026-03-13-talk.md",
        "---\ntitle: Gave a talk\nimpact: 200 people came\nskills: [public-speaking]\n---\nTalked.\n",
    );
    build(&f).ok();
    let third = f.read(&format!("sealed/{slug}.html"));
    assert_ne!(third, second);
    assert!(
        waymark::seal::open_page(&key(&slug, None), &third)
            .unwrap()
            .main
            .contains("200 people came")
    );
    // The source is not here (another machine): published as it is. With
    // the secret here that is worth a warning; without it, it is how a
    // build on GitHub Actions goes.
    std::fs::remove_dir_all(f.path().join("private")).unwrap();
    let r = build(&f);
    r.ok()
        .stderr_has("warning[sealed-orphan]")
        .stderr_has(&format!("sealed/{slug}.html"))
        .stderr_has(&format!("git rm sealed/{slug}.html"));
    assert_eq!(
        f.read(&format!("sealed/{slug}.html")),
        third,
        "kept as it is"
    );
    let page = f.read(&format!("public/share/{slug}/index.html"));
    assert_eq!(
        waymark::seal::ciphertext_of(&page),
        waymark::seal::ciphertext_of(&third)
    );
    let r = f.run(&["build"]);
    r.ok();
    assert!(!r.stderr.contains("sealed-orphan"), "{}", r.stderr);
    assert_eq!(f.read(&format!("public/share/{slug}/index.html")), page);
}

#[test]
fn a_page_made_a_draft_or_unsealed_takes_its_artifact_down_and_drafts_never_reach_sealed() {
    let f = sealed_site();
    build(&f).ok();
    let slug = sealed_slug(f.path());
    let artifact = f.read(&format!("sealed/{slug}.html"));
    // A draft achievement in the period: a --drafts build shows it on the
    // page it serves, but never writes it where a publish would take it.
    f.write(
        "content/achievements/2026-05-01-draft.md",
        "---\ntitle: CANARY-DRAFT-WORK\nimpact: not yet\ndraft: true\n---\nWIP.\n",
    );
    let r = with_secret(&f, &["build", "--drafts"]);
    r.ok().stderr_has("Left sealed/ as it was");
    assert_eq!(f.read(&format!("sealed/{slug}.html")), artifact);
    let shown = f.read(&format!("public/share/{slug}/index.html"));
    assert!(
        waymark::seal::open_page(&key(&slug, None), &shown)
            .unwrap()
            .main
            .contains("CANARY-DRAFT-WORK")
    );
    build(&f).ok();
    assert_eq!(f.read(&format!("sealed/{slug}.html")), artifact);

    // The page itself made a draft: its artifact goes, and so does the page.
    f.write(
        "private/share/brief.md",
        &BRIEF.replace("sealed: true", "sealed: true\ndraft: true"),
    );
    build(&f).ok().stderr_has(&format!(
        "Removed sealed/{slug}.html: its page (share/brief.md) is a draft or not sealed"
    ));
    assert_eq!(artifacts(f.path()), Vec::<String>::new());
    assert!(!f.public().join(format!("share/{slug}")).exists());
    // A draft's artifact is never written, even by a build with --drafts.
    with_secret(&f, &["build", "--drafts"]).ok();
    assert!(f.public().join(format!("share/{slug}/index.html")).exists());
    assert_eq!(artifacts(f.path()), Vec::<String>::new());

    // Unsealed: no longer published from private/, its artifact gone.
    f.write("private/share/brief.md", BRIEF);
    build(&f).ok();
    assert_eq!(artifacts(f.path()), [format!("{slug}.html")]);
    f.write(
        "private/share/brief.md",
        &BRIEF.replace("sealed: true", "sealed: false"),
    );
    build(&f)
        .ok()
        .stderr_has(&format!("Removed sealed/{slug}.html"));
    assert_eq!(artifacts(f.path()), Vec::<String>::new());
    assert_absent(&f.public(), &["CANARY"]);
}

#[test]
fn a_file_in_sealed_that_cannot_be_published_is_an_error_naming_it_and_nothing_is_written() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "garbage.html",
            "<p>not a sealed page</p>",
            "it holds no sealed page",
        ),
        (
            "renamed.html",
            "<div id=\"waymark-sealed\" hidden data-slug=\"other\" data-format=\"2\" data-waymark-sealed=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"></div>",
            "holds the sealed page `other`",
        ),
        (
            "future.html",
            "<div id=\"waymark-sealed\" hidden data-slug=\"future\" data-format=\"9\" data-waymark-sealed=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"></div>",
            "format 9, which this waymark does not know",
        ),
        (
            "short.html",
            "<div id=\"waymark-sealed\" hidden data-slug=\"short\" data-format=\"2\" data-waymark-sealed=\"AAAA\"></div>",
            "too short",
        ),
        (
            "notb64.html",
            "<div id=\"waymark-sealed\" hidden data-slug=\"notb64\" data-format=\"2\" data-waymark-sealed=\"!!!!\"></div>",
            "not valid base64",
        ),
        (
            "promo.html",
            "<div id=\"waymark-sealed\" hidden data-slug=\"promo\" data-format=\"2\" data-waymark-sealed=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"></div>",
            "and content/share/promo.md would both be /share/promo/",
        ),
    ];
    for (name, text, says) in cases {
        let f = Fixture::small();
        f.write(&format!("sealed/{name}"), text);
        let r = f.run(&["build"]);
        r.fails()
            .stderr_has("error[sealed-artifact]")
            .stderr_has(&format!("--> sealed/{name}"))
            .stderr_has(says);
        assert!(!f.public().exists(), "{name}: nothing written");
        assert_eq!(
            f.read(&format!("sealed/{name}")),
            *text,
            "{name}: left alone"
        );
    }
    // Not an .html file, or hidden: not read.
    let f = Fixture::small();
    f.write("sealed/README.md", "What is in here.");
    f.write("sealed/.draft.html", "<p>x</p>");
    f.run(&["build"]).ok();
}

#[test]
fn a_sealed_source_tracked_by_git_is_warned_about_with_the_way_out() {
    if !require_tool("git", have("git")) {
        return;
    }
    let f = Fixture::small();
    f.write("content/share/brief.md", BRIEF);
    git(f.path(), &["init", "-q"]);
    git(f.path(), &["add", "content"]);
    let r = build(&f);
    r.ok()
        .stderr_has("warning[sealed-tracked]")
        .stderr_has("--> content/share/brief.md")
        .stderr_has("mkdir -p private/share && git rm --cached content/share/brief.md && mv content/share/brief.md private/share/brief.md");
    // Moved as it says: no warning, and the same page.
    let slug = sealed_slug(f.path());
    std::fs::create_dir_all(f.path().join("private/share")).unwrap();
    git(
        f.path(),
        &["rm", "-q", "--cached", "content/share/brief.md"],
    );
    std::fs::rename(
        f.path().join("content/share/brief.md"),
        f.path().join("private/share/brief.md"),
    )
    .unwrap();
    let r = build(&f);
    r.ok();
    assert!(!r.stderr.contains("sealed-tracked"), "{}", r.stderr);
    assert_eq!(sealed_slug(f.path()), slug);
}

/// A user's own repository, made the way the docs say: `init`, a sealed
/// brief with `new share --sealed`, a build, a commit. Nothing of the
/// brief is in what is committed; a clone with neither `private/` nor the
/// secret (what GitHub Actions checks out) publishes the page, and a real
/// browser opens it with the link `share list` printed.
#[test]
fn a_fresh_clone_without_the_secret_publishes_the_sealed_page_and_a_browser_opens_it() {
    if !require_tool("git", have("git")) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    waymark(tmp.path(), &["init", "site"]).ok();
    let site = tmp.path().join("site");
    // The address the site is published at, as the docs ask: the links in
    // the sealed page are made on this machine.
    let config = std::fs::read_to_string(site.join("waymark.yaml")).unwrap();
    let base_line = config.lines().find(|l| l.starts_with("base_url:")).unwrap();
    std::fs::write(
        site.join("waymark.yaml"),
        config
            .replace(base_line, "base_url: \"https://alex.github.io/career/\"")
            .replace("name: \"Your Name\"", "name: \"Alex Rivera\""),
    )
    .unwrap();
    let r = waymark(&site, &["new", "share", "Staff case for Priya", "--sealed"]);
    r.ok().stderr_has("Created .waymark/share-secret");
    let rel = r.stdout.trim().to_string();
    assert_eq!(rel, "private/share/staff-case-for-priya.md");
    let path = site.join(&rel);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("for: \"\"", "for: \"CANARY-PRIYA, Director\"")
        .replace("ask: \"\"", "ask: \"CANARY-ASK: sponsor me for Staff?\"");
    std::fs::write(&path, format!("{text}\nCANARY-NOTE: the personal note.\n")).unwrap();
    let link = waymark(&site, &["share", "list"])
        .stdout
        .lines()
        .find(|l| l.contains("#k="))
        .unwrap()
        .to_string();
    waymark(&site, &["build"]).ok();
    git(&site, &["init", "-q", "-b", "main"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "My career journal"]);
    let committed = git(&site, &["ls-files"]);
    let slug = sealed_slug_from_link(&link);
    assert!(
        committed
            .lines()
            .any(|l| l == format!("sealed/{slug}.html")),
        "{committed}"
    );
    assert!(
        !committed.lines().any(|l| l.starts_with("private/")
            || l.starts_with(".waymark/")
            || l.starts_with("public/")),
        "{committed}"
    );
    // `git grep` exits 1 when nothing matches.
    let grep = Command::new("git")
        .arg("-C")
        .arg(&site)
        .args([
            "grep",
            "-n",
            "-e",
            "CANARY",
            "-e",
            "Staff case for Priya",
            "HEAD",
        ])
        .output()
        .unwrap();
    assert_eq!(
        grep.status.code(),
        Some(1),
        "plaintext in the committed tree:\n{}",
        String::from_utf8_lossy(&grep.stdout)
    );

    // CI: a fresh clone, no private/, no secret file, no variable.
    let clone = tmp.path().join("clone");
    Command::new("git")
        .args(["clone", "-q"])
        .arg(&site)
        .arg(&clone)
        .status()
        .unwrap();
    assert!(!clone.join("private").exists() && !clone.join(".waymark").exists());
    let r = waymark(
        &clone,
        &["build", "--base-url", "https://alex.github.io/career/"],
    );
    r.ok();
    assert!(
        !r.stderr.contains("sealed-orphan") && !r.stderr.contains("Sealed "),
        "{}",
        r.stderr
    );
    let page_path = format!("public/share/{slug}/index.html");
    let published = std::fs::read_to_string(clone.join(&page_path)).unwrap();
    assert_eq!(
        published,
        std::fs::read_to_string(site.join(&page_path)).unwrap(),
        "the clone publishes what the writer's build did"
    );
    assert_absent(&clone.join("public"), &["CANARY"]);

    if !have_browser() {
        return;
    }
    let (_host, _server, origin) = serve_public(&clone.join("public"));
    let fragment = link.split('#').nth(1).unwrap();
    let url = format!("{origin}share/{slug}/");
    let d = Driver::start();
    d.goto(&format!("{url}#{fragment}"));
    assert!(
        d.wait_for(
            "return document.body.innerText.includes('CANARY-NOTE: the personal note.')",
            Duration::from_secs(10)
        ),
        "the right key shows the content"
    );
    assert_eq!(
        d.js("return document.body.innerText.includes('CANARY-ASK: sponsor me for Staff?')"),
        json!(true)
    );
    // The key left the address bar and the history entry.
    assert_eq!(d.js("return location.hash"), json!(""));
    assert_eq!(d.js("return location.href"), json!(url));
    // The tab (and a print) says what the page is; no referrer is sent.
    assert_eq!(
        d.js("return document.title"),
        json!("Staff case for Priya · My Career Journal")
    );
    assert_eq!(
        d.js("return document.querySelector('meta[name=referrer]').content"),
        json!("no-referrer")
    );
    assert_eq!(
        d.js("return document.body.innerText.includes('A sealed page: only the full link')"),
        json!(true),
        "the footer stays, and does not call it unlisted"
    );
}

/// Copies of a published sealed page with its ciphertext changed.
fn spoiled(page: &str) -> Vec<(&'static str, String)> {
    let at = page.find("data-waymark-sealed=\"").unwrap() + "data-waymark-sealed=\"".len();
    let end = at + page[at..].find('"').unwrap();
    let b64 = &page[at..end];
    let with = |ct: &str| format!("{}{ct}{}", &page[..at], &page[end..]);
    let mid = b64.len() / 2;
    let flipped = if &b64[mid..=mid] == "A" { "B" } else { "A" };
    vec![
        (
            "tampered",
            with(&format!("{}{flipped}{}", &b64[..mid], &b64[mid + 1..])),
        ),
        ("truncated", with(&b64[..20])),
        ("no-tag", with(&b64[..b64.len() - 24])),
        ("not-base64", with("%%%%not*base64%%%%")),
    ]
}

#[test]
fn tampered_truncated_and_wrong_key_pages_show_the_message_and_no_content() {
    let f = sealed_site();
    build(&f).ok();
    let slug = sealed_slug(f.path());
    let page = f.read(&format!("public/share/{slug}/index.html"));
    let good = key(&slug, None);
    for (what, html) in spoiled(&page) {
        assert!(
            waymark::seal::open_page(&good, &html).is_err(),
            "{what} opened"
        );
        let dir = f.public().join(format!("share/{slug}-{what}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), html).unwrap();
    }
    if !have_browser() {
        return;
    }
    let (_host, _server, origin) = serve_public(&f.public());
    let link = sealed_link(&f);
    let fragment = link.split('#').nth(1).unwrap();
    let d = Driver::start();
    let shows_nothing = |d: &Driver, what: &str| {
        assert_eq!(
            d.js("return document.body.innerText.includes('CANARY')"),
            json!(false),
            "{what}: content shown"
        );
        assert_eq!(
            d.js("return document.title"),
            json!("A sealed page · Test Journal"),
            "{what}"
        );
    };
    let refused = "return document.getElementById('waymark-sealed-note').textContent.startsWith('This link does not open this page')";
    for (what, _) in spoiled(&page) {
        d.goto(&format!("{origin}share/{slug}-{what}/#{fragment}"));
        assert!(
            d.wait_for(refused, Duration::from_secs(10)),
            "{what}: no message"
        );
        shows_nothing(&d, what);
        assert!(
            d.js("return location.hash")
                .as_str()
                .unwrap()
                .starts_with("#k="),
            "{what}: a link that failed is left as it was, to be checked"
        );
    }
    for (what, bad) in [
        ("wrong key", format!("k={}", "A".repeat(43))),
        ("short key", "k=6jzLxjLn10lNnsPSN".to_string()),
    ] {
        d.goto(&format!(
            "{origin}share/{slug}/?{}#{bad}",
            what.replace(' ', "-")
        ));
        assert!(
            d.wait_for(refused, Duration::from_secs(10)),
            "{what}: no message"
        );
        shows_nothing(&d, what);
    }
    // Without a key: one message, which says how to open it.
    d.goto(&format!("{origin}share/{slug}/?none"));
    assert!(d.wait_for(
        "return document.readyState === 'complete'",
        Duration::from_secs(10)
    ));
    let main = d.js("return document.getElementById('main').innerText");
    let main = main.as_str().unwrap();
    assert!(
        main.contains("it opens only with the full link you were sent"),
        "{main}"
    );
    assert_eq!(
        d.js("return document.querySelectorAll('#main p').length"),
        json!(1),
        "{main}"
    );
    shows_nothing(&d, "no key");
    // The right key still opens the page.
    d.goto(&format!("{origin}share/{slug}/#{fragment}"));
    assert!(d.wait_for(
        "return document.body.innerText.includes('CANARY-BODY-TEXT')",
        Duration::from_secs(10)
    ));
}

#[test]
fn files_beside_a_sealed_page_are_refused_not_published() {
    let f = Fixture::small();
    f.write(
        "private/share/brief/index.md",
        "---\ntitle: Sealed\nsealed: true\n---\nSee ![chart](salary-chart.svg).\n",
    );
    f.write(
        "private/share/brief/salary-chart.svg",
        "<svg>SALARY-CANARY</svg>",
    );
    let r = build(&f);
    r.fails()
        .stderr_has("error[sealed-attachment]")
        .stderr_has("private/share/brief/index.md");
    assert!(!f.public().exists(), "nothing written");
    assert!(!f.path().join("sealed").exists());
}

#[test]
fn a_share_template_without_main_names_the_page_it_could_not_seal() {
    let f = sealed_site();
    f.write(
        "templates/share.html",
        "<!doctype html><html lang=\"en\"><head><title>x</title></head><body><div>{{ entry.title }}</div></body></html>",
    );
    let r = build(&f);
    r.fails()
        .stderr_has("error[sealed-template]")
        .stderr_has("private/share/brief.md");
    assert!(!r.stderr.contains("CANARY"), "{}", r.stderr);
    assert!(!f.public().exists(), "nothing written");
    assert!(!f.path().join("sealed").exists());
}

#[test]
fn a_share_file_saved_with_a_bom_and_crlf_rotates_as_it_builds() {
    let f = Fixture::small();
    f.write_bytes(
        "private/share/brief.md",
        b"\xef\xbb\xbf---\r\ntitle: Promo\r\nfrom: 2026-01-01\r\nto: 2026-12-31\r\nsealed: true\r\n---\r\nHi.\r\n",
    );
    build(&f).ok();
    with_secret(&f, &["share", "rotate", "private/share/brief.md"]).ok();
    assert!(f.read("private/share/brief.md").contains("key_salt:"));
    build(&f).ok();
}

#[test]
fn share_seal_writes_what_build_would_and_says_when_it_is_up_to_date() {
    let f = sealed_site();
    let r = with_secret(&f, &["share", "seal"]);
    r.ok()
        .stderr_has("Sealed private/share/brief.md into sealed/");
    assert!(!f.public().exists(), "share seal builds no site");
    let slug = sealed_slug(f.path());
    let sealed = f.read(&format!("sealed/{slug}.html"));
    build(&f).ok();
    assert_eq!(
        f.read(&format!("sealed/{slug}.html")),
        sealed,
        "what build writes"
    );
    with_secret(&f, &["share", "seal"])
        .ok()
        .stderr_has("1 sealed page up to date in sealed/.");
    let none = Fixture::small();
    none.run(&["share", "seal"])
        .ok()
        .stderr_has("No sealed pages to seal here");
}

/// serve shows the missing secret as an error, with `share list` as the
/// way out; once `share list` has made the secret, serve notices it and the
/// sealed page builds, without a restart. Both watchers. It never writes
/// sealed/.
#[test]
fn serve_notices_the_secret_that_share_list_creates() {
    for poll in [false, true] {
        let f = sealed_site();
        let args: &[&str] = if poll { &["--poll"] } else { &[] };
        let server = http::Server::start(f.path(), args);
        let r = server.get("/");
        assert!(r.text().contains("sealed-without-secret"), "{}", r.text());
        assert!(r.text().contains("share list"), "{}", r.text());
        let link = f
            .run(&["share", "list"])
            .stdout
            .lines()
            .find(|l| l.contains("#k="))
            .unwrap()
            .to_string();
        let (r, _) = server.poll_until("/", Duration::from_secs(10), |r| {
            r.status == 200 && !r.text().contains("sealed-without-secret")
        });
        assert!(
            r.status == 200 && !r.text().contains("sealed-without-secret"),
            "poll={poll}: serve kept the error after share list made the secret:\n{}",
            r.text()
        );
        let page = server.get(&format!("/share/{}/", sealed_slug_from_link(&link)));
        assert_eq!(page.status, 200, "poll={poll}");
        assert!(
            !page.text().contains("CANARY-BODY-TEXT"),
            "sealed, not in the clear"
        );
        assert!(waymark::seal::open_page(&link_key(&link), &page.text()).is_ok());
        assert!(
            !f.path().join("sealed").exists(),
            "serve writes no artifact"
        );
    }
}

/// A published page or artifact of format 1, put in `sealed/` of a site
/// with neither source nor secret, published, and opened in a browser with
/// the link that was sent for it.
#[test]
fn frozen_format_1_pages_are_published_from_sealed_and_open_in_a_browser() {
    let (_, vectors) = vectors_v1();
    let f = Fixture::new();
    f.write("content/_index.md", "---\ntitle: Home\n---\nHi.\n");
    for v in &vectors {
        f.write(&format!("sealed/{}.html", v.slug), &v.page);
    }
    f.run(&["build"]).ok();
    for v in &vectors {
        let page = f.read(&format!("public/share/{}/index.html", v.slug));
        let opened = waymark::seal::open_page(&link_bytes(&v.link_key), &page).unwrap();
        assert_eq!(opened.main, v.plain, "{}", v.slug);
        assert_eq!(opened.title, None);
    }
    if !have_browser() {
        return;
    }
    let (_host, _server, origin) = serve_public(&f.public());
    let d = Driver::start();
    for (v, marker, title) in [
        (
            &vectors[0],
            "VECTOR-ONE note to the sponsor.",
            "VECTOR-ONE promotion brief",
        ),
        (
            &vectors[1],
            "VECTOR-TWO — naïve façade, 日本語",
            "VECTOR-TWO café — résumé <&> “quotes”",
        ),
    ] {
        d.goto(&format!("{origin}share/{}/#k={}", v.slug, v.link_key));
        assert!(
            d.wait_for(
                &format!("return document.body.innerText.includes({})", json!(marker)),
                Duration::from_secs(10)
            ),
            "{} did not open",
            v.slug
        );
        assert_eq!(d.js("return document.title"), json!(title), "{}", v.slug);
        assert_eq!(d.js("return location.hash"), json!(""));
    }
}

fn link_bytes(key: &str) -> [u8; 32] {
    link_key(&format!("#k={key}"))
}

/// The frozen pages of format 1 (tests/fixtures/sealed-v1, see its README).
struct Vector {
    slug: String,
    salt: Option<String>,
    /// The key as the link carries it, after `#k=`.
    link_key: String,
    page: String,
    plain: String,
}

fn vectors_v1() -> (waymark::seal::Secret, Vec<Vector>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sealed-v1");
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join(".waymark")).unwrap();
    std::fs::copy(
        dir.join("secret"),
        home.path().join(".waymark/share-secret"),
    )
    .unwrap();
    let secret = waymark::seal::load_secret(home.path()).unwrap().unwrap();
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let vectors = read("vectors.tsv")
        .lines()
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Vector {
                slug: cols[0].to_string(),
                salt: Some(cols[1].to_string()).filter(|s| !s.is_empty()),
                link_key: cols[2].to_string(),
                page: read(&format!("{}.html", cols[0])),
                plain: read(&format!("{}.plain.html", cols[0])),
            }
        })
        .collect();
    (secret, vectors)
}

#[test]
fn frozen_format_1_pages_still_open_with_their_links_and_the_derived_keys() {
    use base64::Engine as _;
    let (secret, vectors) = vectors_v1();
    assert_eq!(vectors.len(), 3);
    for v in &vectors {
        let derived = waymark::seal::PageKey::derive(&secret, &v.slug, v.salt.as_deref());
        let from_link: [u8; 32] = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&v.link_key)
            .unwrap()
            .try_into()
            .unwrap();
        assert_eq!(
            derived.key, from_link,
            "{}: the key derivation changed",
            v.slug
        );
        let ct = waymark::seal::ciphertext_of(&v.page).expect("a ciphertext");
        let opened = waymark::seal::open(&from_link, &v.slug, &ct)
            .unwrap_or_else(|_| panic!("{}: no longer opens", v.slug));
        assert_eq!(String::from_utf8(opened).unwrap(), v.plain, "{}", v.slug);
        assert!(
            !v.page.contains("VECTOR-"),
            "{}: plaintext in the page",
            v.slug
        );
    }
}

/// The demo commits its sealed brief as a user would, ciphertext only, and
/// publishes it without source or secret; the README's link opens it.
#[test]
fn the_demos_sealed_brief_is_published_from_its_artifact_and_opens_with_the_readme_link() {
    let out = tempfile::tempdir().unwrap();
    let r = build_example(out.path(), &[]);
    assert!(!r.stderr.contains("sealed-orphan"), "{}", r.stderr);
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let at = readme
        .find("/career/share/")
        .expect("the README links the demo's sealed brief");
    let link: String = readme[at..]
        .chars()
        .take_while(|c| *c != '>' && !c.is_whitespace())
        .collect();
    let slug = sealed_slug_from_link(&link);
    assert_eq!(artifacts(&example_site()), [format!("{slug}.html")]);
    let page =
        std::fs::read_to_string(out.path().join(format!("share/{slug}/index.html"))).unwrap();
    assert!(!page.contains("Marta Sousa"), "sealed, not in the clear");
    let opened =
        waymark::seal::open_page(&link_key(&link), &page).expect("the README's key opens it");
    assert!(
        opened.main.contains("The candid version — for Marta"),
        "{}",
        opened.main
    );
    assert_eq!(
        opened.title.as_deref(),
        Some("The candid version — for Marta · Alex Rivera — Career Journal")
    );
    // Its source is not in the demo: only what made it, kept aside.
    assert!(!example_site().join("private/share").exists());
}

/// The links inside a sealed page are made when it is sealed: a build at
/// another address (a local preview) never writes sealed/; one at the
/// site's own address (as the workflow's) does.
#[test]
fn a_build_at_another_address_leaves_sealed_as_it_was() {
    let f = sealed_site();
    with_secret(&f, &["build", "--base-url", "http://localhost:8000/"])
        .ok()
        .stderr_has(
            "Left sealed/ as it was: this build's --base-url is not the base_url in waymark.yaml",
        );
    assert_eq!(artifacts(f.path()), Vec::<String>::new());
    let slug = sealed_slug_from_link(&sealed_link(&f));
    let preview = f.read(&format!("public/share/{slug}/index.html"));
    let main = waymark::seal::open_page(&key(&slug, None), &preview)
        .unwrap()
        .main;
    assert!(
        main.contains("href=\"/achievements/shipped/\""),
        "the preview's own links:\n{main}"
    );
    with_secret(
        &f,
        &["build", "--base-url", "https://alex.github.io/career/"],
    )
    .ok()
    .stderr_has(&format!(
        "Sealed private/share/brief.md into sealed/{slug}.html"
    ));
    let artifact = f.read(&format!("sealed/{slug}.html"));
    let main = waymark::seal::open_page(&key(&slug, None), &artifact)
        .unwrap()
        .main;
    assert!(
        main.contains("href=\"/career/achievements/shipped/\""),
        "{main}"
    );
}
