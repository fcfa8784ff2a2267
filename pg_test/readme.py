#!/usr/bin/env python3
"""Every SQL example of the README runs as printed, and prints what the README shows.

README.md's code blocks follow these conventions (the README says so in short, at the start of
"A first diff"), and this runner reads them in the README's order:

- A ```sql block runs with psql (`-X -v ON_ERROR_STOP=1`) in the database `app`, or in the
  database NAME when its first line is `-- in the NAME database`. It must not fail; what it
  prints is not checked (a block that shows output is a psql session, below).
- A ```psql block is a psql session. A line that starts with a prompt, `NAME=# ` (`NAME=*# `
  inside a transaction), is input typed into the database NAME, and `NAME-# ` (`NAME-*# `)
  continues it; every other line is what psql printed for the input above it (results, command
  tags, and the ERROR, DETAIL and HINT lines a terminal shows). The block runs in one psql
  session, and what psql prints must be the block's output lines exactly (trailing spaces
  aside). `--update` writes the output psql printed into README.md instead, and prints the diff.
- The databases are made fresh when the run starts: `app` empty (the README's first block
  creates the extension), `reference` and `prod` with migra (the README's reference database and
  production have it), and the role `auditor` that the drift check's user mapping names.
- In a `CREATE SERVER` block, the `host` and `port` options are pointed at the test cluster (as
  pg_test/security.py does with the same block); nothing else is changed.
- A block that schedules with pg_cron (`cron.schedule`) runs in its `prod` database of a cluster
  of its own, started (by scripts/cluster.sh) with the settings the README gives:
  `shared_preload_libraries = 'pg_cron'`, `cron.database_name = 'prod'`, and `cron.host` set to
  its socket directory, since it listens on a unix socket only. It is skipped, with a line that
  says why, when the server has no pg_cron or the runner is not root. pg_test/cron.py waits for
  pg_cron's ticks and checks what the jobs do; this runner checks that the block runs.
- ```sh blocks are shell. The app-driven recipe (`<!-- deploy-app-driven -->`) is run as
  written by pg_test/workflows.py, whose databases and runner this one reuses: here the recipe
  brings `prod` to the release, then the blocks under `<!-- deploy-baseline -->` and
  `<!-- drift-check-script -->` run with bash, as written, with PGHOST, PGPORT and PGUSER
  pointing at the test cluster: the baseline is saved, the check passes, and after a change to
  `prod` the check fails naming it. The other sh blocks (installing, and the two commands
  `scripts/demo.sh` and `scripts/test.sh`, which this runner is a layer of) are not run here.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
Standard library only; psql does the talking.
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, Tests as Runner, literal  # noqa: E402
import workflows  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DATABASES = {"app": "", "reference": "CREATE EXTENSION migra;", "prod": "CREATE EXTENSION migra;"}
MARKER = "@@migra-readme-end-of-input@@"
PROMPT = re.compile(r"^(\w+)([=-])(\*?)# ")
IN_DATABASE = re.compile(r"^-- in the (\w+) database\b")
RECIPES = ("deploy-app-driven", "deploy-baseline", "drift-check-script")


class Block:
    """A fenced code block of the README: its language, its lines, where it starts (the line of
    its opening fence, from 1) and the HTML comment right above it, if any."""

    def __init__(self, language, start, lines, marker):
        self.language, self.start, self.lines, self.marker = language, start, lines, marker

    def name(self):
        first = next((line for line in self.lines if line.strip() and not line.startswith("--")), "")
        return f"README line {self.start}, {self.language}: {PROMPT.sub('', first).strip()[:70]}"


def blocks(text):
    found, lines = [], text.split("\n")
    i = 0
    while i < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[i])
        if not fence:
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].rstrip() == "```"), None)
        if end is None:
            raise CaseFailure(f"README line {i + 1}: a code block that does not end")
        above = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        marker = re.fullmatch(r"<!-- ([\w-]+) -->", above)
        found.append(Block(fence.group(1), i + 1, lines[i + 1:end], marker.group(1) if marker else None))
        i = end + 1
    return found


def statements(block):
    """The input statements of a psql session block: [(database, input lines, output lines)]."""
    out = []
    for line in block.lines:
        prompt = PROMPT.match(line)
        if prompt and prompt.group(2) == "=":
            out.append((prompt.group(1), [line], []))
        elif prompt and out and not out[-1][2]:
            out[-1][1].append(line)
        elif not out:
            raise CaseFailure(f"README line {block.start}: a psql block must start with a prompt, not {line!r}")
        else:
            out[-1][2].append(line)
    return out


def trimmed(lines):
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


class Tests(Runner):
    def __init__(self, cluster, update, cron_port):
        super().__init__()
        self.cluster, self.update, self.cron_port = cluster, update, cron_port
        self.replacements = []  # (block, new lines) for --update
        self.made_auditor = False

    # --- the databases ---

    def fresh_databases(self):
        for database, sql in DATABASES.items():
            self.cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"')
            self.cluster.psql("postgres", f'CREATE DATABASE "{database}" TEMPLATE template0')
            if sql:
                self.cluster.psql(database, sql)
        if self.cluster.query("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = 'auditor'") == "0":
            self.cluster.psql("postgres", "CREATE ROLE auditor LOGIN")
            self.made_auditor = True

    def clean_up(self):
        for database in set(DATABASES) | set(workflows.DATABASES):
            self.cluster.psql("postgres", f'DROP DATABASE IF EXISTS "{database}"', check=False)
        if self.made_auditor:
            self.cluster.psql("postgres", "DROP ROLE IF EXISTS auditor", check=False)

    def pointed_at_the_test_cluster(self, sql, cluster):
        if "CREATE SERVER" not in sql:
            return sql
        for option, value in (("host", cluster.host), ("port", cluster.port)):
            sql, count = re.subn(rf"\b{option} '[^']*'", f"{option} {literal(value)}", sql)
            if count != 1:
                raise CaseFailure(f"the block sets {option} {count} times")
        return sql

    # --- sql blocks ---

    def sql_block(self, block, cluster=None):
        cluster = cluster or self.cluster
        first = IN_DATABASE.match(block.lines[0]) if block.lines else None
        database = first.group(1) if first else "app"
        sql = self.pointed_at_the_test_cluster("\n".join(block.lines) + "\n", cluster)
        done = cluster.run([cluster.tool("psql"), "-X", "-v", "ON_ERROR_STOP=1"], database, stdin=sql, check=False)
        if done.returncode != 0:
            raise CaseFailure(f"it failed in database {database}: {done.stderr.strip()[-600:]}")

    def no_cron(self):
        """Why a pg_cron block cannot run here, or None."""
        bindir = self.cluster.bindir
        if not bindir:
            return "no --bindir, so no server to start with pg_cron"
        if os.geteuid() != 0:
            return "a cluster of its own is started as root (scripts/cluster.sh runs the server as postgres)"
        libdir = subprocess.run([os.path.join(bindir, "pg_config"), "--pkglibdir"], capture_output=True, text=True)
        if libdir.returncode != 0 or not (Path(libdir.stdout.strip()) / "pg_cron.so").exists():
            return f"this server ({bindir}) has no pg_cron (Debian's postgresql-15-cron is for 15 only)"
        return None

    def cron_block(self, block):
        bindir = self.cluster.bindir
        folder = Path(tempfile.gettempdir()) / "migra-readme-cron"
        shutil.rmtree(folder, ignore_errors=True)
        env = dict(os.environ, PG_BIN=bindir, CLUSTER_OPTIONS=(
            f"-c shared_preload_libraries=pg_cron -c cron.database_name=prod -c cron.host={folder}"))
        shell = '. scripts/cluster.sh; "$@"'
        start = subprocess.run(["bash", "-c", shell, "-", "cluster_start", str(folder), str(self.cron_port)],
                               cwd=ROOT, env=env, capture_output=True, text=True)
        try:
            if start.returncode != 0:
                raise CaseFailure(f"the pg_cron cluster did not start: {start.stderr.strip()[-400:]}")
            cron = Cluster(str(folder), self.cron_port, bindir)
            cron.psql("postgres", "CREATE DATABASE prod")
            cron.psql("prod", "CREATE EXTENSION migra")
            self.sql_block(block, cron)
        finally:
            subprocess.run(["bash", "-c", shell, "-", "cluster_stop", str(folder)], cwd=ROOT, env=env,
                           capture_output=True)
            shutil.rmtree(folder, ignore_errors=True)

    # --- psql sessions ---

    def session_block(self, block):
        session = statements(block)
        databases = {database for database, _, _ in session}
        if len(databases) != 1:
            raise CaseFailure(f"one psql block, one database: it has prompts for {sorted(databases)}")
        database = databases.pop()
        script = []
        for _, typed, _ in session:
            script += [PROMPT.sub("", line) for line in typed]
            script.append(f"\\echo {MARKER}")
        psql = [self.cluster.tool("psql"), "-X"]
        if shutil.which("stdbuf"):  # results (stdout) and errors (stderr) in the order psql prints them
            psql = ["stdbuf", "-o0", "-e0"] + psql
        env = dict(os.environ, PGHOST=self.cluster.host, PGPORT=self.cluster.port, PGUSER="postgres",
                   PGDATABASE=database)
        env.pop("PGOPTIONS", None)
        done = subprocess.run(psql, input="\n".join(script) + "\n", env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        printed = done.stdout.split("\n")
        chunks, current = [], []
        for line in printed:
            if line == MARKER:
                chunks.append(current)
                current = []
            else:
                current.append(line)
        if len(chunks) != len(session) or trimmed(current):
            raise CaseFailure(f"psql stopped early: {done.stdout.strip()[-600:]}")
        actual = []
        for (_, typed, _), chunk in zip(session, chunks):
            actual += typed + [line.rstrip() for line in chunk]
        actual, shown = trimmed(actual), trimmed(block.lines)
        if actual == shown:
            return
        diff = "\n".join(difflib.unified_diff(shown, actual, "README.md (as printed)", "psql (as run)", lineterm=""))
        if self.update:
            self.replacements.append((block, actual))
            print(diff)
            return
        raise CaseFailure("psql printed something else (pg_test/readme.py --update writes it into README.md):\n"
                          + diff)

    # --- shell recipes ---

    def recipes(self, found):
        by_marker = {block.marker: block for block in found if block.language == "sh" and block.marker}
        missing = [marker for marker in RECIPES if marker not in by_marker]
        if missing:
            raise CaseFailure(f"README.md has no sh block under <!-- {missing[0]} -->")
        flow = workflows.Tests(self.cluster)
        flow.databases()  # prod: today's schema; reference: the release's, and the foreign server prod
        whole, _ = workflows.recipe()
        done = flow.bash(whole)
        if done.returncode != 0:
            raise CaseFailure(f"the app-driven recipe failed: {done.stderr.strip()[-600:]}")

        def run(marker):
            return flow.bash("\n".join(by_marker[marker].lines) + "\n")

        done = run("deploy-baseline")
        if done.returncode != 0:
            raise CaseFailure(f"saving the baseline failed: {done.stderr.strip()[-600:]}")
        done = run("drift-check-script")
        if done.returncode != 0:
            raise CaseFailure(f"the drift check failed with no drift: {done.stderr.strip()[-600:]}")
        self.cluster.psql("prod", "ALTER TABLE public.orders ADD COLUMN note text")
        done = run("drift-check-script")
        expected = "schema drift: 1 difference from the expected schema: drop column public.orders.note"
        if done.returncode != 1 or expected not in done.stderr:
            raise CaseFailure(f"after a change, the drift check gave {done.returncode}: {done.stderr.strip()[-600:]}")
        print(f"     exit status {done.returncode}: {done.stderr.strip().splitlines()[0][:140]}")
        shutil.rmtree(flow.folder, ignore_errors=True)

    def write_updates(self):
        if not self.replacements:
            return
        lines = README.read_text().split("\n")
        for block, new in sorted(self.replacements, key=lambda r: r[0].start, reverse=True):
            lines[block.start:block.start + len(block.lines)] = new
        README.write_text("\n".join(lines))
        print(f"README.md: {len(self.replacements)} psql block(s) written from what psql printed")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    parser.add_argument("--cron-port", default="5441", help="port of the pg_cron cluster (its socket is in a folder of its own)")
    parser.add_argument("--update", action="store_true", help="write what psql printed into README.md's psql blocks")
    args = parser.parse_args()

    cluster = Cluster(args.host, args.port, args.bindir)
    tests = Tests(cluster, args.update, args.cron_port)
    found = []
    tests.run("README.md's code blocks are read", lambda: found.extend(blocks(README.read_text())))
    tests.run("the databases app, reference and prod are made fresh", tests.fresh_databases)
    for block in found:
        if block.language == "sql" and any("cron.schedule" in line for line in block.lines):
            reason = tests.no_cron()
            if reason:
                print(f"skip {block.name()}: {reason}", flush=True)
            else:
                tests.run(block.name() + " (in a cluster with pg_cron)", lambda b=block: tests.cron_block(b))
        elif block.language == "sql":
            tests.run(block.name(), lambda b=block: tests.sql_block(b))
        elif block.language == "psql":
            tests.run(block.name(), lambda b=block: tests.session_block(b))
    tests.run("the deploy's baseline and the drift-check script run as written: clean, then the drift",
              lambda: tests.recipes(found))
    tests.clean_up()
    if args.update:
        tests.write_updates()
    tests.finish()


if __name__ == "__main__":
    main()
