internal import CGDAL

/// A spatial reference owned by Swift (released on deinit); axis order always x = longitude/easting.
final class SpatialReference {
    let handle: OGRSpatialReferenceH

    /// WGS84 longitude/latitude.
    static func wgs84() -> SpatialReference? {
        guard let handle = OSRNewSpatialReference(nil) else { return nil }
        let reference = SpatialReference(owning: handle)
        return OSRImportFromEPSG(handle, 4326) == OGRERR_NONE ? reference : nil
    }

    /// A copy of a layer's reference (which the layer owns).
    init?(copying layerReference: OGRSpatialReferenceH) {
        guard let handle = OSRClone(layerReference) else { return nil }
        self.handle = handle
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    private init(owning handle: OGRSpatialReferenceH) {
        self.handle = handle
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    deinit { OSRRelease(handle) }

    /// "EPSG:n" when the reference carries or matches an EPSG code (a match of confidence 90 % or more,
    /// as for an ESRI .prj), else its WKT.
    var name: String {
        if let code = epsgCode(of: handle) { return "EPSG:\(code)" }
        var count: Int32 = 0
        var confidences: UnsafeMutablePointer<Int32>?
        if let matches = OSRFindMatches(handle, nil, &count, &confidences) {
            defer { OSRFreeSRSArray(matches); VSIFree(confidences) }
            if count > 0, let confidences, confidences[0] >= 90, let match = matches[0], let code = epsgCode(of: match) {
                return "EPSG:\(code)"
            }
        }
        var wkt: UnsafeMutablePointer<CChar>?
        guard OSRExportToWkt(handle, &wkt) == OGRERR_NONE, let wkt else { return "unknown CRS" }
        defer { VSIFree(wkt) }
        return String(cString: wkt)
    }

    /// True when this is WGS84 longitude/latitude already (no reprojection needed).
    func isWGS84(_ wgs84: SpatialReference) -> Bool {
        GDALSession.withCStringList(["CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS"]) { options in
            OSRIsSameEx(handle, wgs84.handle, options) != 0
        }
    }

    private func epsgCode(of reference: OGRSpatialReferenceH) -> Int? {
        guard String(gdal: OSRGetAuthorityName(reference, nil)).uppercased() == "EPSG" else { return nil }
        return Int(String(gdal: OSRGetAuthorityCode(reference, nil)))
    }
}

/// A transformation to WGS84 longitude/latitude, owned by Swift.
final class CoordinateTransformation {
    let handle: OGRCoordinateTransformationH

    init?(from source: SpatialReference, to target: SpatialReference) {
        guard let handle = OCTNewCoordinateTransformation(source.handle, target.handle) else { return nil }
        self.handle = handle
    }

    deinit { OCTDestroyCoordinateTransformation(handle) }
}
