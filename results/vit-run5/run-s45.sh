#!/bin/bash
# 5-seed extension of the fine steps-to-97 % probe (docs/vit.md §5.8.1, declared before running): seeds 4, 5,
# raw and field (§8.6 defaults), the 6-epoch protocol configuration, probe every 50 steps, full run (no
# --stop-at-target, so the complete curve gives the sustained metric too); one process at a time, nice 15;
# no run is started after 21:05 UTC (compute deadline 21:35).
cd /work/main
echo "$(git rev-parse --short HEAD) $(date -u) $(sha256sum artifacts/swta.wasm)" >> results/vit-run5/started-s45
for s in 4 5; do for v in raw field; do
  f=results/vit-run5/steps-$v-s$s.json
  [ -s $f ] && continue
  if [ $(date -u +%H%M) -ge 2105 ]; then echo "$(date -u) not starting $v s$s (deadline)" >> results/vit-run5/log-s45.txt; exit 0; fi
  echo "$(date -u) start $v s$s" >> results/vit-run5/log-s45.txt
  [ $v = field ] && nice -n 15 npx tsx results/vit-run5/filtercheck.mts artifacts/swta.wasm >> results/vit-run5/log-s45.txt 2>&1
  nice -n 15 node bin/swta.mjs vit train --variant $v --seed $s --patch 7 --dim 64 --depth 2 --heads 4 --mlp 128 --epochs 6 --batch 128 --lr 0.002 \
    --eval-every 50 --out /tmp/vit-run5-ckpt/$v-s$s --json > $f.tmp 2>> results/vit-run5/log-s45.txt && mv $f.tmp $f
  echo "$(date -u) done $v s$s" >> results/vit-run5/log-s45.txt
done; done
