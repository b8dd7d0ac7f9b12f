#!/bin/bash
# REPAIR's and Merge Networks' figures on the embedded MNIST data (docs/benchmarks/2026-12-07-repair-merge.md):
# the benchmark CNN and a VGG without BatchNorm, 20 epochs, seeds 1 and 2 (and 3, 4 for the CNN's four-way merge);
# each pair's line barrier unaligned, aligned and aligned with REPAIR; the merges uniform, with REPAIR and greedy;
# then bench's ALIGN and MERGE on the benchmark networks. Run from the repository root after
# `mvn -B -q package -DskipTests -DskipSite`; writes into the folder given (default target/repair-merge).
set -eu
OUT=${1:-target/repair-merge}
J="java -jar $(pwd)/target/modeconn-cli.jar"
mkdir -p "$OUT" && cd "$OUT"
VGG="vgg:32,M,64,M,128,M/256"
for arch in cnn "$VGG"; do
  n=$([ "$arch" = cnn ] && echo cnn || echo vgg)
  for s in 1 2; do $J train-endpoint --data embedded --arch "$arch" --epochs 20 --seed $s --out $n-$s.net; done
  $J align --to $n-1.net --net $n-2.net --out $n-2-aligned.net --repair --points 11 --summary $n-align.json
  $J merge --networks $n-1.net $n-2.net --out $n-merged.net --summary $n-merge.json
  $J merge --networks $n-1.net $n-2.net --repair --out $n-merged-repair.net --summary $n-merge-repair.json
done
for s in 3 4; do $J train-endpoint --data embedded --arch cnn --epochs 20 --seed $s --out cnn-$s.net; done
CNNS="cnn-1.net cnn-2.net cnn-3.net cnn-4.net"
$J merge --networks $CNNS --out cnn4-merged.net --summary cnn4-merge.json
$J merge --networks $CNNS --repair --out cnn4-merged-repair.net --summary cnn4-merge-repair.json
$J merge --networks $CNNS --greedy --out cnn4-greedy.net --summary cnn4-greedy.json
$J bench --network MLP,MLPBN,CNN --operation ALIGN,MERGE --json bench-align-merge.json
