#!/usr/bin/env bash
# Regenerates the README's gallery from the program's own demo: every
# image here is a real output of `clusterspec demo`, copied unchanged.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo run --release --quiet -- demo --out-dir "$out" --quiet
for name in demo_au_ag_alloy demo_ag_size_series demo_au55_models demo_jellium_na20 demo_jellium_na20_levels demo_au25_dftb; do
    cp "$out/$name.png" "docs/images/$name.png"
done
echo "docs/images regenerated from clusterspec demo"
