/// Reads a plain decimal number from bytes exactly, as Clinger's fast path does (W. D.
/// Clinger, "How to read floating point numbers accurately", PLDI 1990): when its digits
/// form an integer m ≤ 2^53 and its power of ten k has |k| ≤ 22, both are exact doubles, so
/// `m × 10^k` or `m / 10^-k` is one correctly rounded operation, the same bits as any
/// correctly rounding parser (Swift's `Double(String)`, strtod) gives.
///
/// Accepted: an optional sign, digits with at most one decimal point (at least one digit),
/// and an optional exponent (`e`/`E`, optional sign, digits). Anything else — more than 19
/// digits, a larger integer or exponent, `inf`, hexadecimal — returns nil, for the caller's
/// general parser.
enum ExactDecimal {
  /// 10^k for 0 ≤ k ≤ 22, exact in binary64 (a constant table, not a lazily made global,
  /// which would cost a once-check per number).
  @inline(__always)
  static func powerOfTen(_ k: Int) -> Double {
    switch k {
    case 0: return 1e0
    case 1: return 1e1
    case 2: return 1e2
    case 3: return 1e3
    case 4: return 1e4
    case 5: return 1e5
    case 6: return 1e6
    case 7: return 1e7
    case 8: return 1e8
    case 9: return 1e9
    case 10: return 1e10
    case 11: return 1e11
    case 12: return 1e12
    case 13: return 1e13
    case 14: return 1e14
    case 15: return 1e15
    case 16: return 1e16
    case 17: return 1e17
    case 18: return 1e18
    case 19: return 1e19
    case 20: return 1e20
    case 21: return 1e21
    default: return 1e22
    }
  }

  /// The number starting at `start` and ending before `limit` or at the first byte that
  /// cannot continue it; `next` is that byte's index. Nil when no exact reading applies.
  @inline(__always)
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to limit: Int) -> (value: Double, next: Int)? {
    var i = start
    guard i < limit else { return nil }
    var negative = false
    if bytes[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    } else if bytes[i] == UInt8(ascii: "+") {
      i += 1
    }
    // Digits before and after the point, as one integer; at most 19 digits cannot
    // overflow 64 bits, and the reading is exact only while that integer is below 2^53.
    var mantissa: UInt64 = 0
    let integerStart = i
    while i < limit, bytes[i] &- 0x30 < 10 {
      mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
      i += 1
    }
    var digits = i - integerStart, decimals = 0
    if i < limit, bytes[i] == UInt8(ascii: ".") {
      i += 1
      let fractionStart = i
      while i < limit, bytes[i] &- 0x30 < 10 {
        mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
        i += 1
      }
      decimals = i - fractionStart
      digits += decimals
    }
    guard digits > 0, digits <= 19, mantissa <= 1 << 53 else { return nil }
    var exponent = 0
    if i < limit, bytes[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      var exponentNegative = false
      if i < limit, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
        exponentNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var sawExponentDigit = false
      while i < limit, bytes[i] &- 0x30 < 10 {
        sawExponentDigit = true
        exponent = exponent * 10 + Int(bytes[i] &- 0x30)
        guard exponent <= 400 else { return nil }
        i += 1
      }
      guard sawExponentDigit else { return nil }
      if exponentNegative { exponent = -exponent }
    }
    let scale = exponent - decimals
    guard scale >= -22, scale <= 22 else { return nil }
    let value = scale < 0 ? Double(mantissa) / powerOfTen(-scale) : Double(mantissa) * powerOfTen(scale)
    return (negative ? -value : value, i)
  }
}
