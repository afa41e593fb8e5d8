package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessEndpoint;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessGroup;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstance;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessInstanceLoggingConfiguration;
import software.amazon.awssdk.services.ec2.model.VerifiedAccessTrustProvider;

/** Verified Access's resources found again after a restart on the same --data-dir, journal replayed and from a snapshot. */
class VerifiedAccessRestartIT {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "ap-northeast-2";

    @TempDir
    Path dataDir;

    private Gureum start(boolean compacting) {
        if (compacting) {
            System.setProperty("gureum.compactBytes", "1");
        }
        try {
            return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), ACCOUNT, REGION);
    }

    @Test
    void verifiedAccessSurvivesRestarts() {
        List<VerifiedAccessTrustProvider> providers;
        List<VerifiedAccessInstance> instances;
        List<VerifiedAccessInstanceLoggingConfiguration> logging;
        List<VerifiedAccessGroup> groups;
        List<VerifiedAccessEndpoint> endpoints;
        String group;
        String endpoint;
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("va").description("va")).groupId();
            String eni = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
            String provider = ec2.createVerifiedAccessTrustProvider(b -> VerifiedAccessIT.oidc(b)
                    .tagSpecifications(VerifiedAccessIT.tags("verified-access-trust-provider", "idp")))
                    .verifiedAccessTrustProvider().verifiedAccessTrustProviderId();
            String instance = ec2.createVerifiedAccessInstance(b -> b.description("corp")
                    .tagSpecifications(VerifiedAccessIT.tags("verified-access-instance", "main")))
                    .verifiedAccessInstance().verifiedAccessInstanceId();
            ec2.attachVerifiedAccessTrustProvider(b -> b.verifiedAccessInstanceId(instance)
                    .verifiedAccessTrustProviderId(provider));
            ec2.modifyVerifiedAccessInstanceLoggingConfiguration(b -> b.verifiedAccessInstanceId(instance)
                    .accessLogs(l -> l.cloudWatchLogs(c -> c.enabled(true).logGroup("/va"))));
            group = ec2.createVerifiedAccessGroup(b -> b.verifiedAccessInstanceId(instance)
                    .policyDocument(VerifiedAccessIT.POLICY)).verifiedAccessGroup().verifiedAccessGroupId();
            endpoint = ec2.createVerifiedAccessEndpoint(b -> VerifiedAccessIT.eniEndpoint(b, group, sg, eni)
                    .tagSpecifications(VerifiedAccessIT.tags("verified-access-endpoint", "app")))
                    .verifiedAccessEndpoint().verifiedAccessEndpointId();
            g.context().clock().advance(Duration.ofSeconds(3));
            providers = ec2.describeVerifiedAccessTrustProviders(b -> { }).verifiedAccessTrustProviders();
            instances = ec2.describeVerifiedAccessInstances(b -> { }).verifiedAccessInstances();
            logging = ec2.describeVerifiedAccessInstanceLoggingConfigurations(b -> { }).loggingConfigurations();
            groups = ec2.describeVerifiedAccessGroups(b -> { }).verifiedAccessGroups();
            endpoints = ec2.describeVerifiedAccessEndpoints(b -> { }).verifiedAccessEndpoints();
            assertEquals("active", endpoints.get(0).status().codeAsString());
        }
        for (boolean compacting : new boolean[] {false, true}) {
            try (Gureum g = start(compacting); Ec2Client ec2 = ec2(g)) {
                assertEquals(providers, ec2.describeVerifiedAccessTrustProviders(b -> { }).verifiedAccessTrustProviders());
                assertEquals(instances, ec2.describeVerifiedAccessInstances(b -> { }).verifiedAccessInstances());
                assertEquals(logging, ec2.describeVerifiedAccessInstanceLoggingConfigurations(b -> { })
                        .loggingConfigurations());
                assertEquals(groups, ec2.describeVerifiedAccessGroups(b -> { }).verifiedAccessGroups());
                assertEquals(endpoints, ec2.describeVerifiedAccessEndpoints(b -> { }).verifiedAccessEndpoints());
                assertEquals(VerifiedAccessIT.POLICY, ec2.getVerifiedAccessGroupPolicy(b -> b.verifiedAccessGroupId(group))
                        .policyDocument());
                // Still working: the restored group is held by its endpoint, and the tags are in the registry.
                assertEquals("DependencyViolation", org.junit.jupiter.api.Assertions.assertThrows(
                        software.amazon.awssdk.services.ec2.model.Ec2Exception.class,
                        () -> ec2.deleteVerifiedAccessGroup(b -> b.verifiedAccessGroupId(group))).awsErrorDetails()
                        .errorCode());
                assertEquals(1, ec2.describeTags(b -> b.filters(VpcsIT.filter("resource-id", endpoint))).tags().size());
            }
        }
    }
}
