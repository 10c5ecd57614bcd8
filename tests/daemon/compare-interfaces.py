#!/usr/bin/python3
"""Checks that an introspection document offers exactly the interfaces of
the installed interface XML: same methods, arguments, signals, properties.

usage: compare-interfaces.py INSTALLED.xml INTROSPECTED.xml [INTERFACE...]
Only the named interfaces are compared (default: all of INSTALLED.xml).
"""
import sys
import xml.etree.ElementTree as ET


def describe(iface):
    out = []
    for kind in ("method", "signal", "property"):
        for el in iface.findall(kind):
            if kind == "property":
                out.append((kind, el.get("name"), el.get("type"), el.get("access")))
                continue
            args = tuple((a.get("name"), a.get("type"), a.get("direction") or "")
                         for a in el.findall("arg"))
            out.append((kind, el.get("name"), args))
    return sorted(out)


def interfaces(path):
    return {i.get("name"): describe(i) for i in ET.parse(path).getroot().findall("interface")}


installed = interfaces(sys.argv[1])
seen = interfaces(sys.argv[2])
names = sys.argv[3:] or list(installed)
bad = 0
for name in names:
    if name not in installed:
        print(f"{name}: not in {sys.argv[1]}")
        bad = 1
    elif name not in seen:
        print(f"{name}: not offered by the object")
        bad = 1
    elif installed[name] != seen[name]:
        print(f"{name}: differs")
        for item in sorted(set(installed[name]) ^ set(seen[name])):
            print("  ", item)
        bad = 1
sys.exit(bad)
