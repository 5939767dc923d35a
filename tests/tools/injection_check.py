#!/usr/bin/python3
"""Pushes random hostile strings through every user field that reaches an output, then checks
each output with an independent oracle:

- mpijob.yaml, re-read with PyYAML (YAML 1.1, as kubectl's go-yaml): the annotation, every env
  value and the launcher script in the ConfigMap are exactly what was written;
- launcher.sh, run by /bin/sh with stub mpirun and horovodrun first on PATH: the stub receives
  exactly the spec's command, item for item (custom launcher commands too), and horovodrun the
  discovery script path as written; and shellcheck, at its default severity (style included),
  finds nothing in it (MPIJob and HorovodJob, every MPI implementation);
- Dockerfile: the same instructions, in the same order, as for a spec with harmless strings (no
  string can start or continue an instruction), and bash reads the pip line back as exactly the
  spec's pip requirements.

usage: injection_check.py MPIJOBC SEED COUNT    (exit 0: every case holds; else the failing cases)
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


def check_case(out_dir, name, doc, command, baseline, workdir, lint):
    problems = []
    job = os.path.join(out_dir, name)
    with open(os.path.join(job, "launcher.sh"), newline="") as f:
        launcher = f.read()
    with open(os.path.join(job, "mpijob.yaml"), newline="") as f:
        objects = list(yaml.safe_load_all(f))
    mpijob = next(o for o in objects if o["kind"] == "MPIJob")
    configmap = next(o for o in objects if o["kind"] == "ConfigMap")
    if mpijob["metadata"]["annotations"] != doc["metadata"]["annotations"]:
        problems.append("annotation changed: %r" % mpijob["metadata"]["annotations"])
    if list(configmap["data"].values()) != [launcher]:
        problems.append("the ConfigMap's launcher script differs from launcher.sh")
    for role, replica in mpijob["spec"]["mpiReplicaSpecs"].items():
        env = {e["name"]: e["value"] for e in replica["template"]["spec"]["containers"][0]["env"]
               if e["name"] in ("V1", "V2")}
        if env != doc["spec"]["env"]:
            problems.append("%s env changed: %r" % (role, env))

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


def build(mpijobc, docs, out_dir, workdir):
    files = []
    for name, doc in docs:
        path = os.path.join(workdir, name + ".yaml")
        with open(path, "w") as f:
            # JSON is YAML, but YAML 1.1 (libyaml, and kubectl's parser) only
            # takes DEL escaped.
            f.write(json.dumps(doc, ensure_ascii=False).replace("\x7f", "\\u007f"))
        files.append(path)
    r = subprocess.run([mpijobc, "build", "-q", "-o", out_dir] + files, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("mpijobc build failed:\n" + r.stderr)


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
    rng = random.Random(seed)
    failures = 0
    with tempfile.TemporaryDirectory() as workdir:
        # The Dockerfile's instructions depend on the kind and the MPI only.
        bases = {(k, m): ("base-%s-%s" % (k, m)).lower() for k in KINDS for m in MPIS}
        build(mpijobc, [(name, spec(name, rng, True, k, m)[0]) for (k, m), name in bases.items()],
              os.path.join(workdir, "base"), workdir)
        baselines = {}
        for key, name in bases.items():
            with open(os.path.join(workdir, "base", name, "Dockerfile")) as f:
                baselines[key] = [k for k, _ in dockerfile_instructions(f.read())]
        cases = [("inj%d" % i,) + spec("inj%d" % i, rng) for i in range(count)]
        out_dir = os.path.join(workdir, "out")
        build(mpijobc, [(name, doc) for name, doc, _ in cases], out_dir, workdir)
        lint = shellcheck([os.path.join(out_dir, name, "launcher.sh") for name, _, _ in cases])
        for name, doc, command in cases:
            baseline = baselines[(doc["kind"], doc["spec"]["mpi_implementation"])]
            problems = check_case(out_dir, name, doc, command, baseline, workdir,
                                  lint.get(os.path.join(out_dir, name, "launcher.sh")))
            if problems:
                failures += 1
                print("FAIL %s (seed %d): %s\n  spec: %s" % (name, seed, "; ".join(problems),
                                                           json.dumps(doc, ensure_ascii=False)))
    print("%d passed, %d failed" % (count - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
