#!/usr/bin/python3
"""Checks that `mpijobc import` then `build` gave back the MPIJobs it read.

An oracle for tests/import_roundtrip_test.cc, independent of mpijobc
(Debian's python3-yaml). For each MPIJob of ORIGINAL.yaml, OUT/<name>/ must
hold the rebuilt mpijob.yaml and launcher.sh, and they must be equal to the
original after the normalisations docs/import.md lists:

- the operator's defaults made explicit on the original (slotsPerWorker 1,
  cleanPodPolicy None, launcher replicas 1, the restart policies; v1's
  spec.cleanPodPolicy is runPolicy.cleanPodPolicy);
- the rebuilt MPIJob may hold more than the original (mpijobc's own labels,
  env, volumes, probes, resources): every value of the original must be in
  it (maps: every key; lists: every item; scalars: the same text), except
  what import drops with a warning (metadata the API server sets, container
  names, v1's mainContainer);
- the launcher command is moved into launcher.sh: the original command and
  the generated launcher.sh run with stub programs first on PATH, and must
  run the same programs with the same argv and exit the same way;
- bdap's workers keep their command; other targets' too.

usage: roundtrip_check.py ORIGINAL.yaml OUT   (exit 0: equal; else the differences)
"""
import os
import subprocess
import sys
import tempfile

import yaml

APIS = ("kubeflow.org/v2beta1", "kubeflow.org/v1", "batch.test.bdap.com/v1")
STUBS = ("mpirun", "mpiexec", "horovodrun")
SHELLS = ("sh", "bash")
# What the operators set in the launcher's environment, the same for both runs.
OPERATOR_ENV = {"OMPI_MCA_orte_default_hostfile": "/etc/mpi/hostfile",
                "MPIJOBC_HOSTFILE": "/nonexistent/hostfile",
                "MPIJOBC_RSH_AGENT": "/nonexistent/agent"}


def text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def contained(orig, built, path, problems):
    """Every value of `orig` is in `built`."""
    if isinstance(orig, dict):
        if not isinstance(built, dict):
            problems.append(f"{path}: {orig!r} became {built!r}")
            return
        for key, value in orig.items():
            if key not in built:
                problems.append(f"{path}.{key}: missing (was {value!r})")
            else:
                contained(value, built[key], f"{path}.{key}", problems)
    elif isinstance(orig, list):
        if not isinstance(built, list):
            problems.append(f"{path}: {orig!r} became {built!r}")
            return
        for i, item in enumerate(orig):
            if not any(is_in(item, b) for b in built):
                problems.append(f"{path}[{i}]: {item!r} missing from {built!r}")
    elif orig is None:
        return
    elif text(orig) != text(built):
        problems.append(f"{path}: {orig!r} became {built!r}")


def is_in(orig, built):
    problems = []
    contained(orig, built, "", problems)
    return not problems


def roles(job):
    """(role name, replica spec with replicas and restartPolicy, pod template)."""
    spec = job.get("spec") or {}
    if job["apiVersion"] == "batch.test.bdap.com/v1":
        for name, key, replicas in (("Launcher", "launcherTemplate", 1),
                                    ("Worker", "workerTemplate", spec.get("numWorkers"))):
            tmpl = spec.get(key) or {}
            pod = tmpl.get("spec") or {}
            yield name, {"replicas": replicas,
                         "restartPolicy": pod.get("restartPolicy", "Always")}, tmpl
        return
    for name, r in (spec.get("mpiReplicaSpecs") or {}).items():
        yield name, r, r.get("template") or {}


def default_restart(api, role):
    if api == "kubeflow.org/v2beta1" and role == "Launcher":
        return "OnFailure"
    return "Never"


def container(tmpl):
    return ((tmpl.get("spec") or {}).get("containers") or [{}])[0]


def command_of(c):
    return [text(w) for w in (c.get("command") or []) + (c.get("args") or [])]


def normalised(job):
    """The original MPIJob as the rebuilt one must contain it, without commands."""
    api = job["apiVersion"]
    spec = dict(job.get("spec") or {})
    meta = {k: v for k, v in (job.get("metadata") or {}).items()
            if k in ("name", "namespace", "labels", "annotations")}
    out = {"apiVersion": api, "kind": "MPIJob", "metadata": meta}
    if api == "batch.test.bdap.com/v1":
        out["spec"] = {"numWorkers": spec.get("numWorkers")}
    else:
        spec.pop("mainContainer", None)
        spec.setdefault("slotsPerWorker", 1)
        run_policy = dict(spec.get("runPolicy") or {})
        if "cleanPodPolicy" in spec:
            run_policy["cleanPodPolicy"] = spec.pop("cleanPodPolicy")
        run_policy.setdefault("cleanPodPolicy", "None")
        spec["runPolicy"] = run_policy
        spec.pop("mpiReplicaSpecs", None)
        out["spec"] = spec
    return out


def pods(job):
    """Each role's replicas, restart policy and pod template (one container, no command)."""
    api = job["apiVersion"]
    out = {}
    for name, r, tmpl in roles(job):
        tmpl = yaml.safe_load(yaml.safe_dump(tmpl))  # a copy
        meta = {k: v for k, v in (tmpl.get("metadata") or {}).items()
                if k in ("labels", "annotations")}
        pod = tmpl.get("spec") or {}
        pod.pop("restartPolicy", None)
        c = dict(container(tmpl))
        for key in ("name", "command", "args"):
            c.pop(key, None)
        pod["containers"] = [c]
        replicas = r.get("replicas", 1 if name == "Launcher" else 0)
        out[name] = {"replicas": replicas,
                     "restartPolicy": r.get("restartPolicy", default_restart(api, name)),
                     "template": {"metadata": meta, "spec": pod}}
    return out


def run_recorded(argv, env, cwd):
    """Runs argv with stubs first on PATH; returns (exit status, the stubs' argvs)."""
    with tempfile.TemporaryDirectory() as tmp:
        bin_dir = os.path.join(tmp, "bin")
        os.mkdir(bin_dir)
        log = os.path.join(tmp, "log")
        names = set(STUBS)
        if argv and "/" not in argv[0] and argv[0] not in SHELLS:
            names.add(argv[0])
        for shell in SHELLS:  # real shells, for sh -c commands
            os.symlink("/bin/" + shell, os.path.join(bin_dir, shell))
        for name in names:
            stub = os.path.join(bin_dir, name)
            with open(stub, "w") as f:
                f.write('#!/bin/sh\nprintf \'%s\\0\' "${0##*/}" "$@" >> "$STUB_LOG"\n'
                        'printf \'\\n\' >> "$STUB_LOG"\n')
            os.chmod(stub, 0o755)
        full = dict(env, PATH=bin_dir, STUB_LOG=log, HOME=tmp)
        work = os.path.join(tmp, "work")
        os.mkdir(work)
        try:
            status = subprocess.run(argv, env=full, cwd=work, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, timeout=20).returncode
        except FileNotFoundError:
            status = 127
        calls = []
        if os.path.exists(log):
            with open(log, "rb") as f:
                for line in f.read().split(b"\0\n"):
                    if line:
                        calls.append(line.decode().split("\0"))
        return status, calls


def plain_env(c):
    return {e["name"]: text(e["value"]) for e in c.get("env") or []
            if "value" in e and "valueFrom" not in e}


def check_job(job, out_dir, problems):
    name = job["metadata"]["name"]
    where = f"{name}: "
    job_dir = os.path.join(out_dir, name)
    with open(os.path.join(job_dir, "mpijob.yaml")) as f:
        built = [d for d in yaml.safe_load_all(f) if d and d.get("kind") == "MPIJob"]
    if len(built) != 1:
        problems.append(where + "no MPIJob rebuilt")
        return
    built = built[0]
    if built["apiVersion"] != job["apiVersion"]:
        problems.append(where + f"apiVersion {built['apiVersion']}")
    mine = []
    contained(normalised(job), built, "", mine)
    original_pods, built_pods = pods(job), pods(built)
    contained(original_pods, built_pods, "roles", mine)
    problems.extend(where + p for p in mine)

    # The workers' command is kept.
    originals = {n: t for n, _, t in roles(job)}
    rebuilt = {n: t for n, _, t in roles(built)}
    worker = command_of(container(originals.get("Worker", {})))
    if worker and command_of(container(rebuilt.get("Worker", {}))) != worker:
        problems.append(where + f"worker command {worker} became "
                        f"{command_of(container(rebuilt.get('Worker', {})))}")

    # The launcher runs the same programs with the same argv.
    launcher = container(originals.get("Launcher", {}))
    env = dict(OPERATOR_ENV, **plain_env(launcher))
    expected = run_recorded(command_of(launcher), env, job_dir)
    got = run_recorded(["/bin/sh", os.path.join(os.path.abspath(job_dir), "launcher.sh")],
                       env, job_dir)
    if expected != got:
        problems.append(where + f"the launcher ran {got}, the original {expected}")


def main():
    original, out_dir = sys.argv[1], sys.argv[2]
    with open(original) as f:
        jobs = [d for d in yaml.safe_load_all(f)
                if isinstance(d, dict) and d.get("kind") == "MPIJob" and d.get("apiVersion") in APIS]
    problems = []
    if not jobs:
        problems.append(f"{original}: no MPIJob")
    for job in jobs:
        check_job(job, out_dir, problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
