# Shared by scripts/v2-scenario.sh and scripts/upstream-scenario.sh (sourced, not run): the temp folder and HOME,
# running Debian's nuget.exe 2.8.7 on Mono, the PASS/FAIL counters and the NuGet.Config both write.

# scenario_begin NAME [PALLET]: PALLET (absolute; default .build/debug/pallet), WORK (a new temp folder, the
# current directory from here on) with HOME inside it, so no user configuration is read or written.
scenario_begin() {
  PALLET=${2:-.build/debug/pallet}
  PALLET=$(cd "$(dirname "$PALLET")" && pwd)/$(basename "$PALLET")
  WORK=$(mktemp -d "/tmp/pallet-$1.XXXXXX")
  passed=0
  failed=0
  export HOME="$WORK/home"
  mkdir -p "$HOME" "$WORK/packages"
  cd "$WORK" || exit 1
}

# NuGet 2.x on Mono wraps console output to Console.WindowWidth, which is 0 without a terminal, and
# then loops forever printing empty lines (`nuget list` never ends). `script` gives it a pseudo-terminal;
# escape sequences and CRs are stripped from what it prints. Paths are relative: nuget.exe 2.x reads an
# argument starting with '/' as a switch.
nuget_run() {
  local command="stty cols 250 2>/dev/null; exec nuget"
  for argument in "$@"; do command+=" $(printf '%q' "$argument")"; done
  timeout 180 script -qec "$command" /dev/null </dev/null | sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1b[=>]//g' -e 's/\r//g'
  return "${PIPESTATUS[0]}"
}

# pass|fail NAME [DETAIL]
pass() { passed=$((passed + 1)); echo "PASS: $1"; }
fail() { failed=$((failed + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'; }
# check NAME CONDITION-EXIT-STATUS OUTPUT
check() { if [ "$2" -eq 0 ]; then pass "$1"; else fail "$1" "$3"; fi; }
contains() { grep -qxF -- "$2" <<<"$1"; }
contains_text() { grep -qF -- "$2" <<<"$1"; }

# nuget_config KEY SOURCE: the one package source nuget.exe sees (working folder and HOME, both places it reads).
nuget_config() {
  cat >NuGet.Config <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="$1" value="$2" /></packageSources>
</configuration>
CONFIG
  mkdir -p "$HOME/.config/NuGet" && cp NuGet.Config "$HOME/.config/NuGet/NuGet.Config" && cp NuGet.Config "$HOME/NuGet.Config"
}

# scenario_end: the last line, `N passed, M failed`; the exit status is 1 on any failure.
scenario_end() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
