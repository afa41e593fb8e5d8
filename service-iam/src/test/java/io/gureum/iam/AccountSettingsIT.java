package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

/** Account aliases, the password policy (and its enforcement on passwords), GetAccountSummary, ChangePassword. */
class AccountSettingsIT extends IamTestSupport {

    @Test
    void oneAliasPerAccountUniqueAcrossAccounts() {
        assertEquals(List.of(), iam.listAccountAliases().accountAliases());
        iam.createAccountAlias(b -> b.accountAlias("my-corp"));
        iam.createAccountAlias(b -> b.accountAlias("my-corp"));
        assertEquals(List.of("my-corp"), iam.listAccountAliases().accountAliases());
        fails(AwsServiceException.class, "LimitExceeded", 409, "Cannot exceed quota for AccountAliasesPerAccount: 1",
                () -> iam.createAccountAlias(b -> b.accountAlias("other-corp")));
        try (IamClient other = AwsClients.client(IamClient.builder(), gureum.endpoint(), "333333333333", "us-east-1")) {
            fails(AwsServiceException.class, "EntityAlreadyExists", 409, "The account alias my-corp already exists.",
                    () -> other.createAccountAlias(b -> b.accountAlias("my-corp")));
        }
        fails(AwsServiceException.class, "ValidationError", 400, null,
                () -> iam.createAccountAlias(b -> b.accountAlias("Bad_Alias")));
        fails(AwsServiceException.class, "NoSuchEntity", 404, "The account alias nope cannot be found.",
                () -> iam.deleteAccountAlias(b -> b.accountAlias("nope")));
        iam.deleteAccountAlias(b -> b.accountAlias("my-corp"));
        assertEquals(List.of(), iam.listAccountAliases().accountAliases());
    }

    @Test
    void passwordPolicyDefaultsAndEnforcement() {
        fails(AwsServiceException.class, "NoSuchEntity", 404,
                "The Password Policy with domain name 000000000000 cannot be found.", () -> iam.getAccountPasswordPolicy());
        String user = unique("pw");
        iam.createUser(b -> b.userName(user));
        // Without a policy AWS's default applies: 8 characters, three character classes.
        fails(AwsServiceException.class, "PasswordPolicyViolation", 400,
                "Password does not conform to the account password policy.",
                () -> iam.createLoginProfile(b -> b.userName(user).password("abcdefgh")));
        iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(12).requireNumbers(true)
                .allowUsersToChangePassword(true));
        PasswordPolicy p = iam.getAccountPasswordPolicy().passwordPolicy();
        assertEquals(12, p.minimumPasswordLength());
        assertTrue(p.requireNumbers());
        assertFalse(p.requireSymbols());
        assertTrue(p.allowUsersToChangePassword());
        assertFalse(p.expirePasswords());
        assertNull(p.maxPasswordAge());
        fails(AwsServiceException.class, "PasswordPolicyViolation", 400, null,
                () -> iam.createLoginProfile(b -> b.userName(user).password("short1")));
        fails(AwsServiceException.class, "PasswordPolicyViolation", 400, null,
                () -> iam.createLoginProfile(b -> b.userName(user).password("longenoughbutnodigits")));
        iam.createLoginProfile(b -> b.userName(user).password("longenough12").passwordResetRequired(true));

        // The user changes their own password.
        var key = iam.createAccessKey(b -> b.userName(user)).accessKey();
        try (IamClient self = IamClient.builder().endpointOverride(gureum.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(),
                        key.secretAccessKey())))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            fails(AwsServiceException.class, "AccessDenied", 403, null,
                    () -> self.changePassword(b -> b.oldPassword("wrong-password1").newPassword("brandnew123456")));
            fails(AwsServiceException.class, "PasswordPolicyViolation", 400, null,
                    () -> self.changePassword(b -> b.oldPassword("longenough12").newPassword("tiny1")));
            self.changePassword(b -> b.oldPassword("longenough12").newPassword("brandnew123456"));
        }
        assertFalse(iam.getLoginProfile(b -> b.userName(user)).loginProfile().passwordResetRequired());
        fails(AwsServiceException.class, "InvalidUserType", 400, null,
                () -> iam.changePassword(b -> b.oldPassword("x12345678").newPassword("y12345678")));
        // Out of range: the model's constraints.
        fails(AwsServiceException.class, "ValidationError", 400, null,
                () -> iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(5)));
        // An update replaces the whole policy.
        iam.updateAccountPasswordPolicy(b -> b.maxPasswordAge(90));
        PasswordPolicy q = iam.getAccountPasswordPolicy().passwordPolicy();
        assertEquals(8, q.minimumPasswordLength());
        assertFalse(q.requireNumbers());
        assertTrue(q.expirePasswords());
        assertEquals(90, q.maxPasswordAge());
        iam.deleteAccountPasswordPolicy();
        fails(AwsServiceException.class, "NoSuchEntity", 404, null, () -> iam.deleteAccountPasswordPolicy());
    }

    @Test
    void accountSummaryCountsAndQuotas() {
        try (IamClient fresh = AwsClients.client(IamClient.builder(), gureum.endpoint(), "444444444444", "us-east-1")) {
            fresh.createUser(b -> b.userName("one"));
            fresh.createUser(b -> b.userName("two"));
            fresh.createGroup(b -> b.groupName("g"));
            fresh.createRole(b -> b.roleName("r").assumeRolePolicyDocument(TRUST));
            fresh.createPolicy(b -> b.policyName("p").policyDocument(S3_READ));
            fresh.createVirtualMFADevice(b -> b.virtualMFADeviceName("m"));
            Map<SummaryKeyType, Integer> m = fresh.getAccountSummary().summaryMap();
            assertEquals(2, m.get(SummaryKeyType.USERS));
            assertEquals(1, m.get(SummaryKeyType.GROUPS));
            assertEquals(1, m.get(SummaryKeyType.ROLES));
            assertEquals(1, m.get(SummaryKeyType.POLICIES));
            assertEquals(1, m.get(SummaryKeyType.POLICY_VERSIONS_IN_USE));
            assertEquals(1, m.get(SummaryKeyType.MFA_DEVICES));
            assertEquals(0, m.get(SummaryKeyType.MFA_DEVICES_IN_USE));
            assertEquals(5000, m.get(SummaryKeyType.USERS_QUOTA));
            assertEquals(6144, m.get(SummaryKeyType.POLICY_SIZE_QUOTA));
            assertEquals(2, m.get(SummaryKeyType.ACCESS_KEYS_PER_USER_QUOTA));
            assertEquals(SummaryKeyType.knownValues().size(), m.size());
        }
    }

    @Test
    void securityTokenServicePreferencesShowInTheSummary() {
        try (IamClient fresh = AwsClients.client(IamClient.builder(), gureum.endpoint(), "555555555555", "us-east-1")) {
            assertEquals(1, fresh.getAccountSummary().summaryMapAsStrings().get("GlobalEndpointTokenVersion"));
            fresh.setSecurityTokenServicePreferences(b -> b.globalEndpointTokenVersion("v2Token"));
            assertEquals(2, fresh.getAccountSummary().summaryMapAsStrings().get("GlobalEndpointTokenVersion"));
            fresh.setSecurityTokenServicePreferences(b -> b.globalEndpointTokenVersion("v1Token"));
            assertEquals(1, fresh.getAccountSummary().summaryMapAsStrings().get("GlobalEndpointTokenVersion"));
            fails(AwsServiceException.class, "ValidationError", 400, null,
                    () -> fresh.setSecurityTokenServicePreferences(b -> b.globalEndpointTokenVersion("v3Token")));
        }
    }

    /** This server has no Organizations: no account is in an organization (service-organizations tests the rest). */
    @Test
    void rootAccessFeaturesNeedAnOrganization() {
        fails(AwsServiceException.class, "OrganizationNotFoundException", 400,
                "The request was rejected because no organization is associated with your account.",
                () -> iam.listOrganizationsFeatures(b -> { }));
        fails(AwsServiceException.class, "OrganizationNotFoundException", 400, null,
                () -> iam.enableOrganizationsRootSessions(b -> { }));
    }

    @Test
    void outboundWebIdentityFederationSwitch() {
        try (IamClient fresh = AwsClients.client(IamClient.builder(), gureum.endpoint(), "666666666666", "us-east-1")) {
            fails(AwsServiceException.class, "FeatureDisabled", 404, null,
                    () -> fresh.getOutboundWebIdentityFederationInfo(b -> { }));
            fails(AwsServiceException.class, "FeatureDisabled", 404, null,
                    () -> fresh.disableOutboundWebIdentityFederation(b -> { }));
            String issuer = fresh.enableOutboundWebIdentityFederation(b -> { }).issuerIdentifier();
            assertTrue(issuer.matches("https://[0-9a-f-]{36}\\.tokens\\.sts\\.global\\.api\\.aws"), issuer);
            fails(AwsServiceException.class, "FeatureEnabled", 409, null,
                    () -> fresh.enableOutboundWebIdentityFederation(b -> { }));
            var info = fresh.getOutboundWebIdentityFederationInfo(b -> { });
            assertEquals(issuer, info.issuerIdentifier());
            assertTrue(info.jwtVendingEnabled());
            fresh.disableOutboundWebIdentityFederation(b -> { });
            fails(AwsServiceException.class, "FeatureDisabled", 404, null,
                    () -> fresh.getOutboundWebIdentityFederationInfo(b -> { }));
            // The account keeps its issuer.
            assertEquals(issuer, fresh.enableOutboundWebIdentityFederation(b -> { }).issuerIdentifier());
        }
    }
}
