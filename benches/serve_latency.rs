//! Save-to-reload latency of `waymark serve`: copies a site to a temp dir,
//! starts the real server (release build), holds a live-reload connection
//! open as a browser tab does, edits one entry N times and measures from the
//! moment before the write to the moment the `reload` event arrives.
//!
//! cargo bench --bench serve_latency -- [SITE_DIR] [EDITS] [body|title]
//! (defaults: example-site, 50, body). `body` appends a line to the entry's
//! text, the common save while writing; `title` changes its front matter,
//! which other pages show too, so every entry's view is rebuilt.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

#[path = "support/site_copy.rs"]
mod site_copy;

/// Resident memory of a process, in MiB (Linux).
fn rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// GETs a page over a fresh connection and returns its body.
fn get_page(port: u16, path: &str) -> String {
    use std::io::Read;
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    );
    let mut body = String::new();
    let _ = s.read_to_string(&mut body);
    body
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let site = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"));
    let edits: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(50);
    let title_edits = match args.get(2).map(String::as_str) {
        None | Some("body") => false,
        Some("title") => true,
        Some(other) => panic!("unknown edit kind `{other}`: body or title"),
    };
    let tmp = tempfile::tempdir().unwrap();
    site_copy::copy_site(&site, tmp.path());
    let entry = site_copy::first_achievement(tmp.path());
    let original = std::fs::read_to_string(&entry).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .current_dir(tmp.path())
        .args(["serve", "--port", "0", "--quiet"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start waymark serve");
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut port = 0u16;
    let mut lines = stderr.lines();
    for line in lines.by_ref().map_while(Result::ok) {
        if let Some(url) = line
            .strip_prefix("Serving ")
            .and_then(|l| l.split(" at ").nth(1))
        {
            port = url
                .trim_start_matches("http://127.0.0.1:")
                .split('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            break;
        }
    }
    assert!(port != 0, "serve did not start");
    std::thread::spawn(move || for _ in lines {});

    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__waymark/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(s);
        let mut line = String::new();
        while r.read_line(&mut line).is_ok_and(|n| n > 0) {
            if line.starts_with("event: reload") || line.starts_with("event: css") {
                let _ = tx.send(Instant::now());
            }
            line.clear();
        }
    });
    std::thread::sleep(Duration::from_millis(300));

    let pid = child.id();
    // The edited entry's page: /achievements/<slug>/.
    let stem = entry.file_stem().unwrap().to_string_lossy().into_owned();
    let slug = stem
        .get(11..)
        .filter(|_| stem.as_bytes().get(10) == Some(&b'-'))
        .unwrap_or(&stem)
        .to_string();
    let page = format!("/achievements/{slug}/");
    let mut samples = Vec::with_capacity(edits);
    let mut served = Vec::with_capacity(edits);
    let mut rss_after_10 = None;
    // Resident memory every 100 edits, to show it stays flat.
    let mut rss_every_100 = Vec::new();
    for i in 0..edits {
        if i == 10 {
            rss_after_10 = rss_mib(pid);
        }
        if i > 0
            && i % 100 == 0
            && let Some(m) = rss_mib(pid)
        {
            rss_every_100.push(format!("{m:.0}"));
        }
        let marker = format!("Edit number {i}.");
        let text = if title_edits {
            original.replacen("title: ", &format!("title: {marker} "), 1)
        } else {
            format!("{original}\n{marker}\n")
        };
        let start = Instant::now();
        std::fs::write(&entry, text).unwrap();
        // A reload event counts only once the page it announces shows this
        // edit: an event from an earlier, slower rebuild must not be taken
        // for this one.
        loop {
            let at = rx
                .recv_timeout(Duration::from_secs(10))
                .unwrap_or_else(|_| panic!("no reload event for edit {i}"));
            if get_page(port, &page).contains(&marker) {
                samples.push(at.duration_since(start).as_secs_f64() * 1000.0);
                served.push(start.elapsed().as_secs_f64() * 1000.0);
                break;
            }
        }
        // Let the debouncer settle so each edit is measured on its own.
        std::thread::sleep(Duration::from_millis(150));
        while rx.try_recv().is_ok() {}
    }
    served.sort_by(f64::total_cmp);
    let rss_end = rss_mib(pid);
    let _ = child.kill();
    let _ = child.wait();
    let mut sorted = samples.clone();
    sorted.sort_by(f64::total_cmp);
    let mean = samples.iter().sum::<f64>() / samples.len() as f64;
    let entries = walkdir::WalkDir::new(tmp.path().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    println!(
        "serve save-to-reload over {edits} {} edits ({entries} entries in {}): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms, mean {:.1} ms",
        if title_edits { "title" } else { "body" },
        site.display(),
        percentile(&sorted, 0.5),
        percentile(&sorted, 0.95),
        sorted[sorted.len() - 1],
        mean
    );
    println!(
        "serve save-to-new-page-served: p50 {:.1} ms, p95 {:.1} ms",
        percentile(&served, 0.5),
        percentile(&served, 0.95)
    );
    if let (Some(a), Some(b)) = (rss_after_10, rss_end) {
        println!("serve memory: {a:.0} MiB after 10 edits, {b:.0} MiB after {edits}");
    }
    if !rss_every_100.is_empty() {
        println!(
            "serve memory every 100 edits (MiB): {}",
            rss_every_100.join(", ")
        );
    }
}
