//! A small HTTP/1.1 client and a handle on a running `waymark serve`, for
//! speaking to the real server in tests.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A parsed response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends one request with a raw request-target (so tests can send paths a
/// normal client would clean up) and reads the whole response.
pub fn request(port: u16, method: &str, target: &str) -> std::io::Result<Resp> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )?;
    let raw = read_framed(&mut s, method == "HEAD")?;
    parse(&raw, method == "HEAD")
}

/// Reads one response: the head, then Content-Length bytes, or chunks up to
/// the last one, or to the end of the stream — servers may keep it open.
fn read_framed(s: &mut TcpStream, head_only: bool) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16384];
    let mut head_end = None;
    loop {
        if head_end.is_none() {
            head_end = raw.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
        }
        if let Some(h) = head_end {
            let head = String::from_utf8_lossy(&raw[..h]).to_ascii_lowercase();
            if head_only {
                return Ok(raw);
            }
            if let Some(len) = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
            {
                if raw.len() >= h + len {
                    return Ok(raw);
                }
            } else if head.contains("transfer-encoding: chunked")
                && raw[h..].windows(5).any(|w| w == b"0\r\n\r\n")
            {
                return Ok(raw);
            }
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            return Ok(raw);
        }
        raw.extend_from_slice(&buf[..n]);
    }
}

fn parse(raw: &[u8], head: bool) -> std::io::Result<Resp> {
    let bad = || std::io::Error::other("malformed response");
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(bad)?;
    let head_text = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head_text.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(bad)?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked && !head {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(i) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..i]).trim(), 16)
                .map_err(|_| bad())?;
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[i + 2..i + 2 + size]);
            rest = &rest[i + 2 + size + 2..];
        }
        body = out;
    }
    Ok(Resp {
        status,
        headers,
        body,
    })
}

pub fn get(port: u16, path: &str) -> Resp {
    request(port, "GET", path).unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

/// An open Server-Sent Events connection.
pub struct Sse {
    rx: mpsc::Receiver<(String, String)>,
}

impl Sse {
    pub fn open(port: u16, path: &str) -> Sse {
        let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect for SSE");
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(s);
            let mut event = String::new();
            let mut line = String::new();
            loop {
                line.clear();
                match r.read_line(&mut line) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let l = line.trim_end();
                if let Some(e) = l.strip_prefix("event: ") {
                    event = e.to_string();
                } else if let Some(d) = l.strip_prefix("data: ")
                    && tx.send((event.clone(), d.to_string())).is_err()
                {
                    return;
                }
            }
        });
        Sse { rx }
    }

    /// The next event within `timeout`: (event name, data).
    pub fn next(&self, timeout: Duration) -> Option<(String, String)> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// Waits for an event named `name`, skipping others.
    pub fn wait_for(&self, name: &str, timeout: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + timeout;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left) {
                Some(ev) if ev.0 == name => return Some(ev),
                Some(_) => continue,
                None => return None,
            }
        }
        None
    }
}

/// A running `waymark serve`, stopped on drop.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub url: String,
    /// What serve printed before its "Serving" line.
    pub banner: Vec<String>,
    pub log: mpsc::Receiver<String>,
}

impl Server {
    /// Starts serve in `root` with `args`, on a port the OS picks, and waits
    /// for its "Serving … at URL" line.
    pub fn start(root: &Path, args: &[&str]) -> Server {
        let mut all = vec!["serve", "--port", "0"];
        all.extend_from_slice(args);
        Server::start_raw(root, &all)
    }

    pub fn start_raw(root: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_waymark"))
            .current_dir(root)
            .args(args)
            .env("NO_COLOR", "1")
            // The same fixed day as every other run of the binary in tests.
            .env("SOURCE_DATE_EPOCH", "1795392000")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start waymark serve");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            match rx.recv_timeout(Duration::from_millis(200)) {
                Ok(line) => {
                    if let Some(url) = line
                        .split(" at ")
                        .nth(1)
                        .filter(|_| line.starts_with("Serving "))
                    {
                        let url = url.trim().to_string();
                        let port: u16 = url
                            .trim_start_matches("http://")
                            .split(['/', ']'])
                            .next()
                            .and_then(|hp| hp.rsplit(':').next())
                            .and_then(|p| p.parse().ok())
                            .expect("port in URL");
                        return Server {
                            child,
                            port,
                            url,
                            banner: seen,
                            log: rx,
                        };
                    }
                    seen.push(line);
                }
                Err(_) => {
                    if let Ok(Some(status)) = child.try_wait() {
                        panic!("serve exited with {status}:\n{}", seen.join("\n"));
                    }
                }
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("serve did not start:\n{}", seen.join("\n"));
    }

    pub fn get(&self, path: &str) -> Resp {
        get(self.port, path)
    }

    /// Polls `path` until `pred` holds or `timeout` passes; returns the last
    /// response and the time it took.
    pub fn poll_until(
        &self,
        path: &str,
        timeout: Duration,
        pred: impl Fn(&Resp) -> bool,
    ) -> (Resp, Duration) {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if pred(&r) || start.elapsed() > timeout {
                return (r, start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Everything serve printed so far.
    pub fn drain_log(&self) -> Vec<String> {
        self.log.try_iter().collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends a JSON request and parses the JSON answer (for WebDriver).
pub fn json(
    port: u16,
    method: &str,
    path: &str,
    body: &serde_json::Value,
) -> std::io::Result<(u16, serde_json::Value)> {
    // No body at all for GET and DELETE: WebDriver servers may refuse one.
    let payload = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{payload}",
        payload.len()
    )?;
    let raw = read_framed(&mut s, false)?;
    let r = parse(&raw, false)?;
    let v = serde_json::from_slice(&r.body).unwrap_or(serde_json::Value::Null);
    Ok((r.status, v))
}

/// What a crawl found.
#[derive(Debug, Default)]
pub struct Crawl {
    pub pages: usize,
    pub links_checked: usize,
    pub fetched: usize,
    pub broken: Vec<String>,
    pub outside: Vec<String>,
}

/// Resolves `link` found on the page at `page_path` into a path on the
/// server, or None for another host. `origin` is the site's public origin
/// (`https://alex.github.io`), whose absolute URLs count as internal.
pub fn resolve_link(page_path: &str, link: &str, origin: &str) -> Option<String> {
    let link = link.split('#').next().unwrap_or("");
    let link = link.split('?').next().unwrap_or("");
    if link.is_empty() {
        return Some(page_path.to_string());
    }
    if let Some(rest) = link.strip_prefix(origin) {
        return Some(if rest.is_empty() {
            "/".into()
        } else {
            rest.to_string()
        });
    }
    if link.contains("://") || link.starts_with("mailto:") || link.starts_with("//") {
        return None;
    }
    let joined = if link.starts_with('/') {
        link.to_string()
    } else {
        let dir = &page_path[..=page_path.rfind('/').unwrap_or(0)];
        format!("{dir}{link}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/').skip(1) {
        match seg {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

/// Crawls a static server from `start`, following every href and src on
/// every HTML page; every internal target must answer 200 and stay under
/// `prefix`.
pub fn crawl(port: u16, start: &str, prefix: &str, origin: &str) -> Crawl {
    let mut report = Crawl::default();
    let mut seen = std::collections::BTreeSet::new();
    let mut queue = std::collections::VecDeque::new();
    queue.push_back(start.to_string());
    seen.insert(start.to_string());
    while let Some(path) = queue.pop_front() {
        let r = match request(port, "GET", &path) {
            Ok(r) => r,
            Err(e) => {
                report.broken.push(format!("{path}: {e}"));
                continue;
            }
        };
        report.fetched += 1;
        if r.status != 200 {
            report.broken.push(format!("{path}: {}", r.status));
            continue;
        }
        let is_html = r
            .header("content-type")
            .is_some_and(|c| c.starts_with("text/html"));
        if !is_html {
            continue;
        }
        report.pages += 1;
        for link in super::links(&r.text()) {
            let Some(target) = resolve_link(&path, &link, origin) else {
                continue;
            };
            report.links_checked += 1;
            if !target.starts_with(prefix) {
                report.outside.push(format!("{path}: {link}"));
                continue;
            }
            if seen.insert(target.clone()) {
                queue.push_back(target);
            }
        }
    }
    report
}

/// A static file server (python's http.server) over `dir`, stopped on drop.
pub struct StaticServer {
    child: Child,
    pub port: u16,
}

impl StaticServer {
    pub fn start(dir: &Path) -> StaticServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--directory",
            ])
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start python3 -m http.server");
        let deadline = Instant::now() + Duration::from_secs(20);
        while request(port, "HEAD", "/").is_err() {
            assert!(Instant::now() < deadline, "static server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        StaticServer { child, port }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
