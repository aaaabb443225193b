//! The small shared helpers everything imports downwards: escaping text
//! for HTML, SVG and XML, and dates as people read them.

use jiff::civil::Date;

/// Escapes text for SVG/XML content and attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A date as people read it: "13 Jul 2012".
pub fn human_date(d: Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}
