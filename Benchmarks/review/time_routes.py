#!/usr/bin/env python3
"""Times console routes of a running `crmservice run` (Benchmarks/review/README.md).

Usage: time_routes.py PORT DB ROUNDS ROUTE...
A session with the right `review` is written into DB (as the console's login would: only the token's SHA-256 is
stored), then each ROUTE is fetched ROUNDS times over one keep-alive connection, after two warm-up requests; the
median and p95 are printed. In a route, {entry} stands for an open entry, {account} for the account with the most
activities, {q} for a word of the subjects. /healthz (no database) is timed the same way as the reference. Last, one
POST /review/assign of the 500 newest open entries is timed, and the entries are checked to be assigned.
"""
import hashlib, http.client, os, sqlite3, statistics, sys, time, urllib.parse, secrets

port, db_path, rounds, routes = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4:]
db = sqlite3.connect(db_path, timeout=30)
token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
user = db.execute("SELECT id FROM users ORDER BY id LIMIT 1").fetchone()[0]
db.execute("INSERT OR IGNORE INTO login_rights (user_id, \"right\") VALUES (?, 'review')", (user,))
db.execute("INSERT INTO console_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?,?,?,?,?)",
           (hashlib.sha256(token.encode()).hexdigest(), user, csrf, now, now))
db.commit()
entry = db.execute("SELECT u.id FROM unmatched u JOIN messages m ON m.id = u.message_id WHERE u.status = 'open' "
                   "ORDER BY m.date DESC LIMIT 1 OFFSET 1000").fetchone()[0]
account = db.execute("SELECT account_id FROM activity_accounts GROUP BY account_id ORDER BY count(*) DESC LIMIT 1"
                     ).fetchone()[0]
open_count = db.execute("SELECT count(*) FROM unmatched WHERE status = 'open'").fetchone()[0]
activity_count = db.execute("SELECT count(*) FROM activities").fetchone()[0]
print(f"database: {activity_count} activities, {open_count} open entries; entry {entry}, account {account}")
cookie = {"Cookie": f"crm_session={token}"}

def fetch(conn, method, path, body=None, headers=None):
    h = dict(cookie, **(headers or {}))
    start = time.perf_counter()
    conn.request(method, path, body=body, headers=h)
    reply = conn.getresponse()
    data = reply.read()
    return time.perf_counter() - start, reply.status, data

def timed(path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(2): fetch(conn, "GET", path)
    times = []
    for _ in range(rounds):
        seconds, status, data = fetch(conn, "GET", path)
        if status != 200: sys.exit(f"GET {path}: status {status}: {data[:300]!r}")
        times.append(seconds * 1000)
    conn.close()
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(f"GET {path:<40} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   ({rounds} requests, {len(data)} bytes)")

timed("/healthz")
for route in routes:
    timed(route.replace("{entry}", str(entry)).replace("{account}", account).replace("{q}", "quote"))

ids = [row[0] for row in db.execute("SELECT u.id FROM unmatched u JOIN messages m ON m.id = u.message_id "
                                    "WHERE u.status = 'open' ORDER BY m.date DESC LIMIT 500")]
contact = db.execute("SELECT id FROM contacts ORDER BY id LIMIT 1").fetchone()[0]
body = urllib.parse.urlencode([("ids", i) for i in ids] + [("contact", contact), ("csrf", csrf)])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
seconds, status, data = fetch(conn, "POST", "/review/assign", body,
                              {"Content-Type": "application/x-www-form-urlencoded"})
assigned = db.execute(f"SELECT count(*) FROM unmatched WHERE status = 'assigned' AND id IN ({','.join('?' * len(ids))})",
                      ids).fetchone()[0]
print(f"POST /review/assign of {len(ids)} ids: {seconds:.2f} s (status {status}, {assigned} entries now assigned)")
if status != 303 or assigned != len(ids): sys.exit("the bulk assign did not assign every entry")
