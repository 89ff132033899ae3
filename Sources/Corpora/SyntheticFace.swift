import Face
import Randomness

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A synthetic 68-point face (iBUG scheme) in face units: eye centres at (±0.5, −0.35), so
/// the inter-ocular distance is 1; y grows downwards as in images.
enum SyntheticFace {
  /// The neutral template, point by point in iBUG order.
  static let template: Shape2D = {
    var x = [Double](), y = [Double]()
    for i in 0...16 {  // jaw, ear to ear through the chin
      let angle = Double.pi * Double(i) / 16
      x.append(-1.05 * cos(angle))
      y.append(-0.2 + 1.45 * sin(angle))
    }
    for side in [-1.0, 1.0] {  // brows: image-left brow runs outer→inner, image-right inner→outer
      let xs = side < 0 ? [-0.9, -0.72, -0.52, -0.33, -0.15] : [0.15, 0.33, 0.52, 0.72, 0.9]
      let ys = side < 0 ? [-0.68, -0.76, -0.79, -0.77, -0.72] : [-0.72, -0.77, -0.79, -0.76, -0.68]
      x += xs
      y += ys
    }
    x += [0, 0, 0, 0]; y += [-0.45, -0.27, -0.09, 0.09]  // nose bridge 27–30
    x += [-0.2, -0.1, 0, 0.1, 0.2]; y += [0.17, 0.2, 0.22, 0.2, 0.17]  // nose base 31–35
    x += [-0.72, -0.58, -0.42, -0.28, -0.42, -0.58]; y += [-0.35, -0.42, -0.42, -0.35, -0.29, -0.29]  // 36–41
    x += [0.28, 0.42, 0.58, 0.72, 0.58, 0.42]; y += [-0.35, -0.42, -0.42, -0.35, -0.29, -0.29]  // 42–47
    x += [-0.4, -0.25, -0.1, 0, 0.1, 0.25, 0.4, 0.25, 0.1, 0, -0.1, -0.25]  // outer lip 48–59
    y += [0.55, 0.48, 0.45, 0.47, 0.45, 0.48, 0.55, 0.63, 0.67, 0.68, 0.67, 0.63]
    x += [-0.32, -0.1, 0, 0.1, 0.32, 0.1, 0, -0.1]; y += [0.55, 0.53, 0.53, 0.53, 0.55, 0.57, 0.57, 0.57]  // inner lip 60–67
    return Shape2D(x: x, y: y)
  }()

  /// Displacement (dx, dy) of each moved point at full intensity of an action unit.
  static func displacement(_ unit: ActionUnit) -> [Int: (Double, Double)] {
    switch unit {
    case .innerBrowRaiser: return [20: (0.01, -0.05), 21: (0.01, -0.09), 22: (-0.01, -0.09), 23: (-0.01, -0.05)]
    case .outerBrowRaiser: return [17: (0, -0.08), 18: (0, -0.07), 25: (0, -0.07), 26: (0, -0.08)]
    case .browLowerer:
      return [19: (0.02, 0.04), 20: (0.04, 0.06), 21: (0.06, 0.07), 22: (-0.06, 0.07), 23: (-0.04, 0.06), 24: (-0.02, 0.04)]
    case .upperLidRaiser: return [37: (0, -0.035), 38: (0, -0.035), 43: (0, -0.035), 44: (0, -0.035)]
    case .cheekRaiser: return [40: (0, -0.02), 41: (0, -0.02), 46: (0, -0.02), 47: (0, -0.02), 1: (0.01, -0.02), 15: (-0.01, -0.02)]
    case .lidTightener: return [40: (0, -0.025), 41: (0, -0.025), 46: (0, -0.025), 47: (0, -0.025), 37: (0, 0.01), 44: (0, 0.01)]
    case .noseWrinkler: return [31: (0.01, -0.04), 32: (0, -0.03), 34: (0, -0.03), 35: (-0.01, -0.04), 21: (0.01, 0.03), 22: (-0.01, 0.03)]
    case .upperLipRaiser:
      return [
        49: (0, -0.04), 50: (0, -0.06), 51: (0, -0.06), 52: (0, -0.06), 53: (0, -0.04), 61: (0, -0.05), 62: (0, -0.05), 63: (0, -0.05),
      ]
    case .lipCornerPuller:
      return [
        48: (-0.08, -0.07), 54: (0.08, -0.07), 49: (-0.03, -0.03), 53: (0.03, -0.03), 59: (-0.03, -0.02), 55: (0.03, -0.02),
        60: (-0.06, -0.05), 64: (0.06, -0.05),
      ]
    case .dimpler: return [48: (-0.05, -0.01), 60: (-0.04, -0.01)]
    case .lipCornerDepressor: return [48: (-0.01, 0.07), 54: (0.01, 0.07), 59: (0, 0.03), 55: (0, 0.03), 60: (0, 0.05), 64: (0, 0.05)]
    case .lipStretcher: return [48: (-0.07, 0.01), 54: (0.07, 0.01), 60: (-0.06, 0.01), 64: (0.06, 0.01), 59: (-0.03, 0), 55: (0.03, 0)]
    case .lipTightener:
      return [48: (0.04, 0), 54: (-0.04, 0), 60: (0.03, 0), 64: (-0.03, 0), 57: (0, -0.02), 51: (0, 0.02), 66: (0, -0.02), 62: (0, 0.02)]
    case .jawDrop:
      var moves: [Int: (Double, Double)] = [:]
      for i in 3...13 { moves[i] = (0, 0.14 * sin(.pi * Double(i - 2) / 12)) }
      for i in [55, 56, 57, 58, 59] { moves[i] = (0, 0.12) }
      for i in [65, 66, 67] { moves[i] = (0, 0.12) }
      return moves
    }
  }

  /// A subject's neutral face: the template with per-person proportions.
  static func identity(random: inout SeededGenerator) -> Shape2D {
    var shape = template
    let width = exp(random.normal(mean: 0, sd: 0.05)), length = exp(random.normal(mean: 0, sd: 0.05))
    let mouth = exp(random.normal(mean: 0, sd: 0.07)), browHeight = random.normal(mean: 0, sd: 0.03)
    for i in shape.x.indices {
      shape.x[i] *= width
      shape.y[i] *= length
      if IBUG68.outerMouth.contains(i) || IBUG68.innerMouth.contains(i) { shape.x[i] *= mouth }
      if (17...26).contains(i) { shape.y[i] += browHeight }
      shape.x[i] += random.normal(mean: 0, sd: 0.012)
      shape.y[i] += random.normal(mean: 0, sd: 0.012)
    }
    return shape
  }

  /// A clip: expression unfolding from neutral to apex, with head motion and tracking noise,
  /// in pixel coordinates of a 640×480 image.
  static func clip(
    identity: Shape2D, actions: [ActionUnit: Double], strength: Double, frames: Int, framesPerSecond: Double,
    random: inout SeededGenerator
  ) -> LandmarkClip {
    // Label-independent facial activity, so that signal 0 still shows faces that move.
    var activity: [ActionUnit: Double] = [:]
    for unit in ActionUnit.allCases { activity[unit] = abs(random.normal(mean: 0, sd: 0.25)) }
    let intensity = strength * exp(random.normal(mean: 0, sd: 0.25))
    for (unit, weight) in actions { activity[unit, default: 0] += intensity * weight }

    let onset = 2 + random.integer(below: 4)
    let apex = min(frames - 1, onset + frames / 2 + random.integer(below: max(1, frames / 6)))
    let (yaw, roll, drift) = (random.uniform(0...(2 * .pi)), random.uniform(0...(2 * .pi)), random.normal(mean: 0, sd: 0.02))
    let pixelsPerUnit = 80 * exp(random.normal(mean: 0, sd: 0.1))
    var xs: [[Double]] = [], ys: [[Double]] = [], times: [Double] = []
    for frame in 0..<frames {
      let progress = frame <= onset ? 0 : min(1, Double(frame - onset) / Double(max(1, apex - onset)))
      let ramp = progress * progress * (3 - 2 * progress)  // smoothstep onset → apex
      var shape = identity
      for (unit, level) in activity where level > 0 {
        for (point, move) in displacement(unit) {
          shape.x[point] += ramp * level * move.0
          shape.y[point] += ramp * level * move.1
        }
      }
      let time = Double(frame) / framesPerSecond
      let angle = 0.05 * sin(2 * .pi * 0.4 * time + roll)
      let scale = pixelsPerUnit * (1 + 0.03 * sin(2 * .pi * 0.3 * time + yaw))
      let shiftX = 320 + 15 * sin(2 * .pi * 0.25 * time + yaw) + drift * Double(frame) * pixelsPerUnit
      let shiftY = 240 + 10 * sin(2 * .pi * 0.2 * time + roll)
      let head = SimilarityTransform(scale: scale, cosine: cos(angle), sine: sin(angle), translationX: shiftX, translationY: shiftY)
      var placed = head.apply(shape)
      for i in placed.x.indices {
        placed.x[i] += random.normal(mean: 0, sd: 0.5)
        placed.y[i] += random.normal(mean: 0, sd: 0.5)
      }
      xs.append(placed.x)
      ys.append(placed.y)
      times.append(time)
    }
    return LandmarkClip(x: xs, y: ys, timestamps: times)
  }
}
