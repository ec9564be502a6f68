internal import CPROJ
import GeoCore

/// Transforms coordinates between two CRSs with PROJ, in bulk (one PROJ call per buffer).
///
/// Axis order is always x = longitude/easting, y = latitude/northing
/// (`proj_normalize_for_visualization`), whatever the CRS's official order.
/// PROJ objects belong to one thread: this class is not `Sendable`; create one per task.
public final class Transformer {
    public let source: CRS
    public let target: CRS
    /// Whether the target CRS is geographic (lon/lat degrees).
    public let targetIsGeographic: Bool
    private let context: OpaquePointer
    private let transformation: OpaquePointer

    public init(from source: CRS, to target: CRS) throws(ProjectionError) {
        self.source = source
        self.target = target
        guard let context = proj_context_create() else {
            throw .noTransformation(from: source.definition, to: target.definition, message: "proj_context_create failed")
        }
        self.context = context
        func lastError() -> String { String(cString: proj_context_errno_string(context, proj_context_errno(context))) }
        guard let sourceCRS = proj_create(context, source.definition) else {
            let message = lastError(); proj_context_destroy(context)
            throw .unknownCRS(definition: source.definition, message: message)
        }
        defer { proj_destroy(sourceCRS) }
        guard let targetCRS = proj_create(context, target.definition) else {
            let message = lastError(); proj_context_destroy(context)
            throw .unknownCRS(definition: target.definition, message: message)
        }
        defer { proj_destroy(targetCRS) }
        let targetType = proj_get_type(targetCRS)
        targetIsGeographic = targetType == PJ_TYPE_GEOGRAPHIC_2D_CRS || targetType == PJ_TYPE_GEOGRAPHIC_3D_CRS
            || targetType == PJ_TYPE_GEOGRAPHIC_CRS
        guard let raw = proj_create_crs_to_crs_from_pj(context, sourceCRS, targetCRS, nil, nil) else {
            let message = lastError(); proj_context_destroy(context)
            throw .noTransformation(from: source.definition, to: target.definition, message: message)
        }
        // The normalised object is new; the raw one is released.
        let normalised = proj_normalize_for_visualization(context, raw)
        proj_destroy(raw)
        guard let normalised else {
            let message = lastError(); proj_context_destroy(context)
            throw .noTransformation(from: source.definition, to: target.definition, message: message)
        }
        transformation = normalised
    }

    deinit {
        proj_destroy(transformation)
        proj_context_destroy(context)
    }

    /// The meaning of transformed coordinates, for geometries built from them.
    public var targetKind: CoordinateKind {
        targetIsGeographic ? .geographic : .projected(crs: target.definition)
    }

    /// Transforms interleaved x, y pairs in place.
    public func transform(_ points: inout [XY]) throws(ProjectionError) {
        guard !points.isEmpty else { return }
        let count = points.count
        points.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                let stride = MemoryLayout<XY>.stride
                _ = proj_trans_generic(transformation, PJ_FWD,
                                       doubles.baseAddress, stride, count,
                                       doubles.baseAddress! + 1, stride, count,
                                       nil, 0, 0, nil, 0, 0)
            }
        }
        try checkFinite(points)
    }

    /// Transforms separate x and y arrays in place.
    public func transform(xs: inout [Double], ys: inout [Double]) throws(ProjectionError) {
        precondition(xs.count == ys.count, "x and y arrays differ in length")
        guard !xs.isEmpty else { return }
        let count = xs.count
        xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                let stride = MemoryLayout<Double>.stride
                _ = proj_trans_generic(transformation, PJ_FWD, x.baseAddress, stride, count,
                                       y.baseAddress, stride, count, nil, 0, 0, nil, 0, 0)
            }
        }
        for index in 0..<count where !xs[index].isFinite || !ys[index].isFinite {
            throw .coordinateOutOfDomain(index: index, x: xs[index], y: ys[index],
                                         from: source.definition, to: target.definition)
        }
    }

    /// One point.
    public func transform(_ point: XY) throws(ProjectionError) -> XY {
        var points = [point]
        try transform(&points)
        return points[0]
    }

    /// Coordinates of a shape: all in one PROJ call, structure kept.
    public func transform(_ shape: Shape) throws(ProjectionError) -> Shape {
        var coordinates = shape.allCoordinates
        try transform(&coordinates)
        var next = 0
        return shape.mapCoordinates { _ in
            defer { next += 1 }
            return coordinates[next]
        }
    }

    private func checkFinite(_ points: [XY]) throws(ProjectionError) {
        for (index, point) in points.enumerated() where !point.x.isFinite || !point.y.isFinite {
            throw .coordinateOutOfDomain(index: index, x: point.x, y: point.y,
                                         from: source.definition, to: target.definition)
        }
    }
}
