//! The market pool: what it accepts ([`rules`]), the one way rows enter it
//! ([`intake`]), how they are de-duplicated ([`dedup`]) and how sync feeds it
//! ([`feed`]). Reading CSV files is [`crate::import`]; the rows' SQL is
//! [`crate::store::market`].

pub mod dedup;
pub mod feed;
pub mod intake;
pub mod rules;
