//! The reminders part of a phone shell's settings screen, as a record to draw.
//!
//! `reminder_settings` / `set_reminder_settings` hold the choices; a screen also needs their
//! words (each switch, the time field and how to write a time, each day of the week) and the
//! time a newly turned-on check-in reminder starts at. It lives beside the reminders rather
//! than in `settings_view()` because the reminders lead to the screens they open (they stand
//! above navigation), and the settings view is part of navigation. Words in
//! `reminders.json` under `settings`.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{load, ReminderSettings, Weekday, DEFAULT_TIME};
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

#[derive(Debug, Deserialize)]
struct Words {
    heading: String,
    detail: String,
    check_in: String,
    time_label: String,
    time_hint: String,
    measures: String,
    measures_detail: String,
    reviews: String,
    reviews_detail: String,
    quiet_days: String,
    monday: String,
    tuesday: String,
    wednesday: String,
    thursday: String,
    friday: String,
    saturday: String,
    sunday: String,
    save: String,
}

#[derive(Debug, Deserialize)]
struct File {
    settings: Words,
}

fn words() -> Result<&'static Words> {
    static W: OnceLock<std::result::Result<File, String>> = OnceLock::new();
    Ok(&crate::content::parsed(
        &W,
        include_str!("../../content/en-GB/reminders.json"),
        "reminder settings",
    )?
    .settings)
}

fn day_label(w: &Words, d: Weekday) -> &str {
    match d {
        Weekday::Monday => &w.monday,
        Weekday::Tuesday => &w.tuesday,
        Weekday::Wednesday => &w.wednesday,
        Weekday::Thursday => &w.thursday,
        Weekday::Friday => &w.friday,
        Weekday::Saturday => &w.saturday,
        Weekday::Sunday => &w.sunday,
    }
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
                label: day_label(w, day).to_string(),
                chosen: settings.quiet_days.contains(&day),
            })
            .collect();
        Ok(ReminderSettingsView {
            heading: w.heading.clone(),
            detail: w.detail.clone(),
            check_in_label: w.check_in.clone(),
            time_label: w.time_label.clone(),
            time_hint: w.time_hint.clone(),
            suggested_time: settings
                .check_in_time
                .clone()
                .unwrap_or_else(|| SUGGESTED_CHECK_IN_TIME.to_string()),
            measures_label: w.measures.clone(),
            measures_detail: fill(&w.measures_detail, "time", DEFAULT_TIME),
            reviews_label: w.reviews.clone(),
            reviews_detail: w.reviews_detail.clone(),
            quiet_days_label: w.quiet_days.clone(),
            quiet_day_choices,
            save_label: w.save.clone(),
            settings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WellbeingError;

    #[test]
    fn every_word_is_there_and_read() {
        let v: serde_json::Value =
            serde_json::from_str(include_str!("../../content/en-GB/reminders.json")).unwrap();
        let settings = v["settings"].as_object().unwrap();
        let read = format!("{:?}", words().unwrap());
        for (k, text) in settings {
            assert!(
                !text.as_str().unwrap().trim().is_empty(),
                "{k} has no words"
            );
            assert!(read.contains(&format!("{k}: ")), "{k} is not read");
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
