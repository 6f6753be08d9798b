#!/bin/sh
# Tests the Slurm samples (samples/slurm, docs/scale.md) on a real Slurm: a single-node cluster
# on this machine (munged, slurmctld and slurmd started here, with a minimal slurm.conf in a
# temporary folder and ports of their own), the sample submit.sh with N = 3 (a job array of
# three shards and a merge job that depends on it), waited for; the merged set must be the
# unsharded run's files byte for byte. The daemons it started are stopped by their pids when
# the test ends, whether it passed or not. Needs root (the daemons run as root) and Debian's
# slurm-wlm and munge (make check-slurm installs them). Prints the wall time of the sharded
# run against the unsharded one.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
srmap="$top/srmap"
work="$top/tests/out/slurm"
rm -rf "$work"
mkdir -p "$work/etc" "$work/state" "$work/spool" "$work/whole" "$work/sharded"
export SRMAP_DATADIR="$top"
pids=""
stop() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	for p in $pids; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ "$i" -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$p" 2>/dev/null
	done
}
trap stop EXIT
trap 'exit 1' INT TERM
fail() {
	echo "FAIL slurm: $*"
	for log in "$work"/*.log "$work"/sharded/*.log; do
		[ -f "$log" ] && { echo "--- $log"; tail -n 20 "$log"; }
	done
	exit 1
}
if [ "$(id -u)" != 0 ]; then
	echo "SKIP slurm: the test starts slurmctld and slurmd, which needs root"
	exit 0
fi
for cmd in munged mungekey slurmctld slurmd sbatch squeue sinfo; do
	command -v "$cmd" >/dev/null 2>&1 || fail "$cmd is missing (make check-slurm installs slurm-wlm and munge)"
done

# ---- a cluster of one node ------------------------------------------------------------------
node=$(hostname -s)
cpus=$(nproc)
E="$work/etc"
mungekey --create --keyfile="$E/munge.key" --force >/dev/null 2>&1 || fail "mungekey failed"
chmod 600 "$E/munge.key"
socket="$E/munge.socket"
munged --foreground --force --key-file="$E/munge.key" --socket="$socket" \
	--pid-file="$E/munged.pid" --log-file="$work/munged.log" --seed-file="$E/munged.seed" \
	>"$work/munged.out" 2>&1 &
pids="$pids $!"
# ports of the test's own, so that a Slurm already on the machine is not disturbed
base=$((17000 + $$ % 1000 * 2))
cat >"$E/slurm.conf" <<EOF
ClusterName=srmaptest
SlurmctldHost=$node
SlurmctldPort=$base
SlurmdPort=$((base + 1))
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$E/slurmctld.pid
SlurmdPidFile=$E/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
NodeName=$node CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$E/slurm.conf"
i=0
while [ ! -S "$socket" ] && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -S "$socket" ] || fail "munged did not start"
slurmctld -D -i -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
pids="$pids $!"
slurmd -D -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
pids="$pids $!"
i=0
until sinfo -h -N -o '%t' 2>/dev/null | grep -q 'idle'; do
	i=$((i + 1))
	[ "$i" -gt 300 ] && fail "the node did not come up"
	sleep 0.2
done

# ---- the run, unsharded and through Slurm ------------------------------------------------------
A="$top/samples/azure"
set -- --inventory "$A/resources.json" "$A/resource-graph.json" "$A/cmdb.csv" \
	"$A/m365-services.json" "$A/accounts.json" --evidence "$A/defender-assessments.json" \
	"$A/policy-states.json" "$A/prowler-azure.ocsf.json" "$A/conditional-access.json" \
	"$A/secure-score.json" --profile "$top/samples/profile.json" --format all
export SOURCE_DATE_EPOCH=1795132800
start=$(date +%s.%N)
(cd "$work/whole" && "$srmap" assess -q "$@" --out out) || fail "the unsharded run failed"
whole_time=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
ids=$(cd "$work/sharded" && SRMAP="$srmap" "$top/samples/slurm/submit.sh" 3 out "$@") ||
	fail "submit.sh failed: $ids"
echo "$ids"
merge=$(echo "$ids" | sed -n 's/.*merge: job \([0-9]*\).*/\1/p')
i=0
while [ -n "$(squeue -h -o '%i' 2>/dev/null)" ]; do
	i=$((i + 1))
	[ "$i" -gt 1200 ] && fail "the jobs did not finish in 4 minutes: $(squeue 2>&1)"
	sleep 0.2
done
sharded_time=$(echo "$(date +%s.%N) - $start" | bc)
[ -f "$work/sharded/srmap-merge-$merge.log" ] || fail "the merge job did not run"
for k in 0 1 2; do
	[ -f "$work/sharded/out/parts/part-$k-of-3.xml" ] || fail "shard $k wrote no part"
done
for f in "$work/whole/out/current/"*; do
	cmp -s "$f" "$work/sharded/out/current/$(basename "$f")" ||
		fail "$(basename "$f") of the Slurm run differs from the unsharded run's"
done
echo "PASS slurm: a job array of 3 shards and a merge job that depends on it give the unsharded run's files, byte for byte"
printf 'slurm: unsharded %.2f s; 3 shards and merge through Slurm %.2f s (submission to the last job)\n' \
	"$whole_time" "$sharded_time"
