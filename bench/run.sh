#!/usr/bin/env bash
# The benchmarks: medians over repeated runs, on this machine, of
#   example   the bundled example end to end (PDF and workbook)
#   pack200   a pack of about 200 pages
#   rows500 / rows10000   a 500-row and a 10,000-row table (cost should grow linearly)
#   declared10000   a 10,000-row declared table with a share and a running total in every row
#   batch1000 a batch of 1,000 generated 5-page reports, with one worker and one per core
#   examples  100 copies of the bundled example, one worker per core (the target is
#             stated for reports like it)
#   declared100000   the same with 100,000 rows (time and memory should grow linearly)
#   and the time a process takes to start (the shared libraries it loads)
# With the static binary built (scripts/build-static), the example and the batch of its
# copies again with it. Beside the figures: the floor (bench/floor.c writing the
# example's PDF and zip again at the same zlib levels, nothing else) and this machine's
# cost of a first touch of a fresh page, which every page a report touches once pays.
# Usage: bench/run.sh [RUNS]   (default 5; the batch runs ceil(RUNS/2) times)
# Prints a Markdown table: wall and CPU time (workers included), peak RSS, minor page
# faults, pages/s, and the wall time as a multiple of the floor.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
batch_runs=$(( (runs + 1) / 2 ))
scripts/install-deps
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j"$(nproc)" --target boardpack bench_generate bench_podofo_start > /dev/null
cc -O2 -o build/bench_floor bench/floor.c -lz -lminizip
# BOARDPACK=FILE measures another binary (an earlier build, for the figures beside
# today's); BOARDPACK_STATIC=FILE another static one, BOARDPACK_STATIC=none none.
static=${BOARDPACK_STATIC:-build-static/boardpack/boardpack}
[ -x "$static" ] || static=""
work=$(mktemp -d /tmp/boardpack-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
gen=./build/bench_generate
$gen "$work/in" --name pack200 --pilots 4 --families 40 --rows 20 --paragraphs 2100 --seed 2
$gen "$work/in" --name rows500 --pilots 1 --families 5 --rows 500 --paragraphs 4 --seed 3
$gen "$work/in" --name rows10000 --pilots 1 --families 5 --rows 10000 --paragraphs 4 --seed 3
$gen "$work/in" --name declared10000 --pilots 1 --families 5 --rows 10 --paragraphs 4 --seed 5 --declared 10000
# 99,999 and the total row make 100,000 (the MTFS generator's 100,000 rows exceed the 8 MB input limit).
$gen "$work/in" --name declared100000 --pilots 1 --families 5 --rows 10 --paragraphs 4 --seed 5 --declared 99999
$gen "$work/batch" --name r --pilots 2 --families 10 --rows 8 --paragraphs 10 --seed 4 --copies 1000
# The issue's batch target is for reports like the bundled example: 100 copies of it.
for i in $(seq -w 0 99); do
    mkdir -p "$work/examples/e$i"
    cp -r inputs/children-families-part2/*.yaml inputs/children-families-part2/templates "$work/examples/e$i/"
    rm "$work/examples/e$i/report-select-committee.yaml"
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# The floor: the example's own outputs written again by bench/floor.c (median of 15).
./build/boardpack build inputs/children-families-part2/report.yaml --out "$work/floor-src" --force --quiet
mkdir -p "$work/floor"
./build/bench_floor extract "$work/floor-src/children-families-part2.pdf" "$work/floor-src/children-families-part2.xlsx" "$work/floor"
floor_walls=()
for _ in $(seq 15); do
    t0=$(date +%s%N)
    ./build/bench_floor write "$work/floor" "$work/floor-out"
    t1=$(date +%s%N)
    floor_walls+=("$(awk -v d=$((t1 - t0)) 'BEGIN {printf "%.4f", d / 1e9}')")
done
floor=$(printf '%s\n' "${floor_walls[@]}" | median)
fault_us=$(./build/bench_floor fault-cost)

# measure NAME RUNS PAGES-FROM ARGS...: times `$bin build ARGS` RUNS times ($bin: the
# binary, ./build/boardpack unless set). The last column: wall time over the floor, per report.
bin=${BOARDPACK:-./build/boardpack}
measure() {
    local name=$1 n=$2 pdf=$3; shift 3
    local walls=() cpus=() rss=() faults=() reports=0
    for a in "$@"; do case $a in *.yaml) reports=$((reports + 1)) ;; esac; done
    for _ in $(seq "$n"); do
        rm -rf "$work/out"
        local t t0 t1
        t0=$(date +%s%N)  # wall time to the millisecond; time(1) gives hundredths only
        t=$( { /usr/bin/time -f "%e %U %S %M %R" "$bin" build "$@" --out "$work/out" --force --quiet --timeout 0 --memory 0 > /dev/null; } 2>&1 | tail -1)
        t1=$(date +%s%N)
        walls+=("$(awk -v d=$((t1 - t0)) 'BEGIN {printf "%.3f", d / 1e9}')")
        cpus+=("$(echo "$t" | awk '{print $2 + $3}')")
        rss+=("$(echo "$t" | awk '{print $4}')")
        faults+=("$(echo "$t" | awk '{print $5}')")
    done
    local wall cpu mem fault pages="" rate=""
    wall=$(printf '%s\n' "${walls[@]}" | median)
    cpu=$(printf '%s\n' "${cpus[@]}" | median)
    mem=$(printf '%s\n' "${rss[@]}" | median)
    fault=$(printf '%s\n' "${faults[@]}" | median)
    if [ -n "$pdf" ]; then
        pages=$(pdfinfo "$work/out/$pdf" | awk '/^Pages:/ {print $2}')
        rate=$(awk -v p="$pages" -v w="$wall" 'BEGIN {printf "%.0f", (w > 0) ? p / w : 0}')
    fi
    printf '| %s | %s | %s | %s | %.1f | %s | %s | %s | %.1f |\n' "$name" "$n" "$wall" "$cpu" \
        "$(awk -v k="$mem" 'BEGIN {print k / 1024}')" "$fault" "$pages" "$rate" \
        "$(awk -v w="$wall" -v r="$reports" -v f="$floor" 'BEGIN {print w / r / f}')"
}

# Process start alone: PROGRAM ARGS, 100 times; the floor under every case.
startup_ms() {
    local t0 t1
    t0=$(date +%s%N)
    for _ in $(seq 100); do "$@" > /dev/null; done
    t1=$(date +%s%N)
    awk -v d=$((t1 - t0)) 'BEGIN {printf "%.1f", d / 100 / 1e6}'
}

echo "boardpack benchmarks: $(nproc) cores, $(date -u +%Y-%m-%d), medians of $runs runs (batch: $batch_runs)"
echo
echo "the floor (bench/floor.c: the example's PDF and zip written again at the same zlib levels): $floor s;" \
     "a first touch of a fresh page: $fault_us us (so 1,000 faults cost about $(awk -v u="$fault_us" 'BEGIN {printf "%.1f", u}') ms)"
echo
echo "| case | runs | wall s | CPU s | peak RSS MB | minor faults | pages | pages/s | x floor per report |"
echo "|---|---|---|---|---|---|---|---|---|"
measure example "$((3 * runs))" children-families-part2.pdf inputs/children-families-part2/report.yaml --jobs 1
measure pack200 "$runs" pack200.pdf "$work/in/pack200/report.yaml" --jobs 1
r500=$(measure rows500 "$runs" rows500.pdf "$work/in/rows500/report.yaml" --jobs 1)
r10k=$(measure rows10000 "$runs" rows10000.pdf "$work/in/rows10000/report.yaml" --jobs 1)
d10k=$(measure declared10000 "$runs" declared10000.pdf "$work/in/declared10000/report.yaml" --jobs 1)
d100k=$(measure declared100000 "$batch_runs" declared100000.pdf "$work/in/declared100000/report.yaml" --jobs 1)
echo "$d10k"
echo "$d100k"
echo "$r500"
echo "$r10k"
mapfile -t batch < <(ls "$work"/batch/*/report.yaml)
one=$(measure "batch1000, 1 worker" "$batch_runs" "" "${batch[@]}" --jobs 1)
all=$(measure "batch1000, $(nproc) workers" "$batch_runs" "" "${batch[@]}" --jobs "$(nproc)")
mapfile -t examples < <(ls "$work"/examples/*/report.yaml)
ex=$(measure "100 copies of the example, $(nproc) workers" "$batch_runs" "" "${examples[@]}" --jobs "$(nproc)")
echo "$one"
echo "$all"
echo "$ex"
if [ -n "$static" ]; then
    bin=$static
    measure "example, static binary" "$((3 * runs))" children-families-part2.pdf inputs/children-families-part2/report.yaml --jobs 1
    exs=$(measure "100 copies of the example, $(nproc) workers, static binary" "$batch_runs" "" "${examples[@]}" --jobs "$(nproc)")
    echo "$exs"
    bin=${BOARDPACK:-./build/boardpack}
fi
echo
starts=() floors=()
for _ in $(seq "$runs"); do
    starts+=("$(startup_ms "${BOARDPACK:-./build/boardpack}" --version)")
    floors+=("$(startup_ms ./build/bench_podofo_start)")
done
static_start="not built"
if [ -n "$static" ]; then
    statics=()
    for _ in $(seq "$runs"); do statics+=("$(startup_ms "$static" --version)"); done
    static_start="$(printf '%s\n' "${statics[@]}" | median) ms"
fi
echo "process start: boardpack --version $(printf '%s\n' "${starts[@]}" | median) ms;" \
     "a program that only links PoDoFo $(printf '%s\n' "${floors[@]}" | median) ms;" \
     "the static binary $static_start (medians of $runs rounds of 100)"
paste <(echo "$d10k") <(echo "$d100k") | awk -F'|' '{gsub(/ /, "", $4); gsub(/ /, "", $14); gsub(/ /, "", $6); gsub(/ /, "", $16);
    printf "100,000 declared rows take %.1f times the wall time of 10,000 and %.1f times the memory\n", $14 / $4, $16 / $6}' 
paste <(echo "$r500") <(echo "$r10k") | awk -F'|' '{gsub(/ /, "", $4); gsub(/ /, "", $14); printf "10,000 rows take %.1f times the wall time of 500\n", $14 / $4}'
for line in "$one" "$all"; do
    echo "$line" | awk -F'|' '{gsub(/ /, "", $4); printf "%s: %.1f reports/s\n", $2, 1000 / $4}'
done
echo "$ex" | awk -F'|' '{gsub(/ /, "", $4); printf "%s: %.1f reports/s, so 1,000 would take about %.0f s\n", $2, 100 / $4, 10 * $4}'
