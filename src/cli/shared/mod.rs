//! What the command files share: listing ids from arguments or stdin, the
//! lookup of the listings they name, progress on stderr, the grouped help,
//! and the `--kind` value (the import module knows no clap).

pub mod help;
pub mod ids;
pub mod listing_refs;
pub mod parse_error;
pub mod progress;

use clap::builder::{PossibleValuesParser, TypedValueParser};

use crate::import::Kind;

/// `--kind property|vehicle`, parsed into the import module's [`Kind`].
pub fn kind_parser() -> impl TypedValueParser<Value = Kind> {
    PossibleValuesParser::new(Kind::ALL.map(Kind::as_str)).map(|s| {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .expect("clap accepted only the names of Kind::ALL")
    })
}
