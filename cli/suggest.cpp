#include "suggest.hpp"

#include "notice/error.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace notice::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table: two back for the swap of neighbours.
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    previous[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string> &candidates) {
  if (word.empty()) {
    return std::nullopt;
  }
  const std::string *prefixed = nullptr;
  int prefix_count = 0;
  for (const auto &c : candidates) {
    if (c.size() > word.size() && c.compare(0, word.size(), word) == 0) {
      prefixed = &c;
      ++prefix_count;
    }
  }
  // `--form` for `--format`, but not `-` or `--` for anything.
  const std::size_t stem = word.find_first_not_of('-');
  if (prefix_count == 1 && stem != std::string_view::npos && word.size() - stem >= 2) {
    return *prefixed;
  }
  const std::size_t letters = stem == std::string_view::npos ? 0 : word.size() - stem;
  const std::size_t limit = std::clamp<std::size_t>(letters / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto &c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

namespace {

std::vector<const CLI::App *> visible_subcommands(const CLI::App &app) {
  return app.get_subcommands([](const CLI::App *sub) { return !sub->get_group().empty(); });
}

const CLI::App *find_subcommand(const CLI::App &app, std::string_view name) {
  for (const CLI::App *sub : app.get_subcommands([](const CLI::App *) { return true; })) {
    if (sub->get_name() == name) {
      return sub;
    }
  }
  return nullptr;
}

// Every spelling of the options of `app`: -f, --format, …
std::vector<std::string> option_names(const CLI::App &app) {
  std::vector<std::string> names;
  for (const CLI::Option *option : app.get_options()) {
    for (const auto &s : option->get_snames()) {
      names.push_back("-" + s);
    }
    for (const auto &l : option->get_lnames()) {
      names.push_back("--" + l);
    }
  }
  return names;
}

const CLI::Option *find_option(const CLI::App &app, std::string_view name) {
  for (const CLI::Option *option : app.get_options()) {
    if (option->get_positional()) {
      continue;
    }
    if (name.size() > 2 && name.substr(0, 2) == "--") {
      const auto &l = option->get_lnames();
      if (std::find(l.begin(), l.end(), name.substr(2)) != l.end()) {
        return option;
      }
    } else if (name.size() == 2 && name[0] == '-') {
      const auto &s = option->get_snames();
      if (std::find(s.begin(), s.end(), name.substr(1)) != s.end()) {
        return option;
      }
    }
  }
  return nullptr;
}

std::string text(Lang lang, const std::string &en, const std::string &ja) {
  return lang == Lang::ja ? ja : en;
}

std::string unknown_option(const CLI::App &app, const std::string &where, const std::string &word, Lang lang) {
  const std::string name = word.substr(0, word.find('='));
  const auto suggestion = closest(name, option_names(app));
  std::string message = text(lang, where + "unknown option " + name, where + "不明なオプション " + name + " です");
  if (suggestion) {
    message += text(lang, "; did you mean " + *suggestion + "?", "。" + *suggestion + " のことですか？");
  } else {
    message += text(lang, "; ", "。");
  }
  const std::string help = app.get_parent() ? "notice-audit " + app.get_name() + " --help" : "notice-audit --help";
  message +=
      text(lang, (suggestion ? " (" : "") + std::string("`") + help + "` lists the options" + (suggestion ? ")" : ""),
           "`" + help + "` でオプションの一覧を表示します");
  return message;
}

// `notice-audit --lang ja validate`: an option of the subcommands, written before the subcommand.
// Names the subcommand the command line goes on to give, if it has the option.
std::optional<std::string> misplaced_option(const CLI::App &app, const std::vector<std::string> &args,
                                            const std::string &name, Lang lang) {
  std::vector<const CLI::App *> subs;
  for (const auto &word : args) {
    if (const CLI::App *sub = find_subcommand(app, word)) {
      subs.push_back(sub);
    }
  }
  const auto visible = visible_subcommands(app);
  subs.insert(subs.end(), visible.begin(), visible.end());
  for (const CLI::App *sub : subs) {
    if (find_option(*sub, name) != nullptr) {
      return text(lang,
                  name + " is an option of the subcommands: write it after the subcommand (notice-audit " +
                      sub->get_name() + " " + name + " …)",
                  name + " はサブコマンドのオプションです。サブコマンドの後に書いてください（notice-audit " +
                      sub->get_name() + " " + name + " …）");
    }
  }
  return std::nullopt;
}

// Number of values an option takes after its name when they are not attached with `=`.
int values_taken(const CLI::Option *option) {
  if (option->get_type_size_max() == 0) {
    return 0;
  }
  return std::max(1, std::min(option->get_items_expected_max(), 8));
}

} // namespace

std::optional<std::string> unknown_word(const CLI::App &app, const std::vector<std::string> &args, Lang lang) {
  const CLI::App *scope = &app;
  std::string where;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &word = args[i];
    if (word == "--") {
      return std::nullopt;
    }
    if (word.size() < 2 || word[0] != '-') {
      if (scope != &app) {
        continue; // a positional argument of the subcommand
      }
      if (find_subcommand(app, word) != nullptr) {
        scope = find_subcommand(app, word);
        where = word + ": ";
        continue;
      }
      std::vector<std::string> names;
      for (const CLI::App *sub : visible_subcommands(app)) {
        names.push_back(sub->get_name());
      }
      const auto suggestion = closest(word, names);
      std::string message = text(lang, "unknown subcommand `" + word + "`", "不明なサブコマンド `" + word + "` です");
      if (suggestion) {
        message += text(lang, "; did you mean `" + *suggestion + "`?", "。`" + *suggestion + "` のことですか？");
      } else {
        message += text(lang, "; `notice-audit --help` lists the subcommands",
                        "。`notice-audit --help` でサブコマンドの一覧を表示します");
      }
      return message;
    }
    if (word[1] == '-') {
      const std::string name = word.substr(0, word.find('='));
      const CLI::Option *option = find_option(*scope, name);
      if (option == nullptr) {
        return scope == &app ? misplaced_option(app, args, name, lang).value_or(unknown_option(app, where, word, lang))
                             : unknown_option(*scope, where, word, lang);
      }
      if (name.size() == word.size()) {
        // Skip the values, which may themselves start with '-' (`-o -`).
        for (int n = values_taken(option); n > 0 && i + 1 < args.size(); --n) {
          if (n < values_taken(option) && args[i + 1].size() > 1 && args[i + 1][0] == '-') {
            break;
          }
          ++i;
        }
      }
      continue;
    }
    // Short options, possibly grouped (-qr DATE) or with the value attached (-ofile).
    for (std::size_t k = 1; k < word.size(); ++k) {
      const CLI::Option *option = find_option(*scope, std::string("-") + word[k]);
      if (option == nullptr) {
        return unknown_option(*scope, where, k == 1 ? word : std::string("-") + word[k], lang);
      }
      if (values_taken(option) > 0) {
        if (k + 1 == word.size() && i + 1 < args.size()) {
          ++i;
        }
        break;
      }
    }
  }
  return std::nullopt;
}

Lang lang_of_command_line(const std::vector<std::string> &args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--") {
      break;
    }
    std::optional<Lang> lang;
    if (args[i] == "--lang" && i + 1 < args.size()) {
      lang = parse_lang(args[i + 1]);
    } else if (args[i].rfind("--lang=", 0) == 0) {
      lang = parse_lang(std::string_view(args[i]).substr(7));
    }
    if (lang) {
      return *lang;
    }
  }
  return lang_from_environment();
}

} // namespace notice::cli

namespace notice::cli {

std::optional<std::string> format_for_output(const std::string &output, const std::vector<FormatExtension> &table) {
  if (output.empty() || output == "-") {
    return std::nullopt;
  }
  std::string extension = std::filesystem::path(output).extension().string();
  if (extension.empty()) {
    return std::nullopt;
  }
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::vector<std::string> known;
  for (const auto &entry : table) {
    for (const auto &e : entry.extensions) {
      if (e == extension) {
        return entry.format;
      }
      known.push_back(e);
    }
  }
  std::string list;
  for (const auto &e : known) {
    list += (list.empty() ? "" : ", ") + e;
  }
  const auto suggestion = closest(extension, known);
  const std::string hint = suggestion ? "did you mean " + *suggestion + "? " : "";
  const std::string hint_ja = suggestion ? *suggestion + " のことですか？" : "";
  throw Error("-o " + output + ": " + extension + " names no output format (" + list + "); " + hint +
                  "give --format to write this name anyway",
              "-o " + output + ": 拡張子 " + extension + " から出力形式が決まりません（" + list + "）。" + hint_ja +
                  "この名前のまま書くには --format を指定してください");
}

} // namespace notice::cli
