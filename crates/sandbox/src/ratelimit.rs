//! Per-account fixed-window rate limits, as the marketplaces enforce them: the window
//! opens at the account's first request and holds `limit` requests.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use treevu_domain::Marketplace;

/// The outcome of counting one request.
#[derive(Debug, Clone, Copy)]
pub struct RateDecision {
    pub limit: u32,
    pub remaining: u32,
    /// Unix seconds when the window resets.
    pub reset_at: i64,
    /// `Some(seconds to wait)` when the request is over the limit.
    pub retry_after: Option<u64>,
}

struct Window {
    opened: Instant,
    used: u32,
}

pub struct RateLimiter {
    limit_override: Option<u32>,
    window: Duration,
    windows: HashMap<(Marketplace, String), Window>,
}

impl RateLimiter {
    pub fn new(limit_override: Option<u32>, window: Option<Duration>) -> Self {
        RateLimiter {
            limit_override,
            window: window.unwrap_or(Duration::from_secs(3600)),
            windows: HashMap::new(),
        }
    }

    fn limit_of(&self, m: Marketplace) -> u32 {
        self.limit_override.unwrap_or_else(|| m.hourly_limit())
    }

    /// Counts a request of `account` at `m`; over the limit it is refused and not counted.
    pub fn hit(&mut self, m: Marketplace, account: &str) -> RateDecision {
        let limit = self.limit_of(m);
        let now = Instant::now();
        let window = self.window;
        let w = self
            .windows
            .entry((m, account.to_string()))
            .or_insert(Window {
                opened: now,
                used: 0,
            });
        if now.duration_since(w.opened) >= window {
            *w = Window {
                opened: now,
                used: 0,
            };
        }
        let left = window.saturating_sub(now.duration_since(w.opened));
        let unix_now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        // Rounded up, so a client that waits until `reset_at` is never early.
        let reset_at = (unix_now + left).as_secs_f64().ceil() as i64;
        if w.used >= limit {
            return RateDecision {
                limit,
                remaining: 0,
                reset_at,
                retry_after: Some(left.as_secs_f64().ceil().max(1.0) as u64),
            };
        }
        w.used += 1;
        RateDecision {
            limit,
            remaining: limit - w.used,
            reset_at,
            retry_after: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_limit_and_reopens_after_the_window() {
        let mut r = RateLimiter::new(Some(2), Some(Duration::from_millis(200)));
        assert_eq!(r.hit(Marketplace::Olx, "a").remaining, 1);
        assert_eq!(r.hit(Marketplace::Olx, "a").remaining, 0);
        let d = r.hit(Marketplace::Olx, "a");
        assert!(d.retry_after.is_some());
        // Another account and another marketplace have their own windows.
        assert!(r.hit(Marketplace::Olx, "b").retry_after.is_none());
        assert!(r.hit(Marketplace::Autofact, "a").retry_after.is_none());
        std::thread::sleep(Duration::from_millis(220));
        assert!(r.hit(Marketplace::Olx, "a").retry_after.is_none());
    }
}
