#!/usr/bin/python3
"""Checks the JSON Schemas under docs/ against what the project ships.

    tests/schema/validate.py SOURCE-ROOT

1. docs/rulebook-schema.json accepts every rulebook file shipped or used by
   the tests (rules/**/*.yaml and tests/data/*.yaml holding `govsvc:`), and
   rejects every malformed case of tests/bad whose expected diagnostics are
   all of the kinds a schema can see (E005 unknown key, E007 wrong kind,
   E004 format version), so that editors flag the same typos the loader
   does.
2. Every key the loader accepts (the *_KEYS tables of libgovsvc/load*.c,
   compile*.c and overlay*.c) is
   declared in the schema at the right place, and the schema declares no
   key the loader refuses: the schema cannot drift from the loader.
3. docs/answer-schema.json accepts every govsvc.answer/1 JSON answer
   pinned in tests/golden.

Needs Debian's python3-jsonschema and python3-yaml (tools/install-deps);
exits 77 (skipped) when they are missing.
"""
import glob
import json
import os
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:  # pragma: no cover
    print("SKIP: %s (install python3-jsonschema and python3-yaml)" % e)
    sys.exit(77)

root = sys.argv[1] if len(sys.argv) > 1 else "."
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


class Loader(yaml.SafeLoader):
    """YAML as yaml-language-server and libgovsvc read it: dates stay text."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Loader)


def where(err):
    return "/".join(str(p) for p in err.absolute_path) or "(top)"


rb_schema = json.load(open(os.path.join(root, "docs/rulebook-schema.json"), encoding="utf-8"))
ans_schema = json.load(open(os.path.join(root, "docs/answer-schema.json"), encoding="utf-8"))
for s in (rb_schema, ans_schema):
    jsonschema.Draft7Validator.check_schema(s)
rb_valid = jsonschema.Draft7Validator(rb_schema)
ans_valid = jsonschema.Draft7Validator(ans_schema)

# -- 1. rulebook files ---------------------------------------------------------

files = sorted(glob.glob(os.path.join(root, "rules/**/*.yaml"), recursive=True))
files += sorted(glob.glob(os.path.join(root, "tests/data/*.yaml")))
checked = 0
for path in files:
    doc = load_yaml(path)
    if not isinstance(doc, dict) or "govsvc" not in doc or "tests" in doc:
        continue  # a facts file or a rule test file, not part of a rulebook
    checked += 1
    for err in sorted(rb_valid.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        fail("%s: %s: %s" % (os.path.relpath(path, root), where(err), err.message))
if checked < 5:
    fail("only %d rulebook files found under %s" % (checked, root))

SEEN_BY_SCHEMA = {"E004", "E005", "E007"}
rejected = 0
for path in sorted(glob.glob(os.path.join(root, "tests/bad/**/*.yaml"), recursive=True)):
    text = open(path, encoding="utf-8", errors="replace").read()
    codes = re.findall(r"^# expect: (E\d+|W\d+)", text, flags=re.M)
    if not codes or not set(codes) <= SEEN_BY_SCHEMA:
        continue
    try:
        doc = load_yaml(path)
    except yaml.YAMLError:
        continue  # not even YAML: the editor says so before any schema
    if rb_valid.is_valid(doc):
        fail("%s: expects %s, but the schema accepts it" % (os.path.relpath(path, root),
                                                           ", ".join(codes)))
    rejected += 1
if rejected < 2:
    fail("only %d malformed cases checked" % rejected)

# -- 2. the loader's keys ------------------------------------------------------

defs = rb_schema["definitions"]
variant = defs["deadline"]["oneOf"][1]["items"]


def keys(node):
    return set(node["properties"])


# Each table of accepted keys in libgovsvc and where the schema declares it.
PLACES = {
    "TOP_KEYS": keys(rb_schema),
    "INC_KEYS": {"govsvc", "facts", "materials", "items", "bundles"} & keys(rb_schema),
    "CAL_FILE_KEYS": {"govsvc", "calendar"} & keys(rb_schema),
    "RB_KEYS": keys(defs["rulebook"]),
    "FACT_KEYS": keys(defs["fact"]),
    "POLICY_KEYS": keys(defs["policy"]),
    "CAL_KEYS": keys(defs["calendar"]),
    "RANGE_KEYS": keys(defs["calendar"]["properties"]["covers"]),
    "HOLIDAY_KEYS": keys(defs["calendar"]["properties"]["holidays"]["items"]),
    "WORKDAY_KEYS": keys(defs["calendar"]["properties"]["workdays"]["items"]),
    "MAT_KEYS": keys(defs["material"]),
    "COMMIT_KEYS": keys(defs["material"]["properties"]["commitment"]),
    "ITEM_KEYS": keys(defs["item"]),
    "VALID_KEYS": keys(defs["item"]["properties"]["valid"]),
    "HALL_KEYS": keys(defs["item"]["properties"]["hall"]),
    "LINE_KEYS": keys(defs["line"]),
    "DEADLINE_KEYS": keys(variant),
    "SPECIAL_KEYS": keys(defs["special"]),
    "BUNDLE_KEYS": keys(defs["bundle"]),
}
# Keys a table holds that the loader takes out before checking the rest
# (policy's `justification` is read by overlay.c), per table.
tables = {}
# The rulebook loader's files (other modules read other formats: rule tests).
loader_files = [f for f in glob.glob(os.path.join(root, "libgovsvc/*.c"))
                if re.match(r"(load|compile|overlay)\w*\.c$", os.path.basename(f))]
for src in sorted(loader_files):
    text = open(src, encoding="utf-8").read()
    for m in re.finditer(r"static const char \*const (\w+_KEYS)\[\]\s*=\s*{(.*?)};", text, re.S):
        tables[m.group(1)] = (os.path.relpath(src, root), set(re.findall(r'"([^"]+)"', m.group(2))))
for name, (src, loader_keys) in sorted(tables.items()):
    if name not in PLACES:
        fail("%s: %s is a new table of keys: add its keys to docs/rulebook-schema.json and "
             "to PLACES in %s" % (src, name, os.path.relpath(__file__, root)))
        continue
    schema_keys = PLACES[name]
    if name == "POLICY_KEYS":
        loader_keys = loader_keys | {"justification"}  # read by overlay.c
    for k in sorted(loader_keys - schema_keys):
        fail("%s: %s has '%s', which docs/rulebook-schema.json does not declare" % (src, name, k))
    for k in sorted(schema_keys - loader_keys):
        fail("docs/rulebook-schema.json declares '%s' where the loader (%s) takes only %s"
             % (k, name, ", ".join(sorted(loader_keys))))
for name in sorted(set(PLACES) - set(tables)):
    fail("no table %s in libgovsvc/*.c any more: update %s" % (name, os.path.relpath(__file__, root)))

# -- 3. answers -----------------------------------------------------------------

answers = 0
for path in sorted(glob.glob(os.path.join(root, "tests/golden/*/stdout"))):
    text = open(path, encoding="utf-8").read()
    if not text.startswith("{") or '"govsvc.answer/1"' not in text:
        continue
    answers += 1
    doc = json.loads(text)
    for err in ans_valid.iter_errors(doc):
        fail("%s: %s: %s" % (os.path.relpath(path, root), where(err), err.message))
if answers < 3:
    fail("only %d golden JSON answers found" % answers)

print("schemas: %d rulebook files valid, %d malformed cases rejected, %d key tables match, "
      "%d golden answers valid" % (checked, rejected, len(tables), answers))
sys.exit(1 if failures else 0)
