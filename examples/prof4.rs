fn main() {
    let f = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&f).unwrap();
    let all = |name: &str| bcf_check::profile::all().iter().any(|p| p.sheets.required().contains(&name));
    for skip in ["", "HWB Data", "Lists", "5. Expenditure", "2. Cover"] {
        let wanted = |name: &str| all(name) && name != skip;
        let mut best = f64::MAX;
        for _ in 0..7 {
            let t = std::time::Instant::now();
            for _ in 0..200 {
                let _ = bcf_check::workbook::read_workbook(&bytes, &wanted).unwrap();
            }
            best = best.min(t.elapsed().as_secs_f64() / 200.0 * 1e3);
        }
        println!("read without {skip:?}: {best:.3} ms");
    }
}
