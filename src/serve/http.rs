//! HTTP for `serve`: tiny_http, a thread per connection so open live-reload
//! streams never starve page requests, pages from the in-memory output with
//! the reload script injected, and paths checked so no spelling of `..`
//! reaches anything but the site.

use std::io::Cursor;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::{Shared, live, reload};

/// Binds `ip:port`, or the first free port after it (up to 100 tries).
pub(crate) fn bind(ip: IpAddr, port: u16) -> Result<(Server, u16), String> {
    let mut last = String::new();
    for p in port..=port.saturating_add(100) {
        match Server::http(SocketAddr::new(ip, p)) {
            Ok(s) => {
                let actual = s.server_addr().to_ip().map_or(p, |a| a.port());
                return Ok((s, actual));
            }
            Err(e) => last = e.to_string(),
        }
        if port == 0 {
            break;
        }
    }
    Err(format!(
        "cannot listen on {ip}:{port} or the next 100 ports: {last}"
    ))
}

/// Serves requests until the process ends.
pub(crate) fn serve_forever(server: Server, shared: Arc<Shared>) {
    for request in server.incoming_requests() {
        let shared = shared.clone();
        std::thread::spawn(move || handle(request, &shared));
    }
}

pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "md" => "text/markdown; charset=utf-8",
        _ if path.ends_with("CNAME") || path.ends_with(".nojekyll") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header is valid")
}

/// A 302 to `location`, a decoded path: header values must be ASCII, so
/// anything else (a tag named `système`) is percent-encoded again.
fn redirect(req: Request, location: &str) {
    let mut encoded = String::with_capacity(location.len());
    for &b in location.as_bytes() {
        if b.is_ascii_graphic() {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    respond(
        req,
        302,
        "text/plain; charset=utf-8",
        Vec::new(),
        &[("Location", &encoded)],
    )
}

fn respond(req: Request, status: u16, ctype: &str, body: Vec<u8>, extra: &[(&str, &str)]) {
    let len = body.len();
    let mut headers = vec![
        header("Content-Type", ctype),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
        // tiny_http keeps a pool thread per open connection; closing after
        // each response keeps threads for the live-reload streams only.
        header("Connection", "close"),
    ];
    for (k, v) in extra {
        headers.push(header(k, v));
    }
    let resp = Response::new(
        StatusCode(status),
        headers,
        Cursor::new(body),
        Some(len),
        None,
    );
    let _ = req.respond(resp);
}

/// Decodes a request path and refuses anything that could mean "elsewhere":
/// `..` or `.` segments in any encoding, backslashes, NUL, empty segments.
/// Returns the decoded path, starting with `/`.
pub(crate) fn clean_path(raw_url: &str) -> Option<String> {
    let raw = raw_url.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return None; // absolute-form or garbage
    }
    let mut bytes = Vec::with_capacity(raw.len());
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            bytes.push(b[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    if path.contains(['\0', '\\']) || path.contains("//") {
        return None;
    }
    if path.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    Some(path)
}

fn handle(req: Request, shared: &Shared) {
    let method = req.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        return respond(
            req,
            405,
            "text/plain; charset=utf-8",
            b"405 Method Not Allowed: this preview only serves GET and HEAD\n".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
    }
    let Some(path) = clean_path(req.url()) else {
        return respond(
            req,
            400,
            "text/plain; charset=utf-8",
            b"400 Bad Request\n".to_vec(),
            &[],
        );
    };
    let base = shared.base_path.as_str();
    let snap = shared.current();
    if path == "/__waymark/nudge" {
        return respond(req, 204, "text/plain; charset=utf-8", Vec::new(), &[]);
    }

    // The live-reload endpoint and script live under the base path.
    if let Some(rest) = path.strip_prefix(base) {
        match rest {
            "__waymark/events" => {
                // Subscribed first: a rebuild that ends in between is then
                // either in the generation sent or among the events.
                let rx = shared.hub.subscribe();
                let generation = shared.current().generation;
                let w = req.into_writer();
                nudge(shared.own_addr);
                return reload::stream(w, rx, generation);
            }
            "__waymark/live.js" => {
                return respond(
                    req,
                    200,
                    "text/javascript; charset=utf-8",
                    reload::script(base).into_bytes(),
                    &[],
                );
            }
            _ => {}
        }
    }
    let rel = match path.strip_prefix(base) {
        Some(r) => r.to_string(),
        None if format!("{path}/") == base => return redirect(req, base),
        None => return not_found(req, shared, &snap),
    };
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    let overlay = snap.overlay.as_deref().map(String::as_str);
    let found = snap
        .live
        .as_ref()
        .map_or(live::Found::Missing, |l| l.get(&key));
    match found {
        live::Found::Page(Ok(bytes)) => {
            let body = reload::inject(&bytes, base, snap.generation, overlay);
            return respond(req, 200, content_type(&key), body, &[]);
        }
        live::Found::Page(Err(d)) => {
            // A template that fails on this page: say so where the page
            // would be, and in the terminal.
            (shared.print)(&mut [d.clone()]);
            let own = super::overlay_html(std::slice::from_ref(&d));
            let body = reload::inject(PLACEHOLDER, base, snap.generation, Some(&own));
            return respond(req, 500, "text/html; charset=utf-8", body, &[]);
        }
        live::Found::File(bytes) => {
            let body = if key.ends_with(".html") {
                reload::inject(&bytes, base, snap.generation, overlay)
            } else {
                bytes
            };
            return respond(req, 200, content_type(&key), body, &[]);
        }
        live::Found::Missing => {}
    }
    if snap
        .live
        .as_ref()
        .is_some_and(|l| l.has(&format!("{rel}/index.html")))
    {
        return redirect(req, &format!("{path}/"));
    }
    not_found(req, shared, &snap)
}

/// tiny_http 0.12 runs each connection on a pool thread, and when two
/// connections arrive together while one pool thread is idle, the second can
/// wait in the queue until some pool thread finishes a connection. A
/// live-reload stream never finishes, so after one starts we make a short
/// request to ourselves: the thread that serves it picks up anything queued.
fn nudge(addr: SocketAddr) {
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        if let Ok(mut s) = std::net::TcpStream::connect(addr) {
            let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(5)));
            let _ = s.write_all(
                b"GET /__waymark/nudge HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            );
            let _ = s.read(&mut [0u8; 256]);
        }
    });
}

/// What a page is shown over when there is no page to show.
const PLACEHOLDER: &[u8] = b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>waymark preview</title></head><body><p>No page here yet.</p></body></html>";

fn not_found(req: Request, shared: &Shared, snap: &super::Snapshot) {
    let overlay = snap.overlay.as_deref().map(String::as_str);
    let page = snap.live.as_ref().map(|l| l.get("404.html"));
    let body = match page {
        Some(live::Found::Page(Ok(b))) => {
            reload::inject(&b, &shared.base_path, snap.generation, overlay)
        }
        // The site's own static/404.html.
        Some(live::Found::File(b)) => {
            reload::inject(&b, &shared.base_path, snap.generation, overlay)
        }
        // No good build yet (the first one failed): still show the errors,
        // and reload once they are fixed.
        _ => reload::inject(PLACEHOLDER, &shared.base_path, snap.generation, overlay),
    };
    respond(req, 404, "text/html; charset=utf-8", body, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_in_any_spelling_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/career/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2fetc",
            "/a/..\\..\\etc",
            "/a%5c..%5cetc",
            "/%00",
            "//etc/passwd",
            "http://evil/etc/passwd",
            "/./index.html",
            "/%zz",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
        assert_eq!(
            clean_path("/career/goals/x/?a=b").as_deref(),
            Some("/career/goals/x/")
        );
        assert_eq!(clean_path("/caf%C3%A9/").as_deref(), Some("/café/"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.woff2"), "font/woff2");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
    }
}
