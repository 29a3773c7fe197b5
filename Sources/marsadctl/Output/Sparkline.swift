import ArgumentParser
import Foundation
import MarsadClient
import MarsadModel
import MarsadProtocol

enum Sparkline {
    static let bars = Array("▁▂▃▄▅▆▇█")

    /// One character per value, scaled to the largest: "▁▃█▁".
    static func render(_ values: [Int]) -> String {
        guard let top = values.max(), top > 0 else { return String(repeating: bars[0], count: values.count) }
        return String(values.map { bars[min(bars.count - 1, $0 * (bars.count - 1) / top)] })
    }
}
