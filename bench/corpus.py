"""Generates the benchmark's corpora (deterministic: the same files every run).

specs(dir, n):      n job spec files, each one job, varied like real specs
                    (both kinds, resources, env, run policy, build inputs).
manifests(dir, n):  n hand-written kubeflow.org/v2beta1 MPIJob manifests in
                    the shape of the mpi-operator's examples.
"""
import os

KINDS = ("MPIJob", "HorovodJob")


def spec(i):
    kind = KINDS[i % 2]
    gpu = f"\n    limits: {{gpu: {1 + i % 4}}}" if i % 3 == 0 else ""  # one per slot
    horovod = "\n  elastic_timeout: 600\n  log_level: INFO" if kind == "HorovodJob" else ""
    return f"""apiVersion: mpijobc/v1
kind: {kind}
metadata:
  name: job-{i:05d}
  namespace: team-{i % 7}
  labels: {{team: t{i % 7}, app.kubernetes.io/part-of: bench}}
spec:
  image: ghcr.io/acme/train:{i % 13}.0
  command: [python, train.py, --epochs, "{i % 50}", --lr, "0.0{i % 9 + 1}"]
  slots: {1 + i % 4}
  launcher:
    requests: {{cpu: 500m, mem: 1Gi}}
  worker:
    replicas: {1 + i % 8}
    requests: {{cpu: "{1 + i % 4}", mem: {4 + i % 8}Gi}}{gpu}
  run_policy: {{clean_pod_policy: RUNNING, ttl_seconds_after_finished: 3600, backoff_limit: 3}}
  env: {{NCCL_DEBUG: INFO, RUN_ID: "r{i}"}}{horovod}
  build:
    framework: {{name: pytorch, version: "2.0.1"}}
    pip: [torchvision==0.16.2]
    copy:
      - {{src: train.py, dest: /workspace/train.py}}
"""


def manifest(i):
    return f"""apiVersion: kubeflow.org/v2beta1
kind: MPIJob
metadata:
  name: pi-{i:05d}
  namespace: team-{i % 7}
spec:
  slotsPerWorker: {1 + i % 4}
  runPolicy:
    cleanPodPolicy: Running
    ttlSecondsAfterFinished: 60
    backoffLimit: 3
  sshAuthMountPath: /home/mpiuser/.ssh
  mpiImplementation: OpenMPI
  mpiReplicaSpecs:
    Launcher:
      replicas: 1
      template:
        spec:
          containers:
          - image: mpioperator/mpi-pi:openmpi
            name: mpi-launcher
            securityContext:
              runAsUser: 1000
            command:
            - mpirun
            args:
            - -n
            - "{2 * (1 + i % 4)}"
            - /home/mpiuser/pi
            resources:
              limits:
                cpu: 1
                memory: 1Gi
    Worker:
      replicas: 2
      template:
        spec:
          containers:
          - image: mpioperator/mpi-pi:openmpi
            name: mpi-worker
            securityContext:
              runAsUser: 1000
            command:
            - /usr/sbin/sshd
            args:
            - -De
            - -f
            - /home/mpiuser/.sshd_config
            resources:
              limits:
                cpu: {1 + i % 4}
                memory: 1Gi
"""


def write(directory, n, make, name):
    os.makedirs(directory, exist_ok=True)
    paths = []
    for i in range(n):
        path = os.path.join(directory, name.format(i))
        with open(path, "w") as f:
            f.write(make(i))
        paths.append(path)
    return paths


def specs(directory, n):
    return write(directory, n, spec, "job-{:05d}.yaml")


def manifests(directory, n):
    return write(directory, n, manifest, "mpijob-{:05d}.yaml")
