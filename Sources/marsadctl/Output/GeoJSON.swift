import Foundation

/// A GeoJSON FeatureCollection written to standard output one feature at a time: a point
/// where the coordinates are known, else a null geometry (RFC 7946 §3.2), so that a map
/// tool can list what it cannot place. Used by `export --format geojson` for events and
/// for incidents.
final class GeoJSONWriter {
    private var first = true

    func begin() { out("{\"type\":\"FeatureCollection\",\"features\":[\n") }

    func add(lat: Double?, lon: Double?, properties: [String: Any]) {
        var geometry: Any = NSNull()
        if let lat, let lon { geometry = ["type": "Point", "coordinates": [lon, lat]] }
        let feature: [String: Any] = ["type": "Feature", "geometry": geometry, "properties": properties]
        guard let data = try? JSONSerialization.data(withJSONObject: feature, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        out((first ? "" : ",\n") + String(decoding: data, as: UTF8.self))
        first = false
    }

    func end() { out("\n]}\n") }

    private func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
}
