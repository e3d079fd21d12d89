import Configuration
import Foundation

/// SMTP settings (`pallet.mail.*`). Without a host, mail is only logged, and `serve` says so at start.
public struct MailSettings: Sendable, Equatable {
    /// SMTP server host; nil = no mail server (log-only mailer).
    public var host: String?
    /// Default: 25 without TLS, 587 with STARTTLS, 465 with implicit TLS.
    public var port: Int?
    /// `none`, `starttls` (default) or `tls`.
    public var security: String = "starttls"
    public var username: String?
    /// Secret: never logged or printed.
    public var password: String?
    /// Sender address of every notification.
    public var from: String = "pallet@localhost"
    /// PEM file of extra trusted root certificates (a private CA).
    public var caFile: String?
    /// Where abuse reports and owner support requests are mailed (`PALLET_MAIL_OPERATORS`, comma-separated);
    /// empty = every site admin's address.
    public var operators: [String] = []

    /// The defaults (no mail server).
    public init() {}

    /// The configuration keys.
    public enum Key {
        public static let host = "pallet.mail.host"
        public static let port = "pallet.mail.port"
        public static let security = "pallet.mail.security"
        public static let username = "pallet.mail.username"
        public static let password = "pallet.mail.password"
        public static let from = "pallet.mail.from"
        public static let caFile = "pallet.mail.caFile"
        public static let operators = "pallet.mail.operators"
    }

    /// Reads the `pallet.mail.*` keys, appending every problem to `problems`.
    static func resolve(_ reader: ConfigReader, problems: inout [String]) -> MailSettings {
        var settings = MailSettings()
        func text(_ key: String, secret: Bool = false) -> String? {
            reader.string(forKey: ConfigKey(key), isSecret: secret) ?? reader.int(forKey: ConfigKey(key)).map(String.init)
        }
        settings.host = text(Key.host)
        if let raw = text(Key.port) {
            if let port = Int(raw), (1...65535).contains(port) { settings.port = port } else {
                problems.append("'\(Key.port)' must be a whole number in 1...65535, not '\(raw)'.")
            }
        }
        if let security = text(Key.security) {
            if ["none", "starttls", "tls"].contains(security.lowercased()) { settings.security = security.lowercased() } else {
                problems.append("'\(Key.security)' must be none, starttls or tls, not '\(security)'.")
            }
        }
        settings.username = text(Key.username)
        settings.password = text(Key.password, secret: true)
        if let from = text(Key.from) { settings.from = from }
        settings.caFile = text(Key.caFile)
        if let operators = text(Key.operators) {
            settings.operators = operators.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for address in settings.operators where !address.contains("@") || address.contains(where: \.isWhitespace) {
                problems.append("'\(Key.operators)' holds '\(address)', which is not an email address.")
            }
        }
        if settings.host != nil, settings.security == "none", settings.password != nil {
            // A password must never cross the network in clear text.
            problems.append("'\(Key.password)' needs '\(Key.security)' starttls or tls.")
        }
        if (settings.username == nil) != (settings.password == nil) {
            problems.append("'\(Key.username)' and '\(Key.password)' go together.")
        }
        if !settings.from.contains("@") || settings.from.contains(where: { $0.isWhitespace || "<>".contains($0) }) {
            problems.append("'\(Key.from)' must be an email address, not '\(settings.from)'.")
        }
        return settings
    }
}
