#!/bin/bash
# Fine steps-to-97 % probe (docs/vit.md §5.7): the 6-epoch protocol configuration of results/vit-run2,
# probe every 50 steps, stopped at the first probe ≥ 97 %; raw and field (§8.6 defaults), seeds 1–3,
# interleaved by seed; one process at a time, nice 15; no run is started after 18:36 UTC.
cd /work/main
while pgrep -f "vit ood --seeds 1,2,3 --variants raw --patch 7" > /dev/null; do sleep 20; done
git rev-parse --short HEAD > results/vit-run5/commit; date > results/vit-run5/started
sha256sum artifacts/swta.wasm >> results/vit-run5/started
for s in 1 2 3; do for v in raw field; do
  f=results/vit-run5/steps-$v-s$s.json
  [ -s $f ] && continue
  if [ $(date -u +%H%M) -ge 1836 ]; then echo "$(date -u) not starting $v s$s (deadline)" >> results/vit-run5/log.txt; exit 0; fi
  echo "$(date -u) start $v s$s" >> results/vit-run5/log.txt
  [ $v = field ] && nice -n 15 npx tsx results/vit-run5/filtercheck.mts artifacts/swta.wasm >> results/vit-run5/log.txt 2>&1
  nice -n 15 node bin/swta.mjs vit train --variant $v --seed $s --patch 7 --dim 64 --depth 2 --heads 4 --mlp 128 --epochs 6 --batch 128 --lr 0.002 \
    --eval-every 50 --stop-at-target --out /tmp/vit-run5-ckpt/$v-s$s --json > $f.tmp 2>> results/vit-run5/log.txt && mv $f.tmp $f
  echo "$(date -u) done $v s$s" >> results/vit-run5/log.txt
done; done
