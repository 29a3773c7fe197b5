import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol

struct Places: CallCommand {
    static let configuration = CommandConfiguration(abstract: "Count the places the articles name: by governorate, by country and by locality.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .shortAndLong, help: "At most this many localities.")
    var limit = 30

    func call(_ client: ControlClient) throws -> PlacesResult {
        try client.call(.placesList)
    }

    func show(_ result: PlacesResult) throws {
        print("governorates:")
        print(
            Table.render(
                header: ["PCODE", "NAME", "ARTICLES", "MENTIONS", "INCIDENTS"],
                rows: result.governorates.map {
                    [
                        $0.key, [$0.nameAr, $0.nameEn].compactMap { $0 }.joined(separator: " / "), String($0.articles), String($0.mentions),
                        String($0.incidents),
                    ]
                }))
        print("\ncountries:")
        print(
            Table.render(
                header: ["ISO", "NAME", "ARTICLES", "MENTIONS", "INCIDENTS"],
                rows: result.countries.map {
                    [
                        $0.key, [$0.nameAr, $0.nameEn].compactMap { $0 }.joined(separator: " / ").nonEmpty ?? "-", String($0.articles),
                        String($0.mentions), String($0.incidents),
                    ]
                }))
        print("\nlocalities:")
        print(
            Table.render(
                header: ["NAME", "KIND", "IN", "ARTICLES", "MENTIONS", "INCIDENTS"],
                rows: result.localities.prefix(limit).map {
                    [
                        [$0.nameAr, $0.nameEn].compactMap { $0 }.joined(separator: " / "), $0.kind ?? "-", $0.admin1 ?? $0.country ?? "-",
                        String($0.articles), String($0.mentions), String($0.incidents),
                    ]
                }))
    }
}

struct Actors: CallCommand {
    static let configuration = CommandConfiguration(abstract: "Count the actors the articles name, and the incidents each is agent or target of.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func call(_ client: ControlClient) throws -> ActorsResult {
        try client.call(.actorsList)
    }

    func show(_ result: ActorsResult) throws {
        if result.actors.isEmpty { return print("no actor named yet") }
        print(
            Table.render(
                header: ["ID", "NAME", "ARTICLES", "MENTIONS", "INCIDENTS"],
                rows: result.actors.map {
                    [$0.key, $0.nameEn ?? "-", String($0.articles), String($0.mentions), String($0.incidents)]
                }))
    }
}
