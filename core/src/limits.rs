//! Every limit a form or step checks against, in one record, so no shell hard-codes a number.
//! It gathers the tools' own limits, so it stands above them.

use serde::{Deserialize, Serialize};

/// The limits of every edit form and step, so no shell hard-codes a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct EditLimits {
    /// One-line fields: an activity, a label, a contact's name, a list item.
    pub short_text_chars: u32,
    /// Free-text fields: notes, thoughts, evidence, reflections.
    pub long_text_chars: u32,
    /// Items in any list answer.
    pub list_items: u32,
    /// Flows open in memory only at once (conversation mode, or nothing answered yet).
    pub open_flows_in_memory: u32,
    /// Intentions in one Five Ways plan.
    pub five_ways_intentions: u32,
    /// Arrows on one Five Areas worksheet.
    pub five_areas_links: u32,
    /// Days one report or chart may cover.
    pub report_days: u32,
    /// Characters of a handoff payload.
    pub handoff_chars: u32,
    /// Rows `records(tool, limit)` returns at most.
    pub record_rows: u32,
}

/// The limits every form and step checks against.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn edit_limits() -> EditLimits {
    EditLimits {
        short_text_chars: crate::rules::SHORT_TEXT as u32,
        long_text_chars: crate::rules::LONG_TEXT as u32,
        list_items: crate::rules::MAX_LIST_ITEMS as u32,
        open_flows_in_memory: crate::rules::MAX_OPEN_FLOWS as u32,
        five_ways_intentions: crate::five_ways::MAX_INTENTIONS as u32,
        five_areas_links: crate::five_areas::MAX_LINKS as u32,
        report_days: crate::report::MAX_DAYS as u32,
        handoff_chars: crate::handoff::MAX_PAYLOAD_CHARS as u32,
        record_rows: crate::navigation::MAX_RECORD_ROWS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_the_ones_checked() {
        let l = edit_limits();
        assert_eq!(
            (l.short_text_chars, l.long_text_chars, l.list_items),
            (200, 4000, 30)
        );
        assert!(l.five_ways_intentions > 0 && l.five_areas_links > 0 && l.report_days > 0);
    }
}
