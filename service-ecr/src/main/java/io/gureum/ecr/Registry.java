package io.gureum.ecr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecr.model.RegistryScanningRule;
import software.amazon.awssdk.services.ecr.model.ReplicationRule;

/** The private registry of one account in one region: its repositories (in creation order) and settings. */
final class Registry {
    final String account;
    final String region;
    final Map<String, Repository> repositories = new LinkedHashMap<>();
    String policyText;
    String scanType = "BASIC";
    List<RegistryScanningRule> scanningRules = new ArrayList<>();
    List<ReplicationRule> replicationRules = new ArrayList<>();
    /** Pull-through cache rules by ECR repository prefix, in creation order. */
    final Map<String, PullThroughCacheRules.Rule> cacheRules = new LinkedHashMap<>();
    /** Account settings put (PutAccountSetting), by name; the others have their default. */
    final Map<String, String> accountSettings = new LinkedHashMap<>();
    /**
     * Authorization tokens issued (GetAuthorizationToken) and not yet expired: the sha256 digest of each
     * password (the password itself is never stored), with when it expires.
     */
    final Map<String, java.time.Instant> tokens = new LinkedHashMap<>();
    /**
     * The access key ID each token's GetAuthorizationToken was signed with, by the same digest: registry requests
     * made with the token are authorised as that caller (the key's user, role session or account root).
     */
    final Map<String, String> tokenKeys = new LinkedHashMap<>();
    /** Repository creation templates by prefix, in creation order. */
    final Map<String, CreationTemplates.Template> templates = new LinkedHashMap<>();

    /** The signing configuration's rules (PutSigningConfiguration), null when there is none. */
    List<software.amazon.awssdk.services.ecr.model.SigningRule> signingRules;
    /** Principals whose pulls record no pull time, with when each was registered, in registration order. */
    final Map<String, java.time.Instant> pullTimeExclusions = new LinkedHashMap<>();

    /** ECR Public: the registry's default alias (given with its first repository) and catalog display name. */
    String publicAlias;
    String displayName;

    Registry(String account, String region) {
        this.account = account;
        this.region = region;
    }
}
