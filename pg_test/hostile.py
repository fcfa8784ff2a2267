#!/usr/bin/env python3
"""Tests of remote reads against a hostile or failing server, and of password hygiene.

A `HostileServer` is a proxy on a unix socket of its own that forwards every connection to the
real cluster and, depending on its mode, tampers with the one query a remote read depends on:
it cuts the connection when the catalog query arrives (a server that dies in the middle of the
read), replaces the catalog document or the reported server version with bytes of its choosing,
or stalls. Through it migra_diff_remote and migra_snapshot must fail with the documented SQLSTATE
(class 08 for a dead server, 08P01 for a document that is not one, 22023 for a field that would
be pasted into DDL and is not what it may be, 0A000 for a too old version), return no rows, and
leave the calling session usable.

Then every failing path is taken with the distinctive password `pw-SeCrEt-42` in the connection
string or in a foreign server's user mapping, and neither stdout nor stderr of psql (full verbose
output: message, DETAIL, HINT, CONTEXT) may show it. One test adds a scram-sha-256 line to the
cluster's pg_hba.conf for a role of its own, and puts the file back exactly as it was.

Each test prints "ok <name>" or "FAIL <name>: <reason>"; the last line is "N passed, N failed".
Standard library only; psql does the talking. Needs a superuser `postgres` with trust auth on a
unix socket, and must run as a user that can write the cluster's pg_hba.conf (root).
"""

import argparse
import json
import os
import re
import shutil
import socket
import struct
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CaseFailure, Cluster, Tests as Runner, literal, sqlstate  # noqa: E402

CONTROL = "migra_hostile_control"
DATABASE = "migra_hostile_db"
PASSWORD = "pw-SeCrEt-42"
PW_ROLE = "migra_pw_role"
PW_ROLE_PASSWORD = "right-one"
SERVERS = ("migra_hostile_fs_missing", "migra_hostile_fs_wrong_pw", "migra_hostile_fs_right_pw")
HBA_MARK = "# added by migra pg_test/hostile.py, removed when it ends\n"
HBA_LINE = f"local all {PW_ROLE} scram-sha-256\n"
PROXY_PORT = 5489  # the socket file's name only: each proxy has a directory of its own

DATABASE_SQL = """
CREATE TABLE public.t (a int PRIMARY KEY, b text DEFAULT 'x', c numeric(10,2) DEFAULT 0);
CREATE INDEX t_b_idx ON public.t (b) WHERE b IS NOT NULL;
CREATE TABLE public.u (id int REFERENCES public.t, note varchar(20));
GRANT SELECT ON public.t TO PUBLIC;
CREATE FUNCTION public.f(int) RETURNS int LANGUAGE sql AS 'SELECT $1';
CREATE VIEW public.v AS SELECT a FROM public.t;
"""

SSL_REQUEST, GSSENC_REQUEST = 80877103, 80877104


class SilentServer:
    """A TCP listener on 127.0.0.1 that accepts connections and never says a word: libpq waits
    for the server's first message until its connect timeout (on PostgreSQL 16 and later, dblink
    connects without one, and migra keeps the deadline itself)."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.held = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def conninfo(self, database, extra=""):
        return f"host=127.0.0.1 port={self.port} dbname={database} user=postgres {extra}".strip()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join()
        for connection in self.held:
            _close(connection)
        self.listener.close()


class HostileServer:
    """A PostgreSQL protocol proxy on `<dir>/.s.PGSQL.<port>` that forwards to the real cluster's
    unix socket, parsing messages just enough to act on the remote read's two queries.

    Modes (None forwards everything untouched):
    - "cut": when the client sends a query containing "migra_catalog", both sockets are closed.
    - "replace": the rows answering a query containing "migra_catalog" (one column each) become
      `value`: one row (bytes) or several (a list of bytes), lengths fixed.
    - "version": the same for the query containing "server_version_num".
    - "prints": the same for the query containing "migra_fingerprints".
    - "stall": once the "migra_catalog" query is seen, nothing more is forwarded to the client
      for `value` seconds.
    """

    def __init__(self, upstream_host, upstream_port, mode=None, value=None, port=PROXY_PORT):
        if mode not in (None, "cut", "replace", "version", "prints", "stall"):
            raise ValueError(f"unknown mode {mode}")
        self.upstream = os.path.join(upstream_host, f".s.PGSQL.{upstream_port}")
        self.mode, self.value, self.port = mode, value, port
        self.directory = tempfile.mkdtemp(prefix="migra-hostile-")
        os.chmod(self.directory, 0o777)  # the server process (user postgres) connects through dblink
        self.path = os.path.join(self.directory, f".s.PGSQL.{port}")
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.path)
        os.chmod(self.path, 0o777)  # connecting to a unix socket needs write permission on it
        self.listener.listen(16)
        self.listener.settimeout(0.2)
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.sockets, self.threads = [], []
        self.connections = 0
        self.queries = []  # every simple query text the clients sent
        self.rewritten = 0  # results replaced
        self.cuts = 0
        self.stalls = 0
        accept = threading.Thread(target=self._accept, daemon=True)
        accept.start()
        self.threads.append(accept)

    def conninfo(self, database, extra=""):
        info = f"host={self.directory} port={self.port} dbname={database} user=postgres"
        return f"{info} {extra}".strip()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.stopped.set()
        try:
            self.listener.close()
        except OSError:
            pass
        with self.lock:
            sockets = list(self.sockets)
        for sock in sockets:
            _close(sock)
        for thread in self.threads:
            thread.join(timeout=5)
        shutil.rmtree(self.directory, ignore_errors=True)

    # --- plumbing ---

    def _accept(self):
        while not self.stopped.is_set():
            try:
                client, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            client.settimeout(None)
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                upstream.connect(self.upstream)
            except OSError:
                _close(client)
                _close(upstream)
                continue
            state = {"rewrite": None, "stall_until": 0.0}
            with self.lock:
                self.connections += 1
                self.sockets += [client, upstream]
            for target in (self._from_client, self._from_server):
                thread = threading.Thread(target=target, args=(client, upstream, state), daemon=True)
                thread.start()
                self.threads.append(thread)

    def _from_client(self, client, upstream, state):
        try:
            # the startup packet: int32 length (itself included), no type byte
            while True:
                header = _recv_exact(client, 4)
                if header is None:
                    return
                (length,) = struct.unpack("!i", header)
                body = _recv_exact(client, length - 4)
                if body is None:
                    return
                code = struct.unpack("!i", body[:4])[0] if len(body) >= 4 else 0
                if code in (SSL_REQUEST, GSSENC_REQUEST):
                    client.sendall(b"N")  # no encryption here; the client sends its startup next
                    continue
                upstream.sendall(header + body)
                break
            while not self.stopped.is_set():
                header = _recv_exact(client, 5)
                if header is None:
                    break
                kind = header[:1]
                (length,) = struct.unpack("!i", header[1:])
                payload = _recv_exact(client, length - 4)
                if payload is None:
                    break
                if kind == b"Q":
                    text = payload.rstrip(b"\0").decode("utf-8", "replace")
                    with self.lock:
                        self.queries.append(text)
                    if "migra_catalog" in text:
                        if self.mode == "cut":
                            with self.lock:
                                self.cuts += 1
                            _close(client)
                            _close(upstream)
                            return
                        if self.mode == "stall":
                            with self.lock:
                                self.stalls += 1
                            state["stall_until"] = time.monotonic() + float(self.value)
                        state["rewrite"] = "catalog"
                    elif "migra_fingerprints" in text:
                        state["rewrite"] = "prints"
                    elif "server_version_num" in text:
                        state["rewrite"] = "version"
                upstream.sendall(header + payload)
        except OSError:
            pass
        # the client is gone: let the server see the end, the other thread then closes both
        try:
            upstream.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def _from_server(self, client, upstream, state):
        try:
            while not self.stopped.is_set():
                header = _recv_exact(upstream, 5)
                if header is None:
                    break
                kind = header[:1]
                (length,) = struct.unpack("!i", header[1:])
                payload = _recv_exact(upstream, length - 4)
                if payload is None:
                    break
                wait = state["stall_until"] - time.monotonic()
                if wait > 0 and self.stopped.wait(wait):
                    break
                if kind == b"D" and self._replacing(state["rewrite"]):
                    (columns,) = struct.unpack("!h", payload[:2])
                    if columns == 1:
                        if state.get("replaced"):
                            continue  # the result's other rows: the replacement has them all
                        values = self.value if isinstance(self.value, list) else [self.value]
                        rows = [struct.pack("!hi", 1, len(v)) + v for v in values]
                        client.sendall(b"".join(kind + struct.pack("!i", len(r) + 4) + r for r in rows))
                        state["replaced"] = True
                        with self.lock:
                            self.rewritten += 1
                        continue
                elif kind == b"C":
                    state["replaced"] = False  # the next statement's result
                elif kind == b"Z":
                    state["rewrite"] = None  # before the client can send its next query
                    state["replaced"] = False
                client.sendall(header + payload)
        except OSError:
            pass
        _close(client)
        _close(upstream)

    def _replacing(self, rewrite):
        return (rewrite == "catalog" and self.mode == "replace") or (rewrite == "version" and self.mode == "version") \
            or (rewrite == "prints" and self.mode == "prints")


def _recv_exact(sock, count):
    chunks, left = [], count
    while left > 0:
        try:
            chunk = sock.recv(min(left, 65536))
        except OSError:
            return None
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _close(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


def first_error(stderr):
    m = re.search(r"ERROR:  .*", stderr)
    return m.group(0) if m else stderr.strip()[:200]


class Tests(Runner):
    def __init__(self, cluster, host, port):
        super().__init__()
        self.cluster, self.host, self.port = cluster, host, port
        self.notes = []

    def direct(self, database=DATABASE, extra=""):
        return f"host={self.host} port={self.port} dbname={database} user=postgres {extra}".strip()

    def proxy(self, mode=None, value=None):
        return HostileServer(self.host, self.port, mode, value)

    def session(self, sql):
        """Runs `sql` in one control session that goes on after an error: returns psql's result."""
        return self.cluster.psql(CONTROL, "\\set ON_ERROR_STOP off\n" + sql, check=False)

    def control(self, sql):
        return self.cluster.query(CONTROL, sql)

    def expect_error(self, sql, expected, contains=(), what=None):
        """Runs `sql` then `SELECT 'alive'` in one session: the first must fail with `expected`
        (a SQLSTATE, or a class like "08"), return no rows, and the session must go on."""
        done = self.session(f"{sql};\nSELECT 'still-alive';")
        state = sqlstate(done.stderr)
        lines = [line for line in done.stdout.splitlines() if line.strip()]
        if state is None:
            raise CaseFailure(f"{what or sql}: no error; stdout: {done.stdout.strip()[:300]}")
        if not state.startswith(expected):
            raise CaseFailure(f"{what or sql}: expected SQLSTATE {expected}, got {first_error(done.stderr)}")
        if lines != ["still-alive"]:
            raise CaseFailure(f"{what or sql}: expected no rows then 'still-alive', got stdout {lines[:5]} "
                              f"(stderr: {done.stderr.strip()[:300]})")
        message = first_error(done.stderr)
        for text in contains:
            if text not in message:
                raise CaseFailure(f"{what or sql}: the error does not say {text!r}: {message}")
        return done

    @staticmethod
    def rows_of(document):
        """A catalog document as the catalog query's rows: the database's own, then a schema each."""
        head = {"server_version_num": document["server_version_num"], "extensions": document["extensions"]}
        return [json.dumps(head).encode()] + [json.dumps(schema).encode() for schema in document["schemas"]]

    def real_document(self):
        """The catalog document of DATABASE as the server gives it: the snapshot without "format"."""
        snapshot = json.loads(self.control(f"SELECT migra_snapshot(source => {literal(self.direct())})::text"))
        snapshot.pop("format")
        return snapshot

    # --- the proxy itself ---

    def plain_proxy_is_transparent(self):
        with self.proxy() as proxy:
            same = self.control(f"""
                SELECT migra_snapshot(source => {literal(proxy.conninfo(DATABASE))})::text
                     = migra_snapshot(source => {literal(self.direct())})::text""")
            queries = list(proxy.queries)
        if same != "t":
            raise CaseFailure("the snapshot read through the proxy differs from the one read directly")
        if not any("migra_catalog" in q for q in queries) or not any("server_version_num" in q for q in queries):
            raise CaseFailure(f"the proxy did not see both queries of a remote read: {[q[:60] for q in queries]}")
        snapshot = json.loads(self.control(f"SELECT migra_snapshot(source => {literal(self.direct())})::text"))
        tables = [t["name"] for s in snapshot["schemas"] for t in s["tables"]]
        if sorted(tables) != ["t", "u"]:
            raise CaseFailure(f"the test database is not what it should be: tables {tables}")

    # --- a server that fails ---

    def server_dies_mid_read(self):
        with self.proxy("cut") as proxy:
            started = time.monotonic()
            done = self.expect_error(f"SELECT * FROM migra_diff_remote(NULL, {literal(proxy.conninfo(DATABASE))})", "08")
            elapsed = time.monotonic() - started
            cuts = proxy.cuts
        if cuts != 1:
            raise CaseFailure(f"the proxy cut {cuts} connections, expected 1")
        if elapsed > 5:
            raise CaseFailure(f"the error came after {elapsed:.1f} s")
        print(f"     ({elapsed:.2f} s: {first_error(done.stderr)})")

    def snapshot_from_a_server_that_dies(self):
        with self.proxy("cut") as proxy:
            self.expect_error(f"SELECT migra_snapshot(source => {literal(proxy.conninfo(DATABASE))})", "08")

    def stalled_server_with_statement_timeout(self):
        """A server that takes the catalog query and never answers: statement_timeout stops the
        read on time (remote reads poll dblink asynchronously; PostgreSQL 15's blocking dblink()
        would have waited for the server), the session survives, and its next remote read works
        (the connection the interrupted read left open is closed first)."""
        stall, timeout = 10, 1.0
        with self.proxy("stall", stall) as proxy:
            target = literal(proxy.conninfo(DATABASE))
            started = time.monotonic()
            done = self.session(f"""
                SET statement_timeout = '{timeout}s';
                SELECT extract(epoch FROM clock_timestamp()) AS t0 \\gset
                SELECT count(*) AS plan_rows FROM migra_diff_remote(NULL, {target});
                RESET statement_timeout;
                SELECT 'elapsed ' || round((extract(epoch FROM clock_timestamp()) - :t0)::numeric, 2);
                SELECT 'next read ' || count(*) FROM migra_diff_remote(NULL, {literal(self.direct(DATABASE))}, unsafe => true);
                SELECT 'still-alive';""")
            wall = time.monotonic() - started
            stalls = proxy.stalls
        lines = [line for line in done.stdout.splitlines() if line.strip()]
        if stalls != 1:
            raise CaseFailure(f"the proxy stalled {stalls} times, expected 1")
        if sqlstate(done.stderr) != "57014":
            raise CaseFailure(f"expected 57014, got: {done.stderr.strip()[:300] or lines}")
        if not lines or lines[-1] != "still-alive" or not any(line.startswith("next read ") for line in lines):
            raise CaseFailure(f"the session did not survive: stdout {lines}, stderr {done.stderr.strip()[:300]}")
        elapsed = float(next((line.split()[1] for line in lines if line.startswith("elapsed ")), "99"))
        if elapsed > timeout + 0.5:
            raise CaseFailure(f"statement_timeout {timeout} s stopped the read only after {elapsed:.2f} s")
        note = f"stall {stall} s, statement_timeout {timeout} s: the call ended after {elapsed:.2f} s with {first_error(done.stderr)}"
        self.notes.append(note)
        print(f"     ({note}; psql wall {wall:.2f} s)")

    def remote_backends(self):
        """Client backends connected to the test database (the remote side of every read here)."""
        return int(self.control(f"""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = '{DATABASE}' AND backend_type = 'client backend' AND pid <> pg_backend_pid()"""))

    def wait_for_no_remote_backend(self, seconds=5.0):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.remote_backends() == 0:
                return True
            time.sleep(0.1)
        return False

    def a_timed_out_read_releases_the_remote_side_at_once(self):
        """A read stopped by statement_timeout cancels and closes its remote connection before
        the error reaches the caller: no remote backend is left idle in transaction, holding its
        locks and an old xmin, until the session reads again or ends."""
        with self.proxy("stall", 30) as proxy:
            target = literal(proxy.conninfo(DATABASE))
            done = self.session(f"""
                SET statement_timeout = '1s';
                SELECT count(*) FROM migra_diff_remote(NULL, {target});
                RESET statement_timeout;
                SELECT 'open connections: ' || coalesce(array_to_string(dblink_get_connections(), ','), 'none');
                SELECT pg_sleep(1);
                SELECT 'remote backends: ' || count(*) || ' ' || coalesce(string_agg(state, ','), '')
                FROM pg_stat_activity WHERE datname = '{DATABASE}' AND backend_type = 'client backend';""")
            if sqlstate(done.stderr) != "57014":
                raise CaseFailure(f"expected 57014, got: {done.stderr.strip()[:300]}")
            # still in the caller's session, which has not read again
            if "open connections: none" not in done.stdout:
                raise CaseFailure(f"the session still holds a dblink connection: {done.stdout.strip()}")
            if "remote backends: 0" not in done.stdout:
                raise CaseFailure(f"the remote backend is still there after the timeout: {done.stdout.strip()}")

    def a_remote_backend_terminated_mid_read_is_a_lost_connection(self):
        """A remote database dropped, or its backend terminated, during a read: dblink relays the
        server's 57P01 (admin_shutdown); migra reports 08006 naming the side."""
        import subprocess
        with self.proxy("stall", 2) as proxy:
            target = literal(proxy.conninfo(DATABASE))
            env = dict(os.environ, PGHOST=self.cluster.host, PGPORT=str(self.cluster.port), PGUSER="postgres",
                       PGDATABASE=CONTROL)
            reader = subprocess.Popen([self.cluster.tool("psql"), "-X", "-v", "VERBOSITY=verbose", "-c",
                                       f"SELECT count(*) FROM migra_diff_remote(NULL, {target})"],
                                      env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            deadline = time.monotonic() + 10
            while proxy.stalls == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.3)
            self.control(f"""SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                             WHERE datname = '{DATABASE}' AND backend_type = 'client backend'""")
            _, stderr = reader.communicate(timeout=30)
        if sqlstate(stderr) != "08006" or "the connection to the target database was lost" not in stderr:
            raise CaseFailure(f"expected 08006 naming the target, got: {stderr.strip()[:400]}")
        print(f"     ({first_error(stderr)})")

    def a_failed_connect_closes_the_other_side(self):
        """The source connects, the target cannot: the source's connection is closed at once."""
        done = self.session(f"""
            SELECT count(*) FROM migra_diff_remote({literal(self.direct(DATABASE))},
                                                   'host=/nonexistent/socket/dir dbname=x');
            SELECT 'open connections: ' || coalesce(array_to_string(dblink_get_connections(), ','), 'none');""")
        if sqlstate(done.stderr) != "08001" or "could not connect to the target database" not in done.stderr:
            raise CaseFailure(f"expected 08001 naming the target, got: {done.stderr.strip()[:300]}")
        if "open connections: none" not in done.stdout:
            raise CaseFailure(f"a connection was left open: {done.stdout.strip()}")
        if not self.wait_for_no_remote_backend():
            raise CaseFailure("the source's remote backend is still there")

    # --- a server that lies ---

    def wrong_shape(self, document):
        def test():
            with self.proxy("replace", document) as proxy:
                self.expect_error(f"SELECT * FROM migra_diff_remote(NULL, {literal(proxy.conninfo(DATABASE))})", "08P01",
                                  contains=("did not return a catalog document",))
                if proxy.rewritten < 1:
                    raise CaseFailure("the proxy replaced no result")
        return test

    def document_with_a_nul(self):
        document = self.real_document()
        document["schemas"][0]["tables"][0]["name"] = "t\u0000x"
        text = json.dumps(document).encode()
        if b"\\u0000" not in text:
            raise CaseFailure("the test document does not spell \\u0000")
        self.wrong_shape(text)()

    def deep_nesting_under_an_extra_key(self):
        # keys the model does not know are skipped: no recursion may crash the backend there
        depth = 100000
        deep = b"[" * depth + b"]" * depth + b', "deeper": ' + b'{"a": ' * depth + b"1" + b"}" * depth
        served = b'{"extra": ' + deep + b", " + json.dumps(self.real_document()).encode()[1:]
        with self.proxy("replace", served) as proxy:
            done = self.session(f"SELECT count(*) FROM migra_diff_remote(NULL, {literal(proxy.conninfo(DATABASE))});\n"
                                "SELECT 'still-alive';")
        lines = [line for line in done.stdout.splitlines() if line.strip()]
        if not lines or lines[-1] != "still-alive":
            raise CaseFailure(f"the session did not survive: {done.stderr.strip()[:300]}")
        state = sqlstate(done.stderr)
        if state not in (None, "08P01"):
            raise CaseFailure(f"expected a plan or 08P01, got {first_error(done.stderr)}")
        print(f"     ({'08P01' if state else 'read, the extra key skipped: ' + lines[0] + ' rows'})")

    def fingerprints_of_the_wrong_shape(self, document):
        """The fingerprint answer replaced: 08P01, and the catalog query is never sent."""
        def test():
            with self.proxy("prints", document) as proxy:
                self.expect_error(f"SELECT * FROM migra_diff_remote(NULL, {literal(proxy.conninfo(DATABASE))})", "08P01",
                                  contains=("did not return a catalog document",))
                if proxy.rewritten != 1 or any("migra_catalog" in q for q in proxy.queries):
                    raise CaseFailure(f"expected the fingerprint reply replaced and no catalog query: "
                                      f"{proxy.rewritten} replaced, {len(proxy.queries)} queries")
        return test

    def version_garbage(self):
        with self.proxy("version", b"banana") as proxy:
            self.expect_error(f"SELECT * FROM migra_diff_remote(NULL, {literal(proxy.conninfo(DATABASE))})", "08P01",
                              contains=("did not return a catalog document",))
            if proxy.rewritten != 1 or any("migra_catalog" in q for q in proxy.queries):
                raise CaseFailure(f"expected the version reply replaced and no catalog query: "
                                  f"{proxy.rewritten} replaced, {len(proxy.queries)} queries")

    def version_too_old(self):
        with self.proxy("version", b"90600") as proxy:
            self.expect_error(f"SELECT migra_snapshot(source => {literal(proxy.conninfo(DATABASE))})", "0A000",
                              contains=("90600",))
            if any("migra_catalog" in q for q in proxy.queries):
                raise CaseFailure("the catalog query was sent to a server too old to read")

    def untouched_document_gives_the_real_plan(self):
        document = self.rows_of(self.real_document())
        with self.proxy("replace", document) as proxy:
            query = ("SELECT coalesce(string_agg(statement, E'\\n' ORDER BY ordinal), '') "
                     "FROM migra_diff_remote(NULL, {}, unsafe => true, with_privileges => true)")
            through = self.control(query.format(literal(proxy.conninfo(DATABASE))))
            rewritten = proxy.rewritten
        direct = self.control(query.format(literal(self.direct())))
        if rewritten != 1:
            raise CaseFailure(f"the proxy replaced {rewritten} results, expected 1")
        if "CREATE TABLE public.t" not in through.replace('"', ""):
            raise CaseFailure(f"no CREATE TABLE in the plan: {through[:300]}")
        if through != direct:
            raise CaseFailure("the plan from the served document differs from the direct plan")

    def doctored(self, field, change, value):
        """The real document with one field changed; the error must name `field` and show no row."""
        def test():
            document = self.real_document()
            change(document["schemas"][0], value)
            served = self.rows_of(document)
            with self.proxy("replace", served) as proxy:
                there = literal(proxy.conninfo(DATABASE))
                for sql in (f"SELECT statement FROM migra_diff_remote(NULL, {there}, unsafe => true, with_privileges => true)",
                            f"SELECT statement FROM migra_diff_remote({there}, NULL, unsafe => true, with_privileges => true)",
                            f"SELECT migra_snapshot(source => {there})"):
                    self.expect_error(sql, "22023", contains=("remote server", f'field "{field}"'),
                                      what=sql.split(" FROM ")[-1][:40])
                if proxy.rewritten != 3:
                    raise CaseFailure(f"the proxy replaced {proxy.rewritten} results, expected 3")
        return test

    # --- passwords ---

    def no_password_in(self, done, what):
        for stream, text in (("stdout", done.stdout), ("stderr", done.stderr)):
            if PASSWORD in text:
                raise CaseFailure(f"{what}: the password appears in {stream}:\n{text.strip()[:600]}")

    def password_path(self, sql, expected, contains=()):
        def test():
            done = self.expect_error(sql, expected, contains)
            self.no_password_in(done, sql[:60])
        return test

    def password_malformed_connection_string(self):
        done = self.expect_error(f"SELECT * FROM migra_diff_remote(NULL, {literal('host=/x password=' + PASSWORD + ' junk')})",
                                 "22023", contains=("neither a valid connection string",))
        self.no_password_in(done, "malformed connection string")
        for text in (f"password='{PASSWORD}", f"postgres://h/db?novalue&password={PASSWORD}"):
            done = self.expect_error(f"SELECT migra_snapshot(source => {literal(text)})", "22023",
                                     contains=("neither a valid connection string",))
            self.no_password_in(done, f"malformed connection string {text}")

    def password_unreachable_socket(self):
        conninfo = f"host=/nonexistent-migra-hostile port=5488 dbname=x user=postgres password={PASSWORD}"
        done = self.expect_error(f"SELECT * FROM migra_diff_remote(NULL, {literal(conninfo)})", "08001")
        self.no_password_in(done, "unreachable socket")
        done = self.expect_error(f"SELECT migra_snapshot(source => {literal(conninfo)})", "08001")
        self.no_password_in(done, "unreachable socket (snapshot)")
        uri = f"postgresql://postgres:{PASSWORD}@/x?host=/nonexistent-migra-hostile&port=5488"
        done = self.expect_error(f"SELECT * FROM migra_diff_remote({literal(uri)}, NULL)", "08001")
        self.no_password_in(done, "unreachable socket (URI)")

    def password_server_dies(self):
        with self.proxy("cut") as proxy:
            conninfo = proxy.conninfo(DATABASE, f"password={PASSWORD}")
            done = self.expect_error(f"SELECT * FROM migra_diff_remote({literal(conninfo)}, NULL)", "08")
        self.no_password_in(done, "server dies")

    def password_wrong_shape(self):
        with self.proxy("replace", b'{"hello": 1}') as proxy:
            conninfo = proxy.conninfo(DATABASE, f"password={PASSWORD}")
            done = self.expect_error(f"SELECT * FROM migra_diff_remote(NULL, {literal(conninfo)})", "08P01")
            self.no_password_in(done, "wrong shape")
            done = self.expect_error(f"SELECT migra_snapshot(source => {literal(conninfo)})", "08P01")
            self.no_password_in(done, "wrong shape (snapshot)")

    def password_doctored_document(self):
        document = self.real_document()
        document["schemas"][0]["tables"][0]["columns"][0]["type"] = "int; DROP TABLE x; --"
        with self.proxy("replace", self.rows_of(document)) as proxy:
            conninfo = proxy.conninfo(DATABASE, f"password={PASSWORD}")
            done = self.expect_error(f"SELECT * FROM migra_diff_remote(NULL, {literal(conninfo)})", "22023")
        self.no_password_in(done, "doctored document")

    def password_foreign_server_unreachable(self):
        self.cluster.psql(CONTROL, f"""
            DROP SERVER IF EXISTS {SERVERS[0]} CASCADE;
            CREATE SERVER {SERVERS[0]} FOREIGN DATA WRAPPER dblink_fdw OPTIONS (host '/nonexistent', dbname 'x');
            CREATE USER MAPPING FOR CURRENT_USER SERVER {SERVERS[0]} OPTIONS (user 'postgres', password '{PASSWORD}');""")
        for sql in (f"SELECT * FROM migra_diff_remote(NULL, '{SERVERS[0]}')",
                    f"SELECT migra_snapshot(source => '{SERVERS[0]}')"):
            done = self.expect_error(sql, "08001")
            self.no_password_in(done, sql)

    def password_successful_snapshot(self):
        conninfo = self.direct(extra=f"password={PASSWORD}")
        done = self.cluster.psql(CONTROL, f"SELECT migra_snapshot(source => {literal(conninfo)})::text", check=False)
        if done.returncode != 0:
            raise CaseFailure(f"the snapshot failed: {first_error(done.stderr)}")
        self.no_password_in(done, "successful snapshot")
        if '"tables"' not in done.stdout:
            raise CaseFailure(f"not a snapshot: {done.stdout[:200]}")
        plan = self.cluster.psql(CONTROL, f"SELECT statement FROM migra_diff_remote(NULL, {literal(conninfo)}, unsafe => true)",
                                 check=False)
        if plan.returncode != 0 or "CREATE TABLE" not in plan.stdout:
            raise CaseFailure(f"the diff failed: {first_error(plan.stderr)}")
        self.no_password_in(plan, "successful diff")

    def password_authentication_fails(self):
        hba = Path(self.cluster.query("postgres", "SHOW hba_file"))
        original = hba.read_bytes()
        try:
            hba.write_bytes((HBA_MARK + HBA_LINE).encode() + original)
            self.cluster.query("postgres", "SELECT pg_reload_conf()")
            time.sleep(0.3)  # the postmaster reads the file on SIGHUP
            self.cluster.psql("postgres", f"DROP ROLE IF EXISTS {PW_ROLE}; "
                                          f"CREATE ROLE {PW_ROLE} LOGIN PASSWORD '{PW_ROLE_PASSWORD}'")
            wrong = f"host={self.host} port={self.port} dbname={DATABASE} user={PW_ROLE} password={PASSWORD}"
            done = self.expect_error(f"SELECT * FROM migra_diff_remote(NULL, {literal(wrong)})", "08001")
            self.no_password_in(done, "wrong password, connection string")
            if "password authentication failed" not in done.stderr:
                raise CaseFailure(f"expected libpq's 'password authentication failed', got: {done.stderr.strip()[:400]}")

            self.cluster.psql(CONTROL, f"""
                DROP SERVER IF EXISTS {SERVERS[1]} CASCADE;
                DROP SERVER IF EXISTS {SERVERS[2]} CASCADE;
                CREATE SERVER {SERVERS[1]} FOREIGN DATA WRAPPER dblink_fdw
                    OPTIONS (host {literal(self.host)}, port '{self.port}', dbname '{DATABASE}');
                CREATE USER MAPPING FOR CURRENT_USER SERVER {SERVERS[1]} OPTIONS (user '{PW_ROLE}', password '{PASSWORD}');
                CREATE SERVER {SERVERS[2]} FOREIGN DATA WRAPPER dblink_fdw
                    OPTIONS (host {literal(self.host)}, port '{self.port}', dbname '{DATABASE}');
                CREATE USER MAPPING FOR CURRENT_USER SERVER {SERVERS[2]}
                    OPTIONS (user '{PW_ROLE}', password '{PW_ROLE_PASSWORD}');""")
            for sql in (f"SELECT * FROM migra_diff_remote('{SERVERS[1]}', NULL)",
                        f"SELECT migra_snapshot(source => '{SERVERS[1]}')"):
                done = self.expect_error(sql, "08001")
                self.no_password_in(done, f"wrong password, user mapping: {sql}")
                if "password authentication failed" not in done.stderr:
                    raise CaseFailure(f"expected 'password authentication failed', got: {done.stderr.strip()[:400]}")
            # the right password in a user mapping reads: the line above is what refused the wrong one
            right = self.cluster.psql(CONTROL, f"SELECT migra_snapshot(source => '{SERVERS[2]}')::text", check=False)
            if right.returncode != 0 or '"tables"' not in right.stdout:
                raise CaseFailure(f"the right password did not read: {first_error(right.stderr)}")
            if PW_ROLE_PASSWORD in right.stdout + right.stderr:
                raise CaseFailure("the right password appears in the output")
        finally:
            hba.write_bytes(original)
            self.cluster.psql("postgres", "SELECT pg_reload_conf()", check=False)
        if hba.read_bytes() != original:
            raise CaseFailure("pg_hba.conf was not put back")


def remove_leftover_hba_line(cluster):
    """A run killed mid-test may have left its line at the top of pg_hba.conf."""
    hba = Path(cluster.query("postgres", "SHOW hba_file"))
    text = hba.read_text()
    if text.startswith(HBA_MARK + HBA_LINE):
        hba.write_text(text[len(HBA_MARK + HBA_LINE):])
        cluster.query("postgres", "SELECT pg_reload_conf()")


def clean(cluster):
    for database in (CONTROL, DATABASE):
        cluster.psql("postgres", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", check=False)
    cluster.psql("postgres", f"DROP ROLE IF EXISTS {PW_ROLE}", check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True, help="socket directory of the cluster")
    parser.add_argument("--port", required=True)
    parser.add_argument("--bindir", default="")
    args = parser.parse_args()

    cluster = Cluster(args.host, args.port, args.bindir)
    remove_leftover_hba_line(cluster)
    clean(cluster)
    cluster.psql("postgres", f"CREATE DATABASE {CONTROL}")
    cluster.psql(CONTROL, "CREATE EXTENSION dblink; CREATE EXTENSION migra;")
    cluster.psql("postgres", f"CREATE DATABASE {DATABASE} TEMPLATE template0")
    cluster.psql(DATABASE, DATABASE_SQL, single_transaction=True)
    started_at = cluster.query("postgres", "SELECT pg_postmaster_start_time()")

    tests = Tests(cluster, args.host, args.port)
    tests.run("a plain proxy is transparent", tests.plain_proxy_is_transparent)
    tests.run("a server that dies mid-read gives class 08", tests.server_dies_mid_read)
    tests.run("a snapshot from a server that dies gives class 08", tests.snapshot_from_a_server_that_dies)
    tests.run("a stalled server with statement_timeout", tests.stalled_server_with_statement_timeout)
    tests.run("a timed-out read releases the remote side at once", tests.a_timed_out_read_releases_the_remote_side_at_once)
    tests.run("a remote backend terminated mid-read is 08006 naming the side",
              tests.a_remote_backend_terminated_mid_read_is_a_lost_connection)
    tests.run("a failed connect closes the other side's connection", tests.a_failed_connect_closes_the_other_side)
    tests.run("a document {\"hello\": 1} gives 08P01", tests.wrong_shape(b'{"hello": 1}'))
    tests.run("a document [] gives 08P01", tests.wrong_shape(b"[]"))
    tests.run("a document 'not json' gives 08P01", tests.wrong_shape(b"not json"))
    tests.run("a document nested 10,000 deep gives 08P01", tests.wrong_shape(b"[" * 10000 + b"]" * 10000))
    tests.run("a document with \\u0000 in a table name gives 08P01", tests.document_with_a_nul)
    tests.run("deep nesting under an extra key does not crash", tests.deep_nesting_under_an_extra_key)
    tests.run("fingerprints {\"hello\": 1} give 08P01", tests.fingerprints_of_the_wrong_shape(b'{"hello": 1}'))
    tests.run("fingerprints with an OID that is not a number give 08P01",
              tests.fingerprints_of_the_wrong_shape(b'{"tables": [["public", "t", "1) OR (true", 1, []]]}'))
    tests.run("server version 'banana' gives 08P01", tests.version_garbage)
    tests.run("server version 90600 gives 0A000", tests.version_too_old)
    tests.run("the real document served untouched gives the real plan", tests.untouched_document_gives_the_real_plan)

    def column(name, key):
        def change(schema, value):
            table = next(t for t in schema["tables"] if t["name"] == "t")
            next(c for c in table["columns"] if c["name"] == name)[key] = value
        return change

    def table_privilege(schema, value):
        table = next(t for t in schema["tables"] if t["name"] == "t")
        table["privileges"] = [{"grantee": "PUBLIC", "privilege": value, "grantable": False}]

    def routine_signature(schema, value):
        next(r for r in schema["routines"] if r["signature"] == "f(integer)")["signature"] = value

    def index_definition(schema, value):
        next(i for i in schema["indexes"] if i["name"] == "t_b_idx")["definition"] = value

    def view_definition(schema, value):
        next(v for v in schema["views"] if v["name"] == "v")["definition"] = value

    def routine_definition(schema, value):
        next(r for r in schema["routines"] if r["signature"] == "f(integer)")["definition"] = value

    for field, change, value in (
            ("type", column("a", "type"), "int; DROP TABLE x; --"),
            ("privileges.privilege", table_privilege, "SELECT ON t TO x; DROP TABLE y; --"),
            ("signature", routine_signature, "f(int); DROP TABLE x"),
            ("default", column("c", "default"), "0; DROP TABLE x"),
            ("definition", index_definition, "(a) WHERE true; DROP TABLE x"),
            ("definition", view_definition, " SELECT 1 AS a; DROP TABLE x"),
            ("definition", routine_definition, "integer) RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$; DROP TABLE x; --")):
        tests.run(f"a doctored {field} {value!r} gives 22023 and no rows", tests.doctored(field, change, value))

    tests.run("no password: malformed connection string", tests.password_malformed_connection_string)
    tests.run("no password: unreachable socket directory", tests.password_unreachable_socket)
    tests.run("no password: server dies mid-read", tests.password_server_dies)
    tests.run("no password: document of the wrong shape", tests.password_wrong_shape)
    tests.run("no password: doctored document", tests.password_doctored_document)
    tests.run("no password: foreign server that cannot be reached", tests.password_foreign_server_unreachable)
    tests.run("no password: wrong password, connection string and user mapping", tests.password_authentication_fails)
    tests.run("no password: a successful read", tests.password_successful_snapshot)

    def no_crash():
        now = cluster.query("postgres", "SELECT pg_postmaster_start_time()")
        if now != started_at:
            raise CaseFailure(f"the server restarted (a backend crashed): started at {started_at}, now {now}")
    tests.run("no backend crashed", no_crash)

    clean(cluster)
    if tests.notes:
        print("notes: " + "; ".join(tests.notes))
    tests.finish()


if __name__ == "__main__":
    main()
