//! Timestamps: RFC 3339 in UTC with milliseconds, one format everywhere (store, wire,
//! sandbox), so the stored strings sort like the instants they name.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};

/// `t` as `2026-12-02T03:04:05.678Z`.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The timestamp of `ms` Unix milliseconds (the epoch when out of range).
pub fn timestamp_ms(ms: i64) -> String {
    timestamp(Utc.timestamp_millis_opt(ms).single().unwrap_or_default())
}

/// The current time (one seam, so callers do not each reach for the clock).
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Any RFC 3339 time (any offset), in UTC; `None` when `s` is not one.
pub fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_and_sort_like_instants() {
        let t = parse_timestamp("2026-12-02T08:04:05.678+05:00").unwrap();
        assert_eq!(timestamp(t), "2026-12-02T03:04:05.678Z");
        assert_eq!(timestamp_ms(0), "1970-01-01T00:00:00.000Z");
        assert!(timestamp_ms(999) < timestamp_ms(1_000));
        assert_eq!(parse_timestamp("yesterday"), None);
    }
}
