#include "notice/scaffold.hpp"

#include "notice/era.hpp"
#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/kinds.hpp"
#include "notice/schema.hpp"
#include "notice/template.hpp"

namespace notice {
namespace {

// The content of a YAML double-quoted scalar: only \ and " need escaping once line breaks are refused.
std::string yaml_quoted(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string builtin(std::string_view name) {
  const auto text = builtin_template(name);
  if (!text) {
    throw Error("built-in template " + std::string(name) + " is missing");
  }
  return std::string(*text);
}

} // namespace

std::vector<ScaffoldFile> scaffold(const ScaffoldOptions &o) {
  if (o.insurer.empty()) {
    throw Error("--insurer: give the society's name, e.g. --insurer 〇〇健康保険組合");
  }
  if (o.insurer.find_first_of("\r\n\t") != std::string::npos) {
    throw Error("--insurer: the name must be one line");
  }
  if (escape_control(o.insurer) != o.insurer) {
    throw Error("--insurer " + escape_control(o.insurer) + ": the name holds control characters");
  }
  const InsurerKind *kind = find_insurer_kind(o.kind);
  if (!kind || kind->init_template.empty()) {
    std::string known;
    for (const auto &k : insurer_kinds()) {
      if (!k.init_template.empty()) {
        known += (known.empty() ? "" : ", ") + k.id + " (" + k.name_ja + ")";
      }
    }
    throw Error("--kind " + escape_control(o.kind) + ": init scaffolds one of " + known);
  }
  TemplateValue data;
  data.set("insurer", yaml_quoted(o.insurer));
  data.set("kind", o.kind);
  data.set("statute", kind->statute.empty() ? std::string("関係法令") : kind->statute);
  data.set("effective", to_string(o.effective));
  data.set("wording", yaml_quoted(default_revision_wording(o.effective, true)));
  std::vector<ScaffoldFile> files;
  files.push_back({"notice/" + o.file + ".yaml",
                   expand_template(builtin(kind->init_template), kind->init_template, data, TemplateEscape::none)});
  files.push_back({"schemas/notice.schema.json", std::string(notice_schema_json())});
  files.push_back({"notice-audit.toml", builtin("init/notice-audit.toml")});
  if (o.ci == "github") {
    files.push_back({".github/workflows/notice-audit.yml", builtin("ci/github-workflow.yml")});
  } else if (o.ci == "gitlab") {
    files.push_back({".gitlab-ci.yml", builtin("ci/gitlab-ci.yml")});
  } else if (o.ci != "none") {
    throw Error("--ci " + o.ci + ": choose github, gitlab or none");
  }
  return files;
}

} // namespace notice
