#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real, when they are missing:
# Chromium (browser tests), LibreOffice Calc (the exported workbook must open), iproute2 and
# iputils (network namespaces for the venue LAN tests), PostgreSQL (a hub may keep its log there;
# the test starts a private server of its own, so the package's default cluster is not used).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v tc >/dev/null 2>&1 || need+=(iproute2)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v caddy >/dev/null 2>&1 || need+=(caddy)  # the HTTPS proxy test (deploy/caddy)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${need[*]}. Install them as root:" >&2
  echo "  apt-get install -y ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
