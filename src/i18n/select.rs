//! Which language a run speaks: `--lang`, then `TREEVU_LANG`, then the config
//! file's `lang`, then the POSIX locale (`LC_ALL`, `LC_MESSAGES`, `LANG`),
//! then English.

use crate::config::Env;

/// The languages of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    /// English
    En,
    /// Spanish (Peru)
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The language tag (`<html lang>`, the `locales/` folder, `--lang`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// A language tag or a POSIX locale name (`es`, `es-PE`, `es_PE.UTF-8`,
    /// `en_US@euro`); `C` and `POSIX` are English. Anything else is `None`.
    pub fn from_locale(name: &str) -> Option<Lang> {
        let name = name.trim();
        // `language[_territory][.codeset][@modifier]`: only the language decides.
        let base = name.split(['.', '@']).next().unwrap_or("");
        if base.eq_ignore_ascii_case("c") || base.eq_ignore_ascii_case("posix") {
            return Some(Lang::En);
        }
        let tag = base.replace('_', "-");
        let id: unic_langid::LanguageIdentifier = tag.parse().ok()?;
        match id.language.as_str() {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The language of this run. `flag` is `--lang`; `config` is the config
/// file's `lang` key. An unknown `TREEVU_LANG` or config value is passed
/// over; the POSIX variables follow POSIX (the first one set decides, and a
/// language treevu does not speak means English).
pub fn choose(flag: Option<Lang>, env: &dyn Env, config: Option<&str>) -> Lang {
    if let Some(l) = flag {
        return l;
    }
    if let Some(l) = env.var("TREEVU_LANG").and_then(|v| Lang::from_locale(&v)) {
        return l;
    }
    if let Some(l) = config.and_then(Lang::from_locale) {
        return l;
    }
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env.var(name) {
            return Lang::from_locale(&v).unwrap_or(Lang::En);
        }
    }
    Lang::En
}

/// The language before clap parses (help and parse errors are written while
/// parsing): a look at `argv` for `--lang` and `--config`, the environment,
/// and the config file's `lang` key alone. A broken config file is ignored
/// here; `Settings::resolve` reports it later, in the language chosen.
pub fn prescan(argv: &[std::ffi::OsString], env: &dyn Env) -> Lang {
    let mut flag = None;
    let mut config = None;
    let mut it = argv.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (a, None),
        };
        let value = |it: &mut dyn Iterator<Item = &str>| {
            inline.clone().or_else(|| it.next().map(str::to_string))
        };
        match name {
            "--lang" => flag = value(&mut it).and_then(|v| Lang::from_locale(&v)),
            "--config" => config = value(&mut it).map(std::path::PathBuf::from),
            _ => {}
        }
    }
    let path = config
        .or_else(|| env.var("TREEVU_CONFIG").map(std::path::PathBuf::from))
        .or_else(|| {
            crate::config::config_dir(env)
                .ok()
                .map(|d| d.join("config.toml"))
        });
    let file_lang = path
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| t.parse::<toml::Table>().ok())
        .and_then(|t| t.get("lang").and_then(|v| v.as_str()).map(str::to_string));
    choose(flag, env, file_lang.as_deref())
}
