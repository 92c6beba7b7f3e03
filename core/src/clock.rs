//! Time is supplied, never read behind the caller's back.
//!
//! Every entry keeps the UTC instant *and* the local calendar date and time the person lived
//! it, together with the UTC offset in force. Days, weeks and streaks are computed from the
//! local date, so they stay right across DST changes and travel: an entry logged at 23:30 in
//! Manchester stays on that day even if the phone later moves to another zone.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};

use crate::error::{Error, Result};

/// Source of "now" together with the device's UTC offset at that moment.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<FixedOffset>;

    /// The UTC offset that will be in force at local wall time `local` (for reminders days
    /// ahead, across a clock change). By default the offset in force now.
    fn offset_at(&self, local: NaiveDateTime) -> FixedOffset {
        let _ = local;
        *self.now().offset()
    }
}

/// The UTC instant (milliseconds) of local wall time `local` by `clock`'s offsets.
pub(crate) fn utc_ms_of(clock: &dyn Clock, local: NaiveDateTime) -> i64 {
    let offset = clock.offset_at(local);
    (local - Duration::seconds(offset.local_minus_utc() as i64))
        .and_utc()
        .timestamp_millis()
}

/// The device clock and its current local offset.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        chrono::Local::now().fixed_offset()
    }

    fn offset_at(&self, local: NaiveDateTime) -> FixedOffset {
        match chrono::Local.from_local_datetime(&local) {
            chrono::LocalResult::Single(d) | chrono::LocalResult::Ambiguous(d, _) => *d.offset(),
            // The hour skipped when the clocks go forward: read with the offset before the
            // change, so the time falls just after it.
            chrono::LocalResult::None => chrono::Local
                .from_local_datetime(&(local - Duration::hours(1)))
                .earliest()
                .map(|d| *d.offset())
                .unwrap_or_else(|| *self.now().offset()),
        }
    }
}

/// A clock fixed at one instant and offset: for tests, scenarios and demonstrations.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<FixedOffset>);

impl FixedClock {
    /// `utc_ms` milliseconds since the Unix epoch, seen at `offset_minutes` east of UTC.
    /// Instants outside the years 1900–9999 are refused: every date the app reads is in that
    /// range, and date arithmetic near chrono's limits would overflow.
    pub fn new(utc_ms: i64, offset_minutes: i32) -> Option<Self> {
        let offset = FixedOffset::east_opt(offset_minutes.checked_mul(60)?)?;
        let utc = DateTime::<Utc>::from_timestamp_millis(utc_ms)?;
        let local = utc.with_timezone(&offset);
        (1900..=9999)
            .contains(&local.year())
            .then_some(FixedClock(local))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

/// One instant as stored: UTC milliseconds, the offset in force, and the local wall time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Moment {
    pub utc_ms: i64,
    pub offset_min: i32,
    pub local: NaiveDateTime,
}

pub(crate) const DATE_FMT: &str = "%Y-%m-%d";
pub(crate) const TIME_FMT: &str = "%H:%M";

impl Moment {
    pub fn from_datetime(dt: DateTime<FixedOffset>) -> Self {
        Moment {
            utc_ms: dt.timestamp_millis(),
            offset_min: dt.offset().local_minus_utc() / 60,
            local: dt.naive_local(),
        }
    }

    /// The moment the person names (`date` "YYYY-MM-DD", `time` "HH:MM"), read in the
    /// offset in force now. Either part may be left out: it then defaults to now's.
    /// A date in the future (beyond today's local date) is refused: entries record what
    /// happened.
    pub fn from_local_parts(now: Moment, date: Option<&str>, time: Option<&str>) -> Result<Self> {
        let d = match date {
            Some(s) => parse_date("date", s)?,
            None => now.local.date(),
        };
        let t = match time {
            Some(s) => parse_time("time", s)?,
            None if date.is_none() => now.local.time(),
            // A past day named without a time is placed at noon, clear of DST gaps.
            None => NaiveTime::from_hms_opt(12, 0, 0).expect("noon is valid"),
        };
        if d > now.local.date() {
            return Err(Error::invalid("date", crate::rules::RuleCode::InFuture));
        }
        let local = d.and_time(t);
        let offset = FixedOffset::east_opt(now.offset_min * 60)
            .ok_or_else(|| Error::invalid("offset", crate::rules::RuleCode::OutOfRange))?;
        let dt = offset
            .from_local_datetime(&local)
            .single()
            .ok_or_else(|| Error::invalid("time", crate::rules::RuleCode::BadTime))?;
        Ok(Moment {
            utc_ms: dt.timestamp_millis(),
            offset_min: now.offset_min,
            local,
        })
    }

    pub fn date(&self) -> NaiveDate {
        self.local.date()
    }
    pub fn date_string(&self) -> String {
        fmt_date(self.local.date())
    }
    pub fn time_string(&self) -> String {
        self.local.format(TIME_FMT).to_string()
    }
}

/// Reads "YYYY-MM-DD", refusing impossible dates such as 2026-02-30 and years outside
/// 1900–9999 (no person logs a wellbeing entry in year 40000).
pub(crate) fn parse_date(field: &str, s: &str) -> Result<NaiveDate> {
    let d = canonical_date(s.as_bytes())
        .or_else(|| NaiveDate::parse_from_str(s.trim(), DATE_FMT).ok())
        .ok_or_else(|| Error::invalid(field, crate::rules::RuleCode::BadDate))?;
    if !(1900..=9999).contains(&d.year()) {
        return Err(Error::invalid(field, crate::rules::RuleCode::BadDate));
    }
    Ok(d)
}

/// Reads "HH:MM" (24-hour).
pub(crate) fn parse_time(field: &str, s: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), TIME_FMT)
        .map_err(|_| Error::invalid(field, crate::rules::RuleCode::BadTime))
}

/// Monday of the ISO week containing `d`: weeks run Monday to Sunday, as in UK diaries.
pub(crate) fn week_start(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

pub(crate) fn fmt_date(d: NaiveDate) -> String {
    if (0..=9999).contains(&d.year()) {
        // The same text as `DATE_FMT` gives for these years, without interpreting a format
        // string: dates are written for every row a screen reads.
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format(DATE_FMT).to_string()
    }
}

/// "YYYY-MM-DD" exactly as the store writes it, read without chrono's format parser: every
/// stored row a screen reads carries a date, and a year of check-ins is 366 of them. Anything
/// else (spaces, one-digit months…) is left to the general parser, so what is accepted does
/// not change.
fn canonical_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// "Mon 3 Nov": a short label for charts and lists.
pub(crate) fn short_label(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_and_written_quickly_agree_with_the_format() {
        // Every day from 1899 to 2101, and the edges of what a year can be.
        let mut d = NaiveDate::from_ymd_opt(1899, 1, 1).unwrap();
        while d.year() < 2102 {
            let text = d.format(DATE_FMT).to_string();
            assert_eq!(fmt_date(d), text);
            let read = parse_date("d", &text);
            assert_eq!(read.ok(), (d.year() >= 1900).then_some(d), "{text}");
            d += Duration::days(1);
        }
        for far in [
            NaiveDate::from_ymd_opt(-1, 1, 1),
            NaiveDate::from_ymd_opt(10000, 1, 1),
        ] {
            let far = far.unwrap();
            assert_eq!(fmt_date(far), far.format(DATE_FMT).to_string());
        }
        // What the general parser accepted is still accepted, what it refused still refused.
        for text in [" 2026-11-03", "2026-1-3", "2026-11-3 ", "+2026-11-03"] {
            let chrono = NaiveDate::parse_from_str(text.trim(), DATE_FMT).ok();
            assert_eq!(parse_date("d", text).ok(), chrono, "{text:?}");
        }
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "20a6-11-03",
            "2026/11/03",
            "",
            "9",
        ] {
            assert!(parse_date("d", bad).is_err(), "{bad:?}");
        }
    }

    fn at(utc: &str, offset_min: i32) -> Moment {
        let dt = DateTime::parse_from_rfc3339(utc)
            .unwrap()
            .with_timezone(&FixedOffset::east_opt(offset_min * 60).unwrap());
        Moment::from_datetime(dt)
    }

    #[test]
    fn local_date_follows_the_offset_not_utc() {
        // 23:30 UTC on 31 Oct is 00:30 on 1 Nov in UTC+1.
        let m = at("2026-10-31T23:30:00Z", 60);
        assert_eq!(m.date_string(), "2026-11-01");
        assert_eq!(m.time_string(), "00:30");
        let m = at("2026-10-31T23:30:00Z", 0);
        assert_eq!(m.date_string(), "2026-10-31");
    }

    #[test]
    fn named_local_time_is_read_in_current_offset() {
        let now = at("2026-07-01T12:00:00Z", 60);
        let m = Moment::from_local_parts(now, Some("2026-06-30"), Some("21:15")).unwrap();
        assert_eq!(m.date_string(), "2026-06-30");
        assert_eq!(
            m.utc_ms,
            DateTime::parse_from_rfc3339("2026-06-30T20:15:00Z")
                .unwrap()
                .timestamp_millis()
        );
    }

    #[test]
    fn impossible_and_future_dates_are_refused() {
        let now = at("2026-07-01T12:00:00Z", 0);
        for bad in ["2026-02-30", "2026-13-01", "yesterday", "", "0001-01-01"] {
            assert!(
                matches!(
                    Moment::from_local_parts(now, Some(bad), None),
                    Err(Error::Invalid { .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            Moment::from_local_parts(now, Some("2026-07-02"), None),
            Err(Error::Invalid { .. })
        ));
        assert!(matches!(
            Moment::from_local_parts(now, None, Some("25:00")),
            Err(Error::Invalid { .. })
        ));
    }

    #[test]
    fn weeks_start_on_monday() {
        let sun = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(fmt_date(week_start(sun)), "2026-11-16");
        let mon = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        assert_eq!(week_start(mon), mon);
    }

    #[test]
    fn fixed_clock_rejects_out_of_range_offsets() {
        assert!(FixedClock::new(0, 24 * 60).is_none());
        assert!(FixedClock::new(0, -300).is_some());
        // Far past and far future: refused rather than overflowing date arithmetic later.
        assert!(FixedClock::new(8_210_266_876_799_999, 0).is_none());
        assert!(FixedClock::new(-8_210_266_876_799_999, 0).is_none());
        assert!(
            FixedClock::new(253_402_300_799_000, 0).is_some(),
            "31 Dec 9999 23:59:59 is fine"
        );
    }
}
