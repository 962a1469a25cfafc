#!/usr/bin/env python3
"""The archive benchmark's mail (issue 12): an mbox of N activities between one customer's contacts and the
company's users, each about BODY bytes (a text part of words and a base64 attachment of random bytes, so that the raw
copies compress about as real mail does), three quarters of them dated 2020-01 .. 2024-11 (archived by
`archive run --months 24 --as-of 2026-12-01`), the rest 2025-01 .. 2026-11. Seeded: the same files every run.

Usage: generate.py OUT_DIR --activities N --body BYTES
"""
import argparse, base64, os, random, time

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--activities", type=int, default=200_000)
parser.add_argument("--body", type=int, default=10_000)
parser.add_argument("--seed", type=int, default=12)
args = parser.parse_args()
rng = random.Random(args.seed)
os.makedirs(args.out, exist_ok=True)
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
WORDS = ("order quote delivery invoice contract renewal meeting price offer service support update please thanks "
         "schedule project status question answer follow call week month team report").split()

with open(f"{args.out}/accounts.csv", "w") as f:
    f.write("id,name,type,status,parent_id,currency\nA1,Acme,Customer,Active,,EUR\n")
with open(f"{args.out}/contacts.csv", "w") as f:
    f.write("id,account_id,name,email\n")
    for c in range(20): f.write(f"c{c},A1,Contact {c},contact{c}@acme.example\n")
with open(f"{args.out}/users.csv", "w") as f:
    f.write("id,name,email\n")
    for u in range(10): f.write(f"u{u},User {u},user{u}@company.example\n")

old_start, old_end = time.mktime((2020, 1, 1, 0, 0, 0, 0, 0, 0)), time.mktime((2024, 11, 30, 0, 0, 0, 0, 0, 0))
new_start, new_end = time.mktime((2025, 1, 1, 0, 0, 0, 0, 0, 0)), time.mktime((2026, 11, 30, 0, 0, 0, 0, 0, 0))
attachment = max(0, args.body * 6 // 10) * 3 // 4  # raw bytes whose base64 is ~60% of the body
with open(f"{args.out}/all.mbox", "w") as f:
    for n in range(args.activities):
        old = n % 4 != 3
        t = rng.uniform(old_start, old_end) if old else rng.uniform(new_start, new_end)
        tm = time.gmtime(t)
        date = f"{tm.tm_mday} {MONTHS[tm.tm_mon - 1]} {tm.tm_year} {tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d} +0000"
        contact, user = f"contact{rng.randrange(20)}@acme.example", f"user{rng.randrange(10)}@company.example"
        sender, to = (contact, user) if n % 2 else (user, contact)
        text_len = args.body - attachment * 4 // 3
        words = []
        size = 0
        while size < text_len:
            w = rng.choice(WORDS); words.append(w); size += len(w) + 1
        text = "\n".join(" ".join(words[i:i + 12]) for i in range(0, len(words), 12))
        blob = base64.encodebytes(rng.randbytes(attachment)).decode() if attachment else ""
        f.write(f"From bench@example.com Mon Oct  5 10:00:00 2026\nMessage-ID: <a{n}@bench.example>\nDate: {date}\n"
                f"From: <{sender}>\nTo: <{to}>\nSubject: Order:{n % 5000 + 1} {words[0]}\nMIME-Version: 1.0\n"
                f"Content-Type: multipart/mixed; boundary=b{n}\n\n--b{n}\nContent-Type: text/plain\n\n{text}\n"
                f"--b{n}\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=a{n}.bin\n"
                f"Content-Transfer-Encoding: base64\n\n{blob}--b{n}--\n\n")
print(f"{args.activities} messages of about {args.body} bytes")
