//! The schema and its versions.
//!
//! `PRAGMA user_version` holds the version. A fresh database gets the whole current schema in
//! one transaction; an older one is upgraded one step at a time, each step in its own
//! IMMEDIATE transaction together with the version bump, so a crash mid-upgrade leaves the
//! file at the last complete version. Every released version is kept as a fixture under
//! `core/tests/fixtures/` and upgraded in a test.
//!
//! Each tool module owns the DDL of its own tables (`SCHEMA` constants) so the storage of a
//! tool is read next to the code that uses it.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::Result;

/// The schema version this code writes.
pub(crate) const VERSION: i64 = 4;

/// `PRAGMA application_id` of every store ("WBC1" in ASCII): how a file is known as ours, so
/// another program's database is refused rather than changed.
pub(crate) const APPLICATION_ID: i64 = 0x5742_4331;

/// The first version that sets [`APPLICATION_ID`]; older stores are recognised by their tables.
pub(crate) const FIRST_WITH_APPLICATION_ID: i64 = 3;

/// The tables of the current version, in dependency order.
pub(crate) fn current_ddl() -> Vec<&'static str> {
    vec![
        crate::flow::SCHEMA,
        crate::five_ways::SCHEMA,
        crate::scaling::SCHEMA,
        crate::five_areas::SCHEMA,
        crate::safety::SCHEMA,
        crate::measures::SCHEMA,
        crate::thinking_styles::SCHEMA,
        crate::handoff::SCHEMA,
        crate::report::SCHEMA,
        crate::reminders::SCHEMA,
        crate::lock::SCHEMA,
    ]
}

/// Upgrade steps: `STEPS[i]` takes a database from version `i + 1` to `i + 2`.
const STEPS: &[fn(&Transaction) -> Result<()>] =
    &[v2_reminders, v3_ours_and_day_index, v4_app_lock];

// A release build with a missing step would skip it silently: this fails the build instead.
const _: () = assert!(
    STEPS.len() as i64 == VERSION - 1,
    "one upgrade step per version"
);

/// Version 2: reminder settings.
fn v2_reminders(tx: &Transaction) -> Result<()> {
    Ok(tx.execute_batch(crate::reminders::SCHEMA)?)
}

/// Version 3: the application id; the check-ins of a scale by day, so the last seven days
/// are read from the index instead of every check-in ever stored; feeling words on a check-in.
fn v3_ours_and_day_index(tx: &Transaction) -> Result<()> {
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.execute_batch(crate::scaling::DAY_INDEX)?;
    Ok(tx.execute_batch(crate::scaling::FEELINGS_TABLE)?)
}

/// Version 4 (feat/encryption; may be renumbered when merged beside another v4 step): the
/// app lock's settings (`app_lock`, one row of device state that backups leave out).
fn v4_app_lock(tx: &Transaction) -> Result<()> {
    Ok(tx.execute_batch(crate::lock::SCHEMA)?)
}

/// Brings the database to [`VERSION`]. The version is read again under the write lock, so
/// several processes (an app and its widget on a fresh install) opening the same new file at
/// once create the schema exactly once; the others find it done.
pub(crate) fn upgrade(conn: &mut Connection) -> Result<()> {
    let current = |c: &Connection| -> Result<i64> {
        Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    };
    // Up to date (every open but the first): no write lock is taken, so a store on
    // read-only media still opens for reading.
    if current(conn)? == VERSION {
        return Ok(());
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v = current(&tx)?;
        if v >= VERSION {
            return Ok(());
        }
        if v == 0 {
            for ddl in current_ddl() {
                tx.execute_batch(ddl)?;
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", VERSION)?;
        } else {
            STEPS[(v - 1) as usize](&tx)?;
            tx.pragma_update(None, "user_version", v + 1)?;
        }
        tx.commit()?;
    }
}
