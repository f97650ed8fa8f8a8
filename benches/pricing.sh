#!/usr/bin/env bash
# Pricing benchmark: k-fold accuracy on the shared market data and estimate
# speed (4,700 items against the 10,554-home pool). On demand, not in CI:
#   benches/pricing.sh [path/to/shared/data]
# Prints each figure with the command that produced it.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
[ -f "$data/lima-properties.csv" ] || { echo "no $data/lima-properties.csv (see ../shared/data/README.md)" >&2; exit 1; }
cargo build --release --quiet
bin=target/release/treevu
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TREEVU_DB="$work/bench.db" NO_COLOR=1

run() { echo "\$ $*"; "$@"; echo; }

run "$bin" -q market import --kind property "$data/lima-properties.csv"
run "$bin" -q market import --kind vehicle "$data/vehicles.csv"
run "$bin" backtest --kind property --folds 5
run "$bin" backtest --kind vehicle --folds 5

# Catalogue-only vehicle figures: k-fold over a pool of just that source.
grep -E '^id,|,usedcarscatalog-by-2019,' "$data/vehicles.csv" > "$work/catalogue.csv"
TREEVU_DB="$work/catalogue.db" run "$bin" -q market import --kind vehicle "$work/catalogue.csv"
TREEVU_DB="$work/catalogue.db" run "$bin" backtest --kind vehicle --folds 5

# Speed: 4,700 homes (prices ignored) against the full pool, whole process, model not cached.
head -4701 "$data/lima-properties.csv" > "$work/items.csv"
cp "$TREEVU_DB" "$work/pool.db"
for i in 1 2 3; do
    cp "$work/pool.db" "$TREEVU_DB"   # no cached model: fit + estimate, as after an import
    /usr/bin/env time -f "estimate 4,700 items: %e s wall, %U s user, %M KB max RSS" \
        "$bin" estimate --kind property --input "$work/items.csv" --format jsonl > "$work/out.jsonl"
done
echo "rows answered: $(wc -l < "$work/out.jsonl") of 4700"
# With the fitted model cached in the store (what 'recommend' of one listing meets).
/usr/bin/env time -f "estimate 1 item, model cached: %e s wall" "$bin" estimate --kind property --district Miraflores --area 80 --bedrooms 2 > /dev/null
/usr/bin/env time -f "treevu --version: %e s wall" "$bin" --version > /dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
