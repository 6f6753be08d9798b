#!/bin/sh
# Runs a sharded srmap run on Kubernetes (docs/scale.md): the Indexed Job of N shards, then,
# once it has completed, the merge Job. The exports must be in the srmap-data volume's in/
# folder (srmap-data.yaml); the report set is written to its out/ folder.
#   submit.sh N IMAGE      e.g. submit.sh 4 registry.example.com/srmap:0.1.0
# SOURCE_DATE_EPOCH is set now, once, unless it is set already, so that every shard assesses as
# of the same moment.
set -eu
if [ $# != 2 ]; then
	echo "usage: submit.sh N IMAGE" >&2
	exit 2
fi
n=$1 image=$2
here=$(cd "$(dirname "$0")" && pwd)
epoch=${SOURCE_DATE_EPOCH:-$(date +%s)}
fill() {
	sed -e "s|@SHARDS@|$n|g" -e "s|@SOURCE_DATE_EPOCH@|$epoch|g" -e "s|@IMAGE@|$image|g" "$1"
}
kubectl apply -f "$here/srmap-data.yaml"
kubectl delete job srmap-shards srmap-merge --ignore-not-found
fill "$here/srmap-shards.yaml" | kubectl apply -f -
kubectl wait --for=condition=complete job/srmap-shards --timeout=6h
fill "$here/srmap-merge.yaml" | kubectl apply -f -
kubectl wait --for=condition=complete job/srmap-merge --timeout=6h
