package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessTrustProviderRequest;
import software.amazon.awssdk.services.ec2.model.ExportVerifiedAccessInstanceClientConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpoint;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessGroup;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstance;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessLogs;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProvider;

/** AWS Verified Access through the SDK: instances, trust providers, groups, endpoints and their policies. */
class VerifiedAccessIT extends Ec2TestBase {
    static final String POLICY = "permit(principal, action, resource) when { context.idp.groups.contains(\"dev\") };";
    static final String CERT = "arn:aws:acm:ap-northeast-2:123456789012:certificate/0d2e4a5c-1111-2222-3333-444455556666";

    static TagSpecification tags(String type, String name) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("Name").value(name).build())
                .build();
    }

    static CreateVerifiedAccessTrustProviderRequest.Builder oidc(CreateVerifiedAccessTrustProviderRequest.Builder b) {
        return b.trustProviderType("user").userTrustProviderType("oidc").policyReferenceName("idp")
                .oidcOptions(o -> o.issuer("https://idp.example.com").authorizationEndpoint("https://idp.example.com/auth")
                        .tokenEndpoint("https://idp.example.com/token").userInfoEndpoint("https://idp.example.com/me")
                        .clientId("client").clientSecret("secret").scope("openid"));
    }

    @Test
    void trustProvidersAreValidatedAsAwsDoes() {
        try (Ec2Client ec2 = ec2()) {
            fails("MissingParameter", () -> ec2.createVerifiedAccessTrustProvider(b -> b.trustProviderType("user")
                    .userTrustProviderType("oidc").policyReferenceName("idp")));
            fails("MissingParameter", () -> ec2.createVerifiedAccessTrustProvider(b -> b.trustProviderType("user")
                    .policyReferenceName("idp")));
            fails("MissingParameter", () -> ec2.createVerifiedAccessTrustProvider(b -> b.trustProviderType("device")
                    .deviceTrustProviderType("jamf").policyReferenceName("dev")));
            fails("InvalidParameterCombination", () -> ec2.createVerifiedAccessTrustProvider(b -> b
                    .trustProviderType("user").userTrustProviderType("iam-identity-center").policyReferenceName("idp")
                    .deviceTrustProviderType("jamf")));
            fails("InvalidParameterCombination", () -> ec2.createVerifiedAccessTrustProvider(b -> b
                    .trustProviderType("device").deviceTrustProviderType("crowdstrike").policyReferenceName("dev")
                    .oidcOptions(o -> o.issuer("https://idp.example.com"))));
            fails("InvalidParameterValue", () -> ec2.createVerifiedAccessTrustProvider(b -> oidc(b)
                    .oidcOptions(o -> o.issuer("http://plain").authorizationEndpoint("https://a/b")
                            .tokenEndpoint("https://a/t").userInfoEndpoint("https://a/u").clientId("c")
                            .clientSecret("s").scope("openid"))));
            fails("InvalidParameterValue", () -> ec2.createVerifiedAccessTrustProvider(b -> oidc(b)
                    .policyReferenceName("has space")));
            fails("InvalidParameterValue", () -> ec2.createVerifiedAccessTrustProvider(b -> oidc(b)
                    .tagSpecifications(tags("vpc", "x"))));
            fails("MissingParameter", () -> ec2.createVerifiedAccessTrustProvider(b -> oidc(b)
                    .sseSpecification(x -> x.customerManagedKeyEnabled(true))));
            fails("DryRunOperation", 412, () -> ec2.createVerifiedAccessTrustProvider(b -> oidc(b).dryRun(true)));

            VerifiedAccessTrustProvider p = ec2.createVerifiedAccessTrustProvider(b -> oidc(b).description("idp")
                    .clientToken("tp-1").tagSpecifications(tags("verified-access-trust-provider", "corp")))
                    .verifiedAccessTrustProvider();
            assertTrue(p.verifiedAccessTrustProviderId().matches("vatp-[0-9a-f]{17}"), p.toString());
            assertEquals("oidc", p.userTrustProviderTypeAsString());
            assertEquals("https://idp.example.com", p.oidcOptions().issuer());
            assertNull(p.oidcOptions().clientSecret());
            assertEquals(false, p.sseSpecification().customerManagedKeyEnabled());
            assertEquals("corp", p.tags().get(0).value());
            assertNotNull(p.creationTime());
            // The same client token and parameters give the same provider; other parameters are a mismatch.
            assertEquals(p.verifiedAccessTrustProviderId(), ec2.createVerifiedAccessTrustProvider(b -> oidc(b)
                    .description("idp").clientToken("tp-1").tagSpecifications(tags("verified-access-trust-provider",
                            "corp"))).verifiedAccessTrustProvider().verifiedAccessTrustProviderId());
            fails("IdempotentParameterMismatch", () -> ec2.createVerifiedAccessTrustProvider(b -> oidc(b)
                    .description("other").clientToken("tp-1")));

            VerifiedAccessTrustProvider device = ec2.createVerifiedAccessTrustProvider(b -> b
                    .trustProviderType("device").deviceTrustProviderType("jamf").policyReferenceName("jamf")
                    .deviceOptions(o -> o.tenantId("tenant-1"))).verifiedAccessTrustProvider();
            assertEquals("tenant-1", device.deviceOptions().tenantId());
            String crowd = ec2.createVerifiedAccessTrustProvider(b -> b.trustProviderType("device")
                    .deviceTrustProviderType("crowdstrike").policyReferenceName("cs")).verifiedAccessTrustProvider()
                    .verifiedAccessTrustProviderId();

            // Describe: by ID, tag filters, paging.
            String id = p.verifiedAccessTrustProviderId();
            assertEquals(p, ec2.describeVerifiedAccessTrustProviders(b -> b.verifiedAccessTrustProviderIds(id))
                    .verifiedAccessTrustProviders().get(0));
            assertEquals(List.of(id), ec2.describeVerifiedAccessTrustProviders(b -> b.filters(filter("tag:Name", "corp")))
                    .verifiedAccessTrustProviders().stream().map(x -> x.verifiedAccessTrustProviderId()).toList());
            fails("InvalidVerifiedAccessTrustProviderId.NotFound", () -> ec2.describeVerifiedAccessTrustProviders(b -> b
                    .verifiedAccessTrustProviderIds("vatp-00000000000000000")));
            fails("InvalidParameterValue", () -> ec2.describeVerifiedAccessTrustProviders(b -> b.maxResults(4)));
            for (int n = 0; n < 3; n++) {
                ec2.createVerifiedAccessTrustProvider(b -> b.trustProviderType("device")
                        .deviceTrustProviderType("crowdstrike").policyReferenceName("cs"));
            }
            var first = ec2.describeVerifiedAccessTrustProviders(b -> b.maxResults(5));
            assertEquals(5, first.verifiedAccessTrustProviders().size());
            assertNotNull(first.nextToken());
            assertEquals(1, ec2.describeVerifiedAccessTrustProviders(b -> b.maxResults(5).nextToken(first.nextToken()))
                    .verifiedAccessTrustProviders().size());

            // Modify: options of the provider's own type only.
            fails("InvalidParameterCombination", () -> ec2.modifyVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessTrustProviderId(id).deviceOptions(o -> o.publicSigningKeyUrl("https://k"))));
            fails("InvalidParameterCombination", () -> ec2.modifyVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessTrustProviderId(crowd).oidcOptions(o -> o.scope("email"))));
            fails("DryRunOperation", 412, () -> ec2.modifyVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessTrustProviderId(id).description("x").dryRun(true)));
            advanceClock(Duration.ofSeconds(5));
            VerifiedAccessTrustProvider modified = ec2.modifyVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessTrustProviderId(id).description("renamed").oidcOptions(o -> o.scope("openid email"))
                    .sseSpecification(x -> x.customerManagedKeyEnabled(true)
                            .kmsKeyArn("arn:aws:kms:ap-northeast-2:123456789012:key/abc")))
                    .verifiedAccessTrustProvider();
            assertEquals("renamed", modified.description());
            assertEquals("openid email", modified.oidcOptions().scope());
            assertEquals("https://idp.example.com/token", modified.oidcOptions().tokenEndpoint());
            assertEquals(true, modified.sseSpecification().customerManagedKeyEnabled());
            assertFalse(modified.lastUpdatedTime().equals(modified.creationTime()));

            fails("DryRunOperation", 412, () -> ec2.deleteVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessTrustProviderId(id).dryRun(true)));
            assertEquals(id, ec2.deleteVerifiedAccessTrustProvider(b -> b.verifiedAccessTrustProviderId(id))
                    .verifiedAccessTrustProvider().verifiedAccessTrustProviderId());
            fails("InvalidVerifiedAccessTrustProviderId.NotFound", () -> ec2.deleteVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessTrustProviderId(id)));
            fails("InvalidVerifiedAccessTrustProviderId.NotFound", () -> ec2.modifyVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessTrustProviderId(id).description("gone")));
        }
    }

    @Test
    void instancesAttachProvidersAndKeepLogging() {
        try (Ec2Client ec2 = ec2()) {
            fails("DryRunOperation", 412, () -> ec2.createVerifiedAccessInstance(b -> b.dryRun(true)));
            fails("InvalidParameterValue", () -> ec2.createVerifiedAccessInstance(b -> b
                    .cidrEndpointsCustomSubDomain("not a domain")));
            VerifiedAccessInstance i = ec2.createVerifiedAccessInstance(b -> b.description("corp").clientToken("i-1")
                    .cidrEndpointsCustomSubDomain("apps.example.com")
                    .tagSpecifications(tags("verified-access-instance", "main"))).verifiedAccessInstance();
            String id = i.verifiedAccessInstanceId();
            assertTrue(id.matches("vai-[0-9a-f]{17}"), id);
            assertEquals("apps.example.com", i.cidrEndpointsCustomSubDomain().subDomain());
            assertEquals(4, i.cidrEndpointsCustomSubDomain().nameservers().size());
            assertEquals(false, i.fipsEnabled());
            assertEquals(id, ec2.createVerifiedAccessInstance(b -> b.description("corp").clientToken("i-1")
                    .cidrEndpointsCustomSubDomain("apps.example.com")
                    .tagSpecifications(tags("verified-access-instance", "main"))).verifiedAccessInstance()
                    .verifiedAccessInstanceId());
            fails("IdempotentParameterMismatch", () -> ec2.createVerifiedAccessInstance(b -> b.clientToken("i-1")));
            fails("InvalidVerifiedAccessInstanceId.NotFound", () -> ec2.describeVerifiedAccessInstances(b -> b
                    .verifiedAccessInstanceIds("vai-00000000000000000")));
            assertEquals(i, ec2.describeVerifiedAccessInstances(b -> b.filters(filter("tag:Name", "main")))
                    .verifiedAccessInstances().get(0));
            fails("InvalidParameterValue", () -> ec2.describeVerifiedAccessInstances(b -> b.filters(filter("nope", "x"))));
            assertEquals("renamed", ec2.modifyVerifiedAccessInstance(b -> b.verifiedAccessInstanceId(id)
                    .description("renamed")).verifiedAccessInstance().description());
            fails("DryRunOperation", 412, () -> ec2.modifyVerifiedAccessInstance(b -> b.verifiedAccessInstanceId(id)
                    .dryRun(true)));

            // Trust providers: one user provider at a time, any device providers; attached ones are not deleted.
            String user = ec2.createVerifiedAccessTrustProvider(b -> oidc(b)).verifiedAccessTrustProvider()
                    .verifiedAccessTrustProviderId();
            String user2 = ec2.createVerifiedAccessTrustProvider(b -> b.trustProviderType("user")
                    .userTrustProviderType("iam-identity-center").policyReferenceName("sso")
                    .nativeApplicationOidcOptions(o -> o.issuer("https://sso.example.com").clientId("native")
                            .clientSecret("s2").scope("openid")))
                    .verifiedAccessTrustProvider().verifiedAccessTrustProviderId();
            String device = ec2.createVerifiedAccessTrustProvider(b -> b.trustProviderType("device")
                    .deviceTrustProviderType("crowdstrike").policyReferenceName("cs")).verifiedAccessTrustProvider()
                    .verifiedAccessTrustProviderId();
            fails("DryRunOperation", 412, () -> ec2.attachVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessInstanceId(id).verifiedAccessTrustProviderId(user).dryRun(true)));
            fails("InvalidVerifiedAccessTrustProviderId.NotFound", () -> ec2.attachVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessInstanceId(id).verifiedAccessTrustProviderId("vatp-00000000000000000")));
            var attached = ec2.attachVerifiedAccessTrustProvider(b -> b.verifiedAccessInstanceId(id)
                    .verifiedAccessTrustProviderId(user));
            assertEquals(user, attached.verifiedAccessTrustProvider().verifiedAccessTrustProviderId());
            assertEquals("oidc", attached.verifiedAccessInstance().verifiedAccessTrustProviders().get(0)
                    .userTrustProviderTypeAsString());
            fails("InvalidParameterValue", () -> ec2.attachVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessInstanceId(id).verifiedAccessTrustProviderId(user)));
            fails("InvalidParameterValue", () -> ec2.attachVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessInstanceId(id).verifiedAccessTrustProviderId(user2)));
            ec2.attachVerifiedAccessTrustProvider(b -> b.verifiedAccessInstanceId(id)
                    .verifiedAccessTrustProviderId(device));
            fails("DependencyViolation", () -> ec2.deleteVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessTrustProviderId(device)));
            ExportVerifiedAccessInstanceClientConfigurationResponse config = ec2
                    .exportVerifiedAccessInstanceClientConfiguration(b -> b.verifiedAccessInstanceId(id));
            assertEquals(List.of("crowdstrike"), config.deviceTrustProvidersAsStrings());
            assertEquals("oidc", config.userTrustProvider().typeAsString());
            assertEquals("ap-northeast-2", config.region());

            // Logging: stored as given, enabled destinations need their target.
            var none = ec2.describeVerifiedAccessInstanceLoggingConfigurations(b -> b.verifiedAccessInstanceIds(id))
                    .loggingConfigurations().get(0).accessLogs();
            assertEquals(false, none.cloudWatchLogs().enabled());
            fails("MissingParameter", () -> ec2.modifyVerifiedAccessInstanceLoggingConfiguration(b -> b
                    .verifiedAccessInstanceId(id).accessLogs(l -> l.cloudWatchLogs(c -> c.enabled(true)))));
            fails("InvalidParameterValue", () -> ec2.modifyVerifiedAccessInstanceLoggingConfiguration(b -> b
                    .verifiedAccessInstanceId(id).accessLogs(l -> l.logVersion("ocsf-9"))));
            fails("DryRunOperation", 412, () -> ec2.modifyVerifiedAccessInstanceLoggingConfiguration(b -> b
                    .verifiedAccessInstanceId(id).accessLogs(l -> l.includeTrustContext(true)).dryRun(true)));
            VerifiedAccessLogs logs = ec2.modifyVerifiedAccessInstanceLoggingConfiguration(b -> b
                    .verifiedAccessInstanceId(id).accessLogs(l -> l.logVersion("ocsf-1.0.0-rc.2")
                            .includeTrustContext(true).cloudWatchLogs(c -> c.enabled(true).logGroup("/va/access"))
                            .s3(s -> s.enabled(true).bucketName("va-logs").prefix("p/"))))
                    .loggingConfiguration().accessLogs();
            assertEquals("/va/access", logs.cloudWatchLogs().logGroup());
            assertEquals("success", logs.cloudWatchLogs().deliveryStatus().codeAsString());
            assertEquals("va-logs", logs.s3().bucketName());
            assertEquals(false, logs.kinesisDataFirehose().enabled());
            assertEquals(logs, ec2.describeVerifiedAccessInstanceLoggingConfigurations(b -> b.maxResults(10))
                    .loggingConfigurations().get(0).accessLogs());
            fails("InvalidParameterValue", () -> ec2.describeVerifiedAccessInstanceLoggingConfigurations(b -> b
                    .maxResults(11)));

            // An instance with groups or trust providers is not deleted.
            String group = ec2.createVerifiedAccessGroup(b -> b.verifiedAccessInstanceId(id)).verifiedAccessGroup()
                    .verifiedAccessGroupId();
            fails("DependencyViolation", () -> ec2.deleteVerifiedAccessInstance(b -> b.verifiedAccessInstanceId(id)));
            ec2.deleteVerifiedAccessGroup(b -> b.verifiedAccessGroupId(group));
            fails("DependencyViolation", () -> ec2.deleteVerifiedAccessInstance(b -> b.verifiedAccessInstanceId(id)));
            fails("InvalidParameterValue", () -> ec2.detachVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessInstanceId(id).verifiedAccessTrustProviderId(user2)));
            fails("DryRunOperation", 412, () -> ec2.detachVerifiedAccessTrustProvider(b -> b
                    .verifiedAccessInstanceId(id).verifiedAccessTrustProviderId(user).dryRun(true)));
            for (String p : List.of(user, device)) {
                assertTrue(ec2.detachVerifiedAccessTrustProvider(b -> b.verifiedAccessInstanceId(id)
                        .verifiedAccessTrustProviderId(p)).verifiedAccessInstance().verifiedAccessTrustProviders()
                        .stream().noneMatch(x -> x.verifiedAccessTrustProviderId().equals(p)));
            }
            fails("DryRunOperation", 412, () -> ec2.deleteVerifiedAccessInstance(b -> b.verifiedAccessInstanceId(id)
                    .dryRun(true)));
            assertEquals(id, ec2.deleteVerifiedAccessInstance(b -> b.verifiedAccessInstanceId(id))
                    .verifiedAccessInstance().verifiedAccessInstanceId());
            fails("InvalidVerifiedAccessInstanceId.NotFound", () -> ec2.deleteVerifiedAccessInstance(b -> b
                    .verifiedAccessInstanceId(id)));
            fails("InvalidVerifiedAccessInstanceId.NotFound", () -> ec2.exportVerifiedAccessInstanceClientConfiguration(
                    b -> b.verifiedAccessInstanceId(id)));
        }
    }

    @Test
    void groupsKeepTheirPolicy() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, "ap-northeast-2")) {
            String instance = ec2.createVerifiedAccessInstance(b -> { }).verifiedAccessInstance()
                    .verifiedAccessInstanceId();
            String other = ec2.createVerifiedAccessInstance(b -> { }).verifiedAccessInstance()
                    .verifiedAccessInstanceId();
            fails("InvalidVerifiedAccessInstanceId.NotFound", () -> ec2.createVerifiedAccessGroup(b -> b
                    .verifiedAccessInstanceId("vai-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.createVerifiedAccessGroup(b -> b.verifiedAccessInstanceId(instance)
                    .dryRun(true)));
            VerifiedAccessGroup g = ec2.createVerifiedAccessGroup(b -> b.verifiedAccessInstanceId(instance)
                    .description("sales").policyDocument(POLICY).clientToken("g-1")
                    .tagSpecifications(tags("verified-access-group", "sales"))).verifiedAccessGroup();
            String id = g.verifiedAccessGroupId();
            assertTrue(id.matches("vagr-[0-9a-f]{17}"), id);
            assertEquals(account, g.owner());
            assertEquals("arn:aws:ec2:ap-northeast-2:" + account + ":verified-access-group/" + id,
                    g.verifiedAccessGroupArn());
            assertEquals(id, ec2.createVerifiedAccessGroup(b -> b.verifiedAccessInstanceId(instance)
                    .description("sales").policyDocument(POLICY).clientToken("g-1")
                    .tagSpecifications(tags("verified-access-group", "sales"))).verifiedAccessGroup()
                    .verifiedAccessGroupId());
            fails("IdempotentParameterMismatch", () -> ec2.createVerifiedAccessGroup(b -> b
                    .verifiedAccessInstanceId(instance).clientToken("g-1")));
            var policy = ec2.getVerifiedAccessGroupPolicy(b -> b.verifiedAccessGroupId(id));
            assertEquals(true, policy.policyEnabled());
            assertEquals(POLICY, policy.policyDocument());

            // Policy rules.
            fails("MissingParameter", () -> ec2.modifyVerifiedAccessGroupPolicy(b -> b.verifiedAccessGroupId(id)));
            fails("InvalidParameterCombination", () -> ec2.modifyVerifiedAccessGroupPolicy(b -> b
                    .verifiedAccessGroupId(id).policyEnabled(false).policyDocument(POLICY)));
            fails("DryRunOperation", 412, () -> ec2.modifyVerifiedAccessGroupPolicy(b -> b.verifiedAccessGroupId(id)
                    .policyEnabled(false).dryRun(true)));
            var off = ec2.modifyVerifiedAccessGroupPolicy(b -> b.verifiedAccessGroupId(id).policyEnabled(false));
            assertEquals(false, off.policyEnabled());
            assertNull(off.policyDocument());
            fails("MissingParameter", () -> ec2.modifyVerifiedAccessGroupPolicy(b -> b.verifiedAccessGroupId(id)
                    .policyEnabled(true)));
            assertEquals("forbid(principal, action, resource);", ec2.modifyVerifiedAccessGroupPolicy(b -> b
                    .verifiedAccessGroupId(id).policyEnabled(true).policyDocument("forbid(principal, action, resource);"))
                    .policyDocument());
            fails("DryRunOperation", 412, () -> ec2.getVerifiedAccessGroupPolicy(b -> b.verifiedAccessGroupId(id)
                    .dryRun(true)));

            // Describe by instance, filters; modify moves the group.
            String second = ec2.createVerifiedAccessGroup(b -> b.verifiedAccessInstanceId(other))
                    .verifiedAccessGroup().verifiedAccessGroupId();
            assertEquals(List.of(id), ec2.describeVerifiedAccessGroups(b -> b.verifiedAccessInstanceId(instance))
                    .verifiedAccessGroups().stream().map(x -> x.verifiedAccessGroupId()).toList());
            assertEquals(List.of(second), ec2.describeVerifiedAccessGroups(b -> b
                    .filters(filter("verified-access-instance-id", other))).verifiedAccessGroups().stream()
                    .map(x -> x.verifiedAccessGroupId()).toList());
            fails("InvalidVerifiedAccessGroupId.NotFound", () -> ec2.describeVerifiedAccessGroups(b -> b
                    .verifiedAccessGroupIds("vagr-00000000000000000")));
            fails("InvalidVerifiedAccessInstanceId.NotFound", () -> ec2.modifyVerifiedAccessGroup(b -> b
                    .verifiedAccessGroupId(id).verifiedAccessInstanceId("vai-00000000000000000")));
            VerifiedAccessGroup moved = ec2.modifyVerifiedAccessGroup(b -> b.verifiedAccessGroupId(id)
                    .verifiedAccessInstanceId(other).description("moved")).verifiedAccessGroup();
            assertEquals(other, moved.verifiedAccessInstanceId());
            assertEquals("moved", moved.description());
            fails("DryRunOperation", 412, () -> ec2.deleteVerifiedAccessGroup(b -> b.verifiedAccessGroupId(id)
                    .dryRun(true)));
            assertNotNull(ec2.deleteVerifiedAccessGroup(b -> b.verifiedAccessGroupId(id)).verifiedAccessGroup()
                    .deletionTime());
            fails("InvalidVerifiedAccessGroupId.NotFound", () -> ec2.getVerifiedAccessGroupPolicy(b -> b
                    .verifiedAccessGroupId(id)));
        }
    }

    @Test
    void endpointsFollowTheClock() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            var zones = ec2.describeAvailabilityZones().availabilityZones();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")
                    .availabilityZone(zones.get(0).zoneName())).subnet().subnetId();
            String subnet2 = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.2.0/24")
                    .availabilityZone(zones.get(1).zoneName())).subnet().subnetId();
            String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("va").description("va")).groupId();
            String eni = ec2.createNetworkInterface(b -> b.subnetId(subnet).privateIpAddress("10.0.1.10"))
                    .networkInterface().networkInterfaceId();
            ec2.createNetworkInterface(b -> b.subnetId(subnet2).privateIpAddress("10.0.2.20"));
            String instance = ec2.createVerifiedAccessInstance(b -> { }).verifiedAccessInstance()
                    .verifiedAccessInstanceId();
            String group = ec2.createVerifiedAccessGroup(b -> b.verifiedAccessInstanceId(instance))
                    .verifiedAccessGroup().verifiedAccessGroupId();

            fails("InvalidVerifiedAccessGroupId.NotFound", () -> ec2.createVerifiedAccessEndpoint(b -> b
                    .verifiedAccessGroupId("vagr-00000000000000000").endpointType("network-interface")
                    .attachmentType("vpc").securityGroupIds(sg)));
            fails("MissingParameter", () -> ec2.createVerifiedAccessEndpoint(b -> b.verifiedAccessGroupId(group)
                    .endpointType("network-interface").attachmentType("vpc")));
            fails("MissingParameter", () -> ec2.createVerifiedAccessEndpoint(b -> b.verifiedAccessGroupId(group)
                    .endpointType("network-interface").attachmentType("vpc").securityGroupIds(sg)));
            fails("InvalidNetworkInterfaceID.NotFound", () -> ec2.createVerifiedAccessEndpoint(b -> b
                    .verifiedAccessGroupId(group).endpointType("network-interface").attachmentType("vpc")
                    .securityGroupIds(sg).networkInterfaceOptions(o -> o.networkInterfaceId("eni-00000000000000000")
                            .protocol("https").port(443))));
            fails("InvalidParameterValue", () -> ec2.createVerifiedAccessEndpoint(b -> b.verifiedAccessGroupId(group)
                    .endpointType("network-interface").attachmentType("vpc").securityGroupIds(sg)
                    .networkInterfaceOptions(o -> o.networkInterfaceId(eni).protocol("tcp").port(22))));
            fails("MissingParameter", () -> ec2.createVerifiedAccessEndpoint(b -> b.verifiedAccessGroupId(group)
                    .endpointType("network-interface").attachmentType("vpc").securityGroupIds(sg)
                    .networkInterfaceOptions(o -> o.networkInterfaceId(eni).protocol("https").port(443))));
            fails("InvalidParameterCombination", () -> ec2.createVerifiedAccessEndpoint(b -> b
                    .verifiedAccessGroupId(group).endpointType("network-interface").attachmentType("vpc")
                    .securityGroupIds(sg).networkInterfaceOptions(o -> o.networkInterfaceId(eni).protocol("https")
                            .port(443)).cidrOptions(o -> o.cidr("10.0.0.0/16"))));
            // Gureum serves no Elastic Load Balancing and no RDS: such targets never exist.
            fails("InvalidParameterValue", () -> ec2.createVerifiedAccessEndpoint(b -> b.verifiedAccessGroupId(group)
                    .endpointType("load-balancer").attachmentType("vpc").securityGroupIds(sg)
                    .applicationDomain("app.example.com").domainCertificateArn(CERT).endpointDomainPrefix("app")
                    .loadBalancerOptions(o -> o.protocol("https").port(443).subnetIds(subnet)
                            .loadBalancerArn("arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/x/1"))));
            fails("InvalidParameterValue", () -> ec2.createVerifiedAccessEndpoint(b -> b.verifiedAccessGroupId(group)
                    .endpointType("rds").attachmentType("vpc").securityGroupIds(sg).rdsOptions(o -> o.protocol("tcp")
                            .port(5432).subnetIds(subnet).rdsDbInstanceArn("arn:aws:rds:ap-northeast-2:123456789012:db:x"))));
            fails("DryRunOperation", 412, () -> ec2.createVerifiedAccessEndpoint(b -> eniEndpoint(b, group, sg, eni)
                    .dryRun(true)));

            VerifiedAccessEndpoint e = ec2.createVerifiedAccessEndpoint(b -> eniEndpoint(b, group, sg, eni)
                    .policyDocument(POLICY).clientToken("e-1")
                    .tagSpecifications(tags("verified-access-endpoint", "app"))).verifiedAccessEndpoint();
            String id = e.verifiedAccessEndpointId();
            assertTrue(id.matches("vae-[0-9a-f]{17}"), id);
            assertEquals("pending", e.status().codeAsString());
            assertEquals(instance, e.verifiedAccessInstanceId());
            assertEquals(eni, e.networkInterfaceOptions().networkInterfaceId());
            assertTrue(e.endpointDomain().startsWith("app."), e.endpointDomain());
            assertEquals(id, ec2.createVerifiedAccessEndpoint(b -> eniEndpoint(b, group, sg, eni)
                    .policyDocument(POLICY).clientToken("e-1")
                    .tagSpecifications(tags("verified-access-endpoint", "app"))).verifiedAccessEndpoint()
                    .verifiedAccessEndpointId());
            fails("IdempotentParameterMismatch", () -> ec2.createVerifiedAccessEndpoint(b -> eniEndpoint(b, group, sg,
                    eni).clientToken("e-1")));
            advanceClock(Duration.ofSeconds(3));
            assertEquals("active", status(ec2, id));
            assertEquals(POLICY, ec2.getVerifiedAccessEndpointPolicy(b -> b.verifiedAccessEndpointId(id))
                    .policyDocument());
            assertEquals(false, ec2.modifyVerifiedAccessEndpointPolicy(b -> b.verifiedAccessEndpointId(id)
                    .policyEnabled(false)).policyEnabled());

            // Modify: updating for a moment; options of another type are refused.
            fails("InvalidParameterCombination", () -> ec2.modifyVerifiedAccessEndpoint(b -> b
                    .verifiedAccessEndpointId(id).cidrOptions(o -> o.portRanges(r -> r.fromPort(1).toPort(2)))));
            fails("DryRunOperation", 412, () -> ec2.modifyVerifiedAccessEndpoint(b -> b.verifiedAccessEndpointId(id)
                    .description("x").dryRun(true)));
            VerifiedAccessEndpoint modified = ec2.modifyVerifiedAccessEndpoint(b -> b.verifiedAccessEndpointId(id)
                    .description("web").networkInterfaceOptions(o -> o.port(8443))).verifiedAccessEndpoint();
            assertEquals("updating", modified.status().codeAsString());
            assertEquals(8443, modified.networkInterfaceOptions().port());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("active", status(ec2, id));

            // A CIDR endpoint lists the interfaces of its subnets inside its CIDR as targets.
            fails("InvalidParameterValue", () -> ec2.createVerifiedAccessEndpoint(b -> b.verifiedAccessGroupId(group)
                    .endpointType("cidr").attachmentType("vpc").securityGroupIds(sg).cidrOptions(o -> o
                            .cidr("10.0.0.0/16").protocol("https").subnetIds(subnet)
                            .portRanges(r -> r.fromPort(443).toPort(443)))));
            String cidr = ec2.createVerifiedAccessEndpoint(b -> b.verifiedAccessGroupId(group).endpointType("cidr")
                    .attachmentType("vpc").securityGroupIds(sg).cidrOptions(o -> o.cidr("10.0.0.0/16")
                            .protocol("tcp").subnetIds(subnet, subnet2).portRanges(r -> r.fromPort(22).toPort(22))))
                    .verifiedAccessEndpoint().verifiedAccessEndpointId();
            Set<String> targets = new HashSet<>();
            ec2.getVerifiedAccessEndpointTargets(b -> b.verifiedAccessEndpointId(cidr)).verifiedAccessEndpointTargets()
                    .forEach(t -> targets.add(t.verifiedAccessEndpointTargetIpAddress()));
            assertEquals(Set.of("10.0.1.10", "10.0.2.20"), targets);
            fails("InvalidParameterValue", () -> ec2.getVerifiedAccessEndpointTargets(b -> b
                    .verifiedAccessEndpointId(id)));

            assertEquals(List.of(id), ec2.describeVerifiedAccessEndpoints(b -> b.filters(filter("tag:Name", "app")))
                    .verifiedAccessEndpoints().stream().map(x -> x.verifiedAccessEndpointId()).toList());
            assertEquals(2, ec2.describeVerifiedAccessEndpoints(b -> b.verifiedAccessGroupId(group))
                    .verifiedAccessEndpoints().size());
            fails("InvalidVerifiedAccessEndpointId.NotFound", () -> ec2.describeVerifiedAccessEndpoints(b -> b
                    .verifiedAccessEndpointIds("vae-00000000000000000")));

            // Delete: deleting, then deleted (still described); the group is held until then.
            fails("DryRunOperation", 412, () -> ec2.deleteVerifiedAccessEndpoint(b -> b.verifiedAccessEndpointId(id)
                    .dryRun(true)));
            assertEquals("deleting", ec2.deleteVerifiedAccessEndpoint(b -> b.verifiedAccessEndpointId(id))
                    .verifiedAccessEndpoint().status().codeAsString());
            ec2.deleteVerifiedAccessEndpoint(b -> b.verifiedAccessEndpointId(cidr));
            fails("DependencyViolation", () -> ec2.deleteVerifiedAccessGroup(b -> b.verifiedAccessGroupId(group)));
            fails("DependencyViolation", () -> ec2.deleteSecurityGroup(b -> b.groupId(sg)));
            advanceClock(Duration.ofSeconds(3));
            assertEquals("deleted", status(ec2, id));
            fails("InvalidVerifiedAccessEndpointId.NotFound", () -> ec2.getVerifiedAccessEndpointPolicy(b -> b
                    .verifiedAccessEndpointId(id)));
            fails("InvalidVerifiedAccessEndpointId.NotFound", () -> ec2.deleteVerifiedAccessEndpoint(b -> b
                    .verifiedAccessEndpointId(id)));
            ec2.deleteVerifiedAccessGroup(b -> b.verifiedAccessGroupId(group));
            ec2.deleteSecurityGroup(b -> b.groupId(sg));
            advanceClock(Duration.ofHours(2));
            fails("InvalidVerifiedAccessEndpointId.NotFound", () -> ec2.describeVerifiedAccessEndpoints(b -> b
                    .verifiedAccessEndpointIds(id)));
        }
    }

    static software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointRequest.Builder eniEndpoint(
            software.amazon.awssdk.services.ec2.model.CreateVerifiedAccessEndpointRequest.Builder b, String group,
            String sg, String eni) {
        return b.verifiedAccessGroupId(group).endpointType("network-interface").attachmentType("vpc")
                .securityGroupIds(sg).applicationDomain("app.example.com").domainCertificateArn(CERT)
                .endpointDomainPrefix("app")
                .networkInterfaceOptions(o -> o.networkInterfaceId(eni).protocol("https").port(443));
    }

    static String status(Ec2Client ec2, String id) {
        return ec2.describeVerifiedAccessEndpoints(b -> b.verifiedAccessEndpointIds(id)).verifiedAccessEndpoints().get(0)
                .status().codeAsString();
    }
}
