//! Writing a command's result on stdout, as text or as JSON. Every subcommand prints through
//! here; it sits below them all and imports none of them.

use std::io::{self, Write};

use serde::Serialize;

use companion_core::terminal_text;

use crate::fail::{Fail, Outcome};
use crate::words::fill_all;

/// Prints `value` as pretty JSON on stdout.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Outcome {
    let s = serde_json::to_string_pretty(value).map_err(|e| {
        Fail::Core(companion_core::WellbeingError::Internal {
            reason: fill_all(
                &terminal_text().encode_failed,
                &[("reason", &e.to_string())],
            ),
        })
    })?;
    let mut out = io::stdout().lock();
    writeln!(out, "{s}")?;
    Ok(())
}

/// Prints text on stdout (a closed pipe ends the command quietly), fitted to the terminal's
/// width when stdout is a terminal (`crate::wrap`).
pub fn print(text: &str) -> Outcome {
    let mut out = io::stdout().lock();
    match crate::wrap::stdout_width() {
        Some(w) => writeln!(out, "{}", crate::wrap::fit(text, w))?,
        None => writeln!(out, "{text}")?,
    }
    Ok(())
}
