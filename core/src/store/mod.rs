//! SQLite storage: opening, pragmas, the schema and its migrations, and the corruption policy.
//!
//! Order matters when opening an existing file. The schema version is read *before* anything
//! that writes (even `journal_mode=WAL` rewrites the header), so a database from a newer app
//! is refused byte-for-byte untouched. A file SQLite cannot read is renamed aside with its
//! `-wal`/`-shm` companions — never deleted — and reported, so a person's history can still be
//! recovered by hand.

pub(crate) mod cipher;
pub(crate) mod handle;
mod held;
pub(crate) mod schema;

pub(crate) use handle::LockRuntime;
pub use handle::WellbeingStore;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags, ToSql, Transaction, TransactionBehavior};

use crate::clock::Moment;
use crate::error::{Error, Result};
pub use cipher::{StoreEncryption, StoreKey};
use schema::Tables;

/// Opens (creating if needed) the database at `path`, upgraded to the current schema.
///
/// With `key`, the store is a SQLCipher file (a new one is made encrypted); without, plain
/// SQLite. A key that does not open the file is `WrongKey`, an encrypted file opened without
/// one `KeyRequired`, a key for a plain file `NotEncrypted`: each before anything is written,
/// so the file is left byte for byte (and never set aside as damaged).
pub(crate) fn open_file(
    path: &Path,
    now_tag: &str,
    key: Option<&StoreKey>,
    tables: &Tables,
) -> Result<Connection> {
    if let Some(k) = key {
        cipher::check_key(k)?;
    }
    // A key change killed half-way leaves its new file beside the untouched store.
    cipher::remove_pending(path);
    match (cipher::file_encryption(path), key) {
        (StoreEncryption::Encrypted, None) => return Err(Error::KeyRequired),
        (StoreEncryption::Plain, Some(_)) => return Err(Error::NotEncrypted),
        _ => {}
    }
    let existed = path.exists()
        && std::fs::metadata(path)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() && !dir.exists() {
            std::fs::create_dir_all(dir)?;
        }
    }
    if !existed {
        create_private(path)?;
    }
    if existed && !writable(path) {
        return open_read_only(path, key);
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    // A left-over write-ahead log means the last session did not close: the app was killed
    // or the device lost power. Only then is the whole file checked, so a normal open costs
    // the same on ten years of entries as on one day's. The log of a handle this process
    // still holds is no such sign ([`held`]).
    let after_crash = existed && side_file_has_data(path, "-wal") && !held::held_here(path);
    #[cfg(test)]
    if after_crash {
        held::note_whole_check(path);
    }
    let conn = Connection::open_with_flags(path, flags)?;
    if let Some(k) = key {
        cipher::apply_key(&conn, k)?;
    }
    if existed {
        match check_readable(&conn, after_crash) {
            Ok(()) => {}
            // With a key, page 1 that does not decrypt is the wrong key, not damage.
            Err(CheckFailure::NotADatabase) if key.is_some() => return Err(Error::WrongKey),
            Err(CheckFailure::Corrupt) | Err(CheckFailure::NotADatabase) => {
                drop(conn);
                let aside = set_aside(path, now_tag)?;
                return Err(Error::Corrupt {
                    set_aside_as: aside.display().to_string(),
                });
            }
            Err(CheckFailure::Other(e)) => return Err(e),
        }
        check_ours(&conn)?;
    }
    not_newer(&conn)?;
    configure(&conn, true)?;
    let mut conn = conn;
    schema::upgrade(&mut conn, tables)?;
    if key.is_some() && !existed {
        // A new encrypted store writes its first page to the file itself at once, so the
        // file is recognised as encrypted (not empty) even if the app is killed now.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    Ok(conn)
}

/// True when this process may write the file and make its side files (`-wal`, `-shm`) next
/// to it.
fn writable(path: &Path) -> bool {
    let file = std::fs::OpenOptions::new().write(true).open(path).is_ok();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = dir.join(format!(".{}.probe-{}", std::process::id(), now_nanos()));
    let dir_ok = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .map(|_| std::fs::remove_file(&probe))
        .is_ok();
    file && dir_ok
}

fn now_nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// A store this process may not write (a copy on read-only media, a file of another
/// account's shared for reading): opened to be viewed, so the person can still read their
/// history and safety plan. `immutable` lets SQLite read a WAL-mode file without making its
/// side files; every write is refused as read-only. It must already be at this version
/// (an upgrade would need a write).
fn open_read_only(path: &Path, key: Option<&StoreKey>) -> Result<Connection> {
    let uri = format!(
        "file:{}?mode=ro&immutable=1",
        path.display()
            .to_string()
            .replace('%', "%25")
            .replace('?', "%3f")
            .replace('#', "%23")
    );
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(uri, flags)?;
    if let Some(k) = key {
        cipher::apply_key(&conn, k)?;
    }
    match check_readable(&conn, true) {
        Ok(()) => {}
        Err(CheckFailure::NotADatabase) if key.is_some() => return Err(Error::WrongKey),
        // Not ours to set aside: it cannot be renamed either. Said as it is.
        Err(CheckFailure::Corrupt) | Err(CheckFailure::NotADatabase) => {
            return Err(Error::Sql(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                None,
            )))
        }
        Err(CheckFailure::Other(e)) => return Err(e),
    }
    check_ours(&conn)?;
    if not_newer(&conn)? < schema::VERSION {
        return Err(Error::ReadOnly);
    }
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", 2)?;
    Ok(conn)
}

/// An in-memory database with the current schema: conversation mode and tests.
pub(crate) fn open_in_memory(tables: &Tables) -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn, false)?;
    schema::upgrade(&mut conn, tables)?;
    Ok(conn)
}

/// Makes the empty store file readable and writable by its owner only (0600 on Unix), so on
/// a shared computer no other account can read a person's entries. SQLite gives its `-wal`
/// and `-shm` files the permissions of the main file. A file another opener made in between
/// is left as it is.
fn create_private(path: &Path) -> Result<()> {
    match new_private_file(path) {
        Ok(_) => Ok(()),
        Err(Error::Invalid { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// A new, empty file readable and writable by its owner only (0600 on Unix), for anything
/// that holds a person's entries: the store, a copy, a backup. An existing file is refused
/// (`AlreadyExists` on `path`) and left alone.
pub(crate) fn new_private_file(path: &Path) -> Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            Error::invalid("path", crate::rules::RuleCode::AlreadyExists)
        }
        _ => Error::Io(e),
    })
}

/// Refuses a database another program made (chosen by mistake with a file picker or
/// `--db`): adding our tables to it and switching it to WAL would change someone else's
/// file. Ours carry [`schema::APPLICATION_ID`]; stores made before it was set are known by
/// their version and their drafts table (there since version 1); an empty database is ours to
/// set up. Reads only, before anything writes.
fn check_ours(conn: &Connection) -> Result<()> {
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app == schema::APPLICATION_ID {
        return Ok(());
    }
    if app != 0 {
        return Err(Error::NotOurs);
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
        [],
        |r| r.get(0),
    )?;
    if tables == 0 {
        return Ok(());
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let has_drafts: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'flow_drafts'",
        [],
        |r| r.get(0),
    )?;
    if (1..schema::FIRST_WITH_APPLICATION_ID).contains(&version) && has_drafts {
        return Ok(());
    }
    Err(Error::NotOurs)
}

/// The file's schema version, refused when a newer app wrote it (read only: the file is
/// left byte for byte).
fn not_newer(conn: &Connection) -> Result<i64> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > schema::VERSION {
        return Err(Error::NewerSchema {
            found,
            supported: schema::VERSION,
        });
    }
    Ok(found)
}

enum CheckFailure {
    /// SQLite's "not a database": page 1 unreadable (or, with a key, not decrypted by it).
    NotADatabase,
    Corrupt,
    Other(Error),
}

fn side_file_has_data(path: &Path, ext: &str) -> bool {
    std::fs::metadata(format!("{}{ext}", path.display()))
        .map(|m| m.len() > 0)
        .unwrap_or(false)
}

/// Reads the header and the schema, and (when `whole` is set: after a crash) runs SQLite's
/// quick check over every page, all without writing anything.
fn check_readable(conn: &Connection, whole: bool) -> std::result::Result<(), CheckFailure> {
    let classify = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => CheckFailure::NotADatabase,
        Some(ErrorCode::DatabaseCorrupt) => CheckFailure::Corrupt,
        _ => CheckFailure::Other(e.into()),
    };
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(classify)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(classify)?;
    if !whole {
        return Ok(());
    }
    // Past page 1 and the schema, a page that does not read is damage even with a key (the
    // key already opened page 1).
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| match classify(e) {
            CheckFailure::NotADatabase => CheckFailure::Corrupt,
            other => other,
        })?;
    if verdict != "ok" {
        return Err(CheckFailure::Corrupt);
    }
    Ok(())
}

/// Renames a corrupt database (and its WAL and shared-memory files) to
/// `<name>.corrupt-<tag>`, choosing a free name. Returns the new path of the main file.
fn set_aside(path: &Path, tag: &str) -> Result<PathBuf> {
    let mut n = 0;
    let target = loop {
        let suffix = if n == 0 {
            format!("corrupt-{tag}")
        } else {
            format!("corrupt-{tag}-{n}")
        };
        let candidate = PathBuf::from(format!("{}.{suffix}", path.display()));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    std::fs::rename(path, &target)?;
    for ext in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{ext}", path.display()));
        if side.exists() {
            std::fs::rename(&side, format!("{}{ext}", target.display()))?;
        }
    }
    Ok(target)
}

/// Connection settings. `secure_delete` zeroes deleted content so a deleted entry does not
/// linger in free pages; `synchronous=FULL` makes every acknowledged write durable even
/// against power loss, which matters more here than raw write speed.
fn configure(conn: &Connection, on_disk: bool) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    if on_disk {
        let mode = switch_to_wal(conn)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::internal(
                "the storage does not support write-ahead logging",
            ));
        }
        conn.pragma_update(None, "journal_size_limit", 4 * 1024 * 1024)?;
    }
    // Screens run the same few dozen statements again and again: keep them all prepared.
    conn.set_prepared_statement_cache_capacity(64);
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "temp_store", 2)?;
    Ok(())
}

/// Switching a new file to WAL takes an exclusive lock from a shared one; two openers doing it
/// at once deadlock, and SQLite answers one of them "busy" at once, without waiting (its busy
/// handler cannot help a deadlock). The loser waits a moment and tries again: by then the file
/// is usually in WAL already and the pragma only reads it.
fn switch_to_wal(conn: &Connection) -> Result<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let mut pause = std::time::Duration::from_millis(1);
    loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(50));
            }
            other => return Ok(other?),
        }
    }
}

/// Loads every record of `table` (one of our own tables) through `load`, stopping at the first
/// that fails: how an import checks that the app can read back what it merged.
pub(crate) fn load_every<T>(
    conn: &Connection,
    table: &str,
    load: impl Fn(&Connection, &str) -> Result<T>,
) -> Result<()> {
    let ids: Vec<String> = conn
        .prepare(&format!("SELECT id FROM \"{table}\""))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        load(conn, &id)?;
    }
    Ok(())
}

/// Runs `f` inside one IMMEDIATE transaction: all or nothing.
pub(crate) fn write<T>(
    conn: &mut Connection,
    f: impl FnOnce(&Transaction) -> Result<T>,
) -> Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}

/// Writes one tool record whole, with the dated columns every tool's record table keeps
/// (`utc_ms`, `utc_offset_min`, `local_date`, `local_time`, `created_utc_ms`,
/// `updated_utc_ms`): added when its id is new, replaced when it is there, its creation time
/// kept. `when` is the moment the record is about, `now` the moment of writing. Table and
/// column names come from the tool's own code, never from input; values are bound.
pub(crate) fn write_record(
    tx: &Transaction,
    table: &str,
    id: &str,
    fields: &[(&str, &dyn ToSql)],
    when: Moment,
    now: Moment,
) -> Result<()> {
    let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
    let dated = [
        "utc_ms",
        "utc_offset_min",
        "local_date",
        "local_time",
        "updated_utc_ms",
    ];
    let mut columns = vec!["id"];
    columns.extend(&names);
    columns.extend(dated);
    columns.push("created_utc_ms");
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    let set: Vec<String> = names
        .iter()
        .chain(dated.iter())
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT(id) DO UPDATE SET {}",
        columns.join(", "),
        marks.join(", "),
        set.join(", ")
    );
    let (date, time) = (when.date_string(), when.time_string());
    let mut values: Vec<&dyn ToSql> = vec![&id];
    values.extend(fields.iter().map(|(_, v)| *v));
    values.extend([
        &when.utc_ms as &dyn ToSql,
        &when.offset_min,
        &date,
        &time,
        &now.utc_ms,
        &now.utc_ms,
    ]);
    tx.prepare_cached(&sql)?.execute(values.as_slice())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_written_whole_and_keeps_its_creation_time() {
        let mut conn = open_in_memory(&crate::tables::TABLES).unwrap();
        conn.execute_batch(
            "CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT, b INTEGER, utc_ms INTEGER,
                utc_offset_min INTEGER, local_date TEXT, local_time TEXT,
                created_utc_ms INTEGER, updated_utc_ms INTEGER)",
        )
        .unwrap();
        use crate::clock::Clock;
        let at = |ms| Moment::from_datetime(crate::clock::FixedClock::new(ms, 60).unwrap().now());
        let (first, later) = (at(1_795_000_000_000), at(1_795_000_600_000));
        write(&mut conn, |tx| {
            write_record(tx, "t", "r1", &[("a", &"one"), ("b", &1)], first, first)
        })
        .unwrap();
        write(&mut conn, |tx| {
            write_record(
                tx,
                "t",
                "r1",
                &[("a", &"two"), ("b", &None::<i64>)],
                first,
                later,
            )
        })
        .unwrap();
        let row: (String, Option<i64>, i64, i64, i64, String) = conn
            .query_row(
                "SELECT a, b, created_utc_ms, updated_utc_ms, utc_offset_min, local_time
                 FROM t WHERE id = 'r1'",
                [],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )
            .unwrap();
        assert_eq!(row.0, "two");
        assert_eq!(row.1, None);
        assert_eq!((row.2, row.3), (first.utc_ms, later.utc_ms));
        assert_eq!((row.4, row.5), (60, first.time_string()));
        let n: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }

    fn tmp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn fresh_file_gets_current_version_and_pragmas() {
        let dir = tmp();
        let conn = open_file(&dir.path().join("a.db"), "t", None, &crate::tables::TABLES).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema::VERSION);
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sd: i64 = conn
            .query_row("PRAGMA secure_delete", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sd, 1);
        let jm: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(jm, "wal");
        let bt: i64 = conn
            .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
            .unwrap();
        assert_eq!(bt, 5000);
    }

    #[test]
    fn missing_parent_folders_are_created() {
        let dir = tmp();
        let p = dir.path().join("a/b/c.db");
        open_file(&p, "t", None, &crate::tables::TABLES).unwrap();
        assert!(p.exists());
    }

    #[test]
    fn newer_database_is_refused_byte_for_byte_untouched() {
        let dir = tmp();
        let p = dir.path().join("new.db");
        {
            let c = Connection::open(&p).unwrap();
            c.execute_batch("CREATE TABLE future(x); PRAGMA application_id = 1463960369; PRAGMA user_version = 99;")
                .unwrap();
        }
        let before = std::fs::read(&p).unwrap();
        match open_file(&p, "t", None, &crate::tables::TABLES) {
            Err(Error::NewerSchema {
                found: 99,
                supported,
            }) => assert_eq!(supported, schema::VERSION),
            other => panic!("expected NewerSchema, got {other:?}"),
        }
        assert_eq!(std::fs::read(&p).unwrap(), before);
        assert!(!dir.path().join("new.db-wal").exists());
    }

    #[test]
    fn a_store_opened_for_viewing_reads_and_refuses_writes_plainly() {
        let dir = tmp();
        let p = dir.path().join("view.db");
        {
            let mut c = open_file(&p, "t", None, &crate::tables::TABLES).unwrap();
            write(&mut c, |tx| {
                tx.execute_batch("CREATE TABLE seen(x); INSERT INTO seen VALUES (42);")?;
                Ok(())
            })
            .unwrap();
        }
        // Still in WAL mode, with no side files: what read-only media holds.
        assert!(!dir.path().join("view.db-wal").exists());
        let before = std::fs::read(&p).unwrap();
        let conn = open_read_only(&p, None).unwrap();
        let x: i64 = conn
            .query_row("SELECT x FROM seen", [], |r| r.get(0))
            .unwrap();
        assert_eq!(x, 42);
        let err: Error = conn
            .execute("INSERT INTO seen VALUES (1)", [])
            .unwrap_err()
            .into();
        let public: crate::WellbeingError = err.into();
        match public {
            crate::WellbeingError::Storage { reason } => assert!(reason.contains("read-only")),
            other => panic!("{other:?}"),
        }
        drop(conn);
        assert_eq!(std::fs::read(&p).unwrap(), before, "nothing written");
        assert!(
            !dir.path().join("view.db-shm").exists(),
            "no side files made"
        );
        // Another program's file is refused here too.
        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        assert!(matches!(open_read_only(&other, None), Err(Error::NotOurs)));
    }

    #[test]
    fn an_encrypted_store_opened_for_viewing_needs_its_key() {
        let dir = tmp();
        let p = dir.path().join("view-enc.db");
        let key = StoreKey::Raw { bytes: vec![9; 32] };
        {
            let mut c = open_file(&p, "t", Some(&key), &crate::tables::TABLES).unwrap();
            write(&mut c, |tx| {
                tx.execute_batch("CREATE TABLE seen(x); INSERT INTO seen VALUES (42);")?;
                Ok(())
            })
            .unwrap();
        }
        let before = std::fs::read(&p).unwrap();
        let conn = open_read_only(&p, Some(&key)).unwrap();
        let x: i64 = conn
            .query_row("SELECT x FROM seen", [], |r| r.get(0))
            .unwrap();
        assert_eq!(x, 42);
        drop(conn);
        let wrong = StoreKey::Raw { bytes: vec![8; 32] };
        assert!(matches!(
            open_read_only(&p, Some(&wrong)),
            Err(Error::WrongKey)
        ));
        assert_eq!(std::fs::read(&p).unwrap(), before, "nothing written");
        assert!(!dir.path().join("view-enc.db-shm").exists());
    }

    #[test]
    fn corrupt_file_is_set_aside_not_deleted() {
        let dir = tmp();
        let p = dir.path().join("bad.db");
        let junk = b"this is not a database, but it is somebody's file".repeat(200);
        std::fs::write(&p, &junk).unwrap();
        let aside = match open_file(&p, "20261122", None, &crate::tables::TABLES) {
            Err(Error::Corrupt { set_aside_as }) => PathBuf::from(set_aside_as),
            other => panic!("expected Corrupt, got {other:?}"),
        };
        assert!(!p.exists());
        assert_eq!(std::fs::read(&aside).unwrap(), junk);
        // A second corrupt file the same day gets a fresh name rather than overwriting.
        std::fs::write(&p, &junk).unwrap();
        let aside2 = match open_file(&p, "20261122", None, &crate::tables::TABLES) {
            Err(Error::Corrupt { set_aside_as }) => PathBuf::from(set_aside_as),
            other => panic!("expected Corrupt, got {other:?}"),
        };
        assert_ne!(aside, aside2);
        assert!(aside.exists() && aside2.exists());
        // After setting aside, opening again starts a fresh store.
        open_file(&p, "20261122", None, &crate::tables::TABLES).unwrap();
    }

    #[test]
    fn damaged_pages_are_detected() {
        let dir = tmp();
        let p = dir.path().join("dmg.db");
        {
            let mut c = open_file(&p, "t", None, &crate::tables::TABLES).unwrap();
            write(&mut c, |tx| {
                tx.execute_batch("CREATE TABLE filler(x TEXT)")?;
                for i in 0..2000 {
                    tx.execute(
                        "INSERT INTO filler VALUES (?1)",
                        [format!("row {i} {}", "x".repeat(50))],
                    )?;
                }
                Ok(())
            })
            .unwrap();
            c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
        }
        let mut bytes = std::fs::read(&p).unwrap();
        let len = bytes.len();
        for b in &mut bytes[len / 2..len / 2 + 8192] {
            *b = 0xA5;
        }
        std::fs::write(&p, &bytes).unwrap();
        // After a clean close the open does not read every page (that is what keeps it flat
        // in history length): it opens, and the damage is still there for a check to find.
        {
            let c = open_file(&p, "t", None, &crate::tables::TABLES).unwrap();
            let verdict: String = c
                .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
                .unwrap_or_else(|_| "error".into());
            assert_ne!(verdict, "ok");
        }
        assert!(p.exists());
        // After a crash (a write-ahead log left behind) the whole file is checked at open.
        std::fs::write(&p, &bytes).unwrap();
        std::fs::write(dir.path().join("dmg.db-wal"), b"left by a killed process").unwrap();
        assert!(matches!(
            open_file(&p, "t", None, &crate::tables::TABLES),
            Err(Error::Corrupt { .. })
        ));
    }

    #[test]
    fn a_second_handle_in_this_process_skips_the_whole_check_a_log_left_by_a_crash_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("held.db");
        let path = p.display().to_string();
        drop(WellbeingStore::open(path.clone()).unwrap());
        let first = WellbeingStore::open(path.clone()).unwrap();
        assert!(!held::whole_checked(&p), "closed cleanly: no whole check");
        first.scaling_check_in(6, None).unwrap();
        assert!(side_file_has_data(&p, "-wal"), "the live handle's log");
        // The reminders' job beside the app's screens: the log is the first handle's.
        let second = WellbeingStore::open(path.clone()).unwrap();
        assert!(!held::whole_checked(&p));
        assert_eq!(second.scaling_scales().unwrap().len(), 1);
        // The same files copied as they stand, as a killed app leaves them, under a name no
        // handle holds: that open checks the whole file.
        let copy = dir.path().join("killed.db");
        std::fs::copy(&p, &copy).unwrap();
        std::fs::copy(
            dir.path().join("held.db-wal"),
            dir.path().join("killed.db-wal"),
        )
        .unwrap();
        let after_crash = WellbeingStore::open(copy.display().to_string()).unwrap();
        assert!(held::whole_checked(&copy));
        assert_eq!(
            after_crash.scaling_scales().unwrap().len(),
            1,
            "the check-in kept"
        );
        drop((first, second, after_crash));
        assert!(
            !held::held_here(&p) && !held::held_here(&copy),
            "let go on drop"
        );
    }
}
