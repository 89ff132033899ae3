import Classifiers
import Face
import LinearAlgebra

/// Per fold: generalised Procrustes analysis of the training shapes to their mean shape,
/// every row rotated onto that mean, then PCA fitted on the aligned training shapes.
/// Rows hold x coordinates then y coordinates of one pre-shape (`ShapeFeatures`).
struct ShapePCATransform: Transformer {
  var components: Int
  var summary: String { "GPA to the training mean shape + PCA (\(components) components)" }

  func fit(_ training: Matrix) throws -> Fitted {
    let shapes = (0..<training.rows).map { Self.shape(training.row($0)) }
    let gpa = try GeneralisedProcrustes.fit(shapes)
    let aligned = Matrix(gpa.aligned.map { $0.x + $0.y })
    return Fitted(mean: gpa.mean, pca: try PCA(components: components).fit(aligned))
  }

  static func shape(_ row: [Double]) -> Shape2D {
    let n = row.count / 2
    return Shape2D(x: Array(row[0..<n]), y: Array(row[n...]))
  }

  struct Fitted: FittedTransformer {
    var mean: Shape2D
    var pca: FittedPCA
    func transform(_ x: Matrix) throws -> Matrix {
      let aligned = try (0..<x.rows).map { i -> [Double] in
        let s = try GeneralisedProcrustes.rotate(ShapePCATransform.shape(x.row(i)), onto: mean)
        return s.x + s.y
      }
      return pca.transform(Matrix(rows: x.rows, columns: x.columns, storage: aligned.flatMap { $0 }))
    }
  }
}
