# Shared set-up for ./run and ./test (sourced, not executed): Debian packages Qt needs, a CJK font, the
# PostgreSQL server programs (./test only), the project's virtual environment. Safe to run again: it only does what is missing.

SYSTEM_PACKAGES=(
  python3-venv
  libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxrender1 libsm6 libice6
  fonts-wqy-microhei
)

ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian/Ubuntu: the user installs Qt's libraries
  local missing=() pkg
  for pkg in "${SYSTEM_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "gridapp: installing system packages: ${missing[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "gridapp: these system packages are missing. Install them once with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    return 1
  fi
}

ensure_postgresql_server() {  # ./test's PostgreSQL pass starts a throw-away cluster of its own from these
  command -v dpkg-query >/dev/null 2>&1 || return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "gridapp: the PostgreSQL server programs are missing (the tests run on PostgreSQL too). Install them once with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends postgresql" >&2
    echo "  sudo pg_dropcluster --stop 15 main   # Debian creates and starts a cluster; the tests do not need it" >&2
    return 1
  fi
  local before cluster
  before=$(pg_lsclusters -h 2>/dev/null | awk '{print $1 "/" $2}' || true)
  echo "gridapp: installing system packages: postgresql" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  # Debian creates and starts a "main" cluster on install; nothing here uses it, so it is removed again.
  for cluster in $(pg_lsclusters -h 2>/dev/null | awk '{print $1 "/" $2}'); do
    grep -qxF "$cluster" <<<"$before" || pg_dropcluster --stop "${cluster%/*}" "${cluster#*/}"
  done
}

ensure_venv() {  # $1: pip extras, e.g. "test" (empty for none)
  local extras=$1 spec="." stamp
  [ -n "$extras" ] && spec=".[$extras]"
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { echo "gridapp: Python 3.11 or newer is required (found $(python3 --version 2>&1))" >&2; return 1; }
  [ -x .venv/bin/python ] || python3 -m venv .venv
  stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)-${extras:-base}"
  if [ ! -f "$stamp" ]; then
    echo "gridapp: installing Python packages into .venv …" >&2
    .venv/bin/python -m pip install -q --disable-pip-version-check -e "$spec"
    touch "$stamp"
  fi
}
