#pragma once
// The C types a stdlib entry point may use (CType, CSignature, cSignatureOf): public, since
// host functions are bound through them, so defined in include/sluice/host_abi.h.
// No LLVM here; stdlib_binding.h turns a CSignature into an llvm::FunctionType.
#include "sluice/host_abi.h"
#include "stdlib/abi_types.h"
