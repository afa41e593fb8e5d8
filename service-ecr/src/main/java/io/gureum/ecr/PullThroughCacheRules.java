package io.gureum.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.spi.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecr.model.CreatePullThroughCacheRuleRequest;
import software.amazon.awssdk.services.ecr.model.CreatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecr.model.DeletePullThroughCacheRuleRequest;
import software.amazon.awssdk.services.ecr.model.DeletePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecr.model.DescribePullThroughCacheRulesRequest;
import software.amazon.awssdk.services.ecr.model.DescribePullThroughCacheRulesResponse;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRule;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleNotFoundException;
import software.amazon.awssdk.services.ecr.model.SecretNotFoundException;
import software.amazon.awssdk.services.ecr.model.UnableToAccessSecretException;
import software.amazon.awssdk.services.ecr.model.UnableToDecryptSecretValueException;
import software.amazon.awssdk.services.ecr.model.UnsupportedUpstreamRegistryException;
import software.amazon.awssdk.services.ecr.model.UpdatePullThroughCacheRuleRequest;
import software.amazon.awssdk.services.ecr.model.UpdatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.ecr.model.ValidatePullThroughCacheRuleRequest;
import software.amazon.awssdk.services.ecr.model.ValidatePullThroughCacheRuleResponse;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Pull-through cache rules: which upstream registry (and its URL, in the syntax API_CreatePullThroughCacheRule
 * documents per upstream) caches into repositories under an ECR prefix. Upstreams that authenticate with a secret
 * (Docker Hub, GitHub, GitLab, Azure, Chainguard) need a {@code credentialArn}, a Secrets Manager secret named
 * {@code ecr-pullthroughcache/…} in the registry's account and region, read through the in-process Secrets Manager
 * client; an ECR upstream in another account needs a {@code customRoleArn}. Gureum never contacts an upstream: no
 * image is pulled through, and Validate reports the rule not validated (isValid false, with the reason).
 */
final class PullThroughCacheRules {
    static final String PRINCIPAL = "pullthroughcache.ecr.amazonaws.com";
    /** PullThroughCacheRuleRepositoryPrefix (2–30 characters). */
    static final Pattern PREFIX = Pattern.compile(
            "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$");
    /** CredentialArn (50–612 characters). */
    static final Pattern CREDENTIAL = Pattern.compile(
            "^arn:aws(-\\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\\-pullthroughcache\\/[a-zA-Z0-9\\/_+=.@-]+$");
    private static final Pattern ECR_URL = Pattern.compile("([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com");
    private static final Pattern AZURE_URL = Pattern.compile("[a-zA-Z0-9-]+\\.azurecr\\.io");
    private static final Pattern ROLE = Pattern.compile("arn:aws[a-z-]*:iam::([0-9]{12}):role/.+");
    /** The upstream registries that authenticate with a Secrets Manager secret (pull-through-cache.html). */
    static final Set<String> WITH_SECRET = Set.of("docker-hub", "github-container-registry",
            "azure-container-registry", "gitlab-container-registry", "chainguard");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A rule as stored (and journaled). */
    record Rule(String prefix, String upstreamRegistryUrl, String upstreamRegistry, String credentialArn,
            String customRoleArn, String upstreamRepositoryPrefix, Instant createdAt, Instant updatedAt) {
    }

    private final EcrState state;

    PullThroughCacheRules(EcrState state) {
        this.state = state;
    }

    public CreatePullThroughCacheRuleResponse createPullThroughCacheRule(CreatePullThroughCacheRuleRequest r) {
        Registry registry = state.registry(r.registryId());
        String prefix = prefix("ecrRepositoryPrefix", r.ecrRepositoryPrefix());
        if (r.upstreamRepositoryPrefix() != null) {
            prefix("upstreamRepositoryPrefix", r.upstreamRepositoryPrefix());
        }
        String url = r.upstreamRegistryUrl();
        if (url == null || url.isEmpty()) {
            throw EcrErrors.constraint("upstreamRegistryUrl", "Member must not be null");
        }
        String upstream = r.upstreamRegistry() != null ? r.upstreamRegistryAsString() : upstreamOf(url);
        if (upstream == null || !urlMatches(upstream, url)) {
            throw EcrErrors.of(UnsupportedUpstreamRegistryException.class, "The upstream registry URL '" + url
                    + "' is not supported" + (r.upstreamRegistry() != null ? " for upstream registry '" + upstream
                    + "'" : ""));
        }
        if (findRule(registry, prefix) != null) {
            throw EcrErrors.of(PullThroughCacheRuleAlreadyExistsException.class, "A pull through cache rule with"
                    + " the prefix '" + prefix + "' already exists in the registry with id '" + registry.account
                    + "'");
        }
        if (WITH_SECRET.contains(upstream)) {
            if (r.credentialArn() == null) {
                throw EcrErrors.invalidParameter("Invalid parameter at 'credentialArn' failed to satisfy constraint:"
                        + " 'A credential ARN is required for upstream registry " + upstream + "'");
            }
            readSecret(registry, r.credentialArn());
        } else if (r.credentialArn() != null) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'credentialArn' failed to satisfy constraint:"
                    + " 'Upstream registry " + upstream + " does not authenticate with a credential ARN'");
        }
        checkRole(registry, upstream, url, r.customRoleArn());
        Instant now = state.now();
        Rule rule = new Rule(prefix, url, upstream, r.credentialArn(), r.customRoleArn(),
                r.upstreamRepositoryPrefix() != null ? r.upstreamRepositoryPrefix() : "ROOT", now, now);
        registry.cacheRules.put(key(prefix), rule);
        return CreatePullThroughCacheRuleResponse.builder().registryId(registry.account).ecrRepositoryPrefix(prefix)
                .upstreamRegistryUrl(url).upstreamRegistry(upstream).credentialArn(rule.credentialArn())
                .customRoleArn(rule.customRoleArn()).upstreamRepositoryPrefix(rule.upstreamRepositoryPrefix())
                .createdAt(now).build();
    }

    public DescribePullThroughCacheRulesResponse describePullThroughCacheRules(
            DescribePullThroughCacheRulesRequest r) {
        Registry registry = state.registry(r.registryId());
        checkMaxResults(r.maxResults());
        List<Rule> found = new ArrayList<>();
        if (r.hasEcrRepositoryPrefixes() && !r.ecrRepositoryPrefixes().isEmpty()) {
            for (String p : r.ecrRepositoryPrefixes()) {
                found.add(rule(registry, prefix("ecrRepositoryPrefixes", p)));
            }
        } else {
            found.addAll(registry.cacheRules.values());
        }
        PageTokens.Page<Rule> page = PageTokens.page(found, r.maxResults(), r.nextToken(), 100);
        return DescribePullThroughCacheRulesResponse.builder()
                .pullThroughCacheRules(page.items().stream().map(x -> view(registry, x)).toList())
                .nextToken(page.nextToken()).build();
    }

    /** Replaces the credential and the role (each as given, absent clears it), checked as on create. */
    public UpdatePullThroughCacheRuleResponse updatePullThroughCacheRule(UpdatePullThroughCacheRuleRequest r) {
        Registry registry = state.registry(r.registryId());
        Rule rule = rule(registry, prefix("ecrRepositoryPrefix", r.ecrRepositoryPrefix()));
        if (WITH_SECRET.contains(rule.upstreamRegistry())) {
            if (r.credentialArn() == null) {
                throw EcrErrors.invalidParameter("Invalid parameter at 'credentialArn' failed to satisfy constraint:"
                        + " 'A credential ARN is required for upstream registry " + rule.upstreamRegistry() + "'");
            }
            readSecret(registry, r.credentialArn());
        } else if (r.credentialArn() != null) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'credentialArn' failed to satisfy constraint:"
                    + " 'Upstream registry " + rule.upstreamRegistry() + " does not authenticate with a credential"
                    + " ARN'");
        }
        checkRole(registry, rule.upstreamRegistry(), rule.upstreamRegistryUrl(), r.customRoleArn());
        Instant now = state.now();
        Rule updated = new Rule(rule.prefix(), rule.upstreamRegistryUrl(), rule.upstreamRegistry(), r.credentialArn(),
                r.customRoleArn(), rule.upstreamRepositoryPrefix(), rule.createdAt(), now);
        registry.cacheRules.put(key(rule.prefix()), updated);
        return UpdatePullThroughCacheRuleResponse.builder().registryId(registry.account)
                .ecrRepositoryPrefix(updated.prefix()).credentialArn(updated.credentialArn())
                .customRoleArn(updated.customRoleArn()).upstreamRepositoryPrefix(updated.upstreamRepositoryPrefix())
                .updatedAt(now).build();
    }

    public DeletePullThroughCacheRuleResponse deletePullThroughCacheRule(DeletePullThroughCacheRuleRequest r) {
        Registry registry = state.registry(r.registryId());
        Rule rule = rule(registry, prefix("ecrRepositoryPrefix", r.ecrRepositoryPrefix()));
        registry.cacheRules.remove(key(rule.prefix()));
        return DeletePullThroughCacheRuleResponse.builder().registryId(registry.account)
                .ecrRepositoryPrefix(rule.prefix()).upstreamRegistryUrl(rule.upstreamRegistryUrl())
                .credentialArn(rule.credentialArn()).customRoleArn(rule.customRoleArn())
                .upstreamRepositoryPrefix(rule.upstreamRepositoryPrefix()).createdAt(rule.createdAt()).build();
    }

    /**
     * What Gureum can check without the upstream: the rule's secret is read again and must hold the
     * {@code username} and {@code accessToken} the secret format documents. Authentication to the upstream
     * registry is never attempted (no traffic leaves loopback), so the rule is never reported valid:
     * {@code isValid} is false and {@code failure} says which check stopped it.
     */
    public ValidatePullThroughCacheRuleResponse validatePullThroughCacheRule(ValidatePullThroughCacheRuleRequest r) {
        Registry registry = state.registry(r.registryId());
        Rule rule = rule(registry, prefix("ecrRepositoryPrefix", r.ecrRepositoryPrefix()));
        String failure = null;
        if (rule.credentialArn() != null) {
            try {
                JsonNode value = JSON.readTree(readSecret(registry, rule.credentialArn()));
                if (value == null || !value.path("username").isTextual() || !value.path("accessToken").isTextual()) {
                    failure = "The secret " + rule.credentialArn() + " does not hold a JSON object with the"
                            + " username and accessToken of the upstream registry";
                }
            } catch (java.io.IOException e) {
                failure = "The secret " + rule.credentialArn() + " does not hold a JSON object with the username"
                        + " and accessToken of the upstream registry";
            } catch (SecretNotFoundException | UnableToAccessSecretException
                    | UnableToDecryptSecretValueException e) {
                failure = e.awsErrorDetails().errorMessage();
            }
        }
        if (failure == null) {
            failure = "Gureum does not contact upstream registries: authentication to " + rule.upstreamRegistryUrl()
                    + " was not attempted";
        }
        return ValidatePullThroughCacheRuleResponse.builder().registryId(registry.account)
                .ecrRepositoryPrefix(rule.prefix()).upstreamRegistryUrl(rule.upstreamRegistryUrl())
                .credentialArn(rule.credentialArn()).customRoleArn(rule.customRoleArn())
                .upstreamRepositoryPrefix(rule.upstreamRepositoryPrefix()).isValid(false).failure(failure).build();
    }

    static PullThroughCacheRule view(Registry registry, Rule rule) {
        return PullThroughCacheRule.builder().registryId(registry.account).ecrRepositoryPrefix(rule.prefix())
                .upstreamRegistryUrl(rule.upstreamRegistryUrl()).upstreamRegistry(rule.upstreamRegistry())
                .credentialArn(rule.credentialArn()).customRoleArn(rule.customRoleArn())
                .upstreamRepositoryPrefix(rule.upstreamRepositoryPrefix()).createdAt(rule.createdAt())
                .updatedAt(rule.updatedAt()).build();
    }

    /** A prefix names the same rule with or without its trailing slash ("ecr-public" is "ecr-public/"). */
    static String key(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static Rule findRule(Registry registry, String prefix) {
        return registry.cacheRules.get(key(prefix));
    }

    private static Rule rule(Registry registry, String prefix) {
        Rule rule = findRule(registry, prefix);
        if (rule == null) {
            throw EcrErrors.of(PullThroughCacheRuleNotFoundException.class, "The pull through cache rule with the"
                    + " prefix '" + prefix + "' does not exist in the registry with id '" + registry.account + "'");
        }
        return rule;
    }

    private static String prefix(String member, String prefix) {
        if (prefix == null || prefix.length() < 2 || prefix.length() > 30 || !PREFIX.matcher(prefix).matches()) {
            throw EcrErrors.constraint(member, "must satisfy regular expression '" + PREFIX.pattern()
                    + "' and have length between 2 and 30");
        }
        return prefix;
    }

    static void checkMaxResults(Integer maxResults) {
        if (maxResults != null && (maxResults < 1 || maxResults > 1000)) {
            throw EcrErrors.constraint("maxResults", "Member must have value between 1 and 1000");
        }
    }

    /** The upstream a URL names, when it names one in the syntax API_CreatePullThroughCacheRule gives. */
    static String upstreamOf(String url) {
        return switch (url) {
            case "public.ecr.aws" -> "ecr-public";
            case "registry-1.docker.io" -> "docker-hub";
            case "quay.io" -> "quay";
            case "registry.k8s.io" -> "k8s";
            case "ghcr.io" -> "github-container-registry";
            case "registry.gitlab.com" -> "gitlab-container-registry";
            case "cgr.dev" -> "chainguard";
            default -> ECR_URL.matcher(url).matches() ? "ecr"
                    : AZURE_URL.matcher(url).matches() ? "azure-container-registry" : null;
        };
    }

    private static boolean urlMatches(String upstream, String url) {
        return upstream.equals(upstreamOf(url));
    }

    /**
     * An ECR upstream in another account is reached with {@code customRoleArn}, a role of the registry's own
     * account; other upstreams take no role.
     */
    private static void checkRole(Registry registry, String upstream, String url, String role) {
        if (role == null) {
            if ("ecr".equals(upstream)) {
                var m = ECR_URL.matcher(url);
                if (m.matches() && !m.group(1).equals(registry.account)) {
                    throw EcrErrors.invalidParameter("Invalid parameter at 'customRoleArn' failed to satisfy"
                            + " constraint: 'A custom role ARN is required for an upstream Amazon ECR registry in"
                            + " another account'");
                }
            }
            return;
        }
        if (!"ecr".equals(upstream)) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'customRoleArn' failed to satisfy constraint:"
                    + " 'A custom role ARN can only be used with an upstream Amazon ECR registry'");
        }
        var m = ROLE.matcher(role);
        if (role.length() > 2048 || !m.matches() || !m.group(1).equals(registry.account)) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'customRoleArn' failed to satisfy constraint:"
                    + " 'The custom role must be an IAM role in the account of the registry " + registry.account
                    + "'");
        }
    }

    /**
     * The secret's value, read as ECR reads it: the ARN in the documented syntax, the secret in the registry's own
     * account and region, then GetSecretValue (SecretNotFound, UnableToDecryptSecretValue, UnableToAccessSecret).
     */
    private String readSecret(Registry registry, String arn) {
        if (arn.length() < 50 || arn.length() > 612 || !CREDENTIAL.matcher(arn).matches()) {
            throw EcrErrors.constraint("credentialArn", "must satisfy regular expression '" + CREDENTIAL.pattern()
                    + "' and have length between 50 and 612");
        }
        String[] parts = arn.split(":", 7);
        if (!parts[3].equals(registry.region) || !parts[4].equals(registry.account)) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'credentialArn' failed to satisfy constraint:"
                    + " 'The secret must be in the account and region of the registry'");
        }
        if (!state.context.clients().serves(SecretsManagerClient.class)) {
            throw EcrErrors.of(UnableToAccessSecretException.class, "Unable to access the secret " + arn
                    + ": Secrets Manager is not served by this server (--services)");
        }
        try {
            SecretsManagerClient sm = state.context.clients().client(SecretsManagerClient.class,
                    Caller.service(PRINCIPAL, registry.account, registry.region, null));
            String value = sm.getSecretValue(b -> b.secretId(arn)).secretString();
            if (value == null) {
                throw EcrErrors.of(UnableToAccessSecretException.class, "The secret " + arn
                        + " holds no secret string");
            }
            return value;
        } catch (ResourceNotFoundException e) {
            throw EcrErrors.of(SecretNotFoundException.class, "The secret " + arn + " does not exist");
        } catch (DecryptionFailureException e) {
            throw EcrErrors.of(UnableToDecryptSecretValueException.class, "Unable to decrypt the secret " + arn
                    + ": " + e.awsErrorDetails().errorMessage());
        } catch (software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException e) {
            throw EcrErrors.of(UnableToAccessSecretException.class, "Unable to access the secret " + arn + ": "
                    + e.awsErrorDetails().errorMessage());
        }
    }
}
