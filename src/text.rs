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
    fn human_date_has_no_leading_zero_and_a_short_month() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(human_date(d("2012-07-13")), "13 Jul 2012");
        assert_eq!(human_date(d("2026-03-06")), "6 Mar 2026");
        assert_eq!(human_date(d("1999-12-31")), "31 Dec 1999");
        assert_eq!(human_date(d("2024-02-29")), "29 Feb 2024");
    }
}
