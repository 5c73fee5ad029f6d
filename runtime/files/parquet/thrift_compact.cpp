#include "runtime/files/parquet/thrift_compact.h"

#include <cstring>

namespace sluice::parquet {

// ---- writer ----

void ThriftWriter::beginStruct() {
  lastId_.push_back(0);
}

void ThriftWriter::endStruct() {
  out_.push_back(static_cast<char>(CType::Stop));
  lastId_.pop_back();
}

void ThriftWriter::varint(uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void ThriftWriter::fieldHeader(int16_t id, CType t) {
  int16_t& last = lastId_.back();
  const int delta = id - last;
  // Short form: the id delta (1..15) in the high nibble; long form: a zero nibble and the id
  // as a zigzag varint.
  if (delta > 0 && delta <= 15) {
    out_.push_back(static_cast<char>((delta << 4) | static_cast<int>(t)));
  } else {
    out_.push_back(static_cast<char>(t));
    varint(zigzag(id));
  }
  last = id;
}

void ThriftWriter::fieldBool(int16_t id, bool v) {
  fieldHeader(id, v ? CType::True : CType::False);
}

void ThriftWriter::fieldByte(int16_t id, int8_t v) {
  fieldHeader(id, CType::Byte);
  out_.push_back(static_cast<char>(v));
}

void ThriftWriter::fieldI32(int16_t id, int32_t v) {
  fieldHeader(id, CType::I32);
  varint(zigzag(v));
}

void ThriftWriter::fieldI64(int16_t id, int64_t v) {
  fieldHeader(id, CType::I64);
  varint(zigzag(v));
}

void ThriftWriter::fieldBinary(int16_t id, std::string_view v) {
  fieldHeader(id, CType::Binary);
  elemBinary(v);
}

void ThriftWriter::elemBinary(std::string_view v) {
  varint(v.size());
  out_.append(v.data(), v.size());
}

void ThriftWriter::fieldStruct(int16_t id) {
  fieldHeader(id, CType::Struct);
  beginStruct();
}

void ThriftWriter::fieldList(int16_t id, CType elem, size_t size) {
  fieldHeader(id, CType::List);
  if (size < 15) {
    out_.push_back(static_cast<char>((size << 4) | static_cast<int>(elem)));
  } else {
    out_.push_back(static_cast<char>(0xf0 | static_cast<int>(elem)));
    varint(size);
  }
}

// ---- reader ----

void ThriftReader::need(size_t n) const {
  if (static_cast<size_t>(end_ - p_) < n)
    throw ThriftError{"truncated metadata at byte " + std::to_string(position())};
}

uint64_t ThriftReader::varint() {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    need(1);
    const uint8_t b = *p_++;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  throw ThriftError{"varint longer than 10 bytes at byte " + std::to_string(position())};
}

static int64_t unzigzag(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

bool ThriftReader::readField(int16_t* id, CType* type) {
  need(1);
  const uint8_t b = *p_++;
  const auto t = static_cast<CType>(b & 0x0f);
  if (t == CType::Stop) return false;
  const int delta = b >> 4;
  int16_t& last = lastId_.back();
  *id = delta ? static_cast<int16_t>(last + delta) : static_cast<int16_t>(unzigzag(varint()));
  last = *id;
  *type = t;
  return true;
}

int32_t ThriftReader::readI32() {
  return static_cast<int32_t>(unzigzag(varint()));
}

int64_t ThriftReader::readI64() {
  return unzigzag(varint());
}

int8_t ThriftReader::readByte() {
  need(1);
  return static_cast<int8_t>(*p_++);
}

double ThriftReader::readDouble() {
  need(8);
  double d;
  std::memcpy(&d, p_, 8);
  p_ += 8;
  return d;
}

std::string ThriftReader::readBinary() {
  const uint64_t n = varint();
  need(n);
  std::string s(reinterpret_cast<const char*>(p_), n);
  p_ += n;
  return s;
}

void ThriftReader::readListHeader(CType* elem, uint32_t* size) {
  need(1);
  const uint8_t b = *p_++;
  *elem = static_cast<CType>(b & 0x0f);
  uint64_t n = b >> 4;
  if (n == 15) n = varint();
  // Each element takes at least one byte, so a size beyond the remaining bytes is corrupt
  // (and would otherwise make callers reserve absurd amounts of memory).
  if (n > static_cast<uint64_t>(end_ - p_))
    throw ThriftError{"list of " + std::to_string(n) + " elements exceeds the metadata size"};
  *size = static_cast<uint32_t>(n);
}

void ThriftReader::skip(CType t, int depth) {
  if (depth > 64) throw ThriftError{"metadata nested too deeply"};
  switch (t) {
    case CType::True:
    case CType::False:
      return;  // a field's boolean lives in its header
    case CType::Byte:
      readByte();
      return;
    case CType::I16:
    case CType::I32:
    case CType::I64:
      varint();
      return;
    case CType::Double:
      need(8);
      p_ += 8;
      return;
    case CType::Binary: {
      const uint64_t n = varint();
      need(n);
      p_ += n;
      return;
    }
    case CType::List:
    case CType::Set: {
      CType elem;
      uint32_t n;
      readListHeader(&elem, &n);
      for (uint32_t i = 0; i < n; ++i) {
        // Booleans inside lists take one byte each.
        if (elem == CType::True || elem == CType::False)
          readByte();
        else
          skip(elem, depth + 1);
      }
      return;
    }
    case CType::Map: {
      const uint64_t n = varint();
      if (n == 0) return;
      need(1);
      const uint8_t kv = *p_++;
      for (uint64_t i = 0; i < n; ++i) {
        for (CType e : {static_cast<CType>(kv >> 4), static_cast<CType>(kv & 0x0f)}) {
          if (e == CType::True || e == CType::False)
            readByte();
          else
            skip(e, depth + 1);
        }
      }
      return;
    }
    case CType::Struct: {
      beginStruct();
      int16_t id;
      CType ft;
      while (readField(&id, &ft)) skip(ft, depth + 1);
      endStruct();
      return;
    }
    case CType::Stop:
      break;
  }
  throw ThriftError{"unknown compact type " + std::to_string(static_cast<int>(t)) + " at byte " +
                    std::to_string(position())};
}

}  // namespace sluice::parquet
