//! The interface in Spanish (Peru) and English: the main commands in both
//! languages, Spanish output free of the English catalog's sentences, JSON
//! byte-identical whatever the language, the language chosen from `--lang`,
//! `TREEVU_LANG` and the locale, and cards and tables that fit 80 and 120
//! columns without breaking a word.

use crate::support;

use std::collections::BTreeSet;
use std::process::Output;

use fluent_syntax::ast;
use serde_json::Value;
use support::{Harness, stderr, stdout};
use treevu::sandbox::SandboxOptions;

fn synced() -> Harness {
    let h = Harness::new(support::small_opts());
    let out = h.run(&["--lang", "es", "sync", "--all"]);
    assert_eq!(out.status.code(), Some(0), "sync: {}", stderr(&out));
    // The sync report's table speaks Spanish; its machine values do not change.
    let so = stdout(&out);
    assert!(
        so.contains("Resultado") && so.contains("Descargados"),
        "{so}"
    );
    assert_no_english(&format!("{so}{}", stderr(&out)));
    h
}

fn listing_ids(h: &Harness) -> (Vec<String>, Vec<String>) {
    let out = h.run(&["listings", "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("listings JSON");
    let of = |kind: &str| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|l| l["kind"] == kind && l["status"] == "active")
            .map(|l| l["id"].as_str().unwrap().to_string())
            .collect()
    };
    let homes = of("property");
    let cars = of("vehicle");
    assert!(homes.len() >= 6 && !cars.is_empty(), "{homes:?} {cars:?}");
    (homes, cars)
}

fn lang_run(h: &Harness, lang: &str, args: &[&str]) -> Output {
    let mut all = vec!["--lang", lang];
    all.extend_from_slice(args);
    h.run(&all)
}

/// The English catalog's sentences (text of at least two words between
/// placeables) that the Spanish catalog does not also say.
fn english_sentences() -> Vec<String> {
    let texts = |lang: &str| -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut out = Vec::new();
        for f in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
            let res = fluent_syntax::parser::parse(text.as_str()).expect("catalog parses");
            for e in &res.body {
                if let ast::Entry::Message(m) = e {
                    let mut patterns: Vec<&ast::Pattern<&str>> = m.value.iter().collect();
                    patterns.extend(m.attributes.iter().map(|a| &a.value));
                    for p in patterns {
                        collect_text(p, &mut out);
                    }
                }
            }
        }
        out
    };
    let spanish: String = texts("es").join("\n");
    let mut seen = BTreeSet::new();
    texts("en")
        .into_iter()
        .flat_map(|t| {
            t.split('\n')
                .map(|s| s.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| {
            s.split_whitespace().count() >= 2 && s.len() >= 8 && !spanish.contains(s.as_str())
        })
        .filter(|s| seen.insert(s.clone()))
        .collect()
}

fn collect_text(p: &ast::Pattern<&str>, out: &mut Vec<String>) {
    let mut cur = String::new();
    for e in &p.elements {
        match e {
            ast::PatternElement::TextElement { value } => cur.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                out.push(std::mem::take(&mut cur));
                if let ast::Expression::Select { variants, .. } = expression {
                    for v in variants {
                        collect_text(&v.value, out);
                    }
                }
            }
        }
    }
    out.push(cur);
}

fn assert_no_english(spanish_output: &str) {
    let english = english_sentences();
    assert!(
        english.len() > 50,
        "the catalog's English sentences were read: {english:?}"
    );
    let found: Vec<&String> = english
        .iter()
        .filter(|s| spanish_output.contains(s.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "English in Spanish output: {found:?}\n{spanish_output}"
    );
}

#[test]
fn the_main_commands_speak_spanish_and_their_json_is_the_same_in_both_languages() {
    let h = synced();
    let (homes, cars) = listing_ids(&h);
    let home = homes[0].as_str();
    let car = cars[0].as_str();

    // A card per item, in Spanish.
    let cases: Vec<(Vec<&str>, &[&str])> = vec![
        (
            vec!["recommend", home],
            &[
                "Recomendado:",
                "Rango (80%):",
                "Confianza:",
                "Por qué",
                "El precio actual está",
            ],
        ),
        (
            vec!["market", "analyze", home],
            &["Precio de mercado (mediana):", "Posición:", "Base"],
        ),
        (
            vec!["valuation", car],
            &[
                "Valor estimado:",
                "kilometraje",
                "Aporte",
                "la confianza de",
            ],
        ),
        (vec!["readiness", home], &["Puntaje:", "Frescura:"]),
        (
            vec!["forecast", home],
            &["Mediana de días a la venta:", "Contactos en 7 días:"],
        ),
        (vec!["listings"], &["Anuncio", "Título"]),
        (vec!["sync", "status"], &["Última ejecución"]),
    ];
    let mut spanish = String::new();
    for (args, words) in &cases {
        let out = lang_run(&h, "es", args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let so = stdout(&out);
        for w in *words {
            assert!(so.contains(w), "{args:?} lacks {w:?}:\n{so}");
        }
        spanish.push_str(&so);
        spanish.push_str(&stderr(&out));
        // English still reads English.
        let en = lang_run(&h, "en", args);
        assert_eq!(en.status.code(), Some(0), "{args:?}: {}", stderr(&en));
    }
    let readiness = stdout(&lang_run(&h, "es", &["readiness"]));
    assert!(
        ["caliente", "tibio", "frío"]
            .iter()
            .any(|b| readiness.contains(b)),
        "{readiness}"
    );
    assert!(
        !readiness.contains(" hot ")
            && !readiness.contains(" warm ")
            && !readiness.contains(" cold "),
        "{readiness}"
    );
    spanish.push_str(&readiness);
    assert_no_english(&spanish);

    // The HTML report says its language and speaks it.
    for (lang, words) in [
        ("es", "Su cartera de un vistazo"),
        ("en", "Your portfolio at a glance"),
    ] {
        let file = h.home.path().join(format!("report-{lang}.html"));
        let out = lang_run(&h, lang, &["report", "--html", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let html = std::fs::read_to_string(&file).unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{lang}");
        assert!(html.contains(words), "{lang} report lacks {words:?}");
        // Its timestamps are written as the reader writes dates, not as stored.
        let today = chrono::Utc::now().date_naive();
        let day = |d: chrono::NaiveDate| match lang {
            "es" => d.format("%d/%m/%Y").to_string(),
            _ => d.format("%Y-%m-%d").to_string(),
        };
        let around = [today.pred_opt().unwrap(), today, today.succ_opt().unwrap()];
        assert!(
            around
                .iter()
                .any(|d| html.contains(&format!("{} ", day(*d)))),
            "{lang} report dates its generation as its readers do"
        );
        assert!(
            !around
                .iter()
                .any(|d| html.contains(&format!("{}T", d.format("%Y-%m-%d")))),
            "{lang} report shows no raw timestamp"
        );
    }

    // What machines read does not change with the language.
    for args in [
        vec!["listings", "--json"],
        vec!["recommend", home, "--json"],
        vec!["market", "analyze", home, "--json"],
        vec!["valuation", car, "--json"],
        vec!["listings", "--format", "csv"],
        vec!["recommend", home, "--format", "csv"],
    ] {
        let en = lang_run(&h, "en", &args);
        let es = lang_run(&h, "es", &args);
        assert_eq!(en.status.code(), Some(0), "{args:?}: {}", stderr(&en));
        assert!(!en.stdout.is_empty());
        assert_eq!(
            stdout(&en),
            stdout(&es),
            "{args:?}: machine output differs between languages"
        );
    }
}

#[test]
fn an_error_and_its_hint_in_each_language_with_the_same_exit_code() {
    let h = synced();
    let es = lang_run(&h, "es", &["recommend", "olx:no-such-listing"]);
    let en = lang_run(&h, "en", &["recommend", "olx:no-such-listing"]);
    assert_eq!(es.status.code(), Some(1));
    assert_eq!(en.status.code(), Some(1));
    assert_eq!(
        stderr(&es).trim(),
        "error: no hay ningún anuncio 'olx:no-such-listing' en el almacén local; ejecute 'treevu sync olx' o vea 'treevu listings'"
    );
    assert_eq!(
        stderr(&en).trim(),
        "error: no listing 'olx:no-such-listing' in the local store; run 'treevu sync olx' or see 'treevu listings'"
    );
    // A usage mistake found after parsing: exit 2 in both.
    let es = lang_run(&h, "es", &["sync"]);
    assert_eq!(es.status.code(), Some(2));
    assert!(
        stderr(&es).contains("indique qué cuentas sincronizar"),
        "{}",
        stderr(&es)
    );
    assert_no_english(&stderr(&es));
}

#[test]
fn help_speaks_the_language_and_keeps_command_and_flag_names() {
    let h = Harness::new(SandboxOptions {
        listings: 1,
        market: 0,
        ..SandboxOptions::default()
    });
    let es = lang_run(&h, "es", &["--help"]);
    assert_eq!(es.status.code(), Some(0));
    let top = stdout(&es);
    for w in [
        "Uso:",
        "Precios y mercado:",
        "Opciones:",
        "recommend",
        "--json",
        "--lang",
    ] {
        assert!(top.contains(w), "lacks {w:?}:\n{top}");
    }
    let rec = stdout(&lang_run(&h, "es", &["recommend", "--help"]));
    assert!(
        rec.contains("Uso:") && rec.contains("--apply") && rec.contains("Opciones globales:"),
        "{rec}"
    );
    assert!(!rec.contains("Print help"), "{rec}");
    let en = stdout(&lang_run(&h, "en", &["--help"]));
    assert!(
        en.contains("Prices and market:") && en.contains("Usage:"),
        "{en}"
    );
    assert_no_english(&format!("{top}{rec}"));
}

/// clap's parse errors, worded through the catalog: the problem, the tip
/// and the usage in Spanish, exit 2 in both languages, nothing on stdout;
/// `treevu help <command>` and the `[por defecto: …]` notes of `--help` too.
#[test]
fn parse_errors_and_the_help_command_speak_spanish_with_exit_2() {
    let h = Harness::new(SandboxOptions {
        listings: 1,
        market: 0,
        ..SandboxOptions::default()
    });
    // (arguments, Spanish words, English words)
    let cases: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = vec![
        (
            vec!["sync", "--concurency", "3"],
            vec![
                "error: argumento inesperado '--concurency'",
                "sugerencia: existe un argumento parecido: '--concurrency'",
                "Uso: treevu sync",
                "Para más información, pruebe '--help'.",
            ],
            vec![
                "unexpected argument '--concurency' found",
                "tip: a similar argument exists: '--concurrency'",
                "Usage: treevu sync",
            ],
        ),
        (
            vec!["sync", "--bogus"],
            vec!["para pasar '--bogus' como valor, use '-- --bogus'"],
            vec!["to pass '--bogus' as a value, use '-- --bogus'"],
        ),
        (
            vec!["sync", "--concurrency", "99"],
            vec!["valor no válido '99' para '--concurrency <N>': 99 no está entre 1 y 16"],
            vec!["invalid value '99' for '--concurrency <N>': 99 is not between 1 and 16"],
        ),
        (
            vec!["sync", "--concurrency", "x"],
            vec!["'x' no es un número entero"],
            vec!["'x' is not a whole number"],
        ),
        (
            vec!["recomend", "olx:1"],
            vec![
                "subcomando desconocido 'recomend'",
                "existe un subcomando parecido: 'recommend'",
            ],
            vec![
                "unrecognized subcommand 'recomend'",
                "a similar subcommand exists: 'recommend'",
            ],
        ),
        (
            vec!["listing", "update"],
            vec!["faltan estos argumentos obligatorios:\n  <LISTING>"],
            vec!["the following required arguments were not provided:\n  <LISTING>"],
        ),
        (
            vec!["listings", "--format", "xml"],
            vec![
                "valor no válido 'xml' para '--format <FORMAT>'",
                "[valores posibles: table, json, jsonl, csv, tsv]",
            ],
            vec!["[possible values: table, json, jsonl, csv, tsv]"],
        ),
        (
            vec!["twins", "policy", "never"],
            vec!["se esperaba off, ask o auto"],
            vec!["expected off, ask or auto"],
        ),
        (
            vec!["sync", "olx", "facebook"],
            vec!["se esperaba olx, inmuebles24 o autofact"],
            vec!["expected olx, inmuebles24 or autofact"],
        ),
        (
            vec!["sandbox", "serve", "--error-rate", "2"],
            vec!["'2' no es una proporción de 0 a 1"],
            vec!["'2' is not a share from 0 to 1"],
        ),
        (
            vec!["help", "nope"],
            vec!["subcomando desconocido 'nope'"],
            vec!["unrecognized subcommand 'nope'"],
        ),
    ];
    let mut spanish = String::new();
    for (args, es_words, en_words) in &cases {
        let (es, en) = (lang_run(&h, "es", args), lang_run(&h, "en", args));
        for (out, words) in [(&es, es_words), (&en, en_words)] {
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(out));
            assert!(stdout(out).is_empty(), "{args:?}: {}", stdout(out));
            for w in words.iter() {
                assert!(
                    stderr(out).contains(w),
                    "{args:?} lacks {w:?}:\n{}",
                    stderr(out)
                );
            }
        }
        spanish.push_str(&stderr(&es));
    }
    assert_no_english(&spanish);

    let help = lang_run(&h, "es", &["help", "sync"]);
    assert_eq!(help.status.code(), Some(0), "{}", stderr(&help));
    let text = stdout(&help);
    for w in [
        "Uso: treevu sync",
        "--concurrency",
        "[por defecto: 4]",
        "[variable de entorno: TREEVU_DB]",
    ] {
        assert!(text.contains(w), "lacks {w:?}:\n{text}");
    }
    let top = stdout(&lang_run(&h, "es", &["--help"]));
    for english in [
        "[default:",
        "[env:",
        "[possible values:",
        "Print this message",
    ] {
        assert!(
            !text.contains(english) && !top.contains(english),
            "{english:?} in Spanish help:\n{top}"
        );
    }
    assert!(top.contains("Muestra este mensaje o la ayuda"), "{top}");
    assert_no_english(&format!("{text}{top}"));
}

#[test]
fn the_language_comes_from_lang_then_treevu_lang_then_config_then_the_locale() {
    let h = Harness::new(SandboxOptions {
        listings: 1,
        market: 0,
        ..SandboxOptions::default()
    });
    let words = |envs: &[(&str, &str)], args: &[&str]| -> String {
        let mut c = h.cmd(args);
        c.env_remove("TREEVU_LANG");
        for (k, v) in envs {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        stderr(&out)
    };
    let spanish = "no hay ningún anuncio";
    let english = "no listing 'olx:x'";
    let args = ["recommend", "olx:x"];
    assert!(words(&[("LANG", "es_PE.UTF-8")], &args).contains(spanish));
    assert!(words(&[("LANG", "fr_FR.UTF-8")], &args).contains(english));
    assert!(words(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "es_PE.UTF-8")], &args).contains(english));
    assert!(words(&[("TREEVU_LANG", "es"), ("LC_ALL", "en_US.UTF-8")], &args).contains(spanish));
    assert!(
        words(
            &[("TREEVU_LANG", "es")],
            &["--lang", "en", "recommend", "olx:x"]
        )
        .contains(english)
    );
    assert!(words(&[], &args).contains(english));
    // The config file's `lang` beats the locale.
    let cfg = h.home.path().join("config").join("treevu");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "lang = \"es\"\n").unwrap();
    assert!(words(&[("LANG", "en_US.UTF-8")], &args).contains(spanish));
    // A value treevu does not speak in the file is a clear error.
    std::fs::write(cfg.join("config.toml"), "lang = \"fr\"\n").unwrap();
    let err = words(&[], &args);
    assert!(
        err.contains("lang = \"fr\"") && err.contains("\"es\" or \"en\""),
        "{err}"
    );
}

/// Every line fits the width, and no table breaks a word: each word of a
/// column in the unconstrained table (stdout piped, no COLUMNS) is whole in
/// the same column at the narrower width.
#[test]
fn cards_and_tables_fit_80_and_120_columns_without_breaking_words() {
    let h = synced();
    let (homes, cars) = listing_ids(&h);
    let six: Vec<&str> = homes.iter().take(6).map(String::as_str).collect();
    let mut many = vec!["recommend"];
    many.extend(&six);
    let commands: Vec<Vec<&str>> = vec![
        vec!["recommend", &homes[0]],
        many,
        vec!["market", "analyze", &homes[0]],
        vec!["valuation", &cars[0]],
        vec!["readiness"],
        vec!["readiness", &homes[0]],
        vec!["forecast", &homes[0]],
        vec!["listings"],
        vec!["sync", "status"],
        vec!["report"],
    ];
    for lang in ["es", "en"] {
        for args in &commands {
            let wide = lang_run(&h, lang, args);
            assert_eq!(wide.status.code(), Some(0), "{args:?}: {}", stderr(&wide));
            let wide_words = table_words(&stdout(&wide));
            for cols in [80usize, 120] {
                let mut all = vec!["--lang", lang];
                all.extend_from_slice(args);
                let out = h
                    .cmd(&all)
                    .env("COLUMNS", cols.to_string())
                    .output()
                    .unwrap();
                assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
                let text = stdout(&out);
                for line in text.lines() {
                    let w = line.chars().count();
                    assert!(
                        w <= cols,
                        "{lang} {args:?} at {cols}: {w} columns:\n{line}\n{text}"
                    );
                }
                // A word cut by a narrow column shows as pieces no wide table has.
                for word in table_words(&text) {
                    assert!(
                        wide_words.contains(&word),
                        "{lang} {args:?} at {cols}: {word:?} is a piece of a word:\n{text}"
                    );
                }
            }
        }
    }
}

/// The words in the cells of the tables in `text` (comfy-table's rows).
fn table_words(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|l| l.starts_with('│'))
        .flat_map(|l| l.split(['│', '┆']).flat_map(str::split_whitespace))
        .map(str::to_string)
        .collect()
}

/// A merchant with a Spanish locale runs the demo and reads it in Spanish.
#[test]
fn the_demo_speaks_spanish_with_a_spanish_locale() {
    let home = tempfile::tempdir().unwrap();
    let out = support::bare_command(home.path())
        .args(["demo", "--listings", "6"])
        .env("LANG", "es_PE.UTF-8")
        .output()
        .unwrap();
    let (so, se) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(0), "{so}\n{se}");
    for w in [
        "== Sincronización ==",
        "== Sus anuncios ==",
        "== Precios recomendados",
        "== Tasación del vehículo autofact:",
        "== Próximos comandos para probar ==",
        "kilometraje",
        "Valor estimado:",
        "treevu recommend <id>",
    ] {
        assert!(so.contains(w), "lacks {w:?}:\n{so}");
    }
    assert!(
        se.contains("conectado como") && se.contains("Demostración terminada"),
        "{se}"
    );
    assert_no_english(&format!("{so}{se}"));
}

/// The commands that change things say what they would send in Spanish:
/// `listing update|remove`, `recommend --apply`, `crosslist` (dry runs,
/// nothing leaves the machine), `schedule`, `twins` and `auth status`.
#[test]
fn the_commands_that_change_things_speak_spanish() {
    let h = synced();
    let (homes, _) = listing_ids(&h);
    let home = homes[0].as_str();
    let cases: Vec<(Vec<&str>, &[&str])> = vec![
        (
            vec![
                "listing",
                "update",
                home,
                "--price",
                "1",
                "--title",
                "Casa nueva",
                "--dry-run",
            ],
            &["precio:", "título:", "simulación: no se envió nada"],
        ),
        (
            vec!["listing", "remove", home, "--dry-run"],
            &["será retirado", "simulación: no se envió nada"],
        ),
        (
            vec!["recommend", home, "--apply", "--force", "--dry-run"],
            &["precio", "simulación: no se envió nada"],
        ),
        (
            vec![
                "crosslist",
                home,
                "--to",
                "olx",
                "--to",
                "inmuebles24",
                "--dry-run",
            ],
            &[],
        ),
        (vec!["schedule"], &["agréguela con 'crontab -e'"]),
        (vec!["twins"], &[]),
        (vec!["auth", "status"], &[]),
    ];
    let mut spanish = String::new();
    for (args, words) in &cases {
        let out = lang_run(&h, "es", args);
        let se = stderr(&out);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}: {se}");
        for w in *words {
            assert!(se.contains(w), "{args:?} lacks {w:?}:\n{se}");
        }
        spanish.push_str(&se);
        spanish.push_str(&stdout(&out));
    }
    assert_no_english(&spanish);
}

/// Runs `args` in both languages (stdin `input`): the same exit code, and
/// with `--json` (or on an error) the same stdout bytes; returns the
/// Spanish and English stderr.
fn both(h: &Harness, args: &[&str], input: &str) -> (i32, String, String) {
    let run = |lang: &str| {
        let mut all = vec!["--lang", lang];
        all.extend_from_slice(args);
        support::output_with_stdin(h.cmd(&all), input)
    };
    let (es, en) = (run("es"), run("en"));
    assert_eq!(es.status.code(), en.status.code(), "{args:?}");
    if args.contains(&"--json") || es.status.code() != Some(0) {
        assert_eq!(es.stdout, en.stdout, "{args:?}: stdout differs by language");
    }
    (es.status.code().unwrap_or(-1), stderr(&es), stderr(&en))
}

#[test]
fn usage_mistakes_speak_spanish_with_the_same_exit_code() {
    let h = synced();
    let (homes, _) = listing_ids(&h);
    let home = homes[0].as_str();
    let dir = tempfile::tempdir().unwrap();
    let not_json = dir.path().join("casa.json");
    std::fs::write(&not_json, "precio: 1").unwrap();
    let not_json = not_json.to_str().unwrap();
    let missing = dir.path().join("no-existe.json");
    let missing = missing.to_str().unwrap();
    // (arguments, stdin, exit code, Spanish words, English words)
    let cases: Vec<(Vec<&str>, &str, i32, &str, &str)> = vec![
        (
            vec!["listing", "create", "-m", "olx", "--from-file", missing],
            "",
            2,
            "no se puede leer",
            "cannot read",
        ),
        (
            vec!["listing", "create", "-m", "olx", "--from-file", not_json],
            "",
            2,
            "no es JSON",
            "is not JSON",
        ),
        (
            vec!["listing", "update", "-", "--price", "1"],
            "",
            2,
            "no llegó ningún id de anuncio",
            "no listing id on stdin",
        ),
        (
            vec!["listing", "update", "-", "--price", "1"],
            "olx:1\nolx:2\n",
            2,
            "un anuncio a la vez; la entrada estándar traía 2 ids",
            "one listing at a time; stdin held 2 ids",
        ),
        (
            vec!["listing", "update", home],
            "",
            2,
            "indique qué cambiar",
            "say what to change",
        ),
        (
            vec!["listing", "update", home, "--price", "doce"],
            "",
            2,
            "--price: 'doce' no es un monto",
            "--price: 'doce' is not an amount",
        ),
        (
            vec!["listing", "update", "olx", "--price", "1"],
            "",
            2,
            "no es un id de anuncio",
            "is not a listing id",
        ),
        (
            vec!["listing", "remove", home],
            "",
            2,
            "no se cambia nada sin confirmación",
            "not changing anything without confirmation",
        ),
        (
            vec!["auth", "client-secret", "autofact", "--stdin"],
            "x\n",
            2,
            "usa una clave de API, no OAuth",
            "uses an API key, not OAuth",
        ),
        (
            vec!["leads", "olx:1"],
            "",
            2,
            "las consultas vienen de Inmuebles24",
            "leads come from Inmuebles24",
        ),
        (
            vec!["estimate"],
            "",
            2,
            "indique qué tasar",
            "say what to price",
        ),
    ];
    let mut spanish = String::new();
    for (args, input, code, es_words, en_words) in &cases {
        let (got, es, en) = both(&h, args, input);
        assert_eq!(got, *code, "{args:?}: {es}");
        assert!(es.contains(es_words), "{args:?} lacks {es_words:?}:\n{es}");
        assert!(en.contains(en_words), "{args:?} lacks {en_words:?}:\n{en}");
        assert!(!es.contains(en_words), "{args:?}: English left:\n{es}");
        spanish.push_str(&es);
    }
    assert_no_english(&spanish);
}

#[test]
fn status_lines_and_warnings_of_the_smaller_commands_speak_spanish() {
    let h = Harness::new(support::small_opts());
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("generated");
    let facts = dir.path().join("facts.json");
    let no_dir = dir.path().join("no-such-dir").join("report.html");
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/seeds/csv_import/property-seed.csv"
    );
    let (out_dir, facts, no_dir) = (
        out_dir.to_str().unwrap(),
        facts.to_str().unwrap(),
        no_dir.to_str().unwrap(),
    );
    // (arguments, exit code, Spanish words, English words)
    let cases: Vec<(Vec<&str>, i32, &str, &str)> = vec![
        (
            vec!["leads"],
            0,
            "no hay consultas guardadas; ejecute 'treevu sync inmuebles24'",
            "no leads stored",
        ),
        (
            vec!["conversations"],
            0,
            "no hay conversaciones guardadas; ejecute 'treevu sync olx'",
            "no conversations stored",
        ),
        (
            vec!["generate-docs", "--out", out_dir],
            0,
            "archivos en",
            "files under",
        ),
        (
            vec!["market", "facts", "--properties", seed, "--out", facts],
            0,
            "Se escribió",
            "Wrote",
        ),
        (
            vec!["report", "--html", no_dir],
            1,
            "no se puede escribir el informe HTML en",
            "cannot write the HTML report to",
        ),
        // The built-in figures' month as Peru abbreviates it, not "Jan 2026".
        (
            vec![
                "estimate",
                "--district",
                "Miraflores",
                "--area",
                "80",
                "--bedrooms",
                "2",
            ],
            0,
            " ene. 2026",
            " Jan 2026",
        ),
    ];
    let mut spanish = String::new();
    for (args, code, es_words, en_words) in &cases {
        let (got, es, en) = both(&h, args, "");
        assert_eq!(got, *code, "{args:?}: {es}");
        assert!(es.contains(es_words), "{args:?} lacks {es_words:?}:\n{es}");
        assert!(en.contains(en_words), "{args:?} lacks {en_words:?}:\n{en}");
        assert!(!es.contains(en_words), "{args:?}: English left:\n{es}");
        spanish.push_str(&es);
    }
    assert_no_english(&spanish);
    // The estimate's JSON is the same whatever the language.
    let est = [
        "estimate",
        "--district",
        "Miraflores",
        "--area",
        "80",
        "--json",
    ];
    let (code, _, _) = both(&h, &est, "");
    assert_eq!(code, 0);
}

#[test]
fn verbose_details_speak_spanish() {
    let h = synced();
    let (homes, _) = listing_ids(&h);
    let key = h.sandbox.credentials().llm.api_key.clone();
    let run = |lang: &str| {
        h.cmd(&["--lang", lang, "-v", "recommend", &homes[0], "--explain"])
            .env("TREEVU_LLM_URL", format!("{}/llm/v1", h.base))
            .env("TREEVU_LLM_MODEL", "sandbox-good")
            .env("TREEVU_LLM_API_KEY", &key)
            .output()
            .unwrap()
    };
    let (es, en) = (run("es"), run("en"));
    assert_eq!(es.status.code(), Some(0), "{}", stderr(&es));
    assert_eq!(en.status.code(), Some(0), "{}", stderr(&en));
    let (es, en) = (stderr(&es), stderr(&en));
    assert!(es.contains("clave del LLM: de TREEVU_LLM_API_KEY"), "{es}");
    assert!(es.contains("LLM sandbox-good para"), "{es}");
    assert!(es.contains(": validada en "), "{es}");
    assert!(en.contains("LLM key: from TREEVU_LLM_API_KEY"), "{en}");
    assert!(en.contains(": validated in "), "{en}");
    assert_no_english(&es);
}

#[test]
fn a_failed_scheduled_sync_notifies_its_owner_in_spanish() {
    let h = Harness::new(SandboxOptions {
        error_rate: 1.0,
        ..support::small_opts()
    });
    let dir = tempfile::tempdir().unwrap();
    let notice = dir.path().join("notice.json");
    let out = h
        .cmd(&["--lang", "es", "sync", "autofact", "--due", "--quiet"])
        .env(
            "TREEVU_NOTIFY_COMMAND",
            format!("cat > '{}'", notice.display()),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let body: Value = serde_json::from_str(&std::fs::read_to_string(&notice).unwrap()).unwrap();
    // What the owner reads is Spanish; the keys and the machine values are not.
    assert_eq!(
        body["title"], "treevu: falló la sincronización de Autofact",
        "{body}"
    );
    assert_eq!(body["marketplace"], "autofact");
    assert_eq!(body["outcome"], "failed");
    let (code, es, _) = both(&h, &["sync", "status", "--json"], "");
    assert_eq!(code, 0, "{es}");
    let status = h.run(&["--lang", "es", "sync", "status"]);
    let table = stdout(&status);
    assert!(
        table.contains("enviado por el comando: treevu: falló la sincronización de Autofact"),
        "{table}"
    );
    assert_no_english(&table);
}

#[test]
fn sandbox_serve_says_ready_and_stopped_in_spanish() {
    use std::io::{BufRead, BufReader, Read};
    let home = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_treevu"))
        .args(["--lang", "es", "sandbox", "serve", "--port", "0"])
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("treevu runs");
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut ready = String::new();
    err.read_line(&mut ready).unwrap();
    // Stopped by its own PID, as a person's Ctrl-C would.
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(killed.success());
    assert!(status.success(), "{status:?}: {ready}{rest}");
    assert!(ready.starts_with("listo en "), "{ready}");
    assert!(ready.contains("Ctrl-C detiene"), "{ready}");
    assert!(rest.contains("sandbox detenido"), "{rest}");
    assert_no_english(&format!("{ready}{rest}"));
}
