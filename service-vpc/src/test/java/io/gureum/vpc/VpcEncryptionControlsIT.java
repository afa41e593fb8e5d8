package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControl;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionNonCompliantResource;

/** VPC Encryption Controls through the SDK: monitor first, enforce once nothing blocks it, states on the clock. */
class VpcEncryptionControlsIT extends Ec2TestBase {
    private static VpcEncryptionControl control(Ec2Client ec2, String id) {
        return ec2.describeVpcEncryptionControls(b -> b.vpcEncryptionControlIds(id)).vpcEncryptionControls().get(0);
    }

    private static List<String> blocking(Ec2Client ec2, String vpc) {
        return ec2.getVpcResourcesBlockingEncryptionEnforcement(b -> b.vpcId(vpc)).nonCompliantResources().stream()
                .map(VpcEncryptionNonCompliantResource::id).toList();
    }

    @Test
    void monitorThenEnforceWithExclusionsAndDelete() {
        try (Ec2Client ec2 = ec2(newAccount(), "ap-northeast-2")) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.70.0.0/16")).vpc().vpcId();
            String igw = ec2.createInternetGateway(b -> { }).internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));

            VpcEncryptionControl made = ec2.createVpcEncryptionControl(b -> b.vpcId(vpc).tagSpecifications(t -> t
                    .resourceType(ResourceType.VPC_ENCRYPTION_CONTROL).tags(x -> x.key("team").value("blue"))))
                    .vpcEncryptionControl();
            String id = made.vpcEncryptionControlId();
            assertTrue(id.matches("vpcec-[0-9a-f]{17}"), id);
            assertEquals("monitor", made.modeAsString());
            assertEquals("creating", made.stateAsString());
            assertEquals(vpc, made.vpcId());
            assertEquals("disabled", made.resourceExclusions().internetGateway().stateAsString());
            assertEquals("disabled", made.resourceExclusions().elasticFileSystem().stateAsString());
            assertEquals("blue", made.tags().get(0).value());
            fails("InvalidParameterValue", 400, () -> ec2.createVpcEncryptionControl(b -> b.vpcId(vpc)));
            fails("IncorrectState", 400, () -> ec2.modifyVpcEncryptionControl(b -> b.vpcEncryptionControlId(id)
                    .mode("enforce")));
            advanceClock(Duration.ofSeconds(3));
            assertEquals("available", control(ec2, id).stateAsString());
            assertEquals(id, ec2.describeVpcs(b -> b.vpcIds(vpc)).vpcs().get(0).encryptionControl()
                    .vpcEncryptionControlId());

            // The internet gateway blocks enforcement: the switch fails and the control stays in monitor mode.
            VpcEncryptionNonCompliantResource r = ec2.getVpcResourcesBlockingEncryptionEnforcement(b -> b.vpcId(vpc))
                    .nonCompliantResources().get(0);
            assertEquals(igw, r.id());
            assertEquals("internet-gateway", r.type());
            assertTrue(r.isExcludable());
            VpcEncryptionControl switching = ec2.modifyVpcEncryptionControl(b -> b.vpcEncryptionControlId(id)
                    .mode("enforce")).vpcEncryptionControl();
            assertEquals("enforce-in-progress", switching.stateAsString());
            assertNull(switching.stateMessage());
            advanceClock(Duration.ofSeconds(3));
            VpcEncryptionControl failed = control(ec2, id);
            assertEquals("enforce-failed", failed.stateAsString());
            assertEquals("monitor", failed.modeAsString());
            assertTrue(failed.stateMessage().contains(igw), failed.stateMessage());

            // Excluding internet gateways lets enforcement through.
            VpcEncryptionControl excluding = ec2.modifyVpcEncryptionControl(b -> b.vpcEncryptionControlId(id)
                    .mode("enforce").internetGatewayExclusion("enable")).vpcEncryptionControl();
            assertEquals("enabling", excluding.resourceExclusions().internetGateway().stateAsString());
            assertEquals(List.of(), blocking(ec2, vpc));
            advanceClock(Duration.ofSeconds(3));
            VpcEncryptionControl enforced = control(ec2, id);
            assertEquals("available", enforced.stateAsString());
            assertEquals("enforce", enforced.modeAsString());
            assertEquals("enabled", enforced.resourceExclusions().internetGateway().stateAsString());
            assertEquals(List.of(id), ec2.describeVpcEncryptionControls(b -> b.filters(x -> x.name("mode")
                    .values("enforce"), x -> x.name("vpc-id").values(vpc))).vpcEncryptionControls().stream()
                    .map(VpcEncryptionControl::vpcEncryptionControlId).toList());
            assertEquals(List.of(id), ec2.describeVpcEncryptionControls(b -> b.vpcIds(vpc)).vpcEncryptionControls()
                    .stream().map(VpcEncryptionControl::vpcEncryptionControlId).toList());

            // Back to monitor; disabling the exclusion makes the gateway block again.
            ec2.modifyVpcEncryptionControl(b -> b.vpcEncryptionControlId(id).mode("monitor")
                    .internetGatewayExclusion("disable"));
            assertEquals("monitor-in-progress", control(ec2, id).stateAsString());
            assertEquals("disabling", control(ec2, id).resourceExclusions().internetGateway().stateAsString());
            assertEquals(List.of(igw), blocking(ec2, vpc));
            advanceClock(Duration.ofSeconds(3));
            assertEquals("available", control(ec2, id).stateAsString());
            assertEquals("disabled", control(ec2, id).resourceExclusions().internetGateway().stateAsString());

            VpcEncryptionControl deleting = ec2.deleteVpcEncryptionControl(b -> b.vpcEncryptionControlId(id))
                    .vpcEncryptionControl();
            assertEquals("deleting", deleting.stateAsString());
            fails("InvalidVpcEncryptionControlId.NotFound", 400, () -> ec2.deleteVpcEncryptionControl(b -> b
                    .vpcEncryptionControlId(id)));
            advanceClock(Duration.ofSeconds(3));
            assertEquals("deleted", control(ec2, id).stateAsString());
            assertNull(ec2.describeVpcs(b -> b.vpcIds(vpc)).vpcs().get(0).encryptionControl());
            // A VPC may have a new control once the old one is deleted; deleted ones are described for an hour.
            String again = ec2.createVpcEncryptionControl(b -> b.vpcId(vpc)).vpcEncryptionControl()
                    .vpcEncryptionControlId();
            advanceClock(Duration.ofHours(2));
            fails("InvalidVpcEncryptionControlId.NotFound", 400, () -> control(ec2, id));
            // Deleting the VPC deletes its control.
            ec2.detachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            ec2.deleteVpc(b -> b.vpcId(vpc));
            assertEquals("deleting", control(ec2, again).stateAsString());
        }
    }

    @Test
    void blockingResourcesErrorsAndDryRun() {
        try (Ec2Client ec2 = ec2(newAccount(), "ap-northeast-2")) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.71.0.0/16")).vpc().vpcId();
            String peer = ec2.createVpc(b -> b.cidrBlock("10.72.0.0/16")).vpc().vpcId();
            String eigw = ec2.createEgressOnlyInternetGateway(b -> b.vpcId(vpc)).egressOnlyInternetGateway()
                    .egressOnlyInternetGatewayId();
            String pcx = ec2.createVpcPeeringConnection(b -> b.vpcId(vpc).peerVpcId(peer)).vpcPeeringConnection()
                    .vpcPeeringConnectionId();
            ec2.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(pcx));
            assertEquals(List.of(eigw, pcx), blocking(ec2, vpc));
            assertEquals(List.of(pcx), blocking(ec2, peer));
            var page = ec2.getVpcResourcesBlockingEncryptionEnforcement(b -> b.vpcId(vpc).maxResults(5));
            assertNull(page.nextToken());

            fails("MissingParameter", 400, () -> ec2.createVpcEncryptionControl(b -> { }));
            fails("InvalidVpcID.NotFound", 400, () -> ec2.createVpcEncryptionControl(b -> b.vpcId("vpc-0123456789abcdef0")));
            fails("InvalidParameterValue", 400, () -> ec2.createVpcEncryptionControl(b -> b.vpcId(vpc)
                    .tagSpecifications(t -> t.resourceType(ResourceType.VPC).tags(x -> x.key("k").value("v")))));
            fails("DryRunOperation", 412, () -> ec2.createVpcEncryptionControl(b -> b.vpcId(vpc).dryRun(true)));
            fails("DryRunOperation", 412, () -> ec2.describeVpcEncryptionControls(b -> b.dryRun(true)));
            fails("DryRunOperation", 412, () -> ec2.getVpcResourcesBlockingEncryptionEnforcement(b -> b.vpcId(vpc)
                    .dryRun(true)));
            fails("InvalidVpcID.NotFound", 400, () -> ec2.getVpcResourcesBlockingEncryptionEnforcement(b -> b
                    .vpcId("vpc-0123456789abcdef0")));
            String id = ec2.createVpcEncryptionControl(b -> b.vpcId(vpc)).vpcEncryptionControl()
                    .vpcEncryptionControlId();
            advanceClock(Duration.ofSeconds(3));
            fails("DryRunOperation", 412, () -> ec2.modifyVpcEncryptionControl(b -> b.vpcEncryptionControlId(id)
                    .mode("enforce").dryRun(true)));
            fails("InvalidParameterValue", 400, () -> ec2.modifyVpcEncryptionControl(b -> b
                    .vpcEncryptionControlId(id).mode("strict")));
            fails("InvalidParameterValue", 400, () -> ec2.modifyVpcEncryptionControl(b -> b
                    .vpcEncryptionControlId(id).natGatewayExclusion("on")));
            fails("MissingParameter", 400, () -> ec2.modifyVpcEncryptionControl(b -> b.vpcEncryptionControlId(id)));
            fails("InvalidVpcEncryptionControlId.NotFound", 400, () -> ec2.modifyVpcEncryptionControl(b -> b
                    .vpcEncryptionControlId("vpcec-0123456789abcdef0").mode("monitor")));
            fails("DryRunOperation", 412, () -> ec2.deleteVpcEncryptionControl(b -> b.vpcEncryptionControlId(id)
                    .dryRun(true)));
            fails("InvalidVpcEncryptionControlId.NotFound", 400, () -> control(ec2, "vpcec-0123456789abcdef0"));
            // Excluding both blockers: enforcement succeeds.
            ec2.modifyVpcEncryptionControl(b -> b.vpcEncryptionControlId(id).mode("enforce")
                    .egressOnlyInternetGatewayExclusion("enable").vpcPeeringExclusion("enable"));
            advanceClock(Duration.ofSeconds(3));
            VpcEncryptionControl c = control(ec2, id);
            assertEquals("available", c.stateAsString());
            assertEquals("enforce", c.modeAsString());
            assertEquals("enabled", c.resourceExclusions().vpcPeering().stateAsString());
            assertNotNull(ec2.describeVpcEncryptionControls(b -> b.filters(x -> x.name("state").values("available")))
                    .vpcEncryptionControls().get(0));
        }
    }
}
