#include "cmd_graph.hpp"

#include "exit_codes.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/graph.hpp"
#include "notice/load.hpp"
#include "notice/output.hpp"
#include "notice/report.hpp"

#include <algorithm>
#include <ostream>

namespace notice::cli {

CLI::App *add_graph(CLI::App &app, GraphOptions &o) {
  CLI::App *cmd = app.add_subcommand("graph", "Draw a data-flow diagram: who receives what from the insurer, and why");
  cmd->add_option("file", o.path, "Notice file; FILE@YYYY-MM-DD picks the revision in force on that date");
  cmd->add_option("-r,--revision", o.revision, "Draw the revision in force on this date (YYYY-MM-DD; default: latest)");
  cmd->add_option("-f,--format", o.format, "Output format (default: from the extension of --output, else svg)")
      ->check(CLI::IsMember({"svg", "png", "pdf", "dot"}));
  cmd->add_option("-o,--output", o.output, "Write to this file (atomically) instead of standard output");
  cmd->add_option("--group-by", o.group_by, "Draw parties in boxes by party kind or by purpose category")
      ->check(CLI::IsMember({"none", "kind", "purpose"}));
  cmd->add_option("--purpose", o.purposes, "Only items of this category (id or number; repeatable)");
  cmd->add_option("--party", o.parties, "Only flows to or from this party (id; repeatable)");
  cmd->add_option("--flow", o.flows, "Only flows of this kind (repeatable)")
      ->check(CLI::IsMember({"internal", "provision", "outsourcing", "joint_use", "received"}));
  cmd->add_option("--data", o.data, "Only items that involve this data source (id; repeatable)");
  cmd->add_option("--diff", o.diff, "Colour what changed from OLD to NEW (each FILE or FILE@YYYY-MM-DD)")
      ->expected(2)
      ->type_name("OLD NEW");
  cmd->add_flag("--no-legend", o.no_legend, "Leave out the legend");
  cmd->get_option("--diff")->excludes(cmd->get_option("file"))->excludes(cmd->get_option("--revision"));
  return cmd;
}

namespace {

// A usage problem found while running: reported on `err` as one line, exit status 2.
struct Usage {
  std::string message;
};

// FILE@YYYY-MM-DD: the revision in force on the date; a plain FILE: the latest revision. An `@` not
// followed by a date is part of the file name.
struct Spec {
  std::string path;
  std::optional<Date> date;
};

Spec parse_spec(const std::string &text) {
  const auto at = text.rfind('@');
  if (at != std::string::npos && at > 0) {
    if (auto date = parse_date(std::string_view(text).substr(at + 1))) {
      return {text.substr(0, at), date};
    }
  }
  return {text, std::nullopt};
}

// One revision's view of a notice file, with the words that describe it in the caption.
struct View {
  Notice notice;
  std::string label;
};

View load_view(const std::string &path, std::optional<Date> date, std::ostream &err) {
  LoadResult loaded = load_file(path);
  const bool errors = std::any_of(loaded.diagnostics.begin(), loaded.diagnostics.end(),
                                  [](const Diagnostic &d) { return d.severity == Severity::error; });
  if (!loaded.notice || errors) {
    std::vector<FileReport> reports{{path, loaded.source, loaded.diagnostics}};
    ReportOptions report_options;
    report_options.summary = false;
    write_report(err, ReportFormat::text, reports, report_options);
    throw Usage{path + ": not a usable notice; fix the errors above (`notice-audit validate " + path + "`)"};
  }
  const Notice &notice = *loaded.notice;
  const Revision *revision = date ? revision_at(notice, *date) : latest_revision(notice);
  if (!revision) {
    throw Usage{path + ": no revision is in force on " + to_string(*date) + "; its revisions start on " +
                to_string(notice.revisions.front().effective)};
  }
  View view{at(notice, revision->effective), to_string(revision->effective)};
  if (!revision->wording.empty()) {
    view.label += "（" + revision->wording.value + "）";
  }
  return view;
}

std::optional<GraphFormat> format_from_extension(const std::string &path) {
  const auto dot = path.rfind('.');
  if (dot == std::string::npos) {
    return std::nullopt;
  }
  const std::string extension = path.substr(dot + 1);
  return extension == "gv" ? GraphFormat::dot : parse_graph_format(extension);
}

std::string filter_words(const GraphOptions &o) {
  std::string words;
  auto add = [&](const char *flag, const std::vector<std::string> &values) {
    for (const auto &value : values) {
      words += std::string(words.empty() ? "" : " ") + flag + " " + value;
    }
  };
  add("--purpose", o.purposes);
  add("--party", o.parties);
  add("--flow", o.flows);
  add("--data", o.data);
  return words;
}

int run(const GraphOptions &o, std::ostream &out, std::ostream &err) {
  if (o.path.empty() && o.diff.empty()) {
    throw Usage{"graph: give a notice FILE, or --diff OLD NEW"};
  }
  notice::GraphOptions options;
  options.group = parse_graph_group(o.group_by).value_or(GraphGroup::none);
  options.legend = !o.no_legend;
  options.filter.purposes = o.purposes;
  options.filter.parties = o.parties;
  options.filter.data = o.data;
  for (const auto &flow : o.flows) {
    options.filter.flows.push_back(*parse_flow_kind(flow));
  }

  GraphFormat format = GraphFormat::svg;
  if (!o.format.empty()) {
    format = *parse_graph_format(o.format);
  } else if (!o.output.empty()) {
    format = format_from_extension(o.output).value_or(GraphFormat::svg);
  }

  std::vector<std::string> inputs;
  FlowModel model;
  if (o.diff.empty()) {
    Spec spec = parse_spec(o.path);
    if (!o.revision.empty()) {
      if (spec.date) {
        throw Usage{"--revision " + o.revision + ": " + o.path + " already names a date; give only one"};
      }
      spec.date = parse_date(o.revision);
      if (!spec.date) {
        throw Usage{"--revision " + o.revision + ": not a date; write YYYY-MM-DD"};
      }
    }
    inputs.push_back(spec.path);
    View view = load_view(spec.path, spec.date, err);
    const auto problems = check_filter(view.notice, options.filter);
    if (!problems.empty()) {
      throw Usage{problems.front()};
    }
    options.caption = view.label;
    model = build_flow_model(view.notice, options);
  } else {
    const Spec old_spec = parse_spec(o.diff.at(0));
    const Spec new_spec = parse_spec(o.diff.at(1));
    inputs = {old_spec.path, new_spec.path};
    View old_view = load_view(old_spec.path, old_spec.date, err);
    View new_view = load_view(new_spec.path, new_spec.date, err);
    const auto old_problems = check_filter(old_view.notice, options.filter);
    const auto new_problems = check_filter(new_view.notice, options.filter);
    for (const auto &problem : new_problems) {
      if (std::find(old_problems.begin(), old_problems.end(), problem) != old_problems.end()) {
        throw Usage{problem};
      }
    }
    options.caption = "変更点: " + old_view.label + " → " + new_view.label;
    model = build_flow_diff(old_view.notice, new_view.notice, options);
  }
  if (const std::string words = filter_words(o); !words.empty()) {
    model.caption += (model.caption.empty() ? "" : "　") + std::string("絞り込み: ") + words;
  }

  if (!o.output.empty() && o.output != "-") {
    check_output_path(o.output, inputs); // before Graphviz lays out anything
  }
  const std::string bytes = render_graph(model, format);
  if (o.output.empty() || o.output == "-") {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
  } else {
    write_file_atomically(o.output, bytes, inputs);
  }
  return k_exit_clean;
}

} // namespace

int run_graph(const GraphOptions &o, std::ostream &out, std::ostream &err) {
  try {
    return run(o, out, err);
  } catch (const Usage &usage) {
    err << "notice-audit: error: " << escape_control(usage.message) << '\n';
    return k_exit_usage;
  }
}

} // namespace notice::cli
