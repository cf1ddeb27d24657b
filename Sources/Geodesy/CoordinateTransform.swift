import CProj
import Foundation

/// A transformation between two coordinate reference systems given by any PROJ string
/// ("EPSG:4326", "EPSG:3857", "+proj=utm +zone=48"). Axis order is normalised to
/// longitude/easting first, as GIS software expects. Owns its PROJ context and object and
/// destroys both in `deinit`; not shared between threads (make one per task).
public final class CoordinateTransform {
    private let context: OpaquePointer
    private let pj: OpaquePointer
    public let source: String
    public let target: String

    /// Builds the transform. The corresponding C functions are `proj_context_create`,
    /// `proj_create_crs_to_crs` and `proj_normalize_for_visualization`.
    public init(from source: String, to target: String) throws(GeodesyError) {
        guard let context = proj_context_create() else { throw GeodesyError(reason: "cannot create a PROJ context") }
        proj_context_use_proj4_init_rules(context, 1)
        guard let raw = proj_create_crs_to_crs(context, source, target, nil) else {
            let error = CoordinateTransform.error(context, "cannot build a transformation from \(source) to \(target)")
            proj_context_destroy(context)
            throw error
        }
        guard let normalised = proj_normalize_for_visualization(context, raw) else {
            proj_destroy(raw)
            let error = CoordinateTransform.error(context, "cannot normalise axis order for \(source) to \(target)")
            proj_context_destroy(context)
            throw error
        }
        proj_destroy(raw)
        self.context = context
        self.pj = normalised
        self.source = source
        self.target = target
    }

    /// Transforms one point (x = longitude/easting, y = latitude/northing).
    /// The corresponding C function is `proj_trans`.
    public func transform(x: Double, y: Double) throws(GeodesyError) -> (x: Double, y: Double) {
        var coordinate = proj_coord(x, y, 0, 0)
        proj_errno_reset(pj)
        coordinate = proj_trans(pj, PJ_FWD, coordinate)
        if coordinate.xy.x.isInfinite || coordinate.xy.y.isInfinite || proj_errno(pj) != 0 {
            throw CoordinateTransform.error(context, "cannot transform (\(x), \(y)) from \(source) to \(target)", code: proj_errno(pj))
        }
        return (coordinate.xy.x, coordinate.xy.y)
    }

    /// Transforms arrays of points in place. The corresponding C function is `proj_trans_generic`.
    public func transform(x: inout [Double], y: inout [Double]) throws(GeodesyError) {
        precondition(x.count == y.count, "x and y differ in length")
        let n = x.count
        proj_errno_reset(pj)
        let done = x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                proj_trans_generic(pj, PJ_FWD, xs.baseAddress, MemoryLayout<Double>.stride, n,
                                   ys.baseAddress, MemoryLayout<Double>.stride, n, nil, 0, 0, nil, 0, 0)
            }
        }
        if done != n || proj_errno(pj) != 0 {
            throw CoordinateTransform.error(context, "transformed \(done) of \(n) points from \(source) to \(target)", code: proj_errno(pj))
        }
    }

    deinit {
        proj_destroy(pj)
        proj_context_destroy(context)
    }

    /// The PROJ library version, e.g. "9.1.1". The corresponding C function is `proj_info`.
    public static var libraryVersion: String { String(cString: proj_info().version) }

    private static func error(_ context: OpaquePointer, _ what: String, code: Int32? = nil) -> GeodesyError {
        let code = code ?? proj_context_errno(context)
        let message = code != 0 ? proj_context_errno_string(context, code).map { String(cString: $0) } : nil
        return GeodesyError(code: code, reason: message.map { "\(what): \($0)" } ?? what)
    }
}
