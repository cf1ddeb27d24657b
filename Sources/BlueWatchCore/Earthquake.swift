/// An earthquake from a catalogue (USGS ComCat) or entered by hand.
public struct Earthquake: Sendable, Equatable, Codable {
    /// The catalogue's event id (e.g. "official20110311054624120_30"), or a made-up one.
    public var id: String
    /// Origin time, UTC seconds since 1970.
    public var time: Double
    public var latitude: Double
    public var longitude: Double
    /// Hypocentre depth, km (negative above sea level).
    public var depthKm: Double?
    public var magnitude: Double?
    public var magnitudeType: String?
    public var place: String?
    /// "earthquake", "nuclear explosion", …
    public var eventType: String

    public init(id: String, time: Double, latitude: Double, longitude: Double, depthKm: Double?, magnitude: Double?,
                magnitudeType: String?, place: String?, eventType: String) {
        self.id = id
        self.time = time
        self.latitude = latitude
        self.longitude = longitude
        self.depthKm = depthKm
        self.magnitude = magnitude
        self.magnitudeType = magnitudeType
        self.place = place
        self.eventType = eventType
    }
}
