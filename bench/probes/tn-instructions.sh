#!/bin/bash
# Probe for docs/truenorth.md §1.3 (not part of the build): x86 instructions per tick of the wasm engine
# on the `bench tn` network, counted by callgrind (this VM has no hardware counters; instruction counts
# do not depend on the machine's load). V8 runs single-threaded with TurboFan only, so compilation is
# the same in both runs; the difference of a long and a short run is divided by the extra ticks.
# bash bench/probes/tn-instructions.sh <swta.wasm> [cores=64] [short=500] [long=2500]   (≈ 4 min)
set -e
cd "$(dirname "$0")/../.."
wasm=$1; cores=${2:-64}; short=${3:-500}; long=${4:-2500}
count() {
  local out; out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" node --single-threaded --no-liftoff --import tsx \
    bench/probes/tn-ticks.ts "$wasm" "$cores" "$1" > /dev/null 2> "$out.err"
  grep -h "^summary:\|^totals:" "$out" | head -1 | awk '{print $2}'
  rm -f "$out" "$out.err"
}
a=$(count "$short"); b=$(count "$long")
node -e "const [a,b,s,l,c]=process.argv.slice(1).map(Number);console.log(JSON.stringify({wasm:process.argv[6],cores:c,instructions_short:a,instructions_long:b,instructions_per_tick:Math.round((b-a)/(l-s)),instructions_per_core_tick:Math.round((b-a)/(l-s)/c)}))" "$a" "$b" "$short" "$long" "$cores" "$wasm"
