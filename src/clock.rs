//! Time: today's date (from SOURCE_DATE_EPOCH when set, so builds are
//! reproducible) and the stopwatch behind `WAYMARK_TIMINGS`. Below every
//! other module, so anything may time itself.

use std::time::Instant;

use jiff::civil::Date;

/// When the process started (as near as `main` can tell): timings print
/// each stage's end against it, so the gaps between stages show too.
pub static START: std::sync::LazyLock<Instant> = std::sync::LazyLock::new(Instant::now);

/// Prints how long each stage of a run took when `WAYMARK_TIMINGS` is set
/// (wall time, the CPU time of all threads, resident memory): the numbers
/// behind benches/compare.sh.
pub(crate) struct Stopwatch {
    on: bool,
    last: Instant,
    last_cpu: u64,
}

/// The process's CPU time so far (user + system, all threads) in clock
/// ticks of 10 ms (Linux's fixed USER_HZ), where the system tells it; 0
/// elsewhere.
fn cpu_ticks() -> u64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| stat_cpu_ticks(&s))
        .unwrap_or(0)
}

/// User + system CPU ticks from the text of `/proc/<pid>/stat`.
fn stat_cpu_ticks(s: &str) -> Option<u64> {
    // Fields after the command name (which may hold spaces).
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the whole line.
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// Resident memory in KiB from the text of `/proc/<pid>/status`.
fn status_rss_kib(s: &str) -> Option<u64> {
    let kb = s.lines().find_map(|l| l.strip_prefix("VmRSS:"))?;
    kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok()
}

impl Stopwatch {
    pub fn new() -> Stopwatch {
        let on = std::env::var_os("WAYMARK_TIMINGS").is_some();
        Stopwatch {
            on,
            last: Instant::now(),
            last_cpu: if on { cpu_ticks() } else { 0 },
        }
    }

    pub(crate) fn lap(&mut self, what: &str) {
        if self.on {
            // Resident memory too, where the system tells it (Linux).
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| status_rss_kib(&s))
                .map(|kb| format!(" (resident {} MiB)", kb / 1024))
                .unwrap_or_default();
            let cpu = cpu_ticks();
            eprintln!(
                "  [{:.1}] {what}: {:.1} ms, cpu {} ms{rss}",
                START.elapsed().as_secs_f64() * 1000.0,
                self.last.elapsed().as_secs_f64() * 1000.0,
                cpu.saturating_sub(self.last_cpu) * 10
            );
            self.last_cpu = cpu;
        }
        self.last = Instant::now();
    }
}

impl Stopwatch {
    /// Prints a line among the timings (when they are on).
    pub(crate) fn note(&self, what: impl FnOnce() -> String) {
        if self.on {
            eprintln!("  {}", what());
        }
    }
}

impl Default for Stopwatch {
    fn default() -> Self {
        Stopwatch::new()
    }
}

/// Today, from SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
pub(crate) fn today() -> Date {
    today_from(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
}

/// [`today`] with SOURCE_DATE_EPOCH's value passed in: the date (UTC) of
/// that many seconds since 1970, or the clock's date when it is absent or
/// not a number of seconds.
fn today_from(source_date_epoch: Option<&str>) -> Date {
    if let Some(ts) = source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
    {
        return ts.to_zoned(jiff::tz::TimeZone::UTC).date();
    }
    jiff::Zoned::now().date()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// The clock's date, before and after `f`: a test that runs over
    /// midnight still passes.
    fn around_now(f: impl FnOnce() -> Date) -> (Date, Date, Date) {
        let before = jiff::Zoned::now().date();
        let got = f();
        (before, got, jiff::Zoned::now().date())
    }

    #[test]
    fn source_date_epoch_gives_that_day_in_utc() {
        assert_eq!(today_from(Some("0")), date("1970-01-01"));
        // The last second of a day is still that day; the next is not.
        assert_eq!(today_from(Some("86399")), date("1970-01-01"));
        assert_eq!(today_from(Some("86400")), date("1970-01-02"));
        assert_eq!(today_from(Some("-1")), date("1969-12-31"));
        // What the tests and scripts/output-hashes.sh use.
        assert_eq!(
            today_from(Some("1795392000")),
            jiff::Timestamp::from_second(1_795_392_000)
                .unwrap()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
        );
    }

    #[test]
    fn source_date_epoch_may_carry_surrounding_whitespace() {
        assert_eq!(today_from(Some(" 86400\n")), date("1970-01-02"));
    }

    #[test]
    fn no_or_unusable_source_date_epoch_falls_back_to_the_clock() {
        for value in [
            None,
            Some(""),
            Some("yesterday"),
            Some("1.5"),
            Some("9223372036854775807"),
        ] {
            let (before, got, after) = around_now(|| today_from(value));
            assert!(
                got == before || got == after,
                "{value:?} gave {got}, the clock says {before}"
            );
        }
    }

    #[test]
    fn cpu_ticks_are_user_plus_system_even_when_the_command_has_spaces() {
        // pid (comm) state, then fields 4..; utime and stime are 14 and 15.
        let fields = |comm: &str| format!("4242 ({comm}) R 1 2 3 4 5 6 7 8 9 10 130 27 11 12 13");
        assert_eq!(stat_cpu_ticks(&fields("waymark")), Some(157));
        assert_eq!(stat_cpu_ticks(&fields("a (b) c")), Some(157));
        assert_eq!(stat_cpu_ticks("4242 (waymark) R 1 2"), None);
        assert_eq!(stat_cpu_ticks("no parenthesis"), None);
    }

    #[test]
    fn resident_memory_is_read_from_vmrss() {
        let status = "Name:\twaymark\nVmPeak:\t  9999 kB\nVmRSS:\t   20480 kB\nThreads:\t4\n";
        assert_eq!(status_rss_kib(status), Some(20480));
        assert_eq!(status_rss_kib("Name:\twaymark\n"), None);
        assert_eq!(status_rss_kib("VmRSS:\tlots\n"), None);
    }
}
