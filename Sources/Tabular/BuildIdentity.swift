import Foundation

/// What identifies the code that computed a stored value, read once per process: the
/// linker's build ID of the running executable where it has one (`ELFBuildID`), else the
/// SHA-256 of the executable file. Stored features and finished units of a run carry it, so
/// a rebuilt facevalue never reads what another build computed.
public enum BuildIdentity {
  /// "build-id " and the executable's build ID, or "sha256 " and its digest, or why the
  /// executable could not be read.
  public static let current: Result<String, BuildIdentityError> = {
    #if os(Linux)
      let executable = URL(fileURLWithPath: "/proc/self/exe")
    #else
      guard let executable = Bundle.main.executableURL else { return .failure(BuildIdentityError(reason: "no executable path")) }
    #endif
    return of(executable)
  }()

  /// The identity of the executable at `url`.
  static func of(_ url: URL) -> Result<String, BuildIdentityError> {
    do {
      if let id = try ELFBuildID.of(url) { return .success("build-id \(id)") }
      return .success("sha256 \(try SHA256.ofFile(url).digest)")
    } catch {
      return .failure(BuildIdentityError(reason: "\(error)"))
    }
  }
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
