#!/usr/bin/env python3
"""The review console benchmark's world (Benchmarks/review/README.md): an address book and one mbox whose replay
gives ACTIVITIES activities (contacts writing to users and back) and OPEN open review entries (unknown senders, some
with display names, a few auto-generated and no-contact-recipient ones), dates spread over two years, one in five a
reply. Seeded: the same arguments give the same bytes.

Usage: generate.py OUT_DIR [--activities N] [--open N] [--seed S]
"""
import os, random, sys

args = sys.argv[1:]
out = args[0]
activities, open_entries, seed = 100_000, 20_000, 7
i = 1
while i < len(args):
    if args[i] == "--activities": activities = int(args[i + 1]); i += 2
    elif args[i] == "--open": open_entries = int(args[i + 1]); i += 2
    elif args[i] == "--seed": seed = int(args[i + 1]); i += 2
    else: sys.exit("unknown argument " + args[i])
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)

ACCOUNTS, CONTACTS_PER_ACCOUNT, USERS = 2000, 5, 40
FIRST = ["Anna", "Ben", "Carla", "David", "Eva", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Karin", "Lars", "Mia",
         "Nils", "Olga", "Paul", "Rosa", "Sven", "Tina", "Uwe"]
LAST = ["Meyer", "Schmidt", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Wolf"]
WORDS = ["offer", "invoice", "delivery", "order", "meeting", "quote", "contract", "renewal", "support", "update",
         "question", "visit", "sample", "price", "schedule"]

with open(f"{out}/accounts.csv", "w") as f:
    f.write("id,name,type,status,parent_id,currency\n")
    for a in range(ACCOUNTS):
        f.write(f"A{a},Company {a} GmbH,Customer,Active,,EUR\n")
contacts = []
with open(f"{out}/contacts.csv", "w") as f:
    f.write("id,account_id,name,email\n")
    for a in range(ACCOUNTS):
        for c in range(CONTACTS_PER_ACCOUNT):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            address = f"{name.split()[0].lower()}.{c}@company{a}.example"
            contacts.append((name, address))
            f.write(f"C{a}-{c},A{a},{name},{address}\n")
users = [(f"U{u}", f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"user{u}@ourco.example") for u in range(USERS)]
with open(f"{out}/users.csv", "w") as f:
    f.write("id,name,email\n")
    for uid, name, address in users:
        f.write(f"{uid},{name},{address}\n")

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
START = 1_735_689_600  # 2025-01-01

def date(t):
    import time
    tm = time.gmtime(t)
    return f"{tm.tm_mday} {MONTHS[tm.tm_mon - 1]} {tm.tm_year} {tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d} +0000"

def message(n, sender, to, subject, t, parent, extra=""):
    lines = [f"From bench@example.com Mon Oct  5 10:00:00 2026", f"Message-ID: <m{n}@bench.example>",
             f"Date: {date(t)}", f"From: {sender}", f"To: {to}", f"Subject: {subject}"]
    if parent is not None:
        lines += [f"In-Reply-To: <m{parent}@bench.example>", f"References: <m{parent}@bench.example>"]
    if extra: lines.append(extra)
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 80)))
    lines += ["", f"Hello,", "", body, "", "Regards", ""]
    return "\n".join(lines) + "\n"

unknown = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"person{p}@stranger{p % 700}.example") for p in range(4000)]
total = activities + open_entries
kinds = ["activity"] * activities + ["open"] * open_entries
rng.shuffle(kinds)
last_of = {}
with open(f"{out}/all.mbox", "w") as f:
    for n, kind in enumerate(kinds):
        t = START + rng.randint(0, 2 * 365 * 86400)
        subject = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {n}"
        user = rng.choice(users)
        extra = ""
        if kind == "activity":
            name, address = rng.choice(contacts)
            if rng.random() < 0.5: sender, to = f"{name} <{address}>", f"{user[1]} <{user[2]}>"
            else: sender, to = f"{user[1]} <{user[2]}>", f"{name} <{address}>"
        else:
            name, address = rng.choice(unknown)
            roll = rng.random()
            if roll < 0.05: sender, to, extra = f"<{address}>", user[2], "Auto-Submitted: auto-replied"
            elif roll < 0.10: sender, to = f"{user[1]} <{user[2]}>", f"{name} <{address}>"
            elif roll < 0.70: sender, to = f"{name} <{address}>", user[2]
            else: sender, to = address, user[2]
        parent = last_of.get(address) if rng.random() < 0.2 else None
        last_of[address] = n
        f.write(message(n, sender, to, subject, t, parent, extra))
print(f"{total} messages: {activities} activities, {open_entries} for the review queue")
