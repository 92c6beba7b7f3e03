//! The ids a person types on the command line (`companion walk phq9`), read into the core's
//! closed sets. An unknown id is our own typed failure (exit 4 for a tool or measure that
//! does not exist, exit 3 for a way that is not one of the five), never a parser's message.

use companion_core::{terminal_text, MeasureId, ToolId, WayId, WellbeingError};

use crate::fail::{Fail, Outcome};

/// What of the typed id may be echoed back: id characters only, cut short, so a sentence
/// typed by mistake never reaches an error line.
fn shown(typed: &str) -> String {
    typed
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(32)
        .collect()
}

fn not_found(what: &str, typed: &str) -> Fail {
    Fail::Core(WellbeingError::NotFound {
        what: what.into(),
        id: shown(typed),
    })
}

/// A tool id as listed by `companion tools`.
pub fn tool(typed: &str) -> Outcome<ToolId> {
    ToolId::parse(typed.trim()).ok_or_else(|| not_found("tool", typed))
}

/// A measure id: "phq9", "gad7", "ons4" or "swemwbs".
pub fn measure(typed: &str) -> Outcome<MeasureId> {
    MeasureId::parse(typed.trim()).ok_or_else(|| not_found("measure", typed))
}

/// The ways named with `--way`, each one of the five.
pub fn ways(typed: &[String]) -> Outcome<Vec<WayId>> {
    typed
        .iter()
        .map(|w| {
            WayId::parse(w.trim()).ok_or_else(|| Fail::invalid("ways", terminal_text().not_a_way))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids_read_and_unknown_ones_fail_with_our_error() {
        assert_eq!(tool(" phq9 ").unwrap(), ToolId::Phq9);
        assert_eq!(measure("gad7").unwrap(), MeasureId::Gad7);
        assert_eq!(
            ways(&["give".into(), "connect".into()]).unwrap(),
            [WayId::Give, WayId::Connect]
        );
        match tool("my secret words") {
            Err(Fail::Core(WellbeingError::NotFound { what, id })) => {
                assert_eq!(what, "tool");
                assert_eq!(id, "mysecretwords");
            }
            other => panic!("expected not found, got {other:?}"),
        }
        assert!(matches!(
            measure("phq10"),
            Err(Fail::Core(WellbeingError::NotFound { .. }))
        ));
        assert!(matches!(
            ways(&["swimming".into()]),
            Err(Fail::Core(WellbeingError::InvalidInput { .. }))
        ));
    }
}
