//! The home screen as a menu, and every way a shell moves from one screen to another.
//!
//! A shell that built its own menu would decide what is due, in which order, and which key
//! opens what: three shells, three answers. Here the core lays the home screen out in
//! sections and hands each entry its key, label and [`NavAction`]; a shell maps the action
//! to a screen and never compares strings.
//!
//! Keys are stable: a newcomer who learnt "6 is Log one of the five ways" must still get it
//! after checking in, so tools and records keep fixed number keys whatever is due, and only
//! things due or open take letter keys.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::clock::parse_date;
use crate::crisis::SafetyNotice;
use crate::error::{ApiResult, Result};
use crate::ids::ToolId;
use crate::shell_text::fill;
use crate::store::WellbeingStore;
use crate::views::{TodayView, Wording};

/// Where a menu entry, a reminder or a "next thing" leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NavAction {
    /// `start_flow(tool, subject_id)`.
    StartTool {
        tool: ToolId,
        subject_id: Option<String>,
    },
    /// Carry on with a flow left open or saved for later.
    ResumeFlow { flow_id: String },
    /// Crisis contacts and the person's safety plan.
    HelpNow,
    /// `week(None)`.
    Week,
    /// The history screen of one tool.
    History { tool: ToolId },
    /// The summary to bring to an appointment.
    AppointmentSummary,
    /// Conversation mode: walk someone through a tool in a store that keeps nothing.
    Conversation,
    /// The person's safety plan (named so: `SafetyPlan` is the record's name, and Kotlin
    /// cannot have a variant named like another type).
    OpenSafetyPlan,
    /// Settings, reminders among them.
    Settings,
}

/// The kinds of section on the home screen, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum MenuSectionKind {
    /// Only when a recent answer asked for support; always first.
    Support,
    /// The one suggested next thing.
    Next,
    /// Everything else due or open.
    Waiting,
    Tools,
    /// The week, histories and the appointment summary.
    Records,
    Conversation,
}

/// One thing the person can choose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MenuEntry {
    /// What to type or show beside it: "1"… for tools and records (never changing), "a"… for
    /// things due or open, "h" for Help now.
    pub key: String,
    pub label: String,
    pub detail: Option<String>,
    /// "Due now", when it is.
    pub badge: Option<String>,
    pub action: NavAction,
    /// What a screen reader says: the label, detail and badge in one sentence.
    pub accessibility_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MenuSection {
    pub kind: MenuSectionKind,
    pub heading: String,
    pub entries: Vec<MenuEntry>,
}

/// The whole home screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct HomeView {
    /// Support first: the same notice as `today.safety`, at the top so that a shell drawing
    /// the home screen in field order draws it before anything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety: Option<SafetyNotice>,
    /// "Wednesday 18 November".
    pub date_label: String,
    /// The data of the day: safety flags first, check-in, Five Ways, charts.
    pub today: TodayView,
    /// In order; `Support` first when present.
    pub sections: Vec<MenuSection>,
    /// Always there, key "h".
    pub help_now: MenuEntry,
}

/// Keys of things due or open: letters, leaving out those a keyboard shell uses on every
/// screen (h help now, q quit, b back, s save, d discard).
const LETTER_KEYS: &[&str] = &[
    "a", "c", "e", "f", "g", "i", "j", "k", "l", "m", "n", "o", "p", "r", "t", "u", "v", "w", "x",
    "y", "z",
];

/// How many days after a Five Areas worksheet its small change is up for review. The
/// worksheet's closing advice says "in a few days"; offering the review at once would
/// contradict it.
pub(crate) const REVIEW_AFTER_DAYS: i64 = 3;

/// The day a worksheet dated `date` ("YYYY-MM-DD") is up for review.
pub(crate) fn review_due_on(date: &str) -> Result<NaiveDate> {
    Ok(parse_date("date", date)? + Duration::days(REVIEW_AFTER_DAYS))
}

/// A due or open thing before it has its key.
struct Item {
    label: String,
    detail: Option<String>,
    badge: Option<String>,
    action: NavAction,
}

fn accessibility(label: &str, detail: Option<&str>, badge: Option<&str>) -> String {
    let mut s = String::new();
    for part in [Some(label), badge, detail].into_iter().flatten() {
        let part = part.trim().trim_end_matches(':');
        if part.is_empty() {
            continue;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(part);
        if !part.ends_with(['.', '?', '!']) {
            s.push('.');
        }
    }
    s
}

fn entry(key: String, item: Item) -> MenuEntry {
    MenuEntry {
        accessibility_label: accessibility(
            &item.label,
            item.detail.as_deref(),
            item.badge.as_deref(),
        ),
        key,
        label: item.label,
        detail: item.detail,
        badge: item.badge,
        action: item.action,
    }
}

fn start(tool: ToolId, subject_id: Option<String>) -> NavAction {
    NavAction::StartTool { tool, subject_id }
}

impl WellbeingStore {
    /// The tools a menu offers (those that need no record to review), with their ids.
    fn menu_tools(&self) -> Vec<(ToolId, crate::flow::ToolInfo)> {
        self.list_tools()
            .into_iter()
            .filter(|t| !t.needs_subject)
            .map(|t| (t.id, t))
            .collect()
    }

    /// Things due or open, most pressing first (support, check-in, measures, reviews, the
    /// week's plan, drafts).
    fn due_items(&self, w: &Wording, t: &TodayView) -> ApiResult<Vec<Item>> {
        let today = self.now().date();
        let due_now = crate::shell_text::text()?.due_now.clone();
        let mut items = vec![];
        if t.check_in.is_none() {
            items.push(Item {
                label: w.checkin_title.clone(),
                detail: Some(w.checkin_detail.clone()),
                badge: None,
                action: start(ToolId::Checkin, None),
            });
        }
        // PHQ-9 and GAD-7 first: they are the ones practitioners track week by week.
        for s in self.measure_statuses()?.iter().filter(|s| s.due) {
            let tool = s.measure.tool();
            items.push(Item {
                label: fill(&w.measure_due_title, "title", &s.title),
                detail: Some(if s.latest.is_some() {
                    w.measure_due_detail.clone()
                } else {
                    w.measure_never_detail.clone()
                }),
                badge: Some(due_now.clone()),
                action: start(tool, None),
            });
        }
        let awaiting = self.read(|c| crate::five_areas::awaiting_review(c, 20))?;
        for ws in &awaiting {
            if review_due_on(&ws.date)? > today {
                continue;
            }
            items.push(Item {
                label: w.review_change_title.clone(),
                detail: ws
                    .change
                    .as_ref()
                    .map(|c| fill(&w.review_change_detail, "change", &c.change)),
                badge: Some(due_now.clone()),
                action: start(ToolId::FiveAreasReview, Some(ws.id.clone())),
            });
        }
        if let Some(plan) = &t.five_ways.open_plan {
            items.push(Item {
                label: fill(&w.review_plan_title, "week", &plan.label),
                detail: Some(w.review_plan_detail.clone()),
                badge: None,
                action: start(ToolId::FiveWaysReview, Some(plan.id.clone())),
            });
        }
        // My connections: the plan to look back on, and mapping again after four weeks.
        for d in self.read(|c| crate::connections::due(c, today))? {
            items.push(Item {
                label: d.label,
                detail: d.detail,
                badge: d.due_now.then(|| due_now.clone()),
                action: start(d.tool, Some(d.subject_id)),
            });
        }
        for d in self.list_drafts()? {
            items.push(Item {
                label: fill(&w.draft_title, "title", &d.title),
                detail: Some(fill(
                    &fill(&w.draft_detail, "updated", &d.updated),
                    "answered",
                    &d.answered.to_string(),
                )),
                badge: None,
                action: NavAction::ResumeFlow { flow_id: d.flow_id },
            });
        }
        Ok(items)
    }

    /// The Help now entry, the same on every screen.
    fn help_now_entry(w: &Wording) -> MenuEntry {
        entry(
            "h".into(),
            Item {
                label: w.help_now_label.clone(),
                detail: Some(w.help_now_detail.clone()),
                badge: None,
                action: NavAction::HelpNow,
            },
        )
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The home screen: the day's data and the menu, in sections, each entry with its key and
    /// action. Support comes first when a recent answer asked for it; Help now is always there.
    pub fn home(&self) -> ApiResult<HomeView> {
        let w = crate::views::wording()?;
        let today = self.today()?;
        let mut letters = LETTER_KEYS.iter().map(|k| k.to_string());
        let mut letter = move || letters.next().unwrap_or_default();
        let mut sections = vec![];

        if today.safety.is_some() {
            let mut entries = vec![entry(
                letter(),
                Item {
                    label: w.support_title.clone(),
                    detail: Some(w.support_detail.clone()),
                    badge: None,
                    action: NavAction::HelpNow,
                },
            )];
            entries.push(entry(
                letter(),
                if today.has_safety_plan {
                    Item {
                        label: w.open_plan_label.clone(),
                        detail: None,
                        badge: None,
                        action: NavAction::OpenSafetyPlan,
                    }
                } else {
                    Item {
                        label: w.write_plan_label.clone(),
                        detail: None,
                        badge: None,
                        action: start(ToolId::SafetyPlan, None),
                    }
                },
            ));
            sections.push(MenuSection {
                kind: MenuSectionKind::Support,
                heading: w.heading_support.clone(),
                entries,
            });
        }

        let mut due = self.due_items(w, &today)?.into_iter();
        let next = due.next().unwrap_or_else(|| Item {
            label: fill(&w.idea_title, "way", &today.five_ways.suggestion.way_title),
            detail: Some(today.five_ways.suggestion.text.clone()),
            badge: None,
            action: start(ToolId::FiveWaysLog, None),
        });
        sections.push(MenuSection {
            kind: MenuSectionKind::Next,
            heading: w.heading_next.clone(),
            entries: vec![entry(letter(), next)],
        });
        let waiting: Vec<MenuEntry> = due.map(|i| entry(letter(), i)).collect();
        if !waiting.is_empty() {
            sections.push(MenuSection {
                kind: MenuSectionKind::Waiting,
                heading: w.heading_waiting.clone(),
                entries: waiting,
            });
        }

        // Fixed number keys: the same list in the same order every day.
        let mut n = 0;
        let mut number = move || {
            n += 1;
            n.to_string()
        };
        let tools = self
            .menu_tools()
            .into_iter()
            .map(|(id, t)| MenuEntry {
                accessibility_label: accessibility(&t.title, Some(&t.summary), None),
                key: number(),
                label: t.title,
                detail: None,
                badge: None,
                action: start(id, None),
            })
            .collect();
        sections.push(MenuSection {
            kind: MenuSectionKind::Tools,
            heading: w.heading_tools.clone(),
            entries: tools,
        });
        let history = |tool| NavAction::History { tool };
        let plain = |label: &String, action| Item {
            label: label.clone(),
            detail: None,
            badge: None,
            action,
        };
        sections.push(MenuSection {
            kind: MenuSectionKind::Records,
            heading: w.heading_records.clone(),
            entries: vec![
                entry(number(), plain(&w.week_label, NavAction::Week)),
                // Each with its saved entries, to look back on and delete (`records`).
                entry(
                    number(),
                    plain(&w.history_checkin_label, history(ToolId::Checkin)),
                ),
                entry(
                    number(),
                    plain(&w.history_five_ways_label, history(ToolId::FiveWaysLog)),
                ),
                entry(
                    number(),
                    plain(&w.history_five_areas_label, history(ToolId::FiveAreas)),
                ),
                entry(
                    number(),
                    plain(&w.history_thoughts_label, history(ToolId::ThoughtRecord)),
                ),
                entry(
                    number(),
                    plain(
                        &crate::connections::history_label()?,
                        history(ToolId::ConnectionsMap),
                    ),
                ),
                entry(
                    number(),
                    plain(&w.summary_label, NavAction::AppointmentSummary),
                ),
                entry(number(), plain(&w.settings_label, NavAction::Settings)),
            ],
        });
        sections.push(MenuSection {
            kind: MenuSectionKind::Conversation,
            heading: w.heading_conversation.clone(),
            entries: vec![entry(
                number(),
                plain(&w.conversation_label, NavAction::Conversation),
            )],
        });

        Ok(HomeView {
            safety: today.safety.clone(),
            date_label: today.date_label.clone(),
            today,
            sections,
            help_now: Self::help_now_entry(w),
        })
    }

    /// The tools offered in conversation mode, numbered from 1; Help now stays one key away
    /// (the shell adds `HomeView.help_now`'s key, "h").
    pub fn conversation_menu(&self) -> ApiResult<Vec<MenuEntry>> {
        let mut n = 0;
        Ok(self
            .menu_tools()
            .into_iter()
            .map(|(id, t)| {
                n += 1;
                MenuEntry {
                    accessibility_label: accessibility(&t.title, Some(&t.summary), None),
                    key: n.to_string(),
                    label: t.title,
                    detail: Some(t.summary),
                    badge: None,
                    action: start(id, None),
                }
            })
            .collect())
    }
}

mod records;
pub use records::{RecordList, RecordRow, MAX_RECORD_ROWS};
mod settings;
pub use settings::{LockAfterChoice, LockScreen, ProfileChoice, SettingsView};
mod summary;
pub use summary::{AppointmentSummaryView, SummaryHistoryRow, SummaryPeriod, SummaryPeriodChoice};

#[cfg(test)]
mod tests;
