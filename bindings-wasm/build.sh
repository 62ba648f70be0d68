#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg with no downloads beyond the registries.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen 0.2.130' || cargo install wasm-bindgen-cli --version 0.2.130
cargo build -p planix-wasm --target wasm32-unknown-unknown --release
wasm-bindgen --target web --out-dir bindings-wasm/pkg target/wasm32-unknown-unknown/release/planix_wasm.wasm
cp bindings-wasm/package.json bindings-wasm/pkg/package.json
echo "built bindings-wasm/pkg"
