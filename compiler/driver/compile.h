// The pipeline for one spec file: read (YAML or DSL) -> schema -> model -> lower ->
// defaults -> checks -> render -> operator rules. Nothing is written here:
// compiled jobs are kept in memory, or handed to a sink as each is done (so
// a large build can stage its files without holding them all), and the
// caller writes them all or none.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/job_spec.h"
#include "render/templates.h"
#include "support/diagnostics.h"
#include "support/node.h"

namespace mpijobc {

struct OutputFile {
  std::string path;  // relative to the output directory: "<job>/mpijob.yaml"
  std::string content;
  bool executable = false;
};

struct CompiledJob {
  JobSpec spec;  // the lowered, defaulted model the files were rendered from
  std::string name;
  SourceLoc name_loc;
  std::vector<OutputFile> files;
  std::string manifests;  // the Kubernetes objects as one YAML stream
};

struct CompileOptions {
  std::string templates_dir;  // --templates; empty: built-in templates
  std::string target;         // --target: overrides spec.target; empty: the spec's
  // When set, each compiled job goes here instead of into jobs().
  std::function<void(CompiledJob&&)> on_job;
};

class Compiler {
 public:
  Compiler(SourceManager& sources, DiagnosticEngine& diags, CompileOptions options)
      : sources_(sources), diags_(diags), templates_(options.templates_dir),
        target_(std::move(options.target)), on_job_(std::move(options.on_job)) {}

  // Compiles every job document of the file at `path` (YAML, or the DSL
  // for *.mpijob: frontend/documents.h).
  void compile_file(const std::string& path);
  // Compiles every job document of a registered file. With `specs_only`,
  // documents whose apiVersion is not mpijobc/v1 are skipped instead of
  // reported; returns how many were skipped.
  size_t compile_source(uint32_t file, bool specs_only = false);
  // compile_source of `text`, registered as coming from `path`.
  size_t compile_text(const std::string& path, std::string text, bool specs_only = false);

  // Compiles one spec document read from `path`.
  void compile_document(const Node& doc, const std::string& path);

  const std::vector<CompiledJob>& jobs() const { return jobs_; }
  // Jobs compiled so far, those given to on_job included.
  size_t job_count() const { return name_locs_.size(); }

 private:

  SourceManager& sources_;
  DiagnosticEngine& diags_;
  Templates templates_;
  std::string target_;
  std::function<void(CompiledJob&&)> on_job_;
  std::vector<CompiledJob> jobs_;
  std::unordered_map<std::string, SourceLoc> name_locs_;  // where each job's name is
};

}  // namespace mpijobc
