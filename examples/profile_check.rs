use std::time::Instant;
fn main() {
    let bytes = std::fs::read("target/bench/large.xlsx").unwrap();
    let n = 300;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(bcf_check::workbook::read_workbook(&bytes, &|_| true).unwrap());
    }
    println!("read all sheets: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
    for only in [
        "1. Guidance",
        "2. Cover",
        "3. Summary",
        "4. Income",
        "5. Expenditure",
        "6. Metrics",
        "7. National Conditions",
        "Lists",
        "HWB Data",
    ] {
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(bcf_check::workbook::read_workbook(&bytes, &|s| s == only).unwrap());
        }
        println!("  only {only:<24}: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
    }
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(bcf_check::workbook::read_workbook(&bytes, &|_| false).unwrap());
    }
    println!("open, no sheets: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
    let wb = bcf_check::workbook::read_workbook(&bytes, &|_| true).unwrap();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(bcf_check::check::check_workbook("x", &wb));
    }
    println!("check (no read): {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
    let profile = bcf_check::profile::by_id("2025-26").unwrap();
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(bcf_check::plan::extract(&wb, profile).ok().unwrap());
    }
    println!("  extract: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
    let plan = bcf_check::plan::extract(&wb, profile).ok().unwrap().plan;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(bcf_check::rules::check(&plan));
    }
    println!("  rules: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(bcf_check::rules::figures(&plan));
    }
    println!("  figures: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0 / n as f64);
}
#[allow(dead_code)]
fn unused() {}
