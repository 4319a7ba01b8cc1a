#include "notice/kinds.hpp"

#include "yaml_tree.hpp"

#include "notice/error.hpp"

#include <algorithm>

namespace notice {
namespace detail {
extern const std::string_view k_kinds_yaml;
extern const std::string_view k_model_purposes_yaml;
extern const std::string_view k_model_purposes_kokuho_yaml;
} // namespace detail

namespace {

std::string scalar(const detail::YamlNode *node) {
  return node && node->is_scalar() ? node->scalar : std::string();
}

std::vector<std::string> words(const detail::YamlNode *node) {
  std::vector<std::string> out;
  if (node && node->is_sequence()) {
    for (const auto &w : node->children) {
      out.push_back(scalar(&w));
    }
  }
  return out;
}

std::vector<InsurerKind> parse_kinds() {
  const Source source("schemas/kinds.yaml", std::string(detail::k_kinds_yaml));
  const auto parsed = detail::parse_yaml(source, LoadLimits{});
  const detail::YamlNode *list = parsed.root && parsed.root->is_mapping() ? parsed.root->get("kinds") : nullptr;
  if (!list || !list->is_sequence()) {
    throw Error("the built-in schemas/kinds.yaml is broken: `kinds` must be a list");
  }
  std::vector<InsurerKind> kinds;
  for (const auto &node : list->children) {
    InsurerKind k;
    k.id = scalar(node.get("id"));
    if (k.id.empty()) {
      throw Error("the built-in schemas/kinds.yaml is broken: a kind without an id at line " +
                  std::to_string(node.pos.line));
    }
    if (const auto *name = node.get("name")) {
      k.name_ja = scalar(name->get("ja"));
      k.name_en = scalar(name->get("en"));
    }
    if (const auto *statute = node.get("statute")) {
      k.statute = scalar(statute->get("name"));
      k.statute_number = scalar(statute->get("number"));
      k.statute_certainty = scalar(statute->get("certainty"));
    }
    if (const auto *vocabulary = node.get("vocabulary")) {
      k.card = words(vocabulary->get("card"));
      k.premium = words(vocabulary->get("premium"));
      k.members = words(vocabulary->get("members"));
      k.headings = words(vocabulary->get("headings"));
    }
    k.federation = scalar(node.get("federation"));
    if (const std::string certainty = scalar(node.get("federation_certainty")); !certainty.empty()) {
      k.federation += " [" + certainty + "]";
    }
    k.review_body = scalar(node.get("review_body"));
    if (const auto *model = node.get("model")) {
      const std::string file = scalar(model->get("file"));
      k.model_file = file == "none" ? std::string() : file;
      k.model_source = scalar(model->get("source"));
      k.model_certainty = scalar(model->get("certainty"));
      k.model_missing = scalar(model->get("reason"));
      if (!k.model_file.empty() && !builtin_model_list(k.model_file)) {
        throw Error("the built-in schemas/kinds.yaml is broken: kind " + k.id + " names an unknown model list " +
                    k.model_file);
      }
    }
    k.init_template = scalar(node.get("init"));
    kinds.push_back(std::move(k));
  }
  return kinds;
}

std::string joined(const std::vector<std::string> &list, const char *separator) {
  std::string out;
  for (const auto &w : list) {
    out += (out.empty() ? "" : separator) + w;
  }
  return out;
}

} // namespace

const std::vector<InsurerKind> &insurer_kinds() {
  static const std::vector<InsurerKind> kinds = parse_kinds();
  return kinds;
}

const InsurerKind *find_insurer_kind(std::string_view id) {
  const auto &kinds = insurer_kinds();
  const auto it = std::find_if(kinds.begin(), kinds.end(), [&](const InsurerKind &k) { return k.id == id; });
  return it == kinds.end() ? nullptr : &*it;
}

std::optional<std::string_view> builtin_model_list(std::string_view file) {
  if (file == "model-purposes.yaml") {
    return detail::k_model_purposes_yaml;
  }
  if (file == "model-purposes-kokuho.yaml") {
    return detail::k_model_purposes_kokuho_yaml;
  }
  return std::nullopt;
}

void write_insurer_kinds(std::ostream &out, bool markdown, Lang lang) {
  const bool ja = lang == Lang::ja;
  if (markdown) {
    out << (ja ? "# 保険者の種別\n\n`notice-audit rules --kinds --format md` の出力です。データは schemas/kinds.yaml"
                 "（出典と確度つき）。`init --kind` のひな形と `validate --coverage` "
                 "のモデル一覧は種別ごとに選ばれます。"
                 "[uncertain] は出典で確認できなかった事実です。\n\n"
               : "# Insurer kinds\n\nWhat `notice-audit rules --kinds --format md` prints; the data is "
                 "schemas/kinds.yaml, with a source and a certainty for each fact. `init --kind` scaffolds and "
                 "`validate --coverage` compares with the entries of the notice's kind. [uncertain] marks a fact "
                 "no stored source confirmed.\n\n");
  }
  for (const InsurerKind &k : insurer_kinds()) {
    const std::string statute = k.statute.empty()
                                    ? std::string("—")
                                    : k.statute + "（" + k.statute_number + "）" +
                                          (k.statute_certainty == "confirmed" ? "" : " [" + k.statute_certainty + "]");
    const std::string model = k.model_file.empty()
                                  ? (ja ? "なし: " : "none: ") + k.model_missing
                                  : k.model_file + " — " + k.model_source + " [" + k.model_certainty + "]";
    const std::pair<const char *, std::string> rows[] = {
        {ja ? "根拠法" : "statute", statute},
        {ja ? "証の呼び方" : "card", joined(k.card, "、")},
        {ja ? "保険料・掛金" : "premium", joined(k.premium, "、")},
        {ja ? "加入者の呼び方" : "members", joined(k.members, "、")},
        {ja ? "見出し" : "headings", joined(k.headings, " ")},
        {ja ? "連合会" : "federation", k.federation},
        {ja ? "審査支払機関" : "review body", k.review_body},
        {ja ? "モデルの利用目的一覧" : "model list", model},
        {ja ? "init のひな形" : "init template", k.init_template.empty() ? "—" : k.init_template},
    };
    if (markdown) {
      out << "## `" << k.id << "` " << k.name_ja << " (" << k.name_en << ")\n\n";
      for (const auto &[label, value] : rows) {
        if (!value.empty()) {
          out << "- **" << label << "**: " << value << "\n";
        }
      }
      out << "\n";
    } else {
      out << k.id << "  " << k.name_ja << " (" << k.name_en << ")\n";
      for (const auto &[label, value] : rows) {
        if (!value.empty()) {
          out << "  " << label << ": " << value << "\n";
        }
      }
    }
  }
}

} // namespace notice
