//! The catalogs are complete and in step, and the language is chosen in the documented order.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::catalog::{FILES, files};
use super::*;

/// Per message (and `message.attribute`): the variables it uses, and the file it is in.
type Shape = BTreeMap<String, (BTreeSet<String>, &'static str)>;

fn shape(lang: Lang) -> Shape {
    let mut out = Shape::new();
    for (name, text) in files(lang) {
        let res = fluent_syntax::parser::parse(*text).unwrap_or_else(|(_, errs)| {
            panic!("locales/{}/{name} does not parse: {errs:?}", lang.code())
        });
        for entry in &res.body {
            match entry {
                ast::Entry::Message(m) => {
                    let id = m.id.name.to_string();
                    let mut vars = BTreeSet::new();
                    if let Some(v) = &m.value {
                        pattern_vars(v, &mut vars);
                    }
                    assert!(
                        out.insert(id.clone(), (vars, name)).is_none(),
                        "{id} twice in locales/{}",
                        lang.code()
                    );
                    for a in &m.attributes {
                        let mut vars = BTreeSet::new();
                        pattern_vars(&a.value, &mut vars);
                        out.insert(format!("{id}.{}", a.id.name), (vars, name));
                    }
                }
                ast::Entry::Term(t) => {
                    out.insert(format!("-{}", t.id.name), (BTreeSet::new(), name));
                }
                ast::Entry::Junk { content } => {
                    panic!("locales/{}/{name}: cannot read {content:?}", lang.code())
                }
                _ => {}
            }
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

/// What differs between two catalogs' shapes, one line per problem.
fn differences(en: &Shape, es: &Shape) -> Vec<String> {
    let mut problems = Vec::new();
    for (id, (vars, file)) in en {
        match es.get(id) {
            None => problems.push(format!("{id} (en/{file}) is missing in es")),
            Some((other, _)) if other != vars => problems.push(format!(
                "{id}: en uses {vars:?}, es uses {other:?} (same placeables in both)"
            )),
            Some(_) => {}
        }
    }
    for (id, (_, file)) in es {
        if !en.contains_key(id) {
            problems.push(format!("{id} (es/{file}) is not in en"));
        }
    }
    problems
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_placeables() {
    let problems = differences(&shape(Lang::En), &shape(Lang::Es));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_completeness_check_fails_on_a_missing_extra_or_changed_message() {
    let en = shape(Lang::En);
    let mut es = en.clone();
    es.remove("error-unknown-listing");
    es.insert("made-up".into(), (BTreeSet::new(), "x.ftl"));
    es.get_mut("error-unknown-listing.hint").unwrap().0.clear();
    let problems = differences(&en, &es);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("error-unknown-listing (en/errors.ftl) is missing")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("made-up (es/x.ftl) is not in en")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("error-unknown-listing.hint: en uses {\"marketplace\"}")),
        "{problems:?}"
    );
}

#[test]
fn every_catalog_file_on_disk_is_compiled_in() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut on_disk = BTreeSet::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap();
        for f in std::fs::read_dir(dir.path()).unwrap() {
            let f = f.unwrap();
            if f.path().extension().is_some_and(|e| e == "ftl") {
                on_disk.insert(format!(
                    "{}/{}",
                    dir.file_name().to_string_lossy(),
                    f.file_name().to_string_lossy()
                ));
            }
        }
    }
    let compiled: BTreeSet<String> = FILES
        .iter()
        .flat_map(|(l, fs)| fs.iter().map(move |(n, _)| format!("{}/{n}", l.code())))
        .collect();
    assert_eq!(on_disk, compiled, "locales/ and src/i18n/catalog.rs differ");
    for (l, fs) in FILES {
        for (name, text) in *fs {
            let disk = std::fs::read_to_string(root.join(l.code()).join(name)).unwrap();
            assert_eq!(&disk, text, "{}/{name}", l.code());
        }
    }
}

/// Every id the code names (`msg!("…"`, `Msg::new("…"`, `.get("…"`) is in the
/// English catalog, so a typo cannot reach a user as a bare id.
#[test]
fn every_message_the_code_names_is_in_the_catalog() {
    let en = shape(Lang::En);
    let mut missing = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for f in std::fs::read_dir(&dir).unwrap() {
            let p = f.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|e| e != "rs") || p.ends_with("i18n/tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for opener in ["msg!(\"", "Msg::new(\"", ".get(\"", "loc.get(\""] {
                for (at, _) in text.match_indices(opener) {
                    let rest = &text[at + opener.len()..];
                    let id = &rest[..rest.find('"').unwrap()];
                    // `.get("…")` is also JSON and map access: only ids with a catalog prefix.
                    let is_id = id.contains('-')
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                    if is_id && !en.contains_key(id) {
                        missing.push(format!("{}: {id}", p.display()));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "not in locales/en: {missing:?}");
}

#[test]
fn messages_render_with_their_arguments_and_no_isolation_marks() {
    let en = Localizer::new(Lang::En);
    let es = Localizer::new(Lang::Es);
    let m = msg!(
        "error-unknown-listing",
        listing = "olx:9",
        marketplace = "olx"
    );
    assert_eq!(
        en.with_hint(&m),
        "no listing 'olx:9' in the local store; run 'treevu sync olx' or see 'treevu listings'"
    );
    assert_eq!(
        es.with_hint(&m),
        "no hay ningún anuncio 'olx:9' en el almacén local; ejecute 'treevu sync olx' o vea 'treevu listings'"
    );
    let c = msg!(
        "card-comparables-value",
        count = 20_000usize,
        level = "distrito"
    );
    assert_eq!(es.text(&c), "20,000 · distrito");
}

#[test]
fn numbers_money_and_dates_as_each_audience_writes_them() {
    let en = Localizer::new(Lang::En);
    let es = Localizer::new(Lang::Es);
    let pen = Money::from_major_f64(1_234_567.89, crate::domain::Currency::PEN).unwrap();
    let usd = Money::from_major_f64(137_000.0, crate::domain::Currency::USD).unwrap();
    assert_eq!(es.format(&Arg::Money(pen)), "S/ 1,234,567.89");
    assert_eq!(es.format(&Arg::Money(usd)), "US$ 137,000");
    let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(es.format(&Arg::Date(d)), "01/12/2026");
    assert_eq!(en.format(&Arg::Date(d)), "2026-12-01");
    assert_eq!(es.format(&Arg::SignedPercent(382.16)), "+382.2%");
    assert_eq!(es.format(&Arg::SignedPercent(-12.54)), "-12.5%");
    assert_eq!(es.format(&Arg::Share(0.72)), "72.0%");
    assert_eq!(es.format(&Arg::Count(1_234_567)), "1,234,567");
    // Stored timestamps (reports, tables) to the minute, in UTC as stored.
    assert_eq!(es.when("2026-12-01T14:05:09Z"), "01/12/2026 14:05 UTC");
    assert_eq!(en.when("2026-12-01T09:05:09-05:00"), "2026-12-01 14:05 UTC");
    // Text that is no timestamp (from a marketplace) comes back as it came.
    assert_eq!(es.when("ayer <b>"), "ayer <b>");
}

/// Every error the catalog words says in English what the error's own
/// `Display` says, so logs and the English interface cannot drift apart.
#[test]
fn the_english_catalog_says_what_each_described_error_says() {
    use crate::domain::{ListingRef, Marketplace};
    let olx = |id: &str| ListingRef {
        marketplace: Marketplace::Olx,
        remote_id: id.into(),
    };
    let autofact = |id: &str| ListingRef {
        marketplace: Marketplace::Autofact,
        remote_id: id.into(),
    };
    let en = Localizer::new(Lang::En);
    let errors: Vec<Box<dyn std::error::Error + 'static>> = vec![
        Box::new(crate::writeback::WritebackError::UnknownListing(
            ListingRef {
                marketplace: Marketplace::Olx,
                remote_id: "9".into(),
            },
        )),
        Box::new(crate::writeback::WritebackError::Refused {
            listing: ListingRef {
                marketplace: Marketplace::Olx,
                remote_id: "9".into(),
            },
            refusal: crate::writeback::Refusal::LowConfidence {
                confidence: 0.42,
                floor: 0.6,
            },
        }),
        Box::new(crate::writeback::Refusal::TooLarge {
            current: crate::domain::Money::from_minor(10_000_000, crate::domain::Currency::PEN),
            new: crate::domain::Money::from_minor(14_000_000, crate::domain::Currency::PEN),
            share: 0.4,
            max: 0.2,
        }),
        Box::new(crate::writeback::Refusal::StaleLivePrice {
            marketplace: Marketplace::Inmuebles24,
            synced: crate::domain::Money::from_minor(10_000_000, crate::domain::Currency::PEN),
            live: crate::domain::Money::from_minor(9_500_000, crate::domain::Currency::PEN),
        }),
        Box::new(crate::writeback::Refusal::ChangedMeanwhile {
            expected: crate::domain::Money::from_minor(10_000_000, crate::domain::Currency::PEN),
            stored: crate::domain::Money::from_minor(9_900_000, crate::domain::Currency::PEN),
        }),
        Box::new(crate::writeback::WritebackError::Lock {
            path: "/x/olx-9.lock".into(),
            source: std::io::Error::other("denied"),
        }),
        Box::new(crate::writeback::WritebackError::Mirror {
            marketplace: Marketplace::Autofact,
            message: "disk full".into(),
        }),
        Box::new(crate::auth::AuthError::OAuth {
            marketplace: Marketplace::Olx,
            step: crate::auth::Step::TokenExchange,
            host: "127.0.0.1:9".into(),
            error: "invalid_client".into(),
            description: Some("bad secret".into()),
        }),
        Box::new(crate::auth::AuthError::OAuth {
            marketplace: Marketplace::Inmuebles24,
            step: crate::auth::Step::TokenRefresh,
            host: "127.0.0.1:9".into(),
            error: "invalid_grant".into(),
            description: None,
        }),
        Box::new(crate::auth::AuthError::Unreachable {
            marketplace: Marketplace::Autofact,
            step: crate::auth::Step::KeyCheck,
            cause: "connection refused".into(),
        }),
        Box::new(crate::auth::AuthError::Answered {
            marketplace: Marketplace::Olx,
            step: crate::auth::Step::AccountLookup,
            host: "127.0.0.1:9".into(),
            status: 502,
            message: "bad gateway".into(),
        }),
        Box::new(crate::auth::SecretError::Io {
            action: "open the lock of",
            path: "/x/secrets.enc".into(),
            message: "permission denied".into(),
        }),
        Box::new(crate::auth::SecretError::Io {
            action: "read",
            path: "/x/secrets.enc".into(),
            message: "permission denied".into(),
        }),
        Box::new(crate::auth::SecretError::KeyringUnavailable {
            cause: crate::auth::secrets::KeyringCause::NoSessionBus,
            detail: "DBUS_SESSION_BUS_ADDRESS is unset".into(),
        }),
        Box::new(crate::auth::SecretError::KeyringUnavailable {
            cause: crate::auth::secrets::KeyringCause::Locked,
            detail: "no login collection".into(),
        }),
        Box::new(crate::auth::SecretError::Timeout(
            std::time::Duration::from_millis(2_500),
        )),
        Box::new(crate::auth::SecretError::WrongFileKey {
            path: "/x/secrets.enc".into(),
        }),
        Box::new(crate::auth::SecretError::FileKey(
            "TREEVU_FILE_KEY is not base64".into(),
        )),
        Box::new(crate::auth::SecretError::BadFile {
            path: "/x/secrets.enc".into(),
            why: "no header".into(),
        }),
        Box::new(crate::auth::SecretError::UnknownStore("vault".into())),
        Box::new(crate::auth::SecretError::ProbeMismatch),
        Box::new(crate::auth::SecretError::OperatorKeyMissing),
        Box::new(crate::store::StoreError::UnknownMerchant {
            name: "acme".into(),
            location: "postgres://treevu:***@127.0.0.1:5432/tv".into(),
        }),
        Box::new(crate::auth::SecretError::OperatorKey {
            origin: "/x/operator.key".into(),
            why: "it is not a key in base64".into(),
        }),
        Box::new(crate::auth::SecretError::WrongOperatorKey {
            origin: "/x/operator.key".into(),
            key_id: "0123456789abcdef".into(),
        }),
        Box::new(crate::auth::SecretError::Damaged(
            "olx token".into(),
            "olx".into(),
        )),
        Box::new(crate::auth::AuthError::NotConnected(Marketplace::Autofact)),
        Box::new(crate::auth::AuthError::NeedsReconnect {
            marketplace: Marketplace::Olx,
            why: "the token expired".into(),
        }),
        Box::new(crate::sync::SyncError::NotConnected(
            Marketplace::Inmuebles24,
        )),
        Box::new(crate::sync::SyncError::AlreadyRunning(Marketplace::Olx)),
        Box::new(crate::marketplaces::ApiError::Unauthorized {
            marketplace: Marketplace::Olx,
            message: "bad token".into(),
        }),
        Box::new(crate::marketplaces::ApiError::RateLimited {
            marketplace: Marketplace::Olx,
            retry_after: std::time::Duration::from_secs(30),
        }),
        Box::new(crate::marketplaces::ApiError::Network {
            marketplace: Marketplace::Olx,
            message: "refused".into(),
        }),
        Box::new(crate::domain::UnknownMarketplace("ebay".into())),
        Box::new(crate::domain::BadListingRef("x".into())),
        Box::new(crate::marketplaces::ApiError::NotFound {
            marketplace: Marketplace::Olx,
            what: "listing 9".into(),
        }),
        Box::new(crate::marketplaces::ApiError::InvalidPayload {
            marketplace: Marketplace::Autofact,
            field: Some("price".into()),
            message: "must be positive".into(),
        }),
        Box::new(crate::marketplaces::ApiError::InvalidPayload {
            marketplace: Marketplace::Autofact,
            field: None,
            message: "bad".into(),
        }),
        Box::new(crate::marketplaces::ApiError::Server {
            marketplace: Marketplace::Inmuebles24,
            status: 503,
            message: "down".into(),
        }),
        Box::new(crate::marketplaces::ApiError::Credentials {
            marketplace: Marketplace::Olx,
            message: "locked".into(),
        }),
        Box::new(crate::auth::AuthError::TimedOut { secs: 120 }),
        Box::new(crate::auth::AuthError::Interrupted),
        Box::new(crate::auth::AuthError::KeyRefused {
            marketplace: Marketplace::Autofact,
            message: "unknown key".into(),
        }),
        Box::new(crate::config::ConfigError::Read {
            path: "/x/c.toml".into(),
            source: std::io::Error::other("denied"),
        }),
        Box::new(crate::config::ConfigError::Parse {
            path: "/x/c.toml".into(),
            message: "line 2".into(),
        }),
        Box::new(crate::config::ConfigError::Invalid {
            setting: "TREEVU_X=1".into(),
            why: "not a number".into(),
        }),
        Box::new(crate::config::ConfigError::UnknownMarketplace {
            path: "/x/c.toml".into(),
            table: "marketplaces".into(),
            name: "ebay".into(),
        }),
        Box::new(crate::config::ConfigError::SecretInFile {
            path: "/x/c.toml".into(),
            marketplace: "olx".into(),
        }),
        Box::new(crate::config::ConfigError::NoHome),
        Box::new(crate::config::ConfigError::TwoStores),
        Box::new(crate::config::ConfigError::BadProfile("a b".into())),
        Box::new(crate::import::ImportError::Read {
            path: "a.csv".into(),
            source: std::io::Error::other("gone"),
        }),
        Box::new(crate::import::ImportError::Empty {
            path: "a.csv".into(),
        }),
        Box::new(crate::import::ImportError::NotUtf8 {
            path: "a.csv".into(),
            offset: 12_345,
        }),
        Box::new(crate::import::ImportError::WrongKind {
            path: "a.csv".into(),
            found: "vehicle",
            columns: "brand, model".into(),
        }),
        Box::new(crate::import::ImportError::UnknownKind {
            path: "a.csv".into(),
        }),
        Box::new(crate::import::ImportError::MissingColumn {
            path: "a.csv".into(),
            column: "price".into(),
            kind: "property",
            required: "price, district".into(),
        }),
        Box::new(crate::import::ImportError::Malformed {
            path: "a.csv".into(),
            line: 1_204,
            message: "unclosed quote".into(),
        }),
        Box::new(crate::store::StoreError::NewerSchema {
            path: "/x/treevu.db".into(),
            found: 9,
            known: 7,
        }),
        Box::new(crate::store::StoreError::CreateDir {
            path: "/x".into(),
            cause: std::io::Error::other("read-only"),
        }),
        Box::new(crate::store::StoreError::NotWritable {
            path: "/x/treevu.db".into(),
            cause: std::io::Error::other("read-only"),
        }),
        Box::new(crate::store::StoreError::Open {
            path: "/x/treevu.db".into(),
            cause: rusqlite::Error::InvalidQuery,
        }),
        Box::new(crate::store::StoreError::Sql(
            rusqlite::Error::QueryReturnedNoRows,
        )),
        Box::new(crate::store::StoreError::NewerServerSchema {
            location: "postgresql://db.example/treevu".into(),
            found: 9,
            known: 8,
        }),
        Box::new(crate::auth::AuthError::MissingClientId {
            name: "OLX",
            key: "olx",
            config: "/x/config.toml".into(),
            env: "TREEVU_OLX",
        }),
        Box::new(crate::auth::AuthError::Bind {
            port: 8080,
            message: "address in use".into(),
        }),
        Box::new(crate::auth::AuthError::Provider {
            error: "invalid_scope".into(),
            description: Some("no such scope".into()),
        }),
        Box::new(crate::auth::AuthError::Provider {
            error: "access_denied".into(),
            description: None,
        }),
        Box::new(crate::twins::TwinsError::UnknownListing(olx("9"))),
        Box::new(crate::twins::TwinsError::SameMarketplace(
            olx("1"),
            olx("2"),
        )),
        Box::new(crate::twins::TwinsError::KindMismatch(
            olx("1"),
            "property".into(),
            autofact("2"),
            "vehicle".into(),
        )),
        Box::new(crate::twins::TwinsError::NotLinked(olx("1"), autofact("2"))),
        Box::new(crate::twins::crosslist::CrosslistError::NotActive {
            listing: olx("1"),
            status: "sold".into(),
        }),
        Box::new(crate::twins::crosslist::CrosslistError::SameMarketplace { listing: olx("1") }),
        Box::new(crate::twins::crosslist::CrosslistError::Unsupported {
            listing: autofact("2"),
            what: "cars",
            target: Marketplace::Inmuebles24,
        }),
        Box::new(crate::twins::crosslist::CrosslistError::MissingField {
            listing: olx("1"),
            target: Marketplace::Inmuebles24,
            field: "an area",
            key: "area",
            example: "120",
        }),
        Box::new(crate::sync::SyncError::Lock {
            path: "/x/olx.lock".into(),
            source: std::io::Error::other("read-only"),
        }),
        Box::new(crate::sync::notify::NotifyError::Command(
            std::io::Error::other("not found"),
        )),
        Box::new(crate::sync::notify::NotifyError::Webhook("refused".into())),
        Box::new(crate::explain::ExplainError::NotConfigured),
        Box::new(crate::explain::ExplainError::BadUrl {
            url: "x".into(),
            why: "no scheme".into(),
        }),
        Box::new(crate::explain::ExplainError::Unauthorized(401)),
        Box::new(crate::explain::ExplainError::Http {
            status: 500,
            message: "oops".into(),
        }),
        Box::new(crate::explain::ExplainError::Timeout(
            std::time::Duration::from_secs(30),
        )),
        Box::new(crate::explain::ExplainError::Transport("refused".into())),
        Box::new(crate::explain::ExplainError::Rejected("not JSON".into())),
        Box::new(crate::domain::MoneyError::Unparseable("12,3x".into())),
        Box::new(crate::domain::MoneyError::NotFinite(f64::INFINITY)),
        Box::new(crate::domain::MoneyError::TooLarge(1e300)),
    ];
    let es = Localizer::new(Lang::Es);
    for e in &errors {
        let described = errors::describe(e.as_ref()).expect("described");
        assert_eq!(en.with_hint(&described), e.to_string());
        assert_ne!(es.with_hint(&described), e.to_string(), "{e}: Spanish too");
    }
    // The sync notes and the sync health notes say in English what JSON carries.
    use crate::report::HealthNote;
    use crate::sync::SyncNote;
    for n in [
        SyncNote::Continuing {
            started_at: "2026-12-01T07:00:00.000Z".into(),
            pages: 3,
        },
        SyncNote::PartlySeen {
            seen: 40,
            total: 42,
        },
        SyncNote::BudgetSpent,
        SyncNote::Skipped {
            request: "Stats(\"9\")".into(),
            why: "olx answered 500: down".into(),
        },
    ] {
        let m = crate::cli::sync::note_msg(&n);
        assert_eq!(en.text(&m), n.to_string());
        assert_ne!(es.text(&m), n.to_string());
    }
    for n in [
        HealthNote::NeverSynced(Marketplace::Olx),
        HealthNote::LastRun {
            outcome: "failed".into(),
            error: Some("cannot reach olx: refused".into()),
        },
        HealthNote::LastRun {
            outcome: "partial".into(),
            error: None,
        },
        HealthNote::Stale {
            marketplace: Marketplace::Autofact,
            hours: 48,
        },
        HealthNote::Ok,
    ] {
        let m = crate::report::html::health_msg(&n);
        assert_eq!(en.text(&m), n.to_string());
    }
}

mod selection {
    use super::*;

    use crate::config::test_env as env;

    #[test]
    fn posix_locale_names_map_to_a_language() {
        for (name, lang) in [
            ("es_PE.UTF-8", Some(Lang::Es)),
            ("es-PE", Some(Lang::Es)),
            ("es_ES@euro", Some(Lang::Es)),
            ("es", Some(Lang::Es)),
            ("en_US.UTF-8", Some(Lang::En)),
            ("C", Some(Lang::En)),
            ("C.UTF-8", Some(Lang::En)),
            ("POSIX", Some(Lang::En)),
            ("fr_FR.UTF-8", None),
            ("pt_BR", None),
            ("", None),
        ] {
            assert_eq!(Lang::from_locale(name), lang, "{name:?}");
        }
    }

    #[test]
    fn the_order_is_flag_then_treevu_lang_then_config_then_the_locale() {
        // The locale, POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG.
        assert_eq!(
            choose(None, &env(&[("LANG", "es_PE.UTF-8")]), None),
            Lang::Es
        );
        assert_eq!(
            choose(
                None,
                &env(&[("LC_MESSAGES", "es_PE"), ("LANG", "en_US")]),
                None
            ),
            Lang::Es
        );
        assert_eq!(
            choose(
                None,
                &env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "es_PE")]),
                None
            ),
            Lang::En
        );
        // An unknown locale is English, not the next variable.
        assert_eq!(
            choose(
                None,
                &env(&[("LC_ALL", "fr_FR.UTF-8"), ("LANG", "es_PE")]),
                None
            ),
            Lang::En
        );
        assert_eq!(
            choose(None, &env(&[("LANG", "fr_FR.UTF-8")]), None),
            Lang::En
        );
        assert_eq!(choose(None, &env(&[]), None), Lang::En);
        // The config file beats the locale; TREEVU_LANG beats both; --lang beats all.
        assert_eq!(
            choose(None, &env(&[("LANG", "en_US")]), Some("es")),
            Lang::Es
        );
        assert_eq!(
            choose(
                None,
                &env(&[("TREEVU_LANG", "es"), ("LC_ALL", "en_US")]),
                Some("en")
            ),
            Lang::Es
        );
        assert_eq!(
            choose(
                Some(Lang::En),
                &env(&[("TREEVU_LANG", "es"), ("LANG", "es_PE")]),
                Some("es")
            ),
            Lang::En
        );
        // An unknown TREEVU_LANG or config value is passed over.
        assert_eq!(
            choose(
                None,
                &env(&[("TREEVU_LANG", "klingon"), ("LANG", "es_PE")]),
                None
            ),
            Lang::Es
        );
        assert_eq!(
            choose(None, &env(&[("LANG", "es_PE")]), Some("xx")),
            Lang::Es
        );
    }

    #[test]
    fn the_prescan_reads_lang_and_the_config_file_before_clap() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("c.toml");
        std::fs::write(&cfg, "lang = \"es\"\n").unwrap();
        let argv = |a: &[&str]| -> Vec<std::ffi::OsString> { a.iter().map(|s| s.into()).collect() };
        let e = env(&[("LANG", "en_US.UTF-8"), ("HOME", "/nonexistent")]);
        assert_eq!(
            select::prescan(
                &argv(&["treevu", "--config", cfg.to_str().unwrap(), "listings"]),
                &e
            ),
            Lang::Es
        );
        assert_eq!(
            select::prescan(&argv(&["treevu", "listings", "--lang=es"]), &e),
            Lang::Es
        );
        assert_eq!(
            select::prescan(
                &argv(&["treevu", "--lang", "en", "--config", cfg.to_str().unwrap()]),
                &e
            ),
            Lang::En
        );
        // After `--` everything is an operand.
        assert_eq!(
            select::prescan(&argv(&["treevu", "--", "--lang", "es"]), &e),
            Lang::En
        );
    }
}

/// The English catalog says of every kind of pricing reason exactly what the
/// engine's own English (the JSON `rationale` and `notes`) says, so the
/// cards and the JSON cannot drift apart; Spanish renders each of them with
/// no catalog id left over.
#[test]
fn the_english_catalog_says_what_the_engine_says_of_each_reason() {
    use crate::domain::{Currency, Operation, PropertyType};
    use crate::pricing::reason::*;
    let home = |place: FactsPlace, assumption: Option<Assumption>, area: Option<f64>| {
        FactsWhy::Home(HomeFigures {
            as_of: "Jan 2026".into(),
            vintage: "Dec 2025 – Jan 2026".into(),
            listings: 392,
            place,
            ppm2: 4292.4,
            rent: assumption.is_some(),
            count: 172,
            assumption,
            assumed_area: area,
        })
    };
    let land = Assumption {
        operation: Operation::Rent,
        property_type: PropertyType::Land,
        percent: 55,
        base: PropertyType::House,
    };
    let car = |of: CarsOf| {
        FactsWhy::Car(CarFigures {
            as_of: "Jan 2026".into(),
            listings: 397,
            of,
            count: 13,
            per_year_percent: 5.81,
            km_per_year: 14_000.0,
        })
    };
    let mut facts = vec![
        home(FactsPlace::District("Lince".into()), Some(land), Some(80.0)),
        home(
            FactsPlace::Sibling {
                place: "Miraflores".into(),
                of: Sibling::Rents,
            },
            None,
            None,
        ),
        home(
            FactsPlace::ApartmentRents("Santiago de Surco".into()),
            None,
            None,
        ),
        home(FactsPlace::Zone("Lima Moderna".into()), None, None),
        home(FactsPlace::City, None, None),
        car(CarsOf::All),
        car(CarsOf::Tier("luxury".into())),
        car(CarsOf::Brand("Kia".into())),
        car(CarsOf::Family {
            brand: "Toyota".into(),
            family: "corolla".into(),
        }),
        car(CarsOf::Model {
            brand: "BMW".into(),
            model: "X3 20i".into(),
        }),
    ];
    for of in [Sibling::Sales, Sibling::Apartments] {
        facts.push(home(
            FactsPlace::Sibling {
                place: "Lince".into(),
                of,
            },
            None,
            None,
        ));
    }
    let mut all = Vec::new();
    for f in &facts {
        all.push(Reason::HomeFromFacts {
            facts: f.clone(),
            property_type: PropertyType::Land,
            operation: Operation::Rent,
        });
        all.push(Reason::HomeBlended {
            facts: f.clone(),
            weight_percent: 35.2,
            district_listings: 3.0,
            spread: 0.4123,
        });
        all.push(Reason::CarFromFacts {
            facts: f.clone(),
            condition: Some(-1276.4),
        });
        all.push(Reason::CarBlended {
            facts: f.clone(),
            weight_percent: 60.0,
            same_model: 2.5,
        });
        for local in [0, 1, 2] {
            all.push(Reason::MarketFacts {
                facts: f.clone(),
                local,
            });
        }
    }
    for (district, correction) in [
        (
            Some("Miraflores".to_string()),
            Correction::Boosted { pool_listings: 968 },
        ),
        (None, Correction::NotBoosted),
        (Some("Rimac".to_string()), Correction::None),
    ] {
        all.push(Reason::HomeComparables(Comparison {
            count: 10,
            property_type: PropertyType::House,
            operation: Operation::Sale,
            district: district.clone(),
            elasticity: 0.987,
            correction,
        }));
        all.push(Reason::FewHomes {
            district,
            level: "zone".into(),
            widen: 1.2,
        });
    }
    for widened_to in [None, Some("zone".to_string()), Some("city".to_string())] {
        all.push(Reason::Range {
            cars: false,
            confidence_percent: 71.6,
            widened_to,
        });
    }
    for widened_to in [None, Some("brand".to_string())] {
        all.push(Reason::Range {
            cars: true,
            confidence_percent: 47.0,
            widened_to,
        });
    }
    for (condition, boosted) in [(0.0, true), (479.2, false)] {
        all.push(Reason::CarSteps {
            factors: crate::pricing::VehicleFactors {
                base: 22_248.96,
                brand: -8235.1,
                model: 0.0,
                year: 1907.0,
                mileage: 174.4,
                condition,
                other: -776.0,
            },
            currency: Currency::USD,
            boosted,
            comparables: 10,
        });
    }
    all.extend([
        Reason::HomeHeld {
            before: 412_000.0,
            low_ppm2: 3910.0,
            high_ppm2: 5102.0,
            currency: Currency::PEN,
        },
        Reason::ConvertedFromPen { rate: 3.75 },
        Reason::ConvertedFromUsd { rate: 3.75 },
        Reason::CarFromFacts {
            facts: facts[0].clone(),
            condition: None,
        },
        Reason::CarPrior,
        Reason::AskingAgainst { percent: 382.16 },
        Reason::AskingAgainst { percent: -4.04 },
        Reason::Response(Response::Hot),
        Reason::Response(Response::ColdAfterAMonth),
        Reason::Response(Response::Ordinary),
        Reason::Step {
            percent: 62.4,
            below: true,
            max_step_percent: 35.0,
        },
        Reason::Step {
            percent: 40.0,
            below: false,
            max_step_percent: 35.0,
        },
        Reason::HomePrior,
        Reason::NoArea,
        Reason::PoolConverted {
            from: Currency::PEN,
            to: Currency::USD,
            rate: 3.75,
        },
        Reason::FewCars {
            level: "global".into(),
            widen: 1.5,
        },
        Reason::NotLimaCar,
        Reason::EmptyPool,
        Reason::MarketComparables { count: 20 },
        Reason::ForecastPrior {
            records: 3,
            sold: 1,
            median_days: 45.0,
        },
        Reason::ForecastFitted {
            records: 120,
            sold: 48,
            shape: 1.234,
        },
    ]);
    let en = Localizer::new(Lang::En);
    let es = Localizer::new(Lang::Es);
    for r in &all {
        assert_eq!(reasons::text(&en, r), r.to_string(), "{r:?}");
        let spanish = reasons::text(&es, r);
        assert!(
            !spanish.contains("why-") && !spanish.contains("facts-") && spanish != r.to_string(),
            "{r:?}: {spanish}"
        );
    }
    // Counts are grouped for people; the engine's text is not.
    let big = Reason::MarketComparables { count: 10_392 };
    assert_eq!(
        reasons::text(&es, &big),
        "10,392 comparables de la misma operación y tipo"
    );
    // The figures' months in Spanish.
    let spanish = reasons::text(&es, &all[0]);
    assert!(
        spanish.contains("ene. 2026 (392 anuncios vistos dic. 2025 – ene. 2026)"),
        "{spanish}"
    );
}
