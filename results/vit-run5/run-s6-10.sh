#!/bin/bash
# Seeds 6-10 of the §5.8.1 protocol (docs/vit.md §5.9, declared before running): raw and field (§8.6
# defaults), the 6-epoch configuration, probe every 50 steps, full runs; two processes at a time (the
# machine has 2 cores and nothing else runs), nice 15. No run starts after $DEADLINE (epoch seconds).
# usage: DEADLINE=$(date -d 'tomorrow 00:10' +%s) bash results/vit-run5/run-s6-10.sh
cd /work/main
echo "$(git rev-parse --short HEAD) $(date -u) $(sha256sum artifacts/swta.wasm)" >> results/vit-run5/started-s6-10
job() {
  local v=$1 s=$2 f=results/vit-run5/steps-$1-s$2.json
  [ -s $f ] && return
  if [ $(date +%s) -ge ${DEADLINE:-9999999999} ]; then echo "$(date -u) not starting $v s$s (deadline)" >> results/vit-run5/log-s6-10.txt; return; fi
  echo "$(date -u) start $v s$s" >> results/vit-run5/log-s6-10.txt
  [ $v = field ] && nice -n 15 npx tsx results/vit-run5/filtercheck.mts artifacts/swta.wasm >> results/vit-run5/log-s6-10.txt 2>&1
  nice -n 15 node bin/swta.mjs vit train --variant $v --seed $s --patch 7 --dim 64 --depth 2 --heads 4 --mlp 128 --epochs 6 --batch 128 --lr 0.002 \
    --eval-every 50 --out /tmp/vit-run5-ckpt/$v-s$s --json > $f.tmp 2>> results/vit-run5/log-s6-10.txt && mv $f.tmp $f
  echo "$(date -u) done $v s$s" >> results/vit-run5/log-s6-10.txt
}
export -f job
for s in 6 7 8 9 10; do echo "raw $s"; echo "field $s"; done | xargs -P 2 -L 1 bash -c 'job $0 $1'
