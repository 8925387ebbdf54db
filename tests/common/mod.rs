//! Shared helpers for the integration tests: insta settings, the fixture story, the binary.

#![allow(dead_code)]

use std::path::PathBuf;

/// insta settings that keep snapshots in the top-level `snapshots/` folder.
pub fn insta_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// The bundled fixture story (our own articles carrying the seeds' facts and traps).
pub fn fixture_story() -> String {
    "tests/fixtures/iraq-drawdown".to_string()
}

/// The shared folder beside the project, if it is there.
pub fn shared_dir(sub: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared").join(sub);
    dir.is_dir().then_some(dir)
}

/// Runs the binary with `args` in the project folder; gives (exit code, stdout, stderr).
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the corroborate binary runs");
    if let Some(input) = stdin {
        child.stdin.take().expect("piped stdin").write_all(input).expect("write stdin");
    }
    let out = child.wait_with_output().expect("the binary finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
