import Foundation

/// What identifies the code that computed a stored value: the SHA-256 of the running
/// executable, read once per process. Stored features and finished units of a run carry it,
/// so a rebuilt facevalue never reads what another build computed.
public enum BuildIdentity {
  /// The running executable's SHA-256, or why it could not be read.
  public static let current: Result<String, BuildIdentityError> = {
    #if os(Linux)
      let executable = URL(fileURLWithPath: "/proc/self/exe")
    #else
      guard let executable = Bundle.main.executableURL else { return .failure(BuildIdentityError(reason: "no executable path")) }
    #endif
    do { return .success(try SHA256.ofFile(executable).digest) } catch {
      return .failure(BuildIdentityError(reason: "\(error)"))
    }
  }()
}

/// Why the running executable could not be identified.
public struct BuildIdentityError: Error, CustomStringConvertible, Sendable {
  public var reason: String
  public var description: String { "cannot identify this build of facevalue: \(reason)" }
}

/// A Double stored as the hexadecimal digits of its IEEE-754 bit pattern, so it reads back
/// bit for bit (decimal text need not, across libraries and platforms).
public struct BitExactDouble: Codable, Sendable, Equatable {
  public var value: Double

  public init(_ value: Double) { self.value = value }

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let bits = UInt64(text, radix: 16) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a hexadecimal bit pattern")
    }
    value = Double(bitPattern: bits)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(String(value.bitPattern, radix: 16))
  }
}
