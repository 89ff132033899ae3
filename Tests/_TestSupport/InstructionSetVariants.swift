/// The instruction-set variants of a C kernel library this machine can run, narrowest
/// first: `limit` is the library's limiting function (e.g. `fv_limit_instruction_set`),
/// which caps the variant in use at the named one and returns the one now in use. Leaves
/// the library limited to the widest it ran; callers restore "avx512" when done.
public func instructionSetVariants(limit: (String) -> String) -> [String] {
  var seen: [String] = []
  for name in ["baseline", "avx2", "avx512"] {
    let used = limit(name)
    if !seen.contains(used) { seen.append(used) }
  }
  return seen
}
