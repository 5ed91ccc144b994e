//! `bcf-check [--format text|json|csv] FILE...`: see `bcf_check::cli`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    // args_os: a file name that is not valid Unicode must not crash the tool; it is shown lossily
    // and then cannot be opened, which is reported as an unreadable file.
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let status = bcf_check::cli::run(&args, &mut stdout.lock(), &mut stderr.lock());
    std::process::exit(status);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
