#pragma once
// Convenience include of every physical operator.
#include "planner/physical/phys_filter.h"
#include "planner/physical/phys_generate.h"
#include "planner/physical/phys_hash_aggregate.h"
#include "planner/physical/phys_hash_join.h"
#include "planner/physical/phys_limit.h"
#include "planner/physical/phys_project.h"
#include "planner/physical/phys_scan.h"
#include "planner/physical/phys_sink.h"
#include "planner/physical/phys_sort.h"
#include "planner/physical/phys_stream_join.h"
#include "planner/physical/phys_union.h"
#include "planner/physical/phys_watermark.h"
