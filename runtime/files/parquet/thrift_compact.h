#pragma once
// The Thrift compact protocol, the encoding of every Parquet metadata structure (file footer,
// page headers). Written from the Thrift compact protocol specification: field headers carry
// a field-id delta and a type nibble, integers are zigzag varints, binaries and strings are
// length-prefixed, lists carry their size and element type in one byte when short. Only what
// Parquet uses is here (no sets of structs with maps of maps, no messages).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::parquet {

/// Compact protocol type nibbles.
enum class CType : uint8_t {
  Stop = 0,
  True = 1,  ///< boolean field true (in a field header); boolean element in lists
  False = 2,
  Byte = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  Double = 7,
  Binary = 8,
  List = 9,
  Set = 10,
  Map = 11,
  Struct = 12,
};

/// Appends compact-protocol encoded structs to a byte buffer. Callers open a struct, write
/// its fields in increasing id order, and close it; nesting is tracked here because field-id
/// deltas are relative to the previous field of the same struct.
class ThriftWriter {
 public:
  /// The encoded bytes so far.
  const std::string& bytes() const { return out_; }
  /// Moves the encoded bytes out.
  std::string take() { return std::move(out_); }

  /// Starts a struct (the top-level one, a list element, or after fieldStruct()).
  void beginStruct();
  /// Writes the STOP byte and returns to the enclosing struct.
  void endStruct();

  void fieldBool(int16_t id, bool v);
  void fieldByte(int16_t id, int8_t v);
  void fieldI32(int16_t id, int32_t v);
  void fieldI64(int16_t id, int64_t v);
  void fieldBinary(int16_t id, std::string_view v);
  /// A struct-valued field: writes the header and begins the struct (close with endStruct()).
  void fieldStruct(int16_t id);
  /// A list-valued field of `size` elements of `elem` type; then write the elements with the
  /// element writers below (structs: beginStruct / endStruct each).
  void fieldList(int16_t id, CType elem, size_t size);

  void elemI32(int32_t v) { varint(zigzag(v)); }
  void elemBinary(std::string_view v);

 private:
  void fieldHeader(int16_t id, CType t);
  void varint(uint64_t v);
  static uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ (v >> 63); }

  std::string out_;
  std::vector<int16_t> lastId_;  // per open struct: the previous field id
};

/// Reads compact-protocol data from a bounded buffer. Every read is bounds-checked; a
/// malformed or truncated buffer throws ThriftError (callers turn it into an ExecutionError
/// naming the file and what was being read).
class ThriftReader {
 public:
  ThriftReader(const uint8_t* data, size_t size) : p_(data), end_(data + size), begin_(data) {}

  /// Bytes consumed so far.
  size_t position() const { return static_cast<size_t>(p_ - begin_); }

  /// Enters a struct: resets the field-id delta base.
  void beginStruct() { lastId_.push_back(0); }
  /// Leaves a struct (after readField returned false).
  void endStruct() { lastId_.pop_back(); }
  /// The next field's id and type; false at the struct's STOP byte.
  bool readField(int16_t* id, CType* type);

  /// A boolean field's value is in its type nibble (True / False).
  static bool fieldBool(CType t) { return t == CType::True; }
  int32_t readI32();
  int64_t readI64();
  int8_t readByte();
  double readDouble();
  std::string readBinary();
  /// A list header: element type and size.
  void readListHeader(CType* elem, uint32_t* size);
  /// A boolean list element.
  bool readBoolElem() { return readByte() == 1; }

  /// Skips a value of type `t` (unknown fields written by newer writers).
  void skip(CType t, int depth = 0);

 private:
  uint64_t varint();
  void need(size_t n) const;

  const uint8_t* p_;
  const uint8_t* end_;
  const uint8_t* begin_;
  std::vector<int16_t> lastId_;
};

/// A malformed compact-protocol buffer.
struct ThriftError {
  std::string what;  ///< what was wrong
};

}  // namespace sluice::parquet
