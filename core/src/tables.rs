//! Every table of the store (the open flows, each tool's, the handoffs, the reports, the
//! reminders), and the steps that brought older stores up to today's version. The
//! version number itself stays with the store ([`crate::store::schema::VERSION`]), which
//! every layer may read; a new step here must raise it (the build fails otherwise).

use rusqlite::Transaction;

use crate::error::Result;
use crate::registry::TOOLS;
use crate::store::schema::{Step, Tables, APPLICATION_ID, VERSION};

/// What [`crate::store`] makes and upgrades.
pub(crate) const TABLES: Tables = Tables {
    current: current_ddl,
    steps: STEPS,
};

/// The tables of the current version, in dependency order.
fn current_ddl() -> Vec<&'static str> {
    let mut all = vec![crate::flow::SCHEMA];
    all.extend(TOOLS.iter().map(|t| t.schema));
    all.extend(APP_TABLES);
    all
}

/// The tables that belong to no one tool: what gathers across them.
pub(crate) const APP_TABLES: [&str; 6] = [
    crate::handoff::SCHEMA,
    crate::report::SCHEMA,
    crate::reminders::SCHEMA,
    crate::lock::SCHEMA,
    crate::profile::SCHEMA,
    crate::school::SCHEMA,
];

/// Upgrade steps: `STEPS[i]` takes a database from version `i + 1` to `i + 2`.
const STEPS: &[Step] = &[
    v2_reminders,
    v3_ours_and_day_index,
    v4_connections,
    v5_app_lock,
    v6_profile,
    v7_school_contacts,
];

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

/// Version 4: My connections (maps and their connections, plans and their reviews).
fn v4_connections(tx: &Transaction) -> Result<()> {
    Ok(tx.execute_batch(crate::connections::SCHEMA)?)
}

/// Version 5: the app lock's settings (`app_lock`, one row of device state that backups
/// leave out).
fn v5_app_lock(tx: &Transaction) -> Result<()> {
    Ok(tx.execute_batch(crate::lock::SCHEMA)?)
}

/// Version 6: the profile (an adult, or a young person of an age band).
fn v6_profile(tx: &Transaction) -> Result<()> {
    Ok(tx.execute_batch(crate::profile::SCHEMA)?)
}

/// Version 7 (`school_contacts`): a school staff member's own contacts and referral routes,
/// listed at the end of a school conversation.
fn v7_school_contacts(tx: &Transaction) -> Result<()> {
    Ok(tx.execute_batch(crate::school::SCHEMA)?)
}
