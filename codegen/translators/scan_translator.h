#pragma once
// Scan: the source of a pipeline. Loops over the rows of the batch and binds each column of
// the scan to its value in the current row, read from KernelArgs::columns (see abi.h).
#include "codegen/translators/translator.h"
#include "planner/physical/phys_scan.h"

namespace sluice {

class ScanTranslator : public OperatorTranslator {
 public:
  explicit ScanTranslator(const PhysScan& scan) : OperatorTranslator(scan), scan_(scan) {}
  void produce(PipelineContext& ctx) override;
  /// Never called: a scan has no child.
  void consume(PipelineContext& ctx) override;

 private:
  const PhysScan& scan_;
};

/// The element type of a column's `values` array in the kernel ABI (booleans and untyped
/// NULLs are bytes); throws CodegenError for types the ABI does not carry yet.
llvm::Type* storageType(PipelineContext& ctx, const DataType& type);

}  // namespace sluice
