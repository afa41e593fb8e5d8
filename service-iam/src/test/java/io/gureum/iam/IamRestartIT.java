package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.Snapshots;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** What IAM and STS find again after a restart on the same --data-dir. */
class IamRestartIT {
    private static final String A = "111111111111";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + A + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    private static final String DOC2 = DOC.replace("GetObject", "PutObject");

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static StsClient sts(URI endpoint, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String resource(String name) {
        try (var in = IamRestartIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(Gureum g, String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    g.endpoint().resolve(path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AwsCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    @Test
    void entitiesPoliciesKeysAndSessionsSurviveARestart() {
        String policyArn;
        String boundaryArn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        String accessKeyId;
        String secret;
        Credentials assumed;
        Credentials expiring;
        String roleId;
        String mfaSerial;
        String sshKeyId;
        String samlArn;
        try (Gureum g = start(); IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), A, "us-east-1");
                StsClient sts = sts(g.endpoint(), AwsBasicCredentials.create(A, "test"))) {
            roleId = iam.createRole(b -> b.roleName("App").path("/svc/").assumeRolePolicyDocument(TRUST)
                    .description("app role").maxSessionDuration(7200).permissionsBoundary(boundaryArn)
                    .tags(Tag.builder().key("team").value("a").build())).role().roleId();
            iam.putRolePolicy(b -> b.roleName("App").policyName("inline").policyDocument(DOC));
            policyArn = iam.createPolicy(b -> b.policyName("Custom").policyDocument(DOC)
                    .tags(Tag.builder().key("p").value("1").build())).policy().arn();
            iam.createPolicyVersion(b -> b.policyArn(policyArn).policyDocument(DOC2).setAsDefault(true));
            iam.attachRolePolicy(b -> b.roleName("App").policyArn(policyArn));
            iam.attachRolePolicy(b -> b.roleName("App").policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
            iam.createUser(b -> b.userName("alice").tags(Tag.builder().key("dept").value("x").build()));
            var key = iam.createAccessKey(b -> b.userName("alice")).accessKey();
            accessKeyId = key.accessKeyId();
            secret = key.secretAccessKey();
            iam.createLoginProfile(b -> b.userName("alice").password("Passw0rd!Passw0rd"));
            iam.createGroup(b -> b.groupName("devs"));
            iam.addUserToGroup(b -> b.groupName("devs").userName("alice"));
            iam.putGroupPolicy(b -> b.groupName("devs").policyName("g").policyDocument(DOC));
            iam.updateUser(b -> b.userName("alice").newUserName("alice2"));
            iam.createUser(b -> b.userName("gone"));
            iam.deleteUser(b -> b.userName("gone"));
            iam.createInstanceProfile(b -> b.instanceProfileName("ip"));
            iam.addRoleToInstanceProfile(b -> b.instanceProfileName("ip").roleName("App"));
            iam.createOpenIDConnectProvider(b -> b.url("https://token.actions.githubusercontent.com")
                    .clientIDList("sts.amazonaws.com").thumbprintList("6938fd4d98bab03faadb97b34396831e3780aea1"));
            iam.createAccountAlias(b -> b.accountAlias("my-alias"));
            iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(12).requireNumbers(true));
            mfaSerial = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("dev")).virtualMFADevice()
                    .serialNumber();
            iam.createServiceLinkedRole(b -> b.awsServiceName("autoscaling.amazonaws.com"));
            // The device's seed is kept: enabled for alice2 with two consecutive codes.
            var device = iam.listVirtualMFADevices().virtualMFADevices().get(0);
            assertEquals(mfaSerial, device.serialNumber());
            String seed = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName("alice-mfa")).virtualMFADevice()
                    .base32StringSeed().asUtf8String();
            String aliceMfa = "arn:aws:iam::" + A + ":mfa/alice-mfa";
            byte[] secretSeed = Totp.fromBase32(seed);
            long step = Totp.step(g.context().clock().now());
            iam.enableMFADevice(b -> b.userName("alice2").serialNumber(aliceMfa)
                    .authenticationCode1(Totp.code(secretSeed, step - 1)).authenticationCode2(Totp.code(secretSeed, step)));
            sshKeyId = iam.uploadSSHPublicKey(b -> b.userName("alice2").sshPublicKeyBody(resource("ssh-2048.pub")
                    .trim())).sshPublicKey().sshPublicKeyId();
            samlArn = iam.createSAMLProvider(b -> b.name("idp").samlMetadataDocument(get(g, "/_gureum/sts/saml/metadata"))
                    .tags(Tag.builder().key("sso").value("y").build())).samlProviderArn();

            try (StsClient asUser = sts(g.endpoint(), AwsBasicCredentials.create(accessKeyId, secret))) {
                assertTrue(asUser.getCallerIdentity().arn().endsWith(":user/alice2"));
            }
            assumed = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + A + ":role/svc/App").roleSessionName("s1")
                    .durationSeconds(3600)).credentials();
            expiring = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + A + ":role/svc/App").roleSessionName("s2")
                    .durationSeconds(900)).credentials();
        }
        try (Gureum g = start(); IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), A, "us-east-1")) {
            var role = iam.getRole(b -> b.roleName("App")).role();
            assertEquals(roleId, role.roleId());
            assertEquals("/svc/", role.path());
            assertEquals("app role", role.description());
            assertEquals(7200, role.maxSessionDuration());
            assertTrue(java.net.URLDecoder.decode(role.assumeRolePolicyDocument(), java.nio.charset.StandardCharsets.UTF_8).contains("sts:AssumeRole"));
            assertEquals(boundaryArn, role.permissionsBoundary().permissionsBoundaryArn());
            assertEquals(List.of(Tag.builder().key("team").value("a").build()), role.tags());
            assertNotNull(role.roleLastUsed().lastUsedDate(), "the role's last use is kept");
            assertEquals(List.of("inline"), iam.listRolePolicies(b -> b.roleName("App")).policyNames());
            assertEquals(2, iam.listAttachedRolePolicies(b -> b.roleName("App")).attachedPolicies().size());

            var policy = iam.getPolicy(b -> b.policyArn(policyArn)).policy();
            assertEquals("v2", policy.defaultVersionId());
            assertEquals(1, policy.attachmentCount());
            assertEquals(2, iam.listPolicyVersions(b -> b.policyArn(policyArn)).versions().size());
            assertEquals(List.of(Tag.builder().key("p").value("1").build()),
                    iam.listPolicyTags(b -> b.policyArn(policyArn)).tags());
            assertEquals(1, iam.getPolicy(b -> b.policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
                    .policy().attachmentCount(), "an AWS managed policy's attachments are counted again");

            var user = iam.getUser(b -> b.userName("alice2")).user();
            assertEquals(List.of(Tag.builder().key("dept").value("x").build()), user.tags());
            assertThrows(NoSuchEntityException.class, () -> iam.getUser(b -> b.userName("gone")));
            assertEquals(accessKeyId, iam.listAccessKeys(b -> b.userName("alice2")).accessKeyMetadata().get(0)
                    .accessKeyId());
            assertEquals("sts", iam.getAccessKeyLastUsed(b -> b.accessKeyId(accessKeyId)).accessKeyLastUsed()
                    .serviceName());
            assertNotNull(iam.getLoginProfile(b -> b.userName("alice2")).loginProfile().createDate());
            assertEquals(List.of("alice2"), iam.getGroup(b -> b.groupName("devs")).users().stream()
                    .map(u -> u.userName()).toList());
            assertEquals(List.of("g"), iam.listGroupPolicies(b -> b.groupName("devs")).policyNames());
            assertEquals(List.of("App"), iam.getInstanceProfile(b -> b.instanceProfileName("ip")).instanceProfile()
                    .roles().stream().map(r -> r.roleName()).toList());
            assertEquals(1, iam.listOpenIDConnectProviders().openIDConnectProviderList().size());
            assertEquals(List.of("my-alias"), iam.listAccountAliases().accountAliases());
            assertEquals(12, iam.getAccountPasswordPolicy().passwordPolicy().minimumPasswordLength());
            assertEquals(2, iam.listVirtualMFADevices().virtualMFADevices().size());
            assertEquals(List.of("arn:aws:iam::" + A + ":mfa/alice-mfa"), iam.listMFADevices(b -> b.userName("alice2"))
                    .mfaDevices().stream().map(d -> d.serialNumber()).toList(), "the device stays enabled for its user");
            assertEquals(sshKeyId, iam.listSSHPublicKeys(b -> b.userName("alice2")).sshPublicKeys().get(0)
                    .sshPublicKeyId());
            assertEquals(List.of(Tag.builder().key("sso").value("y").build()),
                    iam.getSAMLProvider(b -> b.samlProviderArn(samlArn)).tags());
            assertTrue(iam.getRole(b -> b.roleName("AWSServiceRoleForAutoScaling")).role().path()
                    .startsWith("/aws-service-role/"));

            try (StsClient asUser = sts(g.endpoint(), AwsBasicCredentials.create(accessKeyId, secret));
                    StsClient asRole = sts(g.endpoint(), session(assumed))) {
                assertTrue(asUser.getCallerIdentity().arn().endsWith(":user/alice2"), "the access key still signs");
                assertEquals("arn:aws:sts::" + A + ":assumed-role/App/s1", asRole.getCallerIdentity().arn(),
                        "credentials STS issued before the restart still work");
            }
            g.context().clock().advance(Duration.ofSeconds(1000));
            try (StsClient asExpired = sts(g.endpoint(), session(expiring))) {
                var e = assertThrows(software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                        asExpired::getCallerIdentity);
                assertEquals("ExpiredToken", e.awsErrorDetails().errorCode(), "they still expire on the clock");
            }
        }
    }

    @Test
    void anEmptyDirectoryStartsEmptyAndAResetClearsTheRecords() throws Exception {
        try (Gureum g = start(); IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), A, "us-east-1")) {
            iam.createUser(b -> b.userName("reset-me"));
            var http = java.net.http.HttpClient.newHttpClient();
            var response = http.send(java.net.http.HttpRequest.newBuilder(g.endpoint().resolve("/_gureum/reset?service=iam"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
        }
        try (Gureum g = start(); IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), A, "us-east-1")) {
            assertThrows(NoSuchEntityException.class, () -> iam.getUser(b -> b.userName("reset-me")));
        }
    }

    @Test
    void aSnapshotTakenWhileServingKeepsEntitiesAndSessions() throws Exception {
        Credentials assumed;
        System.setProperty("gureum.compactBytes", "8192");
        try (Gureum g = start(); IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), A, "us-east-1");
                StsClient sts = sts(g.endpoint(), AwsBasicCredentials.create(A, "test"))) {
            iam.createRole(b -> b.roleName("Snap").assumeRolePolicyDocument(TRUST));
            iam.createUser(b -> b.userName("u1"));
            assumed = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + A + ":role/Snap").roleSessionName("snap"))
                    .credentials();
            Snapshots.writeUntilSnapshot(dataDir, n -> iam.createUser(b -> b.userName("filler" + n).path("/" + "p".repeat(300) + "/")));
            iam.createUser(b -> b.userName("u2"));
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
        try (Gureum g = start(); IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), A, "us-east-1");
                StsClient asRole = sts(g.endpoint(), session(assumed))) {
            List<String> users = iam.listUsers().users().stream().map(u -> u.userName()).toList();
            assertTrue(users.contains("u1") && users.contains("u2") && users.contains("filler0"), users.toString());
            assertEquals("arn:aws:sts::" + A + ":assumed-role/Snap/snap", asRole.getCallerIdentity().arn());
        }
    }

    @Test
    void serviceCredentialsAndAccountSettingsSurviveARestart() {
        String id;
        String issuer;
        try (Gureum g = start(); IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), A, "us-east-1")) {
            iam.createUser(b -> b.userName("git"));
            id = iam.createServiceSpecificCredential(b -> b.userName("git").serviceName("codecommit.amazonaws.com"))
                    .serviceSpecificCredential().serviceSpecificCredentialId();
            iam.updateServiceSpecificCredential(b -> b.userName("git").serviceSpecificCredentialId(id)
                    .status("Inactive"));
            iam.setSecurityTokenServicePreferences(b -> b.globalEndpointTokenVersion("v2Token"));
            issuer = iam.enableOutboundWebIdentityFederation(b -> { }).issuerIdentifier();
        }
        try (Gureum g = start(); IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), A, "us-east-1")) {
            var listed = iam.listServiceSpecificCredentials(b -> b.userName("git")).serviceSpecificCredentials();
            assertEquals(1, listed.size());
            assertEquals(id, listed.get(0).serviceSpecificCredentialId());
            assertEquals("Inactive", listed.get(0).statusAsString());
            assertEquals("git-at-" + A, listed.get(0).serviceUserName());
            assertEquals(2, iam.getAccountSummary().summaryMapAsStrings().get("GlobalEndpointTokenVersion"));
            assertEquals(issuer, iam.getOutboundWebIdentityFederationInfo(b -> { }).issuerIdentifier());
        }
    }

    @Test
    void outboundTokensIssuedBeforeARestartVerifyAfterIt() throws Exception {
        String rsa;
        String ec;
        try (Gureum g = start(); IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), A, "us-east-1")) {
            iam.enableOutboundWebIdentityFederation(b -> { });
            StsClient sts = sts(g.endpoint(), AwsBasicCredentials.create(A, "test"));
            rsa = sts.getWebIdentityToken(b -> b.audience("a").signingAlgorithm("RS256")).webIdentityToken();
            ec = sts.getWebIdentityToken(b -> b.audience("a").signingAlgorithm("ES384")).webIdentityToken();
        }
        try (Gureum g = start()) {
            var before = OutboundWebIdentityIT.verify(g.endpoint(), rsa);
            OutboundWebIdentityIT.verify(g.endpoint(), ec);
            // New tokens are signed with the same key.
            String again = sts(g.endpoint(), AwsBasicCredentials.create(A, "test"))
                    .getWebIdentityToken(b -> b.audience("a").signingAlgorithm("RS256")).webIdentityToken();
            assertEquals(before.header().get("kid"), OutboundWebIdentityIT.verify(g.endpoint(), again).header()
                    .get("kid"));
        }
    }
}
