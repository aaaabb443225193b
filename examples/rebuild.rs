//! Profiles `serve`'s rebuild: copies the site to a temp folder, prepares it
//! once, then appends to one entry and prepares it again, N times, printing
//! each rebuild's time. With `WAYMARK_TIMINGS=1` every stage is timed (and
//! what the cache spared); run it under `perf record` to see where a save's
//! time goes.
//!
//! cargo run --release --example rebuild -- SITE_DIR [N]

use std::time::Instant;

#[path = "../benches/support/site_copy.rs"]
mod site_copy;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let site = std::path::PathBuf::from(args.first().expect("usage: rebuild SITE_DIR [N]"));
    let n: usize = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20)
        .max(1);
    let tmp = tempfile::tempdir().expect("a temp folder");
    let root = tmp.path().to_path_buf();
    site_copy::copy_site(&site, &root);
    let cache = std::sync::Arc::new(waymark::pipeline::Cache::default());
    let opts = waymark::pipeline::Options {
        root: root.clone(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        cache: Some(cache.clone()),
        card_cache: None,
        ..Default::default()
    };
    let first = Instant::now();
    let (live, _) = waymark::serve::prepare(&opts).unwrap_or_else(|e| panic!("{e:?}"));
    println!("first build: {:.1} ms, {} pages", ms(first), live.pages());
    let entry = site_copy::first_achievement(&root);
    let rel = entry
        .strip_prefix(&root)
        .expect("below the site")
        .to_string_lossy()
        .into_owned();
    let original = std::fs::read_to_string(&entry).expect("read the entry");
    let mut times = Vec::new();
    let mut keep = Some(live);
    for i in 0..n {
        std::fs::write(&entry, format!("{original}\nEdit {i}.\n")).expect("edit the entry");
        let t = Instant::now();
        // As serve does: the watcher names the file that changed.
        cache.changed(std::slice::from_ref(&rel), false);
        let (live, _) = waymark::serve::prepare(&opts).unwrap_or_else(|e| panic!("{e:?}"));
        times.push(ms(t));
        // As serve does: the old generation is dropped off the timed path.
        let old = keep.replace(live);
        std::thread::spawn(move || drop(old));
    }
    times.sort_by(f64::total_cmp);
    println!(
        "rebuild after one edit, {n} times: p50 {:.1} ms, min {:.1} ms, max {:.1} ms",
        times[n / 2],
        times[0],
        times[n - 1]
    );
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
