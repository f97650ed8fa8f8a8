//! Adapters from the typed clients to the engine's [`super::Source`].
