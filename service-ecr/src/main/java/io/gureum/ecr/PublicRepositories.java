package io.gureum.ecr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecrpublic.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecrpublic.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecrpublic.model.DeleteRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecrpublic.model.DeleteRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecrpublic.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.ecrpublic.model.DeleteRepositoryResponse;
import software.amazon.awssdk.services.ecrpublic.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecrpublic.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecrpublic.model.GetRepositoryCatalogDataRequest;
import software.amazon.awssdk.services.ecrpublic.model.GetRepositoryCatalogDataResponse;
import software.amazon.awssdk.services.ecrpublic.model.GetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecrpublic.model.GetRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecrpublic.model.PutRepositoryCatalogDataRequest;
import software.amazon.awssdk.services.ecrpublic.model.PutRepositoryCatalogDataResponse;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryCatalogData;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryCatalogDataInput;
import software.amazon.awssdk.services.ecrpublic.model.SetRepositoryPolicyRequest;
import software.amazon.awssdk.services.ecrpublic.model.SetRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecrpublic.model.Tag;

/**
 * ECR Public's repositories: create (with catalog data and tags; the registry's alias comes with the first),
 * describe, delete (force), the repository policy and the catalog data. Names as ECR's but at most 205
 * characters (the model's RepositoryName).
 */
final class PublicRepositories {
    private static final Pattern NAME = Pattern.compile(Repositories.NAME_PATTERN);

    private final EcrState state;
    private final PublicRegistries registries;

    PublicRepositories(EcrState state, PublicRegistries registries) {
        this.state = state;
        this.registries = registries;
    }

    static void checkName(String name) {
        if (name == null || name.length() < 2 || name.length() > 205) {
            throw PublicErrors.constraint("repositoryName", "Member must have length between 2 and 205");
        }
        if (!NAME.matcher(name).matches()) {
            throw PublicErrors.constraint("repositoryName", "must satisfy regular expression '"
                    + Repositories.NAME_PATTERN + "'");
        }
    }

    /** maxResults 1–1000 (the model's MaxResults). */
    static void checkMaxResults(Integer maxResults) {
        if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
            throw PublicErrors.constraint("maxResults", "Member must have value between 1 and 1000");
        }
    }

    public CreateRepositoryResponse createRepository(CreateRepositoryRequest r) {
        checkName(r.repositoryName());
        PublicCatalog catalog = r.catalogData() == null ? null : catalog(r.catalogData());
        List<Tag> tags = r.hasTags() ? r.tags() : List.of();
        PublicRegistries.checkTags(tags);
        RepositoryTags.check(PublicRegistries.ecrTags(tags), 0);
        Registry registry = registries.registry(null, false, false);
        if (registry.repositories.containsKey(r.repositoryName())) {
            throw EcrErrors.repositoryExists(r.repositoryName(), registry.account);
        }
        registries.ensureAlias(registry);
        Repository repo = state.newRepository(r.repositoryName(), registry.account, registry.region, state.now());
        repo.catalog = catalog;
        tags.forEach(t -> repo.tags.put(t.key(), t.value() == null ? "" : t.value()));
        repo.tags.attach(state.context.registry(), registry.account, registry.region, state.api, repo.name, repo.arn);
        registry.repositories.put(repo.name, repo);
        return CreateRepositoryResponse.builder().repository(view(registry, repo))
                .catalogData(catalog == null ? null : catalogView(repo)).build();
    }

    /** By name (the first unknown one is RepositoryNotFoundException) or all, in creation order, in pages. */
    public DescribeRepositoriesResponse describeRepositories(DescribeRepositoriesRequest r) {
        checkMaxResults(r.maxResults());
        Registry registry = registries.registry(r.registryId(), false, false);
        List<Repository> found = new ArrayList<>();
        if (r.hasRepositoryNames()) {
            if (r.nextToken() != null || r.maxResults() != null) {
                throw PublicErrors.invalidParameter("Invalid parameter: nextToken and maxResults cannot be used with"
                        + " repositoryNames");
            }
            for (String name : r.repositoryNames()) {
                found.add(repository(registry, name));
            }
        } else {
            found.addAll(registry.repositories.values());
        }
        PageTokens.Page<Repository> page = PageTokens.page(found, r.maxResults(), r.nextToken(), 100);
        return DescribeRepositoriesResponse.builder()
                .repositories(page.items().stream().map(repo -> view(registry, repo)).toList())
                .nextToken(page.nextToken()).build();
    }

    /** A repository with images is refused (RepositoryNotEmptyException) unless {@code force}. */
    public DeleteRepositoryResponse deleteRepository(DeleteRepositoryRequest r) {
        Registry registry = registries.registry(r.registryId(), false, false);
        Repository repo = repository(registry, r.repositoryName());
        if (!repo.images.isEmpty() && !Boolean.TRUE.equals(r.force())) {
            throw EcrErrors.repositoryNotEmpty(repo.name, repo.registryId);
        }
        registry.repositories.remove(repo.name);
        repo.tags.detach();
        repo.uploads.values().forEach(u -> state.layerStore.discard(u.file));
        state.releaseLayers(repo.layers.values());
        return DeleteRepositoryResponse.builder().repository(view(registry, repo)).build();
    }

    /**
     * Stores the policy (a JSON object with a {@code Statement}, at most 10,240 characters). {@code force} is taken
     * and changes nothing: Gureum does not work out whether a policy would lock its author out.
     */
    public SetRepositoryPolicyResponse setRepositoryPolicy(SetRepositoryPolicyRequest r) {
        Registry registry = registries.registry(r.registryId(), false, false);
        Repository repo = repository(registry, r.repositoryName());
        if (r.policyText().length() > 10240 || PolicyDocuments.parse(r.policyText()) == null) {
            throw PublicErrors.constraint("policyText", "Invalid repository policy provided");
        }
        repo.policyText = r.policyText();
        return SetRepositoryPolicyResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .policyText(repo.policyText).build();
    }

    public GetRepositoryPolicyResponse getRepositoryPolicy(GetRepositoryPolicyRequest r) {
        Repository repo = repository(registries.registry(r.registryId(), false, false), r.repositoryName());
        if (repo.policyText == null) {
            throw EcrErrors.repositoryPolicyNotFound(repo.name, repo.registryId);
        }
        return GetRepositoryPolicyResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .policyText(repo.policyText).build();
    }

    public DeleteRepositoryPolicyResponse deleteRepositoryPolicy(DeleteRepositoryPolicyRequest r) {
        Repository repo = repository(registries.registry(r.registryId(), false, false), r.repositoryName());
        if (repo.policyText == null) {
            throw EcrErrors.repositoryPolicyNotFound(repo.name, repo.registryId);
        }
        String text = repo.policyText;
        repo.policyText = null;
        return DeleteRepositoryPolicyResponse.builder().registryId(repo.registryId).repositoryName(repo.name)
                .policyText(text).build();
    }

    /** RepositoryCatalogDataNotFoundException for a repository whose catalog data was never put. */
    public GetRepositoryCatalogDataResponse getRepositoryCatalogData(GetRepositoryCatalogDataRequest r) {
        Repository repo = repository(registries.registry(r.registryId(), false, false), r.repositoryName());
        if (repo.catalog == null) {
            throw PublicErrors.catalogNotFound(repo.name, repo.registryId);
        }
        return GetRepositoryCatalogDataResponse.builder().catalogData(catalogView(repo)).build();
    }

    /** Replaces the repository's catalog data with the one given (members left out are cleared). */
    public PutRepositoryCatalogDataResponse putRepositoryCatalogData(PutRepositoryCatalogDataRequest r) {
        Repository repo = repository(registries.registry(r.registryId(), false, false), r.repositoryName());
        repo.catalog = catalog(r.catalogData());
        return PutRepositoryCatalogDataResponse.builder().catalogData(catalogView(repo)).build();
    }

    private static Repository repository(Registry registry, String name) {
        Repository repo = registry.repositories.get(name);
        if (repo == null) {
            throw EcrErrors.repositoryNotFound(name, registry.account);
        }
        return repo;
    }

    /** The catalog data given, checked against the model's bounds (RepositoryCatalogDataInput). */
    static PublicCatalog catalog(RepositoryCatalogDataInput in) {
        length("catalogData.description", in.description(), 1024);
        length("catalogData.aboutText", in.aboutText(), 25600);
        length("catalogData.usageText", in.usageText(), 25600);
        badges("catalogData.architectures", in.hasArchitectures() ? in.architectures() : null);
        badges("catalogData.operatingSystems", in.hasOperatingSystems() ? in.operatingSystems() : null);
        byte[] logo = in.logoImageBlob() == null ? null : in.logoImageBlob().asByteArray();
        if (logo != null && logo.length > 512000) {
            throw PublicErrors.constraint("catalogData.logoImageBlob",
                    "Member must have length less than or equal to 512000");
        }
        return new PublicCatalog(in.description(), in.hasArchitectures() ? List.copyOf(in.architectures()) : null,
                in.hasOperatingSystems() ? List.copyOf(in.operatingSystems()) : null,
                logo == null || logo.length == 0 ? null : logo, in.aboutText(), in.usageText());
    }

    private static void length(String member, String value, int max) {
        if (value != null && value.length() > max) {
            throw PublicErrors.constraint(member, "Member must have length less than or equal to " + max);
        }
    }

    /** At most 50 badges of 1–50 characters each. */
    private static void badges(String member, List<String> values) {
        if (values == null) {
            return;
        }
        if (values.size() > 50) {
            throw PublicErrors.constraint(member, "Member must have length less than or equal to 50");
        }
        for (String v : values) {
            if (v == null || v.isEmpty() || v.length() > 50) {
                throw PublicErrors.constraint(member, "Member must have length between 1 and 50");
            }
        }
    }

    RepositoryCatalogData catalogView(Repository repo) {
        PublicCatalog c = repo.catalog;
        return RepositoryCatalogData.builder().description(c.description()).architectures(c.architectures())
                .operatingSystems(c.operatingSystems()).aboutText(c.aboutText()).usageText(c.usageText())
                .logoUrl(c.logo() == null ? null : PublicLogos.url(state, repo)).marketplaceCertified(false)
                .build();
    }

    static software.amazon.awssdk.services.ecrpublic.model.Repository view(Registry registry, Repository repo) {
        return software.amazon.awssdk.services.ecrpublic.model.Repository.builder()
                .repositoryArn(repo.arn.toString()).registryId(repo.registryId).repositoryName(repo.name)
                .repositoryUri(PublicRegistries.uri(registry, repo.name)).createdAt(repo.createdAt).build();
    }
}
