#include "codegen/translators/generate_translator.h"

#include "frontend/error.h"

namespace sluice {

void GenerateTranslator::consume(PipelineContext&) {
  throw CodegenError("Generate is not supported by the code generator yet");
}

}  // namespace sluice
