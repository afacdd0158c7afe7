#!/usr/bin/env bash
# Runs a fixed set of clusterspec commands on the CPU with the binary $1,
# writing every output into the folder $2. Used to check that a refactor
# leaves the numbers unchanged:
#
#   tests/regression/run_commands.sh OLD_BINARY before/
#   tests/regression/run_commands.sh target/debug/clusterspec after/
#   python3 tests/regression/compare_csv.py before/ after/
#
# Every command pins --backend cpu and the single-particle response, so
# both runs compute in f64 on the CPU.
set -euo pipefail
bin="$(realpath "$1")"
mkdir -p "$2"
cd "$2"
extra=()
if "$bin" absorption --help | grep -q -- '--response'; then
    extra=(--response single)
fi
"$bin" build icosahedron --element Au --shells 2 -o au55.xyz >/dev/null
"$bin" build c-au4ag6 --hand p -o cau4ag6.xyz >/dev/null
"$bin" build au25 --bare -o au25.xyz >/dev/null
"$bin" build icosahedron --element Ag --shells 1 -o ag13.xyz >/dev/null
run() { "$bin" "$@" --backend cpu -q >/dev/null; }
run absorption au55.xyz --out abs_au55_s "${extra[@]}"
run absorption ag13.xyz --model spd --lineshape voigt --out abs_ag13_spd "${extra[@]}"
run cd cau4ag6.xyz --model spd --out cd
run emission au25.xyz --ligands 18 --charge=-1 --out em
run sweep icosahedron:1 --compositions 0,0.5 --configurations 4 --core-shell --out sweep "${extra[@]}"
run jellium --element Na --atoms 20 --out jel_na20
run jellium --element Ag --atoms 40 --out jel_ag40
echo "wrote $(ls ./*.csv | wc -l) CSV files to $2"
