// Any bytes as a hand-written MPIJob manifest: the YAML reader, the
// validation rules of every operator dialect, the lowering of the legacy
// ones (frontend/import_legacy.h, each tree made a v1alpha1 and a v1alpha2
// MPIJob) and the importer (with its launcher-command splitter) must neither
// crash nor trip a sanitizer, and the YAML writer must round-trip whatever
// tree was read.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "frontend/import_legacy.h"
#include "frontend/import_mpijob.h"
#include "frontend/launcher_command.h"
#include "support/yaml_reader.h"
#include "support/yaml_writer.h"
#include "validate/manifest_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mpijobc::SourceManager sources;
  mpijobc::DiagnosticEngine diags;
  uint32_t file = sources.add("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  for (const mpijobc::Node& doc : mpijobc::read_yaml(sources, file, diags)) {
    for (const char* api : {"kubeflow.org/v2beta1", "kubeflow.org/v1", "batch.test.bdap.com/v1",
                            "kubeflow.org/v1alpha1", "kubeflow.org/v1alpha2"})
      mpijobc::manifest_check(api)(doc, diags);  // every dialect's rules on any tree
    if (mpijobc::is_mpijob(doc)) {
      std::optional<mpijobc::Node> spec = mpijobc::import_mpijob(doc, diags);
      const mpijobc::Node* launcher = spec ? spec->get("spec")->get("launcher") : nullptr;
      const mpijobc::Node* command = launcher ? launcher->get("command") : nullptr;
      if (command) {
        std::vector<std::string> words;
        for (const mpijobc::Node& w : command->items) words.push_back(w.text);
        mpijobc::launcher_program(words);
      }
    }
    for (const char* api : {"kubeflow.org/v1alpha1", "kubeflow.org/v1alpha2"}) {
      mpijobc::Node legacy = mpijobc::Node::map(doc.loc);
      legacy.add("apiVersion", mpijobc::Node::string(api, doc.loc));
      legacy.add("kind", mpijobc::Node::string("MPIJob", doc.loc));
      for (const mpijobc::Member& m : doc.members)
        if (m.key != "apiVersion" && m.key != "kind") legacy.add(m.key, m.key_loc, m.value);
      mpijobc::lower_legacy_mpijob(legacy, diags);
    }
    // What the writer emits, in either spelling, must read back as the same text.
    for (auto spelling : {mpijobc::Spelling::Canonical, mpijobc::Spelling::AsWritten}) {
      std::string once = mpijobc::to_yaml(doc, spelling);
      mpijobc::DiagnosticEngine again;
      uint32_t copy = sources.add("copy.yaml", once);
      std::vector<mpijobc::Node> back = mpijobc::read_yaml(sources, copy, again);
      if (again.has_errors() || back.size() != 1 || mpijobc::to_yaml(back[0], spelling) != once)
        std::abort();
    }
  }
  std::ostringstream sink;
  mpijobc::print_text(sink, sources, diags.all());
  return 0;
}
