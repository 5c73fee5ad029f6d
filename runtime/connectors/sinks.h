#pragma once
// The built-in sinks, one file each (kafka_sink.cpp, console_sink.cpp, noop_sink.cpp,
// callback_sink.cpp), registered in registry.cpp.
#include <memory>
#include <string>
#include <vector>

#include "planner/physical/phys_sink.h"
#include "runtime/connectors/stream_sink.h"

namespace sluice {

std::unique_ptr<StreamSink> openKafkaSink(const PhysSink& sink);
std::unique_ptr<StreamSink> openConsoleSink(const PhysSink& sink);
std::unique_ptr<StreamSink> openNoopSink(const PhysSink& sink);

/// The names / types of `columns` (TableBuilder's arguments).
std::vector<std::string> columnNames(const std::vector<Attribute>& columns);
std::vector<TypePtr> columnTypes(const std::vector<Attribute>& columns);

}  // namespace sluice
