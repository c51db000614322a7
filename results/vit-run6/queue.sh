#!/bin/bash
# docs/vit.md §5.8: the 12-epoch runs of results/vit-run6 after the first two processes, in two slots (at most two
# training processes at once, nice 15). Usage: queue.sh <pid to wait for> <variant>:<seed> ...
# No run starts after 21:00 UTC (compute deadline 21:35; a run takes 20-25 min on the shared machine).
cd /work/main
W=$1; shift
while kill -0 $W 2>/dev/null; do sleep 15; done
for job in "$@"; do
  v=${job%:*}; s=${job##*:}
  [ -s "results/vit-run6/runs/$v-s$s.json" ] && continue
  if [ $(date -u +%H%M) -ge 2100 ]; then echo "$(date -u) not starting $v s$s (deadline)" >> results/vit-run6/queue-log.txt; continue; fi
  echo "$(date -u) start $v s$s" >> results/vit-run6/queue-log.txt
  nice -n 15 node bin/swta.mjs vit ood --seeds $s --variants "raw;$v" --patch 7 --dim 64 --depth 2 --heads 4 --mlp 128 \
    --epochs 12 --batch 128 --lr 0.002 --eval-every 100 --shift 2 --out results/vit-run6 --resume >> "results/vit-run6/log-$v-s$s.txt" 2>&1
  echo "$(date -u) done $v s$s" >> results/vit-run6/queue-log.txt
done
