//! Subresource Integrity for the widget: the loader `banli-form.js` gets the
//! SHA-384 of the wasm module and the stylesheet written into it (so it
//! fetches them with `integrity`), and the build prints and saves
//! (`integrity.json`) the hashes a portal puts on its own tags.

use std::path::Path;

use anyhow::Context;
use base64::Engine as _;
use sha2::{Digest, Sha384};

/// The placeholders in `crates/widget/js/banli-form.js`.
const WASM_PLACEHOLDER: &str = "__BANLI_WASM_INTEGRITY__";
const CSS_PLACEHOLDER: &str = "__BANLI_CSS_INTEGRITY__";
const ENGINE_PLACEHOLDER: &str = "__BANLI_ENGINE_INTEGRITY__";

/// The files of the widget package a page loads, in the order it loads them.
const FILES: &[&str] = &[
    "banli-form.js",
    "banli_widget.js",
    "banli_widget_bg.wasm",
    "banli-form.css",
    "banli_widget_engine.js",
    "banli_widget_engine_bg.wasm",
];

/// `sha384-<base64>`, as the `integrity` attribute wants it.
pub fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

fn sri_of(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(sri(&bytes))
}

/// Writes the wasm's and the stylesheet's hashes into the loader, then
/// saves and prints every file's hash.
pub fn seal_widget(dir: &Path) -> anyhow::Result<()> {
    let loader_path = dir.join("banli-form.js");
    let loader = std::fs::read_to_string(&loader_path)
        .with_context(|| format!("cannot read {}", loader_path.display()))?;
    anyhow::ensure!(
        [WASM_PLACEHOLDER, CSS_PLACEHOLDER, ENGINE_PLACEHOLDER]
            .iter()
            .all(|p| loader.contains(p)),
        "{} lacks the integrity placeholders {WASM_PLACEHOLDER}, {CSS_PLACEHOLDER} and {ENGINE_PLACEHOLDER}",
        loader_path.display()
    );
    let sealed = loader
        .replace(
            WASM_PLACEHOLDER,
            &sri_of(&dir.join("banli_widget_bg.wasm"))?,
        )
        .replace(CSS_PLACEHOLDER, &sri_of(&dir.join("banli-form.css"))?)
        .replace(
            ENGINE_PLACEHOLDER,
            &sri_of(&dir.join("banli_widget_engine_bg.wasm"))?,
        );
    std::fs::write(&loader_path, sealed)
        .with_context(|| format!("cannot write {}", loader_path.display()))?;

    let mut hashes = Vec::new();
    for file in FILES {
        hashes.push((*file, sri_of(&dir.join(file))?));
    }
    let json = format!(
        "{{\n{}\n}}\n",
        hashes
            .iter()
            .map(|(file, hash)| format!("  \"{file}\": \"{hash}\""))
            .collect::<Vec<_>>()
            .join(",\n")
    );
    std::fs::write(dir.join("integrity.json"), json).context("cannot write integrity.json")?;

    println!(
        "\n==> Subresource Integrity of the widget (also in {}/integrity.json)",
        dir.display()
    );
    for (file, hash) in &hashes {
        println!("{file:<28} {hash}");
    }
    println!(
        "Embed with: <script type=\"module\" src=\".../banli-form.js\" integrity=\"{}\" crossorigin=\"anonymous\"></script>",
        hashes[0].1
    );
    println!(
        "(banli-form.js checks the wasm modules and the stylesheet itself; add <link rel=\"modulepreload\" href=\".../banli_widget.js\" integrity=\"…\"> for the glue.)"
    );
    // The stylesheet's hint must carry the loader's hash: Chromium does not
    // give a preload to a link whose integrity differs, and fetches again.
    println!(
        "Load early (README, \"Loading early\"), in <head>:\n  <link rel=\"preload\" href=\".../banli_widget_bg.wasm\" as=\"fetch\" crossorigin>\n  <link rel=\"preload\" href=\".../banli-form.css\" as=\"style\" crossorigin integrity=\"{}\">",
        hashes[3].1
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sri_is_base64_sha384() {
        // The FIPS 180-2 "abc" vector, in base64.
        assert_eq!(
            sri(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn sealing_fills_the_placeholders_and_lists_every_file() {
        let dir = std::env::temp_dir().join(format!("banli-sri-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("banli-form.js"),
            format!(
                "const w = '{WASM_PLACEHOLDER}'; const c = '{CSS_PLACEHOLDER}'; const e = '{ENGINE_PLACEHOLDER}';"
            ),
        )
        .unwrap();
        for (file, body) in [
            ("banli_widget.js", "glue"),
            ("banli_widget_bg.wasm", "wasm"),
            ("banli-form.css", "css"),
            ("banli_widget_engine.js", "engine glue"),
            ("banli_widget_engine_bg.wasm", "engine"),
        ] {
            std::fs::write(dir.join(file), body).unwrap();
        }
        seal_widget(&dir).unwrap();
        let loader = std::fs::read_to_string(dir.join("banli-form.js")).unwrap();
        assert!(loader.contains(&sri(b"wasm")) && loader.contains(&sri(b"css")));
        assert!(loader.contains(&sri(b"engine")));
        let saved = std::fs::read_to_string(dir.join("integrity.json")).unwrap();
        assert!(saved.contains(&format!(
            "\"banli-form.js\": \"{}\"",
            sri(loader.as_bytes())
        )));
        assert!(saved.contains(&sri(b"glue")));
        // A loader without placeholders is a build error, not a silent skip.
        std::fs::write(dir.join("banli-form.js"), "nothing").unwrap();
        assert!(seal_widget(&dir).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
