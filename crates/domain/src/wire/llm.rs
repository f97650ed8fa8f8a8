//! The answer format `recommend --explain` asks an LLM for, which the sandbox's fake
//! model speaks too.

/// The schema name the spec gives the response format.
pub const SCHEMA_NAME: &str = "price_recommendation";

/// The lines of the user message that carry treevu's numbers, in one prompt
/// language; the sandbox's fake model reads them back (one source of truth).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    /// The prompt's language tag (`es`, `en`).
    pub lang: &'static str,
    pub recommended: &'static str,
    pub range: &'static str,
    pub confidence: &'static str,
}

/// The spec's prompt is Spanish.
pub const LABELS_ES: Labels = Labels {
    lang: "es",
    recommended: "Precio recomendado por treevu:",
    range: "Rango estadístico (mínimo – máximo):",
    confidence: "Confianza estadística:",
};

pub const LABELS_EN: Labels = Labels {
    lang: "en",
    recommended: "Price recommended by treevu:",
    range: "Statistical range (minimum – maximum):",
    confidence: "Statistical confidence:",
};

/// Every prompt language's labels.
pub const LABELS: [Labels; 2] = [LABELS_ES, LABELS_EN];
