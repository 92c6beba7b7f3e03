//! Errors: one internal type for the core, one small public enum for every caller.
//!
//! The internal [`Error`] carries the detail the core needs; [`WellbeingError`] is what
//! crosses the public API (and the FFI boundary). They are mapped in exactly one place,
//! `impl From<Error> for WellbeingError`, so a new internal failure cannot leak out unmapped.
//!
//! Privacy rule: no message ever contains a person's own words. Validation errors name the
//! field and the rule that was broken, never the value that broke it.

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
    #[error("invalid {field}: {reason}")]
    Invalid { field: String, reason: String },
    #[error("no {what} with id {id}")]
    NotFound { what: String, id: String },
    #[error("the database has schema version {found}, newer than this app supports ({supported})")]
    NewerSchema { found: i64, supported: i64 },
    #[error("the database file could not be read and was set aside as {set_aside_as}")]
    Corrupt { set_aside_as: String },
    #[error("{reason}")]
    State { reason: String },
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A validation failure: `field` names the input, `reason` the rule (never the value).
    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }
    pub(crate) fn not_found(what: impl Into<String>, id: impl Into<String>) -> Self {
        Error::NotFound {
            what: what.into(),
            id: id.into(),
        }
    }
    pub(crate) fn state(reason: impl Into<String>) -> Self {
        Error::State {
            reason: reason.into(),
        }
    }
}

/// The public error of every core call. Fields are named (no field is called `message`:
/// that clashes with `Throwable.message` in Kotlin).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Error))]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum WellbeingError {
    /// An input broke a rule: `field` names it, `reason` says which rule.
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: String, reason: String },
    /// A record, flow or draft with that id does not exist (or no longer does).
    #[error("no {what} with id {id}")]
    NotFound { what: String, id: String },
    /// The call does not fit the current state (for example answering a finished flow).
    #[error("{reason}")]
    InvalidState { reason: String },
    /// The database was written by a newer version of the app; it was left untouched.
    #[error("this data was saved by a newer version of the app (schema {found}, this app reads up to {supported}); update the app to open it")]
    NewerDatabase { found: i64, supported: i64 },
    /// The database file was unreadable; it was moved aside (never deleted).
    #[error("the data file could not be read; it was kept as {set_aside_as} and a new one can be started")]
    CorruptDatabase { set_aside_as: String },
    /// Reading or writing storage failed (disk full, file locked, permissions…).
    #[error("storage error: {reason}")]
    Storage { reason: String },
    /// A bug in the core. Reported rather than crashing the app.
    #[error("internal error: {reason}")]
    Internal { reason: String },
}

impl From<Error> for WellbeingError {
    fn from(e: Error) -> Self {
        match e {
            Error::Invalid { field, reason } => WellbeingError::InvalidInput { field, reason },
            Error::NotFound { what, id } => WellbeingError::NotFound { what, id },
            Error::State { reason } => WellbeingError::InvalidState { reason },
            Error::NewerSchema { found, supported } => {
                WellbeingError::NewerDatabase { found, supported }
            }
            Error::Corrupt { set_aside_as } => WellbeingError::CorruptDatabase { set_aside_as },
            // SQLite messages name tables and constraints, never bound values, so they are
            // safe to pass on.
            Error::Sql(e) => WellbeingError::Storage {
                reason: e.to_string(),
            },
            Error::Io(e) => WellbeingError::Storage {
                reason: e.kind().to_string(),
            },
            Error::Json(e) => WellbeingError::Internal {
                reason: format!("stored data could not be decoded ({})", e.classify_name()),
            },
            Error::Chrono(e) => WellbeingError::Internal {
                reason: format!("date error: {e}"),
            },
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_internal_error_maps_to_a_public_variant() {
        let cases: Vec<(Error, &str)> = vec![
            (Error::invalid("note", "too long"), "InvalidInput"),
            (Error::not_found("entry", "x"), "NotFound"),
            (Error::state("flow finished"), "InvalidState"),
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
            (Error::Sql(rusqlite::Error::QueryReturnedNoRows), "Storage"),
            (
                Error::Json(serde_json::from_str::<u8>("x").unwrap_err()),
                "Internal",
            ),
        ];
        for (internal, want) in cases {
            let public: WellbeingError = internal.into();
            let got = format!("{public:?}");
            assert!(got.starts_with(want), "{got} should be {want}");
        }
    }

    #[test]
    fn invalid_input_names_field_and_rule() {
        let e: WellbeingError = Error::invalid("note", "must be at most 500 characters").into();
        assert_eq!(
            e.to_string(),
            "invalid note: must be at most 500 characters"
        );
    }
}
