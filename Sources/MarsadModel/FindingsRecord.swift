/// What extraction read out of an article (MarsadExtract's findings, as the store keeps
/// them): one type per table, so that MarsadStore does not depend on MarsadExtract. People,
/// quantities and incidents travel on the wire as they are (their `Codable` form is the
/// export contract's, DESIGN §9: every field named, null when unknown).
public struct FindingsRecord: Sendable, Equatable {
    public struct Place: Sendable, Equatable {
        public var nameAr: String
        public var nameEn: String
        public var kind: String
        public var country: String
        public var admin1: String?
        public var pcode: String?
        public var lat: Double?
        public var lon: Double?
        public var qualifier: String?
        public var sentence: Int
        public init(
            nameAr: String, nameEn: String, kind: String, country: String, admin1: String?, pcode: String?, lat: Double?,
            lon: Double?, qualifier: String?, sentence: Int
        ) {
            self.nameAr = nameAr
            self.nameEn = nameEn
            self.kind = kind
            self.country = country
            self.admin1 = admin1
            self.pcode = pcode
            self.lat = lat
            self.lon = lon
            self.qualifier = qualifier
            self.sentence = sentence
        }
    }

    public struct Actor: Sendable, Equatable {
        public var id: String
        /// The form the text used (search form).
        public var form: String
        public var sentence: Int
        public init(id: String, form: String, sentence: Int) {
            self.id = id
            self.form = form
            self.sentence = sentence
        }
    }

    public struct Person: Sendable, Equatable, Codable {
        public var name: String
        @ExplicitNull public var role: String?
        public init(name: String, role: String?) {
            self.name = name
            self.role = role
        }
        enum CodingKeys: String, CodingKey {
            case name = "nameAr"
            case role = "roleAr"
        }
    }

    public struct Quantity: Sendable, Equatable, Codable {
        /// nil for a vague count ("العشرات"): no number is invented.
        @ExplicitNull public var value: Int?
        @ExplicitNull public var qualifier: String?
        public var text: String
        public init(value: Int?, qualifier: String?, text: String) {
            self.value = value
            self.qualifier = qualifier
            self.text = text
        }
    }

    public struct Incident: Sendable, Equatable, Codable {
        public var type: String
        /// Who did it (actor ids): "actors" on the wire.
        public var agents: [String]
        @ExplicitNull public var target: String?
        /// The places' Arabic names, most specific first.
        public var places: [String]
        @ExplicitNull public var admin1: String?
        @ExplicitNull public var country: String?
        /// Coordinates of the most specific place.
        @ExplicitNull public var lat: Double?
        @ExplicitNull public var lon: Double?
        @ExplicitNull public var count: Int?
        @ExplicitNull public var countQualifier: String?
        @ExplicitNull public var date: String?
        @ExplicitNull public var datePrecision: String?
        /// A relative date the text gives when the publication date is unknown ("قبل يومين").
        @ExplicitNull public var relativeDate: String?
        public var evidence: String
        /// Where the evidence is in the clean text, in Unicode scalars.
        public var evidenceStart: Int
        public var evidenceEnd: Int
        public var confidence: Double
        public init(
            type: String, agents: [String], target: String?, places: [String], admin1: String?, country: String?,
            lat: Double?, lon: Double?, count: Int?, countQualifier: String?, date: String?, datePrecision: String?,
            relativeDate: String?, evidence: String, evidenceStart: Int, evidenceEnd: Int, confidence: Double
        ) {
            self.type = type
            self.agents = agents
            self.target = target
            self.places = places
            self.admin1 = admin1
            self.country = country
            self.lat = lat
            self.lon = lon
            self.count = count
            self.countQualifier = countQualifier
            self.date = date
            self.datePrecision = datePrecision
            self.relativeDate = relativeDate
            self.evidence = evidence
            self.evidenceStart = evidenceStart
            self.evidenceEnd = evidenceEnd
            self.confidence = confidence
        }
        enum CodingKeys: String, CodingKey {
            case type, admin1, country, places
            case agents = "actors"
            case target, count, countQualifier, date, datePrecision, relativeDate
            case evidence, evidenceStart, evidenceEnd, confidence, lat, lon
        }
    }

    /// The version of the extractor that produced these findings.
    public var version: Int
    public var places: [Place]
    public var actors: [Actor]
    public var people: [Person]
    public var media: [String]
    public var quantities: [Quantity]
    public var incidents: [Incident]

    public init(
        version: Int, places: [Place] = [], actors: [Actor] = [], people: [Person] = [], media: [String] = [],
        quantities: [Quantity] = [], incidents: [Incident] = []
    ) {
        self.version = version
        self.places = places
        self.actors = actors
        self.people = people
        self.media = media
        self.quantities = quantities
        self.incidents = incidents
    }
}
