import ArgumentParser
import Foundation
import Gallery

struct AddPublishingPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-publishing-policy",
        abstract: "Let a CI workflow exchange its OIDC token for a 15-minute API key (Trusted Publishing)."
    )

    @Option(help: "The user the issued keys act as.") var user: String
    @Option(help: "An organization the user belongs to, owning the packages (default: the user).") var owner: String?
    @Option(help: "A name for the policy.") var name: String
    @Option(help: "GitHub Actions: OWNER/REPOSITORY.") var github: String?
    @Option(help: "GitHub Actions: the workflow file, e.g. release.yml.") var workflow: String?
    @Option(help: "GitLab: the project path, GROUP/PROJECT.") var gitlab: String?
    @Option(help: "GitLab: only this branch.") var branch: String?
    @Option(help: "GitHub or GitLab: only this deployment environment.") var environment: String?
    @Option(help: "Generic OIDC: the issuer URL.") var issuer: String?
    @Option(help: "Generic OIDC: the audience the tokens carry.") var audience: String?
    @Option(help: "Generic OIDC: a required claim, NAME=VALUE (repeatable).") var claim: [String] = []
    @Option(help: "push, push-versions or unlist (repeatable; default push and unlist).") var scope: [String] = []
    @Option(help: "Package id glob the keys may publish (repeatable).") var glob: [String] = []
    @OptionGroup var dataOptions: DataOptions

    func provider() throws -> TrustedPublishingPolicy.Provider {
        if let github {
            let parts = github.split(separator: "/").map(String.init)
            guard parts.count == 2, let workflow else { throw ValidationError("Use --github OWNER/REPOSITORY with --workflow FILE.") }
            return .gitHubActions(owner: parts[0], repository: parts[1], workflowFile: workflow, environment: environment)
        }
        if let gitlab { return .gitLab(projectPath: gitlab, environment: environment, branch: branch) }
        if let issuer, let audience {
            var claims: [String: String] = [:]
            for pair in claim {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw ValidationError("'\(pair)' is not NAME=VALUE.") }
                claims[parts[0]] = parts[1]
            }
            return .oidc(issuer: issuer, audience: audience, claims: claims)
        }
        throw ValidationError("Name the CI system: --github, --gitlab, or --issuer with --audience.")
    }

    func run() async throws {
        let scopes = try (scope.isEmpty ? ["push", "unlist"] : scope).map { text in
            guard let scope = APIKeyScope(rawValue: text) else { throw ValidationError("'\(text)' is not a scope.") }
            return scope
        }
        let provider = try provider()
        let policy = try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.accounts.createPublishingPolicy(
                creatorName: user, ownerName: owner, name: name, provider: provider, scopes: scopes, globs: glob, by: me)
        }
        print("Created trusted publishing policy \(policy.key) '\(policy.name)'.")
    }
}

struct ListPublishingPoliciesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-publishing-policies", abstract: "List the trusted publishing policies of a user or organization."
    )

    @Option(help: "User or organization.") var owner: String
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let policies = try await withAdminGallery(dataOptions) { gallery, me in
            try await gallery.accounts.publishingPolicies(ownerName: owner, by: me)
        }
        for policy in policies {
            print([String(policy.key), policy.name, Self.describe(policy.provider), policy.scopes.map(\.rawValue).joined(separator: ","),
                   policy.globs.joined(separator: ",")].joined(separator: "\t"))
        }
    }

    static func describe(_ provider: TrustedPublishingPolicy.Provider) -> String {
        switch provider {
        case .gitHubActions(let owner, let repository, let workflow, let environment):
            "github \(owner)/\(repository) \(workflow)\(environment.map { " env=\($0)" } ?? "")"
        case .gitLab(let project, let environment, let branch):
            "gitlab \(project)\(environment.map { " env=\($0)" } ?? "")\(branch.map { " branch=\($0)" } ?? "")"
        case .oidc(let issuer, let audience, let claims):
            "oidc \(issuer) aud=\(audience) \(claims.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
        }
    }
}

struct RemovePublishingPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove-publishing-policy", abstract: "Remove a trusted publishing policy.")

    @Argument(help: "The policy number (list-publishing-policies).") var key: Int64
    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        try await withAdminGallery(dataOptions) { gallery, me in try await gallery.accounts.removePublishingPolicy(key: key, by: me) }
        print("Removed trusted publishing policy \(key).")
    }
}
