#!/usr/bin/env python3
"""`cargo pgrx package` output installs into a clean server (README, "Install into your own
server").

`--package` is a `cargo pgrx package` folder: a tree that mirrors the server's own folders
(`usr/lib/postgresql/15/lib/migra.so`, `usr/share/postgresql/15/extension/migra*`), to be
copied over the root of a machine as a package manager would. The clean server is a copy of
the server that `--pg-config` names (its `bin`, `lib` and `share` folders, under a temporary
root, at the same paths below it) with every migra file left out: PostgreSQL finds its
folders relative to its own executable, so the copy reads its own `share` and `lib`, never the
installed server's, where the test suite installed migra before. Checks:

- the package holds the library, the control file, the install script of the version the
  control file names and an upgrade script from each earlier release, and nothing else;
- the clean server does not offer migra until the package is copied over its root, and then
  offers it (`pg_available_extensions` reads the folder at each call);
- in a cluster of the clean server: `CREATE EXTENSION migra` (and dblink, from the server's own
  contrib), a diff of two schemas converges when applied, a remote read of the database itself
  gives no rows, and `\\df+ migra_*` shows a description for every function.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
Needs root, as scripts/test.sh runs: the cluster runs as the `postgres` user.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, Tests as Runner  # noqa: E402

PORT = 5491
DATABASE = "migra_package"


def pg_config(path, *options):
    out = subprocess.run([path, *options], check=True, capture_output=True, text=True).stdout
    return [line.strip() for line in out.splitlines()]


def as_postgres(args, **kwargs):
    return subprocess.run(["sudo", "-u", "postgres", *args], capture_output=True, text=True, **kwargs)


class Tests(Runner):
    def __init__(self, package, pg_config_path):
        super().__init__()
        self.package = Path(package)
        self.bindir, self.pkglibdir, self.sharedir = pg_config(pg_config_path, "--bindir", "--pkglibdir", "--sharedir")
        self.root = Path(tempfile.mkdtemp(prefix="migra-clean-server-"))
        os.chmod(self.root, 0o755)
        self.cluster = None

    def under_root(self, path):
        return self.root / Path(path).relative_to("/")

    def the_package_holds_what_an_install_needs(self):
        files = sorted(str(p.relative_to(self.package)) for p in self.package.rglob("*") if p.is_file())
        control = [f for f in files if f.endswith("/migra.control")]
        if len(control) != 1:
            raise CaseFailure(f"no single migra.control among {files}")
        text = (self.package / control[0]).read_text()
        version = next((line.split("=", 1)[1].strip().strip("'") for line in text.splitlines()
                        if line.startswith("default_version")), None)
        extension = str(Path(self.sharedir, "extension").relative_to("/"))
        library = str(Path(self.pkglibdir, "migra.so").relative_to("/"))
        wanted = {library, f"{extension}/migra.control", f"{extension}/migra--{version}.sql"}
        upgrades = {f for f in files if f.startswith(f"{extension}/migra--") and f.count("--") == 2}
        if not upgrades:
            raise CaseFailure(f"no upgrade script among {files}")
        extra = set(files) - wanted - upgrades
        missing = wanted - set(files)
        if missing or extra:
            raise CaseFailure(f"missing {sorted(missing)}, unexpected {sorted(extra)}")
        print(f"     migra {version}: {', '.join(Path(f).name for f in files)}")

    def a_copy_of_the_server_without_migra_does_not_offer_it(self):
        for folder in (self.bindir, self.pkglibdir, self.sharedir):
            shutil.copytree(folder, self.under_root(folder), symlinks=True, dirs_exist_ok=True,
                            ignore=lambda _, names: [n for n in names if n.startswith("migra") or n == "bitcode"])
        bindir = str(self.under_root(self.bindir))
        data, run = self.root / "data", self.root / "run"  # the server's, and its socket's and log's
        for folder in (data, run):
            folder.mkdir()
            shutil.chown(folder, "postgres")
        done = as_postgres([f"{bindir}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"])
        if done.returncode != 0:
            raise CaseFailure(f"initdb: {done.stderr.strip()}")
        done = as_postgres([f"{bindir}/pg_ctl", "-w", "-D", str(data), "-l", str(run / "server.log"), "-o",
                            f"-p {PORT} -k {run} -c listen_addresses='' -c fsync=off", "start"])
        if done.returncode != 0:
            log = (run / "server.log").read_text()[-2000:] if (run / "server.log").exists() else ""
            raise CaseFailure(f"pg_ctl start: {done.stderr.strip()} {log}")
        self.cluster = Cluster(str(run), PORT, bindir)
        sharedir = self.cluster.query("postgres", "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")
        if sharedir != str(self.under_root(self.sharedir)):
            raise CaseFailure(f"the copy reads {sharedir}, not its own folders")
        offered = self.cluster.query("postgres", "SELECT count(*) FROM pg_available_extensions WHERE name = 'migra'")
        if offered != "0":
            raise CaseFailure("the copy offers migra before the package is installed")

    def the_package_copied_over_the_root_installs(self):
        if self.cluster is None:
            raise CaseFailure("no clean server")
        for source in (p for p in self.package.rglob("*") if p.is_file()):
            destination = self.root / source.relative_to(self.package)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
        self.cluster.psql("postgres", f"CREATE DATABASE {DATABASE}")
        self.cluster.psql(DATABASE, """
            CREATE EXTENSION dblink; CREATE EXTENSION migra;
            CREATE SCHEMA a; CREATE SCHEMA b;
            CREATE TABLE a.orders (id int PRIMARY KEY);
            CREATE TYPE b.status AS ENUM ('new', 'paid');
            CREATE TABLE b.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, status b.status NOT NULL DEFAULT 'new');
            CREATE INDEX ON b.orders (status);""")
        version = self.cluster.query(DATABASE, "SELECT extversion FROM pg_extension WHERE extname = 'migra'")
        plan = self.cluster.query(DATABASE, "SELECT migra_diff_sql('a', 'b')")
        if "CREATE TYPE" not in plan or "GENERATED ALWAYS AS IDENTITY" not in plan:
            raise CaseFailure(f"unexpected plan:\n{plan}")
        self.cluster.psql(DATABASE, plan, single_transaction=True)
        left = self.cluster.query(DATABASE, "SELECT count(*) FROM migra_diff('a', 'b')")
        here = f"host={self.cluster.host} port={PORT} dbname={DATABASE}"
        remote = self.cluster.query(DATABASE, f"SELECT count(*) FROM migra_diff_remote(NULL, '{here}')")
        if (left, remote) != ("0", "0"):
            raise CaseFailure(f"after the plan: {left} rows left; this database against itself: {remote} rows")
        described = self.cluster.query(DATABASE, """
            SELECT count(*) || ' ' || count(*) FILTER (WHERE obj_description(p.oid, 'pg_proc') <> '')
            FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'migra'""")
        total, with_description = described.split()
        if total != with_description or total == "0":
            raise CaseFailure(f"{with_description} of {total} functions have a description")
        print(f"     migra {version} in a clean PostgreSQL {self.cluster.query(DATABASE, 'SHOW server_version')}: "
              f"a plan applied and converged, {total} functions described")

    def cleanup(self):
        if self.cluster is not None:
            as_postgres([self.cluster.tool("pg_ctl"), "-w", "-D", str(self.root / "data"), "-m", "fast", "stop"])
        shutil.rmtree(self.root, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--package", required=True, help="a cargo pgrx package output folder")
    parser.add_argument("--pg-config", required=True, help="pg_config of the server the package is for")
    args = parser.parse_args()
    tests = Tests(args.package, args.pg_config)
    try:
        tests.run("the package holds what an install needs", tests.the_package_holds_what_an_install_needs)
        tests.run("a copy of the server without migra does not offer it", tests.a_copy_of_the_server_without_migra_does_not_offer_it)
        tests.run("the package copied over the root installs and works", tests.the_package_copied_over_the_root_installs)
    finally:
        tests.cleanup()
    tests.finish()


if __name__ == "__main__":
    main()
