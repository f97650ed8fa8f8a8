//! The TOML config file (`~/.config/treevu/config.toml`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use treevu::config::FileConfig;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = FileConfig::parse(text, std::path::Path::new("fuzz.toml"));
    }
});
