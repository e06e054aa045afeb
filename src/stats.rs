//! What `build --verbose` prints: time and memory after each stage, and the
//! pages of each kind with the time spent rendering them.

use crate::plan::Job;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counters of one build; a disabled one records nothing and costs nothing.
pub struct Stats {
    enabled: bool,
    started: Instant,
    /// Stage name, when it ended, resident memory then (KiB).
    stages: Mutex<Vec<(&'static str, Duration, Option<u64>)>>,
    /// Kind -> (files, summed render time, slowest file and its time).
    kinds: Mutex<BTreeMap<&'static str, KindCount>>,
}

#[derive(Default, Clone)]
struct KindCount {
    files: usize,
    time: Duration,
    slowest: (Duration, String),
}

impl Stats {
    pub fn new(enabled: bool) -> Stats {
        Stats {
            enabled,
            started: Instant::now(),
            stages: Mutex::new(Vec::new()),
            kinds: Mutex::new(BTreeMap::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Marks the end of a stage.
    pub fn stage(&self, name: &'static str) {
        if self.enabled {
            let mut stages = self.stages.lock().unwrap_or_else(|e| e.into_inner());
            stages.push((name, self.started.elapsed(), memory_kib("VmRSS:")));
        }
    }

    /// Counts one rendered file of `job`'s kind.
    pub fn job(&self, job: &Job, path: &str, time: Duration) {
        if !self.enabled {
            return;
        }
        let mut kinds = self.kinds.lock().unwrap_or_else(|e| e.into_inner());
        let count = kinds.entry(kind(job)).or_default();
        count.files += 1;
        count.time += time;
        if time > count.slowest.0 {
            count.slowest = (time, path.to_string());
        }
    }

    /// The report, one line per stage and per kind of page.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let stages = self.stages.lock().unwrap_or_else(|e| e.into_inner());
        let mut previous = Duration::ZERO;
        for (name, at, rss) in stages.iter() {
            out.push_str(&format!(
                "stage    {name:<8} {:>9.1} ms   (at {:>7.1} ms){}\n",
                ms(*at - previous),
                ms(*at),
                rss.map(|k| format!("   memory {} MiB", k / 1024))
                    .unwrap_or_default()
            ));
            previous = *at;
        }
        let kinds = self.kinds.lock().unwrap_or_else(|e| e.into_inner());
        out.push_str("pages    kind          files   render time (all threads)   slowest\n");
        for (kind, c) in kinds.iter() {
            out.push_str(&format!(
                "pages    {kind:<12} {:>6} {:>12.1} ms {:>14.1} ms {}\n",
                c.files,
                ms(c.time),
                ms(c.slowest.0),
                c.slowest.1
            ));
        }
        if let Some(peak) = memory_kib("VmHWM:") {
            out.push_str(&format!("memory   peak {} MiB\n", peak / 1024));
        }
        out
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The kind of page a job writes, as the report names it.
pub fn kind(job: &Job) -> &'static str {
    match job {
        Job::Home { .. } => "home",
        Job::Briefing(_) => "briefing",
        Job::Companies { .. }
        | Job::Company { .. }
        | Job::CompanyDeals { .. }
        | Job::CompanyQuotes { .. } => "company",
        Job::Deals { .. } | Job::Deal { .. } => "deal",
        Job::Tags { .. } | Job::Tag { .. } => "tag",
        Job::People { .. } | Job::Person { .. } => "person",
        Job::Page(_) | Job::NotFound => "page",
        Job::Search | Job::SearchIndex(_) => "search",
        Job::Corrections { .. } => "corrections",
        Job::Archive | Job::ArchiveYear { .. } => "archive",
        Job::Feed(..) => "feed",
        Job::Sitemap(_) | Job::SitemapIndex { .. } | Job::Robots => "sitemap",
        Job::Investors => "investors",
        Job::Api(_) => "api",
        Job::SyntaxCss | Job::Copy(_) | Job::Embedded(_) => "asset",
    }
}

/// The process's resident memory now (`VmRSS:`) or at its peak (`VmHWM:`);
/// Linux only, elsewhere unknown.
fn memory_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pages_per_kind_and_stages() {
        let stats = Stats::new(true);
        stats.stage("parse");
        stats.job(
            &Job::Briefing(0),
            "briefings/a/index.html",
            Duration::from_millis(2),
        );
        stats.job(
            &Job::Briefing(1),
            "briefings/b/index.html",
            Duration::from_millis(5),
        );
        stats.job(
            &Job::Tags { page: 1 },
            "tags/index.html",
            Duration::from_millis(1),
        );
        let report = stats.report();
        assert!(report.contains("stage    parse"), "{report}");
        let briefing = report.lines().find(|l| l.contains("briefing ")).unwrap();
        assert!(briefing.contains(" 2 "), "{briefing}");
        assert!(briefing.ends_with("briefings/b/index.html"), "{briefing}");
        assert!(report.lines().any(|l| l.starts_with("pages    tag ")));
    }

    #[test]
    fn a_disabled_counter_records_nothing() {
        let stats = Stats::new(false);
        stats.stage("parse");
        stats.job(
            &Job::Tags { page: 1 },
            "tags/index.html",
            Duration::from_millis(1),
        );
        assert!(!stats.report().contains("parse"));
        assert!(!stats.report().contains("tag "));
    }
}
