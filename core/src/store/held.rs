//! The store files this process has open. A second handle on a file this process already
//! holds (Android's WorkManager job beside the app's screens, which run in one process) finds
//! the first handle's write-ahead log, which with no handle open would mean the last session
//! was killed and call for the whole-file check. A log kept by a live handle of this process
//! is no sign of a crash, and that handle's own open made the check if one was due, so the
//! second open skips it (on ten years of entries it reads every page of the file).
//!
//! Only this process is known: a handle in another process (a widget's, say) still makes an
//! open check the whole file, as before.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Each held file and how many handles hold it.
static HELD: Mutex<BTreeMap<PathBuf, usize>> = Mutex::new(BTreeMap::new());

fn held() -> MutexGuard<'static, BTreeMap<PathBuf, usize>> {
    HELD.lock().unwrap_or_else(|e| e.into_inner())
}

/// The file's own name, whatever path reached it (a relative path, a link).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// True while a handle of this process has `path` open.
pub(crate) fn held_here(path: &Path) -> bool {
    held().contains_key(&canonical(path))
}

/// A handle's hold on its file, from its open to its drop.
#[derive(Debug)]
pub(crate) struct Hold(PathBuf);

impl Hold {
    pub(crate) fn new(path: &Path) -> Hold {
        let p = canonical(path);
        *held().entry(p.clone()).or_insert(0) += 1;
        Hold(p)
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        let mut m = held();
        if let Some(n) = m.get_mut(&self.0) {
            *n -= 1;
            if *n == 0 {
                m.remove(&self.0);
            }
        }
    }
}

/// The files whose open ran the whole-file check, for the tests that tell the two opens
/// apart.
#[cfg(test)]
pub(crate) static WHOLE_CHECKED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

#[cfg(test)]
pub(crate) fn whole_checked(path: &Path) -> bool {
    WHOLE_CHECKED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .contains(&canonical(path))
}

#[cfg(test)]
pub(crate) fn note_whole_check(path: &Path) {
    WHOLE_CHECKED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(canonical(path));
}
