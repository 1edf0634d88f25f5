# Shared set-up for ./run and ./test (sourced, not executed): Debian packages Qt needs, a CJK font, the
# PostgreSQL server programs (./test only), the project's virtual environment. Safe to run again: it only does what is missing.

SYSTEM_PACKAGES=(
  python3-venv
  libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxrender1 libsm6 libice6
  fonts-wqy-microhei
)

# What scripts/build needs beyond ./run's packages: pdftotext/pdftoppm (the built program's test, the manual's
# pages), objdump (PyInstaller reads libraries with it) and libpython (bundled into the build).
BUILD_PACKAGES=(poppler-utils binutils "libpython3.$(python3 -c 'import sys; print(sys.version_info.minor)')")

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

# ./test's PostgreSQL pass starts a throw-away cluster of its own (tests/postgres_cluster.py) from the server
# programs of Debian's postgresql-15 package: an installed server, or the packages (server and client) unpacked (dpkg-deb -x) into a
# folder of its own. Unpacking needs no root, starts no system cluster or service, and works in the chroots and
# containers where the package's install scripts fail; only the libraries the server links come from apt.
PG_LIBRARIES=(libgssapi-krb5-2 libicu72 libldap-2.5-0 liblz4-1 libpam0g libpq5 libxml2 libxslt1.1 libzstd1 libssl3 tzdata)

ensure_postgresql_server() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then return 0; fi
  local folder=/opt/gridapp-test-postgresql
  [ "$(id -u)" = 0 ] || folder="${XDG_CACHE_HOME:-$HOME/.cache}/gridapp/test-postgresql"
  export GRIDAPP_PG_BIN="$folder/usr/lib/postgresql/15/bin"
  export PATH="$GRIDAPP_PG_BIN:$PATH"  # pg_dump and pg_restore for the server backup tests
  [ -x "$GRIDAPP_PG_BIN/pg_dump" ] && return 0
  ensure_system_packages "${PG_LIBRARIES[@]}" || return 1
  echo "gridapp: unpacking the PostgreSQL 15 server programs into $folder (for the tests)" >&2
  local download
  download=$(mktemp -d)
  (cd "$download" && chmod 777 . && apt-get download -qq postgresql-15 postgresql-client-15 2>/dev/null) \
    || { echo "gridapp: could not download Debian's postgresql-15 packages" >&2; rm -rf "$download"; return 1; }
  mkdir -p "$folder"
  for deb in "$download"/*.deb; do dpkg-deb -x "$deb" "$folder"; done
  chmod 755 "$folder"
  rm -rf "$download"
  if [ "$(id -u)" = 0 ]; then
    # The cluster runs as nobody (the server refuses root). A chroot made with mktemp has a root folder that
    # nobody may enter; a real system's is always open, so this changes nothing there.
    chmod o+x /
  fi
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

ensure_translations() {  # the compiled English catalogue (resources/i18n/gridapp_en.qm), when missing or stale
  .venv/bin/python scripts/translations.py compile
}
