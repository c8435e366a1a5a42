#!/usr/bin/env bash
# Runs every test: `./test.sh` (any arguments go to Maven, e.g. ./test.sh -Dtest=CommandsTest).
#
# Some tests drive outside tools: headless Chromium and its driver, Node, bash with curl and jq,
# Python 3. Whatever is missing is installed from Debian's packages, as root or through
# passwordless sudo. When that is not possible this script names what is missing and runs the
# tests anyway: those that need a missing tool are skipped with a message (under CI=true they
# fail instead, so CI cannot pass by skipping). The last line counts passed, failed and skipped.
set -uo pipefail
cd "$(dirname "$0")"

missing=()
need() {  # need COMMAND PACKAGE: the package is missing when the command is
  if [[ $1 == /* ]]; then [ -x "$1" ] || missing+=("$2"); else command -v "$1" >/dev/null 2>&1 || missing+=("$2"); fi
}
need java openjdk-17-jdk-headless
need mvn maven
need curl curl
need jq jq
need python3 python3
need node nodejs
need /usr/bin/chromium chromium
need /usr/bin/chromedriver chromium-driver

as_root() {  # as_root COMMAND...: runs it as root, directly or through passwordless sudo
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; }; then
    echo "test.sh: installing ${missing[*]}"
    if as_root apt-get update -qq \
        && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
      missing=()
    else
      echo "test.sh: could not install ${missing[*]}"
    fi
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: missing ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
    echo "test.sh: the tests that need them will be skipped (or fail, under CI=true)"
  fi
fi
command -v mvn >/dev/null 2>&1 || { echo "test.sh: Maven is needed and could not be installed"; exit 2; }

rm -rf target/surefire-reports
mvn -q verify "$@"
status=$?

# Maven is quiet about skipped tests: name them, then count every result in one closing line.
reports=(target/surefire-reports/TEST-*.xml)
if [ ! -e "${reports[0]}" ]; then
  echo "test.sh: no test ran (the build failed before the tests, see above)"
  exit $(( status == 0 ? 1 : status ))
fi
attr() {  # attr NAME: the attribute summed over every report
  local sum=0 n
  for n in $(grep -ho "<testsuite [^>]*" "${reports[@]}" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'); do sum=$((sum + n)); done
  echo $sum
}
tests=$(attr tests) failures=$(attr failures) errors=$(attr errors) skipped=$(attr skipped)
grep -ho '<skipped.*TestAbortedException: .*' "${reports[@]}" | sed 's/.*TestAbortedException: /skipped: /' | sort | uniq -c
echo "$((tests - failures - errors - skipped)) passed, $((failures + errors)) failed, $skipped skipped"
exit $status
