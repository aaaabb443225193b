//! Profiles `serve`'s rebuild: prepares the site once, then appends to one
//! entry and prepares it again, N times, printing each rebuild's time.
//! With `WAYMARK_TIMINGS=1` every stage is timed; run it under `perf record`
//! to see where a save's time goes.
//!
//! cargo run --release --example rebuild -- SITE_DIR [N]

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = std::path::PathBuf::from(args.first().expect("usage: rebuild SITE_DIR [N]"));
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let opts = waymark::build::Options {
        root: root.clone(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        cache: Some(std::sync::Arc::new(waymark::build::Cache::default())),
        ..Default::default()
    };
    let first = Instant::now();
    let (live, _) = waymark::serve::prepare(&opts).unwrap_or_else(|e| panic!("{e:?}"));
    println!("first build: {:.1} ms, {} pages", ms(first), live.pages());
    let entry = walkdir::WalkDir::new(root.join("content/achievements"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .expect("an achievement")
        .into_path();
    let original = std::fs::read_to_string(&entry).unwrap();
    let mut times = Vec::new();
    let mut keep = Some(live);
    for i in 0..n {
        std::fs::write(&entry, format!("{original}\nEdit {i}.\n")).unwrap();
        let t = Instant::now();
        // As serve does: the watcher names the file that changed.
        if let Some(cache) = &opts.cache {
            cache.changed(
                &[entry
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()],
                false,
            );
        }
        let (live, _) = waymark::serve::prepare(&opts).unwrap_or_else(|e| panic!("{e:?}"));
        times.push(ms(t));
        // As serve does: the old generation is dropped off the timed path.
        let old = keep.replace(live);
        std::thread::spawn(move || drop(old));
    }
    std::fs::write(&entry, original).unwrap();
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
