//! Refuses a content file that names one key twice in an object. serde_json reads such a
//! file into a struct as an error ("duplicate field"), but into a plain JSON value it keeps
//! the last and drops the first without a word; the build reads each file as a value, so
//! this check runs first (in `build.rs`, and in the tests).

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Ok when no object in `json` names a key twice; else the first such key, and the JSON
/// error when `json` is not JSON at all.
pub(crate) fn unique_keys(json: &str) -> Result<(), String> {
    serde_json::from_str::<Checked>(json)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Any JSON value, walked only to check its objects' keys.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Walk)
    }
}

struct Walk;

impl<'de> Visitor<'de> for Walk {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format_args!(
                    "the key {key:?} twice in one object"
                )));
            }
            map.next_value::<Checked>()?;
        }
        Ok(Checked)
    }
}

#[cfg(test)]
mod tests {
    use super::unique_keys;

    #[test]
    fn a_key_named_twice_in_any_object_is_refused_with_where() {
        assert_eq!(
            unique_keys(r#"{"a": 1, "b": [{"c": 1}, {"c": 2}]}"#),
            Ok(())
        );
        let e = unique_keys(r#"{"a": "first", "a": "second"}"#).unwrap_err();
        assert!(e.contains("\"a\" twice") && e.contains("line 1"), "{e}");
        let deep = unique_keys("{\"x\": [1, {\"y\": {\"z\": 1,\n \"z\": 2}}]}").unwrap_err();
        assert!(
            deep.contains("\"z\" twice") && deep.contains("line 2"),
            "{deep}"
        );
        assert!(unique_keys("{\"a\": ").is_err(), "not JSON");
    }

    /// The build refuses such a file; this names it in a test run too.
    #[test]
    fn no_content_file_names_a_key_twice() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/en-GB");
        let mut files = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let json = std::fs::read_to_string(&path).unwrap();
                assert_eq!(unique_keys(&json), Ok(()), "{}", path.display());
                files += 1;
            }
        }
        assert!(files >= 19, "{files} files");
    }
}
