import Foundation
import Gallery

struct PolicyRowModel {
    let key: String
    let name: String
    let owner: String
    let provider: String
    let details: String
    let scopes: String
    let packages: String
    let pinned: String?
    let csrf: String
}

struct TrustedPublishingPageModel {
    var layout: LayoutModel
    let csrf: String
    let owners: [String]
    let policies: [PolicyRowModel]
    let hasPolicies: Bool
    let notice: String?
    let error: String?
}

extension WebGallery {
    /// `/account/trustedpublishing` (gallery.md §1.8, §5): the policies of the person and their organizations, and
    /// a form to add one for GitHub Actions or GitLab CI, over `AccountService`'s publishing-policy verbs.
    func trustedPublishingPage(_ principal: Principal, notice: String? = nil, error: String? = nil) async throws -> String {
        var owners = [principal.user.name]
        for key in principal.memberships.keys.sorted() {
            if let organization = try await gallery.store.user(key: key), !organization.isDeleted { owners.append(organization.name) }
        }
        let csrf = WebVisitor.current?.csrfToken ?? ""
        var rows: [PolicyRowModel] = []
        for owner in owners {
            for policy in try await gallery.accounts.publishingPolicies(ownerName: owner, by: principal) {
                let (provider, details): (String, String) = switch policy.provider {
                case .gitHubActions(let repoOwner, let repository, let workflow, let environment):
                    ("GitHub Actions", "\(repoOwner)/\(repository), workflow \(workflow)" + (environment.map { ", environment \($0)" } ?? ""))
                case .gitLab(let project, let environment, let branch):
                    ("GitLab CI/CD", project + (environment.map { ", environment \($0)" } ?? "") + (branch.map { ", branch \($0)" } ?? ""))
                case .oidc(let issuer, let audience, _):
                    ("OpenID Connect", "\(issuer), audience \(audience)")
                }
                rows.append(PolicyRowModel(
                    key: String(policy.key), name: policy.name, owner: owner, provider: provider, details: details,
                    scopes: policy.scopes.map(Self.scopeLabel).joined(separator: ", "),
                    packages: policy.globs.isEmpty ? "All packages" : policy.globs.joined(separator: ", "),
                    pinned: policy.pinnedRepositoryID.map { "Repository #\($0)" }, csrf: csrf))
            }
        }
        var layout = layout("Trusted Publishing")
        layout.noIndex = true
        return render(TrustedPublishingPageModel(
            layout: layout, csrf: csrf, owners: owners, policies: rows, hasPolicies: !rows.isEmpty, notice: notice, error: error),
            "trustedPublishing")
    }

    static func scopeLabel(_ scope: APIKeyScope) -> String {
        switch scope {
        case .push: "Push new packages and package versions"
        case .pushVersions: "Push only new package versions"
        case .unlist: "Unlist package"
        }
    }

    /// Creates a policy from the posted form.
    func createPolicy(form: WebForm, by principal: Principal) async throws -> String {
        func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespaces) }
        func optional(_ name: String) -> String? { field(name).isEmpty ? nil : field(name) }
        let provider: TrustedPublishingPolicy.Provider
        switch form["Provider"] {
        case "gitlab":
            provider = .gitLab(projectPath: field("ProjectPath"), environment: optional("GitLabEnvironment"), branch: optional("Branch"))
        default:
            provider = .gitHubActions(
                owner: field("RepositoryOwner"), repository: field("Repository"), workflowFile: field("WorkflowFile"),
                environment: optional("Environment"))
        }
        var scopes: [APIKeyScope] = []
        if form["Push"] == "on" { scopes.append(form["PushKind"] == "push-versions" ? .pushVersions : .push) }
        if form["Unlist"] == "on" { scopes.append(.unlist) }
        let globs = (form["Globs"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let policy = try await gallery.accounts.createPublishingPolicy(
            creatorName: principal.user.name, ownerName: form["Owner"], name: field("Name"), provider: provider, scopes: scopes,
            globs: globs, by: principal)
        return "The policy \"\(policy.name)\" is added."
    }
}
