// Rules for Kubeflow Trainer v2.3 objects (trainer.kubeflow.org/v1alpha1;
// reference: trainer-v2.md): the CEL rules of its CRDs, its admission
// webhooks, and what fails only later, when the controller creates the
// JobSet (pod-name length, MPI jobs missing). Rule ids trainjob/... and
// trainingruntime/...; `build` runs them on what it generates, `validate`
// on hand-written objects.
#pragma once

#include <string_view>
#include <vector>

#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

// The env names Trainer's MPI plugin sets on the launcher; its webhook
// rejects a TrainJob whose trainer.env has one.
bool trainer_reserved_env(std::string_view name);

void check_trainjob(const Node& trainjob, DiagnosticEngine& diags);
// TrainingRuntime and ClusterTrainingRuntime alike.
void check_training_runtime(const Node& runtime, DiagnosticEngine& diags);

// Over every object of one file (or one build): each TrainJob whose runtime
// is among them is checked against it — the replicated jobs and containers
// its runtimePatches name must exist (trainjob/patch-target), and every pod
// name the JobSet will make must fit (trainjob/pod-name).
void check_trainjob_runtimes(const std::vector<Node>& objects, DiagnosticEngine& diags);

}  // namespace mpijobc
