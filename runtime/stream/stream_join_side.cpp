#include "runtime/stream/stream_join_side.h"

#include <algorithm>

namespace sluice {

void JoinSideRows::add(JoinSideRow row) {
  uint32_t id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
    rows_[id] = std::move(row);
  } else {
    id = static_cast<uint32_t>(rows_.size());
    rows_.push_back(std::move(row));
  }
  const JoinSideRow& r = rows_[id];
  byKey_[r.key].push_back(id);
  if (byTime_) due_.emplace(r.time, id);
}

const std::vector<uint32_t>* JoinSideRows::find(std::string_view key) const {
  auto it = byKey_.find(key);
  return it == byKey_.end() ? nullptr : &it->second;
}

void JoinSideRows::evictDue(int64_t limit, const std::function<void(const JoinSideRow&)>& f) {
  while (!due_.empty() && due_.top().first <= limit) {
    const uint32_t id = due_.top().second;
    due_.pop();
    JoinSideRow& r = rows_[id];
    f(r);
    auto it = byKey_.find(r.key);
    std::vector<uint32_t>& ids = it->second;
    ids.erase(std::find(ids.begin(), ids.end(), id));
    if (ids.empty()) byKey_.erase(it);
    r = JoinSideRow{};  // frees the strings
    free_.push_back(id);
  }
}

void JoinSideRows::clear() {
  rows_.clear();
  free_.clear();
  byKey_.clear();
  due_ = {};
}

}  // namespace sluice
