#!/usr/bin/env bash
# The hold-out figures of benches/pricing.sh over several 80/20 splits, not one:
# at n = 80 Lima cars one split moves MdAPE and coverage by several points, so a
# figure is read as the mean (and spread) over splits. On demand, not in CI:
#   benches/pricing-splits.sh [path/to/shared/data] [seed ...]    (default seeds 1-10)
# Per seed: split both shared files (Python random.Random(seed), first 20% held
# out), build the built-in table from the 80% (`market facts`), price the 20%
# with an empty pool (homes, Lima cars), then import the 80% and price the 20%
# again (full pool: homes, all cars). Needs python3.
# BASELINE_BIN=path/to/an/older/treevu also prices each split's full pool with
# that binary (its own fit, its own database) and prints its figures beside
# ours as "base-pool": the paired, same-split way to tell a regression from
# split noise (docs/benchmarks.md compares the engine before issue #11).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
shift || true
seeds="${*:-1 2 3 4 5 6 7 8 9 10}"
[ -f "$data/lima-properties.csv" ] || { echo "no $data/lima-properties.csv (see ../shared/data/README.md)" >&2; exit 1; }
cargo build --release --quiet
bin="$PWD/target/release/treevu"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export NO_COLOR=1
for s in $seeds; do
    python3 - "$data" "$s" <<'PY'
import csv, random, sys
data, seed = sys.argv[1], int(sys.argv[2])
for name in ("lima-properties", "vehicles"):
    rows = list(csv.DictReader(open(f"{data}/{name}.csv", newline="")))
    random.Random(seed).shuffle(rows)
    cut = len(rows) // 5
    cols = list(rows[0].keys())
    lima = [r for r in rows[:cut] if name != "vehicles" or r["source"] == "neoauto"]
    for part, subset, keep in (("pool", rows[cut:], cols),
                               ("items", rows[:cut], [c for c in cols if c != "price"]),
                               ("lima-items", lima, [c for c in cols if c != "price"]),
                               ("truth", rows[:cut], cols)):
        with open(f"{part}-{name}.csv", "w", newline="") as f:
            w = csv.DictWriter(f, keep, extrasaction="ignore")
            w.writeheader()
            w.writerows(subset)
PY
    "$bin" -q market facts --properties pool-lima-properties.csv --vehicles pool-vehicles.csv --out facts80.json > /dev/null
    export TREEVU_MARKET_FACTS="$work/facts80.json"
    rm -f empty.db full.db
    for name in lima-properties vehicles; do
        TREEVU_DB=empty.db "$bin" -q estimate --input "lima-items-$name.csv" --format jsonl 2> /dev/null > "none-$name.jsonl"
        TREEVU_DB=full.db "$bin" -q market import "pool-$name.csv" > /dev/null
        TREEVU_DB=full.db "$bin" -q estimate --input "items-$name.csv" --format jsonl > "full-$name.jsonl"
        if [ -n "${BASELINE_BIN:-}" ]; then
            # The older binary never sees the refreshed table: it predates it.
            rm -f base.db
            (unset TREEVU_MARKET_FACTS
             TREEVU_DB=base.db "$BASELINE_BIN" -q market import "pool-$name.csv" > /dev/null
             TREEVU_DB=base.db "$BASELINE_BIN" -q estimate --input "items-$name.csv" --format jsonl > "base-$name.jsonl")
        fi
    done
    python3 - "$s" <<'PY' | tee -a figures.txt
import csv, json, os, statistics, sys
out = []
for name, label in (("lima-properties", "homes"), ("vehicles", "cars")):
    truth = {r["id"]: r for r in csv.DictReader(open(f"truth-{name}.csv", newline=""))}
    for pool in ("none", "full", "base"):
        if pool == "base" and not os.path.exists(f"base-{name}.jsonl"):
            continue
        v = []
        for line in open(f"{pool}-{name}.jsonl"):
            e = json.loads(line)
            p = float(truth[e["id"]]["price"])
            v.append((abs(e["recommendedPrice"] - p) / p, e["minPrice"] <= p <= e["maxPrice"]))
        tag = f"{pool}-pool {label if pool != 'none' or label == 'homes' else 'lima-cars'}"
        out.append("%s n=%d mdape=%.4f cov=%.3f" % (tag, len(v), statistics.median(a for a, _ in v), sum(c for _, c in v) / len(v)))
print("seed %s | %s" % (sys.argv[1], " | ".join(out)))
PY
    unset TREEVU_MARKET_FACTS
done
python3 - <<'PY'
import re, statistics
rows = {}
for line in open("figures.txt"):
    for part in line.split(" | ")[1:]:
        m = re.match(r"(\S+ \S+) n=(\d+) mdape=([\d.]+) cov=([\d.]+)", part.strip())
        rows.setdefault(m.group(1), []).append((float(m.group(3)), float(m.group(4))))
for k, v in rows.items():
    md = [a for a, _ in v]; cv = [c for _, c in v]
    print("%-22s over %d splits: MdAPE mean %.4f (min %.4f, max %.4f); coverage80 mean %.3f (min %.3f, max %.3f)"
          % (k, len(v), statistics.mean(md), min(md), max(md), statistics.mean(cv), min(cv), max(cv)))
for label in ("homes", "cars"):
    ours, base = rows.get(f"full-pool {label}"), rows.get(f"base-pool {label}")
    if ours and base:
        d = [a - b for (a, _), (b, _) in zip(ours, base)]
        print("%-22s full pool minus baseline: MdAPE mean %+.4f (min %+.4f, max %+.4f); not worse on %d of %d splits"
              % (label, statistics.mean(d), min(d), max(d), sum(x <= 0 for x in d), len(d)))
PY
