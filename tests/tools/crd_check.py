#!/usr/bin/python3
"""Validates the MPIJobs in YAML files against a CRD's openAPIV3Schema.

An oracle for the tests, independent of mpijobc: Debian's python3-jsonschema
and python3-yaml. Like `kubeconform -strict`, objects that list properties
reject unknown ones (unless x-kubernetes-preserve-unknown-fields), and
int-or-string fields take either. Nulls are pruned first, as the API server
does. Documents of other kinds are skipped.

usage: crd_check.py CRD.yaml MANIFEST.yaml...   (exit 0: all valid)
"""
import sys

import jsonschema
import yaml


def strict(schema):
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key in ("properties", "patternProperties"):
            out[key] = {k: strict(v) for k, v in value.items()}
        elif key in ("items", "additionalProperties", "not") and isinstance(value, dict):
            out[key] = strict(value)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [strict(v) for v in value]
        elif key.startswith("x-kubernetes"):
            continue
        else:
            out[key] = value
    if schema.get("x-kubernetes-int-or-string"):
        rest = {k: v for k, v in out.items() if k != "type"}
        out = {"anyOf": [{"type": "integer"}, {"type": "string"}], **rest}
    if ("properties" in out and "additionalProperties" not in out
            and not schema.get("x-kubernetes-preserve-unknown-fields")):
        out["additionalProperties"] = False
    return out


def prune_nulls(value):
    if isinstance(value, dict):
        return {k: prune_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [prune_nulls(v) for v in value]
    return value


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        crd = yaml.safe_load(f)
    group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
    schemas = {f"{group}/{v['name']}": strict(v["schema"]["openAPIV3Schema"])
               for v in crd["spec"]["versions"]}
    failures = checked = 0
    for path in argv[2:]:
        with open(path) as f:
            docs = list(yaml.safe_load_all(f))
        for doc in docs:
            if not isinstance(doc, dict) or doc.get("kind") != kind:
                continue
            schema = schemas.get(doc.get("apiVersion"))
            if schema is None:
                continue
            checked += 1
            validator = jsonschema.Draft7Validator(schema)
            for error in sorted(validator.iter_errors(prune_nulls(doc)), key=str):
                failures += 1
                where = "/".join(str(p) for p in error.absolute_path)
                print(f"{path}: {doc['metadata'].get('name')}: {where}: {error.message}")
    if checked == 0:
        print("no MPIJob of this CRD's group found", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
