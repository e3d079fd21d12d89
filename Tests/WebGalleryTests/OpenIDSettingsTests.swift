import Foundation
import Gallery
import PalletApp
import Testing

@Suite("configuration: OpenID Connect providers and password sign-in")
struct OpenIDSettingsTests {
    @Test("one provider from PALLET_OIDC_*; PALLET_PASSWORD_SIGN_IN=false turns passwords off")
    func environment() async throws {
        let config = try await ServerConfig.load(commandLine: [:], environment: [
            "PALLET_OIDC_ISSUER": "https://id.example/realms/main", "PALLET_OIDC_CLIENT_ID": "pallet",
            "PALLET_OIDC_CLIENT_SECRET": "secret", "PALLET_OIDC_NAME": "Keycloak", "PALLET_PASSWORD_SIGN_IN": "false",
        ])
        #expect(config.openID.providers == [OpenIDProvider(
            id: "oidc", name: "Keycloak", issuer: "https://id.example/realms/main", clientID: "pallet", clientSecret: "secret")])
        #expect(config.openID.passwordSignIn == false)
        #expect(config.openID.timeoutSeconds == 5)
        #expect(try await ServerConfig.load(commandLine: [:], environment: [:]).openID == OpenIDSettings())
        #expect(try await ServerConfig.load(commandLine: [:], environment: ["PALLET_OIDC_TIMEOUT": "20"]).openID.timeoutSeconds == 20)
    }

    @Test("several providers from the config file, each with its own keys")
    func configFile() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pallet-oidc-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"""
            {"pallet": {"oidc": {
                "providers": ["gitlab", "entra"],
                "gitlab": {"issuer": "https://gitlab.example", "clientId": "g", "clientSecret": "gs", "name": "GitLab"},
                "entra": {"issuer": "https://login.example/tenant/v2.0", "clientId": "e", "clientSecret": "es", "name": "Entra ID",
                          "clientAuthentication": "client_secret_post"}
            }}}
            """#.utf8).write(to: file)
        let config = try await ServerConfig.load(commandLine: [:], environment: ["PALLET_CONFIG": file.path])
        #expect(config.openID.providers.map(\.id) == ["gitlab", "entra"])
        #expect(config.openID.providers.map(\.name) == ["GitLab", "Entra ID"])
        #expect(config.openID.providers.map(\.clientAuthentication) == [.basic, .post])
        #expect(config.openID.passwordSignIn)
    }

    @Test("problems: http issuer off loopback, a missing secret, passwords off without a provider")
    func problems() async throws {
        for environment in [
            ["PALLET_OIDC_ISSUER": "http://id.example", "PALLET_OIDC_CLIENT_ID": "c", "PALLET_OIDC_CLIENT_SECRET": "s"],
            ["PALLET_OIDC_ISSUER": "https://id.example", "PALLET_OIDC_CLIENT_ID": "c"],
            ["PALLET_PASSWORD_SIGN_IN": "false"],
            ["PALLET_PASSWORD_SIGN_IN": "maybe"],
            ["PALLET_OIDC_TIMEOUT": "0"],
            ["PALLET_OIDC_TIMEOUT": "soon"],
        ] {
            await #expect(throws: ConfigError.self, "\(environment)") {
                _ = try await ServerConfig.load(commandLine: [:], environment: environment)
            }
        }
    }
}
