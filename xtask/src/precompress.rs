//! Precompressed copies of the served packages: `NAME.br` (brotli, quality
//! 11) and `NAME.gz` (gzip, level 9) beside every `.wasm`, `.js` and `.css`
//! file, so `banli-server` answers `Accept-Encoding: br`/`gzip` with these
//! bytes instead of compressing on every request (or not at all: the
//! widget's wasm is 4.35 MB raw, about a quarter of that as brotli).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// The extensions worth compressing (text and wasm; images are already compressed).
const EXTENSIONS: &[&str] = &["wasm", "js", "css"];

/// Writes `.br` and `.gz` beside every compressible file directly in `dir`
/// (not below it: each package folder is passed on its own). Returns the
/// files written.
pub fn precompress_dir(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot list {}", dir.display()))?;
    files.sort();
    for path in files {
        let compressible = path.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e));
        if !compressible {
            continue;
        }
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        for (suffix, compressed) in [("br", brotli(&bytes)?), ("gz", gzip(&bytes)?)] {
            let mut target = path.clone().into_os_string();
            target.push(".");
            target.push(suffix);
            let target = PathBuf::from(target);
            std::fs::write(&target, compressed)
                .with_context(|| format!("cannot write {}", target.display()))?;
            written.push(target);
        }
    }
    Ok(written)
}

/// Brotli at the highest quality with a 16 MiB window: built once, served
/// many times, so the slow setting pays.
pub fn brotli(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        size_hint: bytes.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli failed")?;
    Ok(out)
}

pub fn gzip(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    encoder.write_all(bytes).context("gzip failed")?;
    encoder.finish().context("gzip failed")
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn every_compressible_file_gets_br_and_gz_that_decompress_to_it() {
        let dir = std::env::temp_dir().join(format!("banli-precompress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let wasm: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.join("a_bg.wasm"), &wasm).unwrap();
        std::fs::write(dir.join("a.js"), "export const a = 1;\n".repeat(100)).unwrap();
        std::fs::write(dir.join("a.css"), "p { color: red }\n").unwrap();
        std::fs::write(dir.join("package.json"), "{}").unwrap();
        std::fs::write(dir.join("sub/b.js"), "b").unwrap();

        let written = precompress_dir(&dir).unwrap();
        assert_eq!(written.len(), 6, "{written:?}");
        assert!(!dir.join("package.json.br").exists());
        assert!(!dir.join("sub/b.js.br").exists());

        let br = std::fs::read(dir.join("a_bg.wasm.br")).unwrap();
        assert!(br.len() < wasm.len() / 10, "brotli did not compress");
        let mut plain = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, wasm);
        let gz = std::fs::read(dir.join("a_bg.wasm.gz")).unwrap();
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, wasm);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
