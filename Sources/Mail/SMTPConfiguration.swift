/// How Pallet reaches its SMTP server.
public struct SMTPConfiguration: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: String, Sendable, CaseIterable {
        /// Plain text (a relay on localhost). Credentials are refused in this mode.
        case none
        /// Plain connection upgraded with STARTTLS before anything else is sent (port 587).
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    /// Username and password for AUTH (PLAIN, or LOGIN when only that is offered); nil = no AUTH.
    public var username: String?
    public var password: String?
    /// The envelope sender and `From:` address.
    public var from: String
    /// PEM file of extra trusted root certificates (a private CA); the system roots otherwise.
    public var caCertificateFile: String?
    /// Name sent with EHLO.
    public var heloName: String
    /// Limit for a whole message exchange, in seconds.
    public var timeoutSeconds: Int

    /// Creates a configuration.
    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil, from: String,
        caCertificateFile: String? = nil, heloName: String = "pallet.localhost", timeoutSeconds: Int = 30
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.caCertificateFile = caCertificateFile
        self.heloName = heloName
        self.timeoutSeconds = timeoutSeconds
    }
}

/// A failed SMTP exchange, with what the server said. Never contains the password.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered with an unexpected code.
    case rejected(command: String, code: Int, text: String)
    /// The server does not offer something the configuration requires (STARTTLS, AUTH).
    case unsupported(String)
    /// The server broke the protocol (malformed or oversized reply, early close).
    case protocolViolation(String)
    /// An address or header would have injected SMTP commands or headers.
    case invalidAddress(String)
    /// The exchange took longer than the configured limit.
    case timedOut

    public var description: String {
        switch self {
        case .rejected(let command, let code, let text): "The SMTP server refused \(command): \(code) \(text)"
        case .unsupported(let what): "The SMTP server does not support \(what)."
        case .protocolViolation(let what): "The SMTP server broke the protocol: \(what)."
        case .invalidAddress(let address): "'\(address)' is not a usable email address."
        case .timedOut: "The SMTP exchange timed out."
        }
    }
}
