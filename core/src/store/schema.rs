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
pub(crate) const VERSION: i64 = 2;

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
    ]
}

/// Upgrade steps: `STEPS[i]` takes a database from version `i + 1` to `i + 2`.
const STEPS: &[fn(&Transaction) -> Result<()>] = &[v2_reminders];

/// Version 2: reminder settings.
fn v2_reminders(tx: &Transaction) -> Result<()> {
    Ok(tx.execute_batch(crate::reminders::SCHEMA)?)
}

pub(crate) fn upgrade(conn: &mut Connection) -> Result<()> {
    let mut v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if v == 0 {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for ddl in current_ddl() {
            tx.execute_batch(ddl)?;
        }
        tx.pragma_update(None, "user_version", VERSION)?;
        tx.commit()?;
        return Ok(());
    }
    debug_assert_eq!(STEPS.len() as i64, VERSION - 1);
    while v < VERSION {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        STEPS[(v - 1) as usize](&tx)?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
        v += 1;
    }
    Ok(())
}
