package io.gureum.iam;

import io.gureum.core.auth.Accounts;
import io.gureum.core.state.AccountStore;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM state. IAM is global: one {@link Account} per account, in every region. Operations lock the
 * account they change ({@code synchronized (account)}); access keys are also indexed server-wide so
 * that signing can find them without a lock.
 */
final class IamStore implements Accounts.AccessKeyResolver {
    static final class Account {
        final String id;
        /** By lowercase name: IAM names are unique regardless of case. */
        final Map<String, Role> roles = new HashMap<>();
        final Map<String, User> users = new HashMap<>();
        final Map<String, InstanceProfile> instanceProfiles = new HashMap<>();
        final Map<String, Group> groups = new HashMap<>();
        /** Customer managed policies by ARN. */
        final Map<String, ManagedPolicy> policies = new HashMap<>();
        /** SAML providers by ARN. */
        final Map<String, SamlProvider> samlProviders = new HashMap<>();
        /** OpenID Connect providers by ARN. */
        final Map<String, OidcProvider> oidcProviders = new HashMap<>();
        /** Virtual MFA devices by serial number (their ARN). */
        final Map<String, MfaDevice> mfaDevices = new java.util.TreeMap<>();
        /** Server certificates by lowercase name. */
        final Map<String, ServerCertificateRecord> serverCertificates = new java.util.TreeMap<>();
        /** Service-linked role deletions by task ID. */
        final Map<String, String> deletionTasks = new HashMap<>();
        /** The last credential report: its CSV and when it was made, or null. */
        CredentialReportRecord credentialReport;
        /** Service last accessed jobs by ID. */
        final Map<String, AccessAdvisor.Job> accessJobs = new HashMap<>();
        /** The account's alias (at most one), or null. */
        String alias;
        /** The account's password policy, or null (AWS's default policy applies). */
        PasswordPolicyRules passwordPolicy;
        /** STS's global endpoint token version (SetSecurityTokenServicePreferences): 1 or 2. */
        int globalEndpointTokenVersion = 1;
        /** As an organization's management account: its centralized root access features, by organization ID. */
        final Map<String, java.util.Set<String>> organizationFeatures = new java.util.TreeMap<>();
        /** Outbound web identity federation: whether enabled, and the issuer URL it got when first enabled. */
        boolean outboundFederationEnabled;
        String outboundIssuer;
        /** Organizations access report jobs by ID. */
        final Map<String, OrganizationsAccessReports.Job> orgAccessJobs = new java.util.TreeMap<>();
        /** AWS managed policies this account has looked at, by ARN, with this account's attachment counts. */
        final Map<String, ManagedPolicy> awsPolicies = new HashMap<>();

        Account(String id) {
            this.id = id;
        }
    }

    private final AccountStore<Account> accounts = new AccountStore<>(Account::new);
    private final Map<String, AccessKey> keys = new ConcurrentHashMap<>();
    /** Account aliases are unique across AWS: alias → account. */
    final Map<String, String> aliases = new ConcurrentHashMap<>();

    Account account(String id) {
        return accounts.get(id);
    }

    /** Every account IAM holds, for records and snapshots. */
    void forEachAccount(java.util.function.Consumer<Account> action) {
        accounts.forEach((id, account) -> action.accept(account));
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    void addKey(AccessKey key) {
        keys.put(key.id, key);
    }

    void removeKey(String id) {
        keys.remove(id);
    }

    /** A long-term key IAM issued, whatever its status, or null. */
    AccessKey accessKey(String id) {
        return id == null ? null : keys.get(id);
    }

    /** Keys IAM issued, for core's signature checks and account mapping. Inactive keys do not sign. */
    @Override
    public Optional<Accounts.AccessKey> resolve(String accessKeyId) {
        AccessKey k = accessKeyId == null ? null : keys.get(accessKeyId);
        if (k == null || !"Active".equals(k.status)) {
            return Optional.empty();
        }
        return Optional.of(new Accounts.AccessKey(k.id, k.secret, k.account, k.user.arn));
    }
}
