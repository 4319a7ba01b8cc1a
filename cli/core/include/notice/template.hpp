// Mustache templates: the built-in ones compiled from templates/, user copies, and expanding them.
//
// The template engine (kainjow mustache) stays inside the core; callers build a TemplateValue tree and
// get text back, so other subcommands (diff's 新旧対照表) can render through the same path as render.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace notice {

/// A value a template can refer to: a string, a boolean (for sections), a list or an object.
class TemplateValue {
public:
  using List = std::vector<TemplateValue>;
  using Object = std::vector<std::pair<std::string, TemplateValue>>;

  /// An empty object, ready for set().
  TemplateValue() : m_value(Object{}) {}
  /// A string value; `{{name}}` writes it through the template's escape.
  TemplateValue(std::string text) : m_value(std::move(text)) {}
  /// A string value from a literal.
  TemplateValue(const char *text) : m_value(std::string(text)) {}
  /// A boolean: `{{#name}}…{{/name}}` shows its content only when true.
  TemplateValue(bool flag) : m_value(flag) {}
  /// A list: `{{#name}}…{{/name}}` repeats its content for each element.
  TemplateValue(List list) : m_value(std::move(list)) {}

  /// Adds (or replaces) member `key` of an object and returns *this; throws std::logic_error on a non-object.
  TemplateValue &set(const std::string &key, TemplateValue value);

  /// The underlying value, for the engine adapter.
  const std::variant<std::string, bool, List, Object> &value() const { return m_value; }

private:
  std::variant<std::string, bool, List, Object> m_value;
};

/// How `{{name}}` escapes values; `{{{name}}}` never escapes.
enum class TemplateEscape {
  none,     ///< plain text: values are written as they are
  markdown, ///< Pandoc Markdown: every character with a Markdown meaning is backslash-escaped
  html,     ///< HTML: & < > " ' become entities
};

/// The most a template may write: larger results are refused before expanding.
inline constexpr std::size_t k_max_template_output = std::size_t{32} << 20;

/// The most steps (text pieces, tags, section repetitions) a template may take to expand.
inline constexpr std::size_t k_max_template_steps = 10'000'000;

/// Expands `text` (a mustache template called `name` in messages) with `data`. Every string value
/// has its control characters made visible first (escape_control(), line breaks kept). Throws
/// notice::Error naming `name` when the template does not parse (unclosed section, bad tag), uses a
/// partial (`{{> name}}`), nests sections more than 64 deep, or would write more than
/// k_max_template_output bytes or take more than k_max_template_steps steps: these are found by
/// walking the template over `data` before anything is written.
std::string expand_template(std::string_view text, const std::string &name, const TemplateValue &data,
                            TemplateEscape escape);

/// `text` escaped for Pandoc Markdown: ASCII punctuation that could start markup (\ ` * _ { } [ ] < >
/// & # + - ! | ~ ^ $ @ : = . ) and ") gets a backslash, so `<script>` stays text; runs of line breaks
/// become one hard line break (backslash-newline), so a value cannot end the block it is in.
std::string escape_markdown(std::string_view text);

/// `text` with its control characters made visible (escape_control(), line breaks kept) and
/// & < > " ' replaced by HTML entities.
std::string escape_html(std::string_view text);

/// The built-in files compiled from templates/ at build time, by file name: notice.txt.mustache,
/// notice.md.mustache, notice.css, reference.docx, notice-docx.lua. std::nullopt for another name.
std::optional<std::string_view> builtin_template(std::string_view name);

/// The largest template or stylesheet read_template_file() accepts by default.
inline constexpr std::size_t k_max_template_file = std::size_t{1} << 20;

/// Reads a user's template, stylesheet or reference document of at most `max_bytes`. Throws
/// notice::Error naming `path` when it cannot be read or is larger (checked before reading it in
/// whole).
std::string read_template_file(const std::string &path, std::size_t max_bytes = k_max_template_file);

} // namespace notice
