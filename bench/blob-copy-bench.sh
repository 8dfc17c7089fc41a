#!/usr/bin/env bash
# Benchmark `octoha blob copy SRC DST --mirror` against `rsync -a --delete SRC/ DST/`, side by side,
# on the same generated blob trees. A benchmark, not a test: see bench/README.md.
#
#   bench/blob-copy-bench.sh [--files N] [--mb M] [--repeat R] [--octoha CMD] [--octoha-args ARGS]
#                            [--memory-files N] [--memory-mb M] [--mutate PCT] [--seed S]
#                            [--workdir DIR] [--keep]
#
# Exit code: 0 every ratio meets its target, 1 a ratio misses its target, 2 the benchmark
# could not run or a destination did not match its source.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
helper="$here/blob_bench.py"
make_tree=${MAKE_BLOB_TREE:-/work/shared/bench/make-blob-tree.py}

files=20000
mb=400
repeat=3
seed=1
mutate_pct=2
memory_files=200000
memory_mb=200
octoha_cmd=${OCTOHA:-}
octoha_args="--output json"
workdir_parent=/tmp
keep=0

# Targets: octoha's median wall time divided by rsync's.
targets="initial-copy=0.80,no-change=1.00,mutate=1.00"

usage() {
  cat <<EOF
Usage: $0 [options]

Runs rsync -a --delete SRC/ DST/ and octoha blob copy SRC DST --mirror on identical inputs:
  initial-copy   into an empty destination
  no-change      into a destination already identical to the source
  mutate         after make-blob-tree.py --mutate PCT changed the source (rewrites, adds, deletes)
then reports median wall times, the ratio octoha/rsync against its target, and peak RSS.

Options:
  --files N          files in the timed tree (default $files)
  --mb M             MiB in the timed tree (default $mb)
  --repeat R         runs of each measurement; the median counts (default $repeat)
  --mutate PCT       percent of files changed, added and deleted for the mutate scenario (default $mutate_pct)
  --seed S           make-blob-tree.py seed (default $seed)
  --memory-files N   files in the peak-memory tree; 0 skips the memory runs (default $memory_files)
  --memory-mb M      MiB in the peak-memory tree (default $memory_mb)
  --octoha CMD       how to run the CLI, e.g. "dotnet /work/main/out/cli/octoha.dll" (also: OCTOHA env var);
                     default: dotnet publish src/OctoHa.Cli -c Release into the work folder, run with dotnet
  --octoha-args ARGS extra arguments after "blob copy SRC DST --mirror" (default "$octoha_args")
  --workdir DIR      parent of the temporary work folder (default $workdir_parent)
  --keep             keep the work folder (trees, logs, results.tsv) instead of deleting it
  -h, --help         this text
EOF
}

die() { echo "blob-copy-bench: $*" >&2; exit 2; }
need_value() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value (see --help)"; }
need_int() { [[ $2 =~ ^[0-9]+$ ]] || die "$1 must be a whole number, not '$2'"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --files) need_value "$@"; need_int "$1" "$2"; files=$2; shift 2 ;;
    --mb|--bytes-mb) need_value "$@"; need_int "$1" "$2"; mb=$2; shift 2 ;;
    --repeat|-r) need_value "$@"; need_int "$1" "$2"; repeat=$2; shift 2 ;;
    --mutate) need_value "$@"; need_int "$1" "$2"; mutate_pct=$2; shift 2 ;;
    --seed) need_value "$@"; need_int "$1" "$2"; seed=$2; shift 2 ;;
    --memory-files) need_value "$@"; need_int "$1" "$2"; memory_files=$2; shift 2 ;;
    --memory-mb) need_value "$@"; need_int "$1" "$2"; memory_mb=$2; shift 2 ;;
    --octoha) need_value "$@"; octoha_cmd=$2; shift 2 ;;
    --octoha-args) [[ $# -ge 2 ]] || die "$1 needs a value"; octoha_args=$2; shift 2 ;;
    --workdir) need_value "$@"; workdir_parent=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
(( files > 0 && mb > 0 && repeat > 0 )) || die "--files, --mb and --repeat must be greater than 0"

progress() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# ---------------------------------------------------------------------------------------------
# Prerequisites: python3, GNU time, rsync (installed with apt-get when missing and running as root).
command -v python3 >/dev/null || die "python3 is required (it runs make-blob-tree.py and $helper)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is required for peak RSS; install the 'time' package"
[[ -f $make_tree ]] || die "tree generator not found: $make_tree (set MAKE_BLOB_TREE)"
if ! command -v rsync >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    progress "rsync is not installed; installing it with apt-get"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y rsync; } >&2 \
      || die "could not install rsync with apt-get; install it yourself and run again"
  else
    die "rsync is not installed and this is not a root shell with apt-get: install rsync (e.g. 'sudo apt-get install -y rsync') and run again"
  fi
fi

# ---------------------------------------------------------------------------------------------
# The work folder: a fresh mktemp folder, the only place this script writes (besides dotnet's own
# caches when it publishes). Deleted on exit unless --keep.
mkdir -p "$workdir_parent"
work=$(mktemp -d "$workdir_parent/blob-copy-bench.XXXXXX")
cleanup() {
  local rc=$?
  if [[ $keep -eq 1 ]]; then
    echo "work folder kept: $work" >&2
  else
    rm -rf -- "$work"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
results=$work/results.tsv
: >"$results"
mkdir -p "$work/logs"

# ---------------------------------------------------------------------------------------------
# The octoha command: given, or published from this repo into the work folder. --artifacts-path
# keeps the build's bin/obj out of the repo, so a build running there at the same time is not disturbed.
if [[ -z $octoha_cmd ]]; then
  command -v dotnet >/dev/null || die "dotnet is not on PATH; install the .NET 10 SDK or pass --octoha CMD"
  # Published for this platform, as the package's out/cli is: ReadyToRun, so start-up is not spent in the JIT.
  rid=$(dotnet --info 2>/dev/null | awk '/^ *RID:/ {print $2; exit}')
  progress "publishing $repo/src/OctoHa.Cli (Release, ReadyToRun for ${rid:-this platform}) into $work/cli"
  dotnet publish "$repo/src/OctoHa.Cli" -c Release ${rid:+-r "$rid"} -o "$work/cli" --artifacts-path "$work/artifacts" \
    --nologo >"$work/logs/publish.log" 2>&1 || { tail -n 30 "$work/logs/publish.log" >&2; die "dotnet publish failed"; }
  octoha_cmd="dotnet $work/cli/octoha.dll"
fi
read -r -a octoha <<<"$octoha_cmd"
read -r -a octoha_extra <<<"$octoha_args"
"${octoha[@]}" blob copy --help >"$work/logs/octoha-help.txt" 2>&1 \
  || { cat "$work/logs/octoha-help.txt" >&2; die "'$octoha_cmd blob copy --help' failed: is this a CLI with 'blob copy'?"; }

# ---------------------------------------------------------------------------------------------
# Measurement plumbing.

# Read every byte and inode of the given trees so that both tools start with the same warm page
# cache (dropping the cache needs root and /proc/sys/vm/drop_caches; warming needs nothing).
warm() { tar -cf - "$@" 2>/dev/null | cat >/dev/null; }

# run_tool TOOL SRC DST LOGPREFIX -> sets run_secs (wall), run_cpu (user + sys), run_rss_kb, run_rc
run_tool() {
  local tool=$1 src=$2 dst=$3 log=$4 t0 t1
  local -a cmd
  if [[ $tool == rsync ]]; then
    cmd=(rsync -a --delete "$src/" "$dst/")
  else
    cmd=("${octoha[@]}" blob copy "$src" "$dst" --mirror "${octoha_extra[@]}")
  fi
  printf '%q ' "${cmd[@]}" >"$log.cmd"
  t0=$(date +%s%N)
  set +e
  /usr/bin/time -f 'rusage %M %U %S' -o "$log.rusage" "${cmd[@]}" >"$log.out" 2>"$log.err"
  run_rc=$?
  set -e
  t1=$(date +%s%N)
  run_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  # GNU time writes "Command exited with non-zero status N" first when the exit code is not 0.
  read -r run_rss_kb run_cpu < <(awk '$1 == "rusage" { printf "%d %.2f\n", $2, $3 + $4 }' "$log.rusage")
  run_rss_kb=${run_rss_kb:-0} run_cpu=${run_cpu:-0}
  local failed=0
  if [[ $tool == rsync ]]; then (( run_rc == 0 )) || failed=1; else (( run_rc < 8 )) || failed=1; fi
  if (( failed )); then
    echo "---- $(cat "$log.cmd")" >&2
    tail -n 20 "$log.err" "$log.out" >&2 || true
    die "$tool failed with exit code $run_rc (logs above; run with --keep to inspect $work)"
  fi
}

# verify EXPECTED ACTUAL WHAT
verify() {
  local out
  if ! out=$(python3 "$helper" verify "$1" "$2"); then
    echo "$out" >&2
    die "VERIFICATION FAILED: $3 is not identical to its source $1"
  fi
  echo "$out"
}

# prepare DST MODE: MODE "empty" = new empty folder; any other value = cp -a of that tree.
prepare() {
  local dst=$1 mode=$2
  rm -rf -- "$dst"
  if [[ $mode == empty ]]; then mkdir -p "$dst"; else cp -a "$mode" "$dst"; fi
}

# measure SCENARIO SOURCE DEST-PREP: R repeats, tools alternating who goes first, fresh destination
# for every run, sync before (no write-back of the previous step during the run) and after.
measure() {
  local scenario=$1 src=$2 prep=$3 rep tool dst order v
  for (( rep = 1; rep <= repeat; rep++ )); do
    if (( rep % 2 )); then order="rsync octoha"; else order="octoha rsync"; fi
    for tool in $order; do
      dst=$work/dst-$tool
      prepare "$dst" "$prep"
      sync
      warm "$src" "$dst"
      run_tool "$tool" "$src" "$dst" "$work/logs/$scenario-$tool-$rep"
      sync
      v=$(verify "$src" "$dst" "$scenario: $tool's destination (run $rep)")
      printf 'time %s %s %d %s %s %s %s\n' "$scenario" "$tool" "$rep" "$run_secs" "$run_cpu" "$run_rss_kb" "$run_rc" >>"$results"
      progress "$scenario run $rep/$repeat $tool: ${run_secs} s (cpu ${run_cpu} s), exit $run_rc, $v"
    done
  done
}

# ---------------------------------------------------------------------------------------------
# The trees: SRC, and SRC-MUT = a cp -a of SRC then mutated (the source of the mutate scenario,
# whose destinations start as cp -a copies of the unmutated SRC, i.e. already synced).
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
src=$work/src
src_mut=$work/src-mut
progress "making the source tree: $files files, $mb MiB (seed $seed)"
tree_made=$(python3 "$make_tree" "$src" --files "$files" --bytes-mb "$mb" --seed "$seed")
cp -a "$src" "$src_mut"
tree_mutated=$(python3 "$make_tree" "$src_mut" --mutate "$mutate_pct" --seed "$seed")
sync

# Start-up cost of the octoha command alone, for reading the no-change numbers.
startup=()
for (( rep = 1; rep <= repeat; rep++ )); do
  t0=$(date +%s%N); "${octoha[@]}" --version >/dev/null 2>&1 || true; t1=$(date +%s%N)
  startup+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
done
startup_median=$(printf '%s\n' "${startup[@]}" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }')

measure initial-copy "$src" empty
measure no-change "$src" "$src"
measure mutate "$src_mut" "$src"

counters_initial=$(python3 "$helper" counters "$work/logs/initial-copy-octoha-1.out")
counters_nochange=$(python3 "$helper" counters "$work/logs/no-change-octoha-1.out")
counters_mutate=$(python3 "$helper" counters "$work/logs/mutate-octoha-1.out")
rm -rf -- "$src" "$src_mut" "$work/dst-rsync" "$work/dst-octoha"

# ---------------------------------------------------------------------------------------------
# Peak memory on a big tree: one initial copy into an empty folder, then a no-change pass over the
# tool's own result; /usr/bin/time -f %M. rsync runs as several processes; %M is the largest one.
memory_made=""
if (( memory_files > 0 )); then
  msrc=$work/mem-src
  progress "making the memory tree: $memory_files files, $memory_mb MiB"
  memory_made=$(python3 "$make_tree" "$msrc" --files "$memory_files" --bytes-mb "$memory_mb" --seed "$seed")
  sync
  for scenario in initial-copy no-change; do
    for tool in rsync octoha; do
      dst=$work/mem-dst-$tool
      [[ $scenario == initial-copy ]] && prepare "$dst" empty
      sync
      warm "$msrc" "$dst"
      run_tool "$tool" "$msrc" "$dst" "$work/logs/memory-$scenario-$tool"
      sync
      v=$(verify "$msrc" "$dst" "memory $scenario: $tool's destination")
      printf 'memory %s %s 1 %s %s %s %s\n' "$scenario" "$tool" "$run_secs" "$run_cpu" "$run_rss_kb" "$run_rc" >>"$results"
      progress "memory $scenario $tool: ${run_secs} s, peak RSS $(( run_rss_kb / 1024 )) MiB, exit $run_rc, $v"
    done
  done
fi

# ---------------------------------------------------------------------------------------------
# The report (stdout).
expect_note() { # SCENARIO EXPECTED
  local codes
  codes=$(awk -v s="$1" '$1 == "time" && $2 == s && $3 == "octoha" { printf "%s%s", sep, $8; sep = "," }' "$results")
  printf '  %-14s %s (expected %s)\n' "$1:" "$codes" "$2"
}

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "octoha blob copy vs rsync: benchmark report ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
echo
echo "Machine:  $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr), work folder on $(stat -f -c %T "$work")"
echo "Load:     $load_before at the start, $load_after at the end (1/5/15-minute averages; anything near or"
echo "          above $(nproc) means other work shared the machine, so expect noisy times: use more --repeat)"
echo "rsync:    $(rsync --version | head -n 1)"
echo "octoha:   $octoha_cmd blob copy SRC DST --mirror $octoha_args"
echo "          ($("${octoha[@]}" --version 2>/dev/null | head -n 1 || echo 'version unknown'); dotnet $(dotnet --version 2>/dev/null || echo '?'))"
echo "Tree:     ${tree_made/ under*/} (make-blob-tree.py --files $files --bytes-mb $mb --seed $seed)"
echo "Mutation: ${tree_mutated/ under*/} (make-blob-tree.py --mutate $mutate_pct)"
echo "Method:   each measurement runs $repeat time(s) per tool, alternating which tool goes first; the median"
echo "          counts. Every run gets a fresh destination (empty, or a cp -a copy of the synced tree), so"
echo "          neither tool gets a head start. The page cache is not dropped (that needs root); instead"
echo "          both tools see a warm cache: SRC and DST are read in full (tar | cat) and sync'ed before"
echo "          every run. After every run the destination is verified identical to its source (paths,"
echo "          sizes, mtimes at 1 s, bytes). Wall time includes process start-up for both tools: .NET"
echo "          runtime start-up and JIT for octoha (about ${startup_median} s for '$octoha_cmd --version'),"
echo "          rsync's own start-up and its fork into sender/receiver/generator processes."
echo
echo "octoha's --output json summary (first run of each scenario):"
printf '  %-14s %s\n' initial-copy: "$counters_initial" no-change: "$counters_nochange" mutate: "$counters_mutate"
echo "octoha exit codes per run (robocopy bit mask: 1 copied, 2 extras, 4 mismatches, 8 failures):"
expect_note initial-copy 1
expect_note no-change 0
expect_note mutate 3
if [[ -n $memory_made ]]; then
  echo "Memory:   ${memory_made/ under*/} (--memory-files $memory_files --memory-mb $memory_mb); one run each;"
  echo "          peak RSS by /usr/bin/time -f %M (for rsync the largest of its processes); the no-change"
  echo "          pass runs over the tool's own initial copy."
fi
echo
set +e
BENCH_MEMORY_FILES=$memory_files python3 "$helper" report "$results" "$targets"
status=$?
set -e
(( status <= 1 )) || die "report failed"
exit $status
