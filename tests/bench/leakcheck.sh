#!/bin/bash
# Leak check of the module: the fault soak, small, with ce1's bgpd under
# valgrind memcheck (--leak-check=full, FRR's suppressions); then every
# "definitely lost" or "indirectly lost" record valgrind wrote is counted,
# and those whose stack passes through the module (bgpd_expressroute.so,
# its er_* and expressroute_* functions, its er_*.c files) are printed. Exit status 1 if there is any.
#   tests/bench/leakcheck.sh      (LEAK_FLAPS, LEAK_LINK_FLAPS: 5 and 2)
set -uo pipefail
cd "$(dirname "$0")/../.."
export SOAK_RUNDIR=${LEAK_RUNDIR:-/tmp/frr-expressroute-leakcheck}
rm -rf "$SOAK_RUNDIR"
SOAK_VALGRIND=1 SOAK_WAIT_SCALE=${LEAK_WAIT_SCALE:-4} \
	SOAK_FLAPS=${LEAK_FLAPS:-5} SOAK_LINK_FLAPS=${LEAK_LINK_FLAPS:-2} \
	tests/bench/soak.sh
soak=$?
python3 - "$SOAK_RUNDIR" "$soak" <<'PY'
import glob, re, sys

rundir, soak = sys.argv[1], int(sys.argv[2])
files = sorted(glob.glob(rundir + "/*/ce1.valgrind.bgpd.*"))
lost = module = 0
for path in files:
    text = open(path, errors="replace").read()
    # a record: "N bytes in M blocks are definitely lost in loss record..."
    # and its stack, the lines below it indented further
    records = re.findall(r"^==\d+== (\S+ (?:\([^)\n]*\) )?bytes in \S+ blocks "
                         r"are (?:definitely|indirectly) lost[^\n]*"
                         r"(?:\n==\d+== {2,}\S[^\n]*)*)", text, re.M)
    ours = [r for r in records
            if re.search(r"bgpd_expressroute\.so|: (?:er|expressroute)_\w+ "
                         r"\(|\(er_\w+\.[ch]:", r)]
    lost += len(records)
    module += len(ours)
    summary = re.search(r"ERROR SUMMARY: (\d+) errors", text)
    totals = dict(re.findall(r"(definitely|indirectly) lost: ([\d,]+ bytes)",
                             text))
    print("leakcheck: %s: %d lost records, %d through the module; %s; "
          "definitely lost %s, indirectly lost %s"
          % (path.rsplit("/", 1)[-1], len(records), len(ours),
             "%s errors" % summary.group(1) if summary else "no summary",
             totals.get("definitely", "-"), totals.get("indirectly", "-")))
    for record in ours:
        print(re.sub(r"==\d+== ", "    ", record))
print("leakcheck: %d valgrind reports of bgpd, %d definitely/indirectly lost "
      "records in all, %d from the module; soak %s"
      % (len(files), lost, module, "passed" if soak == 0 else "FAILED"))
sys.exit(1 if module or soak or not files else 0)
PY
