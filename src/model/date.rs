//! Dates as editors write them: `YYYY-MM-DD` (midnight in the site's time zone)
//! or an RFC 3339 date-time.

use jiff::civil;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use std::cmp::Ordering;

/// The IANA time zone `name` from the database built into briefly, not the
/// machine's: a site gives the same dates on every machine that builds it,
/// and a change of a zone's rules comes with a new briefly, which the build
/// cache already tells apart (a machine's tzdata update would leave a warm
/// build reporting an unchanged site with its old dates).
pub fn time_zone(name: &str) -> Result<TimeZone, jiff::Error> {
    static DATABASE: std::sync::OnceLock<jiff::tz::TimeZoneDatabase> = std::sync::OnceLock::new();
    DATABASE
        .get_or_init(jiff::tz::TimeZoneDatabase::bundled)
        .get(name)
}

/// A point in time, with the calendar day it falls on in the site's time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    pub instant: Timestamp,
    pub day: civil::Date,
}

impl Moment {
    /// `YYYY-MM-DD` for the API and URLs.
    pub fn ymd(&self) -> String {
        self.day.to_string()
    }

    pub fn rfc3339(&self) -> String {
        self.instant.to_string()
    }
}

impl PartialOrd for Moment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Moment {
    fn cmp(&self, other: &Self) -> Ordering {
        self.instant.cmp(&other.instant)
    }
}

/// Parses a front-matter date in `tz`. The error says which forms are accepted.
pub fn parse_moment(text: &str, tz: &TimeZone) -> Result<Moment, String> {
    let text = text.trim();
    // jiff's Date parser also takes a date-time and drops the time, so a bare
    // date is recognised by its shape first.
    let bare_date = text.len() == 10 && !text.contains(['T', 't', ' ']);
    let zoned: Result<ZonedDateTime, _> = if bare_date && let Ok(day) = text.parse::<civil::Date>()
    {
        day.to_zoned_datetime(tz.clone())
    } else if let Ok(instant) = text.parse::<Timestamp>() {
        Ok(instant.to_zoned_datetime(tz.clone()))
    } else if !bare_date && let Ok(local) = text.parse::<civil::DateTime>() {
        local.to_zoned_datetime(tz.clone())
    } else if bare_date && text.chars().filter(char::is_ascii_digit).count() == 8 {
        return Err(format!("`{text}` is not a valid date: no such date"));
    } else {
        return Err(format!(
            "`{text}` is not a date; write YYYY-MM-DD (2025-06-10) or an RFC 3339 date-time (2025-06-10T09:30:00+09:00)"
        ));
    };
    let zoned = zoned.map_err(|e| format!("`{text}` is not a valid date: {e}"))?;
    Ok(Moment {
        instant: zoned.timestamp(),
        day: zoned.date(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seoul() -> TimeZone {
        time_zone("Asia/Seoul").unwrap()
    }

    #[test]
    fn zones_come_from_the_database_built_in() {
        let seoul = seoul();
        assert_eq!(seoul.iana_name(), Some("Asia/Seoul"));
        let summer = "2025-07-01T00:00:00Z".parse::<Timestamp>().unwrap();
        assert_eq!(seoul.to_offset(summer).seconds(), 9 * 3600);
        let new_york = time_zone("America/New_York").unwrap();
        assert_eq!(new_york.to_offset(summer).seconds(), -4 * 3600);
        assert!(time_zone("UTC").unwrap() == TimeZone::UTC);
        assert!(time_zone("Mars/Olympus_Mons").is_err());
    }

    #[test]
    fn a_plain_date_is_midnight_in_the_site_zone() {
        let m = parse_moment("2025-06-10", &seoul()).unwrap();
        assert_eq!(m.ymd(), "2025-06-10");
        assert_eq!(m.rfc3339(), "2025-06-09T15:00:00Z");
    }

    #[test]
    fn a_datetime_falls_on_its_day_in_the_site_zone() {
        let m = parse_moment("2025-06-10T20:00:00Z", &seoul()).unwrap();
        assert_eq!(m.ymd(), "2025-06-11");
        let m = parse_moment("2025-06-10T09:30:00", &seoul()).unwrap();
        assert_eq!(m.rfc3339(), "2025-06-10T00:30:00Z");
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert!(parse_moment("2025-02-30", &seoul()).is_err());
        assert!(parse_moment("June 10", &seoul()).is_err());
        assert!(parse_moment("2025/06/10", &seoul()).is_err());
    }
}
