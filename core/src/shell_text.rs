//! The wording of the shells themselves: buttons, confirmations, headings, empty states and
//! prompts.
//!
//! A shell that wrote its own "Save for later" would need a translation of its own and would
//! drift from the other shells; here every label is content (`core/content/<locale>/shell.json`)
//! and a shell holds only which field to draw. Templates carry `{placeholders}` a shell fills
//! with values the core returns (a date label, a count), never with words of its own.

use std::sync::OnceLock;

use serde::Serialize;

use crate::content::en_gb::{SHELL, TERMINAL};
use crate::content::tree::Tree;

use crate::error::Result;

crate::content::words_record! {
/// Every label a shell shows around the tools. One field per label, so a shell author gets a
/// compile error, not a missing string, when a label is renamed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ShellText {
    // Buttons.
    pub back: String,
    pub skip: String,
    pub next: String,
    pub save: String,
    pub save_for_later: String,
    pub discard: String,
    /// "Continue" (`continue` is a keyword in most languages).
    pub continue_label: String,
    pub help_now: String,
    pub quit: String,
    pub done: String,
    pub yes: String,
    pub no: String,
    /// Ends a conversation-mode walk (nothing to discard: nothing was kept).
    pub stop: String,
    pub finish: String,
    // Confirmations.
    pub saved: String,
    pub saved_for_later: String,
    pub discarded: String,
    pub nothing_stored: String,
    pub left_without_saving: String,
    pub confirm_discard_title: String,
    pub confirm_discard_detail: String,
    // Headings and lines of the home and week screens.
    pub app_title: String,
    /// `{date}`: `HomeView.date_label`.
    pub home_title: String,
    /// `{date}`: `HomeView.date_label`.
    pub today_title: String,
    /// `{value}`: `TodayView.check_in_label`.
    pub check_in_line: String,
    /// `{counts}`: the week's counts per way.
    pub five_ways_line: String,
    /// `{label}`: `WeekView.label`.
    pub week_title: String,
    pub week_today: String,
    /// `{value}`: the day's check-in.
    pub week_check_in: String,
    /// `{count}`: worksheets finished that day.
    pub week_worksheets: String,
    /// `{count}`: thought records that day.
    pub week_thought_records: String,
    // Empty states.
    pub no_drafts: String,
    pub nothing_recorded: String,
    pub no_tools: String,
    /// `{title}`, `{answered}`, `{updated}`: from `DraftInfo`.
    pub drafts_item: String,
    /// Shown on every step of a conversation-mode walk (`Persistence::ConversationOnly`).
    pub conversation_banner: String,
    pub conversation_title: String,
    /// At the end of a conversation-mode walk: what the person can take with them.
    pub handover_title: String,
    /// Show the handoff code (QR and text) to scan or paste into the person's own app.
    pub handover_code: String,
    /// Show the summary's plain text, to copy or print for them.
    pub handover_print: String,
    /// Badge of a menu entry that is due.
    pub due_now: String,
    /// Every error that is not the person's own mistake (`InvalidInput` is shown by its field).
    pub something_went_wrong: String,
    // Prompts.
    pub choose: String,
    pub choose_from_list: String,
    pub choose_from_list_back: String,
    /// After Help now or a safety notice: it stays on screen until the person goes on.
    pub press_enter: String,
    /// `{from}`, `{to}`, `{path}`.
    pub summary_written: String,
    /// `{key}`, `{label}`: how a keyboard shell shows a key beside its label.
    pub key_hint: String,
    // Reminder settings.
    pub reminders_title: String,
    /// `{time}`: "HH:MM".
    pub reminders_check_in_at: String,
    pub reminders_check_in_off: String,
    pub reminders_none: String,
    pub reminders_skipped: String,
}}

pub(crate) fn text() -> Result<&'static ShellText> {
    static T: OnceLock<std::result::Result<ShellText, String>> = OnceLock::new();
    Ok(crate::content::parsed(&T, SHELL, "shell wording")?)
}

/// The shell's wording in the app's language. Never fails: the wording ships inside the core
/// and its test makes sure it parses; should it ever not, the field names themselves are
/// shown, which is ugly but never hides Help now.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn shell_text() -> ShellText {
    match text() {
        Ok(t) => t.clone(),
        Err(_) => fallback(),
    }
}

/// Each field holding its own name: the last resort when the content cannot be read. Made
/// once and kept.
fn fallback() -> ShellText {
    static F: OnceLock<ShellText> = OnceLock::new();
    F.get_or_init(|| {
        // The content file does not even hold a map of fields; the content test forbids this.
        names_as_words(SHELL).unwrap_or_else(unreachable_text)
    })
    .clone()
}

fn unreachable_text() -> ShellText {
    let s = |x: &str| x.to_string();
    ShellText {
        back: s("<"),
        skip: s(">>"),
        next: s(">"),
        save: s("+"),
        save_for_later: s("..."),
        discard: s("x"),
        continue_label: s(">"),
        help_now: s("999 / 116 123"),
        quit: s("q"),
        done: s("ok"),
        yes: s("y"),
        no: s("n"),
        stop: s("x"),
        finish: s("ok"),
        saved: s("ok"),
        saved_for_later: s("..."),
        discarded: s("x"),
        nothing_stored: s("-"),
        left_without_saving: s("-"),
        confirm_discard_title: s("x?"),
        confirm_discard_detail: s(""),
        app_title: s(""),
        home_title: s("{date}"),
        today_title: s("{date}"),
        check_in_line: s("{value}"),
        five_ways_line: s("{counts}"),
        week_title: s("{label}"),
        week_today: s("*"),
        week_check_in: s("{value}"),
        week_worksheets: s("{count}"),
        week_thought_records: s("{count}"),
        no_drafts: s("-"),
        nothing_recorded: s("-"),
        no_tools: s("-"),
        drafts_item: s("{title} {answered} {updated}"),
        conversation_banner: s("!"),
        conversation_title: s(""),
        handover_title: s(""),
        handover_code: s("QR"),
        handover_print: s("="),
        due_now: s("!"),
        something_went_wrong: s("!"),
        choose: s("> "),
        choose_from_list: s("?"),
        choose_from_list_back: s("?"),
        press_enter: s("..."),
        summary_written: s("{path}"),
        key_hint: s("[{key}] {label}"),
        reminders_title: s(""),
        reminders_check_in_at: s("{time}"),
        reminders_check_in_off: s("-"),
        reminders_none: s("-"),
        reminders_skipped: s("-"),
    }
}

crate::content::words_record! {
/// The terminal shell's own wording for walking a step (`core/content/<locale>/terminal.json`):
/// the keys it offers, how to type each kind of answer, and what it says when a typed line
/// cannot be read. Phone shells draw controls and do not need it, so it is not exported over
/// the FFI; the terminal shell is held to the same rule as they are (no English of its own).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TerminalText {
    pub step_heading: String,
    pub pick_many: String,
    pub range_span: String,
    pub text_multiline: String,
    pub text_single: String,
    pub text_list: String,
    pub earlier_answer: String,
    pub ask_scale: String,
    pub ask_choice: String,
    pub ask_choices: String,
    pub ask_text: String,
    pub ask_list_first: String,
    pub ask_info: String,
    pub ask_optional: String,
    pub ask_required: String,
    pub list_next_item: String,
    pub skipped: String,
    pub read: String,
    pub needs_answer: String,
    pub expects_number: String,
    pub expects_choice: String,
    pub expects_choice_range: String,
    pub first_step: String,
    pub choose_key: String,
    pub keys_step_stored: String,
    pub keys_step_talk: String,
    pub keys_summary_stored: String,
    pub keys_summary_talk: String,
    pub key_help_now: String,
    pub more_answers: String,
    pub ran_out: String,
    pub contact_for: String,
    pub records_hint: String,
    pub records_hint_edit: String,
    pub record_action: String,
    pub confirm_yes: String,
    pub kept: String,
    pub feeling_unknown: String,
    // Failures the terminal shell finds itself, and the lines of its general commands:
    // `{what}`, `{path}`, `{folder}` are a file's path; `{reason}` is why it failed.
    pub could_not_write: String,
    pub could_not_read: String,
    pub the_output: String,
    pub file_exists: String,
    pub not_a_way: String,
    pub expects_date_time: String,
    pub no_home_dir: String,
    pub db_empty: String,
    pub folder_missing: String,
    pub internal_error: String,
    pub see_help: String,
    pub encode_failed: String,
    pub talk_summary_in: String,
    pub draft_deleted: String,
    pub info_lines: String,
    pub in_memory: String,
    pub backup_written: String,
    // Moving data: export, import, the appointment summary and handoff.
    pub written_to: String,
    pub export_needs_what: String,
    pub backup_exported: String,
    pub size_bytes: String,
    pub size_kib: String,
    pub size_mib: String,
    pub csv_export_hint: String,
    pub imported_backup: String,
    pub import_table: String,
    pub import_added: String,
    pub import_already_here: String,
    pub import_kept_yours: String,
    pub import_totals: String,
    pub import_kept_note: String,
    pub summary_made: String,
    pub summary_to_print: String,
    pub summary_as_text: String,
    pub no_summaries_made: String,
    pub summary_history_item: String,
    pub summary_full_text: String,
    pub too_many_summaries: String,
    pub handoff_how: String,
    pub handoff_needs_text: String,
    pub handoff_already_had: String,
    pub handoff_stored: String,
    pub handoff_deleted: String,
    pub handoff_too_large: String,
    pub handoff_not_text: String,
    pub no_handoffs: String,
    pub handoff_item: String,
    // The history, chart, Five Ways, measure, scale and thinking-style lines.
    pub more_with_page: String,
    pub chart_heading: String,
    pub chart_gap: String,
    pub review_with: String,
    pub logged: String,
    pub entry_deleted: String,
    pub five_ways_entry: String,
    pub five_ways_log_hint: String,
    pub five_ways_week_title: String,
    pub five_ways_plan: String,
    pub five_ways_history_week: String,
    pub five_ways_older: String,
    pub not_enough_results: String,
    pub result_deleted: String,
    pub measure_last_taken: String,
    pub measure_not_taken: String,
    pub measure_due: String,
    pub measure_next_due: String,
    pub measure_take_hint: String,
    pub measure_answers: String,
    pub measure_ranges: String,
    pub measure_take_it: String,
    pub measure_history_title: String,
    pub measure_change: String,
    pub checked_in: String,
    pub answer_deleted: String,
    pub follow_up_form: String,
    pub no_checkins_yet: String,
    pub scale_note: String,
    pub scale_template_range: String,
    pub or_between: String,
    pub scale_record_hint: String,
    pub no_scales: String,
    pub scale_item: String,
    pub scale_average_7: String,
    pub scale_average_30: String,
    pub also_called: String,
    pub for_example: String,
    pub no_style_stood_out: String,
    pub style_words: String,
    // `companion profile`: who the app is set up for; `{age}` is one of the age bands.
    pub profile_adult: String,
    pub profile_young: String,
    pub profile_young_note: String,
    pub age_under_13: String,
    pub age_13_15: String,
    pub age_16_17: String,
    pub not_an_age_band: String,
    // `companion school`: the staff member's contacts and referral routes.
    pub school_none: String,
    pub school_added: String,
    pub school_changed: String,
    pub school_deleted: String,
    pub not_a_school_kind: String,
    // The Enter key's name, as the keyboard shows it beside a label.
    pub key_enter: String,
    // Encryption at rest: passphrase prompts (`{path}`: the store; `{min}`: shortest
    // passphrase) and the lines of `encrypt`, `passphrase` and `decrypt`.
    pub ask_passphrase: String,
    pub ask_new_passphrase: String,
    pub ask_passphrase_again: String,
    pub passphrases_differ: String,
    pub passphrase_needed: String,
    pub new_passphrase_needed: String,
    pub store_encrypted: String,
    pub passphrase_changed: String,
    pub store_decrypted: String,
    pub already_encrypted: String,
    // Sealed backups: `export --sealed` and importing one.
    pub ask_backup_passphrase: String,
    pub ask_new_backup_passphrase: String,
    pub backup_passphrase_needed: String,
    pub new_backup_passphrase_needed: String,
}}

/// The terminal shell's walk-through wording. Never fails: as [`shell_text`], the field names
/// stand in should the content ever not parse (its test makes sure it does).
pub fn terminal_text() -> TerminalText {
    static T: OnceLock<std::result::Result<TerminalText, String>> = OnceLock::new();
    match crate::content::parsed(&T, TERMINAL, "terminal wording") {
        Ok(t) => t.clone(),
        Err(_) => {
            static F: OnceLock<TerminalText> = OnceLock::new();
            F.get_or_init(|| names_as_words(TERMINAL).unwrap_or_default())
                .clone()
        }
    }
}

/// Each field named in the content file `tree` holding its own name as words: the last resort
/// when the file cannot be read into its record.
fn names_as_words<T: serde::de::DeserializeOwned>(tree: Tree) -> Option<T> {
    tree.names_as_words().ok()?.deserialize().ok()
}

/// `template` with `{key}` replaced by `value`.
pub(crate) fn fill(template: &str, key: &str, value: &str) -> String {
    template.replace(&format!("{{{key}}}"), value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL_JSON: &str = include_str!("../content/en-GB/shell.json");
    const TERMINAL_JSON: &str = include_str!("../content/en-GB/terminal.json");

    #[test]
    fn the_terminal_wording_parses_with_every_field_and_each_has_words() {
        let t: TerminalText = serde_json::from_str(TERMINAL_JSON).expect("terminal.json parses");
        let v = serde_json::to_value(&t).unwrap();
        let file: serde_json::Value = serde_json::from_str(TERMINAL_JSON).unwrap();
        let in_file = file
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| !k.starts_with('_'))
            .count();
        assert_eq!(
            v.as_object().unwrap().len(),
            in_file,
            "no key in the file unused"
        );
        for (k, v) in v.as_object().unwrap() {
            assert!(v.as_str().unwrap().chars().any(char::is_alphabetic), "{k}");
        }
        assert_eq!(terminal_text(), t);
    }

    #[test]
    fn the_wording_parses_and_every_label_has_words() {
        let t = text().expect("shell.json matches ShellText");
        let v = serde_json::to_value(t).unwrap();
        for (k, v) in v.as_object().unwrap() {
            let s = v.as_str().unwrap();
            assert!(
                s.chars().filter(|c| c.is_alphabetic()).count() >= 2,
                "{k} is empty"
            );
        }
        let json: serde_json::Value = serde_json::from_str(SHELL_JSON).unwrap();
        let mut in_file: Vec<&String> = json
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| !k.starts_with('_'))
            .collect();
        let mut fields: Vec<&String> = v.as_object().unwrap().keys().collect();
        in_file.sort();
        fields.sort();
        assert_eq!(
            in_file, fields,
            "shell.json has exactly the fields of ShellText"
        );
        assert_eq!(shell_text().saved, "Saved.");
        assert_eq!(shell_text().discarded, "Discarded: nothing was stored.");
    }

    #[test]
    fn the_fallback_names_every_field() {
        let f = fallback();
        assert_eq!(f.save_for_later, "save for later");
        assert_ne!(f, unreachable_text());
    }

    #[test]
    fn templates_name_their_placeholders() {
        let t = shell_text();
        for (tpl, key) in [
            (&t.home_title, "date"),
            (&t.today_title, "date"),
            (&t.check_in_line, "value"),
            (&t.week_title, "label"),
            (&t.summary_written, "path"),
            (&t.key_hint, "key"),
            (&t.reminders_check_in_at, "time"),
        ] {
            assert!(tpl.contains(&format!("{{{key}}}")), "{tpl}");
            assert!(!fill(tpl, key, "X").contains(&format!("{{{key}}}")));
        }
    }
}
