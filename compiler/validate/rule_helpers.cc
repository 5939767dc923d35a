#include "validate/rule_helpers.h"

namespace mpijobc {

Node without_null_fields(const Node& n) {
  Node out = n;
  out.items.clear();
  out.members.clear();
  for (const Node& item : n.items) out.items.push_back(without_null_fields(item));
  for (const Member& m : n.members)
    if (!m.value.is_null()) out.members.push_back({m.key, m.key_loc, without_null_fields(m.value)});
  return out;
}

void RuleReporter::report(Severity severity, const Node& n, const std::string& manifest_path,
                          std::string message, const std::string& rule, std::string hint) {
  const std::string& path = n.origin.empty() ? manifest_path : n.origin;
  if (!n.origin.empty() && n.origin != manifest_path) message += " (" + manifest_path + ")";
  diags_.report({severity, n.loc, path, std::move(message), std::move(hint), rule});
}

void RuleReporter::error(const Node& n, const std::string& manifest_path, std::string message,
                         const std::string& rule, std::string hint) {
  report(Severity::Error, n, manifest_path, std::move(message), rule, std::move(hint));
}

void RuleReporter::warning(const Node& n, const std::string& manifest_path, std::string message,
                           const std::string& rule, std::string hint) {
  report(Severity::Warning, n, manifest_path, std::move(message), rule, std::move(hint));
}

void RuleReporter::pod_template(const Node* tmpl, const Node& parent, const std::string& path,
                                const std::string& prefix) {
  const Node* pod = tmpl ? tmpl->get("spec") : nullptr;
  const Node* containers = pod ? pod->get("containers") : nullptr;
  if (!containers || !containers->is_seq() || containers->items.empty()) {
    error(pod ? *pod : tmpl ? *tmpl : parent, path + ".spec.containers",
          "must define at least one container", prefix + "/containers-required");
    return;
  }
  for (size_t i = 0; i < containers->items.size(); ++i) {
    const Node& c = containers->items[i];
    const Node* image = c.get("image");
    if (!image || !image->is_string() || image->text.empty())
      error(image ? *image : c, path + ".spec.containers[" + std::to_string(i) + "].image",
            "the container has no image", prefix + "/container-image",
            "every container needs an image; the pod cannot start without one");
  }
}

void RuleReporter::one_of(const Node* n, const std::string& path,
                          std::initializer_list<const char*> allowed, const std::string& rule) {
  if (!n || !n->is_string()) return;
  std::string list;
  for (const char* a : allowed) {
    if (n->text == a) return;
    list += std::string(list.empty() ? "" : ", ") + "\"" + a + "\"";
  }
  error(*n, path, "unsupported value \"" + n->text + "\": supported values: " + list, rule);
}

void RuleReporter::at_least(const Node* n, const std::string& path, int64_t min,
                            const std::string& rule, const std::string& prefix, std::string hint) {
  if (!n) return;
  if (n->kind != Node::Kind::Int) {
    error(*n, path, "must be an integer, got '" + n->text + "'", prefix + "/type");
    return;
  }
  auto v = n->as_int();
  if (v && *v < min)
    error(*n, path, "must be greater than or equal to " + std::to_string(min) + ", got " + n->text,
          rule, std::move(hint));
}

void RuleReporter::run_policy(const Node* run, const std::string& path, const std::string& prefix) {
  if (!run) return;
  one_of(run->get("cleanPodPolicy"), path + ".cleanPodPolicy", {"All", "None", "Running"},
         prefix + "/clean-pod-policy");
  for (const char* field : {"ttlSecondsAfterFinished", "activeDeadlineSeconds", "backoffLimit"})
    at_least(run->get(field), path + "." + field, 0, prefix + "/run-policy-range", prefix);
}

void RuleReporter::keys_among(const Node& map, const std::string& path,
                              std::initializer_list<const char*> allowed, const std::string& rule) {
  std::string both, either;
  for (const char* a : allowed) {
    both += std::string(both.empty() ? "" : " and ") + a;
    either += std::string(either.empty() ? "" : " or ") + a;
  }
  for (const Member& m : map.members) {
    bool known = false;
    for (const char* a : allowed) known = known || m.key == a;
    if (!known)
      diags_.error(m.key_loc, path + "." + m.key,
                   "unknown replica type '" + m.key + "': the operator knows " + both,
                   "rename it to " + either, rule);
  }
}

}  // namespace mpijobc
