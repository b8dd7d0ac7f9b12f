#!/usr/bin/env bash
# The view pages are tested in headless Chromium: installs Debian's chromium when it is missing (as root, with
# apt), so that the test command runs on a fresh machine.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing: install it (sudo apt-get install chromium) and run the tests again." >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
