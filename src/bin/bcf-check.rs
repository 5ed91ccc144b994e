//! `bcf-check [--format text|json|csv] FILE...`: see `bcf_check::cli`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let status = bcf_check::cli::run(&args, &mut stdout.lock(), &mut stderr.lock());
    std::process::exit(status);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
