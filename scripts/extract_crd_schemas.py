#!/usr/bin/env python3
"""Extracts the CRD schemas that `mpijobc validate` embeds from the upstream
CRDs in ../shared/upstream/ into schemas/crd/, one file per served version:
its apiVersion and kind, where it comes from (the upstream folder's SOURCE
and the file), and its openAPIV3Schema without descriptions.

The legacy kubeflow.org/v1alpha1 and v1alpha2 MPIJobs had no usable upstream
schema (the v1alpha2 CRD checks three numbers, v1alpha1's is not in
../shared/upstream/): their schemas are written here from the fields listed
in ../shared/reference/legacy-mpijob.md (mpi-operator v0.2.3 and v0.3.0
types.go, and arena's v1alpha1 additions), with the v1alpha2 CRD's bounds
merged in and the PodTemplateSpec and ResourceRequirements of the v2beta1
CRD (legacy_schemas()).

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
    ("volcano", "crds/batch.volcano.sh_jobs.yaml"),
]
LEGACY = "mpi-operator-legacy"  # the v1alpha2 CRD, for the legacy schemas' bounds
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


def int32(minimum=None):
    out = {"type": "integer", "format": "int32"}
    if minimum is not None:
        out["minimum"] = minimum
    return out


def merge(into, extra):
    """`extra`'s keys deep-merged into `into` (the legacy CRD's bounds)."""
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge(into[key], value)
        else:
            into[key] = value


def legacy_schemas(upstream, v2beta1_source, v2beta1):
    """(apiVersion, source, openAPIV3Schema) of the legacy MPIJob versions,
    built on `v2beta1`'s schema (its pod template and resources)."""
    replica = v2beta1["properties"]["spec"]["properties"]["mpiReplicaSpecs"]["additionalProperties"]
    template = replica["properties"]["template"]
    container = template["properties"]["spec"]["properties"]["containers"]["items"]
    resources = container["properties"]["resources"]

    def job(spec, required=()):
        spec = {"type": "object", "properties": spec}
        if required:
            spec["required"] = list(required)
        return {"type": "object", "required": ["spec"], "properties": {
            "apiVersion": {"type": "string"}, "kind": {"type": "string"},
            "metadata": {"type": "object"}, "spec": spec,
            "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}}

    clean = {"type": "string", "enum": ["All", "Running", "None"]}
    deadline = {"type": "integer", "format": "int64", "minimum": 1}
    v1alpha1 = job({
        "gpus": int32(1), "gpusPerNode": int32(1),
        "processingUnits": int32(1), "processingUnitsPerNode": int32(1),
        "processingResourceType": {"type": "string", "enum": ["nvidia.com/gpu", "cpu"]},
        "slotsPerWorker": int32(1), "launcherOnMaster": {"type": "boolean"},
        "backoffLimit": int32(0), "activeDeadlineSeconds": deadline,
        "replicas": int32(1), "template": template,
        # arena's fork (kubeflow/arena arena-artifacts/crds/kubeflow.org_mpijobs.yaml)
        "cleanPodPolicy": clean, "launcherResources": resources,
        "mountsOnLauncher": {"type": "boolean"}}, ["template"])
    replica_spec = {"type": "object", "properties": {
        "replicas": int32(1), "template": template,
        "restartPolicy": {"type": "string", "enum": ["Always", "OnFailure", "Never", "ExitCode"]}}}
    v1alpha2 = json.loads(json.dumps(job({
        "slotsPerWorker": int32(1), "backoffLimit": int32(0), "activeDeadlineSeconds": deadline,
        "cleanPodPolicy": clean,
        "mpiReplicaSpecs": {"type": "object", "properties": {
            "Launcher": replica_spec, "Worker": replica_spec}},
        "mainContainer": {"type": "string"},
        "runPolicy": {"type": "object", "properties": {
            "cleanPodPolicy": clean, "ttlSecondsAfterFinished": int32(0),
            "activeDeadlineSeconds": deadline, "backoffLimit": int32(0),
            "schedulingPolicy": {"type": "object", "properties": {"minAvailable": int32(1)}}}},
        "mpiDistribution": {"type": "string", "enum": ["OpenMPI", "IntelMPI", "MPICH"]}},
        ["mpiReplicaSpecs"])))  # a tree: the CRD's bounds differ per role
    crd_path = "v1alpha2/mpi-operator-deploy.yaml"
    with open(os.path.join(upstream, LEGACY, crd_path), encoding="utf-8") as f:
        for doc in yaml.safe_load_all(f):
            if doc and doc.get("kind") == "CustomResourceDefinition":
                merge(v1alpha2, doc["spec"]["validation"]["openAPIV3Schema"])
    with open(os.path.join(upstream, LEGACY, "SOURCE"), encoding="utf-8") as f:
        legacy_source = f.readline().split(";")[0].strip()
    base = "fields: ../shared/reference/legacy-mpijob.md; pod template: %s" % v2beta1_source
    return [("kubeflow.org/v1alpha1", "mpijobc, " + base + " (arena's additions included)", v1alpha1),
            ("kubeflow.org/v1alpha2", "mpijobc, %s; bounds: %s, %s" % (base, legacy_source, crd_path),
             v1alpha2)]


def write(out_dir, api_version, kind, source, schema):
    group, version = api_version.split("/")
    data = {"apiVersion": api_version, "kind": kind, "source": source, "openAPIV3Schema": schema}
    with open(os.path.join(out_dir, "%s_%s_%s.json" % (group, version, kind)), "w",
              encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")


def main():
    upstream = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "upstream")
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "schemas", "crd")
    os.makedirs(out_dir, exist_ok=True)
    extracted = {}  # apiVersion -> (source, schema)
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
                schema = strip(version["schema"]["openAPIV3Schema"])
                if folder == "mpi-operator":
                    extracted[api_version] = ("%s, %s" % (source, path), schema)
                write(out_dir, api_version, spec["names"]["kind"], "%s, %s" % (source, path), schema)
    v2beta1_source, v2beta1 = extracted["kubeflow.org/v2beta1"]
    for api_version, source, schema in legacy_schemas(upstream, v2beta1_source, v2beta1):
        write(out_dir, api_version, "MPIJob", source, schema)


if __name__ == "__main__":
    main()
