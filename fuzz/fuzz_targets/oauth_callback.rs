//! What reaches the OAuth loopback server (the request target) and the
//! headless paste prompt (a line of text). `STATE` in the input stands for
//! this sign-in's real state, so the fuzzer also reaches the code/error path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treevu::auth::loopback::{classify_callback, parse_pasted};
use treevu::auth::pkce::State;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let state = State::new();
    let text = text.replace("STATE", state.as_str());
    let _ = classify_callback(&text, &state);
    if let Some(u) = parse_pasted(&text) {
        let target = match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        };
        let _ = classify_callback(&target, &state);
    }
});
