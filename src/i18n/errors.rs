//! Core errors as messages: the one place that knows the words for them.
//!
//! The core's error types stay typed (thiserror) and keep an English
//! `Display` for logs; what a person reads is rendered here from the error's
//! fields, in the user's language. A test checks that the English catalog
//! says what each `Display` says, so the two cannot drift apart.

use super::{Localized, Localizer, Msg};
use crate::auth::secrets::KeyringCause;
use crate::auth::{AuthError, SecretError, Step};
use crate::config::ConfigError;
use crate::domain::{BadListingRef, MoneyError, UnknownMarketplace};
use crate::explain::ExplainError;
use crate::import::ImportError;
use crate::marketplaces::ApiError;
use crate::msg;
use crate::store::StoreError;
use crate::sync::SyncError;
use crate::sync::notify::NotifyError;
use crate::twins::TwinsError;
use crate::twins::crosslist::CrosslistError;
use crate::writeback::{Refusal, WritebackError};

/// The message for one error of the chain, if it is one of those the catalog words.
pub fn describe(err: &(dyn std::error::Error + 'static)) -> Option<Msg> {
    if let Some(e) = err.downcast_ref::<Localized>() {
        return Some(e.msg.clone());
    }
    if let Some(e) = err.downcast_ref::<WritebackError>() {
        return match e {
            WritebackError::UnknownListing(r) => Some(msg!(
                "error-unknown-listing",
                listing = r.to_string(),
                marketplace = r.marketplace.as_str()
            )),
            WritebackError::Refused { listing, refusal } => Some(
                self::refusal(refusal)
                    .rename("error-refused")
                    .arg("listing", listing.to_string()),
            ),
            WritebackError::Lock { path, source } => Some(msg!(
                "error-lock-file",
                path = path.display().to_string(),
                cause = source.to_string()
            )),
            WritebackError::Mirror {
                marketplace,
                message,
            } => Some(msg!(
                "error-writeback-mirror",
                marketplace = marketplace.as_str(),
                message = message
            )),
            WritebackError::Api(_) | WritebackError::Store(_) => None,
        };
    }
    if let Some(e) = err.downcast_ref::<Refusal>() {
        return Some(refusal(e));
    }
    if let Some(e) = err.downcast_ref::<AuthError>() {
        return match e {
            // Transparent: the secret store's error is not in the chain of its own.
            AuthError::Secrets(e) => secret(e),
            AuthError::NotConnected(m) => {
                Some(msg!("error-not-connected", marketplace = m.as_str()))
            }
            AuthError::NeedsReconnect { marketplace, why } => Some(msg!(
                "error-needs-reconnect",
                marketplace = marketplace.as_str(),
                why = why
            )),
            AuthError::TimedOut { secs } => Some(msg!("error-auth-timed-out", seconds = *secs)),
            AuthError::Interrupted => Some(Msg::new("error-auth-interrupted")),
            AuthError::KeyRefused {
                marketplace,
                message,
            } => Some(msg!(
                "error-auth-key-refused",
                marketplace = marketplace.as_str(),
                message = message
            )),
            AuthError::OAuth {
                marketplace,
                step,
                host,
                error,
                description,
            } => Some(msg!(
                "error-auth-oauth",
                name = marketplace.display_name(),
                step = step_id(*step),
                host = host,
                error = error,
                detail = description
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default(),
                marketplace = marketplace.as_str()
            )),
            AuthError::Unreachable {
                marketplace,
                step,
                cause,
            } => Some(msg!(
                "error-auth-unreachable",
                name = marketplace.display_name(),
                step = step_id(*step),
                cause = cause
            )),
            AuthError::Answered {
                marketplace,
                step,
                host,
                status,
                message,
            } => Some(msg!(
                "error-auth-answered",
                name = marketplace.display_name(),
                step = step_id(*step),
                host = host,
                status = crate::i18n::Arg::Text(status.to_string()),
                message = message
            )),
            AuthError::MissingClientId {
                name,
                key,
                config,
                env,
            } => Some(msg!(
                "error-auth-missing-client-id",
                name = *name,
                key = *key,
                config = config,
                env = *env
            )),
            AuthError::Bind { port, message } => Some(msg!(
                "error-auth-bind",
                port = crate::i18n::Arg::Text(port.to_string()),
                message = message
            )),
            AuthError::Provider { error, description } => Some(msg!(
                "error-auth-provider",
                error = error,
                detail = description
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default(),
                scope = if error == "invalid_scope" {
                    "yes"
                } else {
                    "no"
                }
            )),
            _ => None,
        };
    }
    if let Some(e) = err.downcast_ref::<SecretError>() {
        return secret(e);
    }
    if let Some(e) = err.downcast_ref::<SyncError>() {
        return match e {
            SyncError::NotConnected(m) => {
                Some(msg!("error-not-connected", marketplace = m.as_str()))
            }
            SyncError::AlreadyRunning(m) => {
                Some(msg!("error-already-syncing", marketplace = m.as_str()))
            }
            SyncError::Lock { path, source } => Some(msg!(
                "error-lock-file",
                path = path.display().to_string(),
                cause = source.to_string()
            )),
            SyncError::Store(_) => None,
        };
    }
    if let Some(e) = err.downcast_ref::<ApiError>() {
        return match e {
            ApiError::Unauthorized {
                marketplace,
                message,
            } => Some(msg!(
                "error-api-unauthorized",
                marketplace = marketplace.as_str(),
                message = message
            )),
            ApiError::RateLimited {
                marketplace,
                retry_after,
            } => Some(msg!(
                "error-api-rate-limited",
                marketplace = marketplace.as_str(),
                seconds = retry_after.as_secs()
            )),
            ApiError::Network {
                marketplace,
                message,
            } => Some(msg!(
                "error-api-network",
                marketplace = marketplace.as_str(),
                message = message
            )),
            ApiError::NotFound { marketplace, what } => Some(msg!(
                "error-api-not-found",
                marketplace = marketplace.as_str(),
                what = what
            )),
            ApiError::InvalidPayload {
                marketplace,
                field,
                message,
            } => Some(msg!(
                "error-api-invalid",
                marketplace = marketplace.as_str(),
                has_field = if field.is_some() { "yes" } else { "no" },
                field = field.clone().unwrap_or_default(),
                message = message
            )),
            ApiError::Server {
                marketplace,
                status,
                message,
            } => Some(msg!(
                "error-api-server",
                marketplace = marketplace.as_str(),
                status = crate::i18n::Arg::Text(status.to_string()),
                message = message
            )),
            ApiError::Credentials {
                marketplace,
                message,
            } => Some(msg!(
                "error-api-credentials",
                marketplace = marketplace.as_str(),
                message = message
            )),
        };
    }
    if let Some(e) = err.downcast_ref::<ConfigError>() {
        return Some(config(e));
    }
    if let Some(e) = err.downcast_ref::<ImportError>() {
        return Some(import(e));
    }
    if let Some(e) = err.downcast_ref::<StoreError>() {
        return store(e);
    }
    if let Some(e) = err.downcast_ref::<ExplainError>() {
        return explain(e);
    }
    if let Some(e) = err.downcast_ref::<TwinsError>() {
        return twins(e);
    }
    if let Some(e) = err.downcast_ref::<CrosslistError>() {
        return crosslist(e);
    }
    if let Some(e) = err.downcast_ref::<NotifyError>() {
        return Some(match e {
            NotifyError::Command(cause) => msg!("error-notify-command", cause = cause.to_string()),
            NotifyError::CommandStatus(status) => {
                msg!("error-notify-command-status", status = status.to_string())
            }
            NotifyError::Webhook(cause) => msg!("error-notify-webhook", cause = cause),
        });
    }
    if let Some(e) = err.downcast_ref::<UnknownMarketplace>() {
        return Some(msg!("error-unknown-marketplace", name = &e.0));
    }
    if let Some(e) = err.downcast_ref::<BadListingRef>() {
        return Some(msg!("error-bad-listing-ref", text = &e.0));
    }
    if let Some(e) = err.downcast_ref::<MoneyError>() {
        return Some(money(e));
    }
    None
}

/// An amount that is not one; `kind` picks the sentence.
pub fn money(e: &MoneyError) -> Msg {
    let (kind, amount) = match e {
        MoneyError::NotFinite(x) => ("not-finite", x.to_string()),
        MoneyError::TooLarge(x) => ("too-large", x.to_string()),
        MoneyError::Unparseable(text) => ("unparseable", text.clone()),
    };
    msg!("error-money", kind = kind, amount = amount)
}

/// Why `recommend --apply` (or a twin's update) sent nothing; `kind` picks
/// the sentence, so [`WritebackError::Refused`] words it after the listing.
pub fn refusal(r: &Refusal) -> Msg {
    // The same rounding as the English `Display`, so the two cannot differ.
    let whole = |x: f64| format!("{:.0}", x * 100.0);
    match r {
        Refusal::TooLarge {
            current,
            new,
            share,
            max,
        } => msg!(
            "error-refusal",
            kind = "too-large",
            from = *current,
            to = *new,
            pct = crate::i18n::Arg::Decimal(share * 100.0),
            max = whole(*max)
        ),
        Refusal::LowConfidence { confidence, floor } => msg!(
            "error-refusal",
            kind = "low-confidence",
            confidence = whole(*confidence),
            floor = whole(*floor)
        ),
        Refusal::StaleLivePrice {
            marketplace,
            synced,
            live,
        } => msg!(
            "error-refusal",
            kind = "stale-live-price",
            name = marketplace.display_name(),
            live = *live,
            synced = *synced,
            marketplace = marketplace.as_str()
        ),
        Refusal::ChangedMeanwhile { expected, stored } => msg!(
            "error-refusal",
            kind = "changed-meanwhile",
            stored = *stored,
            expected = *expected
        ),
    }
}

fn twins(e: &TwinsError) -> Option<Msg> {
    Some(match e {
        TwinsError::UnknownListing(r) => msg!(
            "error-unknown-listing",
            listing = r.to_string(),
            marketplace = r.marketplace.as_str()
        ),
        TwinsError::SameMarketplace(a, b) => msg!(
            "error-twins-same-marketplace",
            a = a.to_string(),
            b = b.to_string()
        ),
        TwinsError::KindMismatch(a, akind, b, bkind) => msg!(
            "error-twins-kind-mismatch",
            a = a.to_string(),
            akind = akind,
            b = b.to_string(),
            bkind = bkind
        ),
        TwinsError::NotLinked(a, b) => msg!(
            "error-twins-not-linked",
            a = a.to_string(),
            b = b.to_string()
        ),
        TwinsError::Store(_) => return None,
    })
}

fn crosslist(e: &CrosslistError) -> Option<Msg> {
    // A listing and the marketplace it cannot go to, in that sentence `id`.
    let about = |id: &'static str,
                 listing: &crate::domain::ListingRef,
                 target: crate::domain::Marketplace| {
        msg!(
            "error-crosslist-unsupported",
            name = target.display_name(),
            listing = listing.to_string()
        )
        .rename(id)
    };
    Some(match e {
        CrosslistError::NotActive { listing, status } => msg!(
            "error-crosslist-not-active",
            listing = listing.to_string(),
            status = status
        ),
        CrosslistError::SameMarketplace { listing } => msg!(
            "error-crosslist-same-marketplace",
            listing = listing.to_string(),
            name = listing.marketplace.display_name()
        ),
        CrosslistError::Unsupported {
            listing,
            what,
            target,
        } => about("error-crosslist-unsupported", listing, *target).arg("what", *what),
        CrosslistError::MissingField {
            listing,
            target,
            field,
            key,
            example,
        } => about("error-crosslist-missing-field", listing, *target)
            .arg("field", *field)
            .arg("key", *key)
            .arg("example", *example),
        // `--set key: why`: no words of its own to translate.
        CrosslistError::BadSet { .. } => return None,
        CrosslistError::Invalid {
            listing,
            target,
            source,
        } => msg!(
            "error-crosslist-invalid",
            listing = listing.to_string(),
            name = target.display_name(),
            cause = source.to_string()
        ),
    })
}

/// The catalog's key for a sign-in step (`auth-step`).
pub fn step_id(step: Step) -> &'static str {
    match step {
        Step::TokenExchange => "token-exchange",
        Step::AccountLookup => "account-lookup",
        Step::TokenRefresh => "token-refresh",
        Step::Revocation => "revocation",
        Step::KeyCheck => "key-check",
        Step::SandboxCredentials => "sandbox-credentials",
    }
}

fn secret(e: &SecretError) -> Option<Msg> {
    Some(match e {
        SecretError::KeyringUnavailable { cause, detail } => msg!(
            "error-secret-keyring-unavailable",
            cause = match cause {
                KeyringCause::NoSessionBus => "no-session-bus",
                KeyringCause::NoSecretService => "no-secret-service",
                KeyringCause::Locked => "locked",
                KeyringCause::TimedOut => "timed-out",
                KeyringCause::Other => "other",
            },
            detail = detail
        ),
        // As the English `Display` writes it (`2.5 s`, `5 s`).
        SecretError::Timeout(d) => msg!(
            "error-secret-timeout",
            seconds = d.as_secs_f32().to_string()
        ),
        SecretError::WrongFileKey { path } => msg!("error-secret-wrong-file-key", path = path),
        SecretError::FileKey(why) => msg!("error-secret-file-key", why = why),
        SecretError::BadFile { path, why } => {
            msg!("error-secret-bad-file", path = path, why = why)
        }
        SecretError::UnknownStore(value) => msg!("error-secret-unknown-store", value = value),
        SecretError::ProbeMismatch => Msg::new("error-secret-probe-mismatch"),
        SecretError::Damaged(what, marketplace) => msg!(
            "error-secret-damaged",
            what = what,
            marketplace = marketplace
        ),
        SecretError::OperatorKeyMissing => Msg::new("error-secret-operator-key-missing"),
        SecretError::OperatorKey { origin, why } => {
            msg!("error-secret-operator-key", origin = origin, why = why)
        }
        SecretError::WrongOperatorKey { origin, key_id } => msg!(
            "error-secret-wrong-operator-key",
            origin = origin,
            key_id = key_id
        ),
        // The database's words are the server's: shown as they are.
        SecretError::Database(_) => return None,
        SecretError::Io {
            action,
            path,
            message,
        } => msg!(
            "error-secret-io",
            // The file store's verbs, as the catalog's keys.
            action = match *action {
                "create the directory of" => "create-dir",
                "encrypt" => "encrypt",
                "start a thread for" => "start-thread",
                "lock" => "lock",
                "open the lock of" => "open-lock",
                "read" => "read",
                "write" => "write",
                // A verb the catalog does not know yet: the English `Display`.
                _ => return None,
            },
            path = path,
            message = message
        ),
    })
}

fn config(e: &ConfigError) -> Msg {
    match e {
        ConfigError::Read { path, source } => msg!(
            "error-config-read",
            path = path.display().to_string(),
            cause = source.to_string()
        ),
        ConfigError::Parse { path, message } => msg!(
            "error-config-parse",
            path = path.display().to_string(),
            message = message
        ),
        ConfigError::Invalid { setting, why } => {
            msg!("error-config-invalid", setting = setting, why = why)
        }
        ConfigError::UnknownMarketplace { path, table, name } => msg!(
            "error-config-unknown-marketplace",
            path = path.display().to_string(),
            table = table,
            name = name
        ),
        ConfigError::SecretInFile { path, marketplace } => msg!(
            "error-config-secret-in-file",
            path = path.display().to_string(),
            marketplace = marketplace
        ),
        ConfigError::NoHome => Msg::new("error-config-no-home"),
        ConfigError::BadProfile(name) => msg!("error-config-bad-profile", name = name),
        ConfigError::DatabaseUrl(why) => msg!("error-config-database-url", why = why),
        ConfigError::TwoStores => Msg::new("error-config-two-stores"),
    }
}

fn import(e: &ImportError) -> Msg {
    match e {
        ImportError::Read { path, source } => {
            msg!("error-import-read", path = path, cause = source.to_string())
        }
        ImportError::Empty { path } => msg!("error-import-empty", path = path),
        ImportError::NotUtf8 { path, offset } => {
            msg!(
                "error-import-not-utf8",
                path = path,
                offset = offset.to_string()
            )
        }
        ImportError::WrongKind {
            path,
            found,
            columns,
        } => msg!(
            "error-import-wrong-kind",
            path = path,
            found = *found,
            columns = columns
        ),
        ImportError::UnknownKind { path } => msg!("error-import-unknown-kind", path = path),
        ImportError::MissingColumn {
            path,
            column,
            kind,
            required,
        } => msg!(
            "error-import-missing-column",
            path = path,
            column = column,
            kind = *kind,
            required = required
        ),
        ImportError::Malformed {
            path,
            line,
            message,
        } => msg!(
            "error-import-malformed",
            path = path,
            line = line.to_string(),
            message = message
        ),
    }
}

fn store(e: &StoreError) -> Option<Msg> {
    Some(match e {
        StoreError::NewerSchema { path, found, known } => msg!(
            "error-store-newer-schema",
            path = path.display().to_string(),
            found = *found,
            known = *known
        ),
        StoreError::CreateDir { path, cause } => msg!(
            "error-store-create-dir",
            path = path.display().to_string(),
            cause = cause.to_string()
        ),
        StoreError::NotWritable { path, cause } => msg!(
            "error-store-not-writable",
            path = path.display().to_string(),
            cause = cause.to_string()
        ),
        StoreError::Open { path, cause } => msg!(
            "error-store-open",
            path = path.display().to_string(),
            cause = crate::store::sqlite_words(cause)
        ),
        StoreError::Sql(cause) => {
            msg!("error-store-sql", cause = crate::store::sqlite_words(cause))
        }
        StoreError::Postgres { location, cause } => msg!(
            "error-store-postgres",
            location = location,
            cause = crate::store::postgres_words(cause)
        ),
        StoreError::NewerServerSchema {
            location,
            found,
            known,
        } => msg!(
            "error-store-newer-server-schema",
            location = location,
            found = *found,
            known = *known
        ),
        StoreError::UnknownMerchant { name, location } => msg!(
            "error-store-unknown-merchant",
            name = name,
            location = location
        ),
        _ => return None,
    })
}

fn explain(e: &ExplainError) -> Option<Msg> {
    Some(match e {
        ExplainError::NotConfigured => Msg::new("error-llm-not-configured"),
        ExplainError::BadUrl { url, why } => msg!("error-llm-bad-url", url = url, why = why),
        ExplainError::Unauthorized(status) => msg!(
            "error-llm-unauthorized",
            status = crate::i18n::Arg::Text(status.to_string())
        ),
        ExplainError::Http { status, message } => msg!(
            "error-llm-http",
            status = crate::i18n::Arg::Text(status.to_string()),
            message = message
        ),
        ExplainError::Timeout(d) => msg!("error-llm-timeout", seconds = d.as_secs()),
        ExplainError::Transport(why) => msg!("error-llm-transport", why = why),
        ExplainError::Rejected(why) => msg!("error-llm-rejected", why = why),
    })
}

/// One error of the chain in `loc`'s language: the catalog's words when it
/// has them, else the error's own `Display` (a system or library message).
pub fn words(loc: &Localizer, err: &(dyn std::error::Error + 'static)) -> String {
    match describe(err) {
        Some(m) => loc.with_hint(&m),
        None => err.to_string(),
    }
}
