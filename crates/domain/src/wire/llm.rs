//! The answer format `recommend --explain` asks an LLM for, which the sandbox's fake
//! model speaks too.

/// The schema name the spec gives the response format.
pub const SCHEMA_NAME: &str = "price_recommendation";

/// Lines of the user message the sandbox's fake model reads back (one source of truth).
pub const LABEL_RECOMMENDED: &str = "Precio recomendado por treevu:";
pub const LABEL_RANGE: &str = "Rango estadístico (mínimo – máximo):";
pub const LABEL_CONFIDENCE: &str = "Confianza estadística:";
