#!/usr/bin/env bash
# A scheduled Portalis run, for cron or the systemd timer (scripts/systemd/). Settings come from
# the environment, or from $PORTALIS_ENV_FILE (default /etc/portalis/scheduled.env) when it exists:
#
#   PORTALIS_SOURCES      SOURCE arguments, space-separated (required)
#   PORTALIS_OUT          --out (required)
#   PORTALIS_CLUSTER      --cluster (default: local)
#   PORTALIS_CONFIG       --config FILE
#   PORTALIS_CACHE        --cache URL (e.g. the rediss:// URL from Terraform)
#   PORTALIS_TENANT       --tenant (config/tenants.yaml; default: the config's)
#   PORTALIS_ARGS         more arguments for `portalis run`, space-separated
#   PORTALIS_LOG          log file (default /var/log/portalis/scheduled.log)
#   PORTALIS_LOCK         lock file (default: one per --out under ${TMPDIR:-/tmp})
#   PORTALIS_PUSHGATEWAY  Pushgateway URL: when set, the pipeline pushes its final metrics there
#                         (--pushgateway) and this script the run's exit code and duration
#   PORTALIS_JOB          Pushgateway job name (default portalis_scheduled)
#   PORTALIS_BIN          the portalis executable (default: .venv/bin/portalis of this checkout)
#
# Two runs never overlap on the same output: the second finds the lock taken (`flock -n`),
# logs it and exits 75 (EX_TEMPFAIL). Otherwise the exit code is the pipeline's: 0 completed,
# 1 internal failure, 2 usage or configuration error, 3 interrupted (SIGTERM/SIGINT are passed on
# to the pipeline, which publishes what it finished as _INCOMPLETE), 4 stopped by the tenant's
# budget (resumes from the cache when run again).
#
# crontab (nightly at 02:00, as the user that owns the checkout):
#   0 2 * * *  /opt/portalis/scripts/portalis-scheduled.sh
set -uo pipefail
EXIT_LOCKED=75
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ENV_FILE="${PORTALIS_ENV_FILE:-/etc/portalis/scheduled.env}"
if [ -r "$ENV_FILE" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
fi
: "${PORTALIS_SOURCES:?set PORTALIS_SOURCES (space-separated SOURCE arguments)}"
: "${PORTALIS_OUT:?set PORTALIS_OUT (the --out of the run)}"
PORTALIS_BIN="${PORTALIS_BIN:-$ROOT/.venv/bin/portalis}"
PYTHON="${PORTALIS_PYTHON:-$(dirname "$PORTALIS_BIN")/python}"
LOG="${PORTALIS_LOG:-/var/log/portalis/scheduled.log}"
out_id="$(printf '%s' "$PORTALIS_OUT" | sha256sum | cut -c1-16)"
LOCK="${PORTALIS_LOCK:-${TMPDIR:-/tmp}/portalis-scheduled-$out_id.lock}"

mkdir -p "$(dirname "$LOG")"
log() { printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >>"$LOG"; }

exec 9>>"$LOCK"
if ! flock -n 9; then
  log "another run holds $LOCK (same --out $PORTALIS_OUT): not starting; exit $EXIT_LOCKED"
  echo "portalis-scheduled: another run holds $LOCK; exit $EXIT_LOCKED" >&2
  exit "$EXIT_LOCKED"
fi

read -r -a sources <<<"$PORTALIS_SOURCES"
args=(run "${sources[@]}" --out "$PORTALIS_OUT")
[ -n "${PORTALIS_CLUSTER:-}" ] && args+=(--cluster "$PORTALIS_CLUSTER")
[ -n "${PORTALIS_CONFIG:-}" ] && args+=(--config "$PORTALIS_CONFIG")
[ -n "${PORTALIS_CACHE:-}" ] && args+=(--cache "$PORTALIS_CACHE")
[ -n "${PORTALIS_TENANT:-}" ] && args+=(--tenant "$PORTALIS_TENANT")
[ -n "${PORTALIS_PUSHGATEWAY:-}" ] && args+=(--pushgateway "$PORTALIS_PUSHGATEWAY")
if [ -n "${PORTALIS_ARGS:-}" ]; then
  read -r -a extra <<<"$PORTALIS_ARGS"
  args+=("${extra[@]}")
fi

started=$(date +%s)
log "start (pid $$, lock $LOCK): portalis ${args[*]}"
"$PORTALIS_BIN" "${args[@]}" </dev/null >>"$LOG" 2>&1 9>&- &
child=$!
trap 'log "signal: stopping the run"; kill -TERM "$child" 2>/dev/null' TERM INT
while :; do
  wait "$child"
  rc=$?
  kill -0 "$child" 2>/dev/null || break # wait was interrupted by a signal: wait again
done
trap - TERM INT
duration=$(($(date +%s) - started))
log "end: exit $rc after ${duration}s"

if [ -n "${PORTALIS_PUSHGATEWAY:-}" ]; then
  if "$PYTHON" -m pipeline.scheduled --gateway "$PORTALIS_PUSHGATEWAY" \
    --job "${PORTALIS_JOB:-portalis_scheduled}" --out "$PORTALIS_OUT" \
    --exit-code "$rc" --duration "$duration" >>"$LOG" 2>&1; then
    log "metrics pushed to $PORTALIS_PUSHGATEWAY"
  else
    log "could not push metrics to $PORTALIS_PUSHGATEWAY (the run's exit code is kept)"
  fi
fi
exit "$rc"
