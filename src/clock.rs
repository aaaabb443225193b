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
pub struct Stopwatch {
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
        .and_then(|s| {
            // Fields after the command name (which may hold spaces).
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split(' ').collect();
            // utime and stime are fields 14 and 15 of the whole line.
            Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
        })
        .unwrap_or(0)
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

    pub fn lap(&mut self, what: &str) {
        if self.on {
            // Resident memory too, where the system tells it (Linux).
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    let kb = s.lines().find_map(|l| l.strip_prefix("VmRSS:"))?;
                    kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok()
                })
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
    pub fn note(&self, what: impl FnOnce() -> String) {
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
pub fn today() -> Date {
    if let Some(ts) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
    {
        return ts.to_zoned(jiff::tz::TimeZone::UTC).date();
    }
    jiff::Zoned::now().date()
}
