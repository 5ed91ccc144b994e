//! Writes the blank planning templates (for the site) and the sample workbooks the browser tests
//! upload. Run with `cargo run --bin bcf-check-templates`; the tests check the files are current.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, bytes) in bcf_check::template::published_files() {
        let target = root.join(&path);
        if let Some(dir) = target.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("could not create {}: {e}", dir.display());
                std::process::exit(1);
            }
        }
        match std::fs::write(&target, bytes) {
            Ok(()) => println!("wrote {path}"),
            Err(e) => {
                eprintln!("could not write {path}: {e}");
                std::process::exit(1);
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
