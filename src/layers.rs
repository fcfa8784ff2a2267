//! The crate's stages, lowest first, and a test that holds every module to them: a module uses
//! only the stages below its own, so no two modules need each other, and a new import that
//! would close a circle fails here with both names. Within a stage made of several files (`ddl`,
//! `diff`, `api`), no two files need each other either.
//!
//! Test modules are left out (a test of the catalog may read through `remote`), inline or in a
//! file of their own (`tests.rs`, `*_tests.rs`), and so are comments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Lowest first. Quoting and the plain helpers at the bottom; the model, and the vocabulary of a
/// plan over it (`change`: keys, operations, hazards); the reading layer (catalogs, locks,
/// untrusted text, remote servers); then the flow of a diff: the dependency graph, the steps
/// and their order (`plan`), the diff that decides them, the DDL text written from them, and the
/// SQL API on top.
const STAGES: &[&str] = &[
    "error",
    "timing",
    "ident",
    "conninfo",
    "model",
    "change",
    "costs",
    "coverage",
    "subtransaction",
    "script",
    "locks",
    "fingerprints",
    "catalog",
    "untrusted",
    "dblink",
    "remote",
    "fleet",
    "graph",
    "plan",
    "diff",
    "ddl",
    "api",
];

/// The text of a source file without its comments and without its test module, which by this
/// crate's habit closes the file.
fn production_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut kept = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let opens_tests = trimmed.starts_with("#[cfg(")
            && trimmed.contains("test")
            && lines[i + 1..].iter().take(3).any(|l| {
                l.trim_start().starts_with("mod ") || l.trim_start().starts_with("pub mod ")
            });
        if opens_tests {
            break;
        }
        kept.push(line.split("//").next().unwrap_or(""));
    }
    kept.join("\n")
}

/// The names that follow `prefix` in `text`: `crate::model::Schema` and `crate::{model, plan}`
/// give `model` and `plan` for the prefix `crate::`.
fn names_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices(prefix) {
        let rest = &text[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            names.extend(group.split(',').map(|part| word(part.trim())));
        } else {
            names.insert(word(rest));
        }
    }
    names.remove("");
    names
}

fn sources() -> Vec<(String, Option<String>, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let stage = path.file_name().unwrap().to_string_lossy().into_owned();
            for inner in std::fs::read_dir(&path).unwrap() {
                let inner = inner.unwrap().path();
                let file = inner.file_stem().unwrap().to_string_lossy().into_owned();
                // a test module of its own file may read through any stage
                if inner.is_dir() || file == "tests" || file.ends_with("_tests") {
                    continue;
                }
                let file = (file != "mod").then_some(file);
                files.push((stage.clone(), file, production_text(&inner)));
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let stage = path.file_stem().unwrap().to_string_lossy().into_owned();
            if stage != "lib" && stage != "layers" {
                files.push((stage, None, production_text(&path)));
            }
        }
    }
    files
}

#[test]
fn every_module_has_a_stage_and_uses_only_those_below_it() {
    let rank: BTreeMap<&str, usize> = STAGES.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut wrong = Vec::new();
    for (stage, file, text) in sources() {
        let Some(&own) = rank.get(stage.as_str()) else {
            wrong.push(format!("{stage} has no place in STAGES"));
            continue;
        };
        for used in names_after(&text, "crate::") {
            match rank.get(used.as_str()) {
                Some(&other) if other > own => wrong.push(format!(
                    "{stage}{} uses {used}, a stage above it",
                    file.as_ref().map(|f| format!("/{f}")).unwrap_or_default()
                )),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_two_files_of_a_stage_need_each_other() {
    let files = sources();
    let mut uses: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (stage, file, text) in &files {
        let Some(file) = file else { continue };
        let siblings: BTreeSet<&str> = files
            .iter()
            .filter(|(s, f, _)| s == stage && f.is_some())
            .filter_map(|(_, f, _)| f.as_deref())
            .collect();
        let mut used = names_after(text, "super::");
        used.extend(names_after(text, &format!("crate::{stage}::")));
        used.retain(|u| siblings.contains(u.as_str()) && u != file);
        uses.insert((stage.clone(), file.clone()), used);
    }
    let mut circles = Vec::new();
    for ((stage, file), used) in &uses {
        for other in used {
            let back = uses
                .get(&(stage.clone(), other.clone()))
                .is_some_and(|u| u.contains(file));
            if back && file < other {
                circles.push(format!("{stage}/{file} and {stage}/{other}"));
            }
        }
    }
    assert!(circles.is_empty(), "{}", circles.join("\n"));
}

#[test]
fn the_check_sees_an_import_and_a_circle() {
    let text = "use crate::{model, plan::Step};\nlet x = crate::ddl::quote_ident(a);";
    assert_eq!(
        names_after(text, "crate::"),
        ["ddl", "model", "plan"].map(String::from).into()
    );
}
