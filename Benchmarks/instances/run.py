#!/usr/bin/python3
"""Several instances, timed (issue 14), for scripts/bench's `instances` and `takeover` sections.

  Benchmarks/instances/run.py instances [--messages N] [--store postgres|sqlite] [--bin PATH]
      12 mailboxes of N messages each (default 5,000), written straight into the Dovecot users' Maildirs with their
      dovecot-uidlist (seconds, not an APPEND each); then, each on a fresh database holding the demo address book,
      one instance and then three instances (`crmservice run`, after: none, so the same mail serves every run) are
      started and timed until the store holds all 12 x N messages. The 1-instance run is the reference.
  Benchmarks/instances/run.py takeover [--trials N] [--lease-seconds L] [--store postgres|sqlite] [--bin PATH]
      three instances on 12 mailboxes; each trial kills -9 the instance holding the most mailboxes (Dovecot's log:
      whose sessions are open on them), delivers one message into each mailbox it held right after the kill, and
      measures until another instance logs in to each (takeover) and until each message is in the store (capture);
      the victim starts again once that is done. Median and max over all trials.

The Dovecot, PostgreSQL and log-reading parts are scripts/chaos-instances' (imported). Needs root.
"""
import argparse
import importlib.machinery
import importlib.util
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_loader = importlib.machinery.SourceFileLoader("chaos_instances", os.path.join(ROOT, "scripts", "chaos-instances"))
_spec = importlib.util.spec_from_loader("chaos_instances", _loader)
ci = importlib.util.module_from_spec(_spec)
_loader.exec_module(ci)


class Bench:
    def __init__(self, args, mailboxes=12):
        self.args = args
        self.mailboxes = [f"mb{i:02d}" for i in range(1, mailboxes + 1)]
        self.work = tempfile.mkdtemp(prefix="crmservice-bench-instances.")
        os.chmod(self.work, 0o711)
        self.dovecot_dir = os.path.join(self.work, "dovecot")
        self.pgdir = None
        self.processes = {}
        self.ports = {f"i{i}": ci.free_port() for i in range(1, 4)}
        self.admin = {name: ci.free_port() for name in self.ports}
        with open(os.path.join(self.work, "admin.password"), "w", opener=lambda p, f: os.open(p, f, 0o600)) as f:
            f.write(os.urandom(12).hex())
        extra = os.path.join(self.work, "dovecot-extra.conf")
        with open(extra, "w") as f:
            f.write('log_timestamp = "%Y-%m-%d %H:%M:%S.%{usecs} "\n'
                    "login_log_format_elements = user=<%u> method=%m rip=%r lip=%l lport=%{lport} rport=%{rport} "
                    "mpid=%e %c session=<%{session}>\n"
                    'mail_log_prefix = "%s(%u)<%{pid}><%{session}>: "\nservice imap-login {\n')
            for name, port in self.ports.items():
                f.write(f"  inet_listener imaps_{name} {{\n    address = 127.0.0.1\n    port = {port}\n    ssl = yes\n  }}\n")
            f.write("  process_limit = 500\n}\n")
        for m in self.mailboxes:
            ci.run([ci.DOVECOT, "add-user", self.dovecot_dir, m])
        ci.run([ci.DOVECOT, "start", self.dovecot_dir, "--extra-config", extra, "--stop-with", str(os.getpid())])
        st = os.stat(os.path.join(self.dovecot_dir, "mail", self.mailboxes[0]))
        self.mail_uid, self.mail_gid = st.st_uid, st.st_gid
        if args.store == "postgres":
            self.pgdir = os.path.join(self.work, "postgres")
            self.pgport, self.pgsuper = ci.free_port(), os.urandom(12).hex()
            self.pgpassword = os.urandom(12).hex()
            ci.run([ci.POSTGRES, "start", self.pgdir, str(self.pgport), self.pgsuper], timeout=120)
            self.psql(f"CREATE ROLE crm LOGIN PASSWORD '{self.pgpassword}';")
            with open(os.path.join(self.work, "db.password"), "w", opener=lambda p, f: os.open(p, f, 0o600)) as f:
                f.write(self.pgpassword + "\n")
        self.round = 0

    def psql(self, sql, database="postgres"):
        p = subprocess.run([ci.POSTGRES, "psql", self.pgdir, str(self.pgport), self.pgsuper, "-d", database, "-tA"],
                           input=sql, capture_output=True, text=True)
        if p.returncode != 0:
            raise ci.SetupError(f"psql: {p.stderr.strip()}")
        return p.stdout.strip()

    # the database of one run -----------------------------------------------------------------------------------
    def fresh_database(self):
        self.round += 1
        if self.args.store == "sqlite":
            self.db = os.path.join(self.work, f"run{self.round}.sqlite")
            self.database_yaml = f"database:\n  path: {self.db}\n"
        else:
            self.db = f"crm{self.round}"
            self.psql(f"CREATE DATABASE {self.db} OWNER crm;")
            self.database_yaml = (f"database:\n  url: postgres://crm@127.0.0.1:{self.pgport}/{self.db}?sslmode=disable\n"
                                  "  password_file: db.password\n  pool_size: 4\n")
        for name in self.ports:
            self.write_config(name)
        for kind in ("accounts", "users", "contacts", "orders"):
            ci.run([self.args.bin, "import", kind, os.path.join(ROOT, "Fixtures", "demo", f"{kind}.csv"),
                    "--config", self.config("i1")], timeout=120)

    def config(self, name):
        return os.path.join(self.work, f"{name}.yaml")

    def write_config(self, name):
        boxes = "".join(f"  {m}:\n    url: imaps://127.0.0.1:{self.ports[name]}/INBOX\n    user: {m}\n"
                        f"    password_file: dovecot/{m}.password\n    cacert: dovecot/ca.pem\n    after: none\n"
                        f"    interval_seconds: 1\n" for m in self.mailboxes)
        with open(self.config(name), "w") as f:
            f.write(f"{self.database_yaml}instance:\n  name: {name}\n  lease_seconds: {self.args.lease_seconds}\n"
                    f"capture:\n  capture_addresses: [crm@example.com]\nmailboxes:\n{boxes}"
                    f"admin:\n  port: {self.admin[name]}\n  password_file: admin.password\n")

    def stored(self):
        """How many messages the store holds, and the set of their Message-IDs when asked."""
        if self.args.store == "sqlite":
            if not os.path.exists(self.db):
                return 0
            with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=10) as c:
                return c.execute("SELECT count(*) FROM messages").fetchone()[0]
        return int(self.psql("SELECT count(*) FROM messages;", self.db) or 0)

    def has_message(self, message_id):
        if self.args.store == "sqlite":
            with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=10) as c:
                return c.execute("SELECT 1 FROM messages WHERE message_id = ?", (message_id,)).fetchone() is not None
        return self.psql(f"SELECT 1 FROM messages WHERE message_id = '{message_id}';", self.db) == "1"

    # instances ---------------------------------------------------------------------------------------------------
    def start(self, name):
        logf = open(os.path.join(self.work, f"{name}.log"), "ab")
        self.processes[name] = subprocess.Popen([self.args.bin, "run", "--config", self.config(name)],
                                                stdin=subprocess.DEVNULL, stdout=logf, stderr=logf,
                                                start_new_session=True)

    def stop(self, name, sig=signal.SIGTERM):
        p = self.processes.pop(name, None)
        if p is not None and p.poll() is None:
            p.send_signal(sig)
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    def stop_all(self):
        for name in list(self.processes):
            self.stop(name)

    # mail --------------------------------------------------------------------------------------------------------
    def fill(self, count):
        """count messages a mailbox, unique Message-IDs, written into cur/ with a dovecot-uidlist (as
        `scripts/dovecot fill` does), so Dovecot numbers nothing itself."""
        rng = random.Random(14)
        base = int(time.time())
        for m in self.mailboxes:
            home = os.path.join(self.dovecot_dir, "mail", m)
            lines = []
            for i in range(1, count + 1):
                name = f"{base}.B{i:07d}P{os.getpid()}.bench"
                sender, to = rng.choice(ci.CONTACTS), rng.choice(ci.USERS)
                raw = (f"From: {ci.encode_name(sender)}\r\nTo: {ci.encode_name(to)}\r\nSubject: Bench {m} {i}\r\n"
                       f"Date: Fri, 04 Dec 2026 10:00:00 +0000\r\nMessage-ID: <bench-{m}-{i}@instances.example>\r\n"
                       f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                       f"Message {i} of {m}, about order 1001.\r\n").encode()
                path = os.path.join(home, "cur", name + ":2,")
                with open(path, "wb") as f:
                    f.write(raw)
                os.chown(path, self.mail_uid, self.mail_gid)
                lines.append(f"{i} :{name}\n")
            uidlist = os.path.join(home, "dovecot-uidlist")
            with open(uidlist + ".tmp", "w") as f:
                f.write(f"3 V{base} N{count + 1} G{uuid.uuid4().hex}\n")
                f.writelines(lines)
            os.chown(uidlist + ".tmp", self.mail_uid, self.mail_gid)
            os.rename(uidlist + ".tmp", uidlist)

    def deliver(self, mailbox, message_id):
        home = os.path.join(self.dovecot_dir, "mail", mailbox)
        name = f"{time.time():.6f}.T{uuid.uuid4().hex[:8]}.bench"
        tmp = os.path.join(home, "tmp", name)
        with open(tmp, "wb") as f:
            f.write((f"From: {ci.encode_name(ci.CONTACTS[0])}\r\nTo: {ci.encode_name(ci.USERS[0])}\r\n"
                     f"Subject: takeover\r\nMessage-ID: <{message_id}>\r\n\r\nafter the kill\r\n").encode())
        os.chown(tmp, self.mail_uid, self.mail_gid)
        os.rename(tmp, os.path.join(home, "new", name))

    def sessions(self):
        names = {port: name for name, port in self.ports.items()}
        return ci.sessions_from_log(os.path.join(self.dovecot_dir, "dovecot.log"), names, time.time() + 1e6)

    def cleanup(self):
        for name in list(self.processes):
            self.stop(name, signal.SIGKILL)
        subprocess.run([ci.DOVECOT, "stop", self.dovecot_dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.pgdir:
            subprocess.run([ci.POSTGRES, "stop", self.pgdir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.args.keep:
            print(f"kept {self.work}")
        else:
            subprocess.run(["rm", "-rf", self.work])


def capture_all(bench, names, total, timeout):
    bench.fresh_database()
    start = time.time()
    for name in names:
        bench.start(name)
    while True:
        n = bench.stored()
        if n >= total:
            break
        ended = [name for name, p in bench.processes.items() if p.poll() is not None]
        if ended:
            with open(os.path.join(bench.work, f"{ended[0]}.log"), errors="replace") as f:
                raise ci.SetupError(f"{ended[0]} ended: {f.read()[-1500:]}")
        if time.time() - start > timeout:
            bench.stop_all()
            return None, n
        time.sleep(0.25)
    seconds = time.time() - start
    bench.stop_all()
    return seconds, total


def instances(args):
    bench = Bench(args)
    try:
        total = len(bench.mailboxes) * args.messages
        t = time.time()
        bench.fill(args.messages)
        print(f"instances benchmark: {len(bench.mailboxes)} mailboxes x {args.messages} messages = {total}, written "
              f"in {time.time() - t:.1f} s; {args.store}, {os.path.basename(args.bin)} at {args.bin}, {os.cpu_count()} CPUs")
        # Dovecot builds its indexes on the first full read of a folder: one untimed run warms them.
        capture_all(bench, ["i1"], total, args.timeout)
        rows = []
        for label, names in (("1 instance", ["i1"]), ("3 instances", ["i1", "i2", "i3"])):
            seconds, n = capture_all(bench, names, total, args.timeout)
            if seconds is None:
                print(f"{label:12s} only {n} of {total} messages after {args.timeout} s")
                rows.append(None)
                continue
            rows.append(seconds)
            print(f"{label:12s} {total:7d} messages in {seconds:7.1f} s = {total / seconds:7.0f} msg/s"
                  + (f"  ({rows[0] / seconds:.2f}x the 1-instance rate)" if len(rows) == 2 and rows[0] else "  (reference)"))
        return 0 if all(r is not None for r in rows) else 1
    finally:
        bench.cleanup()


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else float("nan")


def takeover(args):
    bench = Bench(args)
    try:
        bench.fresh_database()
        for name in bench.ports:
            bench.start(name)
        time.sleep(args.lease_seconds + 5)  # the leases settle
        print(f"takeover benchmark: 3 instances, {len(bench.mailboxes)} mailboxes, lease {args.lease_seconds} s, "
              f"{args.trials} trials; {args.store}, {args.bin}")
        takeovers, captures, missing = [], [], 0
        for trial in range(1, args.trials + 1):
            now = time.time()
            held = {}
            for mailbox, name, start, end in bench.sessions():
                if name is not None and start <= now and end >= now - 3:
                    held.setdefault(name, set()).add(mailbox)
            victim = max(sorted(held), key=lambda n: len(held[n])) if held else "i1"
            boxes = sorted(held.get(victim, ()))
            at = time.time()
            bench.stop(victim, signal.SIGKILL)
            ids = {m: f"takeover-{trial}-{m}-{uuid.uuid4().hex[:8]}@instances.example" for m in boxes}
            for m, mid in ids.items():
                bench.deliver(m, mid)
            took, caught = {}, {}
            deadline = at + 3 * args.lease_seconds + 30
            while time.time() < deadline and (len(took) < len(boxes) or len(caught) < len(boxes)):
                for mailbox, name, start, _ in bench.sessions():
                    if mailbox in ids and mailbox not in took and name not in (None, victim) and start > at:
                        took[mailbox] = start - at
                for m, mid in ids.items():
                    if m not in caught and bench.has_message(mid):
                        caught[m] = time.time() - at
                time.sleep(0.2)
            missing += len(boxes) - len(took) + len(boxes) - len(caught)
            takeovers += took.values()
            captures += caught.values()
            print(f"trial {trial}: killed {victim} holding {len(boxes)} mailboxes; taken over in "
                  f"{median(took.values()):.1f} s median, {max(took.values(), default=float('nan')):.1f} s max; "
                  f"message captured in {max(caught.values(), default=float('nan')):.1f} s max"
                  + (f"; {len(boxes) - len(took)} not taken over, {len(boxes) - len(caught)} not captured"
                     if len(took) < len(boxes) or len(caught) < len(boxes) else ""))
            bench.start(victim)
            time.sleep(5)
        print(f"takeover      {len(takeovers):3d} mailboxes: median {median(takeovers):6.1f} s, max "
              f"{max(takeovers, default=float('nan')):6.1f} s after the kill (lease {args.lease_seconds} s)")
        print(f"capture       {len(captures):3d} messages:  median {median(captures):6.1f} s, max "
              f"{max(captures, default=float('nan')):6.1f} s from the kill (delivered right after it)")
        return 1 if missing else 0
    finally:
        bench.cleanup()


def main():
    p = argparse.ArgumentParser(prog="Benchmarks/instances/run.py", description=__doc__.split("\n\n")[0])
    p.add_argument("mode", choices=("instances", "takeover"))
    p.add_argument("--messages", type=int, default=5000, help="messages a mailbox (instances; default 5000)")
    p.add_argument("--trials", type=int, default=5, help="kills (takeover; default 5)")
    p.add_argument("--lease-seconds", type=int, default=30, help="instance.lease_seconds (default 30)")
    p.add_argument("--store", choices=("postgres", "sqlite"), default="postgres")
    p.add_argument("--keep", action="store_true", help="keep the work directory (logs, mail, SQLite databases)")
    p.add_argument("--timeout", type=float, default=1800, help="give up a run after this many seconds")
    p.add_argument("--bin", default=os.environ.get("CRMSERVICE_BIN", os.path.join(ROOT, ".build/release/crmservice")))
    args = p.parse_args()
    if os.geteuid() != 0:
        sys.exit("Benchmarks/instances: needs root (Dovecot's mail owner, PostgreSQL as nobody)")
    if args.store == "postgres" and not ci.opens_postgres(args.bin):
        sys.exit(f"Benchmarks/instances: {args.bin} does not open database.url yet (--store sqlite)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))
    try:
        sys.exit(instances(args) if args.mode == "instances" else takeover(args))
    except ci.SetupError as e:
        sys.exit(f"Benchmarks/instances: {e}")


if __name__ == "__main__":
    main()
