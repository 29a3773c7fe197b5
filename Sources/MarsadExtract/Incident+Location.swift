/// Where an incident happened, as an analyst maps it: the most specific place the text
/// names, the first-level division it lies in, and coordinates always, falling back to the
/// division's point and then the country's centroid when nothing finer is known (ACLED's
/// geo-precision says which).
public struct Location: Sendable, Equatable {
    /// ISO 3166-2 code of the first-level division ("IQ-NI", "SY-DY"), when known.
    public var division: String?
    public var lat: Double?
    public var lon: Double?
    /// ACLED's geo-precision: 1 a locality, 2 a district or region, 3 a first-level division,
    /// 4 a country (or nothing named).
    public var precision: Int
}

extension Incident {
    public var location: Location {
        let anchor = places.filter { $0.lat != nil }.max { Self.precisionRank($0) < Self.precisionRank($1) }
        let division =
            anchor?.division ?? places.lazy.compactMap(\.division).first
            ?? admin1.flatMap { code in Lexicon.divisions.values.first { $0.pcode == code }?.division }
        if let anchor, anchor.kind != .country {
            return Location(division: division, lat: anchor.lat, lon: anchor.lon, precision: Self.precision(anchor.kind))
        }
        if let division, let place = Lexicon.divisions[division], place.lat != nil {
            return Location(division: division, lat: place.lat, lon: place.lon, precision: 3)
        }
        let country = country.flatMap { Lexicon.countries[$0] }
        return Location(division: division, lat: country?.lat, lon: country?.lon, precision: 4)
    }

    static func precision(_ kind: Place.Kind) -> Int {
        switch kind {
        case .site, .town, .city: return 1
        case .district, .region: return 2
        case .governorate, .province: return 3
        case .country: return 4
        }
    }

    /// Finer first: a locality over a district, a district over a division.
    private static func precisionRank(_ place: Place) -> Int { -precision(place.kind) }
}
