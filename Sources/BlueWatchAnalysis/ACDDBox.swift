import NetCDF

/// The ACDD-1.3 geospatial extent of a latitude–longitude file: the six `geospatial_lat_*` and
/// `geospatial_lon_*` attributes every gridded writer sets.
enum ACDDBox {
    static func attributes(south: Double, north: Double, west: Double, east: Double) -> [(String, AttributeValue)] {
        [("geospatial_lat_min", .doubles([south])), ("geospatial_lat_max", .doubles([north])), ("geospatial_lat_units", .text("degrees_north")),
         ("geospatial_lon_min", .doubles([west])), ("geospatial_lon_max", .doubles([east])), ("geospatial_lon_units", .text("degrees_east"))]
    }

    /// The box of cell-centre axes (any order).
    static func attributes(latitudes: [Double], longitudes: [Double]) -> [(String, AttributeValue)] {
        attributes(south: latitudes.min() ?? 0, north: latitudes.max() ?? 0, west: longitudes.min() ?? 0, east: longitudes.max() ?? 0)
    }
}
