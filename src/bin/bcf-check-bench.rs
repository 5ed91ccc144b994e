//! Benchmark support (native): writes the benchmark workbooks and times the full check natively.
//! Run by scripts/bench.sh, which also times the wasm build, SheetJS, the page and the CLI.
//!
//! Usage: bcf-check-bench DIR — writes DIR/small.xlsx, DIR/large.xlsx (200 schemes) and
//! DIR/batch/*.xlsx (150 plans), then prints the native timings.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::time::{Duration, Instant};

    use bcf_check::template;

    // `--measure FILE`: check one file in this fresh process and print its time and peak memory
    // (so each hostile file's peak is its own).
    // `--measure-derive FILE`: the same for making a definition from it (`profile derive`).
    // `--measure-mark FILE`: the same for checking it and making its marked copy (`--annotate`).
    // `--measure-cli ARGS…`: the command line itself on ARGS (a definition, a folder), its
    // output discarded, in this fresh process.
    let args: Vec<String> = std::env::args().collect();
    let measuring = args.get(1).map(String::as_str);
    if measuring == Some("--measure-cli") {
        let t = Instant::now();
        let status = bcf_check::cli::run(&args[2..], &mut std::io::sink(), &mut std::io::sink());
        let what =
            args.iter().skip(2).filter(|a| !a.starts_with("--")).map(|a| {
                std::path::Path::new(a).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            });
        let what: Vec<String> = what.collect();
        println!(
            "  {:<52} {:>8.0} ms {:>7.1} MB peak  exit {status}",
            what.join(" "),
            t.elapsed().as_secs_f64() * 1000.0,
            peak_mb()
        );
        return;
    }
    if matches!(measuring, Some("--measure" | "--measure-derive" | "--measure-mark")) {
        let Some(path) = args.get(2) else { return };
        let bytes = std::fs::read(path).unwrap_or_default();
        let t = Instant::now();
        let outcome = if measuring == Some("--measure") {
            bcf_check::check_bytes(path, &bytes).status.as_str().to_string()
        } else if measuring == Some("--measure-mark") {
            let report = bcf_check::check_bytes(path, &bytes);
            match bcf_check::annotate::mark_copy(&bytes, &report, "6 December 2026 at 09:00") {
                Ok(copy) => format!("marked ({:.1} MB)", copy.bytes.len() as f64 / 1_048_576.0),
                Err(why) => format!("not marked: {why:?}"),
            }
        } else {
            match bcf_check::check::read_every_sheet(&bytes) {
                Ok(workbook) => match bcf_check::derive::derive(&workbook, None) {
                    Ok(d) if d.complete() => "complete".to_string(),
                    Ok(d) => format!("{} not found", d.not_found.len()),
                    Err(e) => e,
                },
                Err(_) => "unreadable".to_string(),
            }
        };
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let peak = peak_mb();
        let name = std::path::Path::new(path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        println!("  {name:<52} {ms:>8.0} ms {peak:>7.1} MB peak  {outcome}");
        return;
    }
    let dir = std::path::PathBuf::from(args.get(1).cloned().unwrap_or_else(|| "target/bench".into()));
    let batch = dir.join("batch");
    if let Err(e) = std::fs::create_dir_all(&batch) {
        eprintln!("cannot create {}: {e}", batch.display());
        std::process::exit(1);
    }
    let Some(profile) = bcf_check::profile::by_id("2025-26") else { return };
    let boards = template::boards(profile);
    let plan = |name: &str, schemes: usize| -> Vec<u8> {
        let board = boards.iter().find(|b| b.name == name).unwrap_or(&boards[0]);
        let mut model = template::build(profile, &boards, Some(board));
        if schemes > 5 {
            template::fill_valid_with_schemes(&mut model, schemes);
        } else {
            template::fill_valid(&mut model);
        }
        model.to_xlsx()
    };
    let small = plan("Leicester", 5);
    let large = plan("Leicestershire", 200);
    let write = |path: std::path::PathBuf, bytes: &[u8]| {
        if let Err(e) = std::fs::write(&path, bytes) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
    };
    write(dir.join("small.xlsx"), &small);
    write(dir.join("large.xlsx"), &large);
    // 150 plans: every board of the round, one in ten of them large.
    for (i, board) in boards.iter().take(150).enumerate() {
        let bytes = plan(&board.name, if i % 10 == 0 { 200 } else { 5 });
        write(batch.join(format!("{:03}-{}.xlsx", i + 1, board.code)), &bytes);
    }

    println!("native (this machine, release build): read and fully check one workbook");
    for (name, bytes) in [("small plan (5 schemes)", &small), ("large plan (200 schemes)", &large)] {
        // Warm up, then time until two seconds or 500 runs.
        for _ in 0..3 {
            std::hint::black_box(bcf_check::check_bytes("plan.xlsx", bytes));
        }
        let mut times = Vec::new();
        let start = Instant::now();
        while times.len() < 500 && start.elapsed() < Duration::from_secs(2) {
            let t = Instant::now();
            let report = std::hint::black_box(bcf_check::check_bytes("plan.xlsx", bytes));
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(report.status, bcf_check::report::Status::Pass, "the benchmark plans must pass");
        }
        times.sort_by(f64::total_cmp);
        println!(
            "  {name:<26} {:>7.2} ms median, {:>7.2} ms fastest ({} runs, {:.0} KB)",
            times[times.len() / 2],
            times[0],
            times.len(),
            bytes.len() as f64 / 1024.0
        );
    }

    // What reading and checking what the workbook defines for itself (its validations, links and
    // checklist) costs, of a whole check of the large plan.
    {
        let median = |mut f: Box<dyn FnMut()>| {
            let mut times = Vec::new();
            let start = Instant::now();
            while times.len() < 200 && start.elapsed() < Duration::from_secs(2) {
                let t = Instant::now();
                f();
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            times[times.len() / 2]
        };
        let whole = median(Box::new(|| {
            std::hint::black_box(bcf_check::check_bytes("plan.xlsx", &large));
        }));
        let copy = bcf_check::workbook::check_and_unzip(&large).ok().flatten().unwrap_or_else(|| large.clone());
        let read = median(Box::new(|| {
            std::hint::black_box(bcf_check::workbook::definitions::read(&copy));
        }));
        let workbook = bcf_check::workbook::read_workbook(&large, &|_| false);
        let (_, plan) = bcf_check::check::check_bytes_with_plan("plan.xlsx", &large);
        let (checked, extra_cells) = match (&workbook, &plan) {
            (Ok(wb), Some(plan)) => {
                // As in a check: the cells the round's rules read are found, and left to them.
                let ms = median(Box::new(|| {
                    let read = plan.cells().into_iter().map(|(kind, f)| (plan.sheet_name(kind), f.at));
                    let judged = bcf_check::own_checks::cells_of(wb, read);
                    std::hint::black_box(bcf_check::own_checks::check(wb, &judged, &Default::default()));
                }));
                let required: Vec<&str> = profile.sheets.required();
                let extra = wb
                    .sheets
                    .iter()
                    .filter(|s| !required.contains(&s.name.as_str()))
                    .map(|s| s.cells.len())
                    .sum::<usize>();
                (ms, extra)
            }
            _ => (0.0, 0),
        };
        println!(
            "  what the large plan defines for itself: read {read:.2} ms + checked {checked:.2} ms = {:.1}% of a whole check ({whole:.2} ms); the sheets no round requires add {extra_cells} cells to read",
            (read + checked) / whole * 100.0
        );
    }

    // The worst file for label search within the limits: 950,000 short text cells on HWB Data (the
    // per-sheet limit is 1,000,000), the Cover's labels and an HWB Data header gone.
    let worst = {
        let board = boards.iter().find(|b| b.name == "Leicester").unwrap_or(&boards[0]);
        let mut model = template::build(profile, &boards, Some(board));
        template::fill_valid(&mut model);
        let cover = profile.sheets.cover.clone();
        for label in [&profile.cover.hwb, &profile.cover.completed_by, &profile.cover.email, &profile.cover.signed_off]
        {
            model.clear(&cover, &label.label_cell.to_string());
        }
        let data = profile.sheets.hwb_data.clone();
        model.set_text(&data, "F1", "renamed header");
        for i in 0..950_000u32 {
            let at = bcf_check::workbook::CellRef::new(1_000 + i / 50, 30 + i % 50);
            model.set_at(&data, at, bcf_check::workbook::Value::Text(format!("t{}", i % 997).into()));
        }
        model.to_xlsx()
    };
    write(dir.join("worst-label-search.xlsx"), &worst);
    println!("hostile files, each checked in a fresh process (time, peak memory, outcome)");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("tests/fixtures/hostile")
        .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x != "py")).collect())
        .unwrap_or_default();
    files.push(dir.join("worst-label-search.xlsx"));
    files.sort();
    if let Ok(me) = std::env::current_exe() {
        for file in &files {
            let _ = std::process::Command::new(&me).arg("--measure").arg(file).status();
        }
        println!("hostile files, each made into a definition (profile derive) in a fresh process");
        for file in &files {
            let _ = std::process::Command::new(&me).arg("--measure-derive").arg(file).status();
        }
        println!("hostile files, each checked and marked (--annotate) in a fresh process");
        for file in &files {
            let _ = std::process::Command::new(&me).arg("--measure-mark").arg(file).status();
        }
        // Template definitions past every limit (each refused with its JSON path), and a folder
        // of every hostile file with the kinds of entry a folder of submissions holds.
        println!("hostile template definitions, each with the small plan, through the command line");
        let definitions = dir.join("hostile-definitions");
        let _ = std::fs::create_dir_all(&definitions);
        let base: serde_json::Value =
            serde_json::from_str(bcf_check::profile::built_in_json("2025-26").unwrap_or("{}")).unwrap_or_default();
        let grown = |key: &str, n: usize| {
            let mut p = base.clone();
            let one = p[key].get(0).cloned().unwrap_or_default();
            p[key] = serde_json::Value::Array(vec![one; n]);
            serde_json::to_string(&p).unwrap_or_default()
        };
        let mut hostile = vec![
            ("a-million-conditions.json", grown("condition_list", 1_000_000).into_bytes()),
            ("a-million-years.json", grown("years", 1_000_000).into_bytes()),
            ("a-million-metrics.json", grown("metric_list", 1_000_000).into_bytes()),
            ("50-mb-of-spaces.json", vec![b' '; 50 * 1024 * 1024]),
        ];
        hostile.push(("a-second-definition-after.json", {
            let one = serde_json::to_string(&base).unwrap_or_default();
            format!("{one}{one}").into_bytes()
        }));
        for (name, bytes) in &hostile {
            let path = definitions.join(name);
            write(path.clone(), bytes);
            let plan = dir.join("small.xlsx");
            let _ = std::process::Command::new(&me).args(["--measure-cli", "--profile"]).arg(&path).arg(&plan).status();
        }
        println!("a folder of every hostile file, a PDF and an empty file named .xlsx, and a link to itself");
        let folder = dir.join("hostile-folder");
        let _ = std::fs::remove_dir_all(&folder);
        let _ = std::fs::create_dir_all(&folder);
        for file in &files {
            if let Some(name) = file.file_name() {
                let _ = std::fs::copy(file, folder.join(name));
            }
        }
        write(folder.join("a-pdf.xlsx"), b"%PDF-1.7\n");
        write(folder.join("empty.xlsx"), b"");
        #[cfg(unix)]
        let _ = std::os::unix::fs::symlink(&folder, folder.join("itself"));
        let _ = std::process::Command::new(&me).arg("--measure-cli").arg(&folder).status();
    }
    let t = Instant::now();
    let report = bcf_check::check_bytes("worst.xlsx", &worst);
    println!(
        "  worst label search (950,000 text cells, labels moved) {:>7.0} ms ({:.1} MB, {} findings)",
        t.elapsed().as_secs_f64() * 1000.0,
        worst.len() as f64 / 1_048_576.0,
        report.findings.len()
    );
}

/// This process's peak resident memory so far, in MB (Linux; 0 elsewhere).
#[cfg(not(target_arch = "wasm32"))]
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

#[cfg(target_arch = "wasm32")]
fn main() {}
