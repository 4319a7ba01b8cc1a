// Structural rules: ids, references, revisions and the shape of flows. They need no legal facts.
#include "rules/context.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace notice::rules {
namespace {

std::string line_of(Position pos) {
  return std::to_string(pos.line);
}

void check_ids(Context &ctx) {
  const Notice &n = ctx.notice();
  std::map<std::string, Position, std::less<>> seen;
  const auto visit = [&](const std::string &id, Position pos, std::initializer_list<Scope> scopes) {
    if (id.empty()) {
      return;
    }
    const auto [it, inserted] = seen.emplace(id, pos);
    if (!inserted) {
      ctx.report("duplicate-id", pos,
                 {"id `" + id + "` is already used at line " + line_of(it->second) + "; ids must be unique in the file",
                  "id `" + id + "` は " + line_of(it->second) +
                      " 行目で既に使われています。id はファイル内で一意にしてください"},
                 scopes);
    }
  };
  for (const auto &p : n.preamble) {
    visit(p.id, p.text.pos, {});
  }
  for (const auto &d : n.data) {
    visit(d.id, d.pos, {});
  }
  for (const auto &p : n.parties) {
    visit(p.id, p.pos, {});
  }
  for (const auto &c : n.categories) {
    visit(c.id, c.pos, {{&c.id, &c.suppress}});
    for (const auto &b : c.buckets) {
      visit(b.id, b.pos, {{&b.id, &b.suppress}, {&c.id, &c.suppress}});
      for (const auto &u : b.items) {
        visit(u.id, u.pos, {{&u.id, &u.suppress}, {&b.id, &b.suppress}, {&c.id, &c.suppress}});
      }
    }
  }
  for (const auto &p : n.postscript) {
    visit(p.id, p.text.pos, {});
  }
}

void check_references(Context &ctx) {
  const Notice &n = ctx.notice();
  std::set<std::string, std::less<>> used_parties;
  std::set<std::string, std::less<>> used_data;
  std::set<std::string, std::less<>> item_ids;
  for_each_item(n, [&](const Category &, const Bucket &, const UseCase &u) { item_ids.insert(u.id); });
  // A reference to a party or a data source (from an item or a printed block): counted as used, and
  // reported when nothing is declared under that id.
  const auto party_ref = [&](const Ref &r, std::initializer_list<Scope> scopes) {
    used_parties.insert(r.id);
    if (!find_party(n, r.id)) {
      ctx.report("unresolved-ref", r.pos,
                 {"no party has id `" + r.id + "`; declare it under `parties:`",
                  "id `" + r.id + "` の相手方がありません。`parties:` に宣言してください"},
                 scopes);
    }
  };
  const auto data_ref = [&](const std::string &id, Position pos, std::initializer_list<Scope> scopes) {
    used_data.insert(id);
    if (!find_data(n, id)) {
      ctx.report("unresolved-ref", pos,
                 {"no data source has id `" + id + "`; declare it under `data:`",
                  "id `" + id + "` の個人情報の区分がありません。`data:` に宣言してください"},
                 scopes);
    }
  };
  for_each_item(n, [&](const Category &c, const Bucket &b, const UseCase &u) {
    const std::initializer_list<Scope> scopes = {{&u.id, &u.suppress}, {&b.id, &b.suppress}, {&c.id, &c.suppress}};
    for (const Ref &r : u.parties) {
      party_ref(r, scopes);
    }
    for (const Ref &r : u.data) {
      data_ref(r.id, r.pos, scopes);
    }
    if (!u.replaces.empty() && !item_ids.contains(u.replaces)) {
      ctx.report("unresolved-ref", u.pos,
                 {"`replaces: " + u.replaces + "` names no item of this file",
                  "`replaces: " + u.replaces + "` に当たる項目がこのファイルにありません"},
                 scopes);
    }
  });
  // Printed blocks name data and parties too: the list of data held, a standalone joint-use disclosure.
  const std::function<void(const std::vector<Block> &)> visit = [&](const std::vector<Block> &blocks) {
    for (const Block &b : blocks) {
      const std::initializer_list<Scope> scopes = {{&b.id, &b.suppress}};
      const std::function<void(const std::vector<ListEntry> &)> entries = [&](const std::vector<ListEntry> &list) {
        for (const ListEntry &e : list) {
          if (!e.data.empty()) {
            data_ref(e.data, e.data_pos, scopes);
          }
          entries(e.children);
        }
      };
      entries(b.entries);
      for (const Ref &r : b.data) {
        data_ref(r.id, r.pos, scopes);
      }
      for (const Ref &r : b.parties) {
        party_ref(r, scopes);
      }
      visit(b.children);
    }
  };
  visit(n.body);
  for (const Category &c : n.categories) {
    visit(c.notes);
    for (const Bucket &b : c.buckets) {
      visit(b.notes);
    }
  }
  for (const Party &p : n.parties) {
    if (!used_parties.contains(p.id)) {
      ctx.report("unused-party", p.pos,
                 {"party `" + p.id + "` (" + p.name.value +
                      ") is declared but no item names it; reference it "
                      "in an item's `parties:` or remove it",
                  "相手方 `" + p.id + "`（" + p.name.value +
                      "）は宣言されていますが、どの項目にも使われていません。"
                      "項目の `parties:` で参照するか削除してください"});
    }
  }
  for (const DataSource &d : n.data) {
    if (!used_data.contains(d.id)) {
      ctx.report("unused-data", d.pos,
                 {"data source `" + d.id +
                      "` is declared but no item names it; reference it in an item's `data:` "
                      "or remove it",
                  "個人情報の区分 `" + d.id +
                      "` は宣言されていますが、どの項目にも使われていません。項目の `data:` で"
                      "参照するか削除してください"});
    }
  }
}

void check_validity(Context &ctx, const Validity &v) {
  const Notice &n = ctx.notice();
  const auto is_revision = [&](Date d) {
    return std::any_of(n.revisions.begin(), n.revisions.end(), [&](const Revision &r) { return r.effective == d; });
  };
  if (v.added && !is_revision(*v.added)) {
    ctx.report("unknown-revision", v.added_pos,
               {"`added: " + to_string(*v.added) + "` is not the effective date of a revision under `revisions:`",
                "`added: " + to_string(*v.added) + "` は `revisions:` のどの改正の施行日でもありません"});
  }
  if (v.removed && !is_revision(*v.removed)) {
    ctx.report("unknown-revision", v.removed_pos,
               {"`removed: " + to_string(*v.removed) + "` is not the effective date of a revision under `revisions:`",
                "`removed: " + to_string(*v.removed) + "` は `revisions:` のどの改正の施行日でもありません"});
  }
  if (v.added && v.removed && !(*v.added < *v.removed)) {
    ctx.report("empty-validity", v.removed_pos,
               {"removed on " + to_string(*v.removed) + " but added on " + to_string(*v.added) +
                    ": the element is in no revision",
                to_string(*v.added) + " に追加され " + to_string(*v.removed) +
                    " に削除されており、どの改正版にも含まれません"});
  }
}

void check_revisions(Context &ctx) {
  const Notice &n = ctx.notice();
  for (std::size_t i = 1; i < n.revisions.size(); ++i) {
    const Revision &prev = n.revisions[i - 1];
    const Revision &r = n.revisions[i];
    if (!(prev.effective < r.effective)) {
      ctx.report("revision-order", r.pos,
                 {"revision " + to_string(r.effective) + " does not come after " + to_string(prev.effective) +
                      "; list revisions oldest first, one per effective date",
                  "改正 " + to_string(r.effective) + " が " + to_string(prev.effective) +
                      " より後になっていません。改正は古い順に、施行日ごとに1つずつ並べてください"});
    }
  }
  for (const auto &p : n.preamble) {
    check_validity(ctx, p.validity);
  }
  for (const auto &d : n.data) {
    check_validity(ctx, d.validity);
  }
  for (const auto &p : n.parties) {
    check_validity(ctx, p.validity);
  }
  for (const auto &c : n.categories) {
    check_validity(ctx, c.validity);
    for (const auto &b : c.buckets) {
      check_validity(ctx, b.validity);
      for (const auto &u : b.items) {
        check_validity(ctx, u.validity);
      }
    }
  }
  for (const auto &p : n.postscript) {
    check_validity(ctx, p.validity);
  }
}

// What `import` left for a person to decide stays a finding until the marker is removed.
void check_undecided(Context &ctx) {
  for_each_item(ctx.notice(), [&](const Category &c, const Bucket &b, const UseCase &u) {
    for (const Text &what : u.undecided) {
      const std::string how = what.value == "flow"      ? "set its `flow:` (or leave the bucket's default)"
                              : what.value == "parties" ? "list who receives or sends the data under `parties:`"
                                                        : "list the data it involves under `data:`";
      const std::string how_ja = what.value == "flow" ? "`flow:` を指定してください（区分の既定でよければそのまま）"
                                 : what.value == "parties" ? "提供先・受領元を `parties:` に書いてください"
                                                           : "関係するデータを `data:` に書いてください";
      ctx.report("import-undecided", what.pos,
                 {"item `" + u.id + "`: the import could not decide its " + what.value + "; " + how +
                      ", then remove `" + what.value + "` from `undecided:`",
                  "項目 `" + u.id + "`: 取り込み時に " + what.value + " を決められませんでした。" + how_ja +
                      "。その後 `undecided:` から `" + what.value + "` を削除してください"},
                 {{&u.id, &u.suppress}, {&b.id, &b.suppress}, {&c.id, &c.suppress}});
    }
  });
}

} // namespace

void check_structure_file(Context &ctx) {
  check_ids(ctx);
  check_references(ctx);
  check_revisions(ctx);
  check_undecided(ctx);
}

void check_structure_revision(Context &ctx) {
  const Notice &n = ctx.notice();
  for_each_item(n, [&](const Category &c, const Bucket &b, const UseCase &u) {
    const std::initializer_list<Scope> scopes = {{&u.id, &u.suppress}, {&b.id, &b.suppress}, {&c.id, &c.suppress}};
    const FlowKind flow = effective_flow(u, b);
    const Position at = u.flow ? u.flow_pos : u.pos;
    if (flow == FlowKind::internal && !u.parties.empty()) {
      ctx.report("internal-with-parties", u.parties.front().pos,
                 {"item `" + u.id +
                      "` is internal use but names parties; set its `flow:` (provision, outsourcing, "
                      "joint_use, received) or move it to a provision bucket",
                  "項目 `" + u.id +
                      "` は内部利用ですが相手方が書かれています。`flow:`（provision, outsourcing, "
                      "joint_use, received）を指定するか、提供の区分に移してください"},
                 scopes);
    }
    // A notice recorded without parties (its wording is read instead) has nothing to complete here;
    // an item whose parties an import left undecided is reported once, by import-undecided.
    const bool parties_open =
        std::any_of(u.undecided.begin(), u.undecided.end(), [](const Text &t) { return t.value == "parties"; });
    if (flow != FlowKind::internal && u.parties.empty() && !n.parties.empty() && !parties_open) {
      ctx.report("flow-without-parties", at,
                 {"item `" + u.id + "` is " + std::string(to_string(flow)) +
                      " but names no party; list who receives (or sends) the data under `parties:`",
                  "項目 `" + u.id + "` は " + std::string(to_string(flow)) +
                      " ですが相手方がありません。提供先（受領元）を `parties:` に書いてください"},
                 scopes);
    }
  });
}

} // namespace notice::rules
