import Foundation

extension SHA256 {
  /// The digest of a file's content (memory-mapped where the platform allows), as
  /// hexadecimal, and the number of bytes read.
  public static func ofFile(_ url: URL) throws -> (digest: String, bytes: Int) {
    let data: Data
    do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
      throw TabularError.unreadable(source: url.path, reason: error.localizedDescription)
    }
    var digest = SHA256()
    data.withUnsafeBytes { digest.update($0) }
    return (digest.finalHex(), data.count)
  }
}
