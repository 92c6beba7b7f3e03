//! Embedded content. Each tool's wording is written as JSON under `core/content/<locale>/`
//! and compiled into the core by `build.rs` as a node table ([`tree`]), so the app needs no
//! files or network at run time and parses no JSON: each file is read into its type once, on
//! first use, straight from the nodes. A file that does not fit its type is kept and reported
//! as an error on every use rather than a panic (each module's content test makes sure a
//! release never ships one).
//!
//! This is the ground floor: the rule wording the error type itself uses is content, so the
//! failure here is a plain [`ContentError`] that the error type takes in, not the other way
//! round.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::Deserialize;

#[cfg(test)]
mod flatten;
pub(crate) mod node;
pub(crate) mod tree;
#[cfg(test)]
mod unique;

use tree::Tree;

// The node table, `DOC`, and one module per locale folder (`en_gb`) with a root per file.
include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// A content file that could not be read: a bug of the build, never of the person's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContentError(pub String);

impl std::fmt::Display for ContentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The content file `tree`, read into `cell` on first use. `what` names it in the error.
pub(crate) fn parsed<T: DeserializeOwned>(
    cell: &'static OnceLock<std::result::Result<T, String>>,
    tree: Tree,
    what: &str,
) -> Result<&'static T, ContentError> {
    cell.get_or_init(|| tree.deserialize().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| ContentError(format!("the {what} content could not be read ({e})")))
}

/// A screen's words by key: a map, not a struct of its own, since each derived deserialiser
/// is code in the library (about 20 KiB for a struct of twenty fields) and maps of text are
/// read already. Each screen's test holds its keys to its file.
pub(crate) type Words = std::collections::BTreeMap<String, String>;

/// The words under `key` (the key itself if the file lacks it, which each screen's test
/// rules out).
pub(crate) fn word(w: &Words, key: &str) -> String {
    w.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// A record whose fields are all words, read by name from the file's map of text ([`Words`]).
///
/// Why not `#[derive(Deserialize)]`: a derived deserialiser is code for every field (a match
/// arm, a slot, a duplicate check, an error path and its clean-up), about 250 bytes a field in
/// the release library; the shell's wording alone (170 fields) cost 45 KiB that way. Here the
/// map of text is read by the one reader every `Words` file already shares, a missing field is
/// found by one loop over the names, and each field is one lookup. The result is the same as
/// the derive's: a field missing is the error "missing field `name`", keys the record does not
/// name (the `_comment`s) are passed over, and serde_json reads the record as before (the
/// content tests do).
macro_rules! words_record {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$fmeta:meta])* $fvis:vis $field:ident : String ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$fmeta])* $fvis $field: String, )*
        }

        impl $name {
            /// The record from the words of its file, each field by its name.
            fn from_words(
                mut w: $crate::content::Words,
            ) -> std::result::Result<Self, String> {
                $crate::content::missing_word(&w, &[$(stringify!($field)),*])?;
                Ok(Self { $( $field: $crate::content::take_word(&mut w, stringify!($field)), )* })
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let w = <$crate::content::Words as serde::Deserialize>::deserialize(d)?;
                Self::from_words(w).map_err(<D::Error as serde::de::Error>::custom)
            }
        }
    };
}
pub(crate) use words_record;

/// The first of `fields` that `w` lacks, as serde's own error says it.
pub(crate) fn missing_word(w: &Words, fields: &[&str]) -> std::result::Result<(), String> {
    match fields.iter().find(|f| !w.contains_key(**f)) {
        Some(f) => Err(format!("missing field `{f}`")),
        None => Ok(()),
    }
}

/// The words under `key`, taken out of `w` ([`missing_word`] has made sure they are there).
pub(crate) fn take_word(w: &mut Words, key: &str) -> String {
    w.remove(key).unwrap_or_default()
}

/// A tool's name, one line about it, and its source: the head of every tool's content.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct ToolText {
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) source: String,
}

/// One step of a walk-through: what is asked, the help beside it, and its source.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct StepText {
    pub(crate) prompt: String,
    pub(crate) help: String,
    pub(crate) source: String,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// Each content file, read from the compiled tree as any JSON value, is the value
    /// serde_json reads from the file itself: the build step loses and changes nothing.
    #[test]
    fn every_compiled_file_is_its_json() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/en-GB");
        for (name, tree) in en_gb::FILES {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let from_file: serde_json::Value = serde_json::from_str(&text).unwrap();
            let compiled: serde_json::Value = tree.deserialize().unwrap();
            assert_eq!(compiled, from_file, "{name}");
        }
    }

    #[test]
    fn every_content_file_is_compiled_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/en-GB");
        let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".json"))
            .collect();
        let compiled: BTreeSet<String> = en_gb::FILES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(compiled, on_disk);
        assert!(compiled.len() >= 19, "{compiled:?}");
    }

    crate::content::words_record! {
        /// Two fields of words, for the reader's own test.
        #[derive(Debug, PartialEq)]
        struct TwoWords {
            first: String,
            /// A field with a doc comment of its own.
            second: String,
        }
    }

    /// A words record reads its fields by name, passes over keys it does not name, and a
    /// field missing or a value that is not words is an error saying which, as the derived
    /// deserialiser's were.
    #[test]
    fn a_words_record_reads_each_field_by_name_and_names_the_one_missing() {
        let read = |json: &str| serde_json::from_str::<TwoWords>(json).map_err(|e| e.to_string());
        assert_eq!(
            read(r#"{"_comment": "x", "second": "Two", "first": "One"}"#),
            Ok(TwoWords {
                first: "One".into(),
                second: "Two".into()
            })
        );
        let e = read(r#"{"first": "One"}"#).unwrap_err();
        assert!(e.starts_with("missing field `second`"), "{e}");
        let e = read(r#"{"first": "One", "second": 2}"#).unwrap_err();
        assert!(
            e.starts_with("invalid type: integer `2`, expected a string"),
            "{e}"
        );
        assert!(read(r#"["One", "Two"]"#).is_err());
    }

    /// Content that does not fit its type is the typed content error, on every use.
    #[test]
    fn content_that_does_not_fit_is_a_content_error() {
        static CELL: OnceLock<std::result::Result<Vec<u8>, String>> = OnceLock::new();
        for _ in 0..2 {
            let e = parsed(&CELL, en_gb::REMINDER_SETTINGS, "reminder settings").unwrap_err();
            assert!(
                e.0.starts_with(
                    "the reminder settings content could not be read (invalid type: map"
                ),
                "{e}"
            );
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct NeedsMore {
            no_such_field: String,
        }
        static MORE: OnceLock<std::result::Result<NeedsMore, String>> = OnceLock::new();
        let e = parsed(&MORE, en_gb::CHARTS, "charts").unwrap_err();
        assert_eq!(
            e.0,
            "the charts content could not be read (missing field `no_such_field`)"
        );
    }
}
