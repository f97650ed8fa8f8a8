//! One sync per account at a time, across processes: an exclusive lock on
//! `<data dir>/locks/sync-<marketplace>.lock`, released when the process ends
//! (also by kill -9, since the kernel drops the lock with the file).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::SyncError;
use crate::domain::Marketplace;

pub struct SyncLock {
    _file: File,
}

fn lock_path(dir: &Path, m: Marketplace) -> PathBuf {
    dir.join("locks").join(format!("sync-{m}.lock"))
}

fn open(dir: &Path, m: Marketplace) -> Result<File, SyncError> {
    let path = lock_path(dir, m);
    if let Some(parent) = path.parent() {
        crate::store::create_private_dir(parent)?;
    }
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| SyncError::Lock { path, source })
}

impl SyncLock {
    /// Takes the lock, or says another process holds it.
    pub fn try_acquire(dir: &Path, m: Marketplace) -> Result<SyncLock, SyncError> {
        let file = open(dir, m)?;
        match file.try_lock() {
            Ok(()) => Ok(SyncLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(SyncError::AlreadyRunning(m)),
            Err(TryLockError::Error(source)) => Err(SyncError::Lock {
                path: lock_path(dir, m),
                source,
            }),
        }
    }

    /// Waits until the other process is done, then takes the lock.
    pub fn acquire_blocking(dir: &Path, m: Marketplace) -> Result<SyncLock, SyncError> {
        let file = open(dir, m)?;
        file.lock().map_err(|source| SyncError::Lock {
            path: lock_path(dir, m),
            source,
        })?;
        Ok(SyncLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_sync_of_the_same_account_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let first = SyncLock::try_acquire(dir.path(), Marketplace::Olx).unwrap();
        let err = SyncLock::try_acquire(dir.path(), Marketplace::Olx)
            .err()
            .expect("second lock must fail");
        assert!(matches!(err, SyncError::AlreadyRunning(Marketplace::Olx)));
        // Other accounts are independent.
        let _other = SyncLock::try_acquire(dir.path(), Marketplace::Autofact).unwrap();
        drop(first);
        SyncLock::try_acquire(dir.path(), Marketplace::Olx).unwrap();
    }
}
