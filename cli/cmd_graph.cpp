#include "cmd_graph.hpp"

#include "exit_codes.hpp"
#include "notice_ref.hpp"
#include "suggest.hpp"

#include "notice/error.hpp"
#include "notice/escape.hpp"
#include "notice/graph.hpp"
#include "notice/output.hpp"

#include <algorithm>
#include <ostream>

namespace notice::cli {

CLI::App *add_graph(CLI::App &app, GraphOptions &o) {
  CLI::App *cmd = app.add_subcommand("graph", "Draw a data-flow diagram: who receives what from the insurer, and why");
  cmd->add_option("file", o.path, "Notice file; FILE@YYYY-MM-DD draws the revision in force on that date");
  cmd->add_option("-r,--revision", o.revision,
                  "Draw the revision in force on this date (YYYY-MM-DD; default: the latest)");
  cmd->add_option("--git", o.git,
                  "Read FILE as committed at this git revision (branch, tag, commit); with --diff FILE, "
                  "compare that with the working tree");
  cmd->add_option("-f,--format", o.format, "Output format (default: from the extension of --output, else svg)")
      ->check(CLI::IsMember({"svg", "png", "pdf", "dot"}));
  cmd->add_option("-o,--output", o.output, "Write to this file (atomically) instead of standard output");
  cmd->add_option("--group-by", o.group_by, "Draw parties in boxes by party kind or by purpose category")
      ->check(CLI::IsMember({"none", "kind", "purpose"}));
  cmd->add_option("--purpose", o.purposes, "Only items of this category (id or number; repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--party", o.parties, "Only flows to or from this party (id; repeatable)")->allow_extra_args(false);
  cmd->add_option("--flow", o.flows, "Only flows of this kind (repeatable)")
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"internal", "provision", "outsourcing", "joint_use", "received"}));
  cmd->add_option("--data", o.data, "Only items that involve this data source (id; repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--diff", o.diff,
                  "Colour what changed from OLD to NEW (each FILE or FILE@YYYY-MM-DD); one FILE: its revision "
                  "against the one before, or with --git REV against FILE at REV")
      ->expected(1, 2)
      ->type_name("OLD [NEW]");
  cmd->add_flag("--no-legend", o.no_legend, "Leave out the legend");
  cmd->get_option("--diff")->excludes(cmd->get_option("file"));
  return cmd;
}

namespace {

const std::vector<FormatExtension> k_extensions{
    {"svg", {".svg"}}, {"png", {".png"}}, {"pdf", {".pdf"}}, {"dot", {".dot", ".gv"}}};

// One revision's view of a notice, with the words that describe it in the caption.
struct View {
  Notice notice;
  std::string label;
};

View view_of(const Notice &notice, const Revision &revision) {
  View view{at(notice, revision.effective), to_string(revision.effective)};
  if (!revision.wording.empty()) {
    view.label += "（" + revision.wording.value + "）";
  }
  return view;
}

// What the filters show, in words a reader of the diagram understands (the names the notice
// prints, not the command-line flags).
std::string filter_words(const GraphOptions &o, const Notice &notice) {
  const auto quoted = [](const std::vector<std::string> &names) {
    std::string out;
    for (const auto &name : names) {
      out += "「" + name + "」";
    }
    return out;
  };
  std::vector<std::string> parts;
  if (!o.purposes.empty()) {
    std::vector<std::string> names;
    for (const auto &wanted : o.purposes) {
      for (const auto &c : notice.categories) {
        if (c.id == wanted || (c.number && std::to_string(*c.number) == wanted)) {
          names.push_back(c.marker.value + c.title.value);
        }
      }
    }
    parts.push_back(quoted(names) + "の事例");
  }
  if (!o.parties.empty()) {
    std::vector<std::string> names;
    for (const auto &id : o.parties) {
      const Party *party = find_party(notice, id);
      names.push_back(party ? party->name.value : id);
    }
    parts.push_back(quoted(names) + "との流れ");
  }
  if (!o.flows.empty()) {
    std::string kinds;
    for (const auto &flow : o.flows) {
      const auto kind = parse_flow_kind(flow);
      kinds += (kinds.empty() ? "" : "・") + std::string(kind ? label_ja(*kind) : flow);
    }
    parts.push_back(kinds + "の流れ");
  }
  if (!o.data.empty()) {
    std::vector<std::string> names;
    for (const auto &id : o.data) {
      const DataSource *data = find_data(notice, id);
      names.push_back(data ? data->name.value : id);
    }
    parts.push_back(quoted(names) + "を扱う事例");
  }
  std::string words;
  for (const auto &part : parts) {
    words += (words.empty() ? "" : "、") + part;
  }
  return words.empty() ? words : "表示: " + words + "のみ";
}

void check(const Notice &notice, const notice::GraphFilter &filter) {
  const auto problems = check_filter(notice, filter);
  if (!problems.empty()) {
    throw Error(problems.front().en, problems.front().ja);
  }
}

} // namespace

int run_graph(const GraphOptions &o, std::ostream &out, std::ostream &err) {
  const Lang lang = lang_from_environment();
  if (o.path.empty() && o.diff.empty()) {
    throw Error("graph: give a notice FILE, or --diff OLD [NEW]",
                "graph: 公表文のファイル FILE か、--diff OLD [NEW] を指定してください");
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
  } else if (const auto inferred = format_for_output(o.output, k_extensions)) {
    format = *parse_graph_format(*inferred);
  }

  std::vector<std::string> inputs;
  FlowModel model;
  Notice shown;
  if (o.diff.empty()) {
    const NoticeRef ref = parse_notice_ref(o.path, o.revision, o.git);
    inputs.push_back(ref.path);
    const Notice notice = load_usable(ref, err, lang);
    View view = view_of(notice, select_revision(notice, ref));
    check(view.notice, options.filter);
    options.caption = view.label;
    model = build_flow_model(view.notice, options);
    shown = std::move(view.notice);
  } else {
    std::optional<View> old_view;
    std::optional<View> new_view;
    if (o.diff.size() == 1) {
      const NoticeRef ref = parse_notice_ref(o.diff[0], o.revision);
      inputs.push_back(ref.path);
      const Notice notice = load_usable(ref, err, lang);
      const Revision &newer = select_revision(notice, ref);
      if (o.git.empty()) {
        old_view = view_of(notice, previous_revision(notice, newer));
      } else {
        NoticeRef committed = ref;
        committed.git = o.git;
        const Notice before = load_usable(committed, err, lang);
        old_view = view_of(before, select_revision(before, committed));
        old_view->label = o.git + " " + old_view->label;
      }
      new_view = view_of(notice, newer);
    } else {
      if (!o.git.empty()) {
        throw Error("--git " + o.git + " with --diff takes one FILE, compared with itself at " + o.git,
                    "--diff と --git を併せて使うときは FILE を一つだけ指定します（" + o.git +
                        " の時点の同じファイルと比べます）");
      }
      const NoticeRef old_ref = parse_notice_ref(o.diff[0], o.revision);
      const NoticeRef new_ref = parse_notice_ref(o.diff[1], o.revision);
      inputs = {old_ref.path, new_ref.path};
      const Notice old_notice = load_usable(old_ref, err, lang);
      const Notice new_notice = load_usable(new_ref, err, lang);
      old_view = view_of(old_notice, select_revision(old_notice, old_ref));
      new_view = view_of(new_notice, select_revision(new_notice, new_ref));
    }
    const auto old_problems = check_filter(old_view->notice, options.filter);
    const auto new_problems = check_filter(new_view->notice, options.filter);
    for (const auto &problem : new_problems) {
      const auto same = [&](const Message &m) { return m.en == problem.en; };
      if (std::any_of(old_problems.begin(), old_problems.end(), same)) {
        throw Error(problem.en, problem.ja);
      }
    }
    options.caption = "変更点: " + old_view->label + " → " + new_view->label;
    model = build_flow_diff(old_view->notice, new_view->notice, options);
    shown = std::move(new_view->notice);
  }
  if (const std::string words = filter_words(o, shown); !words.empty()) {
    model.caption += (model.caption.empty() ? "" : "　") + words;
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

} // namespace notice::cli
