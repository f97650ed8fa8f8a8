//! Tests of the shared HTTP layer.
