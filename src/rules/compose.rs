//! Where a run's rules come from: the built-in pack, `--rules` files and folders, the project
//! config, `--no-default-rules` and `--disable`.
//!
//! Takes the rule options of a command and the working directory; gives the [`Ruleset`] and the
//! config file used (if any), or every error found. The project config is `.corroborate.yaml`,
//! found by searching upward from the working directory (or named with `--config`):
//!
//! ```yaml
//! rules: [rules/desk.yaml, rules/more/]   # files or folders, relative to this file
//! disable: [hedge-roughly]                # rule ids to turn off
//! no-default-rules: false                 # start from no built-in rules
//! ```
//!
//! Order: built-in pack, then the config's rule files, then `--rules` in the order given; a rule
//! with an existing id replaces it; disabled ids (config, rule files, `--disable`) go last.

use std::path::{Path, PathBuf};

use super::yaml::{self, Config};
use super::{RuleError, Ruleset};

/// The name of the project config file.
pub const CONFIG_FILE: &str = ".corroborate.yaml";

/// The rule options of a command.
#[derive(Debug, Clone, Default)]
pub struct RuleOptions {
    /// `--rules`: rule files or folders (every `.yaml`/`.yml` file in a folder, by path).
    pub rules: Vec<String>,
    /// `--no-default-rules`.
    pub no_default_rules: bool,
    /// `--config`: the project config to use instead of searching for one.
    pub config: Option<String>,
    /// `--no-config`: do not search for a project config.
    pub no_config: bool,
    /// `--disable`: rule ids to turn off.
    pub disable: Vec<String>,
}

/// The rules of a run and the config file they came with.
#[derive(Debug, Clone)]
pub struct Assembled {
    pub ruleset: Ruleset,
    pub config: Option<PathBuf>,
}

/// Builds the rules of a run from the options, searching for a project config upward from `cwd`.
///
/// # Errors
/// Every problem found: unreadable files, invalid config, invalid rules.
pub fn assemble(options: &RuleOptions, cwd: &Path) -> Result<Assembled, Vec<RuleError>> {
    let config_path = match (&options.config, options.no_config) {
        (Some(p), _) => Some(PathBuf::from(p)),
        (None, true) => None,
        (None, false) => find_config(cwd),
    };
    let mut errors = Vec::new();
    let mut config = Config::default();
    if let Some(path) = &config_path {
        let shown = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => match yaml::parse::<Config>(&shown, &text) {
                Ok(c) => config = c,
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(RuleError::new(
                &shown,
                None,
                None,
                format!("cannot read config: {e}"),
            )),
        }
    }
    let base = config_path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut files = Vec::new();
    for entry in &config.rules {
        read_rules(&base.join(entry), &mut files, &mut errors);
    }
    for entry in &options.rules {
        read_rules(Path::new(entry), &mut files, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let config_name = config_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let disable: Vec<(String, String)> = config
        .disable
        .iter()
        .map(|id| (id.clone(), config_name.clone()))
        .chain(
            options
                .disable
                .iter()
                .map(|id| (id.clone(), "--disable".to_string())),
        )
        .collect();
    let defaults = !(options.no_default_rules || config.no_default_rules);
    let ruleset = Ruleset::compose(defaults, &files, &disable)?;
    Ok(Assembled {
        ruleset,
        config: config_path,
    })
}

/// The nearest `.corroborate.yaml` in `dir` or a folder above it.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Reads a rule file, or every `.yaml`/`.yml` file of a folder (recursively, by path).
fn read_rules(path: &Path, files: &mut Vec<(String, String)>, errors: &mut Vec<RuleError>) {
    let shown = path.display().to_string();
    if path.is_dir() {
        let mut found = Vec::new();
        collect_yaml(path, &mut found);
        found.sort();
        if found.is_empty() {
            errors.push(RuleError::new(
                &shown,
                None,
                None,
                "folder holds no .yaml rule files".to_string(),
            ));
        }
        for f in found {
            read_rules(&f, files, errors);
        }
        return;
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => files.push((shown, text)),
            Err(_) => errors.push(RuleError::new(
                &shown,
                None,
                None,
                "rule file is not valid UTF-8".to_string(),
            )),
        },
        Err(e) => errors.push(RuleError::new(
            &shown,
            None,
            None,
            format!("cannot read rule file: {e}"),
        )),
    }
}

fn collect_yaml(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_yaml(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_is_found_upward_and_its_paths_are_relative_to_it() {
        let dir = tempfile_dir();
        let nested = dir.join("desk/stories");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::create_dir_all(dir.join("desk/rules")).unwrap();
        std::fs::write(
            dir.join("desk/rules/strict.yaml"),
            "rules:\n  - id: hedge-roughly\n    kind: hedge\n    description: strict\n    phrases: [roughly]\n    bound: approximate\n    tolerance: 0.02\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("desk").join(CONFIG_FILE),
            "rules: [rules/]\ndisable: [vague-millions]\n",
        )
        .unwrap();
        let assembled = assemble(&RuleOptions::default(), &nested).unwrap();
        assert_eq!(assembled.config, Some(dir.join("desk").join(CONFIG_FILE)));
        let rules = assembled.ruleset;
        assert_eq!(rules.lexicon.hedge("roughly").unwrap().tolerance, 0.02);
        assert!(rules.get("vague-millions").is_none());
        let no_config = RuleOptions {
            no_config: true,
            ..RuleOptions::default()
        };
        assert!(
            assemble(&no_config, &nested)
                .unwrap()
                .ruleset
                .get("vague-millions")
                .is_some()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_config_keys_are_located() {
        let dir = tempfile_dir();
        std::fs::write(dir.join(CONFIG_FILE), "rules: []\nrulez: [x]\n").unwrap();
        let errors = assemble(&RuleOptions::default(), &dir).unwrap_err();
        assert!(
            errors[0]
                .to_string()
                .contains(".corroborate.yaml:2:1: unknown field `rulez`"),
            "{}",
            errors[0]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "corroborate-config-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
