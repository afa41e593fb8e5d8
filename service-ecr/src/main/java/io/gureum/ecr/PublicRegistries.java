package io.gureum.ecr;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecrpublic.model.AuthorizationData;
import software.amazon.awssdk.services.ecrpublic.model.DescribeRegistriesRequest;
import software.amazon.awssdk.services.ecrpublic.model.DescribeRegistriesResponse;
import software.amazon.awssdk.services.ecrpublic.model.GetAuthorizationTokenRequest;
import software.amazon.awssdk.services.ecrpublic.model.GetAuthorizationTokenResponse;
import software.amazon.awssdk.services.ecrpublic.model.GetRegistryCatalogDataRequest;
import software.amazon.awssdk.services.ecrpublic.model.GetRegistryCatalogDataResponse;
import software.amazon.awssdk.services.ecrpublic.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecrpublic.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecrpublic.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecrpublic.model.PutRegistryCatalogDataRequest;
import software.amazon.awssdk.services.ecrpublic.model.PutRegistryCatalogDataResponse;
import software.amazon.awssdk.services.ecrpublic.model.RegistryAlias;
import software.amazon.awssdk.services.ecrpublic.model.RegistryAliasStatus;
import software.amazon.awssdk.services.ecrpublic.model.RegistryCatalogData;
import software.amazon.awssdk.services.ecrpublic.model.Tag;
import software.amazon.awssdk.services.ecrpublic.model.TagResourceRequest;
import software.amazon.awssdk.services.ecrpublic.model.TagResourceResponse;
import software.amazon.awssdk.services.ecrpublic.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecrpublic.model.UntagResourceResponse;

/**
 * ECR Public's registries: one per account, which gets its default alias (eight characters, letters and digits
 * alternating, from core's ID generator) with its first repository, as the RegistryAlias reference says; its
 * URI is {@code public.ecr.aws/<alias>}, its ARN {@code arn:aws:ecr-public::<account>:registry/<account>}. No
 * account is a verified AWS Marketplace vendor. Also the registry's catalog data, authorization tokens and the
 * repositories' tags (kept in core's resource registry).
 */
final class PublicRegistries {
    /** The host every public repository's URI starts with (public.ecr.aws/&lt;alias&gt;/&lt;name&gt;). */
    static final String HOST = "public.ecr.aws";
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

    private final EcrState state;

    PublicRegistries(EcrState state) {
        this.state = state;
    }

    /**
     * The registry a request names: the caller's when {@code registryId} is null, else the account it names or,
     * where the operation takes one ({@code aliasAllowed}), the registry with that alias; an alias no registry has
     * is RegistryNotFoundException where the operation's model has that error ({@code registryNotFound}), else a
     * registry with no repositories (RepositoryNotFoundException follows).
     */
    Registry registry(String registryId, boolean aliasAllowed, boolean registryNotFound) {
        if (registryId == null) {
            return state.all.get(RequestContext.current().accountId(), EcrPublicService.REGION);
        }
        if (ACCOUNT.matcher(registryId).matches()) {
            return state.all.get(registryId, EcrPublicService.REGION);
        }
        if (!aliasAllowed) {
            throw PublicErrors.constraint("registryId", "must satisfy regular expression '[0-9]{12}'");
        }
        Registry[] found = {null};
        state.all.forEach((place, r) -> {
            if (registryId.equals(r.publicAlias)) {
                found[0] = r;
            }
        });
        if (found[0] == null) {
            if (registryNotFound) {
                throw PublicErrors.registryNotFound(registryId);
            }
            // No such registry: an empty one, kept nowhere, so that the repository is not found in it.
            return new Registry(registryId, EcrPublicService.REGION);
        }
        return found[0];
    }

    /** The registry's default alias, given when its first repository is created. */
    void ensureAlias(Registry registry) {
        if (registry.publicAlias != null) {
            return;
        }
        java.util.Set<String> taken = new java.util.HashSet<>();
        state.all.forEach((place, r) -> taken.add(r.publicAlias));
        String alias;
        do {
            String hex = state.context.ids().hex(16);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                int v = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
                sb.append(i % 2 == 0 ? (char) ('a' + v % 26) : (char) ('0' + v % 10));
            }
            alias = sb.toString();
        } while (taken.contains(alias));
        registry.publicAlias = alias;
    }

    /** {@code public.ecr.aws/<alias>/<name>}. */
    static String uri(Registry registry, String repositoryName) {
        return HOST + "/" + registry.publicAlias + "/" + repositoryName;
    }

    /** The caller's registry, once it has an alias (its first repository); none before. */
    public DescribeRegistriesResponse describeRegistries(DescribeRegistriesRequest r) {
        PublicRepositories.checkMaxResults(r.maxResults());
        Registry registry = registry(null, false, false);
        List<software.amazon.awssdk.services.ecrpublic.model.Registry> all = new ArrayList<>();
        if (registry.publicAlias != null) {
            all.add(software.amazon.awssdk.services.ecrpublic.model.Registry.builder().registryId(registry.account)
                    .registryArn(Arn.of("ecr-public", "", registry.account, "registry/" + registry.account).toString())
                    .registryUri(HOST + "/" + registry.publicAlias).verified(false)
                    .aliases(RegistryAlias.builder().name(registry.publicAlias).status(RegistryAliasStatus.ACTIVE)
                            .primaryRegistryAlias(true).defaultRegistryAlias(true).build())
                    .build());
        }
        PageTokens.Page<software.amazon.awssdk.services.ecrpublic.model.Registry> page = PageTokens.page(all,
                r.maxResults(), r.nextToken(), 100);
        return DescribeRegistriesResponse.builder().registries(page.items()).nextToken(page.nextToken()).build();
    }

    public GetRegistryCatalogDataResponse getRegistryCatalogData(GetRegistryCatalogDataRequest r) {
        Registry registry = registry(null, false, false);
        return GetRegistryCatalogDataResponse.builder().registryCatalogData(catalog(registry)).build();
    }

    /**
     * Stores the display name (0–100 characters, the model's bound). The API reference says it is shown in the
     * gallery only for verified accounts, not that others are refused: it is kept and answered.
     */
    public PutRegistryCatalogDataResponse putRegistryCatalogData(PutRegistryCatalogDataRequest r) {
        if (r.displayName() != null && r.displayName().length() > 100) {
            throw PublicErrors.constraint("displayName", "Member must have length less than or equal to 100");
        }
        Registry registry = registry(null, false, false);
        if (r.displayName() != null) {
            registry.displayName = r.displayName();
        }
        return PutRegistryCatalogDataResponse.builder().registryCatalogData(catalog(registry)).build();
    }

    private static RegistryCatalogData catalog(Registry registry) {
        return RegistryCatalogData.builder().displayName(registry.displayName).build();
    }

    /**
     * A token of ECR Public's shape: base64 of {@code AWS:<password>} and when it expires (12 hours, on the Gureum
     * clock), with no proxy endpoint (ECR's private tokens name one; ECR Public's are for public.ecr.aws). Nothing in
     * Gureum serves public.ecr.aws, so no client logs in with it here.
     */
    public GetAuthorizationTokenResponse getAuthorizationToken(GetAuthorizationTokenRequest r) {
        String password = state.context.ids().hex(64);
        return GetAuthorizationTokenResponse.builder().authorizationData(AuthorizationData.builder()
                .authorizationToken(Base64.getEncoder().encodeToString(("AWS:" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .expiresAt(state.now().plus(TOKEN_VALIDITY)).build()).build();
    }

    public TagResourceResponse tagResource(TagResourceRequest r) {
        Repository repo = byArn(r.resourceArn());
        checkTags(r.tags());
        List<software.amazon.awssdk.services.ecr.model.Tag> tags = ecrTags(r.tags());
        Map<String, String> next = new LinkedHashMap<>(repo.tags);
        tags.forEach(t -> next.put(t.key(), t.value()));
        RepositoryTags.check(tags, next.size() - (int) tags.stream().map(t -> t.key()).distinct().count());
        tags.forEach(t -> repo.tags.put(t.key(), t.value()));
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest r) {
        Repository repo = byArn(r.resourceArn());
        for (String key : r.tagKeys()) {
            if (key.isEmpty() || key.length() > 128) {
                throw PublicErrors.of(InvalidTagParameterException.class, "Invalid parameter at 'tagKeys' failed to"
                        + " satisfy constraint: 'Tag keys must be between 1 and 128 characters long'");
            }
        }
        r.tagKeys().forEach(repo.tags::remove);
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
        Repository repo = byArn(r.resourceArn());
        return ListTagsForResourceResponse.builder().tags(repo.tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    }

    /** Key 1–128 and value 0–256 characters (InvalidTagParameterException, as the model documents it). */
    static void checkTags(List<Tag> tags) {
        for (Tag t : tags) {
            if (t.key() == null || t.key().isEmpty() || t.key().length() > 128
                    || (t.value() != null && t.value().length() > 256)) {
                throw PublicErrors.of(InvalidTagParameterException.class, "Invalid parameter at 'tags' failed to"
                        + " satisfy constraint: 'Tag keys can have a maximum character length of 128 characters, and"
                        + " tag values can have a maximum length of 256 characters'");
            }
        }
    }

    static List<software.amazon.awssdk.services.ecr.model.Tag> ecrTags(List<Tag> tags) {
        return tags.stream().map(t -> software.amazon.awssdk.services.ecr.model.Tag.builder().key(t.key())
                .value(t.value() == null ? "" : t.value()).build()).toList();
    }

    private Repository byArn(String text) {
        Arn arn;
        try {
            arn = Arn.parse(text);
        } catch (RuntimeException e) {
            arn = null;
        }
        if (arn == null || !"ecr-public".equals(arn.service()) || !arn.resource().startsWith("repository/")) {
            throw PublicErrors.constraint("resourceArn", "Invalid ARN");
        }
        String name = arn.resource().substring("repository/".length());
        Repository repo = state.all.get(arn.accountId(), EcrPublicService.REGION).repositories.get(name);
        if (repo == null) {
            throw EcrErrors.repositoryNotFound(name, arn.accountId());
        }
        return repo;
    }
}
