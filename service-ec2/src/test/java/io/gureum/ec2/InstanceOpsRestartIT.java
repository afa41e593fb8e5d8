package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
import io.gureum.iam.StsService;
import io.gureum.vpc.VpcService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;

/** What the operations around instances keep across a restart on the same --data-dir. */
class InstanceOpsRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                List.of(new VpcService(), new Ec2ComputeService(), new IamService(), new StsService()));
        InProcessWarmUp.ec2(g);
        return g;
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), "123456789012", "ap-northeast-2");
    }

    @Test
    void associationsDefaultsWindowsEndpointsAndSettingsSurvive() {
        String instance;
        String association;
        String window;
        String endpoint;
        String profileArn;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            IamClient iam = AwsClients.client(IamClient.builder(), g.endpoint(), "123456789012", "us-east-1");
            profileArn = iam.createInstanceProfile(b -> b.instanceProfileName("kept")).instanceProfile().arn();
            ec2.modifyInstanceMetadataDefaults(b -> b.httpTokens("required").httpPutResponseHopLimit(4));
            String ami = InstancesIT.al2023(ec2, "x86_64");
            instance = ec2.runInstances(b -> b.imageId(ami).instanceType("m5.large").minCount(1).maxCount(1))
                    .instances().get(0).instanceId();
            g.context().clock().advance(Duration.ofSeconds(10));
            association = ec2.associateIamInstanceProfile(b -> b.instanceId(instance).iamInstanceProfile(p -> p
                    .name("kept"))).iamInstanceProfileAssociation().associationId();
            ec2.modifyInstanceMaintenanceOptions(b -> b.instanceId(instance).autoRecovery("disabled"));
            ec2.stopInstances(b -> b.instanceIds(instance));
            g.context().clock().advance(Duration.ofSeconds(10));
            ec2.modifyInstanceCpuOptions(b -> b.instanceId(instance).coreCount(1).threadsPerCore(1));
            window = ec2.createInstanceEventWindow(b -> b.name("kept").cronExpression("* 1-5 * * 0")
                    .tagSpecifications(t -> t.resourceType("instance-event-window").tags(x -> x.key("k").value("v"))))
                    .instanceEventWindow().instanceEventWindowId();
            ec2.associateInstanceEventWindow(b -> b.instanceEventWindowId(window).associationTarget(x -> x
                    .instanceIds(instance)));
            String subnet = ec2.describeSubnets(b -> b.filters(f -> f.name("default-for-az").values("true")))
                    .subnets().get(0).subnetId();
            endpoint = ec2.createInstanceConnectEndpoint(b -> b.subnetId(subnet).clientToken("kept"))
                    .instanceConnectEndpoint().instanceConnectEndpointId();
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            g.context().clock().advance(Duration.ofSeconds(10));
            var a = ec2.describeIamInstanceProfileAssociations(b -> b.associationIds(association))
                    .iamInstanceProfileAssociations().get(0);
            assertEquals("associated", a.stateAsString());
            assertEquals(profileArn, a.iamInstanceProfile().arn());
            var i = InstancesIT.describe(ec2, instance);
            assertEquals(profileArn, i.iamInstanceProfile().arn());
            assertEquals("disabled", i.maintenanceOptions().autoRecoveryAsString());
            assertEquals(1, i.cpuOptions().coreCount());
            assertEquals(4, ec2.getInstanceMetadataDefaults(b -> { }).accountLevel().httpPutResponseHopLimit());
            var w = ec2.describeInstanceEventWindows(b -> b.instanceEventWindowIds(window)).instanceEventWindows()
                    .get(0);
            assertEquals(List.of(instance), w.associationTarget().instanceIds());
            assertEquals("v", w.tags().get(0).value());
            assertEquals("* 1-5 * * 0", w.cronExpression());
            var e = ec2.describeInstanceConnectEndpoints(b -> b.instanceConnectEndpointIds(endpoint))
                    .instanceConnectEndpoints().get(0);
            assertEquals("create-complete", e.stateAsString());
            assertEquals(endpoint, ec2.createInstanceConnectEndpoint(b -> b.subnetId(e.subnetId()).clientToken("kept"))
                    .instanceConnectEndpoint().instanceConnectEndpointId(), "client tokens are kept");
            assertTrue(ec2.describeTags(b -> b.filters(f -> f.name("resource-id").values(window))).tags().size() == 1);
        }
    }
}
