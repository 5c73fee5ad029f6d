// Session windows: merging the groups of overlapping sessions (part of AggregateTable,
// declared in aggregate_table.h). Each row's group is keyed by its own session [ts, ts + gap);
// here groups with equal other keys are sorted by session start and swept, as Spark's
// MergingSessionsIterator does: a session starting at or before the current one's end joins
// it, the end growing to the larger of the two.
#include <algorithm>
#include <cstring>

#include "frontend/error.h"
#include "runtime/exec/aggregate_table.h"
#include "runtime/exec/slot_values.h"

namespace sluice {
namespace {

// A group's key cut around its session: the other keys' encoding (prefix + suffix) and the
// session bounds.
struct SessionKey {
  std::string prefix, suffix;
  int64_t start = 0, end = 0;
};

}  // namespace

void AggregateTable::setSessionKey(size_t index) {
  const DataType& t = *layout_.keyTypes.at(index);
  if (t.id() != TypeId::Struct || t.fields().size() != 2)
    throw ExecutionError("internal: the session key is not a struct<start, end>");
  for (const AggFunctionLayout& f : layout_.functions) {
    if (f.kind != AggKind::Generic || makeAccumulator(f)->mergeable()) continue;
    throw ExecutionError(
        "aggregate function " + f.call->toString() +
        " cannot be used with session_window: merging two sessions needs to combine its "
        "state, which sluice supports for count, sum, avg, min, max, first, last, "
        "collect_list, collect_set, count_if, bool_and and bool_or");
  }
  sessionKey_ = index;
}

size_t AggregateTable::mergeSessions() {
  if (!sessionKey_ || groups_.size() < 2) return 0;
  const size_t sk = *sessionKey_;
  std::vector<SessionKey> keys(groups_.size());
  absl::flat_hash_map<std::string, std::vector<size_t>> byOthers;
  for (size_t i = 0; i < groups_.size(); ++i) {
    const std::string& k = groups_[i].key;
    size_t pos = 0;
    for (size_t c = 0; c < sk; ++c) decodeKeyValue(k, &pos, *layout_.keyTypes[c]);
    const size_t at = pos;
    const Value w = decodeKeyValue(k, &pos, *layout_.keyTypes[sk]);
    SessionKey& s = keys[i];
    s.prefix = k.substr(0, at);
    s.suffix = k.substr(pos);
    if (w.isNull() || w.asList().at(0).isNull() || w.asList().at(1).isNull()) continue;
    s.start = w.asList()[0].asInt();
    s.end = w.asList()[1].asInt();
    byOthers[s.prefix + s.suffix].push_back(i);
  }
  std::vector<bool> gone(groups_.size(), false);
  size_t merged = 0;
  for (auto& [others, idx] : byOthers) {
    if (idx.size() < 2) continue;
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      return keys[a].start != keys[b].start ? keys[a].start < keys[b].start
                                            : keys[a].end < keys[b].end;
    });
    // Sweeps runs of overlapping sessions; the run's first group takes in the others.
    size_t head = idx[0];
    int64_t end = keys[head].end;
    auto close = [&] {
      if (end == keys[head].end) return;  // nothing joined, or the key is unchanged
      Group& g = groups_[head];
      evicted_.push_back(g.key);
      index_.erase(g.key);
      const Value w = Value::list({Value::integer(keys[head].start), Value::integer(end)});
      std::string key = keys[head].prefix;
      encodeValueKey(key, w, *layout_.keyTypes[sk]);
      key += keys[head].suffix;
      g.key = std::move(key);
      g.eventTime = end;
      keys[head].end = end;
    };
    for (size_t j = 1; j < idx.size(); ++j) {
      const size_t i = idx[j];
      if (keys[i].start > end) {
        close();
        head = i;
        end = keys[i].end;
        continue;
      }
      Group& into = groups_[head];
      combine(into.state, groups_[i].state);
      into.updated = true;
      // The head's key changes only if the end grows; a joined group's key always goes.
      if (keys[i].end > end) end = keys[i].end;
      evicted_.push_back(groups_[i].key);
      gone[i] = true;
      ++merged;
    }
    close();
  }
  if (merged == 0) return 0;
  std::vector<Group> kept;
  kept.reserve(groups_.size() - merged);
  for (size_t i = 0; i < groups_.size(); ++i) {
    if (gone[i]) {
      deadBytes_ += layout_.stateSize;
      continue;
    }
    kept.push_back(std::move(groups_[i]));
  }
  groups_ = std::move(kept);
  index_.clear();
  for (size_t i = 0; i < groups_.size(); ++i) index_.emplace(groups_[i].key, i);
  compactIfWasteful();
  return merged;
}

}  // namespace sluice
