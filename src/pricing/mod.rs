//! The pricing engine ([`treevu_pricing`], re-exported whole) and what treevu
//! adds around it: [`inputs`] turns stored rows into the engine's records,
//! [`models`] fits and caches its models in the store.

pub use treevu_pricing::*;

pub mod inputs;
pub mod models;
