//! Twins: one item listed on several marketplaces (a home on Inmuebles24 and OLX,
//! a car on Autofact and OLX). This module links them ([`detect`] finds existing
//! ones, [`crosslist`] publishes new ones), takes the others down when one sells
//! ([`delist`]), and compares how each copy does ([`stats`]).
//!
//! Listings are named by their store row id here; the CLI speaks `olx:123`.
//! Nothing here prints.

pub mod crosslist;
pub mod delist;
pub mod detect;
pub mod stats;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::domain::{Currency, ListingRef, Marketplace, Money};
use std::sync::Arc;

use chrono::Utc;

use crate::domain::time::timestamp;
use crate::marketplaces::{ApiError, MarketplaceClient};
use crate::store::listings::{ListingRecord, StoredListing};
use crate::store::{Store, StoreError, twins as db};
use crate::sync::gate::Gate;
use crate::sync::normalize;

/// Who said two listings are one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// treevu published one from the other (`treevu crosslist`).
    Crosslist,
    /// Detection found them alike enough.
    Detected,
    /// The merchant linked them (`treevu twins link`).
    Manual,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Crosslist => "crosslist",
            Origin::Detected => "detected",
            Origin::Manual => "manual",
        }
    }

    fn parse(s: &str) -> Origin {
        match s {
            "crosslist" => Origin::Crosslist,
            "manual" => Origin::Manual,
            _ => Origin::Detected,
        }
    }
}

/// What the next sync does when it sees a twin sold, rented or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DelistPolicy {
    /// Nothing.
    Off,
    /// Print the commands that would take the other twins down.
    #[default]
    Ask,
    /// Take them down, after re-reading both statuses at their marketplaces.
    Auto,
}

impl DelistPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            DelistPolicy::Off => "off",
            DelistPolicy::Ask => "ask",
            DelistPolicy::Auto => "auto",
        }
    }
}

impl fmt::Display for DelistPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown delist policy '{0}': expected off, ask or auto")]
pub struct UnknownPolicy(pub String);

impl FromStr for DelistPolicy {
    type Err = UnknownPolicy;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" => Ok(DelistPolicy::Off),
            "ask" => Ok(DelistPolicy::Ask),
            "auto" => Ok(DelistPolicy::Auto),
            _ => Err(UnknownPolicy(s.to_string())),
        }
    }
}

const POLICY_KEY: &str = "delist_policy";

/// The profile's delist policy (`ask` until the merchant chooses).
pub fn policy(store: &Store) -> Result<DelistPolicy, StoreError> {
    Ok(db::setting(store.conn(), POLICY_KEY)?
        .and_then(|v| v.parse().ok())
        .unwrap_or_default())
}

pub fn set_policy(store: &Store, p: DelistPolicy) -> Result<(), StoreError> {
    db::set_setting(store.conn(), POLICY_KEY, p.as_str())
}

/// Why a twins command could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum TwinsError {
    #[error(
        "no listing '{0}' in the local store; run 'treevu sync {m}' or see 'treevu listings'",
        m = .0.marketplace
    )]
    UnknownListing(ListingRef),
    #[error(
        "{0} and {1} are on the same marketplace; twins are one item on different marketplaces"
    )]
    SameMarketplace(ListingRef, ListingRef),
    #[error("{0} is a {1} and {2} a {3}: a home and a car cannot be one item")]
    KindMismatch(ListingRef, String, ListingRef, String),
    #[error("{0} and {1} are not linked as twins (see 'treevu twins')")]
    NotLinked(ListingRef, ListingRef),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl crate::exit::ExitStatus for TwinsError {
    fn exit_code(&self) -> u8 {
        crate::exit::ERROR
    }
}

/// One piece of evidence that two listings are one item: what each says and how
/// well they agree (1 = the same, 0 = nothing alike).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Clue {
    pub field: String,
    pub a: String,
    pub b: String,
    pub agreement: f64,
}

/// A stored link with the two listings it joins.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub a: i64,
    pub b: i64,
    pub origin: Origin,
    pub score: Option<f64>,
    pub evidence: Vec<Clue>,
    pub created_at: String,
}

impl From<db::LinkRow> for Link {
    fn from(r: db::LinkRow) -> Self {
        Link {
            a: r.a,
            b: r.b,
            origin: Origin::parse(&r.origin),
            score: r.score,
            evidence: r
                .evidence
                .as_deref()
                .and_then(|e| serde_json::from_str(e).ok())
                .unwrap_or_default(),
            created_at: r.created_at,
        }
    }
}

/// Every stored link.
pub fn links(store: &Store) -> Result<Vec<Link>, StoreError> {
    Ok(db::links(store.conn())?
        .into_iter()
        .map(Link::from)
        .collect())
}

/// Listings joined by links: one item and its copies, members in row-id order.
#[derive(Debug, Clone)]
pub struct Group {
    pub members: Vec<StoredListing>,
    pub links: Vec<Link>,
}

impl Group {
    pub fn kind(&self) -> &str {
        self.members
            .first()
            .map(|m| m.record.kind.as_str())
            .unwrap_or("other")
    }
}

/// The groups `links` make over `listings` (connected components; listings
/// without a twin are left out).
pub fn groups(listings: &[StoredListing], links: &[Link]) -> Vec<Group> {
    let by_id: HashMap<i64, &StoredListing> = listings.iter().map(|l| (l.id, l)).collect();
    let mut parent: HashMap<i64, i64> = HashMap::new();
    fn find(parent: &mut HashMap<i64, i64>, x: i64) -> i64 {
        let p = *parent.entry(x).or_insert(x);
        if p == x {
            return x;
        }
        let root = find(parent, p);
        parent.insert(x, root);
        root
    }
    for l in links {
        let (ra, rb) = (find(&mut parent, l.a), find(&mut parent, l.b));
        if ra != rb {
            parent.insert(ra.max(rb), ra.min(rb));
        }
    }
    let mut by_root: BTreeMap<i64, Group> = BTreeMap::new();
    let ids: Vec<i64> = parent.keys().copied().collect();
    for id in ids {
        let root = find(&mut parent, id);
        if let Some(l) = by_id.get(&id) {
            by_root
                .entry(root)
                .or_insert_with(|| Group {
                    members: Vec::new(),
                    links: Vec::new(),
                })
                .members
                .push((*l).clone());
        }
    }
    for l in links {
        let root = find(&mut parent, l.a);
        if let Some(g) = by_root.get_mut(&root) {
            g.links.push(l.clone());
        }
    }
    let mut out: Vec<Group> = by_root
        .into_values()
        .filter(|g| g.members.len() > 1)
        .collect();
    for g in &mut out {
        g.members.sort_by_key(|m| m.id);
    }
    out
}

/// Each group of the store with its members as stored now.
pub fn stored_groups(store: &Store) -> Result<Vec<Group>, StoreError> {
    let conn = store.conn();
    let links: Vec<Link> = db::links(conn)?.into_iter().map(Link::from).collect();
    let mut ids: Vec<i64> = links.iter().flat_map(|l| [l.a, l.b]).collect();
    ids.sort_unstable();
    ids.dedup();
    let members = crate::store::listings::by_ids(conn, &ids)?;
    Ok(groups(&members, &links))
}

/// A listing's ref (`olx:123`).
pub fn listing_ref(l: &StoredListing) -> ListingRef {
    ListingRef {
        marketplace: l.record.marketplace,
        remote_id: l.record.remote_id.clone(),
    }
}

/// Whether a listing is still for sale (or rent) at its marketplace, as last seen.
pub fn is_active(l: &StoredListing) -> bool {
    l.record.status == "active" && l.removed_at.is_none()
}

/// `price` in `to`, at `pen_per_usd` soles per dollar, rounded to whole units:
/// a price typed by a merchant, not an exchange-desk figure.
pub fn convert(price: Money, to: Currency, pen_per_usd: f64) -> Money {
    if price.currency == to {
        return price;
    }
    let major = price.major_f64();
    let converted = match to {
        Currency::PEN => major * pen_per_usd,
        Currency::USD => major / pen_per_usd,
    };
    Money::from_minor((converted.round() as i64) * 100, to)
}

/// The stored listing `r` names, or [`TwinsError::UnknownListing`].
pub fn stored(store: &Store, r: &ListingRef) -> Result<StoredListing, TwinsError> {
    crate::store::listings::get(store.conn(), r.marketplace, &r.remote_id)?
        .ok_or_else(|| TwinsError::UnknownListing(r.clone()))
}

/// Links `a` and `b` as twins at the merchant's word (forgetting an earlier unlink).
/// True when the link is new.
pub fn link(store: &Store, a: &ListingRef, b: &ListingRef, now: &str) -> Result<bool, TwinsError> {
    let (la, lb) = (stored(store, a)?, stored(store, b)?);
    if a.marketplace == b.marketplace {
        return Err(TwinsError::SameMarketplace(a.clone(), b.clone()));
    }
    if la.record.kind != lb.record.kind {
        return Err(TwinsError::KindMismatch(
            a.clone(),
            la.record.kind,
            b.clone(),
            lb.record.kind,
        ));
    }
    db::unreject(store.conn(), la.id, lb.id)?;
    Ok(db::add_link(
        store.conn(),
        la.id,
        lb.id,
        Origin::Manual.as_str(),
        None,
        None,
        now,
    )?)
}

/// Unlinks `a` and `b` and remembers they are not one item, so detection leaves
/// them apart and no sale of one takes the other down.
pub fn unlink(store: &Store, a: &ListingRef, b: &ListingRef, now: &str) -> Result<(), TwinsError> {
    let (la, lb) = (stored(store, a)?, stored(store, b)?);
    db::reject(store.conn(), la.id, lb.id, now)?;
    if !db::remove_link(store.conn(), la.id, lb.id)? {
        return Err(TwinsError::NotLinked(a.clone(), b.clone()));
    }
    Ok(())
}

/// The twins of `listing` still on sale, each with `price` in its own currency
/// (converted at `pen_per_usd`, rounded to whole units, see [`convert`]): what
/// `--all-twins` sends along.
pub fn prices_in_step(
    store: &Store,
    listing: &StoredListing,
    price: Money,
    pen_per_usd: f64,
) -> Result<Vec<(StoredListing, Money)>, StoreError> {
    let groups = stored_groups(store)?;
    let Some(g) = groups
        .into_iter()
        .find(|g| g.members.iter().any(|m| m.id == listing.id))
    else {
        return Ok(Vec::new());
    };
    Ok(g.members
        .into_iter()
        .filter(|m| m.id != listing.id && is_active(m))
        .map(|m| {
            let p = convert(price, m.record.price.currency, pen_per_usd);
            (m, p)
        })
        .collect())
}

/// A client and the account's rate gate, for one marketplace.
pub struct Remote {
    pub client: MarketplaceClient,
    pub gate: Arc<Gate>,
}

/// A listing as its marketplace has it now.
pub(crate) async fn read_remote(
    client: &MarketplaceClient,
    id: &str,
) -> Result<ListingRecord, ApiError> {
    let money = |m: Marketplace, e: crate::domain::MoneyError| ApiError::InvalidPayload {
        marketplace: m,
        field: Some("price".into()),
        message: e.to_string(),
    };
    match client {
        MarketplaceClient::Olx(c) => {
            let l = c.get_listing(id).await?;
            let raw = serde_json::to_string(&l).unwrap_or_default();
            normalize::from_olx(&l, raw).map_err(|e| money(Marketplace::Olx, e))
        }
        MarketplaceClient::Inmuebles24(c) => {
            let p = c.get_property(id).await?;
            let raw = serde_json::to_string(&p).unwrap_or_default();
            normalize::from_inmuebles24(&p, raw).map_err(|e| money(Marketplace::Inmuebles24, e))
        }
        MarketplaceClient::Autofact(c) => {
            let v = c.get_vehicle(id).await?;
            let raw = serde_json::to_string(&v).unwrap_or_default();
            normalize::from_autofact(&v, raw).map_err(|e| money(Marketplace::Autofact, e))
        }
    }
}

/// Stores what a re-read brought, like a sync would.
pub(crate) fn store_fresh(store: &mut Store, rec: &ListingRecord) -> Result<(), StoreError> {
    let now = timestamp(Utc::now());
    store.write(|s| crate::store::listings::upsert(s.conn(), rec, &now))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_parse_and_default_to_ask() {
        assert_eq!("AUTO".parse::<DelistPolicy>().unwrap(), DelistPolicy::Auto);
        assert_eq!(DelistPolicy::default(), DelistPolicy::Ask);
        let e = "sometimes".parse::<DelistPolicy>().unwrap_err();
        assert!(e.to_string().contains("off, ask or auto"), "{e}");
    }

    #[test]
    fn conversion_rounds_to_whole_units_in_the_other_currency() {
        let usd = Money::from_minor(12_000_000, Currency::USD);
        assert_eq!(
            convert(usd, Currency::PEN, 3.75),
            Money::from_minor(45_000_000, Currency::PEN)
        );
        let pen = Money::from_minor(100_050, Currency::PEN);
        assert_eq!(convert(pen, Currency::USD, 3.75).minor, 26_700);
        assert_eq!(convert(pen, Currency::PEN, 3.75), pen);
    }

    #[test]
    fn groups_are_connected_listings() {
        use crate::store::listings::tests::sample;
        let listing = |id: i64| StoredListing {
            id,
            record: sample(&id.to_string(), 1),
            first_seen_at: "t".into(),
            last_seen_at: "t".into(),
            removed_at: None,
        };
        let ls: Vec<StoredListing> = (1..=5).map(listing).collect();
        let link = |a, b| Link {
            a,
            b,
            origin: Origin::Manual,
            score: None,
            evidence: vec![],
            created_at: "t".into(),
        };
        let g = groups(&ls, &[link(1, 3), link(3, 5), link(2, 4)]);
        let ids: Vec<Vec<i64>> = g
            .iter()
            .map(|g| g.members.iter().map(|m| m.id).collect())
            .collect();
        assert_eq!(ids, vec![vec![1, 3, 5], vec![2, 4]]);
        assert_eq!(g[0].links.len(), 2);
    }
}
