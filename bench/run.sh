#!/usr/bin/env bash
# Entry point of `npm run bench`: raises the open-files limit for the bench and everything it starts (workerd holds
# about two descriptors per connected player, each bot process one per socket), then runs the bench with Node 22.
set -euo pipefail
cd "$(dirname "$0")/.."
want=20000
hard=$(ulimit -Hn)
soft=$(ulimit -Sn)
if [ "$hard" != "unlimited" ] && [ "$hard" -lt "$want" ]; then want=$hard; fi
if [ "$soft" != "unlimited" ] && [ "$soft" -lt "$want" ]; then
  if ulimit -Sn "$want" 2>/dev/null; then
    export BENCH_ULIMIT_NOTE="raised from $soft to $want by bench/run.sh"
  else
    export BENCH_ULIMIT_NOTE="could not raise it from $soft (hard limit $hard)"
  fi
else
  export BENCH_ULIMIT_NOTE="already $soft; hard limit $hard"
fi
export WRANGLER_SEND_METRICS=false
if [ "${1:-}" = "library" ]; then
  shift
  exec node --disable-warning=ExperimentalWarning bench/library.ts "$@"
fi
if [ "${1:-}" = "flood" ]; then
  shift
  exec node --disable-warning=ExperimentalWarning bench/flood.ts "$@"
fi
if [ "${1:-}" = "self-paced" ]; then
  shift
  exec node --disable-warning=ExperimentalWarning bench/self-paced.ts "$@"
fi
if [ "${1:-}" = "floor" ]; then
  shift
  exec node --disable-warning=ExperimentalWarning bench/floor.ts "$@"
fi
exec node --disable-warning=ExperimentalWarning bench/cli.ts "$@"
