//! Compiles the built-in rule pack into the binary: every `rules/*.yaml` file, in name order, so
//! a new built-in rule file needs no Rust change.

use std::fmt::Write;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the rules/ folder is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for name in &files {
        println!("cargo:rerun-if-changed=rules/{name}");
        let _ = writeln!(
            out,
            "    (\"rules/{name}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/{name}\"))),"
        );
    }
    out.push(']');
    let target = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_rules.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
