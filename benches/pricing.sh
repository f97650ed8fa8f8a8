#!/usr/bin/env bash
# Pricing benchmark: k-fold accuracy on the shared market data and estimate
# speed (4,700 items against the 10,554-home pool). On demand, not in CI:
#   benches/pricing.sh [path/to/shared/data]
# Prints each figure with the command that produced it. Needs python3 for the
# summaries and the hold-out split.
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

# Each import fits and caches its kind's model (docs/pricing.md, "When the
# models are fitted"); its wall time is the import plus that fit.
for f in "property lima-properties" "vehicle vehicles"; do
    set -- $f
    echo "\$ $bin -q market import --kind $1 $data/$2.csv"
    /usr/bin/env time -f "import + fit of $2: %e s wall, %U s user, %M KB max RSS" "$bin" -q market import --kind "$1" "$data/$2.csv"
    echo
done
# Backtests as JSON, summarised to four decimals (the table rounds to 0.1%).
figures() {
    echo "\$ $bin backtest $* --json"
    "$bin" backtest "$@" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
def line(f):
    return "%-8s n=%-6d MdAPE=%.4f within10=%.3f within20=%.3f coverage80=%.3f" % (
        f["segment"], f["n"], f["mdape"], f["within10"], f["within20"], f["coverage"])
print("rows %d, folds %d, answered %.3f" % (d["rows"], d["folds"], d["answeredShare"]))
print(line(d["overall"]))
for f in d["byConfidenceTercile"]:
    print("  confidence " + line(f))
'
    echo
}
figures --kind property --folds 5
figures --kind vehicle --folds 5

# Catalogue-only vehicle figures: k-fold over a pool of just that source.
grep -E '^id,|,usedcarscatalog-by-2019,' "$data/vehicles.csv" > "$work/catalogue.csv"
TREEVU_DB="$work/catalogue.db" run "$bin" -q market import --kind vehicle "$work/catalogue.csv"
TREEVU_DB="$work/catalogue.db" figures --kind vehicle --folds 5

# Hold-out, the way the engine is judged: a seeded 80/20 split of each file,
# 'market import' of the 80%, then 'estimate --input' of the 20% without its
# price column (kind recognised from the columns), scored against the prices.
python3 - "$data" "$work" <<'PY'
import csv, random, sys
data, work = sys.argv[1], sys.argv[2]
for name in ("lima-properties", "vehicles"):
    rows = list(csv.DictReader(open(f"{data}/{name}.csv", newline="")))
    random.Random(5).shuffle(rows)
    cut = len(rows) // 5
    cols = list(rows[0].keys())
    for part, subset, keep in (("pool", rows[cut:], cols), ("items", rows[:cut], [c for c in cols if c != "price"]), ("truth", rows[:cut], cols)):
        with open(f"{work}/{part}-{name}.csv", "w", newline="") as f:
            w = csv.DictWriter(f, keep, extrasaction="ignore")
            w.writeheader()
            w.writerows(subset)
PY
# The built-in figures made from the 80% only, so that no hold-out row is
# inside the table that prices it (the committed table is made from 100%).
run "$bin" market facts --properties "$work/pool-lima-properties.csv" --vehicles "$work/pool-vehicles.csv" --out "$work/facts80.json"
export TREEVU_MARKET_FACTS="$work/facts80.json"
score() {
    python3 - "$1" "$2" <<'PY'
import csv, json, statistics, sys
truth = {r["id"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
by, n = {}, 0
for line in open(sys.argv[2]):
    e = json.loads(line)
    n += 1
    r = truth[e["id"]]
    p = float(r["price"])
    by.setdefault(r.get("source") if "brand" in r else "homes", []).append(
        (abs(e["recommendedPrice"] - p) / p, e["minPrice"] <= p <= e["maxPrice"]))
print("answered %d of %d rows" % (n, len(truth)))
for k, v in sorted(by.items()):
    print("hold-out %-24s n=%-5d MdAPE=%.4f coverage80=%.3f" % (k, len(v), statistics.median(a for a, _ in v), sum(c for _, c in v) / len(v)))
PY
}
# No pool: an empty store, the 20% priced from the built-in figures alone.
for name in lima-properties vehicles; do
    echo "\$ TREEVU_DB=empty.db $bin estimate --input items-$name.csv --format jsonl   # no pool"
    TREEVU_DB="$work/empty.db" "$bin" -q estimate --input "$work/items-$name.csv" --format jsonl > "$work/est0-$name.jsonl"
    score "$work/truth-$name.csv" "$work/est0-$name.jsonl"
    echo
done
# Rentals quoted in USD (61% of rows, as on another portal), no price column:
# every row must come back in its own currency.
python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
rows = [r for r in csv.DictReader(open(f"{work}/truth-lima-properties.csv", newline="")) if r["operation"] == "rent"]
for i, r in enumerate(rows):
    if i % 100 < 61:
        r["currency"], r["price"] = "USD", str(float(r["price"]) / 3.75)
cols = list(rows[0].keys())
for name, keep in (("usd-truth", cols), ("usd-items", [c for c in cols if c != "price"])):
    with open(f"{work}/{name}.csv", "w", newline="") as f:
        w = csv.DictWriter(f, keep, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
PY
echo "\$ $bin estimate --input usd-items.csv --format jsonl   # rentals, 61% quoted in USD, no price"
TREEVU_DB="$work/empty.db" "$bin" -q estimate --input "$work/usd-items.csv" --format jsonl > "$work/est-usd.jsonl"
python3 - "$work/usd-truth.csv" "$work/est-usd.jsonl" <<'PY'
import csv, json, statistics, sys
truth = {r["id"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
est = [json.loads(l) for l in open(sys.argv[2])]
same = sum(e["currency"] == truth[e["id"]]["currency"] for e in est)
usd = [e for e in est if truth[e["id"]]["currency"] == "USD"]
err = [abs(e["recommendedPrice"] - float(truth[e["id"]]["price"])) / float(truth[e["id"]]["price"]) for e in est]
print("USD rentals: %d rows, %d USD, answered in the row's currency %d, MdAPE %.4f (no pool)" % (len(est), len(usd), same, statistics.median(err)))
PY
echo

export TREEVU_DB="$work/holdout.db"
run "$bin" -q market import --kind property "$work/pool-lima-properties.csv"
run "$bin" -q market import --kind vehicle "$work/pool-vehicles.csv"
for name in lima-properties vehicles; do
    echo "\$ $bin estimate --input items-$name.csv --format jsonl"
    "$bin" estimate --input "$work/items-$name.csv" --format jsonl > "$work/est-$name.jsonl"
    score "$work/truth-$name.csv" "$work/est-$name.jsonl"
    echo
done
unset TREEVU_MARKET_FACTS
export TREEVU_DB="$work/bench.db"

# Small pool: sandbox seeds 1-5 at default sizes, 'sync --all', no import;
# recommendations of every active listing against the sandbox's fair values
# (GET /_sandbox/fair-values), and the two properties a merchant relies on.
echo "\$ SMALL_POOL_SEEDS='1 2 3 4 5' cargo test --test pricing pricing_cli::small_pool -- --nocapture"
SMALL_POOL_SEEDS="1 2 3 4 5" cargo test -q --locked --test pricing pricing_cli::small_pool -- --nocapture 2>&1 | grep -E "^small pool|test result"
echo

# Speed: 4,700 homes (prices ignored) against the full pool, whole process, model not cached.
head -4701 "$data/lima-properties.csv" > "$work/items.csv"
cp "$TREEVU_DB" "$work/pool.db"
# The import cached a fitted model; drop it for the runs that fit.
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM model_cache"); c.execute("DELETE FROM model_cache_part"); c.commit()' "$work/pool.db"
for i in 1 2 3; do
    cp "$work/pool.db" "$TREEVU_DB"   # no cached model: fit + estimate (an import fits; this is what a stale cache costs)
    /usr/bin/env time -f "estimate 4,700 items: %e s wall, %U s user, %M KB max RSS" \
        "$bin" estimate --kind property --input "$work/items.csv" --format jsonl > "$work/out.jsonl"
done
echo "rows answered: $(wc -l < "$work/out.jsonl") of 4700"
cp "$work/pool.db" "$TREEVU_DB"
"$bin" -q market import --kind property "$data/lima-properties.csv" > /dev/null   # unchanged rows; fits the model again
/usr/bin/env time -f "estimate 4,700 items, model cached (as after an import): %e s wall" \
    "$bin" estimate --kind property --input "$work/items.csv" --format jsonl > /dev/null
# With the fitted model cached in the store (what 'recommend' of one listing meets).
/usr/bin/env time -f "estimate 1 item, model cached: %e s wall" "$bin" estimate --kind property --district Miraflores --area 80 --bedrooms 2 > /dev/null
/usr/bin/env time -f "treevu --version: %e s wall" "$bin" --version > /dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
