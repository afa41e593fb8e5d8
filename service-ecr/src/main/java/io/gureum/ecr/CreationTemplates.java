package io.gureum.ecr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryCreationTemplateRequest;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryCreationTemplateResponse;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryCreationTemplateRequest;
import software.amazon.awssdk.services.ecr.model.DeleteRepositoryCreationTemplateResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoryCreationTemplatesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoryCreationTemplatesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionConfigurationForRepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TemplateAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.TemplateNotFoundException;
import software.amazon.awssdk.services.ecr.model.UpdateRepositoryCreationTemplateRequest;
import software.amazon.awssdk.services.ecr.model.UpdateRepositoryCreationTemplateResponse;

/**
 * Repository creation templates: the settings ECR gives the repositories it creates itself under a prefix (or
 * {@code ROOT}) for pull-through cache, replication or create-on-push. They are stored and checked as the API
 * documents; Gureum itself never creates repositories on a user's behalf (it pulls nothing through, replicates
 * nothing and serves no Docker registry API to push to), so no template is ever applied.
 */
final class CreationTemplates {
    /** Prefix (1–256 characters). */
    static final Pattern PREFIX = Pattern.compile(
            "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$");
    private static final Pattern KMS_KEY = Pattern.compile("^$|arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\\/[a-z0-9-]+");
    private static final Set<String> APPLIED_FOR = Set.of("REPLICATION", "PULL_THROUGH_CACHE", "CREATE_ON_PUSH");
    private static final Set<String> MUTABILITY = Set.of("MUTABLE", "IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION",
            "MUTABLE_WITH_EXCLUSION");

    record Filter(String filterType, String filter) {
    }

    /** A template as stored (and journaled). */
    record Template(String prefix, String description, String encryptionType, String kmsKey,
            Map<String, String> resourceTags, String imageTagMutability, List<Filter> exclusionFilters,
            String repositoryPolicy, String lifecyclePolicy, List<String> appliedFor, String customRoleArn,
            Instant createdAt, Instant updatedAt) {
        /** An empty description, policy or role (how an update clears one) is none. */
        Template {
            description = description == null || description.isEmpty() ? null : description;
            repositoryPolicy = repositoryPolicy == null || repositoryPolicy.isEmpty() ? null : repositoryPolicy;
            lifecyclePolicy = lifecyclePolicy == null || lifecyclePolicy.isEmpty() ? null : lifecyclePolicy;
            customRoleArn = customRoleArn == null || customRoleArn.isEmpty() ? null : customRoleArn;
        }
    }

    private final EcrState state;

    CreationTemplates(EcrState state) {
        this.state = state;
    }

    public CreateRepositoryCreationTemplateResponse createRepositoryCreationTemplate(
            CreateRepositoryCreationTemplateRequest r) {
        Registry registry = state.registry(null);
        String prefix = prefix(r.prefix());
        if (!r.hasAppliedFor() || r.appliedFor().isEmpty()) {
            throw EcrErrors.constraint("appliedFor", "Member must not be null or empty");
        }
        if (registry.templates.containsKey(PullThroughCacheRules.key(prefix))) {
            throw EcrErrors.of(TemplateAlreadyExistsException.class, "The repository creation template with prefix"
                    + " '" + prefix + "' already exists in the registry with id '" + registry.account + "'");
        }
        Instant now = state.now();
        Template t = check(new Template(prefix, r.description(),
                r.encryptionConfiguration() == null ? "AES256" : r.encryptionConfiguration().encryptionTypeAsString(),
                r.encryptionConfiguration() == null ? null : r.encryptionConfiguration().kmsKey(),
                tags(r.hasResourceTags() ? r.resourceTags() : List.of()),
                r.imageTagMutability() == null ? "MUTABLE" : r.imageTagMutabilityAsString(),
                filters(r.hasImageTagMutabilityExclusionFilters() ? r.imageTagMutabilityExclusionFilters() : null),
                r.repositoryPolicy(), r.lifecyclePolicy(), List.copyOf(r.appliedForAsStrings()), r.customRoleArn(),
                now, now), r.hasResourceTags() ? r.resourceTags() : List.of());
        registry.templates.put(PullThroughCacheRules.key(prefix), t);
        return CreateRepositoryCreationTemplateResponse.builder().registryId(registry.account)
                .repositoryCreationTemplate(view(t)).build();
    }

    public DescribeRepositoryCreationTemplatesResponse describeRepositoryCreationTemplates(
            DescribeRepositoryCreationTemplatesRequest r) {
        Registry registry = state.registry(null);
        PullThroughCacheRules.checkMaxResults(r.maxResults());
        List<Template> found = new ArrayList<>();
        if (r.hasPrefixes() && !r.prefixes().isEmpty()) {
            for (String p : r.prefixes()) {
                found.add(template(registry, prefix(p)));
            }
        } else {
            found.addAll(registry.templates.values());
        }
        PageTokens.Page<Template> page = PageTokens.page(found, r.maxResults(), r.nextToken(), 100);
        return DescribeRepositoryCreationTemplatesResponse.builder().registryId(registry.account)
                .repositoryCreationTemplates(page.items().stream().map(CreationTemplates::view).toList())
                .nextToken(page.nextToken()).build();
    }

    /** The members given replace the template's; those not given keep their value. */
    public UpdateRepositoryCreationTemplateResponse updateRepositoryCreationTemplate(
            UpdateRepositoryCreationTemplateRequest r) {
        Registry registry = state.registry(null);
        Template old = template(registry, prefix(r.prefix()));
        if (r.hasAppliedFor() && r.appliedFor().isEmpty()) {
            throw EcrErrors.constraint("appliedFor", "Member must not be empty");
        }
        Template t = check(new Template(old.prefix(), r.description() != null ? r.description() : old.description(),
                r.encryptionConfiguration() != null ? r.encryptionConfiguration().encryptionTypeAsString()
                        : old.encryptionType(),
                r.encryptionConfiguration() != null ? r.encryptionConfiguration().kmsKey() : old.kmsKey(),
                r.hasResourceTags() ? tags(r.resourceTags()) : old.resourceTags(),
                r.imageTagMutability() != null ? r.imageTagMutabilityAsString() : old.imageTagMutability(),
                r.hasImageTagMutabilityExclusionFilters() ? filters(r.imageTagMutabilityExclusionFilters())
                        : r.imageTagMutability() != null ? List.of() : old.exclusionFilters(),
                r.repositoryPolicy() != null ? r.repositoryPolicy() : old.repositoryPolicy(),
                r.lifecyclePolicy() != null ? r.lifecyclePolicy() : old.lifecyclePolicy(),
                r.hasAppliedFor() ? List.copyOf(r.appliedForAsStrings()) : old.appliedFor(),
                r.customRoleArn() != null ? r.customRoleArn() : old.customRoleArn(), old.createdAt(), state.now()),
                r.hasResourceTags() ? r.resourceTags() : List.of());
        registry.templates.put(PullThroughCacheRules.key(old.prefix()), t);
        return UpdateRepositoryCreationTemplateResponse.builder().registryId(registry.account)
                .repositoryCreationTemplate(view(t)).build();
    }

    public DeleteRepositoryCreationTemplateResponse deleteRepositoryCreationTemplate(
            DeleteRepositoryCreationTemplateRequest r) {
        Registry registry = state.registry(null);
        Template t = template(registry, prefix(r.prefix()));
        registry.templates.remove(PullThroughCacheRules.key(t.prefix()));
        return DeleteRepositoryCreationTemplateResponse.builder().registryId(registry.account)
                .repositoryCreationTemplate(view(t)).build();
    }

    static RepositoryCreationTemplate view(Template t) {
        List<Tag> tags = new ArrayList<>();
        t.resourceTags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return RepositoryCreationTemplate.builder().prefix(t.prefix()).description(t.description())
                .encryptionConfiguration(EncryptionConfigurationForRepositoryCreationTemplate.builder()
                        .encryptionType(t.encryptionType()).kmsKey(t.kmsKey()).build())
                .resourceTags(tags).imageTagMutability(t.imageTagMutability())
                .imageTagMutabilityExclusionFilters(t.exclusionFilters().isEmpty() ? null : t.exclusionFilters()
                        .stream().map(f -> ImageTagMutabilityExclusionFilter.builder().filterType(f.filterType())
                                .filter(f.filter()).build()).toList())
                .repositoryPolicy(t.repositoryPolicy()).lifecyclePolicy(t.lifecyclePolicy())
                .appliedForWithStrings(t.appliedFor()).customRoleArn(t.customRoleArn()).createdAt(t.createdAt())
                .updatedAt(t.updatedAt()).build();
    }

    private static Template check(Template t, List<Tag> tags) {
        if (t.description() != null && t.description().length() > 256) {
            throw EcrErrors.constraint("description", "Member must have length less than or equal to 256");
        }
        for (String a : t.appliedFor()) {
            if (!APPLIED_FOR.contains(a)) {
                throw EcrErrors.constraint("appliedFor", "Member must satisfy enum value set: "
                        + "[REPLICATION, PULL_THROUGH_CACHE, CREATE_ON_PUSH]");
            }
        }
        if (!"AES256".equals(t.encryptionType()) && !"KMS".equals(t.encryptionType())
                && !"KMS_DSSE".equals(t.encryptionType())) {
            throw EcrErrors.constraint("encryptionConfiguration.encryptionType",
                    "Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]");
        }
        if (t.kmsKey() != null && !t.kmsKey().isEmpty()) {
            if ("AES256".equals(t.encryptionType())) {
                throw EcrErrors.invalidParameter("Invalid parameter at 'encryptionConfiguration' failed to satisfy"
                        + " constraint: 'kmsKey can only be specified when encryptionType is KMS'");
            }
            if (t.kmsKey().length() > 2048 || !KMS_KEY.matcher(t.kmsKey()).matches()) {
                throw EcrErrors.constraint("encryptionConfiguration.kmsKey", "must satisfy regular expression '"
                        + KMS_KEY.pattern() + "'");
            }
        }
        if (!MUTABILITY.contains(t.imageTagMutability())) {
            throw EcrErrors.constraint("imageTagMutability", "Member must satisfy enum value set: " + MUTABILITY);
        }
        boolean withExclusion = t.imageTagMutability().endsWith("_WITH_EXCLUSION");
        if (withExclusion && t.exclusionFilters().isEmpty()) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to"
                    + " satisfy constraint: 'Exclusion filters are required for " + t.imageTagMutability() + "'");
        }
        if (!withExclusion && !t.exclusionFilters().isEmpty()) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to"
                    + " satisfy constraint: 'Exclusion filters can only be used with IMMUTABLE_WITH_EXCLUSION or"
                    + " MUTABLE_WITH_EXCLUSION'");
        }
        if (t.exclusionFilters().size() > 5) {
            throw EcrErrors.constraint("imageTagMutabilityExclusionFilters",
                    "Member must have length less than or equal to 5");
        }
        if (t.repositoryPolicy() != null && !t.repositoryPolicy().isEmpty()) {
            if (t.repositoryPolicy().length() > 10240 || PolicyDocuments.parse(t.repositoryPolicy()) == null) {
                throw EcrErrors.constraint("repositoryPolicy", "Invalid repository policy provided");
            }
        }
        if (t.lifecyclePolicy() != null && !t.lifecyclePolicy().isEmpty()) {
            if (t.lifecyclePolicy().length() > 30720) {
                throw EcrErrors.constraint("lifecyclePolicy", "Member must have length less than or equal to 30720");
            }
            LifecycleRules.parse(t.lifecyclePolicy());
        }
        try {
            RepositoryTags.check(tags, 0);
        } catch (software.amazon.awssdk.services.ecr.model.EcrException e) {
            // The template operations model no tag errors: their checks answer InvalidParameterException.
            throw EcrErrors.invalidParameter(e.awsErrorDetails().errorMessage());
        }
        return t;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(x -> map.put(x.key(), x.value()));
        return map;
    }

    private static List<Filter> filters(List<ImageTagMutabilityExclusionFilter> given) {
        return given == null ? List.of() : given.stream().map(f -> new Filter(f.filterTypeAsString(), f.filter()))
                .toList();
    }

    private static Template template(Registry registry, String prefix) {
        Template t = registry.templates.get(PullThroughCacheRules.key(prefix));
        if (t == null) {
            throw EcrErrors.of(TemplateNotFoundException.class, "The repository creation template with prefix '"
                    + prefix + "' does not exist in the registry with id '" + registry.account + "'");
        }
        return t;
    }

    private static String prefix(String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.length() > 256 || !PREFIX.matcher(prefix).matches()) {
            throw EcrErrors.constraint("prefix", "must satisfy regular expression '" + PREFIX.pattern()
                    + "' and have length between 1 and 256");
        }
        return prefix;
    }
}
