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
