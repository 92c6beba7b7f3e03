//! Files the shell writes for the person (summaries, CSV): new files only unless they ask
//! to replace one, and readable by the owner only, since they hold the person's entries.

use std::io::Write;
use std::path::Path;

use companion_core::terminal_text;

use crate::fail::{Fail, Outcome};

/// Refuses early when `path` exists and `force` was not given, so nothing is made (and no
/// summary is recorded) for a file that could not be written anyway.
pub fn check_free(flag: &str, path: &Path, force: bool) -> Outcome {
    if !force && path.exists() {
        return Err(Fail::invalid(flag, terminal_text().file_exists));
    }
    Ok(())
}

/// Writes `bytes` to `path`: a new file, or (with `force`) replacing an existing one.
pub fn write(flag: &str, path: &Path, bytes: &[u8], force: bool) -> Outcome {
    let mut o = std::fs::OpenOptions::new();
    o.write(true);
    if force {
        o.create(true).truncate(true);
    } else {
        o.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let fail = |e: std::io::Error| Fail::File {
        what: path.display().to_string(),
        reason: e.kind().to_string(),
    };
    let mut f = o.open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Fail::invalid(flag, terminal_text().file_exists)
        } else {
            fail(e)
        }
    })?;
    f.write_all(bytes).map_err(fail)?;
    f.sync_all().map_err(fail)?;
    Ok(())
}
