#!/usr/bin/env python3
"""Extracts the CRD schemas that `mpijobc validate` embeds from the upstream
CRDs in ../shared/upstream/ into schemas/crd/, one file per served version:
its apiVersion and kind, where it comes from (the upstream folder's SOURCE
and the file), and its openAPIV3Schema without descriptions.

    scripts/extract_crd_schemas.py [UPSTREAM_DIR [OUT_DIR]]

Run it when ../shared/upstream/ changes; a test fails while the files in
schemas/crd/ differ from what it writes (tests/validate_test.cc)."""
import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRDS = [  # (upstream folder, the CRD file in it)
    ("mpi-operator", "manifests/base/kubeflow.org_mpijobs.yaml"),
    ("training-operator", "manifests/base/crds/kubeflow.org_mpijobs.yaml"),
    ("bdap-mpi-operator", "config/crd/bases/batch.test.bdap.com_mpijobs.yaml"),
    ("trainer", "crds/trainer.kubeflow.org_trainjobs.yaml"),
    ("trainer", "crds/trainer.kubeflow.org_trainingruntimes.yaml"),
    ("trainer", "crds/trainer.kubeflow.org_clustertrainingruntimes.yaml"),
]
SUBSCHEMA_MAPS = ("properties",)
SUBSCHEMAS = ("items", "additionalProperties", "not")
SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf")


def strip(schema):
    """The schema without "description", walking subschemas only (a property
    may be called "description")."""
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key == "description":
            continue
        if key in SUBSCHEMA_MAPS:
            value = {name: strip(sub) for name, sub in value.items()}
        elif key in SUBSCHEMAS:
            value = strip(value)
        elif key in SUBSCHEMA_LISTS:
            value = [strip(sub) for sub in value]
        out[key] = value
    return out


def main():
    upstream = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "upstream")
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "schemas", "crd")
    os.makedirs(out_dir, exist_ok=True)
    for folder, path in CRDS:
        with open(os.path.join(upstream, folder, "SOURCE"), encoding="utf-8") as f:
            source = f.readline().strip()
        with open(os.path.join(upstream, folder, path), encoding="utf-8") as f:
            # libyaml's loader when PyYAML has it: five times faster.
            docs = [d for d in yaml.load_all(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) if d]
        for crd in docs:
            spec = crd["spec"]
            for version in spec["versions"]:
                if not version.get("served", True):
                    continue
                api_version = spec["group"] + "/" + version["name"]
                kind = spec["names"]["kind"]
                name = "%s_%s_%s.json" % (spec["group"], version["name"], kind)
                data = {
                    "apiVersion": api_version,
                    "kind": kind,
                    "source": "%s, %s" % (source, path),
                    "openAPIV3Schema": strip(version["schema"]["openAPIV3Schema"]),
                }
                with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
                    json.dump(data, f, indent=1, ensure_ascii=False)
                    f.write("\n")


if __name__ == "__main__":
    main()
