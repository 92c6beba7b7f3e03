//! The store file itself: who may read it, whose file it is, and several openers at once.
//!
//! An app and its widget start together on a fresh install; a person picks the wrong file
//! with a file picker or `--db`. Each case must end with the person's data intact and
//! nobody else's file changed.

use std::path::Path;
use std::sync::{Arc, Barrier};

use companion_core::{ToolId, WellbeingError, WellbeingStore};
use rusqlite::Connection;

const OURS: i64 = 0x5742_4331;

fn application_id(p: &Path) -> i64 {
    Connection::open(p)
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn eight_handles_opening_one_new_file_at_once_all_open_and_all_write() {
    for round in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fresh.db").display().to_string();
        let start = Arc::new(Barrier::new(8));
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    let c = WellbeingStore::open(path).map_err(|e| ("open", e))?;
                    c.scaling_check_in(i % 11, None).map_err(|e| ("write", e))?;
                    Ok::<_, (&str, WellbeingError)>(())
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        for (i, r) in results.iter().enumerate() {
            assert!(r.is_ok(), "round {round}, opener {i}: {r:?}");
        }
        let c = WellbeingStore::open(path).unwrap();
        let n = c.records(ToolId::Checkin, 50).unwrap().rows.len();
        assert_eq!(n, 8, "round {round}: every write kept");
    }
}

#[test]
fn eight_processes_opening_one_new_file_at_once_all_write() {
    // The same as above across processes: this test binary re-run as the ignored writer.
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fresh.db");
        let exe = std::env::current_exe().unwrap();
        let children: Vec<_> = (0..8)
            .map(|_| {
                std::process::Command::new(&exe)
                    .args(["--ignored", "--exact", "child_writes_once", "--nocapture"])
                    .env("STORE_FILE_CHILD_DB", &path)
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut ch in children {
            assert!(
                ch.wait().unwrap().success(),
                "round {round}: a writer failed"
            );
        }
        let c = WellbeingStore::open(path.display().to_string()).unwrap();
        assert_eq!(c.records(ToolId::Checkin, 50).unwrap().rows.len(), 8);
    }
}

#[test]
#[ignore = "run by eight_processes_opening_one_new_file_at_once_all_write"]
fn child_writes_once() {
    let Ok(path) = std::env::var("STORE_FILE_CHILD_DB") else {
        return;
    };
    let c = WellbeingStore::open(path).unwrap();
    c.scaling_check_in(5, None).unwrap();
}

#[test]
fn another_programs_database_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str); 3] = [
        (
            "plain.db",
            "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES ('x');",
        ),
        (
            "versioned.db",
            "CREATE TABLE t(x); PRAGMA user_version = 2;",
        ),
        (
            "other-app.db",
            "CREATE TABLE flow_drafts(x); PRAGMA application_id = 1234; PRAGMA user_version = 1;",
        ),
    ];
    for (name, sql) in cases {
        let p = dir.path().join(name);
        Connection::open(&p).unwrap().execute_batch(sql).unwrap();
        let before = std::fs::read(&p).unwrap();
        for _ in 0..2 {
            match WellbeingStore::open(p.display().to_string()) {
                Err(WellbeingError::NotOurDatabase) => {}
                other => panic!("{name}: expected NotOurDatabase, got {:?}", other.err()),
            }
        }
        assert_eq!(std::fs::read(&p).unwrap(), before, "{name} untouched");
        assert!(
            !dir.path().join(format!("{name}-wal")).exists(),
            "{name}: no WAL"
        );
    }
}

#[test]
fn an_empty_database_and_our_older_stores_are_ours() {
    let dir = tempfile::tempdir().unwrap();
    // An empty SQLite file with a page (made by a tool, no tables): set up as a store.
    let empty = dir.path().join("empty.db");
    Connection::open(&empty)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0; VACUUM;")
        .unwrap();
    WellbeingStore::open(empty.display().to_string()).unwrap();
    assert_eq!(application_id(&empty), OURS);
    // Stores from before the id was set open, and get it.
    for v in [1, 2] {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/v{v}.db"));
        let copy = dir.path().join(format!("v{v}.db"));
        std::fs::copy(&fixture, &copy).unwrap();
        assert_eq!(application_id(&copy), 0);
        WellbeingStore::open(copy.display().to_string()).unwrap();
        assert_eq!(application_id(&copy), OURS, "v{v} upgraded");
    }
}

#[cfg(unix)]
#[test]
fn a_new_store_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mine.db");
    let c = WellbeingStore::open(p.display().to_string()).unwrap();
    c.scaling_check_in(4, None).unwrap();
    for f in [p.clone(), dir.path().join("mine.db-wal")] {
        let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", f.display());
    }
    // A file the person made with wider permissions is theirs to decide: left as it is.
    let q = dir.path().join("shared.db");
    std::fs::write(&q, b"").unwrap();
    std::fs::set_permissions(&q, std::fs::Permissions::from_mode(0o640)).unwrap();
    WellbeingStore::open(q.display().to_string()).unwrap();
    let mode = std::fs::metadata(&q).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}
