#!/bin/bash
# Submits a sharded srmap run to Slurm: a job array of N shards, and a merge job that runs when
# every shard has succeeded. Prints the two job ids.
#   submit.sh N OUT ASSESS-ARGUMENTS...
# OUT is the output folder (shared by the nodes); the arguments are those of the whole run
# without --out. SOURCE_DATE_EPOCH is set now, once, unless it is set already, so that every
# shard assesses as of the same moment. SRMAP names the srmap to run (default: srmap on PATH).
set -euo pipefail
if (($# < 2)); then
	echo "usage: submit.sh N OUT ASSESS-ARGUMENTS..." >&2
	exit 2
fi
n=$1 out=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
export SRMAP_SHARDS=$n SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}
array=$(sbatch --parsable --export=ALL --array="0-$((n - 1))" "$here/srmap-shard.sbatch" \
	"$@" --out "$out")
array=${array%%;*}
merge=$(sbatch --parsable --export=ALL --dependency="afterok:$array" --kill-on-invalid-dep=yes \
	"$here/srmap-merge.sbatch" "$out")
echo "shards: job $array (array of $n); merge: job ${merge%%;*}"
