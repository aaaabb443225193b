//! Live reload over Server-Sent Events: a hub that fans events out to open
//! tabs, and the small script injected into served HTML (never into build
//! output).

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How often an idle connection gets a comment line, so closed tabs are
/// noticed and proxies keep the stream open.
pub(crate) const HEARTBEAT: Duration = Duration::from_secs(5);

/// One event for the browser: `reload` or `css`, with the build generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    pub(crate) kind: &'static str,
    pub(crate) generation: u64,
}

/// Fans events out to every open live-reload connection.
#[derive(Default)]
pub(crate) struct Hub {
    clients: Mutex<Vec<Sender<Event>>>,
}

impl Hub {
    pub(crate) fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = mpsc::channel();
        self.clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(tx);
        rx
    }

    /// Sends to every client; forgets the ones that went away.
    pub(crate) fn broadcast(&self, kind: &'static str, generation: u64) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.send(Event { kind, generation }).is_ok());
    }

    #[cfg(test)]
    pub(crate) fn connections(&self) -> usize {
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// Streams events to one client until it goes away. Writes the HTTP head
/// itself: the connection stays open for as long as the tab does.
pub(crate) fn stream(mut w: Box<dyn Write + Send>, rx: Receiver<Event>, generation: u64) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\n";
    let hello = format!("retry: 500\nevent: hello\ndata: {generation}\n\n");
    if w.write_all(head.as_bytes())
        .and_then(|_| w.write_all(hello.as_bytes()))
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(HEARTBEAT) {
            Ok(e) => format!("event: {}\ndata: {}\n\n", e.kind, e.generation),
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(msg.as_bytes()).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}

/// The script every served HTML page loads.
pub(crate) fn script(base_path: &str) -> String {
    format!(
        r#"(function () {{
  var me = document.currentScript;
  var seen = me && me.dataset.generation;
  var es = new EventSource("{base_path}__waymark/events");
  function swapCss() {{
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    links.forEach(function (old) {{
      var url = new URL(old.href, location.href);
      url.searchParams.set("waymark", Date.now());
      var fresh = old.cloneNode();
      fresh.href = url.href;
      fresh.onload = function () {{ old.remove(); }};
      old.after(fresh);
    }});
  }}
  es.addEventListener("hello", function (e) {{
    if (seen && e.data !== seen) location.reload();
  }});
  es.addEventListener("reload", function () {{ location.reload(); }});
  es.addEventListener("css", function (e) {{ seen = e.data; swapCss(); }});
}})();
"#
    )
}

/// Adds the live-reload script (and the error overlay, if any) to a page.
pub(crate) fn inject(
    html: &[u8],
    base_path: &str,
    generation: u64,
    overlay: Option<&str>,
) -> Vec<u8> {
    let tag = format!(
        r#"<script src="{base_path}__waymark/live.js" data-generation="{generation}"></script>"#
    );
    let extra = format!("{}{tag}", overlay.unwrap_or(""));
    let text = String::from_utf8_lossy(html);
    let out = match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]),
        None => format!("{text}{extra}"),
    };
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inject_goes_before_the_body_end() {
        let out = inject(
            b"<html><body><p>x</p></body></html>",
            "/career/",
            7,
            Some("<div>E</div>"),
        );
        let s = String::from_utf8(out).unwrap();
        assert!(s.ends_with(r#"<div>E</div><script src="/career/__waymark/live.js" data-generation="7"></script></body></html>"#), "{s}");
    }

    #[test]
    fn hub_forgets_closed_clients() {
        let hub = Hub::default();
        let a = hub.subscribe();
        let b = hub.subscribe();
        drop(b);
        hub.broadcast("reload", 2);
        assert_eq!(hub.connections(), 1);
        assert_eq!(
            a.try_recv().unwrap(),
            Event {
                kind: "reload",
                generation: 2
            }
        );
    }
}
