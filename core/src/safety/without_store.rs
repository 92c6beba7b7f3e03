//! "Help now" when there is no store handle: the app could not open its data file, or has not
//! opened it yet, and the person needs the contacts now.
//!
//! The file is only ever looked at. It is opened with SQLite's read-only flags and never the
//! create flag, so a missing file stays missing; nothing is upgraded, checked, set aside or
//! renamed (the store's own open does those, and they must not happen behind a crisis screen).
//! When no `-wal` file sits beside it, the file is opened `immutable`, which also keeps SQLite
//! from creating `-wal`/`-shm` companions or taking locks; when one exists (the app has it open,
//! or stopped before a checkpoint) the ordinary read-only open is used so recent changes to the
//! plan are seen. Whatever goes wrong, the crisis contacts are returned: every failure only
//! changes `plan_status`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{help_now_from, load_plan, PlanRead, SafetyHelpNow};
use crate::ids::Profile;

/// Crisis contacts always, with the person's safety plan when the file at `db_path` can be
/// read. Needs no store handle, never fails and never writes: it works on a missing,
/// read-only, locked, corrupt or newer-version file (the plan is then left out and
/// `plan_status` says why).
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn help_now_without_store(db_path: Option<String>) -> SafetyHelpNow {
    let read =
        std::panic::catch_unwind(|| read_plan(db_path.as_deref())).unwrap_or(PlanRead::Unreadable);
    let profile = std::panic::catch_unwind(|| read_profile(db_path.as_deref())).unwrap_or_default();
    help_now_from(read, profile)
}

/// The profile stored in the file (a young person's contacts come first), read the same
/// careful way as the plan; an adult's whenever it cannot be read.
fn read_profile(db_path: Option<&str>) -> Profile {
    let Some(path) = db_path.filter(|p| !p.trim().is_empty()) else {
        return Profile::Adult;
    };
    let path = Path::new(path);
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0) {
        return Profile::Adult;
    }
    let Some(conn) = open_read_only(path) else {
        return Profile::Adult;
    };
    match conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
        Ok(v) if (1..=crate::store::schema::VERSION).contains(&v) => {
            crate::profile::load(&conn).unwrap_or_default()
        }
        _ => Profile::Adult,
    }
}

fn read_plan(db_path: Option<&str>) -> PlanRead {
    let Some(path) = db_path.filter(|p| !p.trim().is_empty()) else {
        return PlanRead::NoStore;
    };
    let path = Path::new(path);
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return PlanRead::NoStore,
        Err(_) => return PlanRead::Unreadable,
        Ok(m) if m.is_dir() => return PlanRead::Unreadable,
        // The store treats an empty file as a store never written.
        Ok(m) if m.len() == 0 => return PlanRead::NoStore,
        Ok(_) => {}
    }
    let Some(conn) = open_read_only(path) else {
        return PlanRead::Unreadable;
    };
    let version: i64 = match conn.query_row("PRAGMA user_version", [], |r| r.get(0)) {
        Ok(v) => v,
        Err(_) => return PlanRead::Unreadable,
    };
    if version == 0 {
        // A database, but not one of ours yet: nothing of the person's is in it.
        return PlanRead::NoStore;
    }
    if version > crate::store::schema::VERSION {
        // A later version may store the plan differently (or mark items deleted in a way
        // this build cannot see): showing it could show what the person removed.
        return PlanRead::Unreadable;
    }
    match load_plan(&conn) {
        Ok(plan) => PlanRead::Read(plan),
        Err(_) => PlanRead::Unreadable,
    }
}

fn open_read_only(path: &Path) -> Option<Connection> {
    // An absolute path keeps the URI free of an authority part ("file://…").
    let path: PathBuf = std::fs::canonicalize(path).ok()?;
    let text = path.to_str()?;
    let has_wal = PathBuf::from(format!("{text}-wal")).exists();
    let uri = format!(
        "file:{}?mode=ro{}",
        uri_escape(text),
        if has_wal { "" } else { "&immutable=1" }
    );
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(uri, flags).ok()?;
    // A store held by a writer is waited for briefly, not for the store's usual five seconds:
    // this screen must come up quickly.
    conn.busy_timeout(Duration::from_millis(500)).ok()?;
    // Belt and braces: even a bug in a query cannot write.
    conn.pragma_update(None, "query_only", true).ok()?;
    Some(conn)
}

/// Escapes the characters that would end or change the path part of a SQLite file URI.
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for ch in path.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests;
