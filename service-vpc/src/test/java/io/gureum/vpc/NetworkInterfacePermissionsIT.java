package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePermission;

class NetworkInterfacePermissionsIT extends Ec2TestBase {

    static String eni(Ec2Client ec2) {
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
        return ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
    }

    @Test
    void grantDescribeAndDelete() {
        try (Ec2Client ec2 = ec2()) {
            String eni = eni(ec2);
            fails("DryRunOperation", 412, () -> ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(eni)
                    .awsAccountId("210987654321").permission("INSTANCE-ATTACH").dryRun(true)));
            fails("InvalidNetworkInterfaceID.NotFound", () -> ec2.createNetworkInterfacePermission(b -> b
                    .networkInterfaceId("eni-00000000000000000").awsAccountId("210987654321")
                    .permission("INSTANCE-ATTACH")));
            fails("MissingParameter", () -> ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(eni)
                    .awsAccountId("210987654321")));
            fails("InvalidParameterValue", () -> ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(eni)
                    .awsAccountId("210987654321").permission("DETACH")));
            fails("InvalidParameterCombination", () -> ec2.createNetworkInterfacePermission(b -> b
                    .networkInterfaceId(eni).permission("INSTANCE-ATTACH")));
            fails("InvalidParameterCombination", () -> ec2.createNetworkInterfacePermission(b -> b
                    .networkInterfaceId(eni).permission("INSTANCE-ATTACH").awsAccountId("210987654321")
                    .awsService("ec2.amazonaws.com")));
            fails("InvalidParameterValue", () -> ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(eni)
                    .permission("INSTANCE-ATTACH").awsService("ec2.amazonaws.com")));
            fails("InvalidParameterValue", () -> ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(eni)
                    .permission("INSTANCE-ATTACH").awsAccountId("12345")));

            NetworkInterfacePermission p = ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(eni)
                    .awsAccountId("210987654321").permission("INSTANCE-ATTACH")).interfacePermission();
            assertTrue(p.networkInterfacePermissionId().matches("eni-perm-[0-9a-f]{17}"),
                    p.networkInterfacePermissionId());
            assertEquals(eni, p.networkInterfaceId());
            assertEquals("210987654321", p.awsAccountId());
            assertNull(p.awsService());
            assertEquals("INSTANCE-ATTACH", p.permissionAsString());
            assertEquals("pending", p.permissionState().stateAsString());
            advanceClock(Duration.ofSeconds(2));
            String id = p.networkInterfacePermissionId();
            NetworkInterfacePermission described = ec2.describeNetworkInterfacePermissions(b -> b
                    .networkInterfacePermissionIds(id)).networkInterfacePermissions().get(0);
            assertEquals("granted", described.permissionState().stateAsString());
            String eip = ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(eni)
                    .awsAccountId("210987654321").permission("EIP-ASSOCIATE")).interfacePermission()
                    .networkInterfacePermissionId();
            String eni2 = ec2.createNetworkInterface(b -> b.subnetId(ec2.describeNetworkInterfaces(x -> x
                    .networkInterfaceIds(eni)).networkInterfaces().get(0).subnetId())).networkInterface()
                    .networkInterfaceId();
            for (int i = 0; i < 4; i++) {
                ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(eni2).awsAccountId("111122223333")
                        .permission("INSTANCE-ATTACH"));
            }

            assertEquals(List.of(eip), ec2.describeNetworkInterfacePermissions(b -> b.filters(
                    filter("network-interface-permission.permission", "EIP-ASSOCIATE"))).networkInterfacePermissions()
                    .stream().map(NetworkInterfacePermission::networkInterfacePermissionId).toList());
            assertEquals(2, ec2.describeNetworkInterfacePermissions(b -> b.filters(
                    filter("network-interface-permission.network-interface-id", eni))).networkInterfacePermissions()
                    .size());
            assertEquals(4, ec2.describeNetworkInterfacePermissions(b -> b.filters(
                    filter("network-interface-permission.aws-account-id", "111122223333")))
                    .networkInterfacePermissions().size());
            assertEquals(1, ec2.describeNetworkInterfacePermissions(b -> b.filters(
                    filter("network-interface-permission.network-interface-permission-id", id)))
                    .networkInterfacePermissions().size());
            assertEquals(0, ec2.describeNetworkInterfacePermissions(b -> b.filters(
                    filter("network-interface-permission.aws-service", "*"))).networkInterfacePermissions().size());
            fails("InvalidParameterValue", () -> ec2.describeNetworkInterfacePermissions(b -> b.filters(
                    filter("permission", "EIP-ASSOCIATE"))));
            fails("InvalidParameterValue", () -> ec2.describeNetworkInterfacePermissions(b -> b.maxResults(256)));
            var first = ec2.describeNetworkInterfacePermissions(b -> b.maxResults(5));
            assertEquals(5, first.networkInterfacePermissions().size());
            var rest = ec2.describeNetworkInterfacePermissions(b -> b.maxResults(5).nextToken(first.nextToken()));
            assertEquals(1, rest.networkInterfacePermissions().size());
            assertNull(rest.nextToken());
            fails("InvalidNetworkInterfacePermissionID.NotFound", () -> ec2.describeNetworkInterfacePermissions(b -> b
                    .networkInterfacePermissionIds("eni-perm-00000000000000000")));

            fails("DryRunOperation", 412, () -> ec2.deleteNetworkInterfacePermission(b -> b
                    .networkInterfacePermissionId(id).dryRun(true)));
            assertTrue(ec2.deleteNetworkInterfacePermission(b -> b.networkInterfacePermissionId(id).force(false))
                    .returnValue());
            fails("InvalidNetworkInterfacePermissionID.NotFound", () -> ec2.deleteNetworkInterfacePermission(b -> b
                    .networkInterfacePermissionId(id)));
            fails("MissingParameter", () -> ec2.deleteNetworkInterfacePermission(b -> b.force(true)));
            assertEquals(5, ec2.describeNetworkInterfacePermissions(b -> { }).networkInterfacePermissions().size());
            // The permissions of a deleted interface go with it.
            ec2.deleteNetworkInterface(b -> b.networkInterfaceId(eni2));
            assertEquals(List.of(eip), ec2.describeNetworkInterfacePermissions(b -> { }).networkInterfacePermissions().stream()
                    .map(NetworkInterfacePermission::networkInterfacePermissionId).toList());
        }

    }

    @Test
    void fiftyAtATimeByDefault() {
        try (Ec2Client ec2 = ec2()) {
            String eni = eni(ec2);
            for (int i = 0; i < 52; i++) {
                String account = String.valueOf(300000000000L + i);
                ec2.createNetworkInterfacePermission(b -> b.networkInterfaceId(eni).awsAccountId(account)
                        .permission("EIP-ASSOCIATE"));
            }
            var first = ec2.describeNetworkInterfacePermissions(b -> { });
            assertEquals(50, first.networkInterfacePermissions().size());
            var rest = ec2.describeNetworkInterfacePermissions(b -> b.nextToken(first.nextToken()));
            assertEquals(2, rest.networkInterfacePermissions().size());
            assertNull(rest.nextToken());
        }
    }
}
