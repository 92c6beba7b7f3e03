//! The reminders part of a phone shell's settings screen, as a record to draw.
//!
//! `reminder_settings` / `set_reminder_settings` hold the choices; a screen also needs their
//! words (each switch, the time field and how to write a time, each day of the week) and the
//! time a newly turned-on check-in reminder starts at. It lives beside the reminders rather
//! than in `settings_view()` because the reminders lead to the screens they open (they stand
//! above navigation), and the settings view is part of navigation. Words in
//! `reminder_settings.json`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{load, ReminderSettings, Weekday, DEFAULT_TIME};
use crate::content::{word as t, Words};
use crate::error::{ApiResult, Result};
use crate::shell_text::fill;
use crate::store::WellbeingStore;

/// The time the check-in reminder's field starts at when the person turns it on: the
/// evening, when a day can be looked back on.
const SUGGESTED_CHECK_IN_TIME: &str = "20:00";

/// A day the person can keep free of reminders, with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct QuietDayChoice {
    pub day: Weekday,
    pub label: String,
    /// Among the stored quiet days.
    pub chosen: bool,
}

/// The reminders part of the settings screen: what is stored and the words for each choice.
/// Send the edited [`ReminderSettings`] to `set_reminder_settings`; a refused time comes back
/// as `InvalidInput` on `check_in_time`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReminderSettingsView {
    /// As stored (all off on a new store).
    pub settings: ReminderSettings,
    pub heading: String,
    pub detail: String,
    pub check_in_label: String,
    pub time_label: String,
    /// How to write a time.
    pub time_hint: String,
    /// "HH:MM" to fill the time field with when the check-in reminder is turned on.
    pub suggested_time: String,
    pub measures_label: String,
    pub measures_detail: String,
    pub reviews_label: String,
    pub reviews_detail: String,
    pub quiet_days_label: String,
    /// Monday to Sunday.
    pub quiet_day_choices: Vec<QuietDayChoice>,
    pub save_label: String,
}

/// Every key the code reads.
#[cfg(test)]
const KEYS: &[&str] = &[
    "heading",
    "detail",
    "check_in",
    "time_label",
    "time_hint",
    "measures",
    "measures_detail",
    "reviews",
    "reviews_detail",
    "quiet_days",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "save",
];

fn words() -> Result<&'static Words> {
    static W: OnceLock<std::result::Result<Words, String>> = OnceLock::new();
    Ok(crate::content::parsed(
        &W,
        crate::content::en_gb::REMINDER_SETTINGS,
        "reminder settings",
    )?)
}

fn day_label(w: &Words, d: Weekday) -> String {
    let key = match d {
        Weekday::Monday => "monday",
        Weekday::Tuesday => "tuesday",
        Weekday::Wednesday => "wednesday",
        Weekday::Thursday => "thursday",
        Weekday::Friday => "friday",
        Weekday::Saturday => "saturday",
        Weekday::Sunday => "sunday",
    };
    t(w, key)
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The reminders part of the settings screen, from what is stored.
    pub fn reminder_settings_view(&self) -> ApiResult<ReminderSettingsView> {
        let w = words()?;
        let settings = self.read(load)?.settings;
        let quiet_day_choices = Weekday::ALL
            .into_iter()
            .map(|day| QuietDayChoice {
                day,
                label: day_label(w, day),
                chosen: settings.quiet_days.contains(&day),
            })
            .collect();
        Ok(ReminderSettingsView {
            heading: t(w, "heading"),
            detail: t(w, "detail"),
            check_in_label: t(w, "check_in"),
            time_label: t(w, "time_label"),
            time_hint: t(w, "time_hint"),
            suggested_time: settings
                .check_in_time
                .clone()
                .unwrap_or_else(|| SUGGESTED_CHECK_IN_TIME.to_string()),
            measures_label: t(w, "measures"),
            measures_detail: fill(&t(w, "measures_detail"), "time", DEFAULT_TIME),
            reviews_label: t(w, "reviews"),
            reviews_detail: t(w, "reviews_detail"),
            quiet_days_label: t(w, "quiet_days"),
            quiet_day_choices,
            save_label: t(w, "save"),
            settings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WellbeingError;

    #[test]
    fn every_word_is_there_and_used() {
        let w = words().unwrap();
        for k in KEYS {
            let text = w.get(*k).unwrap_or_else(|| panic!("{k} is missing"));
            assert!(!text.trim().is_empty(), "{k} has no words");
        }
        for k in w.keys().filter(|k| *k != "_about") {
            assert!(KEYS.contains(&k.as_str()), "{k} is not used");
        }
    }

    #[test]
    fn a_new_store_offers_everything_off_with_every_day_and_a_time_to_start_from() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let v = c.reminder_settings_view().unwrap();
        assert_eq!(v.settings, ReminderSettings::default());
        let days: Vec<Weekday> = v.quiet_day_choices.iter().map(|d| d.day).collect();
        assert_eq!(days, Weekday::ALL.to_vec());
        assert!(v.quiet_day_choices.iter().all(|d| !d.chosen));
        assert_eq!(v.quiet_day_choices[0].label, "Monday");
        assert_eq!(v.quiet_day_choices[6].label, "Sunday");
        assert_eq!(v.suggested_time, SUGGESTED_CHECK_IN_TIME);
        // The suggestion is a time the core accepts.
        c.set_reminder_settings(ReminderSettings {
            check_in_time: Some(v.suggested_time.clone()),
            ..ReminderSettings::default()
        })
        .unwrap();
        assert!(v.measures_detail.contains("10:00"), "{}", v.measures_detail);
    }

    #[test]
    fn the_view_shows_what_was_stored() {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_reminder_settings(ReminderSettings {
            check_in_time: Some("7:05".into()),
            quiet_days: vec![Weekday::Sunday, Weekday::Saturday],
            measures: true,
            reviews: false,
        })
        .unwrap();
        let v = c.reminder_settings_view().unwrap();
        assert_eq!(v.settings.check_in_time.as_deref(), Some("07:05"));
        assert_eq!(
            v.suggested_time, "07:05",
            "the field starts at the stored time"
        );
        assert!(v.settings.measures && !v.settings.reviews);
        let chosen: Vec<Weekday> = v
            .quiet_day_choices
            .iter()
            .filter(|d| d.chosen)
            .map(|d| d.day)
            .collect();
        assert_eq!(chosen, vec![Weekday::Saturday, Weekday::Sunday]);
    }

    #[test]
    fn a_bad_time_is_refused_on_its_field_and_the_view_is_unchanged() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let before = c.reminder_settings_view().unwrap();
        let err = c
            .set_reminder_settings(ReminderSettings {
                check_in_time: Some("25:00".into()),
                ..ReminderSettings::default()
            })
            .unwrap_err();
        match err {
            WellbeingError::InvalidInput { field, reason, .. } => {
                assert_eq!(field, "check_in_time");
                assert!(reason.contains("24-hour"), "{reason}");
                assert!(!reason.contains("25:00"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(c.reminder_settings_view().unwrap(), before);
    }
}
