package io.gureum.cloudformation.resource.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** AWS::EC2::CarrierGateway, NetworkInterfacePermission and SecurityGroupVpcAssociation through the SPI. */
class EdgeAndSharingHandlersIT extends HandlerTestSupport {
    /** Moves the core clock while a handler waits for states that settle on it (2 s each), rather than waiting. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final io.gureum.cloudformation.resource.ClockTicker ticker = new io.gureum.cloudformation.resource.ClockTicker(
            () -> gureum);

    Ec2Client ec2() {
        return client(Ec2Client.class);
    }

    @Test
    void carrierGateway() {
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.0.0.0/16'}"));
        Deployed g = create(new CarrierGatewayHandler(), "Cagw", props("{'VpcId':'" + vpc.id()
                + "','Tags':[{'Key':'Name','Value':'edge'}]}"));
        assertTrue(g.id().startsWith("cagw-"), g.id());
        assertEquals(g.id(), g.att("CarrierGatewayId"));
        assertEquals(account, g.att("OwnerId"));
        assertEquals("available", g.att("State"));
        assertTrue(replaces(g, props("{'VpcId':'vpc-0123456789abcdef0'}")));
        assertFalse(replaces(g, props("{'VpcId':'" + vpc.id() + "','Tags':[{'Key':'Name','Value':'other'}]}")));
        Deployed renamed = update(g, props("{'VpcId':'" + vpc.id() + "','Tags':[{'Key':'Name','Value':'other'}]}"));
        assertTrue(ec2().describeCarrierGateways(b -> b.carrierGatewayIds(g.id())).carrierGateways().get(0).tags()
                .stream().anyMatch(t -> t.key().equals("Name") && t.value().equals("other")));
        assertEquals(vpc.id(), read(renamed).get("VpcId").asText());
        delete(renamed);
        assertEquals("deleted", ec2().describeCarrierGateways(b -> b.carrierGatewayIds(g.id())).carrierGateways()
                .get(0).stateAsString());
        assertNull(read(renamed));
        delete(renamed); // already gone: still deleted
        delete(vpc);
    }

    @Test
    void permissionAndAssociation() {
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.0.0.0/16'}"));
        Deployed other = create(new VpcHandler(), "Other", props("{'CidrBlock':'10.1.0.0/16'}"));
        Deployed subnet = create(new SubnetHandler(), "Subnet", props("{'VpcId':'" + vpc.id()
                + "','CidrBlock':'10.0.1.0/24'}"));
        Deployed eni = create(new NetworkInterfaceHandler(), "Eni", props("{'SubnetId':'" + subnet.id() + "'}"));
        Deployed p = create(new NetworkInterfacePermissionHandler(), "Perm", props("{'NetworkInterfaceId':'"
                + eni.id() + "','AwsAccountId':'210987654321','Permission':'EIP-ASSOCIATE'}"));
        assertTrue(p.id().startsWith("eni-perm-"), p.id());
        assertEquals(p.id(), p.att("Id"));
        assertEquals("granted", ec2().describeNetworkInterfacePermissions(b -> b.networkInterfacePermissionIds(p.id()))
                .networkInterfacePermissions().get(0).permissionState().stateAsString());
        assertTrue(replaces(p, props("{'NetworkInterfaceId':'" + eni.id()
                + "','AwsAccountId':'210987654321','Permission':'INSTANCE-ATTACH'}")));
        delete(p);
        assertEquals("InvalidNetworkInterfacePermissionID.NotFound", assertThrows(AwsServiceException.class,
                () -> ec2().describeNetworkInterfacePermissions(b -> b.networkInterfacePermissionIds(p.id())))
                .awsErrorDetails().errorCode());
        delete(p);

        Deployed sg = create(new SecurityGroupHandler(), "Sg", props("{'GroupDescription':'shared','VpcId':'"
                + vpc.id() + "'}"));
        Deployed a = create(new SecurityGroupVpcAssociationHandler(), "Assoc", props("{'GroupId':'" + sg.id()
                + "','VpcId':'" + other.id() + "'}"));
        assertEquals(sg.id() + "|" + other.id(), a.id());
        assertEquals("associated", a.att("State"));
        assertEquals(account, a.att("VpcOwnerId"));
        assertTrue(replaces(a, props("{'GroupId':'" + sg.id() + "','VpcId':'" + vpc.id() + "'}")));
        delete(a);
        assertTrue(ec2().describeSecurityGroupVpcAssociations(b -> b.filters(Ec2Support.filter("group-id", sg.id())))
                .securityGroupVpcAssociations().isEmpty());
        delete(a);
        for (Deployed d : java.util.List.of(sg, eni, subnet, other, vpc)) {
            delete(d);
        }
    }
}
