//! Failures and exit codes.
//!
//! Every failure ends as one line on stderr and a documented exit code, so scripts can tell
//! a typo from a missing record from a broken data file. The codes are part of the shell's
//! interface (see README): change them only with a note there.

use std::io;
use std::process::ExitCode;

use companion_core::{terminal_text, RuleCode, WellbeingError};

use crate::words::fill_all;

/// Exit codes, as documented in `cli/README.md`.
pub mod code {
    pub const OK: u8 = 0;
    /// A bug: something that should not happen did.
    pub const INTERNAL: u8 = 1;
    /// The command line was wrong (unknown command or flag, missing argument).
    pub const USAGE: u8 = 2;
    /// An input broke a rule (out of range, too long, impossible date, wrong state).
    pub const INVALID: u8 = 3;
    /// No record, draft, tool or flow with that id.
    pub const NOT_FOUND: u8 = 4;
    /// The data file could not be opened, read or written (or was written by a newer app),
    /// or an output file could not be written.
    pub const STORAGE: u8 = 5;
    /// The store (or a sealed file) is encrypted and its passphrase was missing or wrong.
    pub const KEY: u8 = 6;
}

/// Why a command stopped.
#[derive(Debug)]
pub enum Fail {
    /// An error from the core, shown as the core words it.
    Core(WellbeingError),
    /// The command line was understood but cannot be acted on (exit 2).
    Usage(String),
    /// A file the shell itself reads or writes (for `--out`) failed.
    File { what: String, reason: String },
    /// A file the shell was asked to read (a backup, a handoff text) could not be read.
    ReadFile { what: String, reason: String },
    /// A passphrase is needed and none could be asked for (no terminal): exit 6.
    NeedsKey(String),
    /// stdout was closed (e.g. piped into `head`): stop quietly.
    Closed,
}

impl Fail {
    pub fn usage(s: impl Into<String>) -> Self {
        Fail::Usage(s.into())
    }

    /// An invalid input found by the shell while reading what the person typed on the
    /// command line (e.g. "abc" where a number is needed); same exit code as the core's.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Fail::Core(WellbeingError::InvalidInput {
            field: field.into(),
            rule: RuleCode::Other,
            limit: None,
            item_index: None,
            reason: reason.into(),
        })
    }

    pub fn code(&self) -> u8 {
        match self {
            Fail::Core(e) => match e {
                // A command that does not fit the state (reviewing a plan that is not
                // there) is the person's to fix too, from the command line.
                WellbeingError::InvalidInput { .. }
                | WellbeingError::OutOfOrder { .. }
                | WellbeingError::NotEncrypted => code::INVALID,
                WellbeingError::WrongKey | WellbeingError::KeyRequired => code::KEY,
                WellbeingError::NotFound { .. } => code::NOT_FOUND,
                WellbeingError::NewerDatabase { .. }
                | WellbeingError::CorruptDatabase { .. }
                | WellbeingError::NotOurDatabase
                | WellbeingError::UnreadableRecord { .. }
                | WellbeingError::Storage { .. } => code::STORAGE,
                WellbeingError::ContentBug { .. } | WellbeingError::Internal { .. } => {
                    code::INTERNAL
                }
            },
            Fail::Usage(_) => code::USAGE,
            Fail::NeedsKey(_) => code::KEY,
            Fail::File { .. } | Fail::ReadFile { .. } => code::STORAGE,
            Fail::Closed => code::OK,
        }
    }

    /// The one line shown to the person (without the program name).
    pub fn line(&self) -> String {
        match self {
            Fail::Core(e) => e.to_string(),
            Fail::Usage(s) | Fail::NeedsKey(s) => s.clone(),
            // The path last: a name typed by the person is never read as a placeholder.
            Fail::File { what, reason } => fill_all(
                &terminal_text().could_not_write,
                &[("reason", reason), ("what", what)],
            ),
            Fail::ReadFile { what, reason } => fill_all(
                &terminal_text().could_not_read,
                &[("reason", reason), ("what", what)],
            ),
            Fail::Closed => String::new(),
        }
    }

    /// The same failure as one JSON object, for `--json`.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Fail::Core(e) => serde_json::to_value(e).unwrap_or_else(
                |_| serde_json::json!({ "error": "internal", "reason": e.to_string() }),
            ),
            Fail::Usage(s) => serde_json::json!({ "error": "usage", "reason": s }),
            Fail::NeedsKey(s) => serde_json::json!({ "error": "key_required", "reason": s }),
            Fail::File { what, reason } | Fail::ReadFile { what, reason } => {
                serde_json::json!({ "error": "file", "what": what, "reason": reason })
            }
            Fail::Closed => serde_json::Value::Null,
        }
    }

    /// Prints the failure (one line on stderr) and gives the exit code.
    pub fn report(&self, json: bool) -> ExitCode {
        if !matches!(self, Fail::Closed) {
            if json {
                eprintln!("{}", self.json());
            } else {
                eprintln!("companion: {}", self.line());
            }
        }
        ExitCode::from(self.code())
    }
}

impl From<WellbeingError> for Fail {
    fn from(e: WellbeingError) -> Self {
        Fail::Core(e)
    }
}

/// Output errors: a closed pipe ends quietly, anything else is reported.
impl From<io::Error> for Fail {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Fail::Closed
        } else {
            Fail::File {
                what: terminal_text().the_output,
                reason: e.kind().to_string(),
            }
        }
    }
}

impl Fail {
    /// A file named by the person could not be read.
    pub fn read(path: &std::path::Path, e: &io::Error) -> Self {
        Fail::ReadFile {
            what: path.display().to_string(),
            reason: e.kind().to_string(),
        }
    }
}

pub type Outcome<T = ()> = Result<T, Fail>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_error_has_its_documented_code() {
        let cases = [
            (
                WellbeingError::InvalidInput {
                    field: "a".into(),
                    rule: RuleCode::TooLong,
                    limit: Some(3),
                    item_index: None,
                    reason: "b".into(),
                },
                3,
            ),
            (WellbeingError::OutOfOrder { reason: "x".into() }, 3),
            (
                WellbeingError::UnreadableRecord {
                    what: "a".into(),
                    id: "b".into(),
                },
                5,
            ),
            (WellbeingError::ContentBug { reason: "x".into() }, 1),
            (
                WellbeingError::NotFound {
                    what: "a".into(),
                    id: "b".into(),
                },
                4,
            ),
            (
                WellbeingError::NewerDatabase {
                    found: 9,
                    supported: 1,
                },
                5,
            ),
            (
                WellbeingError::CorruptDatabase {
                    set_aside_as: "x".into(),
                },
                5,
            ),
            (WellbeingError::NotOurDatabase, 5),
            (WellbeingError::Storage { reason: "x".into() }, 5),
            (WellbeingError::Internal { reason: "x".into() }, 1),
        ];
        for (e, want) in cases {
            assert_eq!(Fail::Core(e.clone()).code(), want, "{e:?}");
        }
        assert_eq!(Fail::usage("x").code(), 2);
        assert_eq!(
            Fail::from(io::Error::from(io::ErrorKind::BrokenPipe)).code(),
            0
        );
    }

    #[test]
    fn json_errors_are_tagged() {
        let f = Fail::invalid("score", "must be a whole number");
        assert_eq!(f.json()["error"], "invalid_input");
        assert_eq!(f.json()["field"], "score");
    }
}
