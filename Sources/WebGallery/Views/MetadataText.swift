import Foundation
import NuGetCore

/// How nuspec values read on the page: framework names, version ranges, SPDX expressions.
extension WebGallery {
    static func frameworkName(_ folder: String) -> String {
        (try? NuGetFramework(parsing: folder))?.displayName ?? folder
    }

    /// `[1.0.0, )` → `>= 1.0.0`, as nuget.org shows ranges.
    static func prettyRange(_ range: String) -> String {
        let text = range.trimmingCharacters(in: .whitespaces)
        guard text.count >= 2, let open = text.first, let close = text.last, "[(".contains(open), "])".contains(close) else {
            return text.isEmpty ? "(any version)" : ">= \(text)"
        }
        let inner = text.dropFirst().dropLast()
        let bounds = inner.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if bounds.count == 1 { return "= \(bounds[0])" }
        guard bounds.count == 2 else { return text }
        var parts: [String] = []
        if !bounds[0].isEmpty { parts.append((open == "[" ? ">= " : "> ") + bounds[0]) }
        if !bounds[1].isEmpty { parts.append((close == "]" ? "<= " : "< ") + bounds[1]) }
        return parts.isEmpty ? "(any version)" : parts.joined(separator: " && ")
    }

    /// An SPDX expression split into operators and identifiers, each identifier linking to spdx.org.
    static func licenseParts(_ expression: String) -> [LicensePartModel] {
        var parts: [LicensePartModel] = []
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            let upper = word.uppercased()
            if ["AND", "OR", "WITH"].contains(upper) {
                parts.append(LicensePartModel(text: " \(upper) ", url: nil))
            } else {
                let bare = word.hasSuffix("+") ? String(word.dropLast()) : word
                let safe = bare.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
                parts.append(LicensePartModel(text: word, url: safe ? "https://spdx.org/licenses/\(bare).html" : nil))
            }
            word = ""
        }
        for character in expression {
            if character == "(" || character == ")" { flush(); parts.append(LicensePartModel(text: String(character), url: nil)) }
            else if character == " " { flush() }
            else { word.append(character) }
        }
        flush()
        return parts
    }
}
