//! `treevu demo`: the whole journey against the built-in sandbox, with nothing
//! of the merchant's touched. A sandbox on a free loopback port, a throw-away
//! data directory, secrets in memory; connect (the real OAuth loopback flow
//! and the API-key flow), sync, then listings, prices, a market analysis, a
//! valuation and readiness scores.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use clap::Args;

use super::{listings, market, readiness, recommend, sync, valuation};
use crate::auth::Secret;
use crate::auth::flow::{self, Browser, ConnectOptions, FlowObserver};
use crate::auth::loopback::{Note, Via};
use crate::auth::secrets::memory::MemoryStore;
use crate::config::{Overrides, Settings};
use crate::context::Context;
use crate::domain::Marketplace;
use crate::exit;
use crate::i18n::{Arg, Msg};
use crate::marketplaces::factory::MarketplaceClient;
use crate::msg;
use crate::output::{Format, Printer};
use crate::pricing::inputs;
use crate::pricing::readiness::readiness as readiness_score;
use crate::sandbox::{Sandbox, SandboxOptions};
use crate::store::listings::{ListingFilter, StoredListing};
use crate::store::market as pool;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Keep the demo's data directory (its database) instead of removing it at exit
    #[arg(long)]
    pub keep: bool,
    /// The demo merchant's listings per marketplace
    #[arg(long, value_name = "N", default_value_t = 24, value_parser = clap::value_parser!(u16).range(4..=200))]
    pub listings: u16,
}

/// Other sellers' listings behind the sandbox's market endpoints.
const MARKET_SIZE: usize = 3000;
/// Below this many comparables of a kind, the demo fetches more market pages itself.
const MIN_POOL: u64 = 300;
/// Listings shown with a recommended price.
const RECOMMENDED: usize = 6;
/// Listings shown with their readiness score.
const READINESS_ROWS: usize = 8;

/// The demo's data directory; removed when dropped unless kept.
struct DemoDir {
    path: PathBuf,
    keep: bool,
}

impl DemoDir {
    fn create(keep: bool) -> anyhow::Result<DemoDir> {
        let base = std::env::temp_dir();
        for _ in 0..8 {
            let path = base.join(format!("treevu-demo-{:08x}", rand::random::<u32>()));
            match std::fs::create_dir(&path) {
                Ok(()) => {
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::PermissionsExt;
                        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700))?;
                    }
                    return Ok(DemoDir { path, keep });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(anyhow::anyhow!(
                        "cannot create the demo's directory under {}: {e}; set TMPDIR to a writable directory",
                        base.display()
                    ));
                }
            }
        }
        anyhow::bail!(
            "cannot find a free name for the demo's directory under {}",
            base.display()
        )
    }
}

impl Drop for DemoDir {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// Settings that point everything at `dir` and the sandbox at `base`: nothing
/// of the process environment (HOME, TREEVU_DB, TREEVU_CONFIG, …) is read.
fn demo_settings(dir: &Path, base: &str) -> anyhow::Result<Settings> {
    let env: BTreeMap<String, String> = [
        ("HOME", dir.to_path_buf()),
        ("XDG_CONFIG_HOME", dir.join("config")),
        ("XDG_DATA_HOME", dir.join("data")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.display().to_string()))
    .chain([("TREEVU_SANDBOX".to_string(), base.to_string())])
    .collect();
    let mut settings = Settings::resolve(&Overrides::default(), &env)?;
    // The demo tops the pool up right after its sync; the prices fit once then.
    settings.sync.fit_models = false;
    Ok(settings)
}

/// A stand-in for the merchant's browser: it opens the authorization address
/// (which the auto-approving sandbox answers with a redirect to treevu's
/// loopback callback) and follows the redirect. The address is never printed.
struct DemoBrowser {
    printer: Printer,
    runtime: tokio::runtime::Handle,
    name: &'static str,
}

impl FlowObserver for DemoBrowser {
    fn authorize_url(&self, url: &str) {
        let url = url.to_string();
        self.runtime.spawn(async move {
            let Ok(http) = crate::net::browser_client(Duration::from_secs(20)) else {
                return;
            };
            // Any failure shows as the flow's own timeout.
            let _ = http.get(url).send().await;
        });
    }
    fn browser(&self, _outcome: &Browser) {
        self.printer
            .say(&msg!("demo-signing-in", marketplace = self.name));
    }
    fn note(&self, _note: Note) {}
    fn exchanging(&self, _via: Via) {}
}

pub fn run(args: DemoArgs, ctx: &Context) -> anyhow::Result<u8> {
    let started = Instant::now();
    // Declared first, dropped last: after the sandbox, the runtime and the store.
    let dir = DemoDir::create(args.keep)?;
    let printer = Printer {
        format: Format::Table,
        ..ctx.printer.clone()
    };
    printer.say(&msg!(
        "demo-intro",
        count = args.listings,
        dir = dir.path.display().to_string(),
        kept = if args.keep { "yes" } else { "no" }
    ));
    printer.say(&Msg::new("demo-untouched"));

    let sandbox = Sandbox::start(SandboxOptions {
        listings: args.listings as usize,
        market: MARKET_SIZE,
        auto_approve: true,
        workers: 4,
        // Listings dated up to now: readiness and forecasts as in a live market.
        as_of: Some(chrono::Utc::now()),
        ..SandboxOptions::default()
    })?;
    printer.say(&msg!("demo-sandbox-at", url = sandbox.base_url()));
    let demo = Context::with_settings(demo_settings(&dir.path, &sandbox.base_url())?, printer)
        .without_env_tokens()
        .with_request_logger(ctx.request_logger());
    demo.use_secret_store(Arc::new(MemoryStore::default()));

    connect_all(&demo, &sandbox)?;
    heading(&demo, &Msg::new("demo-heading-sync"))?;
    let code = sync::run_sync(&all_accounts(), &demo, false)?;
    if code != exit::OK {
        demo.printer
            .warn(demo.printer.t(&Msg::new("demo-sync-unclean")));
    }
    top_up_pool(&demo)?;
    show(&demo)?;
    next_commands(&demo, &dir, args.keep)?;
    demo.printer.say(&msg!(
        "demo-finished",
        seconds = Arg::Decimal(started.elapsed().as_secs_f64())
    ));
    drop(demo);
    sandbox.shutdown();
    Ok(exit::OK)
}

fn all_accounts() -> sync::RunArgs {
    sync::RunArgs {
        marketplaces: Vec::new(),
        all: true,
        full: false,
        due: false,
        all_profiles: false,
        wait: false,
        max_wait: 30,
        concurrency: 4,
    }
}

/// OLX and Inmuebles24 through the OAuth loopback flow with PKCE, Autofact with its API key.
fn connect_all(ctx: &Context, sandbox: &Sandbox) -> anyhow::Result<()> {
    ctx.printer.say(&Msg::new("demo-connecting"));
    for m in [Marketplace::Olx, Marketplace::Inmuebles24] {
        let browser = DemoBrowser {
            printer: ctx.printer.clone(),
            runtime: ctx.runtime().handle().clone(),
            name: m.display_name(),
        };
        let c = flow::connect_oauth(
            ctx,
            m,
            ConnectOptions {
                no_browser: true,
                port: 0,
                timeout: Duration::from_secs(30),
                paste: None,
                interrupted: Arc::new(AtomicBool::new(false)),
            },
            &browser,
        )?;
        ctx.printer.say(&msg!(
            "demo-connected-as",
            marketplace = m.display_name(),
            account = c
                .account
                .display_name
                .as_deref()
                .unwrap_or(&c.account.remote_user_id)
        ));
    }
    let key = Secret::new(sandbox.credentials().autofact.api_key.clone());
    flow::connect_api_key(ctx, Marketplace::Autofact, key)?;
    ctx.printer.say(&Msg::new("demo-connected-autofact"));
    Ok(())
}

/// Sync brings comparables for the merchant's own districts and models; when
/// that is thin, more market pages are fetched here through the same clients.
fn top_up_pool(ctx: &Context) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let (properties, vehicles) = pool::pool_counts(store.conn())?;
    let mine = stored(ctx)?;
    let mut rows = Vec::new();
    if properties < MIN_POOL {
        let client = MarketplaceClient::build(
            Marketplace::Inmuebles24,
            &ctx.endpoint(Marketplace::Inmuebles24)?,
            ctx.token_source(Marketplace::Inmuebles24)?,
            None,
        )?;
        let client = client.as_inmuebles24().expect("an Inmuebles24 client");
        let districts: BTreeSet<String> = mine
            .iter()
            .filter(|l| l.record.kind == "property")
            .filter_map(|l| l.record.district.clone())
            .collect();
        for d in &districts {
            for page in 1..=3 {
                let p = ctx.block_on(client.search_market(d, None, None, page, 100))?;
                let n = p.items.len();
                rows.extend(
                    p.items
                        .iter()
                        .filter_map(|r| r.as_ref().ok())
                        .filter_map(crate::pool::feed::from_inmuebles24_market),
                );
                if n < 100 {
                    break;
                }
            }
        }
    }
    if vehicles < MIN_POOL {
        let client = MarketplaceClient::build(
            Marketplace::Autofact,
            &ctx.endpoint(Marketplace::Autofact)?,
            ctx.token_source(Marketplace::Autofact)?,
            None,
        )?;
        let client = client.as_autofact().expect("an Autofact client");
        // Only Autofact knows Autofact ids; a car listed on OLX has none there.
        for l in mine
            .iter()
            .filter(|l| l.record.kind == "vehicle" && l.record.marketplace == Marketplace::Autofact)
        {
            let a = match ctx.block_on(client.market_analysis(&l.record.remote_id)) {
                Ok(a) => a,
                Err(e) => {
                    let words = crate::i18n::errors::words(&ctx.printer.loc, &e);
                    ctx.printer.warn(ctx.printer.t(&msg!(
                        "demo-market-data-failed",
                        id = &l.record.remote_id,
                        error = words
                    )));
                    continue;
                }
            };
            rows.extend(
                a.comparables
                    .iter()
                    .filter_map(crate::pool::feed::from_autofact_market),
            );
        }
    }
    if !rows.is_empty() {
        let now = crate::domain::time::timestamp(chrono::Utc::now());
        store.write(|s| crate::pool::intake::store_rows(s, rows, &now))?;
    }
    let (properties, vehicles) = pool::pool_counts(store.conn())?;
    ctx.printer
        .say(&msg!("demo-pool", homes = properties, cars = vehicles));
    Ok(())
}

fn stored(ctx: &Context) -> anyhow::Result<Vec<StoredListing>> {
    let store = ctx.open_store()?;
    Ok(crate::store::listings::list(
        store.conn(),
        &ListingFilter {
            marketplace: None,
            status: None,
            include_removed: false,
        },
    )?)
}

fn heading(ctx: &Context, title: &Msg) -> std::io::Result<()> {
    ctx.printer
        .line(format!("\n== {} ==", ctx.printer.t(title)))
}

/// The sections, each printed by the command a merchant would run.
fn show(ctx: &Context) -> anyhow::Result<()> {
    let mine = stored(ctx)?;
    let active: Vec<&StoredListing> = mine
        .iter()
        .filter(|l| l.record.status == "active" && !inputs::has_ended(l))
        .collect();
    let priced = |m: Marketplace, kind: &str| -> Vec<String> {
        active
            .iter()
            .filter(|l| l.record.marketplace == m && l.record.kind == kind)
            .map(|l| inputs::listing_id(l))
            .collect()
    };
    let homes = priced(Marketplace::Inmuebles24, "property");
    let cars = priced(Marketplace::Autofact, "vehicle");
    let olx: Vec<String> = [
        priced(Marketplace::Olx, "property"),
        priced(Marketplace::Olx, "vehicle"),
    ]
    .concat();

    heading(ctx, &Msg::new("demo-heading-listings"))?;
    listings::run(
        listings::ListingsArgs {
            marketplace: None,
            status: None,
            all: false,
        },
        ctx,
    )?;

    // A handful from each marketplace: homes, cars, and OLX's mix.
    let per = RECOMMENDED / 3;
    let picks: Vec<String> = homes
        .iter()
        .take(per)
        .chain(cars.iter().take(per))
        .chain(olx.iter().take(RECOMMENDED - 2 * per))
        .cloned()
        .collect();
    if !picks.is_empty() {
        heading(ctx, &Msg::new("demo-heading-recommended"))?;
        recommend::run(
            recommend::RecommendArgs {
                listings: picks,
                apply: false,
                yes: false,
                dry_run: false,
                force: false,
                all_twins: false,
                explain: false,
            },
            ctx,
        )?;
    }
    if let Some(home) = homes.first() {
        heading(ctx, &msg!("demo-heading-analysis", listing = home.as_str()))?;
        market::run(
            market::MarketCommand::Analyze(market::AnalyzeArgs {
                listing: home.clone(),
            }),
            ctx,
        )?;
    }
    if let Some(car) = cars.first() {
        heading(ctx, &msg!("demo-heading-valuation", listing = car.as_str()))?;
        valuation::run(
            valuation::ValuationArgs {
                vehicles: vec![car.clone()],
            },
            ctx,
        )?;
    }
    let now = chrono::Utc::now();
    let mut scored: Vec<(u32, String)> = active
        .iter()
        .map(|l| {
            let r = readiness_score(&inputs::engagement(l, now));
            (r.score, inputs::listing_id(l))
        })
        .collect();
    scored.sort_by(|a, b| b.cmp(a));
    if !scored.is_empty() {
        heading(ctx, &Msg::new("demo-heading-readiness"))?;
        readiness::run(
            readiness::ReadinessArgs {
                listings: scored
                    .into_iter()
                    .take(READINESS_ROWS)
                    .map(|(_, id)| id)
                    .collect(),
            },
            ctx,
        )?;
    }
    Ok(())
}

fn next_commands(ctx: &Context, dir: &DemoDir, keep: bool) -> std::io::Result<()> {
    heading(ctx, &Msg::new("demo-heading-next"))?;
    // Commands stay as typed; only what they do is in the language.
    let commands: &[(&str, &'static str)] = &[
        ("treevu connect olx", "demo-next-connect-olx"),
        ("treevu connect autofact", "demo-next-connect-autofact"),
        ("treevu sync --all", "demo-next-sync"),
        ("treevu listings", "demo-next-listings"),
        ("treevu recommend <id>", "demo-next-recommend"),
        ("treevu market analyze <id>", "demo-next-analyze"),
        ("treevu valuation <id>", "demo-next-valuation"),
        ("treevu readiness", "demo-next-readiness"),
        ("treevu report --html report.html", "demo-next-report"),
        ("treevu schedule", "demo-next-schedule"),
        ("treevu sandbox serve", "demo-next-sandbox"),
    ];
    let mut lines: Vec<String> = commands
        .iter()
        .map(|(cmd, id)| format!("{cmd:<32} # {}", ctx.printer.t(&Msg::new(id))))
        .collect();
    if keep {
        lines.push(format!(
            "TREEVU_DB={} treevu listings  # {}",
            dir.path
                .join("data/treevu/profiles/default/treevu.db")
                .display(),
            ctx.printer.t(&Msg::new("demo-next-kept"))
        ));
    }
    for l in lines {
        ctx.printer.line(format!("  {l}"))?;
    }
    Ok(())
}
