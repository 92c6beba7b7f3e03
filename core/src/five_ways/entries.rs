//! The activity log: what was done and which ways it touched. Several entries a day are
//! normal; an entry may touch several ways ("walked with a friend" is Connect and Be active).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{canonical_order, content, FiveWaysEntry, FiveWaysInput};
use crate::clock::{fmt_date, parse_date, short_label, Moment};
use crate::error::{ApiResult, Error, Result};
use crate::ids::WayId;
use crate::rules::{LONG_TEXT, SHORT_TEXT};
use crate::store::WellbeingStore;
use crate::validate;

/// Longest date range one list call may cover: a year (leap years included).
const MAX_RANGE_DAYS: i64 = 366;

/// An input checked and normalised, ready to store.
pub(crate) struct CleanEntry {
    pub what: String,
    pub ways: Vec<WayId>,
    pub note: Option<String>,
}

/// Checks the text and ways of an entry (the moment is checked separately).
pub(crate) fn clean(what: &str, ways: &[WayId], note: Option<&str>) -> Result<CleanEntry> {
    let what = validate::required_text("what", what, SHORT_TEXT, false)?;
    if ways.is_empty() || ways.len() > 5 {
        return Err(Error::invalid("ways", crate::rules::RuleCode::TooManyItems));
    }
    let mut clean_ways = Vec::with_capacity(ways.len());
    for &w in ways {
        if clean_ways.contains(&w) {
            return Err(Error::invalid("ways", crate::rules::RuleCode::Duplicate));
        }
        clean_ways.push(w);
    }
    canonical_order(&mut clean_ways);
    let note = validate::optional_text("note", note, LONG_TEXT, true)?;
    Ok(CleanEntry {
        what,
        ways: clean_ways,
        note,
    })
}

/// Refuses a moment later than now: the log records what happened. (The clock module
/// refuses future *dates*; this also catches a later time today.)
fn not_in_future(m: Moment, now: Moment) -> Result<Moment> {
    if m.local > now.local {
        return Err(Error::invalid("time", crate::rules::RuleCode::InFuture));
    }
    Ok(m)
}

/// Writes a new entry; returns its id.
pub(crate) fn insert(tx: &Transaction, e: &CleanEntry, at: Moment, now: Moment) -> Result<String> {
    let id = validate::new_id();
    tx.execute(
        "INSERT INTO five_ways_entries (id, what, note, utc_ms, utc_offset_min, local_date,
            local_time, created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            id,
            e.what,
            e.note,
            at.utc_ms,
            at.offset_min,
            at.date_string(),
            at.time_string(),
            now.utc_ms
        ],
    )?;
    write_ways(tx, &id, &e.ways)?;
    Ok(id)
}

fn write_ways(tx: &Transaction, id: &str, ways: &[WayId]) -> Result<()> {
    tx.execute("DELETE FROM five_ways_entry_ways WHERE entry_id = ?1", [id])?;
    for w in ways {
        tx.execute(
            "INSERT INTO five_ways_entry_ways (entry_id, way) VALUES (?1, ?2)",
            params![id, w.as_str()],
        )?;
    }
    Ok(())
}

const SELECT: &str = "SELECT e.id, e.what, e.note, e.local_date, e.local_time,
    (SELECT group_concat(w.way, ',') FROM five_ways_entry_ways w WHERE w.entry_id = e.id)
    FROM five_ways_entries e";

fn row_to_entry(r: &rusqlite::Row) -> rusqlite::Result<FiveWaysEntry> {
    let date: String = r.get(3)?;
    let ways_csv: Option<String> = r.get(5)?;
    // Every stored way was checked on the way in; one this build does not know is left out.
    let mut ways: Vec<WayId> = ways_csv
        .unwrap_or_default()
        .split(',')
        .filter_map(WayId::parse)
        .collect();
    canonical_order(&mut ways);
    let ways_label = ways
        .iter()
        .map(|&w| content::way_title(w))
        .collect::<Vec<_>>()
        .join(", ");
    let day_label = parse_date("date", &date)
        .map(short_label)
        .unwrap_or_else(|_| date.clone());
    Ok(FiveWaysEntry {
        id: r.get(0)?,
        what: r.get(1)?,
        note: r.get(2)?,
        date,
        time: r.get(4)?,
        day_label,
        ways,
        ways_label,
    })
}

/// Every stored way must be one of the five: entries are read with unknown ways left out,
/// so an import has to refuse them rather than store a record that silently loses a way.
pub(crate) fn check_stored(conn: &Connection) -> Result<()> {
    let mut st = conn.prepare_cached(
        "SELECT way FROM five_ways_entry_ways
         UNION SELECT way FROM five_ways_intentions WHERE way IS NOT NULL",
    )?;
    let ways: Vec<String> = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if ways.iter().any(|w| WayId::parse(w).is_none()) {
        return Err(Error::unreadable("five ways entry", ""));
    }
    Ok(())
}

/// Replaces what an entry says (what, ways, note), keeping when it was lived.
pub(crate) fn replace(tx: &Transaction, id: &str, e: &CleanEntry, now: Moment) -> Result<()> {
    let n = tx.execute(
        "UPDATE five_ways_entries SET what = ?2, note = ?3, updated_utc_ms = ?4 WHERE id = ?1",
        params![id, e.what, e.note, now.utc_ms],
    )?;
    if n == 0 {
        return Err(Error::not_found("five ways entry", id));
    }
    write_ways(tx, id, &e.ways)
}

pub(crate) fn get(conn: &Connection, id: &str) -> Result<FiveWaysEntry> {
    conn.query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], row_to_entry)
        .optional()?
        .ok_or_else(|| Error::not_found("five ways entry", id))
}

/// Entries from `from` to `to` inclusive (local dates), earliest first.
pub(crate) fn between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<FiveWaysEntry>> {
    // The date index named: analysed, SQLite's planner read every entry ever logged for a
    // week's window (12,012 VM steps after 500 days, 4,092 after 85).
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} INDEXED BY five_ways_entries_by_date WHERE e.local_date BETWEEN ?1 AND ?2
         ORDER BY e.local_date, e.local_time, e.created_utc_ms, e.id"
    ))?;
    let rows = st.query_map(params![fmt_date(from), fmt_date(to)], row_to_entry)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The newest `limit` entries dated `from..=to`, newest first: walked back down the date
/// index and stopped at `limit`, so a list of the latest costs the same however many entries
/// the window holds. Entries of the same minute come newest written first (by the time they
/// were written, not by rowid: a restored backup inserts in id order); only such ties are
/// sorted, the index gives the rest in order.
pub(crate) fn newest_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    limit: u32,
) -> Result<Vec<FiveWaysEntry>> {
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} INDEXED BY five_ways_entries_by_date WHERE e.local_date BETWEEN ?1 AND ?2
         ORDER BY e.local_date DESC, e.local_time DESC, e.created_utc_ms DESC, e.rowid DESC
         LIMIT ?3"
    ))?;
    let rows = st.query_map(params![fmt_date(from), fmt_date(to), limit], row_to_entry)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

impl WellbeingStore {
    fn five_ways_store(&self, id: Option<&str>, input: &FiveWaysInput) -> Result<FiveWaysEntry> {
        let now = self.now();
        let e = clean(&input.what, &input.ways, input.note.as_deref())?;
        let date = input.date.as_deref();
        let time = input.time.as_deref();
        self.write(|tx| {
            let id = match id {
                None => {
                    let at = not_in_future(Moment::from_local_parts(now, date, time)?, now)?;
                    insert(tx, &e, at, now)?
                }
                Some(id) => {
                    let old = get(tx, id)?;
                    let at = if date.is_none() && time.is_none() {
                        None
                    } else {
                        // Whatever part is not named keeps the entry's own value.
                        let d = date.unwrap_or(&old.date);
                        let t = time.unwrap_or(&old.time);
                        Some(not_in_future(
                            Moment::from_local_parts(now, Some(d), Some(t))?,
                            now,
                        )?)
                    };
                    replace(tx, id, &e, now)?;
                    if let Some(at) = at {
                        tx.execute(
                            "UPDATE five_ways_entries SET utc_ms = ?2, utc_offset_min = ?3,
                                local_date = ?4, local_time = ?5 WHERE id = ?1",
                            params![
                                id,
                                at.utc_ms,
                                at.offset_min,
                                at.date_string(),
                                at.time_string()
                            ],
                        )?;
                    }
                    id.to_string()
                }
            };
            get(tx, &id)
        })
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Logs an activity against one or more of the five ways.
    pub fn five_ways_log(&self, input: FiveWaysInput) -> ApiResult<FiveWaysEntry> {
        Ok(self.five_ways_store(None, &input)?)
    }

    /// Replaces every field of an entry. A date or time left out keeps the entry's own.
    pub fn five_ways_edit(
        &self,
        entry_id: String,
        input: FiveWaysInput,
    ) -> ApiResult<FiveWaysEntry> {
        let id = validate::id_arg("five ways entry", &entry_id)?;
        Ok(self.five_ways_store(Some(&id), &input)?)
    }

    /// Deletes an entry for good.
    pub fn five_ways_delete(&self, entry_id: String) -> ApiResult<()> {
        let id = validate::id_arg("five ways entry", &entry_id)?;
        let n =
            self.write(|tx| Ok(tx.execute("DELETE FROM five_ways_entries WHERE id = ?1", [&id])?))?;
        if n == 0 {
            return Err(Error::not_found("five ways entry", &id).into());
        }
        Ok(())
    }

    /// One entry.
    pub fn five_ways_entry(&self, entry_id: String) -> ApiResult<FiveWaysEntry> {
        let id = validate::id_arg("five ways entry", &entry_id)?;
        Ok(self.read(|c| get(c, &id))?)
    }

    /// The entries of one local day ("YYYY-MM-DD"), earliest first.
    pub fn five_ways_entries_for_day(&self, date: String) -> ApiResult<Vec<FiveWaysEntry>> {
        let d = parse_date("date", &date)?;
        Ok(self.read(|c| between(c, d, d))?)
    }

    /// The entries from `from` to `to` inclusive (local dates), earliest first; at most
    /// 366 days at a time.
    pub fn five_ways_entries_between(
        &self,
        from: String,
        to: String,
    ) -> ApiResult<Vec<FiveWaysEntry>> {
        let f = parse_date("from", &from)?;
        let t = parse_date("to", &to)?;
        if t < f {
            return Err(Error::invalid("to", crate::rules::RuleCode::WrongOrder).into());
        }
        if (t - f).num_days() >= MAX_RANGE_DAYS {
            return Err(Error::invalid_limit(
                "to",
                crate::rules::RuleCode::SpanTooLong,
                MAX_RANGE_DAYS,
            )
            .into());
        }
        Ok(self.read(|c| between(c, f, t))?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, ms};
    use super::*;
    use crate::WellbeingError;

    fn input(what: &str, ways: &[&str]) -> FiveWaysInput {
        FiveWaysInput {
            what: what.into(),
            ways: ways.iter().map(|s| WayId::parse(s).unwrap()).collect(),
            note: None,
            date: None,
            time: None,
        }
    }

    fn invalid_field(r: ApiResult<FiveWaysEntry>) -> String {
        match r {
            Err(WellbeingError::InvalidInput { field, .. }) => field,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn log_defaults_to_now_and_orders_ways() {
        // Monday 16 Nov 2026, 10:15 GMT.
        let c = at("2026-11-16T10:15:00Z", 0);
        let e = c
            .five_ways_log(FiveWaysInput {
                note: Some("  felt good\nafterwards ".into()),
                ..input("  Walked with Sam ", &["be-active", "connect"])
            })
            .unwrap();
        assert_eq!(e.what, "Walked with Sam");
        assert_eq!(e.ways, [WayId::Connect, WayId::BeActive]);
        assert_eq!(e.ways_label, "Connect, Be active");
        assert_eq!(e.note.as_deref(), Some("felt good\nafterwards"));
        assert_eq!((e.date.as_str(), e.time.as_str()), ("2026-11-16", "10:15"));
        assert_eq!(e.day_label, "Mon 16 Nov");
        assert_eq!(c.five_ways_entry(e.id.clone()).unwrap(), e);
    }

    #[test]
    fn several_entries_a_day_listed_in_time_order() {
        let c = at("2026-11-16T20:00:00Z", 0);
        let mut ids = vec![];
        for (what, time) in [("b", "12:00"), ("a", "08:30"), ("c", "19:45")] {
            ids.push(
                c.five_ways_log(FiveWaysInput {
                    time: Some(time.into()),
                    ..input(what, &["give"])
                })
                .unwrap()
                .id,
            );
        }
        let day = c.five_ways_entries_for_day("2026-11-16".into()).unwrap();
        let whats: Vec<&str> = day.iter().map(|e| e.what.as_str()).collect();
        assert_eq!(whats, ["a", "b", "c"]);
        assert!(c
            .five_ways_entries_for_day("2026-11-15".into())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn what_is_required_single_line_and_short() {
        let c = at("2026-11-16T10:00:00Z", 0);
        assert_eq!(
            invalid_field(c.five_ways_log(input("   ", &["give"]))),
            "what"
        );
        assert_eq!(
            invalid_field(c.five_ways_log(input("a\nb", &["give"]))),
            "what"
        );
        assert_eq!(
            invalid_field(c.five_ways_log(input(&"x".repeat(201), &["give"]))),
            "what"
        );
        assert!(c.five_ways_log(input(&"x".repeat(200), &["give"])).is_ok());
    }

    #[test]
    fn ways_must_be_one_to_five_distinct_known() {
        let c = at("2026-11-16T10:00:00Z", 0);
        assert_eq!(invalid_field(c.five_ways_log(input("x", &[]))), "ways");
        assert_eq!(
            invalid_field(c.five_ways_log(input("x", &["give", "give"]))),
            "ways"
        );
        let six = [
            "connect",
            "be-active",
            "take-notice",
            "keep-learning",
            "give",
            "give",
        ];
        assert_eq!(invalid_field(c.five_ways_log(input("x", &six))), "ways");
        let all = c.five_ways_log(input("x", &six[..5])).unwrap();
        assert_eq!(all.ways.len(), 5);
    }

    #[test]
    fn note_is_optional_long_text() {
        let c = at("2026-11-16T10:00:00Z", 0);
        let blank = c
            .five_ways_log(FiveWaysInput {
                note: Some("  ".into()),
                ..input("x", &["give"])
            })
            .unwrap();
        assert_eq!(blank.note, None);
        let too_long = FiveWaysInput {
            note: Some("n".repeat(4001)),
            ..input("x", &["give"])
        };
        assert_eq!(invalid_field(c.five_ways_log(too_long)), "note");
        let control = FiveWaysInput {
            note: Some("a\u{7}b".into()),
            ..input("x", &["give"])
        };
        assert_eq!(invalid_field(c.five_ways_log(control)), "note");
    }

    #[test]
    fn future_and_impossible_moments_are_refused() {
        let c = at("2026-11-16T10:00:00Z", 0);
        let with = |date: Option<&str>, time: Option<&str>| FiveWaysInput {
            date: date.map(Into::into),
            time: time.map(Into::into),
            ..input("x", &["give"])
        };
        assert_eq!(
            invalid_field(c.five_ways_log(with(Some("2026-11-17"), None))),
            "date"
        );
        assert_eq!(
            invalid_field(c.five_ways_log(with(None, Some("10:01")))),
            "time"
        );
        assert_eq!(
            invalid_field(c.five_ways_log(with(Some("2026-02-30"), None))),
            "date"
        );
        assert_eq!(
            invalid_field(c.five_ways_log(with(Some("16/11/2026"), None))),
            "date"
        );
        assert_eq!(
            invalid_field(c.five_ways_log(with(None, Some("24:00")))),
            "time"
        );
        assert!(c.five_ways_log(with(None, Some("10:00"))).is_ok());
        // A named past day without a time sits at noon.
        let e = c.five_ways_log(with(Some("2026-11-10"), None)).unwrap();
        assert_eq!((e.date.as_str(), e.time.as_str()), ("2026-11-10", "12:00"));
    }

    #[test]
    fn late_evening_entry_stays_on_its_local_day_across_zones() {
        // 23:30 BST on Sat 31 Oct 2026 is 22:30 UTC.
        let c = at("2026-10-31T22:30:00Z", 60);
        let e = c.five_ways_log(input("Late call", &["connect"])).unwrap();
        assert_eq!((e.date.as_str(), e.time.as_str()), ("2026-10-31", "23:30"));
        let (utc, off): (i64, i32) = c
            .read(|c| {
                Ok(c.query_row(
                    "SELECT utc_ms, utc_offset_min FROM five_ways_entries WHERE id = ?1",
                    [&e.id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?)
            })
            .unwrap();
        assert_eq!((utc, off), (ms("2026-10-31T22:30:00Z"), 60));
        // After the clocks go back (GMT) and on a trip to New York it is still on the 31st.
        c.set_fixed_time(ms("2026-11-02T12:00:00Z"), 0).unwrap();
        assert_eq!(
            c.five_ways_entries_for_day("2026-10-31".into())
                .unwrap()
                .len(),
            1
        );
        c.set_fixed_time(ms("2026-11-02T12:00:00Z"), -300).unwrap();
        assert_eq!(
            c.five_ways_entries_for_day("2026-10-31".into())
                .unwrap()
                .len(),
            1
        );
        assert!(c
            .five_ways_entries_for_day("2026-11-01".into())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn just_after_midnight_local_is_the_new_day_even_if_utc_is_not() {
        // 00:30 BST on Sun 25 Oct 2026 is 23:30 UTC on the 24th.
        let c = at("2026-10-24T23:30:00Z", 60);
        let e = c
            .five_ways_log(input("Stargazing", &["take-notice"]))
            .unwrap();
        assert_eq!(e.date, "2026-10-25");
    }

    #[test]
    fn edit_replaces_fields_and_keeps_unnamed_moment_parts() {
        let c = at("2026-11-16T18:00:00Z", 0);
        let e = c
            .five_ways_log(FiveWaysInput {
                time: Some("09:00".into()),
                note: Some("n".into()),
                ..input("Tea with Jo", &["connect"])
            })
            .unwrap();
        let edited = c
            .five_ways_edit(e.id.clone(), input("Coffee with Jo", &["connect", "give"]))
            .unwrap();
        assert_eq!(edited.id, e.id);
        assert_eq!(edited.what, "Coffee with Jo");
        assert_eq!(edited.ways, [WayId::Connect, WayId::Give]);
        assert_eq!(edited.note, None);
        assert_eq!(
            (edited.date.as_str(), edited.time.as_str()),
            ("2026-11-16", "09:00")
        );
        // A new date keeps the time of day; a new time keeps the date.
        let moved = c
            .five_ways_edit(
                e.id.clone(),
                FiveWaysInput {
                    date: Some("2026-11-14".into()),
                    ..input("Coffee with Jo", &["connect"])
                },
            )
            .unwrap();
        assert_eq!(
            (moved.date.as_str(), moved.time.as_str()),
            ("2026-11-14", "09:00")
        );
        let moved = c
            .five_ways_edit(
                e.id.clone(),
                FiveWaysInput {
                    time: Some("21:10".into()),
                    ..input("Coffee with Jo", &["connect"])
                },
            )
            .unwrap();
        assert_eq!(
            (moved.date.as_str(), moved.time.as_str()),
            ("2026-11-14", "21:10")
        );
        // Edits obey the same rules.
        let future = FiveWaysInput {
            date: Some("2026-11-17".into()),
            ..input("x", &["give"])
        };
        assert_eq!(
            invalid_field(c.five_ways_edit(e.id.clone(), future)),
            "date"
        );
        assert_eq!(
            invalid_field(c.five_ways_edit(e.id.clone(), input("x", &[]))),
            "ways"
        );
        assert_eq!(c.five_ways_entry(e.id.clone()).unwrap(), moved);
    }

    #[test]
    fn unknown_ids_are_not_found() {
        let c = at("2026-11-16T18:00:00Z", 0);
        let missing = validate::new_id();
        for r in [
            c.five_ways_edit(missing.clone(), input("x", &["give"]))
                .map(|_| ()),
            c.five_ways_delete(missing.clone()),
            c.five_ways_entry(missing).map(|_| ()),
            c.five_ways_delete("../x".into()),
        ] {
            assert!(matches!(r, Err(WellbeingError::NotFound { .. })), "{r:?}");
        }
    }

    #[test]
    fn delete_is_real_and_takes_the_ways_with_it() {
        let c = at("2026-11-16T18:00:00Z", 0);
        let e = c.five_ways_log(input("x", &["give", "connect"])).unwrap();
        c.five_ways_delete(e.id.clone()).unwrap();
        let left: i64 = c
            .read(|c| {
                Ok(c.query_row(
                    "SELECT (SELECT count(*) FROM five_ways_entries)
                          + (SELECT count(*) FROM five_ways_entry_ways)",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(left, 0);
        assert!(matches!(
            c.five_ways_delete(e.id),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn range_rules() {
        let c = at("2026-11-16T18:00:00Z", 0);
        c.five_ways_log(FiveWaysInput {
            date: Some("2026-11-01".into()),
            ..input("a", &["give"])
        })
        .unwrap();
        c.five_ways_log(input("b", &["give"])).unwrap();
        let all = c
            .five_ways_entries_between("2026-11-01".into(), "2026-11-16".into())
            .unwrap();
        assert_eq!(all.len(), 2);
        let some = c
            .five_ways_entries_between("2026-11-02".into(), "2026-11-16".into())
            .unwrap();
        assert_eq!(some.len(), 1);
        assert!(matches!(
            c.five_ways_entries_between("2026-11-16".into(), "2026-11-01".into()),
            Err(WellbeingError::InvalidInput { .. })
        ));
        assert!(matches!(
            c.five_ways_entries_between("2025-01-01".into(), "2026-11-16".into()),
            Err(WellbeingError::InvalidInput { .. })
        ));
        assert!(c
            .five_ways_entries_between("2025-11-16".into(), "2026-11-16".into())
            .is_ok());
        assert!(matches!(
            c.five_ways_entries_for_day("2026-13-01".into()),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }
}
