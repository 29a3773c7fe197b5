import Foundation

/// An article as found in a file, before cleaning: its text (headline line first when the
/// format names one) and what the format itself says about it.
public struct ArticleSource: Sendable, Equatable {
    public enum Format: String, Sendable {
        case text, html, json
    }
    public var format: Format
    /// Plain text for the cleaner: the headline (when the format gives one), a blank line, the body.
    public var text: String
    /// The outlet the format names (og:site_name, JSON "source").
    public var outlet: String?
    /// The publication date the format gives, as an ISO date ("2025-10-26").
    public var published: String?
    public var url: String?

    public init(format: Format, text: String, outlet: String? = nil, published: String? = nil, url: String? = nil) {
        self.format = format
        self.text = text
        self.outlet = outlet
        self.published = published
        self.url = url
    }
}

/// Reads plain text, HTML pages and JSON articles (DESIGN §4). The format comes from the
/// file name (.html, .htm, .json) or, for other names, from the content. A .json file that
/// is not a JSON article, or an HTML page without text, is refused with a reason.
public enum ArticleInput {
    public static func parse(_ decoded: DecodedText, fileName: String) throws(DecodeError) -> ArticleSource {
        let name = fileName.lowercased()
        let start = decoded.text.drop(while: { $0.isWhitespace }).prefix(15).lowercased()
        if name.hasSuffix(".json") || (start.hasPrefix("{") && !name.hasSuffix(".txt")) {
            if let source = json(decoded.text) { return source }
            if name.hasSuffix(".json") {
                throw DecodeError(.badFormat, "not a JSON article: expected an object with \"title\" and \"body\", \"text\" or \"content\"")
            }
        }
        if name.hasSuffix(".html") || name.hasSuffix(".htm") || start.hasPrefix("<!doctype html") || start.hasPrefix("<html") {
            let source = html(decoded.text)
            guard source.text.contains(where: { $0.isLetter }) else {
                throw DecodeError(.noText, "an HTML page without article text")
            }
            return source
        }
        return ArticleSource(format: .text, text: decoded.text)
    }

    // MARK: JSON

    static func json(_ text: String) -> ArticleSource? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return nil }
        let body = ["body", "text", "content"].lazy.compactMap { object[$0] as? String }.first
        guard let body, body.contains(where: { $0.isLetter }) else { return nil }
        let title = (object["title"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
        let published = (object["published"] as? String).flatMap(isoDate)
        return ArticleSource(
            format: .json, text: [title, body].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n"),
            outlet: (object["source"] as? String).flatMap { $0.isEmpty ? nil : $0 },
            published: published, url: object["url"] as? String)
    }

    /// Years a news article's publication date may have. A date outside (0001-01-01,
    /// 9999-12-31) is not used: the raw bytes keep it, as they keep everything.
    public static let plausibleYears = 1900...2100

    /// "2025-10-26T10:00:00+03:00" -> "2025-10-26"; nil for anything that is not a real
    /// calendar date in `plausibleYears`.
    static func isoDate(_ text: String) -> String? {
        let prefix = String(text.prefix(10))
        let parts = prefix.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            plausibleYears.contains(year), (1...12).contains(month)
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return nil }
        return prefix
    }

    // MARK: HTML

    static let droppedElements = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "svg", "iframe"]
    static let blockElements: Set<String> = [
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section",
        "blockquote", "article", "ul", "ol", "table", "figure", "figcaption", "hr",
    ]

    static func html(_ page: String) -> ArticleSource {
        var page = removingComments(page)
        let metas = metaTags(page)
        let titleTag = inner(of: "title", in: page).map(textContent)
        for element in droppedElements { page = removing(element, from: page) }
        let headline = inner(of: "h1", in: page).map(textContent) ?? metas["og:title"] ?? titleTag
        let body = inner(of: "article", in: page) ?? inner(of: "body", in: page) ?? page
        var lines = textContent(body).split(separator: "\n").map(String.init)
        if let headline, !headline.isEmpty, lines.first.map({ Normalization.search($0) != Normalization.search(headline) }) ?? true {
            lines.insert(contentsOf: [headline, ""], at: 0)
        }
        return ArticleSource(
            format: .html, text: lines.joined(separator: "\n"), outlet: metas["og:site_name"],
            published: (metas["article:published_time"] ?? metas["date"]).flatMap(isoDate), url: metas["og:url"])
    }

    static func removingComments(_ page: String) -> String {
        var result = ""
        var rest = page[...]
        while let open = rest.range(of: "<!--") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { return result }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// The content between the first <name ...> and its </name>, case-insensitive.
    static func inner(of name: String, in page: String) -> String? {
        guard let open = page.range(of: "<\(name)", options: .caseInsensitive),
            let openEnd = page[open.upperBound...].firstIndex(of: ">"),
            let close = page[openEnd...].range(of: "</\(name)>", options: .caseInsensitive)
        else { return nil }
        let next = page[open.upperBound...].first
        guard next == ">" || next == " " || next == "\n" || next == "\t" else { return nil }  // <header> is not <h...>
        return String(page[page.index(after: openEnd)..<close.lowerBound])
    }

    /// The page without any <name ...>...</name> element.
    static func removing(_ name: String, from page: String) -> String {
        var result = ""
        var rest = page[...]
        while let open = rest.range(of: "<\(name)", options: .caseInsensitive) {
            let next = rest[open.upperBound...].first
            guard next == ">" || next == " " || next == "\n" || next == "\t" else {
                result += rest[..<open.upperBound]
                rest = rest[open.upperBound...]
                continue
            }
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "</\(name)>", options: .caseInsensitive) else { return result }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// <meta property|name="..." content="..."> pairs.
    static func metaTags(_ page: String) -> [String: String] {
        var metas: [String: String] = [:]
        var rest = page[...]
        while let open = rest.range(of: "<meta", options: .caseInsensitive), let close = rest[open.upperBound...].firstIndex(of: ">") {
            let tag = String(rest[open.upperBound..<close])
            if let key = attribute("property", in: tag) ?? attribute("name", in: tag), let content = attribute("content", in: tag) {
                metas[key.lowercased()] = decodeEntities(content)
            }
            rest = rest[close...]
        }
        return metas
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        for quote in ["\"", "'"] {
            if let start = tag.range(of: "\(name)=\(quote)", options: .caseInsensitive),
                let end = tag[start.upperBound...].firstIndex(of: Character(quote))
            {
                return String(tag[start.upperBound..<end])
            }
        }
        return nil
    }

    /// Text of an HTML fragment: block elements become line breaks, other tags go,
    /// entities are decoded, white space is tidied.
    static func textContent(_ fragment: String) -> String {
        var output = ""
        var index = fragment.startIndex
        // The next ">" at or after `index`, found once and reused: looking for it afresh
        // from every "<" is quadratic in a page of "<" without a ">" (a poison pill).
        var nextClose: String.Index? = fragment.startIndex
        while index < fragment.endIndex {
            let character = fragment[index]
            if character == "<", nextClose != nil {
                if let known = nextClose, known <= index { nextClose = fragment[index...].firstIndex(of: ">") }
            }
            if character == "<", let close = nextClose, close > index {
                let tag = fragment[fragment.index(after: index)..<close].drop(while: { $0 == "/" })
                let name = tag.prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                if blockElements.contains(name) { output.append("\n") }
                index = fragment.index(after: close)
                continue
            }
            output.append(character)
            index = fragment.index(after: index)
        }
        return decodeEntities(output).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
            .reduce(into: [String]()) { lines, line in
                if !(line.isEmpty && (lines.last?.isEmpty ?? true)) { lines.append(line) }
            }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "laquo": "«", "raquo": "»", "ndash": "–", "mdash": "—", "hellip": "…",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "zwnj": "\u{200C}", "rlm": "\u{200F}", "lrm": "\u{200E}",
    ]

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") {
                let name = text[text.index(after: index)..<semicolon]
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = entities[String(name)]
                }
                if let replacement {
                    output += replacement
                    index = text.index(after: semicolon)
                    continue
                }
            }
            output.append(text[index])
            index = text.index(after: index)
        }
        return output
    }
}
