// The pipeline for one spec file: read (YAML or DSL) -> schema -> model -> lower ->
// defaults -> checks -> render -> operator rules. Files compile on several
// threads and are accepted in input order (support/parallel.h), so the
// result does not depend on the threads. Nothing is written here: compiled
// jobs are kept in memory, or handed to a sink as each is accepted (so a
// large build can stage its files without holding them all), and the caller
// writes them all or none.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
  // How the generated files' headers name a spec file, from its path as
  // given (build: output/source_name.h); called once per file, on worker
  // threads. Empty: the path as given.
  std::function<std::string(const std::string&)> source_name;
  // --strict-templates: a name a template uses and the data does not have
  // is an error, not a warning.
  bool strict_templates = false;
};

// What compiling one file gave: its findings, in document order, and its jobs.
struct FileResult {
  DiagnosticEngine diags;
  std::vector<CompiledJob> jobs;
  size_t skipped = 0;     // documents of other kinds (specs_only)
  bool no_specs = false;  // specs_only, and the text has no mpijobc/v1: not parsed at all
};

// A file for compile_sources.
struct SourceTask {
  uint32_t file = 0;       // registered in the SourceManager
  bool read = false;       // its text is still to be read from its path
  bool specs_only = false; // documents whose apiVersion is not mpijobc/v1 are skipped, not reported
};

class Compiler {
 public:
  Compiler(SourceManager& sources, DiagnosticEngine& diags, CompileOptions options)
      : sources_(sources), diags_(diags),
        templates_(sources, options.templates_dir, options.strict_templates),
        target_(std::move(options.target)), on_job_(std::move(options.on_job)),
        source_name_(std::move(options.source_name)) {}

  // Compiles every job document of the file at `path` (YAML, or the DSL
  // for *.mpijob: frontend/documents.h).
  void compile_file(const std::string& path);
  // Compiles every job document of a registered file; returns how many
  // documents were skipped (specs_only).
  size_t compile_source(uint32_t file, bool specs_only = false);
  // compile_source of `text`, registered as coming from `path`.
  size_t compile_text(const std::string& path, std::string text, bool specs_only = false);

  // Compiles the tasks' files on `threads` threads. Each file's result is
  // accepted in the order of `tasks`, so the findings, the job-name checks
  // and the outputs are exactly those of compiling the files one after
  // another. `on_file` sees each result just before it is accepted.
  void compile_sources(const std::vector<SourceTask>& tasks, unsigned threads,
                       const std::function<void(const SourceTask&, const FileResult&)>& on_file = {});

  // The pipeline, safe on several threads at once: one file, and one spec
  // document (its findings and job go to `into`; the generated files name
  // it as coming from `source`).
  FileResult compile(const SourceTask& task) const;
  void compile_document(const Node& doc, const std::string& source, FileResult& into) const;

  // On one thread, in order: reports a result's findings, rejects a job
  // whose name an earlier job has, and hands the others on.
  void accept(FileResult&& result);

  const std::vector<CompiledJob>& jobs() const { return jobs_; }
  // Jobs accepted so far, those given to on_job included.
  size_t job_count() const { return names_.size(); }

 private:
  SourceManager& sources_;
  DiagnosticEngine& diags_;
  Templates templates_;
  std::string target_;
  std::function<void(CompiledJob&&)> on_job_;
  std::function<std::string(const std::string&)> source_name_;
  std::vector<CompiledJob> jobs_;
  struct NameSeen {
    SourceLoc loc;
    std::optional<std::string> namespace_;
  };
  std::unordered_map<std::string, NameSeen> names_;  // each job's name: where, in which namespace
  std::unordered_set<std::string> reported_;  // located findings reported: where, path, rule, message
};

}  // namespace mpijobc
