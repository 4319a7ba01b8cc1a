#include "cmd_rules.hpp"

#include "exit_codes.hpp"
#include "rule_page.hpp"

#include "notice/kinds.hpp"
#include "notice/law.hpp"
#include "notice/report.hpp"
#include "notice/rules.hpp"

#include <algorithm>
#include <ostream>

namespace notice::cli {

CLI::App *add_rules(CLI::App &app, RulesOptions &o) {
  CLI::App *cmd = app.add_subcommand("rules", "List every rule with its id, default severity and basis");
  cmd->add_option("id", o.id, "Print this rule's page (e.g. mynumber-19-stale-item, diff/new-recipient)");
  cmd->add_option("-f,--format", o.format, "Output format")->check(CLI::IsMember({"text", "md"}));
  cmd->add_flag("--law", o.law,
                "Print the legal timeline the rules read: every law, version, provision number, dated fact and "
                "source");
  cmd->add_flag("--kinds", o.kinds,
                "Print the insurer kinds: statute, vocabulary, model list of purposes (with its source) and init "
                "template of each");
  cmd->add_option("--lang", o.lang,
                  "Language of the timeline or the kinds (default: ja under a Japanese locale, else en)")
      ->check(CLI::IsMember({"en", "ja"}));
  return cmd;
}

int run_rules(const RulesOptions &o, std::ostream &out, std::ostream &) {
  if (o.kinds) {
    const Lang lang = o.lang.empty() ? lang_from_environment() : parse_lang(o.lang).value_or(Lang::en);
    write_insurer_kinds(out, o.format == "md", lang);
    return k_exit_clean;
  }
  if (o.law) {
    const Lang lang = o.lang.empty() ? lang_from_environment() : parse_lang(o.lang).value_or(Lang::en);
    law::write_timeline(out, law::Database::builtin(), o.format == "md", lang);
    return k_exit_clean;
  }
  if (!o.id.empty()) {
    return print_rule_page(o.id, out);
  }
  if (o.format == "md") {
    out << "| rule | severity | family | what it finds | basis |\n| --- | --- | --- | --- | --- |\n";
    for (const RuleInfo &r : rule_catalog()) {
      out << "| [`" << r.id << "`](rules/" << r.id << ".md) | " << to_string(r.severity) << " | " << r.family << " | "
          << r.summary << " | " << (rule_basis(r).empty() ? "—" : rule_basis(r)) << " |\n";
    }
    return k_exit_clean;
  }
  std::size_t width = 0;
  for (const RuleInfo &r : rule_catalog()) {
    width = std::max(width, r.id.size());
  }
  for (const RuleInfo &r : rule_catalog()) {
    out << r.id << std::string(width - r.id.size() + 2, ' ') << to_string(r.severity)
        << std::string(9 - to_string(r.severity).size(), ' ') << r.summary << '\n';
  }
  return k_exit_clean;
}

} // namespace notice::cli
