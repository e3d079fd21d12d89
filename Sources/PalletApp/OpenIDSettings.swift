import Foundation
import Configuration
public import Gallery

/// OpenID Connect sign-in (`pallet.oidc.*`) and whether local passwords sign in (`pallet.passwordSignIn`).
/// One provider straight from the environment (`PALLET_OIDC_ISSUER`, `PALLET_OIDC_CLIENT_ID`,
/// `PALLET_OIDC_CLIENT_SECRET`, `PALLET_OIDC_NAME`); several from a config file: `pallet.oidc.providers` lists
/// their ids, and each has `pallet.oidc.ID.issuer`, `.clientId`, `.clientSecret`, `.name`, `.clientAuthentication`.
public struct OpenIDSettings: Sendable, Equatable {
    public var providers: [OpenIDProvider] = []
    /// Off: the LogOn page shows only the provider buttons; Register and password reset say passwords are off.
    public var passwordSignIn = true
    /// How long one request to a provider (discovery, keys, token) may take before the page says the provider
    /// cannot be reached. Short by default so a provider that is down answers a clear page fast.
    public var timeoutSeconds = 5

    /// The defaults (no provider, passwords on).
    public init() {}

    public enum Key {
        public static let providers = "pallet.oidc.providers"
        public static let passwordSignIn = "pallet.passwordSignIn"
        public static let timeout = "pallet.oidc.timeout"
        /// The single provider's keys; for a listed provider `ID` they are `pallet.oidc.ID.issuer` and so on.
        public static func field(_ name: String, provider: String? = nil) -> String {
            provider.map { "pallet.oidc.\($0).\(name)" } ?? "pallet.oidc.\(name)"
        }
    }

    /// Reads the keys, appending every problem to `problems`.
    static func resolve(_ reader: ConfigReader, problems: inout [String]) -> OpenIDSettings {
        var settings = OpenIDSettings()
        func text(_ key: String, secret: Bool = false) -> String? {
            reader.string(forKey: ConfigKey(key), isSecret: secret).flatMap { $0.isEmpty ? nil : $0 }
        }
        func provider(_ id: String?) -> OpenIDProvider? {
            let issuerKey = Key.field("issuer", provider: id)
            guard let issuer = text(issuerKey) else {
                if id != nil { problems.append("'\(issuerKey)' is missing.") }
                return nil
            }
            let clientIDKey = Key.field("clientId", provider: id), secretKey = Key.field("clientSecret", provider: id)
            guard let clientID = text(clientIDKey), let secret = text(secretKey, secret: true) else {
                problems.append("'\(issuerKey)' needs '\(clientIDKey)' and '\(secretKey)'.")
                return nil
            }
            let isLoopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"].contains { issuer.lowercased().hasPrefix($0) }
            if !issuer.lowercased().hasPrefix("https://") && !isLoopback {
                problems.append("'\(issuerKey)' must be an https:// URL, not '\(issuer)'.")
            }
            let authKey = Key.field("clientAuthentication", provider: id)
            var authentication = OpenIDProvider.ClientAuthentication.basic
            if let raw = text(authKey) {
                if let parsed = OpenIDProvider.ClientAuthentication(rawValue: raw) { authentication = parsed } else {
                    problems.append("'\(authKey)' must be client_secret_basic or client_secret_post, not '\(raw)'.")
                }
            }
            return OpenIDProvider(
                id: id ?? "oidc", name: text(Key.field("name", provider: id)) ?? "OpenID Connect", issuer: issuer,
                clientID: clientID, clientSecret: secret, clientAuthentication: authentication)
        }
        if let single = provider(nil) { settings.providers.append(single) }
        let ids = reader.stringArray(forKey: ConfigKey(Key.providers))
            ?? text(Key.providers).map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        for id in ids {
            guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }), id != "oidc",
                  !settings.providers.contains(where: { $0.id == id })
            else {
                problems.append("'\(Key.providers)' must list distinct ids of letters, digits, '-' or '_' (not 'oidc'), not '\(id)'.")
                continue
            }
            if let found = provider(id) { settings.providers.append(found) }
        }
        if let raw = text(Key.passwordSignIn) ?? reader.bool(forKey: ConfigKey(Key.passwordSignIn)).map({ $0 ? "true" : "false" }) {
            switch raw.lowercased() {
            case "true", "1", "yes": settings.passwordSignIn = true
            case "false", "0", "no": settings.passwordSignIn = false
            default: problems.append("'\(Key.passwordSignIn)' must be true or false, not '\(raw)'.")
            }
        }
        if let raw = text(Key.timeout) ?? reader.int(forKey: ConfigKey(Key.timeout)).map(String.init) {
            if let seconds = Int(raw), (1...300).contains(seconds) { settings.timeoutSeconds = seconds } else {
                problems.append("'\(Key.timeout)' must be a whole number of seconds from 1 to 300, not '\(raw)'.")
            }
        }
        if !settings.passwordSignIn && settings.providers.isEmpty {
            problems.append("'\(Key.passwordSignIn)' false needs an OpenID Connect provider, or nobody can sign in.")
        }
        return settings
    }
}
