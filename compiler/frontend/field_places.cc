#include "frontend/field_places.h"

#include <algorithm>
#include <cctype>

namespace mpijobc {
namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  for (size_t b = 0; b < path.size();) {
    size_t e = path.find('.', b);
    if (e == std::string::npos) e = path.size();
    parts.push_back(path.substr(b, e - b));
    b = e + 1;
  }
  return parts;
}

using Parts = std::vector<std::string>;

std::string join(Parts::const_iterator b, Parts::const_iterator e) {
  std::string out;
  for (auto i = b; i != e; ++i) out += (out.empty() ? "" : ".") + *i;
  return out;
}

// What `key` is called in a spec when it is spelt as Kubernetes spells it:
// camelCase as snake_case, and the resource names.
std::string spec_spelling(const std::string& key) {
  if (key == "memory") return "mem";
  if (key == "nvidia.com/gpu") return "gpu";
  if (key == "slotsPerWorker") return "slots";
  std::string out;
  for (char c : key) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c == '-' ? '_' : c;
    }
  }
  return out;
}

}  // namespace

void FieldPlaces::add(const nlohmann::json& part, const std::string& definition,
                      const std::string& prefix) {
  std::vector<std::string> path = split(prefix);
  const nlohmann::json& definitions = part.at("definitions");
  walk(definitions, definitions.at(definition), path);
}

// Objects' properties, through $ref and allOf/anyOf/oneOf; not into lists.
void FieldPlaces::walk(const nlohmann::json& definitions, const nlohmann::json& node,
                       std::vector<std::string>& path) {
  if (!node.is_object() || path.size() > 8) return;
  if (auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
    std::string name = ref->get<std::string>().substr(ref->get<std::string>().rfind('/') + 1);
    if (auto d = definitions.find(name); d != definitions.end()) walk(definitions, *d, path);
  }
  for (const char* combinator : {"allOf", "anyOf", "oneOf"})
    if (auto list = node.find(combinator); list != node.end() && list->is_array())
      for (const nlohmann::json& sub : *list) walk(definitions, sub, path);
  auto properties = node.find("properties");
  if (properties != node.end() && properties->is_object()) {
    for (const auto& [name, sub] : properties->items()) {
      path.push_back(name);
      if (std::find(paths_.begin(), paths_.end(), path) == paths_.end()) paths_.push_back(path);
      walk(definitions, sub, path);
      path.pop_back();
    }
  }
}

std::string FieldPlaces::hint(const std::string& key, const std::string& path) const {
  const std::vector<std::string> here = split(path);
  const std::string ours = spec_spelling(key);
  // The nearest places in the tree (steps up from `path` and down to the
  // field's object: a worker's 'gpu' is its requests.gpu, not build.gpu),
  // and shallower places one step further (a spec's 'name' is the job's
  // metadata.name as much as the runtime_ref.name below it).
  struct Place {
    const std::vector<std::string>* path;
    size_t steps;
  };
  std::vector<Place> found;
  for (const std::vector<std::string>& p : paths_) {
    if (p.back() != key && p.back() != ours) continue;
    size_t shared =
        std::mismatch(p.begin(), p.end() - 1, here.begin(), here.end()).first - p.begin();
    found.push_back({&p, (here.size() - shared) + (p.size() - 1 - shared)});
  }
  if (found.empty()) return {};
  auto nearest = std::min_element(found.begin(), found.end(),
                                  [](const Place& a, const Place& b) { return a.steps < b.steps; });
  size_t steps = nearest->steps, depth = SIZE_MAX;
  for (const Place& f : found)
    if (f.steps == steps) depth = std::min(depth, f.path->size());
  std::vector<const std::vector<std::string>*> best;
  for (const Place& f : found)
    if (f.steps == steps || (f.steps == steps + 1 && f.path->size() < depth))
      best.push_back(f.path);
  std::stable_sort(best.begin(), best.end(),
                   [](const auto* a, const auto* b) { return a->size() < b->size(); });
  if (best.empty()) return {};
  // Named from `path` when they are below it, else in full.
  std::string places;
  const size_t shown = std::min<size_t>(best.size(), 4);
  for (size_t i = 0; i < shown; ++i) {
    const std::vector<std::string>& p = *best[i];
    bool below = here.size() < p.size() && std::equal(here.begin(), here.end(), p.begin());
    places += i == 0 ? "" : i + 1 == best.size() ? " or " : ", ";
    places += "'" + join(below ? p.begin() + here.size() : p.begin(), p.end()) + "'";
  }
  if (shown < best.size()) places += ", ...";
  if (best[0]->back() != key)
    return "Kubernetes' '" + key + "' is written " + places + " in a job spec";
  return "'" + key + "' belongs at " + places;
}

}  // namespace mpijobc
