/// The body of a state an actor mention names: "الجيش الأردني" is Jordan's army, "وزارة
/// الداخلية العراقية" Iraq's interior ministry (`Resources/actor-bodies.tsv`). A detail of
/// a state's actor (id "…-GOV"); nil for other actors and for forms that name no body.
public enum ActorBody {
    /// The body `form` (the words the text used, as kept with the mention) names, for
    /// the actor `id`.
    public static func of(form: String, id: String) -> String? {
        guard id.hasSuffix("-GOV") else { return nil }
        let tokens = Sentence.tokens(of: form)
        let forms = tokens.map { Clitics.forms(of: $0) }
        for index in tokens.indices {
            if let match = Lexicon.actorBodies.match(tokens, at: index, forms: forms) { return match.value }
        }
        return nil
    }
}
