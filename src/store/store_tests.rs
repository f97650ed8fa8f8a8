//! The store's behavioural tests, written once against [`Store`]'s API and
//! run on every engine: `store_tests! { fn name(fx: &Fixture) { … } }` makes
//! one `#[test]` per engine (`sqlite::name`, and per engine added later).
//! Engine internals (WAL, file modes, upgrading old files) stay in the engine's
//! own tests.

use std::path::PathBuf;

use super::Store;

/// One store for a test, on one engine; [`Fixture::open`] gives another
/// handle on the same data, as a second treevu process would have.
pub struct Fixture {
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Fixture {
    pub fn sqlite() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary directory");
        Fixture {
            path: dir.path().join("treevu.db"),
            _dir: dir,
        }
    }

    pub fn open(&self) -> Store {
        Store::open(&self.path).expect("the test store opens")
    }
}

macro_rules! store_tests {
    ($(fn $name:ident($fx:ident: &Fixture) $body:block)*) => {
        mod sqlite {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[test]
                fn $name() {
                    let fixture = $crate::store::store_tests::Fixture::sqlite();
                    let $fx = &fixture;
                    $body
                }
            )*
        }
    };
}
