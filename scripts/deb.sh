#!/usr/bin/env bash
# Builds a Debian package of migra for one PostgreSQL major version, named like Debian's own
# extension packages: postgresql-<MAJOR>-migra_<version>-1_<arch>.deb. It installs on a server
# without a Rust toolchain (`apt install ./postgresql-15-migra_0.2.0-1_amd64.deb`) and depends on
# Debian's (or apt.postgresql.org's) postgresql-<MAJOR>. Run as root, like scripts/setup.sh.
#
#   bash scripts/deb.sh [MAJOR] [--debug] [--package-dir DIR] [--out-dir DIR]
#
#   MAJOR              14, 15, 16, 17 or 18 (default 15)
#   --debug            a debug build (cargo pgrx package --debug; for the tests), its library not
#                      stripped; the default is a release build with the library stripped
#   --package-dir DIR  a tree that `cargo pgrx package` already wrote for MAJOR: no build, no cargo
#   --out-dir DIR      where the .deb goes (default target/deb)
#
# The files come from the tree that `cargo pgrx package --pg-config <pg_config> --out-dir DIR`
# writes, at the paths that pg_config names. Debian's pg_config (15 here) already names Debian's
# layout; the PyPI wheel servers the project builds 14, 16, 17 and 18 against (scripts/pgwheel.sh)
# do not, so every file is placed at Debian's path for MAJOR whatever the tree's: migra.so in
# /usr/lib/postgresql/MAJOR/lib, migra.control and migra--*.sql in
# /usr/share/postgresql/MAJOR/extension. Progress goes to stderr; the last line of stdout is the
# path of the .deb.
set -euo pipefail
cd "$(dirname "$0")/.."

MAJOR=15
DEBUG=0
PACKAGE_DIR=
OUT_DIR=target/deb

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
die() { echo "scripts/deb.sh: $*" >&2; exit 1; }
say() { printf '==> %s\n' "$*" >&2; }

while [ $# -gt 0 ]; do
  case $1 in
    14|15|16|17|18) MAJOR=$1 ;;
    --debug) DEBUG=1 ;;
    --package-dir) [ $# -ge 2 ] || usage; PACKAGE_DIR=$2; shift ;;
    --package-dir=*) PACKAGE_DIR=${1#*=} ;;
    --out-dir) [ $# -ge 2 ] || usage; OUT_DIR=$2; shift ;;
    --out-dir=*) OUT_DIR=${1#*=} ;;
    -h|--help) usage ;;
    *) echo "scripts/deb.sh: unknown argument '$1'" >&2; usage ;;
  esac
  shift
done

[ "$(id -u)" = 0 ] || die "run as root (it builds with scripts/setup.sh, and the package's files belong to root)"
command -v dpkg-deb >/dev/null || die "dpkg-deb not found (this is a Debian tool)"

VERSION=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)
[ -n "$VERSION" ] || die "no version in Cargo.toml"
ARCH=$(dpkg --print-architecture)
NAME=postgresql-$MAJOR-migra
DEB_VERSION=$VERSION-1
# Debian's DEBFULLNAME and DEBEMAIL, or the author of the checkout's last commit
MAINTAINER=$(git log -1 --format='%an <%ae>' 2>/dev/null || true)
if [ -n "${DEBEMAIL:-}" ] || [ -z "$MAINTAINER" ]; then
  MAINTAINER="${DEBFULLNAME:-migra maintainers} <${DEBEMAIL:-migra@localhost}>"
fi

WORK=$(mktemp -d /tmp/migra-deb.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [ -z "$PACKAGE_DIR" ]; then
  say "building migra $VERSION for PostgreSQL $MAJOR ($([ $DEBUG = 1 ] && echo debug || echo release) build)"
  # PG_CONFIG (Debian's for 15, a wheel's otherwise) and, for a wheel, CARGO_TARGET_DIR
  MIGRA_PG_MAJOR=$MAJOR . scripts/setup.sh
  PACKAGE_DIR=$WORK/pkg
  build=(cargo pgrx package --pg-config "$PG_CONFIG" --out-dir "$PACKAGE_DIR")
  [ $DEBUG = 1 ] && build+=(--debug)
  "${build[@]}" >&2 || die "cargo pgrx package failed"
fi
[ -d "$PACKAGE_DIR" ] || die "no package tree at $PACKAGE_DIR"
PACKAGE_DIR=$(cd "$PACKAGE_DIR" && pwd -P)  # a symlink resolved: find does not follow one

# The tree's files, each to its Debian path; anything else in the tree is refused.
LIBDIR=usr/lib/postgresql/$MAJOR/lib
EXTDIR=usr/share/postgresql/$MAJOR/extension
ROOT=$WORK/root
mkdir -p "$ROOT/DEBIAN" "$ROOT/$LIBDIR" "$ROOT/$EXTDIR" "$ROOT/usr/share/doc/$NAME"
library=
while IFS= read -r -d '' file; do
  relative=${file#"$PACKAGE_DIR"/}
  # a tree for another major version: Debian's paths name it (postgresql/16/), a wheel's too
  # (pg16/postgresql-16.15.0-...)
  if [[ $relative =~ postgresql[/-]([0-9]+)[/.] ]] && [ "${BASH_REMATCH[1]}" != "$MAJOR" ]; then
    die "$relative in $PACKAGE_DIR is for PostgreSQL ${BASH_REMATCH[1]}, not $MAJOR"
  fi
  case ${file##*/} in
    migra.so)
      [ -z "$library" ] || die "two libraries in $PACKAGE_DIR: $library and $relative"
      library=$relative
      install -m 0644 "$file" "$ROOT/$LIBDIR/migra.so" ;;
    migra.control|migra--*.sql)
      [ ! -e "$ROOT/$EXTDIR/${file##*/}" ] || die "two copies of ${file##*/} in $PACKAGE_DIR"
      install -m 0644 "$file" "$ROOT/$EXTDIR/" ;;
    *) die "unexpected file in $PACKAGE_DIR: $relative" ;;
  esac
done < <(find "$PACKAGE_DIR" -type f -print0)
[ -n "$library" ] || die "no migra.so in $PACKAGE_DIR (a cargo pgrx package tree?)"
[ -f "$ROOT/$EXTDIR/migra.control" ] || die "no migra.control in $PACKAGE_DIR"
default_version=$(sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" "$ROOT/$EXTDIR/migra.control")
[ "$default_version" = "$VERSION" ] \
  || die "the tree's migra.control says version '$default_version', Cargo.toml $VERSION: a tree of another checkout?"
[ -f "$ROOT/$EXTDIR/migra--$VERSION.sql" ] || die "no migra--$VERSION.sql in $PACKAGE_DIR"

if [ $DEBUG = 0 ]; then
  # as dh_strip does for a shared library: the dynamic symbols PostgreSQL looks up stay
  strip --strip-unneeded --remove-section=.comment --remove-section=.note "$ROOT/$LIBDIR/migra.so"
fi

cat >"$ROOT/usr/share/doc/$NAME/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: migra

Files: *
Copyright: none; dedicated to the public domain by its authors
License: Unlicense
 This is free and unencumbered software released into the public domain.
 .
 Anyone is free to copy, modify, publish, use, compile, sell, or
 distribute this software, either in source code form or as a compiled
 binary, for any purpose, commercial or non-commercial, and by any
 means.
 .
 In jurisdictions that recognize copyright laws, the author or authors
 of this software dedicate any and all copyright interest in the
 software to the public domain. We make this dedication for the benefit
 of the public at large and to the detriment of our heirs and
 successors. We intend this dedication to be an overt act of
 relinquishment in perpetuity of all present and future rights to this
 software under copyright law.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
 EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
 MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
 IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR ANY CLAIM, DAMAGES OR
 OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE,
 ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR
 OTHER DEALINGS IN THE SOFTWARE.
 .
 For more information, please refer to <https://unlicense.org>
EOF
chmod 0644 "$ROOT/usr/share/doc/$NAME/copyright"

# The shared libraries migra.so needs (libc6, libgcc-s1), with versions, as Debian's own
# packages get them; the symbols it takes from the server itself resolve in none of them, which
# dpkg-shlibdeps reports and which is right for a server module, so its warnings are dropped.
shlib_depends=
if command -v dpkg-shlibdeps >/dev/null; then
  mkdir -p "$WORK/shlibs/debian"
  printf 'Source: migra\n\nPackage: %s\nArchitecture: any\n' "$NAME" >"$WORK/shlibs/debian/control"
  shlib_depends=$(cd "$WORK/shlibs" && dpkg-shlibdeps -O --warnings=0 "$ROOT/$LIBDIR/migra.so" 2>/dev/null \
                  | sed -n 's/^shlibs:Depends=//p') || shlib_depends=
fi
DEPENDS="postgresql-$MAJOR, ${shlib_depends:-libc6}"

(cd "$ROOT" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$ROOT/DEBIAN/md5sums"
chmod 0644 "$ROOT/DEBIAN/md5sums"
installed_size=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
cat >"$ROOT/DEBIAN/control" <<EOF
Package: $NAME
Version: $DEB_VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $installed_size
Depends: $DEPENDS
Section: database
Priority: optional
Description: compare two PostgreSQL schemas and get the DDL between them
 migra is a PostgreSQL extension, written in Rust with pgrx, that compares
 two schemas (in this database, another database or a saved snapshot) from
 SQL and returns the DDL that turns one into the other, with the hazards of
 each statement, and checks databases for drift from an expected schema.
 .
 This package holds migra $VERSION for PostgreSQL $MAJOR. Load it in each
 database with CREATE EXTENSION migra (a superuser); an older version is
 updated with ALTER EXTENSION migra UPDATE.
EOF
find "$ROOT" -type d -exec chmod 0755 {} +

mkdir -p "$OUT_DIR"
deb=$(cd "$OUT_DIR" && pwd)/${NAME}_${DEB_VERSION}_${ARCH}.deb
dpkg-deb --build --root-owner-group "$ROOT" "$deb" >&2
say "$(basename "$deb"): $(du -h "$deb" | cut -f1), Depends: $DEPENDS"
echo "$deb"
