//! Saved entries as a list a shell can draw and act on: each row with its words and its id,
//! and one call to delete a row, whatever the tool. Without it every shell would learn each
//! tool's history record and its own delete call, and "delete from the menu" would be written
//! three times.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::error::{ApiResult, Error};
use crate::ids::ToolId;
use crate::rules::RuleCode;
use crate::store::WellbeingStore;
use crate::validate;

/// Most rows in one list: the newest, enough to find a recent mistake.
pub const MAX_RECORD_ROWS: u32 = 50;
/// How far back Five Ways entries are listed.
const FIVE_WAYS_DAYS: i64 = 365;

/// One saved entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RecordRow {
    /// Pass to `delete_record` with the list's tool. Never shown to the person.
    pub id: String,
    /// "6 on a scale of 0 to 10", "Walked to the park", "Your score is 8 out of 27…".
    pub label: String,
    /// When, and a little more: "Wed 18 Nov, 10:00 · Connect, Give".
    pub detail: String,
}

/// A tool's saved entries, newest first, with the words for acting on them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RecordList {
    pub tool: ToolId,
    pub title: String,
    pub rows: Vec<RecordRow>,
    /// Shown when `rows` is empty.
    pub empty_text: String,
    pub delete_label: String,
    /// Present when the rows can be changed with `edit_record(tool, id)` (the check-in and the
    /// Five Ways log; a measure's score is what was answered on the day, so it is not edited).
    pub edit_label: Option<String>,
    /// Asked before a row is deleted.
    pub confirm_delete: String,
    /// Said once it is gone.
    pub deleted_text: String,
}

fn not_listed() -> Error {
    Error::invalid("tool", RuleCode::NotApplicable)
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The newest `limit` (1–50) saved entries of `tool`: the check-in, Five Ways log, the
    /// measures, Five Areas worksheets and thought records. Other tools are refused
    /// (`InvalidInput`, rule `NotApplicable`).
    pub fn records(&self, tool: ToolId, limit: u32) -> ApiResult<RecordList> {
        validate::in_range("limit", limit as i64, 1, MAX_RECORD_ROWS as i64)?;
        let w = crate::views::wording()?;
        let row = |id: String, label: String, detail: String| RecordRow { id, label, detail };
        // Each arm reads the page alone, newest first down an index, so the list costs the
        // same after ten years as after a month (the history pages' counts and charts are
        // not needed here).
        let rows: Vec<RecordRow> = match tool {
            ToolId::Checkin => self
                .newest_check_ins(limit)?
                .into_iter()
                .map(|e| {
                    let detail = match &e.note {
                        Some(n) => format!("{} · {n}", e.date_label),
                        None => e.date_label.clone(),
                    };
                    row(e.id.clone(), crate::views::check_in_label(&e), detail)
                })
                .collect(),
            ToolId::FiveWaysLog => {
                let today = self.now().date();
                let from = today - Duration::days(FIVE_WAYS_DAYS - 1);
                self.read(|c| crate::five_ways::newest_between(c, from, today, limit))?
                    .into_iter()
                    .map(|e| {
                        let detail = format!("{}, {} · {}", e.day_label, e.time, e.ways_label);
                        row(e.id, e.what, detail)
                    })
                    .collect()
            }
            ToolId::FiveAreas => self
                .newest_five_areas(limit)?
                .into_iter()
                .map(|i| row(i.id, i.title, i.date_label))
                .collect(),
            ToolId::ConnectionsMap => self
                .connections_maps(0, limit)?
                .items
                .into_iter()
                .map(|i| row(i.id, i.title, i.line))
                .collect(),
            ToolId::ThoughtRecord => self
                .newest_thought_records(limit)?
                .into_iter()
                .map(|i| row(i.id, i.thought, i.date_label))
                .collect(),
            t => match t.measure() {
                Some(m) => self
                    .newest_measure_results(m, limit)?
                    .into_iter()
                    .map(|r| row(r.id, r.headline, format!("{} {}", r.date, r.time)))
                    .collect(),
                None => return Err(not_listed().into()),
            },
        };
        // The same words as the home entry that leads here ("My check-ins"); a measure's
        // records are headed by its name.
        let title = match tool {
            ToolId::Checkin => w.history_checkin_label.clone(),
            ToolId::FiveWaysLog => w.history_five_ways_label.clone(),
            ToolId::FiveAreas => w.history_five_areas_label.clone(),
            ToolId::ThoughtRecord => w.history_thoughts_label.clone(),
            ToolId::ConnectionsMap => crate::connections::history_label()?,
            _ => crate::registry::all_tools()
                .into_iter()
                .find(|t| t.id == tool)
                .map(|t| t.title)
                .unwrap_or_else(|| tool.to_string()),
        };
        Ok(RecordList {
            tool,
            title,
            rows,
            empty_text: w.records_empty.clone(),
            delete_label: w.records_delete.clone(),
            edit_label: crate::registry::editable(tool).then(|| w.records_edit.clone()),
            confirm_delete: w.records_confirm_delete.clone(),
            deleted_text: w.records_deleted.clone(),
        })
    }

    /// Deletes one row of `records(tool, …)` for good. `NotFound` when it is not there (or
    /// not of that tool).
    pub fn delete_record(&self, tool: ToolId, record_id: String) -> ApiResult<()> {
        match tool {
            // The check-in's rows are scaling entries; refuse one of another scale.
            ToolId::Checkin => {
                let e = self.scaling_entry(record_id.clone())?;
                if e.template != "checkin" {
                    return Err(Error::not_found("record", &record_id).into());
                }
                self.scaling_delete(record_id)
            }
            ToolId::FiveWaysLog => self.five_ways_delete(record_id),
            ToolId::FiveAreas => self.five_areas_delete(record_id),
            ToolId::ThoughtRecord => self.thought_record_delete(record_id),
            ToolId::ConnectionsMap => self.connections_map_delete(record_id),
            t => match t.measure() {
                Some(m) => {
                    let r = self.measure_result(record_id.clone())?;
                    if r.measure != m {
                        return Err(Error::not_found("record", &record_id).into());
                    }
                    self.delete_measure_result(record_id)
                }
                None => Err(not_listed().into()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        FiveWaysInput, MeasureId, MeasureInput, ToolId, WayId, WellbeingError, WellbeingStore,
    };

    use crate::five_ways::test_support::activity;

    const WED: i64 = 1_794_996_000_000;
    const DAY_MS: i64 = 86_400_000;

    /// Every records list reads the same after more, older history, once SQLite has the
    /// statistics `PRAGMA optimize` leaves in an app's store: each is a walk of the newest rows
    /// down an index stopped at the page, never a scan and sort of everything ever kept. (With
    /// statistics the planner may prefer a whole-table scan where the order's tie-breaking
    /// columns are not in the index: My connections' maps did, a thousand read for two.)
    #[test]
    fn every_list_reads_the_same_however_much_older_history_there_is() {
        use crate::{ConnectionFeel, ConnectionInput, ConnectionKind, ConnectionRing};
        let c = WellbeingStore::open_in_memory().unwrap();
        let add = |back: i64| {
            c.set_fixed_time(WED - back * DAY_MS, 0).unwrap();
            c.scaling_check_in((back % 11) as i32, None).unwrap();
            c.five_ways_log(activity("Walk", &[WayId::BeActive]))
                .unwrap();
            c.take_measure(MeasureInput {
                measure: MeasureId::Gad7,
                answers: vec![1; 7],
                date: None,
                time: None,
            })
            .unwrap();
            c.five_areas_create(crate::five_areas::tests::full())
                .unwrap();
            c.thought_record_create(crate::thinking_styles::tests::full())
                .unwrap();
            c.connections_map_create(crate::ConnectionsMapInput {
                date: None,
                connections: vec![ConnectionInput {
                    name: "Jo".into(),
                    kind: ConnectionKind::Friend,
                    ring: ConnectionRing::Close,
                    feel: ConnectionFeel::Helpful,
                }],
            })
            .unwrap();
        };
        let tools = [
            ToolId::Checkin,
            ToolId::FiveWaysLog,
            ToolId::Gad7,
            ToolId::FiveAreas,
            ToolId::ThoughtRecord,
            ToolId::ConnectionsMap,
        ];
        let lists = || {
            c.set_fixed_time(WED, 0).unwrap();
            c.read(|conn| Ok(conn.execute_batch("ANALYZE")?)).unwrap();
            tools
                .iter()
                .map(|t| {
                    let (list, steps) = c.steps_run(|| c.records(*t, 20).unwrap());
                    (*t, list.rows, steps)
                })
                .collect::<Vec<_>>()
        };
        // A full page of each in the last weeks (Five Ways: the newest of its window).
        (0..25).for_each(add);
        (100..160).for_each(add);
        let before = lists();
        for (t, rows, _) in &before {
            assert_eq!(rows.len(), 20, "{t:?}");
        }
        (200..500).for_each(add);
        let after = lists();
        for ((t, rows, steps), (_, rows_before, steps_before)) in after.iter().zip(&before) {
            assert_eq!(rows, rows_before, "{t:?}");
            // Reading by history length cost thousands more (the worksheets: 26,689 against
            // 6,581 before they were flat).
            crate::store::handle::assert_same_steps(*steps_before, *steps, &format!("{t:?}"));
        }
    }

    /// The labels of a tool's newest `limit` records, newest first.
    fn labels(c: &WellbeingStore, tool: ToolId, limit: u32) -> Vec<String> {
        c.records(tool, limit)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.label)
            .collect()
    }

    #[test]
    fn check_ins_of_a_second_check_in_scale_are_listed_with_the_first_newest_first() {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(WED - 2 * DAY_MS, 0).unwrap();
        c.scaling_check_in(3, None).unwrap();
        // As if the range had changed since: the old scale keeps its old range, and the
        // next check-in makes a new scale.
        c.read(|conn| {
            Ok(conn.execute_batch(
                "UPDATE scaling_scales SET scale_max = 9; UPDATE scaling_entries SET scale_max = 9;",
            )?)
        })
        .unwrap();
        c.set_fixed_time(WED, 0).unwrap();
        c.scaling_check_in(7, None).unwrap();
        let scales: i64 = c
            .read(|conn| {
                Ok(conn.query_row("SELECT count(*) FROM scaling_scales", [], |r| r.get(0))?)
            })
            .unwrap();
        assert_eq!(scales, 2);
        let listed = labels(&c, ToolId::Checkin, 10);
        assert_eq!(
            listed,
            ["7 on a scale of 0 to 10", "3 on a scale of 0 to 9"]
        );
        let one = labels(&c, ToolId::Checkin, 1);
        assert_eq!(one, ["7 on a scale of 0 to 10"]);
    }

    #[test]
    fn five_ways_entries_of_the_same_minute_are_listed_newest_written_first() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let log = |what: &str| {
            c.five_ways_log(FiveWaysInput {
                date: Some("2026-11-18".into()),
                time: Some("09:00".into()),
                ..activity(what, &[WayId::BeActive])
            })
            .unwrap();
        };
        c.set_fixed_time(WED, 0).unwrap();
        log("first");
        c.set_fixed_time(WED + 10_000, 0).unwrap();
        log("second");
        // Written later, lived earlier: after both.
        c.five_ways_log(FiveWaysInput {
            date: Some("2026-11-18".into()),
            time: Some("08:00".into()),
            ..activity("earlier", &[WayId::Connect])
        })
        .unwrap();
        let listed = labels(&c, ToolId::FiveWaysLog, 10);
        assert_eq!(listed, ["second", "first", "earlier"]);
        // Rows stored in another order than written (a restored backup inserts by id): the
        // time written decides, not the row's place.
        c.read(|conn| {
            Ok(conn.execute(
                "UPDATE five_ways_entries SET created_utc_ms = created_utc_ms + 60000 WHERE what = 'first'",
                [],
            )?)
        })
        .unwrap();
        let listed = labels(&c, ToolId::FiveWaysLog, 10);
        assert_eq!(listed, ["first", "second", "earlier"]);
    }

    #[test]
    fn each_tools_rows_are_listed_newest_first_and_delete_removes_only_that_one() {
        let c = WellbeingStore::open_in_memory().unwrap();
        c.set_fixed_time(WED - 86_400_000, 0).unwrap();
        c.scaling_check_in(4, None).unwrap();
        c.set_fixed_time(WED, 0).unwrap();
        c.scaling_check_in(7, Some("slept well".into())).unwrap();
        let l = c.records(ToolId::Checkin, 10).unwrap();
        assert_eq!(
            l.title, "My check-ins",
            "the words of the home entry that leads here"
        );
        let labels: Vec<&str> = l.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            ["7 on a scale of 0 to 10", "4 on a scale of 0 to 10"]
        );
        assert!(l.rows[0].detail.contains("slept well"));
        assert!(!l.confirm_delete.is_empty() && !l.delete_label.is_empty());

        c.delete_record(ToolId::Checkin, l.rows[1].id.clone())
            .unwrap();
        let after = c.records(ToolId::Checkin, 10).unwrap();
        assert_eq!(after.rows, l.rows[..1]);
        // Gone: a second delete is NotFound.
        assert!(matches!(
            c.delete_record(ToolId::Checkin, l.rows[1].id.clone()),
            Err(WellbeingError::NotFound { .. })
        ));

        c.five_ways_log(activity(
            "Walked to the park",
            &[WayId::BeActive, WayId::TakeNotice],
        ))
        .unwrap();
        let fw = c.records(ToolId::FiveWaysLog, 10).unwrap();
        assert_eq!(fw.rows.len(), 1);
        assert_eq!(fw.rows[0].label, "Walked to the park");
        assert!(
            fw.rows[0].detail.contains("Be active"),
            "{}",
            fw.rows[0].detail
        );

        let r = c
            .take_measure(MeasureInput {
                measure: MeasureId::Gad7,
                answers: vec![1; 7],
                date: None,
                time: None,
            })
            .unwrap();
        let g = c.records(ToolId::Gad7, 10).unwrap();
        assert_eq!(g.rows[0].id, r.id);
        // A GAD-7 result is not a PHQ-9 row, and not a check-in.
        assert!(matches!(
            c.delete_record(ToolId::Phq9, r.id.clone()),
            Err(WellbeingError::NotFound { .. })
        ));
        assert!(c.delete_record(ToolId::Checkin, r.id.clone()).is_err());
        c.delete_record(ToolId::Gad7, r.id).unwrap();
        assert!(c.records(ToolId::Gad7, 10).unwrap().rows.is_empty());
    }

    #[test]
    fn other_tools_and_limits_are_refused() {
        let c = WellbeingStore::open_in_memory().unwrap();
        assert!(matches!(
            c.records(ToolId::SafetyPlan, 10),
            Err(WellbeingError::InvalidInput { .. })
        ));
        assert!(c.records(ToolId::Checkin, 0).is_err());
        assert!(c.records(ToolId::Checkin, 51).is_err());
        assert!(c.records(ToolId::Checkin, 50).unwrap().rows.is_empty());
    }
}
