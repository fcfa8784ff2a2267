#!/usr/bin/env python3
"""The Debian package that scripts/deb.sh builds installs with apt, works, and removes cleanly
(README, "Install into your own server").

`--deb` is a postgresql-15-migra .deb; `--pg-config` names the server it is for (Debian's
postgresql-15, which scripts/setup.sh installs). The package is installed for real, with
`apt-get install ./file.deb`, into the server's own folders, where the test command has already
put migra with `cargo pgrx install`: those files are set aside first and put back at the end,
whatever happens in between. Checks:

- `dpkg-deb --info`: the name, the version (Cargo.toml's, Debian revision 1), the architecture,
  Depends on postgresql-15, the section and the description;
- `dpkg-deb --contents`: exactly the library, the control file, the install script of the
  version, the upgrade scripts (one of them to this version) and the copyright file, at
  Debian's paths, owned by root;
- with migra's files set aside, a new cluster of the server does not offer migra; apt installs
  the package (resolving its Depends), `dpkg -s` says it is installed, and every file it lists
  is in place;
- in that cluster: `CREATE EXTENSION migra` gives the package's version, a diff of two small
  schemas is applied and a second diff is empty;
- `apt-get remove` deletes every file and the server no longer offers migra;
- the files that were there before are back, byte for byte.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
Needs root, as scripts/test.sh runs: apt and dpkg need it, and the cluster runs as the
`postgres` user.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, Tests as Runner  # noqa: E402

PORT = 5492
DATABASE = "migra_deb"
REPOSITORY = Path(__file__).resolve().parent.parent
APT_ENV = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
# wait for a dpkg lock another apt holds rather than fail at once
APT_LOCK = ["-o", "DPkg::Lock::Timeout=300"]


def command(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def checked(args, **kwargs):
    done = command(args, **kwargs)
    if done.returncode != 0:
        raise CaseFailure(f"{' '.join(args)}: {(done.stderr.strip() or done.stdout.strip())[-1500:]}")
    return done.stdout


def as_postgres(args):
    return command(["sudo", "-u", "postgres", *args])


def cargo_version():
    text = (REPOSITORY / "Cargo.toml").read_text()
    return re.search(r'^version\s*=\s*"([^"]+)"', text, re.M).group(1)


def dpkg_status(package):
    """dpkg's status line of the package ("install ok installed"), or None when dpkg knows none."""
    done = command(["dpkg-query", "-W", "-f=${Status}", package])
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


class Tests(Runner):
    def __init__(self, deb, pg_config_path):
        super().__init__()
        self.deb = Path(deb).resolve()
        out = checked([pg_config_path, "--bindir", "--pkglibdir", "--sharedir", "--version"]).splitlines()
        self.bindir, self.pkglibdir, self.sharedir = (line.strip() for line in out[:3])
        self.major = re.match(r"PostgreSQL (\d+)", out[3]).group(1)
        self.package = f"postgresql-{self.major}-migra"
        self.version = cargo_version()
        self.libdir = f"/usr/lib/postgresql/{self.major}/lib"
        self.extdir = f"/usr/share/postgresql/{self.major}/extension"
        self.files = []  # the package's files, from dpkg-deb --contents
        self.work = Path(tempfile.mkdtemp(prefix="migra-deb-test-"))
        os.chmod(self.work, 0o755)
        self.saved = {}  # migra's files found in the server's folders before the test -> their copies
        self.installed = False
        self.cluster = None

    # --- the package file ----------------------------------------------------------------------

    def the_control_file_names_the_package_and_its_dependencies(self):
        info = checked(["dpkg-deb", "--info", str(self.deb)])
        fields = dict(re.findall(r"^ ([A-Z][A-Za-z-]+): (.*)$", info, re.M))
        arch = checked(["dpkg", "--print-architecture"]).strip()
        wanted = {"Package": self.package, "Version": f"{self.version}-1", "Architecture": arch,
                  "Section": "database", "Priority": "optional"}
        wrong = {k: fields.get(k) for k, v in wanted.items() if fields.get(k) != v}
        if wrong:
            raise CaseFailure(f"wanted {wanted}, got {wrong}")
        depends = [d.strip() for d in fields.get("Depends", "").split(",")]
        if f"postgresql-{self.major}" not in depends:
            raise CaseFailure(f"Depends does not name postgresql-{self.major}: {fields.get('Depends')}")
        if not any(d.startswith("libc6") for d in depends):
            raise CaseFailure(f"Depends does not name libc6: {fields.get('Depends')}")
        if not fields.get("Maintainer") or not fields.get("Description") or "\n  " not in info:
            raise CaseFailure("no Maintainer, or no short and long Description")
        if self.deb.name != f"{self.package}_{self.version}-1_{arch}.deb":
            raise CaseFailure(f"the file is named {self.deb.name}")
        print(f"     {self.package} {fields['Version']} {arch}, Depends: {fields['Depends']}")

    def the_package_holds_exactly_the_files_at_debian_paths(self):
        if (self.pkglibdir, self.sharedir) != (self.libdir, os.path.dirname(self.extdir)):
            raise CaseFailure(f"pg_config names {self.pkglibdir} and {self.sharedir}, not Debian's layout")
        contents = checked(["dpkg-deb", "--contents", str(self.deb)])
        entries = [line.split() for line in contents.splitlines() if line.strip()]
        owners = {e[1] for e in entries}
        if owners != {"root/root"}:
            raise CaseFailure(f"owners {sorted(owners)}, not root/root")
        self.files = sorted(e[5][1:] for e in entries if e[0].startswith("-"))
        links = [e[5] for e in entries if e[0][0] not in "-d"]
        wanted = {f"{self.libdir}/migra.so", f"{self.extdir}/migra.control", f"{self.extdir}/migra--{self.version}.sql",
                  f"/usr/share/doc/{self.package}/copyright"}
        upgrades = {f for f in self.files if re.fullmatch(rf"{re.escape(self.extdir)}/migra--[^-/]+--[^-/]+\.sql", f)}
        if not any(f.endswith(f"--{self.version}.sql") for f in upgrades):
            raise CaseFailure(f"no upgrade script to {self.version} among {self.files}")
        missing, extra = wanted - set(self.files), set(self.files) - wanted - upgrades
        if missing or extra or links:
            raise CaseFailure(f"missing {sorted(missing)}, unexpected {sorted(extra) + links}")
        modes = {e[0] for e in entries if e[0].startswith("-")}
        if modes != {"-rw-r--r--"}:
            raise CaseFailure(f"file modes {sorted(modes)}, not -rw-r--r--")
        print(f"     {', '.join(Path(f).name for f in self.files)}")

    # --- installed for real --------------------------------------------------------------------

    def migra_files_on_the_server(self):
        return sorted(Path(self.libdir).glob("migra.so")) + sorted(Path(self.extdir).glob("migra.control")) \
            + sorted(Path(self.extdir).glob("migra--*.sql"))

    def set_aside_what_is_there(self):
        """Copies of the migra files the test command installed, then the files removed; a package
        left installed by an interrupted run is removed too (its files are among the copies)."""
        backup = self.work / "before"
        for path in self.migra_files_on_the_server():
            copy = backup / path.relative_to("/")
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
            self.saved[path] = copy
        if dpkg_status(self.package) not in (None, "unknown ok not-installed", "deinstall ok not-installed"):
            print(f"     {self.package} was installed ({dpkg_status(self.package)}): removed first, its files kept")
            checked(["dpkg", "--purge", self.package], env=APT_ENV)
        for path in self.saved:
            path.unlink(missing_ok=True)
        if self.migra_files_on_the_server():
            raise CaseFailure(f"could not set aside {self.migra_files_on_the_server()}")
        print(f"     set aside: {', '.join(p.name for p in self.saved) or 'nothing'}")

    def start_cluster(self):
        data, run = self.work / "data", self.work / "run"
        for folder in (data, run):
            folder.mkdir()
            shutil.chown(folder, "postgres")
        done = as_postgres([f"{self.bindir}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"])
        if done.returncode != 0:
            raise CaseFailure(f"initdb: {done.stderr.strip()}")
        done = as_postgres([f"{self.bindir}/pg_ctl", "-w", "-D", str(data), "-l", str(run / "server.log"), "-o",
                            f"-p {PORT} -k {run} -c listen_addresses='' -c fsync=off", "start"])
        if done.returncode != 0:
            log = (run / "server.log").read_text()[-2000:] if (run / "server.log").exists() else ""
            raise CaseFailure(f"pg_ctl start: {done.stderr.strip()} {log}")
        self.cluster = Cluster(str(run), PORT, self.bindir)

    def stop_cluster(self):
        if self.cluster is not None:
            as_postgres([self.cluster.tool("pg_ctl"), "-w", "-D", str(self.work / "data"), "-m", "fast", "stop"])
            self.cluster = None

    def offered(self):
        return self.cluster.query("postgres", "SELECT count(*) FROM pg_available_extensions WHERE name = 'migra'") != "0"

    def without_the_package_the_server_does_not_offer_migra(self):
        self.set_aside_what_is_there()
        self.start_cluster()
        if self.offered():
            raise CaseFailure("migra is offered with its files set aside")

    def apt_installs_the_package(self):
        if self.cluster is None:
            raise CaseFailure("no cluster (the step before failed)")
        self.installed = True  # from here on, the end removes it whatever happens
        checked(["apt-get", "install", "-y", "--no-install-recommends", *APT_LOCK, str(self.deb)], env=APT_ENV)
        status = dpkg_status(self.package)
        shown = checked(["dpkg", "-s", self.package])
        version = re.search(r"^Version: (.*)$", shown, re.M)
        if status != "install ok installed" or not version or version.group(1) != f"{self.version}-1":
            raise CaseFailure(f"dpkg -s: status {status!r}, version {version and version.group(1)!r}")
        listed = {line for line in checked(["dpkg", "-L", self.package]).splitlines() if os.path.isfile(line)}
        if listed != set(self.files):
            raise CaseFailure(f"dpkg -L lists {sorted(listed)}, the package holds {self.files}")
        missing = [f for f in self.files if not os.path.isfile(f)]
        if missing:
            raise CaseFailure(f"not on disk: {missing}")
        if not self.offered():
            raise CaseFailure("the server does not offer migra once the package is installed")
        print(f"     dpkg -s {self.package}: {status}, {version.group(1)}")

    def the_installed_extension_diffs_and_converges(self):
        if self.cluster is None or dpkg_status(self.package) != "install ok installed":
            raise CaseFailure("the package is not installed (the step before failed)")
        self.cluster.psql("postgres", f"CREATE DATABASE {DATABASE}")
        self.cluster.psql(DATABASE, """
            CREATE EXTENSION migra;
            CREATE SCHEMA a; CREATE SCHEMA b;
            CREATE TABLE a.customers (id int PRIMARY KEY, name text);
            CREATE TABLE a.orders (id int PRIMARY KEY, customer int REFERENCES a.customers);
            CREATE TYPE b.status AS ENUM ('new', 'paid', 'shipped');
            CREATE TABLE b.customers (id int PRIMARY KEY, name text NOT NULL, email text UNIQUE);
            CREATE TABLE b.orders (id int PRIMARY KEY, customer int REFERENCES b.customers,
                                   status b.status NOT NULL DEFAULT 'new', placed timestamptz DEFAULT now());
            CREATE INDEX ON b.orders (customer, placed);
            CREATE VIEW b.open_orders AS SELECT id, customer FROM b.orders WHERE status <> 'shipped';
            CREATE FUNCTION b.order_count(c int) RETURNS bigint LANGUAGE sql STABLE
                AS 'SELECT count(*) FROM b.orders WHERE customer = c';""")
        version = self.cluster.query(DATABASE, "SELECT extversion FROM pg_extension WHERE extname = 'migra'")
        if version != self.version:
            raise CaseFailure(f"CREATE EXTENSION gave version {version}, not {self.version}")
        library = self.cluster.query(DATABASE, """
            SELECT DISTINCT probin FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid
            AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'migra' WHERE probin IS NOT NULL""")
        if library != "$libdir/migra":
            raise CaseFailure(f"the functions load {library!r}")
        plan = self.cluster.query(DATABASE, "SELECT migra_diff_sql('a', 'b')")
        for expected in ("CREATE TYPE", "CREATE VIEW", "CREATE FUNCTION", "CREATE INDEX", "ADD COLUMN"):
            if expected not in plan:
                raise CaseFailure(f"no {expected} in the plan:\n{plan}")
        steps = self.cluster.query(DATABASE, "SELECT count(*) FROM migra_diff('a', 'b')")
        self.cluster.psql(DATABASE, plan, single_transaction=True)
        left = self.cluster.query(DATABASE, "SELECT count(*) FROM migra_diff('a', 'b')")
        if left != "0":
            rest = self.cluster.query(DATABASE, "SELECT migra_diff_sql('a', 'b')")
            raise CaseFailure(f"a second diff is not empty ({left} rows):\n{rest}")
        server = self.cluster.query(DATABASE, "SHOW server_version")
        print(f"     migra {version} on PostgreSQL {server}: a plan of {steps} statements applied, the second diff empty")

    def apt_removes_every_file(self):
        if not self.installed:
            raise CaseFailure("the package was not installed (a step before failed)")
        self.cluster.psql("postgres", f"DROP DATABASE IF EXISTS {DATABASE}")
        checked(["apt-get", "remove", "-y", *APT_LOCK, self.package], env=APT_ENV)
        self.installed = False
        status = dpkg_status(self.package)
        if status not in (None, "deinstall ok config-files", "deinstall ok not-installed", "unknown ok not-installed"):
            raise CaseFailure(f"after apt-get remove, dpkg says {status!r}")
        left = [f for f in self.files if os.path.exists(f)]
        if left:
            raise CaseFailure(f"still on disk: {left}")
        if os.path.exists(f"/usr/share/doc/{self.package}"):
            raise CaseFailure(f"/usr/share/doc/{self.package} is left")
        if self.offered():
            raise CaseFailure("the server still offers migra")

    # --- the end, whatever happened ------------------------------------------------------------

    def restore(self):
        """Stops the cluster, removes the package if a failure left it, puts back the saved files.
        Returns what went wrong, for the last test."""
        problems = []
        self.stop_cluster()
        if self.installed or dpkg_status(self.package) == "install ok installed":
            done = command(["apt-get", "remove", "-y", *APT_LOCK, self.package], env=APT_ENV)
            if done.returncode != 0:
                problems.append(f"apt-get remove: {done.stderr.strip()[-500:]}")
        for path, copy in self.saved.items():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(copy, path)
            except OSError as error:
                problems.append(f"{path}: {error}")
        return problems

    def check_restored(self, problems):
        if problems:
            raise CaseFailure("; ".join(problems))
        differ = [str(p) for p, copy in self.saved.items() if not p.exists() or p.read_bytes() != copy.read_bytes()]
        if differ:
            raise CaseFailure(f"not restored: {differ}")
        extra = set(self.migra_files_on_the_server()) - set(self.saved)
        if extra:
            raise CaseFailure(f"left behind: {sorted(map(str, extra))}")
        print(f"     back in place: {', '.join(p.name for p in self.saved) or 'nothing (there was none)'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deb", required=True, help="a postgresql-15-migra .deb (scripts/deb.sh)")
    parser.add_argument("--pg-config", required=True, help="pg_config of Debian's server the package is for")
    args = parser.parse_args()
    if os.geteuid() != 0:
        print("pg_test/deb.py: run as root (apt-get install, dpkg)")
        print("0 passed, 1 failed")
        sys.exit(1)
    tests = Tests(args.deb, args.pg_config)
    try:
        tests.run("the control file names the package and its dependencies",
                  tests.the_control_file_names_the_package_and_its_dependencies)
        tests.run("the package holds exactly the files, at Debian's paths",
                  tests.the_package_holds_exactly_the_files_at_debian_paths)
        tests.run("without the package the server does not offer migra",
                  tests.without_the_package_the_server_does_not_offer_migra)
        tests.run("apt installs the package and dpkg lists its files", tests.apt_installs_the_package)
        tests.run("the installed extension diffs and converges", tests.the_installed_extension_diffs_and_converges)
        tests.run("apt removes every file", tests.apt_removes_every_file)
    finally:
        problems = tests.restore()
        tests.run("the files installed before are back", lambda: tests.check_restored(problems))
        shutil.rmtree(tests.work, ignore_errors=True)
    tests.finish()


if __name__ == "__main__":
    main()
