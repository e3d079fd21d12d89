import Foundation
import Gallery
import Testing

/// Which verified CI tokens a trusted-publishing policy accepts (protocol §13).
@Suite("Trusted publishing: policy matching")
struct PolicyMatchingTests {
    static let github = TrustedPublishingPolicy(
        ownerKey: 1, creatorKey: 1, name: "release",
        provider: .gitHubActions(owner: "Contoso", repository: "Utils", workflowFile: "release.yml", environment: "nuget"),
        scopes: [.push], created: Date(timeIntervalSince1970: 0))

    static let claims: [String: String] = [
        "repository": "contoso/utils", "repository_owner": "contoso", "repository_owner_id": "42", "repository_id": "4242",
        "job_workflow_ref": "contoso/utils/.github/workflows/Release.yml@refs/heads/main", "environment": "NuGet",
    ]

    @Test("a matching GitHub token pins the ids on first use; names compare ignoring case")
    func gitHubFirstUse() {
        #expect(Self.github.match(Self.claims) == .matches(pin: ("42", "4242")))
        var pinned = Self.github
        pinned.pinnedOwnerID = "42"
        pinned.pinnedRepositoryID = "4242"
        #expect(pinned.match(Self.claims) == .matches(pin: nil))
        var recreated = Self.claims
        recreated["repository_id"] = "9999"
        #expect(pinned.match(recreated) == .mismatch("The repository 'Contoso/Utils' was re-created since the policy was first used."))
    }

    @Test("GitHub mismatches name what differs", arguments: [
        ("repository", "contoso/other", "The token's repository 'contoso/other' is not 'Contoso/Utils'."),
        ("job_workflow_ref", "contoso/utils/.github/workflows/ci.yml@refs/heads/main", "The token's workflow 'ci.yml' is not 'release.yml'."),
        ("environment", "staging", "The token's environment 'staging' is not 'nuget'."),
    ])
    func gitHubMismatch(_ claim: String, _ value: String, _ message: String) {
        var claims = Self.claims
        claims[claim] = value
        #expect(Self.github.match(claims) == .mismatch(message))
    }

    @Test("GitLab: project path, environment and branch")
    func gitLab() {
        let policy = TrustedPublishingPolicy(
            ownerKey: 1, creatorKey: 1, name: "gl", provider: .gitLab(projectPath: "group/project", environment: nil, branch: "main"),
            scopes: [.push], created: Date(timeIntervalSince1970: 0))
        #expect(policy.match(["project_path": "Group/Project", "ref": "main", "ref_type": "branch"]) == .matches(pin: nil))
        #expect(policy.match(["project_path": "group/project", "ref": "main", "ref_type": "tag"])
                == .mismatch("The token's ref 'main' is not the branch 'main'."))
        #expect(policy.match(["project_path": "group/other"]) == .mismatch("The token's project 'group/other' is not 'group/project'."))
    }

    @Test("a generic OIDC policy needs every required claim value")
    func oidc() {
        let policy = TrustedPublishingPolicy(
            ownerKey: 1, creatorKey: 1, name: "ci",
            provider: .oidc(issuer: "https://ci.contoso.test", audience: "pallet", claims: ["project": "utils", "branch": "main"]),
            scopes: [.pushVersions], created: Date(timeIntervalSince1970: 0))
        #expect(policy.provider.issuer == "https://ci.contoso.test")
        #expect(policy.match(["project": "utils", "branch": "main", "sub": "x"]) == .matches(pin: nil))
        #expect(policy.match(["project": "utils", "branch": "dev"]) == .mismatch("The token's claim 'branch' is not 'main'."))
    }
}
