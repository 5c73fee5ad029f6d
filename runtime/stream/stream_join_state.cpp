#include "runtime/stream/stream_join_state.h"

#include <algorithm>
#include <cstring>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "runtime/exec/slot_values.h"
#include "runtime/stream/row_evaluator.h"

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

int64_t slotMicros(const RowSlot& slot) {
  int64_t t;
  std::memcpy(&t, slot.bytes, sizeof t);
  return t;
}

// Key bytes: a flag byte (0: a key that can match, 1: a NULL in the key, never matches),
// then the canonical encodings of the key values.
constexpr char kMatchable = 0, kNullKey = 1;

}  // namespace

// One input of the join: its buffered rows by key, the batch's new rows, its store.
struct StreamJoinState::Side : RowSink {
  // A new row of the batch, encoded as it will be buffered.
  struct Pending {
    std::string key, value;
    int64_t time = INT64_MIN;  // the bound column
    bool late = false;         // the late column is at or below this batch's watermark
    int32_t partition = 0;
  };

  std::vector<Attribute> attrs;
  std::vector<TypePtr> types;
  std::vector<ExprPtr> keys;
  std::vector<TypePtr> keyTypes;  // the left keys' types: both sides encode keys alike
  // Per key, the column it is when it is a column of the key's type (encoded from the slot).
  std::vector<size_t> keyColumns;
  bool keysAreColumns = true;
  std::optional<StateTimeBound> bound;
  std::optional<size_t> lateColumn;
  const std::optional<int64_t>* watermarkMicros = nullptr;
  bool outer = false;  // unmatched rows are emitted NULL-padded when they leave the state
  std::unique_ptr<PartitionedStateStore> store;
  std::unique_ptr<JoinSideRows> rows;
  uint64_t nextSeq = 0;
  std::vector<Pending> pending;           // this batch's rows
  std::unique_ptr<RowEvaluator> keyEval;  // keys that are expressions
  std::string storeKey_;                  // reused

  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    Pending p;
    p.value.push_back('\0');  // not matched yet
    for (size_t c = 0; c < types.size(); ++c)
      encodeStorage(p.value, slots[c].bytes, nulls[c] || types[c]->id() == TypeId::Null, *types[c]);
    if (keysAreColumns) {
      p.key.push_back(kMatchable);
      for (size_t k = 0; k < keyColumns.size(); ++k) {
        const size_t c = keyColumns[k];
        if (nulls[c]) {
          p.key.assign(1, kNullKey);
          break;
        }
        encodeKey(p.key, slots[c].bytes, false, *keyTypes[k]);
      }
    } else {
      std::vector<Value> row(types.size());
      for (size_t c = 0; c < types.size(); ++c)
        if (!nulls[c] && types[c]->id() != TypeId::Null)
          row[c] = storageToValue(slots[c].bytes, *types[c]);
      p.key = keyOf(row);
    }
    if (bound && !nulls[bound->column]) p.time = slotMicros(slots[bound->column]);
    if (lateColumn && !nulls[*lateColumn] && *watermarkMicros)
      p.late = slotMicros(slots[*lateColumn]) <= **watermarkMicros;
    p.partition = PartitionedStateStore::partitionOf(p.key, store->partitions());
    pending.push_back(std::move(p));
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

  const std::string& storeKey(const std::string& key, uint64_t seq) {
    storeKey_ = key;
    putSeq(storeKey_, seq);
    return storeKey_;
  }

  void save(const JoinSideRow& r) {
    store->partition(r.partition).put(storeKey(r.key, r.seq), r.value);
  }
  void remove(const JoinSideRow& r) {
    store->partition(r.partition).remove(storeKey(r.key, r.seq));
  }

  // Rebuilds the rows from the store's current version.
  void rebuild() {
    rows->clear();
    nextSeq = 0;
    pending.clear();
    std::vector<JoinSideRow> loaded;
    store->forEach([&](std::string_view k, std::string_view v, const StateStore& from) {
      const std::string where =
          from.dir().string() + " (state version " + std::to_string(from.version()) + ")";
      if (k.size() < 9 || v.empty())
        throw ExecutionError("corrupt stream-stream join state in " + where);
      JoinSideRow r;
      r.key = std::string(k.substr(0, k.size() - 8));
      r.seq = getSeq(k.substr(k.size() - 8));
      r.value = std::string(v);
      r.time = INT64_MIN;
      r.partition = PartitionedStateStore::partitionOf(r.key, store->partitions());
      size_t pos = 1;
      for (size_t c = 0; c < types.size(); ++c) {
        if (pos >= r.value.size())
          throw ExecutionError("corrupt stream-stream join state in " + where +
                               ": a row has fewer columns than the join's input (was the "
                               "query changed?)");
        const Value x = decodeKeyValue(r.value, &pos, *types[c]);
        if (bound && c == bound->column && !x.isNull()) r.time = x.asInt();
      }
      nextSeq = std::max(nextSeq, r.seq + 1);
      loaded.push_back(std::move(r));
    });
    // Arrival order within a key, as the rows were buffered.
    std::sort(loaded.begin(), loaded.end(),
              [](const JoinSideRow& a, const JoinSideRow& b) { return a.seq < b.seq; });
    for (auto& r : loaded) rows->add(std::move(r));
  }
};

namespace {

// Decodes the columns `wanted` (sorted) of an encoded row into `out` (indexed by column).
void decodeColumns(const std::string& value, const std::vector<TypePtr>& types,
                   const std::vector<size_t>& wanted, std::vector<Value>& out) {
  size_t pos = 1, next = 0;
  for (size_t c = 0; c < types.size() && next < wanted.size(); ++c) {
    Value v = decodeKeyValue(value, &pos, *types[c]);
    if (c == wanted[next]) {
      out[c] = std::move(v);
      ++next;
    }
  }
}

}  // namespace

StreamJoinState::StreamJoinState(const PhysStreamJoin& op, const std::filesystem::path& stateRoot,
                                 int64_t operatorId, int32_t partitions,
                                 const StateStoreOptions& options, int64_t version)
    : op_(op), partitions_(partitions), outTypes_(typesOf(op.output())) {
  std::vector<TypePtr> keyTypes;
  for (const auto& k : op.leftKeys) keyTypes.push_back(k->type);
  for (int s = 0; s < 2; ++s) {
    auto side = std::make_unique<Side>();
    side->attrs = op.children()[static_cast<size_t>(s)]->output();
    side->types = typesOf(side->attrs);
    side->keys = s == 0 ? op.leftKeys : op.rightKeys;
    side->keyTypes = keyTypes;
    for (size_t k = 0; k < side->keys.size() && side->keysAreColumns; ++k) {
      const ExprPtr& e = side->keys[k];
      side->keysAreColumns = false;
      if (e->kind != ExprKind::ColumnRef || !e->type->equals(*keyTypes[k])) break;
      for (size_t c = 0; c < side->attrs.size(); ++c)
        if (side->attrs[c].id == e->attr.id) {
          side->keyColumns.push_back(c);
          side->keysAreColumns = true;
          break;
        }
    }
    side->bound = s == 0 ? op.leftBound : op.rightBound;
    side->lateColumn = s == 0 ? op.leftLateColumn : op.rightLateColumn;
    side->watermarkMicros = &watermarkMicros_;
    side->outer = op.type == JoinKind::FullOuter ||
                  (s == 0 ? op.type == JoinKind::LeftOuter : op.type == JoinKind::RightOuter);
    side->keyEval =
        std::make_unique<RowEvaluator>(std::vector<std::vector<Attribute>>{side->attrs});
    side->rows = std::make_unique<JoinSideRows>(side->bound.has_value());
    side->store = std::make_unique<PartitionedStateStore>(stateRoot, operatorId, partitions,
                                                          options, s == 0 ? "left" : "right");
    side->store->load(version);
    side->rebuild();
    condRows_[s].resize(side->types.size());
    sides_[s] = std::move(side);
  }
  if (op.condition)
    condition_ = std::make_unique<PreparedRowExpr>(
        op.condition, std::vector<std::vector<Attribute>>{sides_[0]->attrs, sides_[1]->attrs});
}

StreamJoinState::~StreamJoinState() = default;

RowSink* StreamJoinState::input(size_t child) {
  return sides_[child == 0 ? 0 : 1].get();
}

int64_t StreamJoinState::numRows() const {
  return sides_[0]->rows->size() + sides_[1]->rows->size();
}

// Side `s`'s columns the condition reads are already decoded (once per new row).
bool StreamJoinState::conditionHolds(int s, const std::string& other) {
  if (!condition_) return true;
  decodeColumns(other, sides_[1 - s]->types, condition_->columnsOf(1 - s), condRows_[1 - s]);
  return condition_->test({&condRows_[0], &condRows_[1]});
}

void StreamJoinState::emitPair(const std::string* left, const std::string* right,
                               ColumnBatchBuilder& out) const {
  size_t c = 0;
  auto put = [&](const std::string* row, size_t width) {
    size_t pos = 1;  // after the matched byte
    for (size_t i = 0; i < width; ++i, ++c) {
      if (!row || outTypes_[c]->id() == TypeId::Null) {
        if (row) decodeKeyValue(*row, &pos, *outTypes_[c]);  // skips it
        out.setNull(c);
      } else {
        decodeKey(*row, &pos, out, c, *outTypes_[c]);
      }
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
  for (Side::Pending& p : me.pending) {
    // Late rows: at or below the watermark on the side's event time (Spark drops them).
    if (p.late) {
      ++dropped_;
      continue;
    }
    bool matched = false;
    const std::vector<uint32_t>* ids = p.key[0] == kMatchable ? other.rows->find(p.key) : nullptr;
    if (ids && condition_) decodeColumns(p.value, me.types, condition_->columnsOf(s), condRows_[s]);
    if (ids)
      for (uint32_t id : *ids) {
        JoinSideRow& o = other.rows->row(id);
        if (!conditionHolds(s, o.value)) continue;
        matched = true;
        const std::string* l = s == 0 ? &p.value : &o.value;
        const std::string* r = s == 0 ? &o.value : &p.value;
        if (!semi)
          emitPair(l, r, out);
        else if (s == 1 && !o.matched())
          emitPair(&o.value, nullptr, out);  // a left row's first match
        if (!o.matched()) {
          o.value[0] = '\1';
          other.save(o);
        }
      }
    if (semi && s == 0 && matched) emitPair(&p.value, nullptr, out);
    // A row whose key holds a NULL can never match: only an outer side keeps it (to emit it
    // NULL-padded when the watermark passes).
    if (p.key[0] != kMatchable && !me.outer) continue;
    JoinSideRow row{std::move(p.key), std::move(p.value), me.nextSeq++, p.time, p.partition};
    row.value[0] = matched ? '\1' : '\0';
    me.save(row);
    me.rows->add(std::move(row));
    ++updated_;
  }
  me.pending.clear();
}

void StreamJoinState::evict(int s, ColumnBatchBuilder& out) {
  Side& me = *sides_[s];
  if (!me.bound || !watermarkMicros_) return;
  // Done once time + offset <= watermark; a NULL time (INT64_MIN) never satisfies the range
  // condition, so such a row can never match and goes at once.
  const int64_t offset = me.bound->offsetMicros, w = *watermarkMicros_;
  const int64_t limit = offset >= 0 ? (w < INT64_MIN + offset ? INT64_MIN : w - offset)
                                    : (w > INT64_MAX + offset ? INT64_MAX : w - offset);
  me.rows->evictDue(limit, [&](const JoinSideRow& r) {
    if (me.outer && !r.matched())
      emitPair(s == 0 ? &r.value : nullptr, s == 0 ? nullptr : &r.value, out);
    me.remove(r);
    ++removed_;
  });
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
  p.numShufflePartitions = partitions_;
  p.numStateStoreInstances = 2 * partitions_;
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
