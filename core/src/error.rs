//! Errors: one internal type for the core, one small public enum for every caller.
//!
//! The internal [`Error`] carries the detail the core needs; [`WellbeingError`] is what
//! crosses the public API (and the FFI boundary). They are mapped in exactly one place,
//! `impl From<Error> for WellbeingError`, so a new internal failure cannot leak out unmapped,
//! and that same place counts the failures that are not the person's doing ([`diagnostics`]).
//!
//! The person's mistakes (`InvalidInput`) are kept apart from the app's own: a call out of
//! order is a shell bug, content that fails to load is a release bug, a stored row that no
//! longer decodes is damaged data. Shells show the first next to its field and the others as
//! "something went wrong", so nobody is told they erred when the app did.
//!
//! Privacy rule: no message ever contains a person's own words. Validation errors carry the
//! field, a [`RuleCode`] and content wording for the rule, never the value that broke it.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use crate::content::ContentError;
use crate::rules::{self, RuleCode};

/// Internal error type of the core.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("data encoding error: {0}")]
    Json(#[from] serde_json::Error),
    #[error("date or time could not be read: {0}")]
    Chrono(#[from] chrono::ParseError),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("invalid {field}: {rule}")]
    Invalid {
        field: String,
        rule: RuleCode,
        /// The number the rule is about (a length, a count, a bound), when it has one.
        limit: Option<i64>,
        /// Both ends of a range rule, so the wording can name them.
        range: Option<(i64, i64)>,
        /// 0-based position of the bad item in a list answer.
        item_index: Option<u32>,
    },
    #[error("no {what} with id {id}")]
    NotFound { what: String, id: String },
    #[error("the database has schema version {found}, newer than this app supports ({supported})")]
    NewerSchema { found: i64, supported: i64 },
    #[error("the database file could not be read and was set aside as {set_aside_as}")]
    Corrupt { set_aside_as: String },
    /// The store can be read but not written (read-only media or permissions).
    #[error("the data file is read-only")]
    ReadOnly,
    /// A readable SQLite file that another program made: left exactly as it was.
    #[error("the file is a database of another program")]
    NotOurs,
    /// The key does not open this encrypted store or sealed file (left as it was).
    #[error("the key does not open this file")]
    WrongKey,
    /// The store or file is encrypted and no key was given (left as it was).
    #[error("the file is encrypted and needs its key")]
    KeyRequired,
    /// A key was given for a store that is not encrypted (left as it was).
    #[error("the store is not encrypted")]
    NotEncrypted,
    /// A call that does not fit the state (answering a finished flow): a shell bug.
    #[error("{0}")]
    OutOfOrder(String),
    /// Embedded content failed to load or lacks something the code needs.
    #[error("{0}")]
    ContentBug(String),
    /// A stored row that no longer decodes.
    #[error("a stored {what} could not be read ({id})")]
    Unreadable { what: String, id: String },
    /// A rule of the core's own was broken (a score outside every band).
    #[error("{0}")]
    Internal(String),
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A validation failure: `field` names the input, `rule` the rule broken (never the value).
    pub(crate) fn invalid(field: impl Into<String>, rule: RuleCode) -> Self {
        Error::Invalid {
            field: field.into(),
            rule,
            limit: None,
            range: None,
            item_index: None,
        }
    }
    /// A validation failure about a number: a length, a count or a bound.
    pub(crate) fn invalid_limit(field: impl Into<String>, rule: RuleCode, limit: i64) -> Self {
        Error::Invalid {
            field: field.into(),
            rule,
            limit: Some(limit),
            range: None,
            item_index: None,
        }
    }
    /// A number outside `low..=high`; `limit` is the bound that was crossed.
    pub(crate) fn out_of_range(field: impl Into<String>, value: i64, low: i64, high: i64) -> Self {
        Error::Invalid {
            field: field.into(),
            rule: RuleCode::OutOfRange,
            limit: Some(if value < low { low } else { high }),
            range: Some((low, high)),
            item_index: None,
        }
    }
    /// The same validation failure, about item `index` (0-based) of a list.
    pub(crate) fn at_item(mut self, index: usize) -> Self {
        if let Error::Invalid { item_index, .. } = &mut self {
            *item_index = Some(index as u32);
        }
        self
    }
    /// The same validation failure, about another field (a step rather than a form field).
    pub(crate) fn for_field(mut self, name: &str) -> Self {
        if let Error::Invalid { field, .. } = &mut self {
            *field = name.to_string();
        }
        self
    }
    pub(crate) fn not_found(what: impl Into<String>, id: impl Into<String>) -> Self {
        Error::NotFound {
            what: what.into(),
            id: id.into(),
        }
    }
    pub(crate) fn out_of_order(reason: impl Into<String>) -> Self {
        Error::OutOfOrder(reason.into())
    }
    pub(crate) fn content_bug(reason: impl Into<String>) -> Self {
        Error::ContentBug(reason.into())
    }
    /// A stored row that no longer decodes; `id` is the row's id (never its content).
    pub(crate) fn unreadable(what: impl Into<String>, id: impl Into<String>) -> Self {
        Error::Unreadable {
            what: what.into(),
            id: id.into(),
        }
    }
    pub(crate) fn internal(reason: impl Into<String>) -> Self {
        Error::Internal(reason.into())
    }
}

/// The public error of every core call. Fields are named (no field is called `message`:
/// that clashes with `Throwable.message` in Kotlin).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Error))]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum WellbeingError {
    /// An input broke a rule: `field` names it, `rule` says which rule, `limit` the number
    /// the rule is about, `item_index` (0-based) the bad item of a list, and `reason` is the
    /// content wording for the rule (never the person's words).
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        field: String,
        rule: RuleCode,
        limit: Option<i64>,
        item_index: Option<u32>,
        reason: String,
    },
    /// A record, flow or draft with that id does not exist (or no longer does).
    #[error("no {what} with id {id}")]
    NotFound { what: String, id: String },
    /// The call does not fit the current state (answering a finished flow): a shell bug,
    /// not the person's mistake.
    #[error("{reason}")]
    OutOfOrder { reason: String },
    /// Content shipped with the app failed to load: a release bug.
    #[error("content error: {reason}")]
    ContentBug { reason: String },
    /// A stored row no longer decodes; `what` names its kind and `id` the row.
    #[error("a stored {what} could not be read ({id})")]
    UnreadableRecord { what: String, id: String },
    /// The database was written by a newer version of the app; it was left untouched.
    #[error("this data was saved by a newer version of the app (schema {found}, this app reads up to {supported}); update the app to open it")]
    NewerDatabase { found: i64, supported: i64 },
    /// The database file was unreadable; it was moved aside (never deleted).
    #[error("the data file could not be read; it was kept as {set_aside_as} and a new one can be started")]
    CorruptDatabase { set_aside_as: String },
    /// The file is a database, but not one of this app's (another program's, chosen by
    /// mistake): it was refused and left exactly as it was.
    #[error("this file is not a Wellbeing Companion store; it was left as it was")]
    NotOurDatabase,
    /// The key (a passphrase, or the key the device keystore released) does not open this
    /// encrypted store, sealed backup or sealed handoff code. Nothing was changed.
    #[error("the key does not open this file; nothing was changed")]
    WrongKey,
    /// The store, backup or handoff code is encrypted and needs its key (a passphrase, or
    /// the device keystore's key). Nothing was changed.
    #[error("this is encrypted and needs its key; nothing was changed")]
    KeyRequired,
    /// A key was given for a store that is not encrypted: turn encryption on with
    /// `change_store_key` on the store opened without a key. Nothing was changed.
    #[error("this store is not encrypted; nothing was changed")]
    NotEncrypted,
    /// Reading or writing storage failed (disk full, file locked, permissions…).
    #[error("storage error: {reason}")]
    Storage { reason: String },
    /// A bug in the core. Reported rather than crashing the app.
    #[error("internal error: {reason}")]
    Internal { reason: String },
}

impl WellbeingError {
    /// The kind's name, as counted in [`diagnostics`].
    pub fn kind_name(&self) -> &'static str {
        match self {
            WellbeingError::InvalidInput { .. } => "InvalidInput",
            WellbeingError::NotFound { .. } => "NotFound",
            WellbeingError::OutOfOrder { .. } => "OutOfOrder",
            WellbeingError::ContentBug { .. } => "ContentBug",
            WellbeingError::UnreadableRecord { .. } => "UnreadableRecord",
            WellbeingError::NewerDatabase { .. } => "NewerDatabase",
            WellbeingError::CorruptDatabase { .. } => "CorruptDatabase",
            WellbeingError::NotOurDatabase => "NotOurDatabase",
            WellbeingError::WrongKey => "WrongKey",
            WellbeingError::KeyRequired => "KeyRequired",
            WellbeingError::NotEncrypted => "NotEncrypted",
            WellbeingError::Storage { .. } => "Storage",
            WellbeingError::Internal { .. } => "Internal",
        }
    }

    /// True for the kinds a person or a device can cause in ordinary use; every other kind
    /// is a bug or damage, and is counted.
    fn expected(&self) -> bool {
        matches!(
            self,
            WellbeingError::InvalidInput { .. }
                | WellbeingError::NotFound { .. }
                | WellbeingError::NewerDatabase { .. }
                | WellbeingError::CorruptDatabase { .. }
                | WellbeingError::NotOurDatabase
                | WellbeingError::WrongKey
                | WellbeingError::KeyRequired
                | WellbeingError::NotEncrypted
        )
    }
}

/// Broken content is a bug of the build; it surfaces as such, with the file named.
impl From<ContentError> for Error {
    fn from(e: ContentError) -> Self {
        Error::ContentBug(e.0)
    }
}

impl From<Error> for WellbeingError {
    fn from(e: Error) -> Self {
        let public = match e {
            Error::Invalid {
                field,
                rule,
                limit,
                range,
                item_index,
            } => WellbeingError::InvalidInput {
                field,
                rule,
                limit,
                item_index,
                reason: rules::reason(rule, limit, range),
            },
            Error::NotFound { what, id } => WellbeingError::NotFound { what, id },
            Error::OutOfOrder(reason) => WellbeingError::OutOfOrder { reason },
            Error::ContentBug(reason) => WellbeingError::ContentBug { reason },
            Error::Unreadable { what, id } => WellbeingError::UnreadableRecord { what, id },
            Error::Internal(reason) => WellbeingError::Internal { reason },
            Error::NewerSchema { found, supported } => {
                WellbeingError::NewerDatabase { found, supported }
            }
            Error::Corrupt { set_aside_as } => WellbeingError::CorruptDatabase { set_aside_as },
            Error::NotOurs => WellbeingError::NotOurDatabase,
            Error::WrongKey => WellbeingError::WrongKey,
            Error::KeyRequired => WellbeingError::KeyRequired,
            Error::NotEncrypted => WellbeingError::NotEncrypted,
            Error::ReadOnly => read_only(),
            Error::Sql(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => {
                read_only()
            }
            // SQLite messages name tables and constraints, never bound values, so they are
            // safe to pass on.
            Error::Sql(e) => WellbeingError::Storage {
                reason: e.to_string(),
            },
            Error::Io(e) => WellbeingError::Storage {
                reason: e.kind().to_string(),
            },
            // serde and chrono fail on data the core reads back: stored rows (the places that
            // know which row say so with `Error::unreadable`).
            Error::Json(e) => WellbeingError::UnreadableRecord {
                what: format!("record ({})", e.classify_name()),
                id: String::new(),
            },
            Error::Chrono(_) => WellbeingError::UnreadableRecord {
                what: "date or time".into(),
                id: String::new(),
            },
        };
        if !public.expected() {
            record_unexpected(public.kind_name());
        }
        public
    }
}

/// A write to a store opened for viewing only: said plainly rather than as SQLite's words.
fn read_only() -> WellbeingError {
    WellbeingError::Storage {
        reason: "the data file is read-only: it can be viewed, but nothing can be saved to it"
            .into(),
    }
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}
impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "io",
            serde_json::error::Category::Syntax => "syntax",
            serde_json::error::Category::Data => "data",
            serde_json::error::Category::Eof => "truncated",
        }
    }
}

/// Result type of the public API.
pub type ApiResult<T> = std::result::Result<T, WellbeingError>;

/// What went wrong that was not the person's doing, since the app started: for a shell's
/// "report a problem" screen or a log. Kind names only, never any text of the person's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Diagnostics {
    /// How many unexpected errors (everything but `InvalidInput`, `NotFound`,
    /// `NewerDatabase`, `CorruptDatabase`, `NotOurDatabase` and the key errors) were returned.
    pub unexpected_errors: u64,
    /// The kinds of the most recent ones, oldest first (at most [`LAST_KINDS`]).
    pub last_kinds: Vec<String>,
}

/// How many recent kinds [`diagnostics`] keeps.
pub const LAST_KINDS: usize = 16;

static UNEXPECTED: AtomicU64 = AtomicU64::new(0);
static LAST: Mutex<VecDeque<&'static str>> = Mutex::new(VecDeque::new());

fn record_unexpected(kind: &'static str) {
    UNEXPECTED.fetch_add(1, Ordering::Relaxed);
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if last.len() == LAST_KINDS {
        last.pop_front();
    }
    last.push_back(kind);
}

/// The unexpected errors counted so far in this process (see [`Diagnostics`]).
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn diagnostics() -> Diagnostics {
    let last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    Diagnostics {
        unexpected_errors: UNEXPECTED.load(Ordering::Relaxed),
        last_kinds: last.iter().map(|k| k.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_internal_error_maps_to_a_public_variant() {
        let cases: Vec<(Error, &str)> = vec![
            (Error::invalid("note", RuleCode::TooLong), "InvalidInput"),
            (Error::not_found("entry", "x"), "NotFound"),
            (Error::out_of_order("flow finished"), "OutOfOrder"),
            (Error::content_bug("missing"), "ContentBug"),
            (Error::unreadable("worksheet", "w1"), "UnreadableRecord"),
            (Error::internal("band"), "Internal"),
            (
                Error::NewerSchema {
                    found: 9,
                    supported: 1,
                },
                "NewerDatabase",
            ),
            (
                Error::Corrupt {
                    set_aside_as: "a".into(),
                },
                "CorruptDatabase",
            ),
            (Error::NotOurs, "NotOurDatabase"),
            (Error::WrongKey, "WrongKey"),
            (Error::KeyRequired, "KeyRequired"),
            (Error::NotEncrypted, "NotEncrypted"),
            (Error::Sql(rusqlite::Error::QueryReturnedNoRows), "Storage"),
            (
                Error::Json(serde_json::from_str::<u8>("x").unwrap_err()),
                "UnreadableRecord",
            ),
        ];
        for (internal, want) in cases {
            let public: WellbeingError = internal.into();
            assert_eq!(public.kind_name(), want, "{public:?}");
        }
    }

    #[test]
    fn invalid_input_carries_rule_limit_and_content_wording() {
        let e: WellbeingError = Error::invalid_limit("note", RuleCode::TooLong, 500)
            .at_item(2)
            .into();
        match &e {
            WellbeingError::InvalidInput {
                field,
                rule,
                limit,
                item_index,
                reason,
            } => {
                assert_eq!(field, "note");
                assert_eq!(*rule, RuleCode::TooLong);
                assert_eq!(*limit, Some(500));
                assert_eq!(*item_index, Some(2));
                assert!(reason.contains("500"), "{reason}");
                assert!(!reason.contains('{'), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unexpected_kinds_are_counted_and_expected_ones_are_not() {
        for e in [
            Error::invalid("note", RuleCode::Required),
            Error::not_found("entry", "x"),
            Error::NewerSchema {
                found: 2,
                supported: 1,
            },
        ] {
            assert!(WellbeingError::from(e).expected());
        }
        // The counter is process-wide and tests run in parallel: it can only grow.
        let before = diagnostics().unexpected_errors;
        let e: WellbeingError = Error::content_bug("x").into();
        assert!(!e.expected());
        let after = diagnostics();
        assert!(after.unexpected_errors > before);
        assert!(after.last_kinds.len() <= LAST_KINDS);
        assert!(after.last_kinds.iter().any(|k| k == "ContentBug"));
    }
}
