//! Reading a YAML block so that one run reports every bad key, not just
//! the first one serde_yaml stops at: a key found wrong (or unknown) is
//! blanked out, its lines kept so the rest still points at the right lines,
//! and the rest read again. Used by front matter and by `waymark.yaml`.

use crate::diag::Diagnostic;
use crate::model::frontmatter::yaml_error::{top_key, yaml_error};

/// `yaml` with the block of top-level `key` blanked out (lines kept, so
/// later errors still point at the right lines).
fn blank_key(yaml: &str, key: &str) -> Option<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut found = false;
    for line in yaml.split('\n') {
        let starts_top = !line.is_empty() && !line.starts_with([' ', '#', '-']);
        if starts_top {
            let k = line.trim_start_matches(['"', '\'']);
            in_block = !found
                && k.starts_with(key)
                && k[key.len()..]
                    .trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with(':');
            found |= in_block;
        }
        out.push(if in_block { "" } else { line });
    }
    found.then(|| out.join("\n"))
}

/// Parses a YAML block strictly into `T`, reporting a problem in every
/// top-level key rather than only the first: after each error its key is
/// blanked out and the rest parsed again. Returns what parsed without the
/// bad keys (so later checks can still run on the rest) and the errors.
pub(crate) fn parse_lenient<T: serde::de::DeserializeOwned>(
    path: &str,
    file_text: &str,
    yaml: &str,
    line_offset: usize,
    known_hint: &[&str],
) -> (Option<T>, Vec<Diagnostic>) {
    let mut text = yaml.to_string();
    let mut errors = Vec::new();
    for _ in 0..64 {
        match serde_yaml::from_str::<T>(&text) {
            Ok(v) => return (Some(v), errors),
            Err(e) => {
                errors.push(yaml_error(path, file_text, line_offset, &e, known_hint));
                let next = top_key(&e.to_string()).and_then(|k| blank_key(&text, k));
                match next {
                    Some(t) if t != text => text = t,
                    _ => break,
                }
            }
        }
    }
    (None, errors)
}

/// `yaml` without the top-level `keys` (their lines left blank).
pub(crate) fn without_keys(yaml: &str, keys: &[String]) -> String {
    let mut text = yaml.to_string();
    for k in keys {
        if let Some(t) = blank_key(&text, k) {
            text = t;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Two {
        a: Option<bool>,
        b: Option<Vec<String>>,
        c: Option<String>,
    }

    #[test]
    fn a_blanked_key_keeps_its_lines() {
        let yaml = "a: 1\nb:\n  - x\n  - y\nc: 2\n";
        assert_eq!(blank_key(yaml, "b").unwrap(), "a: 1\n\n\n\nc: 2\n");
        assert_eq!(blank_key("\"a\": 1\nab: 2\n", "a").unwrap(), "\nab: 2\n");
        assert_eq!(blank_key(yaml, "ab"), None);
        assert_eq!(
            without_keys(yaml, &["a".to_string(), "c".to_string(), "zz".to_string()]),
            "\nb:\n  - x\n  - y\n\n"
        );
    }

    #[test]
    fn every_bad_key_is_reported_and_the_rest_is_kept() {
        let file = "a: maybe\nb: 5\nc: fine\n";
        let (v, errors) = parse_lenient::<Two>("x.yaml", file, file, 1, &[]);
        let v = v.expect("the rest parses");
        assert_eq!((v.a, v.b, v.c.as_deref()), (None, None, Some("fine")));
        let at: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.code.as_str())).collect();
        assert_eq!(at, [(1, "invalid-type"), (2, "invalid-type")]);
    }

    #[test]
    fn an_error_that_names_no_key_stops_the_reading() {
        let file = "[1, 2]\n";
        let (v, errors) = parse_lenient::<Two>("x.yaml", file, file, 1, &[]);
        assert!(v.is_none());
        assert_eq!(errors.len(), 1);
    }
}
