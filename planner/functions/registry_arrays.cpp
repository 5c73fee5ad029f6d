// Spark's array functions beyond registry_collections.cpp: sequence (and the table-valued
// range built on it). Kernels are Values code here and the emitters of
// codegen/nested_codegen_arrays.cpp; both follow Spark's rules and error texts.
#include <optional>

#include "planner/functions/registry_rows.h"

namespace sluice {
namespace {

using namespace fnrow;

// Spark's ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH.
constexpr int64_t kMaxArrayLength = 2147483632;

Resolution sequenceRule(const ResolveContext& c) {
  TypePtr t = c.type(0);
  for (size_t i = 1; i < c.args.size(); ++i) {
    t = commonType(t, c.type(i));
    if (!t) failArg(c, i, "the type of the other bounds (" + c.type(0)->toString() + ")");
  }
  if (t->id() == TypeId::Null) t = DataType::integer();
  if (!t->isIntegral()) failArg(c, 0, "an integral start, stop and step");
  Resolution r;
  r.result = DataType::arrayOf(t, false);
  r.argTypes.resize(c.args.size());
  for (size_t i = 0; i < c.args.size(); ++i)
    if (!c.type(i)->equals(*t)) r.argTypes[i] = t;
  return r;
}

}  // namespace

std::optional<int64_t> sequenceLength(int64_t start, int64_t stop, int64_t step,
                                      std::string* error) {
  if ((step > 0 && start > stop) || (step < 0 && start < stop) || (step == 0 && start != stop)) {
    *error = "Illegal sequence boundaries: " + std::to_string(start) + " to " +
             std::to_string(stop) + " by " + std::to_string(step);
    return std::nullopt;
  }
  const __int128 n = step == 0 ? 1 : (static_cast<__int128>(stop) - start) / step + 1;
  if (n > kMaxArrayLength) {
    *error = "Too long sequence: " + std::to_string(static_cast<int64_t>(n)) +
             ". Should be <= " + std::to_string(kMaxArrayLength);
    return std::nullopt;
  }
  return static_cast<int64_t>(n);
}

void registerArrayFunctions(FunctionRegistry& r) {
  scalar(r, "sequence", "integral, integral [, integral] -> ?")
      .emitter("sequence")
      .rule(sequenceRule)
      .fold([](const Args& v, const Expr& call) {
        const int64_t start = v[0].asInt(), stop = v[1].asInt();
        const int64_t step = v.size() > 2 ? v[2].asInt() : (start <= stop ? 1 : -1);
        std::string error;
        const auto n = sequenceLength(start, stop, step, &error);
        if (!n) throw std::invalid_argument(error);
        Value::List out;
        for (int64_t i = 0; i < *n; ++i)
          out.push_back(i64(wrapTo(call.type->elementType()->id(), start + i * step)));
        return Value::list(std::move(out));
      });
}

}  // namespace sluice
