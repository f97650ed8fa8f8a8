//! One sync per account at a time, across processes: an exclusive lock on
//! `<data dir>/locks/sync-<marketplace>.lock`, released when the process ends
//! (also by kill -9, since the kernel drops the lock with the file). The same
//! kind of lock keeps write-backs of one listing one at a time.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::SyncError;
use crate::domain::Marketplace;

/// An exclusive lock on a file, held until dropped (or the process ends).
pub struct FileLock {
    _file: File,
}

impl FileLock {
    fn open(path: &Path) -> std::io::Result<File> {
        if let Some(parent) = path.parent() {
            crate::store::create_private_dir(parent).map_err(std::io::Error::other)?;
        }
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
    }

    /// Takes the lock; `Ok(None)` when another process holds it.
    pub fn try_acquire(path: &Path) -> std::io::Result<Option<FileLock>> {
        let file = Self::open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(FileLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    /// Waits until the other process is done, then takes the lock.
    pub fn acquire_blocking(path: &Path) -> std::io::Result<FileLock> {
        let file = Self::open(path)?;
        file.lock()?;
        Ok(FileLock { _file: file })
    }
}

pub struct SyncLock {
    _lock: FileLock,
}

fn lock_path(dir: &Path, m: Marketplace) -> PathBuf {
    dir.join("locks").join(format!("sync-{m}.lock"))
}

impl SyncLock {
    /// Takes the lock, or says another process holds it.
    pub fn try_acquire(dir: &Path, m: Marketplace) -> Result<SyncLock, SyncError> {
        let path = lock_path(dir, m);
        match FileLock::try_acquire(&path) {
            Ok(Some(lock)) => Ok(SyncLock { _lock: lock }),
            Ok(None) => Err(SyncError::AlreadyRunning(m)),
            Err(source) => Err(SyncError::Lock { path, source }),
        }
    }

    /// Waits until the other process is done, then takes the lock.
    pub fn acquire_blocking(dir: &Path, m: Marketplace) -> Result<SyncLock, SyncError> {
        let path = lock_path(dir, m);
        FileLock::acquire_blocking(&path)
            .map(|lock| SyncLock { _lock: lock })
            .map_err(|source| SyncError::Lock { path, source })
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
