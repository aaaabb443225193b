//! Test support: fixture sites in temp dirs, running the real binary, and
//! reading the output tree back.

#![allow(dead_code)]

pub mod http;
#[path = "../../benches/support/site_copy.rs"]
mod site_copy;
pub use site_copy::copy_site;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds example-site into `out` with extra build arguments; must succeed.
pub fn build_example(out: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "--root",
        "example-site",
        "build",
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let r = waymark(Path::new(env!("CARGO_MANIFEST_DIR")), &args);
    r.ok();
    r
}

pub fn example_site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site")
}

/// The result of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstderr:\n{}\nstdout:\n{}",
            self.stderr, self.stdout
        );
        self
    }

    #[track_caller]
    pub fn fails(&self) -> &Self {
        assert_eq!(self.code, 1, "expected exit 1\nstderr:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }
}

pub fn waymark(dir: &Path, args: &[&str]) -> Run {
    waymark_env(dir, args, &[])
}

pub fn waymark_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_waymark"));
    cmd.current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1795392000")
        // Only the secret a test gives: never one from the environment.
        .env_remove("WAYMARK_SHARE_SECRET");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run waymark");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A site in a temp dir, written file by file.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub const CONFIG: &str =
    "title: Test Journal\nbase_url: https://alex.github.io/career/\nauthor:\n  name: Test Person\n";

impl Fixture {
    /// An empty site with a config.
    pub fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        f.write("waymark.yaml", CONFIG);
        f
    }

    /// A small but complete site: goals with a parent, achievements naming
    /// them, a milestone, a page and a share page.
    pub fn small() -> Fixture {
        let f = Fixture::new();
        f.write("content/_index.md", "---\ntitle: Home\n---\nHello there.\n");
        f.write(
            "content/goals/staff.md",
            "---\ntitle: Become Staff\nhorizon: 3y\n---\nBig one.\n\n- [x] one\n- [ ] two\n",
        );
        f.write(
            "content/goals/slos.md",
            "---\ntitle: Own SLOs\nhorizon: 1y\nparent: staff\n---\nSmaller.\n",
        );
        f.write(
            "content/achievements/2026-03-06-shipped.md",
            "---\ntitle: Shipped the importer\nimpact: 3x faster\nskills: [rust]\ngoals: [slos]\ntags: [work]\n---\nWe shipped it. See [the goal](@/goals/staff.md).\n",
        );
        f.write(
            "content/achievements/2026-03-13-talk.md",
            "---\ntitle: Gave a talk\nskills: [public-speaking]\n---\nTalked.\n",
        );
        f.write(
            "content/journey/2020-01-01-engineer.md",
            "---\ntitle: Engineer at Acme\ntype: role\nrole: Engineer\norg: Acme\n---\n",
        );
        f.write(
            "content/pages/about.md",
            "---\ntitle: About\n---\nAbout me.\n",
        );
        f.write(
            "content/share/promo.md",
            "---\ntitle: Promo brief\nfor: My sponsor\nask: Sponsor me\nfrom: 2026-01-01\nto: 2026-12-31\n---\nHi.\n",
        );
        f
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.dir.path().join(rel)).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Run {
        waymark(self.path(), args)
    }

    pub fn public(&self) -> PathBuf {
        self.path().join("public")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }
}

/// Every file under `dir`: relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

/// Every `href` and `src` attribute value in an HTML document.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(j) = rest.find('"') {
                out.push(rest[..j].replace("&amp;", "&"));
                rest = &rest[j..];
            }
        }
    }
    out
}

/// Checks that every internal link of every HTML page resolves to a file of
/// the output, given the site's URL prefix. Returns the broken ones.
pub fn broken_links(out: &Path, origin: &str, prefix: &str) -> Vec<String> {
    let files = tree(out);
    let mut broken = Vec::new();
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let page_dir = match path.rfind('/') {
            Some(i) => &path[..=i],
            None => "",
        };
        for link in links(&html) {
            let link = link.split('#').next().unwrap_or("").to_string();
            if link.is_empty() || link.starts_with("mailto:") {
                continue;
            }
            let site_path = if let Some(rest) = link.strip_prefix(origin) {
                rest.to_string()
            } else if link.contains("://") {
                continue; // another host
            } else if link.starts_with('/') {
                link.clone()
            } else {
                format!("{prefix}{page_dir}{link}")
            };
            let Some(rel) = site_path.strip_prefix(prefix) else {
                broken.push(format!("{path}: {link} (outside {prefix})"));
                continue;
            };
            let rel = percent_decode(rel.split('?').next().unwrap_or(""));
            let target = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            if !files.contains_key(&target) {
                broken.push(format!("{path}: {link}"));
            }
        }
    }
    broken
}

/// A URL path as a server maps it to a file name: `%E6%97%A5` → `日`.
pub fn percent_decode(path: &str) -> String {
    let b = path.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Builds `f`, breaks it with `breakage`, builds again, and checks the
/// errors `expect` names, that the previous output is byte for byte
/// untouched and that no staging folder is left behind.
#[track_caller]
pub fn breaks_site(f: &Fixture, breakage: impl FnOnce(&Fixture), expect: &[&str]) -> Run {
    f.run(&["build"]).ok();
    let before = tree(&f.public());
    breakage(f);
    let r = f.run(&["build"]);
    r.fails();
    for e in expect {
        r.stderr_has(e);
    }
    r.stderr_has("the previous output is untouched");
    assert_eq!(tree(&f.public()), before, "the previous output changed");
    assert!(
        !f.path().join(".public.waymark-staging").exists(),
        "no staging folder left behind"
    );
    r
}

/// Fails when any file of the tree contains any of `needles`.
#[track_caller]
pub fn assert_absent(out: &Path, needles: &[&str]) {
    for (path, bytes) in tree(out) {
        let text = String::from_utf8_lossy(&bytes);
        for n in needles {
            assert!(!text.contains(n), "{n:?} leaked into {path}");
        }
    }
}

/// Whether a tool is on PATH.
pub fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// For checks that need an outside tool: returns false (skip) when it is
/// missing, except under CI=true where a missing tool is a failure.
#[track_caller]
pub fn require_tool(what: &str, present: bool) -> bool {
    if present {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what} is required when CI=true (install it as .ci/run does)");
    }
    skipped(&format!("{what} is not installed"));
    false
}

/// Says that a test skipped its check, where a person running `cargo test`
/// sees it: `eprintln!` in a passing test is captured and thrown away, but
/// a write straight to the process's standard error is not captured.
#[track_caller]
pub fn skipped(why: &str) {
    use std::io::Write as _;
    let at = std::panic::Location::caller();
    let name = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(
        std::io::stderr().lock(),
        "SKIPPED {name} ({}:{}): {why}",
        at.file(),
        at.line()
    );
}
