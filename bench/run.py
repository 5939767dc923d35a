#!/usr/bin/python3
"""mpijobc's benchmark against its peers (scripts/bench.sh runs it).

Generates the corpora (bench/corpus.py), then measures, side by side:
  - `mpijobc build` of one spec, a cold process each time (median of 30 runs),
    and of one wrong spec (the error path a pre-commit hook takes);
  - `mpijobc build` throughput on 100 and 10,000 specs (writes included);
  - the same 2,000 specs built from YAML and from the DSL (each file turned
    into a .mpijob by `mpijobc convert`), runs interleaved (median of 5);
  - validating 10,000 MPIJob manifests against the upstream v2beta1 CRD schema:
    `mpijobc validate` (the built-in CRD schema plus the operator's rules; and
    with `--crd`, the schema read from the CRD file), one cold process too,
    python3-jsonschema + PyYAML (tests/tools/crd_check.py: the same strict
    schema) and ajv-cli (the same strict schema as JSON);
  - peak RSS of the large runs.
and prints a table with the ratios and the issue's targets. Numbers vary with
the machine and its load; the table says where it ran.

usage: bench/run.py MPIJOBC CRD [AJV]
"""
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "tests", "tools"))
import corpus  # noqa: E402
import crd_check  # noqa: E402
import yaml  # noqa: E402


def timed(argv, cwd, expect=0):
    """Wall seconds and peak RSS (MiB) of one run, in a fresh process that
    must exit `expect`."""
    probe = ("import resource,subprocess,sys,time\n"
             "t=time.perf_counter();r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL)\n"
             "w=time.perf_counter()-t\n"
             "print(r.returncode,w,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *argv], cwd=cwd,
                         capture_output=True, text=True, check=True).stdout.split()
    code, wall, rss_kib = int(out[0]), float(out[1]), int(out[2])
    if code != expect:
        raise SystemExit(f"bench: {' '.join(argv[:3])}... exited {code}")
    return wall, rss_kib / 1024


def dsl_vs_yaml(mpijobc, work, n, runs=5):
    """Median wall seconds of building n specs from YAML and from the same
    specs in the DSL; the two builds alternate, so that a change in the
    machine's load weighs on both alike."""
    yaml_dir, dsl_dir = os.path.join(work, f"yaml{n}"), os.path.join(work, f"dsl{n}")
    os.makedirs(dsl_dir)
    for path in corpus.specs(yaml_dir, n):
        name = os.path.splitext(os.path.basename(path))[0] + ".mpijob"
        with open(os.path.join(dsl_dir, name), "w") as f:
            subprocess.run([mpijobc, "convert", path, "--to", "dsl"], stdout=f, check=True)
    yaml_walls, dsl_walls = [], []
    for _ in range(runs):
        yaml_walls.append(timed([mpijobc, "build", "-q", yaml_dir, "-o", "out-yaml"], work)[0])
        dsl_walls.append(timed([mpijobc, "build", "-q", dsl_dir, "-o", "out-dsl"], work)[0])
    return statistics.median(yaml_walls), statistics.median(dsl_walls)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    mpijobc, crd = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    ajv = os.path.abspath(argv[3]) if len(argv) > 3 else None
    work = tempfile.mkdtemp(prefix="mpijobc-bench-")
    corpus.specs(os.path.join(work, "one"), 1)
    corpus.specs(os.path.join(work, "s100"), 100)
    corpus.specs(os.path.join(work, "s10k"), 10_000)
    manifests = corpus.manifests(os.path.join(work, "m10k"), 10_000)
    names = [os.path.relpath(m, work) for m in manifests]
    with open(crd) as f:
        doc = yaml.safe_load(f)
    schema = next(v for v in doc["spec"]["versions"] if v["name"] == "v2beta1")
    with open(os.path.join(work, "schema.json"), "w") as f:
        json.dump(crd_check.strict(schema["schema"]["openAPIV3Schema"]), f)

    rows = []
    one = [timed([mpijobc, "build", "-q", "one", "-o", "out-one"], work)[0] for _ in range(30)]
    one_ms = statistics.median(one) * 1000
    rows.append(("build 1 spec, cold process (median of 30)", f"{one_ms:.1f} ms", "≤ 5 ms",
                 one_ms <= 5))
    # What a pre-commit hook sees when a spec is wrong: the error path.
    with open(os.path.join(work, "bad.yaml"), "w") as f:
        f.write("apiVersion: mpijobc/v1\nkind: MPIJob\nkind: MPIJob\n")
    bad = [timed([mpijobc, "build", "-q", "bad.yaml", "-o", "out-bad"], work, expect=1)[0]
           for _ in range(30)]
    rows.append(("build 1 wrong spec (an error), cold process", f"{statistics.median(bad) * 1000:.1f} ms",
                 "", None))
    # The throughput target is for the large corpus: 100 specs take
    # about 25 ms, a fifth of which is the start-up the first row measures.
    wall, _ = timed([mpijobc, "build", "-q", "s100", "-o", "out-s100"], work)
    rows.append(("build 100 specs (start-up included)", f"{100 / wall:,.0f} specs/s ({wall:.3f} s)",
                 "", None))
    wall, rss = timed([mpijobc, "build", "-q", "s10k", "-o", "out-s10k"], work)
    rows.append(("build 10,000 specs", f"{10_000 / wall:,.0f} specs/s ({wall:.2f} s)",
                 "≥ 5,000 specs/s", 10_000 / wall >= 5000))
    rows.append(("  peak RSS", f"{rss:.0f} MB", "≤ 64 MB", rss <= 64))
    yaml_wall, dsl_wall = dsl_vs_yaml(mpijobc, work, 2_000)
    rows.append(("build 2,000 specs from YAML (median of 5)", f"{2_000 / yaml_wall:,.0f} specs/s ({yaml_wall:.2f} s)",
                 "", None))
    rows.append(("build the same 2,000 specs from the DSL", f"{2_000 / dsl_wall:,.0f} specs/s ({dsl_wall:.2f} s)",
                 "", None))
    rows.append(("  DSL vs YAML", f"{dsl_wall / yaml_wall:.2f}× the time", "≤ 1.5×",
                 dsl_wall / yaml_wall <= 1.5))

    one_mpijob = [timed([mpijobc, "validate", names[0]], work)[0] for _ in range(30)]
    rows.append(("validate 1 MPIJob, cold process (median of 30)",
                 f"{statistics.median(one_mpijob) * 1000:.1f} ms", "", None))
    ours, rss = timed([mpijobc, "validate", *names], work)
    from_file, _ = timed([mpijobc, "validate", "--crd", crd, *names], work)
    python, _ = timed([sys.executable, os.path.join(HERE, "..", "tests", "tools", "crd_check.py"),
                       crd, *names], work)
    rows.append(("validate 10,000 MPIJobs (built-in CRD schema + rules)", f"{10_000 / ours:,.0f} /s ({ours:.2f} s)",
                 "≥ 15,000 /s", 10_000 / ours >= 15_000))
    rows.append(("validate --crd FILE, 10,000 MPIJobs", f"{10_000 / from_file:,.0f} /s ({from_file:.2f} s)",
                 "", None))
    rows.append(("  peak RSS", f"{rss:.0f} MB", "", None))
    rows.append(("python3-jsonschema + PyYAML, CRD schema", f"{10_000 / python:,.0f} /s ({python:.2f} s)",
                 "", None))
    rows.append(("  mpijobc vs python3-jsonschema", f"{python / ours:.1f}× faster", "≥ 20×",
                 python / ours >= 20))
    if ajv:
        ajv_wall, _ = timed([ajv, "validate", "--strict=false", "--validate-formats=false",
                             "-s", "schema.json", "-d", "m10k/*.yaml"], work)
        rows.append(("ajv-cli, CRD schema", f"{10_000 / ajv_wall:,.0f} /s ({ajv_wall:.2f} s)", "", None))
        rows.append(("  mpijobc vs ajv-cli", f"{ajv_wall / ours:.2f}× (>1: faster)", "≥ 1×",
                     ajv_wall / ours >= 1))

    print(f"mpijobc benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, {platform.platform()}")
    print(f"{'measure':<48} {'result':<28} {'target':<16} met")
    for what, result, target, met in rows:
        mark = "" if met is None else ("yes" if met else "NO")
        print(f"{what:<48} {result:<28} {target:<16} {mark}")
    subprocess.run(["rm", "-rf", work], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
