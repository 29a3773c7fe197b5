import Testing

@testable import MarsadExtract

/// Every rule of `Resources/incidents.rules` does what its example says.
@Suite("Incident rules: every example")
struct IncidentRulesTests {
    static let rules = IncidentRules.shared.rules

    @Test(arguments: rules.filter { $0.kind == "trigger" || $0.kind == "generic" })
    func aTriggersExampleTellsItsType(_ rule: IncidentRules.Rule) {
        let incidents = FindingsReader.read(rule.example).incidents
        #expect(incidents.contains { $0.kind.rawValue == rule.type || $0.also.map(\.rawValue).contains(rule.type) }, "\(rule.example)")
    }

    /// The rules without their fixed expressions.
    static let withoutExpressions: IncidentRules = {
        var rules = IncidentRules.shared
        rules.expressions = []
        return rules
    }()

    @Test(arguments: rules.filter { $0.kind == "not" })
    func aFixedExpressionsExampleTellsNone(_ rule: IncidentRules.Rule) {
        let tells = { (incidents: [Incident]) in incidents.contains { $0.kind.rawValue == rule.type || rule.type == "*" } }
        #expect(!tells(FindingsReader.read(rule.example).incidents), "\(rule.example)")
        // And it is the expression that keeps the example out: without it, the trigger fires.
        let findings = FindingsReader.read(rule.example)
        #expect(tells(IncidentReader(findings: findings, published: nil, title: nil, rules: Self.withoutExpressions).read()), "\(rule.example)")
    }

    @Test(arguments: rules.filter { $0.kind == "background" })
    func aBackgroundExampleTellsNone(_ rule: IncidentRules.Rule) {
        #expect(FindingsReader.read(rule.example).incidents.isEmpty, "\(rule.example)")
        // And it is the phrase that keeps the example out.
        var rules = IncidentRules.shared
        rules.background = []
        let findings = FindingsReader.read(rule.example)
        #expect(!IncidentReader(findings: findings, published: nil, title: nil, rules: rules).read().isEmpty, "\(rule.example)")
    }

    @Test(arguments: rules.filter { $0.kind == "set" })
    func aSetHoldsItsExample(_ rule: IncidentRules.Rule) {
        #expect(IncidentRules.shared.set(rule.type, contains: IncidentRules.words(rule.example[...]).first ?? ""))
    }

    @Test func theRulesNameEveryTypeAndHaveAnExampleEach() {
        let types = Set(Self.rules.filter { $0.kind == "trigger" }.map(\.type))
        #expect(types == Set(Incident.Kind.allCases.map(\.rawValue)))
        #expect(Self.rules.allSatisfy { !$0.example.isEmpty && $0.example != "-" })
    }
}
