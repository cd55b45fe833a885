#!/usr/bin/env bash
# Whole-process scale test of crosscheck on generated corpora.
#
#   benches/scale.sh            # 10 MB and 100 MB corpora
#   benches/scale.sh 10         # only the 10 MB corpus
#   benches/scale.sh 10 50 100  # any sizes, in MB (1 MB = 1,000,000 bytes)
#
# Builds the release binaries, generates each corpus once with
# `examples/gen_corpus.rs` (seed 1) under $CORPUS_DIR (default
# ${TMPDIR:-/tmp}/crosscheck-corpus; reused while the generator and seeds are
# unchanged), in both layouts: `mbN`, one folder per story, and `archiveN`
# (`gen_corpus --archive`), every article in one folder with one sources.yaml
# and the same companies recurring from story to story, so crosscheck must
# tell the stories apart itself. For each it times, as median wall time of 3
# runs:
#   - `crosscheck report DIR > /dev/null`              (all cores)
#   - `crosscheck extract DIR --threads 1 > /dev/null` (one thread)
#   - `rg -c '[0-9]' DIR > /dev/null`                  (a floor: reading every file once)
# and the peak resident memory of one report run (/usr/bin/time -v). It also
# checks that `report --threads 1` and `--threads 2` print identical bytes on
# the 10 MB corpus. Honours CARGO_TARGET_DIR. Progress goes to standard error,
# the results to standard output.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SIZES=("$@")
if [ ${#SIZES[@]} -eq 0 ]; then
    SIZES=(10 100)
fi
for size in "${SIZES[@]}"; do
    if ! [[ "$size" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
        echo "scale.sh: not a size in MB: $size (usage: benches/scale.sh [MB...])" >&2
        exit 2
    fi
done

SEED=1
RUNS=3
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
BIN="$TARGET_DIR/release/crosscheck"
GEN="$TARGET_DIR/release/examples/gen_corpus"
CORPUS_DIR="${CORPUS_DIR:-${TMPDIR:-/tmp}/crosscheck-corpus}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

say() { echo "# $*" >&2; }

# Runs a command as root: directly, or through sudo when there is one.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo > /dev/null; then
        sudo -n "$@"
    else
        return 1
    fi
}

say "building release binaries"
cargo build --release --examples --bins >&2

if ! command -v rg > /dev/null; then
    say "installing ripgrep"
    if ! { as_root apt-get update >&2 && as_root apt-get install -y ripgrep >&2; }; then
        cargo install ripgrep >&2
        export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
    fi
fi
if [ ! -x /usr/bin/time ]; then
    say "installing time"
    { as_root apt-get update >&2 && as_root apt-get install -y time >&2; } || say "no /usr/bin/time: peak memory not measured"
fi

# A fingerprint of what the corpus is generated from, kept in the marker file.
FINGERPRINT="seed=$SEED $(cat examples/gen_corpus.rs seeds/*.txt | sha256sum | cut -c1-16)"

# Generates (or reuses) the corpus of a size and layout (mb or archive);
# prints its folder.
corpus() {
    local mb="$1" layout="${2:-mb}" dir flags=()
    dir="$CORPUS_DIR/$layout$mb-seed$SEED"
    if [ "$layout" = archive ]; then
        flags=(--archive)
    fi
    if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$FINGERPRINT" ]; then
        say "reusing $dir"
    else
        say "generating $mb MB ($layout) into $dir"
        rm -rf "$dir"
        mkdir -p "$dir"
        "$GEN" --mb "$mb" --seed "$SEED" "${flags[@]}" "$dir" >&2
        echo "$FINGERPRINT" > "$dir/.complete"
    fi
    echo "$dir"
}

# Wall time in seconds of one run of a command (its output discarded). Exit
# status 1 is accepted (rg with no match).
wall() {
    local start end status=0
    start=$(date +%s%N)
    "$@" > /dev/null 2>> "$WORK/stderr" || status=$?
    end=$(date +%s%N)
    if [ "$status" -gt 1 ]; then
        echo "scale.sh: failed ($status): $*" >&2
        cat "$WORK/stderr" >&2
        exit 2
    fi
    awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}

# Median wall time of $RUNS runs.
median() {
    local i
    for ((i = 0; i < RUNS; i++)); do
        wall "$@"
    done | sort -g | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# Peak resident set size of one run, in MB, or n/a.
peak_rss() {
    if [ ! -x /usr/bin/time ]; then
        echo "n/a"
        return
    fi
    /usr/bin/time -v "$@" > /dev/null 2> "$WORK/time"
    awk -F': *' '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }' "$WORK/time"
}

# Bytes of article text (.txt) in a folder, in MB.
text_mb() {
    find "$1" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f\n", s / 1e6 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f\n", a / b; else print "n/a" }'; }

ROWS=()
declare -A REPORT_S
for layout in mb archive; do
    for size in "${SIZES[@]}"; do
        dir="$(corpus "$size" "$layout")"
        mb="$(text_mb "$dir")"
        say "timing $dir ($mb MB of text)"
        report_s="$(median "$BIN" report "$dir")"
        extract_s="$(median "$BIN" extract "$dir" --threads 1)"
        rg_s="$(median rg -c '[0-9]' "$dir")"
        rss="$(peak_rss "$BIN" report "$dir")"
        REPORT_S[$layout$size]="$report_s"
        ROWS+=("$(printf '%-10s %7s %9s %9s %10s %10s %7s %9s %8s' "$layout$size" "$mb" "$report_s" \
            "$(ratio "$mb" "$report_s")" "$extract_s" "$(ratio "$mb" "$extract_s")" "$rg_s" \
            "$(ratio "$report_s" "$rg_s")" "$rss")")
    done
done

say "checking --threads 1 and --threads 2 on the 10 MB corpus"
dir10="$(corpus 10)"
"$BIN" report "$dir10" --threads 1 > "$WORK/t1"
"$BIN" report "$dir10" --threads 2 > "$WORK/t2"
if cmp -s "$WORK/t1" "$WORK/t2"; then identical=yes; else identical=no; fi

printf '%-10s %7s %9s %9s %10s %10s %7s %9s %8s\n' corpus MB report_s MB/s extract1_s MB/s rg_s report/rg RSS_MB
printf '%s\n' "${ROWS[@]}"
for layout in mb archive; do
    if [ -n "${REPORT_S[${layout}10]:-}" ] && [ -n "${REPORT_S[${layout}100]:-}" ]; then
        echo "report time 100MB/10MB ($layout): $(ratio "${REPORT_S[${layout}100]}" "${REPORT_S[${layout}10]}")"
    fi
done
echo "identical (report --threads 1 vs 2, 10 MB): $identical"
cpu="$(lscpu 2> /dev/null | awk -F': *' '/^Model name/ { print $2; exit }')"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr)"
echo "code: $(git describe --always --dirty 2> /dev/null || echo unknown)"
