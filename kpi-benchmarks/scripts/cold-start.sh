#!/bin/bash
# Cold start of `kpi run` on a 1,000-row file, timed as whole processes with /usr/bin/time, side by side with
# `java -version` (the floor: a JVM that starts and exits). Four variants, each N times per round, two rounds:
#   java-version     java -version
#   jar-default      java -jar kpi.jar run ...           (JVM defaults, no class-data archive of ours)
#   launcher-nocds   KPI_CDS=off kpi run ...             (the launcher: C1 only and serial GC for small inputs)
#   launcher-cds     kpi run ...                         (the launcher with its class-data archive kpi.jsa)
#   baseline-cds     the same with the kpi-cli/target of another build (BASELINE=dir; e.g. the previous commit's),
#                    alternating with the others in the same rounds, so that the two builds are compared side by side
# Output: one line per process, "variant wall-seconds user-seconds system-seconds", and the load average before
# and after. The data: `kpi demo --rows 1000` (SampleEvents), the bundled reference-job catalog.
#
# usage (after mvn -B -q package -DskipTests -pl kpi-cli -am):
#   kpi-benchmarks/scripts/cold-start.sh kpi-cli/target kpi-samples/target/kpi-samples-0.1.0-SNAPSHOT.jar 8
# side by side with another build:
#   BASELINE=/path/to/other/kpi-cli/target kpi-benchmarks/scripts/cold-start.sh kpi-cli/target ... 8
set -eu
T=$1; SAMPLES=$2; N=${3:-10}
D=$(mktemp -d /tmp/kpi-cold.XXXX)
java -jar "$T/kpi.jar" demo --rows 1000 --dir "$D" > /dev/null
unzip -p "$SAMPLES" io/kpiengine/samples/reference-job.yaml > "$D/catalog.yaml"
cp "$T/kpi.jar" "$D/kpi.jar"; cp "$T/kpi" "$D/kpi"; rm -f "$D/kpi.jsa"
RUN="run --catalog $D/catalog.yaml --data events=$D/events.csv --out $D/r.json --threads 2"
"$D/kpi" $RUN > /dev/null   # the first run makes the class-data archive (untimed)
if [ -n "${BASELINE:-}" ]; then
  mkdir "$D/baseline"; cp "$BASELINE/kpi.jar" "$BASELINE/kpi" "$D/baseline/"
  "$D/baseline/kpi" $RUN > /dev/null
fi
measure() {  # label, command...
  local label=$1; shift
  for i in $(seq "$N"); do
    /usr/bin/time -f "%e %U %S" -o "$D/t" "$@" > /dev/null 2>&1
    echo "$label $(cat "$D/t")" | tee -a "$D/all"
  done
}
median() {  # of the numbers on standard input
  sort -n | awk '{x[NR] = $1} END {printf "%.3f", (NR % 2) ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2}'
}
summary() {  # per variant: runs, median and min wall, median CPU (user + system)
  for v in $(cut -d' ' -f1 "$D/all" | sort -u); do
    grep "^$v " "$D/all" > "$D/v"
    printf "summary %-15s runs %d  median wall %s s  min %s s  median cpu %s s\n" "$v" "$(wc -l < "$D/v")" \
      "$(awk '{print $2}' "$D/v" | median)" "$(awk '{print $2}' "$D/v" | sort -n | head -1)" \
      "$(awk '{print $3 + $4}' "$D/v" | median)"
  done
}
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in 1 2; do
  measure java-version java -version
  measure jar-default java -jar "$D/kpi.jar" $RUN
  measure launcher-nocds env KPI_CDS=off "$D/kpi" $RUN
  measure launcher-cds "$D/kpi" $RUN
  if [ -n "${BASELINE:-}" ]; then
    measure baseline-cds "$D/baseline/kpi" $RUN
  fi
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
summary
rm -rf "$D"
