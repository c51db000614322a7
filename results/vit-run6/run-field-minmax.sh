#!/bin/bash
# docs/vit.md §5.8.2: retrain field with inputNorm=minmax at the 98.5 % recipe (seed 1 first), to check that
# its weights equal the committed field checkpoint (results/vit-run4/ckpt/field-s1): MNIST train/val images
# all have minimum 0, so the two arms see bit-identical inputs (results/vit-run6/inputcheck.json).
# raw runs: copied from results/vit-run4/runs (same configuration).
cd /work/main
S=${1:-1}
nice -n 15 node bin/swta.mjs vit ood --seeds $S --variants "raw;field:inputNorm=minmax" --patch 7 --dim 64 --depth 2 --heads 4 --mlp 128 \
  --epochs 12 --batch 128 --lr 0.002 --eval-every 100 --shift 2 --out results/vit-run6 --resume >> results/vit-run6/log-field-minmax-s$S.txt 2>&1
