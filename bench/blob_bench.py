#!/usr/bin/env python3
"""Helper for blob-copy-bench.sh: tree verification and the report. Standard library only.

    blob_bench.py verify EXPECTED ACTUAL
        Exit 0 when ACTUAL holds exactly the files and folders of EXPECTED, each file with the
        same size, the same mtime (1-second resolution) and the same bytes; else print the
        differences (at most 20) and exit 1.
    blob_bench.py counters JSONFILE
        One line with the numeric fields of octoha's `--output json` summary (for the report).
    blob_bench.py report RESULTS.tsv TARGETS
        The timing table, the ratio lines and the memory lines. RESULTS.tsv holds
        "section scenario tool rep wall_seconds cpu_seconds maxrss_kb exit_code" lines; TARGETS is
        "initial-copy=0.80,no-change=1.00,mutate=1.00". Exit 1 when a ratio misses its target.
"""
import json, os, stat, statistics, sys


def snapshot(root):
    """rel path -> (kind, size, mtime seconds) for everything under root (root itself excluded)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            st = os.lstat(full)
            rel = os.path.relpath(full, root)
            if stat.S_ISDIR(st.st_mode):
                out[rel] = ("dir", 0, 0)
            elif stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", 0, os.readlink(full))
            elif stat.S_ISREG(st.st_mode):
                out[rel] = ("file", st.st_size, st.st_mtime_ns // 1_000_000_000)
            else:
                out[rel] = ("other", 0, 0)
    return out


def same_bytes(a, b, chunk=1 << 20):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(chunk), fb.read(chunk)
            if x != y:
                return False
            if not x:
                return True


def verify(expected, actual):
    if not os.path.isdir(actual):
        print(f"  {actual} does not exist or is not a folder")
        return 1
    e, a = snapshot(expected), snapshot(actual)
    problems = []
    for rel in sorted(e.keys() - a.keys()):
        problems.append(f"missing   {rel}")
    for rel in sorted(a.keys() - e.keys()):
        problems.append(f"extra     {rel}")
    checked = 0
    for rel in sorted(e.keys() & a.keys()):
        (ek, es, em), (ak, as_, am) = e[rel], a[rel]
        if ek != ak:
            problems.append(f"type      {rel}: {ek} expected, {ak} found")
        elif ek == "file":
            if es != as_:
                problems.append(f"size      {rel}: {es} expected, {as_} found")
            elif em != am:
                problems.append(f"mtime     {rel}: {em} expected, {am} found")
            elif not same_bytes(os.path.join(expected, rel), os.path.join(actual, rel)):
                problems.append(f"content   {rel}: same size and mtime, different bytes")
            checked += 1
        elif ek == "link" and em != am:
            problems.append(f"link      {rel}: -> {em} expected, -> {am} found")
    if problems:
        print(f"  {len(problems)} difference(s) between {expected} and {actual}:")
        for p in problems[:20]:
            print(f"    {p}")
        if len(problems) > 20:
            print(f"    ... and {len(problems) - 20} more")
        return 1
    print(f"identical: {checked} files, {sum(1 for v in e.values() if v[0] == 'dir')} folders")
    return 0


def counters(path):
    """Print the non-zero numbers of the JSON summary, grouped by their top-level key."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError):
        print("(no JSON summary on stdout)")
        return 0
    groups = []

    def numbers(node, prefix, out):
        if isinstance(node, dict):
            for k, v in node.items():
                numbers(v, f"{prefix}.{k}" if prefix else str(k), out)
        elif isinstance(node, (int, float)) and not isinstance(node, bool) and node != 0:
            out.append(f"{prefix}={node:g}" if isinstance(node, float) else f"{prefix}={node}")
    if isinstance(doc, dict):
        for key, value in doc.items():
            found = []
            numbers(value, "", found)
            if isinstance(value, dict):
                groups.append(f"{key} " + (" ".join(found) if found else "all 0"))
            elif found:
                groups.append(f"{key}{found[0]}")
    print("; ".join(groups) if groups else "(JSON summary has no numbers)")
    return 0


def mib(kb):
    return f"{int(kb) / 1024:.1f} MiB"


def report(results_path, targets_arg):
    targets = dict((k, float(v)) for k, v in (t.split("=") for t in targets_arg.split(",")))
    timing, memory = {}, {}
    with open(results_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            section, scenario, tool, rep, secs, cpu, rss, rc = line.split()
            bucket = timing if section == "time" else memory
            bucket.setdefault((scenario, tool), []).append((float(secs), int(rss), int(rc), float(cpu)))

    failed = False
    lines = []
    if timing:
        print("Wall time in seconds (median of the repeats; every run listed); cpu = median user + sys seconds:")
        print(f"  {'scenario':<14} {'tool':<7} {'median':>8}   {'runs':<25} {'cpu':>7} {'peak RSS':>10}   exit codes")
        for scenario in targets:
            for tool in ("rsync", "octoha"):
                runs = timing.get((scenario, tool), [])
                if not runs:
                    continue
                med = statistics.median(r[0] for r in runs)
                all_runs = " ".join(f"{r[0]:.2f}" for r in runs)
                rss = mib(max(r[1] for r in runs))
                codes = ",".join(str(r[2]) for r in runs)
                cpu = statistics.median(r[3] for r in runs)
                print(f"  {scenario:<14} {tool:<7} {med:>8.2f}   {all_runs:<25} {cpu:>7.2f} {rss:>10}   {codes}")
        print()
        for scenario, target in targets.items():
            r = timing.get((scenario, "rsync"))
            o = timing.get((scenario, "octoha"))
            if not r or not o:
                lines.append(f"ratio {scenario} n/a (target <= {target:.2f}) FAIL")
                failed = True
                continue
            ratio = round(statistics.median(x[0] for x in o) / statistics.median(x[0] for x in r), 2)
            ok = ratio <= target
            failed |= not ok
            lines.append(f"ratio {scenario} {ratio:.2f} (target <= {target:.2f}) {'PASS' if ok else 'FAIL'}")
    for scenario in ("initial-copy", "no-change"):
        o = memory.get((scenario, "octoha"))
        r = memory.get((scenario, "rsync"))
        if o and r:
            files = os.environ.get("BENCH_MEMORY_FILES", "?")
            lines.append(f"memory {scenario} {files} files: octoha peak RSS {mib(o[0][1])} "
                         f"({o[0][0]:.2f} s), rsync {mib(r[0][1])} ({r[0][0]:.2f} s)")
    for line in lines:
        print(line)
    return 1 if failed else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "verify":
        return verify(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "counters":
        return counters(argv[2])
    if len(argv) == 4 and argv[1] == "report":
        return report(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
