// What kustomize reads in a job directory: kustomization.yaml, listing
// mpijob.yaml and kustomizeconfig.yaml, a transformer configuration that
// teaches kustomize the names an MPIJob's pod templates refer to. kustomize
// knows them for Deployments and Jobs, not for a custom resource, so without
// it an overlay's namePrefix, nameSuffix or generator hash renamed the
// launcher's ConfigMap and left the MPIJob mounting the old name.
#pragma once

#include "render/target.h"
#include "support/node.h"

namespace mpijobc {

inline constexpr const char* kKustomizeConfigFile = "kustomizeconfig.yaml";

// The Kustomization of a job directory.
Node kustomization();

// nameReference entries for the MPIJob of `target`: in each of its pod
// templates, every field kustomize updates in a Deployment's — ConfigMaps
// (the launcher script's among them) and Secrets in volumes, projected
// volumes, env and envFrom of containers and init containers, image pull
// secrets, the ServiceAccount, PersistentVolumeClaims and the PriorityClass.
Node kustomize_config(const Target& target);

}  // namespace mpijobc
