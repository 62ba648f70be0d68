#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg with no downloads beyond the registries.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen 0.2.130' || cargo install wasm-bindgen-cli --version 0.2.130
cargo build -p planix-wasm --target wasm32-unknown-unknown --release
wasm-bindgen --target web --out-dir bindings-wasm/pkg target/wasm32-unknown-unknown/release/planix_wasm.wasm
# tsify maps any type named `Duration` to std's `{ secs, nanos }`; planix's Duration is
# whole minutes (`export type Duration = number`), so point the references back at it.
sed -i 's/{ secs: number; nanos: number }/Duration/g' bindings-wasm/pkg/planix_wasm.d.ts
if grep -q 'secs: number' bindings-wasm/pkg/planix_wasm.d.ts; then echo "build.sh: a std Duration shape is left in the .d.ts"; exit 1; fi
# Size pass: npm's binaryen (pinned; Debian's wasm-opt 108 breaks the module silently).
mkdir -p target/binaryen
[ -x target/binaryen/node_modules/.bin/wasm-opt ] || npm install --prefix target/binaryen -q --no-audit --no-fund binaryen@132.0.0 >/dev/null
target/binaryen/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types \
  bindings-wasm/pkg/planix_wasm_bg.wasm -o bindings-wasm/pkg/planix_wasm_bg.opt.wasm
mv bindings-wasm/pkg/planix_wasm_bg.opt.wasm bindings-wasm/pkg/planix_wasm_bg.wasm
cp bindings-wasm/package.json bindings-wasm/node.js bindings-wasm/README.md LICENSE-MIT LICENSE-APACHE bindings-wasm/pkg/
echo "built bindings-wasm/pkg"
