//! The small shared helpers everything imports downwards: escaping text
//! for HTML, SVG and XML, and dates as people read them.

use jiff::civil::Date;

/// Escapes text for SVG/XML content and attributes.
pub(crate) fn esc(s: &str) -> String {
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

/// Undoes HTML escaping in text: the named entities escaping makes (`&amp;`,
/// `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`) and numeric ones
/// (`&#39;`, `&#x2F;`). Anything else is kept as written.
pub(crate) fn unesc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest[1..].find(';').filter(|&e| e <= 10).and_then(|e| {
            let name = &rest[1..1 + e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let n = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => name.strip_prefix('#').and_then(|d| d.parse().ok()),
                    };
                    n.and_then(char::from_u32)
                }
            }?;
            Some((c, e + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A date as people read it: "13 Jul 2012".
pub(crate) fn human_date(d: Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_escapes_each_of_the_five_characters() {
        for (raw, escaped) in [
            ("&", "&amp;"),
            ("<", "&lt;"),
            (">", "&gt;"),
            ("\"", "&quot;"),
            ("'", "&#39;"),
        ] {
            assert_eq!(esc(raw), escaped, "{raw}");
            // Inside other text, and more than once.
            assert_eq!(
                esc(&format!("a{raw}b{raw}")),
                format!("a{escaped}b{escaped}")
            );
        }
    }

    #[test]
    fn esc_leaves_everything_else_alone() {
        let plain = "Café — 3x faster; tabs\tand\nnewlines, #hash, /slash, =equals, 日本語 🎉";
        assert_eq!(esc(plain), plain);
        assert_eq!(esc(""), "");
    }

    #[test]
    fn esc_treats_markup_and_entities_in_the_input_as_text() {
        // An entity in the input is text: its `&` is escaped like any other.
        assert_eq!(esc("&lt;"), "&amp;lt;");
        assert_eq!(
            esc("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn unesc_undoes_esc_and_the_entities_templates_write() {
        let plain = "Café <&> \"quoted\" 'single' / 日本語 🎉 & alone; &unknown; &#zz;";
        assert_eq!(unesc(&esc(plain)), plain);
        assert_eq!(
            unesc("a &#x27;b&#x2F; &#39;c&#X41;&nbsp;"),
            "a 'b/ 'cA\u{a0}"
        );
        assert_eq!(unesc("&amp;lt;"), "&lt;", "decoded once");
        assert_eq!(unesc("tail &"), "tail &");
        assert_eq!(unesc("&#1114112;"), "&#1114112;", "not a character");
    }

    #[test]
    fn human_date_has_no_leading_zero_and_a_short_month() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(human_date(d("2012-07-13")), "13 Jul 2012");
        assert_eq!(human_date(d("2026-03-06")), "6 Mar 2026");
        assert_eq!(human_date(d("1999-12-31")), "31 Dec 1999");
        assert_eq!(human_date(d("2024-02-29")), "29 Feb 2024");
    }
}
