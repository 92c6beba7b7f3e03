//! The schema and its versions.
//!
//! `PRAGMA user_version` holds the version. A fresh database gets the whole current schema in
//! one transaction; an older one is upgraded one step at a time, each step in its own
//! IMMEDIATE transaction together with the version bump, so a crash mid-upgrade leaves the
//! file at the last complete version. Every released version is kept as a fixture under
//! `core/tests/fixtures/` and upgraded in a test.
//!
//! Each tool module owns the DDL of its own tables (`SCHEMA` constants) so the storage of a
//! tool is read next to the code that uses it; the registry gathers them into [`Tables`].

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// The schema version this code writes.
pub(crate) const VERSION: i64 = 7;

/// `PRAGMA application_id` of every store ("WBC1" in ASCII): how a file is known as ours, so
/// another program's database is refused rather than changed.
pub(crate) const APPLICATION_ID: i64 = 0x5742_4331;

/// The first version that sets [`APPLICATION_ID`]; older stores are recognised by their tables.
pub(crate) const FIRST_WITH_APPLICATION_ID: i64 = 3;

/// One step of the upgrade: takes the database from one version to the next.
pub(crate) type Step = fn(&Transaction) -> Result<()>;

/// How every tool's tables are made and upgraded. The tools own their DDL; the registry,
/// which knows every tool, hands this in, so the store itself names no tool.
pub(crate) struct Tables {
    /// The tables of [`VERSION`], in dependency order: a fresh store gets these.
    pub current: fn() -> Vec<&'static str>,
    /// `steps[i]` takes a database from version `i + 1` to `i + 2`.
    pub steps: &'static [Step],
}

/// Brings the database to [`VERSION`]. The version is read again under the write lock, so
/// several processes (an app and its widget on a fresh install) opening the same new file at
/// once create the schema exactly once; the others find it done.
pub(crate) fn upgrade(conn: &mut Connection, tables: &Tables) -> Result<()> {
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
            for ddl in (tables.current)() {
                tx.execute_batch(ddl)?;
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", VERSION)?;
        } else {
            let step = tables
                .steps
                .get((v - 1) as usize)
                .ok_or_else(|| Error::internal("no upgrade step for this version"))?;
            step(&tx)?;
            tx.pragma_update(None, "user_version", v + 1)?;
        }
        tx.commit()?;
    }
}
