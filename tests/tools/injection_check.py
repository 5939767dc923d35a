#!/usr/bin/python3
"""Pushes random hostile strings through every user field that reaches an output, builds each
spec for every target that can express it (the MPIJobs of kubeflow.org/v2beta1, v1 and
batch.test.bdap.com/v1, Kubeflow Trainer's TrainJob and TrainingRuntime, Volcano's Job), then
checks each output with an independent oracle:

- mpijob.yaml, re-read with PyYAML (YAML 1.1, as kubectl's go-yaml): field by field, in each
  object of the target (PLACES), the annotation in every metadata and pod template that carries
  it and the env values of every container that gets them are exactly what was written, and so
  is the launcher script in the ConfigMap;
- launcher.sh, run by /bin/sh with stub mpirun and horovodrun first on PATH: the stub receives
  exactly the spec's command, item for item (custom launcher commands too), and horovodrun the
  discovery script path as written; and shellcheck, at its default severity (style included),
  finds nothing in it (MPIJob and HorovodJob, every MPI implementation);
- Dockerfile: the same instructions, in the same order, as for a spec with harmless strings (no
  string can start or continue an instruction), and bash reads the pip line back as exactly the
  spec's pip requirements.

usage: injection_check.py MPIJOBC SEED COUNT [--tamper KIND]
  exit 0: every case holds; else the failing cases. --tamper KIND changes the first env value of
  each KIND object before the checks (a stray quote, as a quoting bug would leave): the oracle's
  own test, which must then fail every case of that KIND's target.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import yaml

PIECES = ["'", '"', "`", "$", "$(id)", "${HOME}", "\\", "\\\n", "\n", "\r\n", "\t", " ", "  ",
          ": ", " #", "- ", "&a", "*a", "!tag", "|", ">", "{", "}", "[", "]", "%", "@", ",", "?",
          "---", "...", "~", "null", "yes", "0x1F", "1e3", "é", "🚀", "\u202e", "\u00a0", ";",
          "&&", "||", "*", "~root", "RUN ", "\nRUN echo pwned", "\\\nRUN x", "'\\''", "\"\\\"\"",
          "{{x}}", "{{{x}}}", "<", ">>", "=", "\x7f"]


def hostile(rng, control=True):
    pieces = [rng.choice(PIECES) for _ in range(rng.randint(1, 6))]
    s = "".join(pieces)
    if not control:  # fields whose schema forbids control characters
        s = "".join(c for c in s if ord(c) >= 0x20 and ord(c) != 0x7F)
    return s or "x"


KINDS = ["MPIJob", "HorovodJob"]
MPIS = ["OpenMPI", "Intel", "MPICH"]
TARGETS = ["kubeflow.org/v2beta1", "kubeflow.org/v1", "batch.test.bdap.com/v1",
           "trainer.kubeflow.org/v1alpha1", "batch.volcano.sh/v1alpha1"]


def expressible(target, mpi):
    return target != "trainer.kubeflow.org/v1alpha1" or mpi == "OpenMPI"  # Trainer: Open MPI only


# Where each target's objects carry the spec's annotation and env, by path: a key, "*" (every
# item of a list or value of a map), "name=X" (the list item named X) or an index. Each path must
# lead somewhere; every place it leads to must hold exactly what the spec wrote.
MPIJOB_PLACES = {"annotations": ["metadata.annotations", "spec.mpiReplicaSpecs.*.template.metadata.annotations"],
                 "env": ["spec.mpiReplicaSpecs.*.template.spec.containers.0.env"]}
PLACES = {
    "kubeflow.org/v2beta1": {"MPIJob": MPIJOB_PLACES},
    "kubeflow.org/v1": {"MPIJob": MPIJOB_PLACES},
    "batch.test.bdap.com/v1": {"MPIJob": {
        "annotations": ["metadata.annotations", "spec.launcherTemplate.metadata.annotations",
                        "spec.workerTemplate.metadata.annotations"],
        "env": ["spec.launcherTemplate.spec.containers.0.env", "spec.workerTemplate.spec.containers.0.env"]}},
    "trainer.kubeflow.org/v1alpha1": {
        "TrainJob": {"annotations": ["metadata.annotations"], "env": ["spec.trainer.env"]},
        "TrainingRuntime": {
            "annotations": ["metadata.annotations",
                            "spec.template.spec.replicatedJobs.*.template.spec.template.metadata.annotations"],
            "env": ["spec.template.spec.replicatedJobs.name=node.template.spec.template.spec.containers.0.env"]}},
    "batch.volcano.sh/v1alpha1": {"Job": {
        "annotations": ["metadata.annotations", "spec.tasks.*.template.metadata.annotations"],
        "env": ["spec.tasks.*.template.spec.containers.0.env"]}},
}


def places(obj, path):
    """The values at `path` (see PLACES) in obj."""
    found = [obj]
    for step in path.split("."):
        nxt = []
        for v in found:
            if step == "*":
                nxt += list(v.values()) if isinstance(v, dict) else list(v) if isinstance(v, list) else []
            elif step.startswith("name="):
                nxt += [i for i in v if isinstance(i, dict) and i.get("name") == step[5:]] if isinstance(v, list) else []
            elif step.isdigit():
                nxt += [v[int(step)]] if isinstance(v, list) and int(step) < len(v) else []
            elif isinstance(v, dict) and step in v:
                nxt.append(v[step])
        found = nxt
    return found


def spec(name, rng, harmless=False, kind=None, mpi=None):
    word = (lambda control=True: "w") if harmless else (lambda control=True: hostile(rng, control))
    custom = not harmless and rng.random() < 0.3
    kind = kind or rng.choice(KINDS)
    body = {
        "image": "example.com/img:1",
        "mpi_implementation": mpi or rng.choice(MPIS),
        "worker": {"replicas": 1},
        "env": {"V1": word(), "V2": word()},
        "build": {"pip": [word(False), word(False)]},
    }
    if kind == "HorovodJob":
        body["discovery_script_path"] = "/" + word(False)
        body["build"]["framework"] = {"name": "pytorch"}  # Horovod needs one
    command = ["prog", word(), word(), word()]
    if custom:
        body["launcher"] = {"command": ["mpirun"] + command}
        body["command"] = ["unused"]
    else:
        body["command"] = command
    return {
        "apiVersion": "mpijobc/v1",
        "kind": kind,
        "metadata": {"name": name, "annotations": {"example.com/note": word()}},
        "spec": body,
    }, command  # what mpirun receives after its own flags, or as a custom command's arguments


def dockerfile_instructions(text):
    """(keyword, logical line) per instruction: continuation lines joined, comments skipped."""
    out, current = [], None
    for line in text.split("\n"):
        if current is None:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            current = line
        else:
            current += "\n" + line
        if not line.endswith("\\"):
            out.append((current.split(None, 1)[0], current))
            current = None
    return out


def stub_argv(launcher, workdir):
    stubs = os.path.join(workdir, "bin")
    os.makedirs(stubs, exist_ok=True)
    for tool in ("mpirun", "horovodrun"):
        with open(os.path.join(stubs, tool), "w") as f:
            f.write("#!/bin/sh\nprintf '%s\\0' \"$@\" > \"$STUB_OUT\"\n")
        os.chmod(os.path.join(stubs, tool), 0o755)
    out = os.path.join(workdir, "argv")
    env = dict(os.environ, PATH=stubs + ":" + os.environ["PATH"], STUB_OUT=out,
               MPIJOBC_HOSTFILE="/nonexistent", MPIJOBC_RSH_AGENT="/nonexistent")
    env.pop("MPIJOBC_HOST_DISCOVERY_SCRIPT", None)
    subprocess.run(["/bin/sh", launcher], env=env, check=True)
    with open(out, "rb") as f:
        return f.read().decode().split("\0")[:-1]


def check_objects(objects, target, doc, launcher):
    """What the manifests of `target` hold where the spec's strings go (PLACES)."""
    problems = []
    annotations, env = doc["metadata"]["annotations"], doc["spec"]["env"]
    wanted = dict(PLACES[target], ConfigMap={"annotations": ["metadata.annotations"]})
    for kind, where in wanted.items():
        found = [o for o in objects if o.get("kind") == kind]
        if len(found) != 1:
            problems.append("%d %s objects, expected 1" % (len(found), kind))
            continue
        obj = found[0]
        if kind != "ConfigMap" and obj.get("apiVersion") != target:
            problems.append("%s has apiVersion %r, not %s" % (kind, obj.get("apiVersion"), target))
        for path in where["annotations"]:
            at = places(obj, path)
            if not at:
                problems.append("%s %s: missing" % (kind, path))
            for value in at:
                if not isinstance(value, dict) or {k: value.get(k) for k in annotations} != annotations:
                    problems.append("%s %s changed: %r" % (kind, path, value))
        for path in where.get("env", []):
            at = places(obj, path)
            if not at:
                problems.append("%s %s: missing" % (kind, path))
            for value in at:
                got = {e.get("name"): e.get("value") for e in value or [] if e.get("name") in env}
                if got != env:
                    problems.append("%s %s changed: %r" % (kind, path, got))
    configmap = [o for o in objects if o.get("kind") == "ConfigMap"]
    if configmap and list(configmap[0]["data"].values()) != [launcher]:
        problems.append("the ConfigMap's launcher script differs from launcher.sh")
    return problems


def first_env(node):
    """The first container env list in node, depth first; None without one."""
    if isinstance(node, dict):
        if isinstance(node.get("env"), list) and node["env"]:
            return node["env"]
        node = list(node.values())
    for item in node if isinstance(node, list) else []:
        found = first_env(item)
        if found:
            return found
    return None


def tamper(path, kind):
    """A stray quote at the end of the first env value of each `kind` object in the file."""
    with open(path, newline="") as f:
        text = f.read()
    header, objects = text[:text.index("---")], list(yaml.safe_load_all(text))
    for obj in objects:
        if obj and obj.get("kind") == kind:
            first_env(obj)[0]["value"] += "'"
    with open(path, "w") as f:
        f.write(header + yaml.safe_dump_all(objects, explicit_start=True, allow_unicode=True, width=1 << 30))


def check_case(out_dir, target, name, doc, command, baseline, workdir, lint):
    job = os.path.join(out_dir, name)
    with open(os.path.join(job, "launcher.sh"), newline="") as f:
        launcher = f.read()
    with open(os.path.join(job, "mpijob.yaml"), newline="") as f:
        objects = list(yaml.safe_load_all(f))
    problems = check_objects(objects, target, doc, launcher)

    argv = stub_argv(os.path.join(job, "launcher.sh"), workdir)
    if argv[-len(command):] != command:
        problems.append("mpirun received %r, not ...%r" % (argv, command))
    discovery = doc["spec"].get("discovery_script_path")
    flag = "--host-discovery-script"
    if discovery and "launcher" not in doc["spec"] and (
            flag not in argv or argv[argv.index(flag) + 1] != discovery):
        problems.append("horovodrun received %r, not %s %r" % (argv, flag, discovery))
    if lint:
        problems.append("shellcheck: " + lint)

    with open(os.path.join(job, "Dockerfile"), newline="") as f:
        instructions = dockerfile_instructions(f.read())
    if [k for k, _ in instructions] != baseline:
        problems.append("Dockerfile instructions %r, expected %r" % ([k for k, _ in instructions], baseline))
    # build.pip's line; a HorovodJob's framework has a line of its own before it.
    pip = [line for k, line in instructions if line.startswith("RUN pip install --no-cache-dir ")
           and line != "RUN pip install --no-cache-dir 'torch==2.0.1'"]
    if len(pip) != 1:
        problems.append("expected one pip line, got %r" % pip)
    else:
        words = pip[0][len("RUN pip install --no-cache-dir "):]
        read = subprocess.run(["/bin/bash", "-c", "printf '%s\\0' " + words], capture_output=True)
        if read.stdout.decode().split("\0")[:-1] != doc["spec"]["build"]["pip"]:
            problems.append("bash reads the pip line as %r" % read.stdout)
    return problems


def write_specs(docs, workdir):
    paths = {}
    for name, doc in docs:
        paths[name] = os.path.join(workdir, name + ".yaml")
        with open(paths[name], "w") as f:
            # JSON is YAML, but YAML 1.1 (libyaml, and kubectl's parser) only
            # takes DEL escaped.
            f.write(json.dumps(doc, ensure_ascii=False).replace("\x7f", "\\u007f"))
    return paths


def build(mpijobc, files, out_dir, target):
    r = subprocess.run([mpijobc, "build", "-q", "--target", target, "-o", out_dir] + files,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("mpijobc build --target %s failed:\n%s" % (target, r.stderr))


def shellcheck(launchers):
    """Findings per launcher path, one call for all; {} without shellcheck."""
    if not shutil.which("shellcheck"):
        print("shellcheck not found: launchers not linted")
        return {}
    r = subprocess.run(["shellcheck", "-f", "gcc"] + launchers, capture_output=True, text=True)
    found = {}
    for line in r.stdout.splitlines():
        path = line.split(":", 1)[0]
        found[path] = found.get(path, "") + line[len(path):] + " "
    return found


def main():
    mpijobc, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    tampered = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--tamper" else None
    rng = random.Random(seed)
    checked = failures = 0
    with tempfile.TemporaryDirectory() as workdir:
        # The Dockerfile's instructions depend on the target, the kind and the MPI only.
        bases = {(k, m): ("base-%s-%s" % (k, m)).lower() for k in KINDS for m in MPIS}
        base_files = write_specs([(name, spec(name, rng, True, k, m)[0]) for (k, m), name in bases.items()],
                                 workdir)
        cases = [("inj%d" % i,) + spec("inj%d" % i, rng) for i in range(count)]
        files = write_specs([(name, doc) for name, doc, _ in cases], workdir)
        for t, target in enumerate(TARGETS):
            base_dir, out_dir = os.path.join(workdir, "base%d" % t), os.path.join(workdir, "out%d" % t)
            build(mpijobc, [base_files[name] for (_, m), name in bases.items() if expressible(target, m)],
                  base_dir, target)
            mine = [c for c in cases if expressible(target, c[1]["spec"]["mpi_implementation"])]
            build(mpijobc, [files[name] for name, _, _ in mine], out_dir, target)
            if tampered in PLACES[target]:
                for name, _, _ in mine:
                    tamper(os.path.join(out_dir, name, "mpijob.yaml"), tampered)
            lint = shellcheck([os.path.join(out_dir, name, "launcher.sh") for name, _, _ in mine])
            for name, doc, command in mine:
                with open(os.path.join(base_dir, bases[(doc["kind"], doc["spec"]["mpi_implementation"])],
                                       "Dockerfile")) as f:
                    baseline = [k for k, _ in dockerfile_instructions(f.read())]
                problems = check_case(out_dir, target, name, doc, command, baseline, workdir,
                                      lint.get(os.path.join(out_dir, name, "launcher.sh")))
                checked += 1
                if problems:
                    failures += 1
                    print("FAIL %s, %s (seed %d): %s\n  spec: %s" % (
                        name, target, seed, "; ".join(problems), json.dumps(doc, ensure_ascii=False)))
    print("%d passed, %d failed" % (checked - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
