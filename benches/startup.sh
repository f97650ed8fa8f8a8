#!/usr/bin/env bash
# Start-up benchmark: whole-process time of `treevu recommend <listing>` (two
# homes, one car, fitted models cached in the store) against `treevu --version`.
# On demand, not in CI:
#   benches/startup.sh [path/to/shared/data]
# Everything lives in a temporary directory (HOME, TMPDIR, TREEVU_DB); the
# shared data is read in place, never copied into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
[ -f "$data/lima-properties.csv" ] || { echo "no $data/lima-properties.csv (see ../shared/data/README.md)" >&2; exit 1; }
cargo build --release --quiet
bin="$PWD/target/release/treevu"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" TMPDIR="$work" NO_COLOR=1
unset TREEVU_DB TREEVU_CONFIG TREEVU_PROFILE TREEVU_SANDBOX
mkdir -p "$HOME"

# Synced listings: the demo syncs the built-in sandbox's three marketplaces
# into a throw-away data directory, kept here to be reused.
"$bin" demo --keep > "$work/demo.txt"
TREEVU_DB="$(find "$work" -name treevu.db -path '*treevu-demo-*' | head -1)"
export TREEVU_DB
"$bin" -q market import --kind property "$data/lima-properties.csv" > /dev/null
"$bin" -q market import --kind vehicle "$data/vehicles.csv" > /dev/null
first_id() { "$bin" listings --marketplace "$1" --json | grep -o '"id": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/'; }
home="$(first_id inmuebles24)"
car="$(first_id autofact)"
# Also a rent apartment: the largest segment part, the slowest home to price.
rent="$home"
if command -v python3 > /dev/null; then
    rent="$("$bin" listings --marketplace inmuebles24 --json | python3 -c 'import json, sys
print(next((x["id"] for x in json.load(sys.stdin) if x.get("operation") == "rent" and x.get("propertyType") == "apartment"), ""))')"
    rent="${rent:-$home}"
fi
# Fit and cache both models (what `market import` is followed by in practice).
"$bin" recommend "$home" "$rent" "$car" > /dev/null

echo "home $home, rent apartment $rent, car $car"
if command -v sqlite3 > /dev/null; then
    echo "cached heads (bytes): $(sqlite3 "$TREEVU_DB" "SELECT kind || ' ' || length(model) FROM model_cache" | tr '\n' ' ')"
    echo "largest part per kind (bytes): $(sqlite3 "$TREEVU_DB" "SELECT kind || ' ' || max(length(data)) FROM model_cache_part GROUP BY kind" | tr '\n' ' ')"
fi
if command -v hyperfine > /dev/null; then
    # readiness of one listing: process start, store open and one listing read, no model.
    hyperfine -N --warmup 3 --runs 30 --export-json "$work/hf.json" \
        "$bin --version" \
        "$bin recommend $home" \
        "$bin recommend $rent" \
        "$bin recommend $car" \
        "$bin readiness $car"
    if command -v python3 > /dev/null; then
        python3 - "$work/hf.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["median"]
for x in r:
    print(f"median {x['median'] * 1e3:6.1f} ms  ({x['median'] / base:4.1f}x --version)  {x['command'].split('/')[-1]}")
PY
    fi
else
    for cmd in "--version" "recommend $home" "recommend $car" "readiness $car"; do
        for _ in $(seq 10); do
            /usr/bin/env time -f "%e" "$bin" $cmd > /dev/null 2>> "$work/t.txt"
        done
        echo "treevu $cmd: median of 10 $(sort -n "$work/t.txt" | sed -n 5p) s"
        : > "$work/t.txt"
    done
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
