public import Gallery
public import Logging
import Mail

extension PalletServer {
    /// The mailer the configuration asks for: SMTP when `pallet.mail.host` is set, otherwise one that only logs.
    /// An SMTP set-up that cannot start (unreadable CA file) falls back to logging, loudly.
    public static func makeMailer(config: ServerConfig, logger: Logger) -> any Mailer {
        let settings = config.mail
        guard let host = settings.host else { return LogMailer(logger: logger) }
        let security = SMTPConfiguration.Security(rawValue: settings.security) ?? .startTLS
        let port = settings.port ?? (security == .tls ? 465 : security == .startTLS ? 587 : 25)
        do {
            return try SMTPMailer(configuration: SMTPConfiguration(
                host: host, port: port, security: security, username: settings.username, password: settings.password,
                from: settings.from, caCertificateFile: settings.caFile
            ), logger: logger)
        } catch {
            logger.error("SMTP could not be set up; mail is only logged", metadata: ["error": "\(error)"])
            return LogMailer(logger: logger)
        }
    }
}
