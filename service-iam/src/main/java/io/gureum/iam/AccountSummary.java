package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;

/**
 * GetAccountSummary: the account's entity counts and IAM's default quotas
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). The root user's own MFA, access
 * keys, password and signing certificates are not emulated, so their flags are 0.
 */
final class AccountSummary extends Family {
    private static final Map<String, Integer> QUOTAS = quotas();

    AccountSummary(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public GetAccountSummaryResponse getAccountSummary(GetAccountSummaryRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Map<String, Integer> m = new LinkedHashMap<>(QUOTAS);
            m.put("Users", account.users.size());
            m.put("Groups", account.groups.size());
            m.put("Roles", account.roles.size());
            m.put("Policies", account.policies.size());
            m.put("PolicyVersionsInUse", account.policies.values().stream().mapToInt(p -> p.versions.size()).sum());
            m.put("InstanceProfiles", account.instanceProfiles.size());
            m.put("ServerCertificates", account.serverCertificates.size());
            m.put("MFADevices", account.mfaDevices.size());
            m.put("MFADevicesInUse", (int) account.mfaDevices.values().stream().filter(d -> d.user != null).count());
            m.put("Providers", account.samlProviders.size() + account.oidcProviders.size());
            m.put("AccountMFAEnabled", 0);
            m.put("AccountAccessKeysPresent", 0);
            m.put("AccountPasswordPresent", 0);
            m.put("AccountSigningCertificatesPresent", 0);
            m.put("GlobalEndpointTokenVersion", account.globalEndpointTokenVersion);
            return GetAccountSummaryResponse.builder().summaryMapWithStrings(m).build();
        }
    }

    private static Map<String, Integer> quotas() {
        Map<String, Integer> q = new LinkedHashMap<>();
        q.put("UsersQuota", 5000);
        q.put("GroupsQuota", 300);
        q.put("RolesQuota", 1000);
        q.put("PoliciesQuota", 1500);
        q.put("InstanceProfilesQuota", 1000);
        q.put("ServerCertificatesQuota", 20);
        q.put("UserPolicySizeQuota", PolicyLimits.USER_INLINE);
        q.put("GroupPolicySizeQuota", PolicyLimits.GROUP_INLINE);
        q.put("RolePolicySizeQuota", PolicyLimits.ROLE_INLINE);
        q.put("AssumeRolePolicySizeQuota", PolicyLimits.TRUST);
        q.put("PolicySizeQuota", PolicyLimits.MANAGED);
        q.put("GroupsPerUserQuota", 10);
        q.put("SigningCertificatesPerUserQuota", SigningCertificates.MAX_PER_USER);
        q.put("AccessKeysPerUserQuota", AccessKeys.MAX_PER_USER);
        q.put("AttachedPoliciesPerGroupQuota", PrincipalPolicies.MAX_ATTACHED);
        q.put("AttachedPoliciesPerRoleQuota", PrincipalPolicies.MAX_ATTACHED);
        q.put("AttachedPoliciesPerUserQuota", PrincipalPolicies.MAX_ATTACHED);
        q.put("PolicyVersionsInUseQuota", 10000);
        q.put("VersionsPerPolicyQuota", Policies.MAX_VERSIONS);
        return q;
    }
}
