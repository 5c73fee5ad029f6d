#include "runtime/stream/stream_join_state.h"

#include <algorithm>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "runtime/exec/slot_values.h"

namespace sluice {
namespace {

std::vector<TypePtr> typesOf(const std::vector<Attribute>& attrs) {
  std::vector<TypePtr> out;
  for (const auto& a : attrs) out.push_back(a.type);
  return out;
}

void putSeq(std::string& out, uint64_t seq) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((seq >> (8 * i)) & 0xff));
}

uint64_t getSeq(std::string_view in) {
  uint64_t v = 0;
  for (unsigned char c : in) v = (v << 8) | c;
  return v;
}

// Key bytes: a flag byte (0: a key that can match, 1: a NULL in the key, never matches),
// then the canonical encodings of the key values.
constexpr char kMatchable = 0, kNullKey = 1;

}  // namespace

// One input of the join: its buffered rows by key, the batch's new rows, its store.
struct StreamJoinState::Side : RowSink {
  struct Row {
    uint64_t seq = 0;  // order of arrival (the store key's suffix)
    std::vector<Value> values;
    bool matched = false;
  };

  std::vector<Attribute> attrs;
  std::vector<TypePtr> types;
  std::vector<ExprPtr> keys;
  std::vector<TypePtr> keyTypes;  // the left keys' types: both sides encode keys alike
  std::optional<StateTimeBound> bound;
  std::optional<size_t> lateColumn;
  bool outer = false;  // unmatched rows are emitted NULL-padded when they leave the state
  std::unique_ptr<StateStore> store;
  absl::flat_hash_map<std::string, std::vector<Row>> rows;
  uint64_t nextSeq = 0;
  int64_t count = 0;
  std::vector<std::vector<Value>> pending;  // this batch's rows
  std::unique_ptr<RowEvaluator> keyEval;

  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    std::vector<Value> row(types.size());
    for (size_t c = 0; c < types.size(); ++c)
      if (!nulls[c] && types[c]->id() != TypeId::Null)
        row[c] = storageToValue(slots[c].bytes, *types[c]);
    pending.push_back(std::move(row));
  }

  std::string keyOf(const std::vector<Value>& row) const {
    std::string key(1, kMatchable);
    for (size_t k = 0; k < keys.size(); ++k) {
      Value v = keyEval->eval(keys[k], {&row});
      if (v.isNull()) return std::string(1, kNullKey);
      if (!keys[k]->type->equals(*keyTypes[k])) v = castValue(v, *keys[k]->type, *keyTypes[k]);
      if (v.isNull()) return std::string(1, kNullKey);
      encodeValueKey(key, v, *keyTypes[k]);
    }
    return key;
  }

  std::string storeKey(const std::string& key, uint64_t seq) const {
    std::string k = key;
    putSeq(k, seq);
    return k;
  }

  void save(const std::string& key, const Row& r) {
    std::string v(1, r.matched ? '\1' : '\0');
    for (size_t c = 0; c < types.size(); ++c) encodeValue(v, r.values[c], *types[c]);
    store->put(storeKey(key, r.seq), v);
  }

  // Rebuilds the rows from the store's current version.
  void rebuild() {
    rows.clear();
    nextSeq = 0;
    count = 0;
    pending.clear();
    const std::string where =
        store->dir().string() + " (state version " + std::to_string(store->version()) + ")";
    store->forEach([&](std::string_view k, std::string_view v) {
      if (k.size() < 9 || v.empty())
        throw ExecutionError("corrupt stream-stream join state in " + where);
      Row r;
      r.seq = getSeq(k.substr(k.size() - 8));
      r.matched = v[0] != 0;
      const std::string value(v.substr(1));
      size_t pos = 0;
      for (size_t c = 0; c < types.size(); ++c) {
        if (pos >= value.size())
          throw ExecutionError("corrupt stream-stream join state in " + where +
                               ": a row has fewer columns than the join's input (was the "
                               "query changed?)");
        r.values.push_back(decodeKeyValue(value, &pos, *types[c]));
      }
      nextSeq = std::max(nextSeq, r.seq + 1);
      rows[std::string(k.substr(0, k.size() - 8))].push_back(std::move(r));
      ++count;
    });
    for (auto& [k, v] : rows)
      std::sort(v.begin(), v.end(), [](const Row& a, const Row& b) { return a.seq < b.seq; });
  }
};

StreamJoinState::StreamJoinState(const PhysStreamJoin& op, const std::filesystem::path& dir,
                                 const StateStoreOptions& options, int64_t version)
    : op_(op), outTypes_(typesOf(op.output())), eval_({op.left()->output(), op.right()->output()}) {
  std::vector<TypePtr> keyTypes;
  for (const auto& k : op.leftKeys) keyTypes.push_back(k->type);
  for (int s = 0; s < 2; ++s) {
    auto side = std::make_unique<Side>();
    side->attrs = op.children()[static_cast<size_t>(s)]->output();
    side->types = typesOf(side->attrs);
    side->keys = s == 0 ? op.leftKeys : op.rightKeys;
    side->keyTypes = keyTypes;
    side->bound = s == 0 ? op.leftBound : op.rightBound;
    side->lateColumn = s == 0 ? op.leftLateColumn : op.rightLateColumn;
    side->outer = op.type == JoinKind::FullOuter ||
                  (s == 0 ? op.type == JoinKind::LeftOuter : op.type == JoinKind::RightOuter);
    side->keyEval =
        std::make_unique<RowEvaluator>(std::vector<std::vector<Attribute>>{side->attrs});
    side->store = std::make_unique<StateStore>(dir / (s == 0 ? "left" : "right"), options);
    side->store->load(version);
    side->rebuild();
    sides_[s] = std::move(side);
  }
}

StreamJoinState::~StreamJoinState() = default;

RowSink* StreamJoinState::input(size_t child) {
  return sides_[child == 0 ? 0 : 1].get();
}

int64_t StreamJoinState::numRows() const {
  return sides_[0]->count + sides_[1]->count;
}

void StreamJoinState::emitPair(const std::vector<Value>* left, const std::vector<Value>* right,
                               ColumnBatchBuilder& out) const {
  size_t c = 0;
  auto put = [&](const std::vector<Value>* row, size_t width) {
    for (size_t i = 0; i < width; ++i, ++c) {
      if (!row || (*row)[i].isNull() || outTypes_[c]->id() == TypeId::Null)
        out.setNull(c);
      else
        setValue(out, c, (*row)[i], *outTypes_[c]);
    }
  };
  put(left, sides_[0]->types.size());
  if (op_.type != JoinKind::LeftSemi) put(right, sides_[1]->types.size());
  out.endRow();
}

void StreamJoinState::joinNewRows(int s, ColumnBatchBuilder& out) {
  Side& me = *sides_[s];
  Side& other = *sides_[1 - s];
  const bool semi = op_.type == JoinKind::LeftSemi;
  for (auto& values : me.pending) {
    // Late rows: at or below the watermark on the side's event time (Spark drops them).
    if (me.lateColumn && watermarkMicros_) {
      const Value& t = values[*me.lateColumn];
      if (!t.isNull() && t.asInt() <= *watermarkMicros_) {
        ++dropped_;
        continue;
      }
    }
    const std::string key = me.keyOf(values);
    bool matched = false;
    if (key[0] == kMatchable)
      if (auto it = other.rows.find(key); it != other.rows.end())
        for (Side::Row& o : it->second) {
          const std::vector<Value>* l = s == 0 ? &values : &o.values;
          const std::vector<Value>* r = s == 0 ? &o.values : &values;
          if (!eval_.test(op_.condition, {l, r})) continue;
          matched = true;
          if (!semi)
            emitPair(l, r, out);
          else if (s == 1 && !o.matched)
            emitPair(&o.values, nullptr, out);  // a left row's first match
          if (!o.matched) {
            o.matched = true;
            other.save(key, o);
          }
        }
    if (semi && s == 0 && matched) emitPair(&values, nullptr, out);
    // A row whose key holds a NULL can never match: only an outer side keeps it (to emit it
    // NULL-padded when the watermark passes).
    if (key[0] != kMatchable && !me.outer) continue;
    Side::Row row{me.nextSeq++, std::move(values), matched};
    me.save(key, row);
    me.rows[key].push_back(std::move(row));
    ++me.count;
    ++updated_;
  }
  me.pending.clear();
}

void StreamJoinState::evict(int s, ColumnBatchBuilder& out) {
  Side& me = *sides_[s];
  if (!me.bound || !watermarkMicros_) return;
  const int64_t w = *watermarkMicros_;
  for (auto it = me.rows.begin(); it != me.rows.end();) {
    std::vector<Side::Row>& rows = it->second;
    size_t kept = 0;
    for (Side::Row& r : rows) {
      const Value& t = r.values[me.bound->column];
      // A NULL time never satisfies the range condition: such a row can never match.
      if (!t.isNull() && t.asInt() + me.bound->offsetMicros > w) {
        if (&rows[kept] != &r) rows[kept] = std::move(r);
        ++kept;
        continue;
      }
      if (me.outer && !r.matched)
        emitPair(s == 0 ? &r.values : nullptr, s == 0 ? nullptr : &r.values, out);
      me.store->remove(me.storeKey(it->first, r.seq));
      --me.count;
      ++removed_;
    }
    rows.resize(kept);
    if (rows.empty())
      me.rows.erase(it++);
    else
      ++it;
  }
}

void StreamJoinState::produce(const BatchConsumer& consume) {
  ColumnBatchBuilder out(outTypes_);
  joinNewRows(0, out);
  joinNewRows(1, out);
  evict(0, out);
  evict(1, out);
  consume(out.finish());
}

StateOperatorProgress StreamJoinState::commit(int64_t version) {
  StateOperatorProgress p;
  p.operatorName = "symmetricHashJoin";
  for (auto& side : sides_) {
    const StateCommitMetrics m = side->store->commit(version);
    p.numRowsTotal += m.numRowsTotal;
    p.commitTimeMs += m.commitTimeMs;
    p.memoryUsedBytes += m.memoryUsedBytes;
  }
  p.numRowsUpdated = updated_;
  p.numRowsRemoved = removed_;
  p.numRowsDroppedByWatermark = dropped_;
  p.numShufflePartitions = 1;
  p.numStateStoreInstances = 2;
  updated_ = removed_ = dropped_ = 0;
  return p;
}

void StreamJoinState::abort() {
  for (auto& side : sides_) {
    side->store->abort();
    side->rebuild();
  }
  updated_ = removed_ = dropped_ = 0;
}

}  // namespace sluice
