#!/bin/bash
# A sweep as a Slurm job array: task K of 8 runs part K/8 and writes
# part-K.json. Submit it, then merge once every task has succeeded:
#   array=$(sbatch --parsable docs/examples/sweep-slurm.sh)
#   sbatch --dependency=afterok:"$array" --wrap 'archsim sweep-merge part-*.json -o sweep.txt --chart sweep.svg'
#SBATCH --job-name=archsim-sweep
#SBATCH --array=1-8
#SBATCH --cpus-per-task=4
#SBATCH --output=sweep-%A_%a.log
set -euo pipefail
archsim sweep scenarios/realtime-inventory.yaml \
  --vary components.inventory_stream.shards=300..450+25 \
  --set workload.inventory_events.profile.peak_at=1h --duration 2h --warmup 10m \
  --jobs "$SLURM_CPUS_PER_TASK" \
  --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" -o "part-$SLURM_ARRAY_TASK_ID.json"
