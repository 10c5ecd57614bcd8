#!/usr/bin/python3
"""khal imports the whole-event calendars into a fresh calendar and lists
every session at the right wall-clock time: first with khal's local zone set
to the event's, then to America/New_York. A second revision imported over
the first updates the sessions it moved or renamed and shows the removed one
as CANCELLED."""
import json
import os
import subprocess
import sys


def khal(config, *args):
    return subprocess.run(["khal", "-c", config, *args], check=True, capture_output=True,
                          text=True, timeout=60).stdout


def make_config(work, tag, local_zone):
    base = os.path.join(work, tag)
    caldir = os.path.join(base, "calendar")
    os.makedirs(caldir)
    config = os.path.join(base, "config")
    with open(config, "w", encoding="utf-8") as f:
        f.write(f"""[calendars]
[[creneau]]
path = {caldir}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {local_zone}
default_timezone = {local_zone}
[sqlite]
path = {os.path.join(base, "khal.db")}
""")
    return config, caldir


def run(folder, work, entry, local_zone, start_key, end_key):
    name = entry["name"]
    config, caldir = make_config(work, f"{name.replace('.', '-')}-{local_zone.replace('/', '-')}",
                                 local_zone)
    khal(config, "import", "--batch", "-a", "creneau", os.path.join(folder, name))
    imported = len([f for f in os.listdir(caldir) if f.endswith(".ics")])
    first = min(e[start_key] for e in entry["events"])[:10]
    listing = khal(config, "list", "--format", "{start} {end} {uid}", "--day-format", "",
                   first, "5d")
    got = sorted(line.strip() for line in listing.splitlines() if line.strip())
    want = sorted(f"{e[start_key]} {e[end_key]} {e['uid']}" for e in entry["events"])
    if got != want or imported != len(want):
        print(f"not ok: {name} with local_timezone {local_zone}: {imported} imported")
        for line in sorted(set(got) ^ set(want)):
            print(f"  {'khal shows' if line in got else 'expected  '} {line}")
        return 1
    return 0


def run_revisions(folder, work, first, second):
    """Importing the second revision over the first updates the calendar:
    moved and renamed sessions change, the removed one shows CANCELLED."""
    config, _ = make_config(work, "revisions", second["timezone"])
    for entry in (first, second):
        khal(config, "import", "--batch", "-a", "creneau", os.path.join(folder, entry["name"]))
    day = min(e["local_start"] for e in second["events"])[:10]
    listing = khal(config, "list", "--format", "{start} {end} {uid} {status}", "--day-format", "",
                   day, "5d")
    got = sorted(line.strip() for line in listing.splitlines() if line.strip())
    want = sorted(f"{e['local_start']} {e['local_end']} {e['uid']} {e['status']}"
                  for e in second["events"])
    if got != want:
        print(f"not ok: {second['name']} imported over {first['name']}")
        for line in sorted(set(got) ^ set(want)):
            print(f"  {'khal shows' if line in got else 'expected  '} {line}")
        return 1
    return 0


def main():
    folder, work = sys.argv[1], sys.argv[2]
    # khal must see nothing of the user's own configuration.
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    os.environ.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
                      XDG_DATA_HOME=os.path.join(home, ".local", "share"))
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as f:
        data = json.load(f)
    expected = {e["name"]: e for e in data["files"]}
    failures = 0
    events = 0
    imports = 0
    for name in data["khal"]:
        entry = expected[name]
        failures += run(folder, work, entry, entry["timezone"], "local_start", "local_end")
        events += len(entry["events"])
        imports += 1
        if entry["timezone"] != "America/New_York":
            failures += run(folder, work, entry, "America/New_York", "ny_start", "ny_end")
            events += len(entry["events"])
            imports += 1
    failures += run_revisions(folder, work, expected["revision-1.ics"], expected["revision-2.ics"])
    imports += 2
    version = subprocess.run(["khal", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}: {events} events listed in {imports} imports, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
