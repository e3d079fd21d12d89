import Configuration
import Foundation
import WebGallery

/// The texts of `/policies/Contact`, `/policies/Terms`, `/policies/Privacy` (`pallet.policies.*File`): Markdown
/// files an operator writes; each one left unset keeps Pallet's default text (which carries the prohibited-use list).
public struct PolicySettings: Sendable, Equatable {
    public var contactFile: String?
    public var termsFile: String?
    public var privacyFile: String?
    /// The files' contents, read at start (so a missing file is reported with every other problem).
    var contact: String?
    var terms: String?
    var privacy: String?

    /// The defaults (Pallet's own texts).
    public init() {}

    /// The configuration keys (`PALLET_POLICIES_CONTACTFILE`, ... in the environment).
    public enum Key {
        public static let contact = "pallet.policies.contactFile"
        public static let terms = "pallet.policies.termsFile"
        public static let privacy = "pallet.policies.privacyFile"
    }

    /// Reads the keys and the files they name, appending every problem to `problems`.
    static func resolve(_ reader: ConfigReader, problems: inout [String]) -> PolicySettings {
        var settings = PolicySettings()
        func read(_ key: String) -> (String?, String?) {
            guard let path = reader.string(forKey: ConfigKey(key)) else { return (nil, nil) }
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                problems.append("'\(key)' names '\(path)', which cannot be read as UTF-8 text.")
                return (path, nil)
            }
            return (path, text)
        }
        (settings.contactFile, settings.contact) = read(Key.contact)
        (settings.termsFile, settings.terms) = read(Key.terms)
        (settings.privacyFile, settings.privacy) = read(Key.privacy)
        return settings
    }

    /// What the web gallery shows.
    var texts: PolicyTexts { PolicyTexts(contact: contact, terms: terms, privacy: privacy) }
}
