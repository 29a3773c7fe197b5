import MarsadModel

/// The specific things an article names, as keys two rewrites of one story share and two
/// stories of one kind seldom do: "p:" a place finer than a country (as the gazetteer
/// names it), "n:" a person, "q:" a figure of 3 or more, "i:" an incident's type at its
/// most specific place. Countries, actors and small figures are left out: nearly every
/// story of a region names them.
///
/// Example: "قتل 12 شخصا في تفجير بمدينة الباب" gives p:الباب, q:12, i:explosion@الباب.
public enum StoryKeys {
    public static func of(_ findings: FindingsRecord?) -> Set<String> {
        guard let findings else { return [] }
        var keys: Set<String> = []
        for place in findings.places where place.kind != "country" { keys.insert("p:" + place.nameAr) }
        for person in findings.people { keys.insert("n:" + person.name) }
        for quantity in findings.quantities {
            if let value = quantity.value, value >= 3 { keys.insert("q:\(value)") }
        }
        for incident in findings.incidents {
            keys.insert("i:" + incident.type + "@" + (incident.places.first ?? incident.country ?? ""))
        }
        return keys
    }
}
