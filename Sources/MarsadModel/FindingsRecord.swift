/// What extraction read out of an article (MarsadExtract's findings, as the store keeps
/// them): one type per table, so that MarsadStore does not depend on MarsadExtract. People,
/// quantities and incidents travel on the wire as they are (their `Codable` form is the
/// export contract's, DESIGN §9: every field named, null when unknown).
public struct FindingsRecord: Sendable, Equatable {
    /// A place the text names. On the wire as it is (the export contract's places), less
    /// `sentence`, which is the extractor's own: 0 in a place read from the wire.
    public struct Place: Sendable, Equatable, Codable {
        public var nameAr: String
        public var nameEn: String
        public var kind: String
        public var country: String
        public var admin1: String?
        public var pcode: String?
        /// ISO 3166-2 code of the first-level division the place lies in ("IQ-NI").
        public var division: String?
        public var lat: Double?
        public var lon: Double?
        /// "eastern countryside", "north of"…: how the text placed it relative to the place.
        public var qualifier: String?
        public var sentence: Int = 0
        public init(
            nameAr: String, nameEn: String, kind: String, country: String, admin1: String?, pcode: String?, division: String? = nil,
            lat: Double?, lon: Double?, qualifier: String?, sentence: Int
        ) {
            self.nameAr = nameAr
            self.nameEn = nameEn
            self.kind = kind
            self.country = country
            self.admin1 = admin1
            self.pcode = pcode
            self.division = division
            self.lat = lat
            self.lon = lon
            self.qualifier = qualifier
            self.sentence = sentence
        }
        enum CodingKeys: String, CodingKey {
            case nameAr, nameEn, kind, country, admin1, pcode, division, lat, lon, qualifier
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

    /// One happening as an analyst counts it (ACLED's unit): one record per happening per
    /// article, whatever the number of sentences that tell it.
    public struct Incident: Sendable, Equatable, Codable {
        /// The store's id; nil before the incident is stored.
        @ExplicitNull public var id: Int64?
        /// The incident across articles this report is one of (`MergedIncident.id`); nil
        /// before it is merged.
        @ExplicitNull public var incidentId: Int64?
        public var type: String
        /// What else the same operation did ("raid" that also arrested and seized: `["arrest",
        /// "seizure"]`), in the order told.
        public var also: [String] = []
        /// Who did it (actor ids): "actors" on the wire.
        public var agents: [String]
        @ExplicitNull public var target: String?
        /// The places' Arabic names, most specific first.
        public var places: [String]
        @ExplicitNull public var admin1: String?
        @ExplicitNull public var country: String?
        /// ISO 3166-2 code of the first-level division ("IQ-NI"; in Syria "SY-DY" beside the
        /// OCHA p-code in `admin1`).
        @ExplicitNull public var division: String?
        /// Coordinates of the most specific place, else of the division, else the country's
        /// centroid (`geoPrecision` says which).
        @ExplicitNull public var lat: Double?
        @ExplicitNull public var lon: Double?
        /// ACLED's geo-precision: 1 a locality, 2 a district, 3 a first-level division, 4 a country.
        @ExplicitNull public var geoPrecision: Int?
        /// How many of what the type counts (arrested, plots, strikes), when no figure by role says it.
        @ExplicitNull public var count: Int?
        @ExplicitNull public var countQualifier: String?
        // Figures by role (see `Figure`): the number, its qualifier, and for a vague number its
        // conservative estimate.
        @ExplicitNull public var killed: Int?
        @ExplicitNull public var killedQualifier: String?
        @ExplicitNull public var killedEstimate: Int?
        @ExplicitNull public var injured: Int?
        @ExplicitNull public var injuredQualifier: String?
        @ExplicitNull public var injuredEstimate: Int?
        @ExplicitNull public var captured: Int?
        @ExplicitNull public var capturedQualifier: String?
        @ExplicitNull public var capturedEstimate: Int?
        @ExplicitNull public var kidnapped: Int?
        @ExplicitNull public var kidnappedQualifier: String?
        @ExplicitNull public var kidnappedEstimate: Int?
        @ExplicitNull public var date: String?
        /// "day", "week", "month" or "year".
        @ExplicitNull public var datePrecision: String?
        /// Where the date comes from: "stated", "relative", "published", "filename" or "received".
        @ExplicitNull public var dateBasis: String?
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

        /// The figure of a role, read and written through the flat fields the wire carries.
        public subscript(role: Figure.Role) -> Figure? {
            get {
                let (value, qualifier, estimate): (Int?, String?, Int?) =
                    switch role {
                    case .killed: (killed, killedQualifier, killedEstimate)
                    case .injured: (injured, injuredQualifier, injuredEstimate)
                    case .captured: (captured, capturedQualifier, capturedEstimate)
                    case .kidnapped: (kidnapped, kidnappedQualifier, kidnappedEstimate)
                    }
                return value == nil && qualifier == nil ? nil : Figure(value: value, qualifier: qualifier, estimate: estimate)
            }
            set {
                let (value, qualifier, estimate) = (newValue?.value, newValue?.qualifier, newValue?.estimate)
                switch role {
                case .killed: (killed, killedQualifier, killedEstimate) = (value, qualifier, estimate)
                case .injured: (injured, injuredQualifier, injuredEstimate) = (value, qualifier, estimate)
                case .captured: (captured, capturedQualifier, capturedEstimate) = (value, qualifier, estimate)
                case .kidnapped: (kidnapped, kidnappedQualifier, kidnappedEstimate) = (value, qualifier, estimate)
                }
            }
        }

        enum CodingKeys: String, CodingKey {
            case id, incidentId, type, also, admin1, country, division, places
            case agents = "actors"
            case target, count, countQualifier, date, datePrecision, dateBasis, relativeDate, geoPrecision
            case killed, killedQualifier, killedEstimate, injured, injuredQualifier, injuredEstimate
            case captured, capturedQualifier, capturedEstimate, kidnapped, kidnappedQualifier, kidnappedEstimate
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
