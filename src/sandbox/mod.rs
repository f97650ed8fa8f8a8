//! The built-in marketplace sandbox: OLX, Inmuebles24 and Autofact on loopback.
