package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.VpcEncryptionControl;

/** VPC Encryption Controls after a restart on --data-dir. */
class VpcEncryptionControlsRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), "123456789012", "ap-northeast-2");
    }

    @Test
    void controlsSurviveARestart() {
        String vpc;
        String id;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            vpc = ec2.createVpc(b -> b.cidrBlock("10.73.0.0/16")).vpc().vpcId();
            id = ec2.createVpcEncryptionControl(b -> b.vpcId(vpc).tagSpecifications(t -> t
                    .resourceType("vpc-encryption-control").tags(x -> x.key("k").value("v")))).vpcEncryptionControl()
                    .vpcEncryptionControlId();
            g.context().clock().advance(Duration.ofSeconds(3));
            ec2.modifyVpcEncryptionControl(b -> b.vpcEncryptionControlId(id).mode("enforce")
                    .natGatewayExclusion("enable"));
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            g.context().clock().advance(Duration.ofSeconds(3));
            VpcEncryptionControl c = ec2.describeVpcEncryptionControls(b -> b.vpcEncryptionControlIds(id))
                    .vpcEncryptionControls().get(0);
            assertEquals("enforce", c.modeAsString());
            assertEquals("available", c.stateAsString());
            assertEquals("enabled", c.resourceExclusions().natGateway().stateAsString());
            assertEquals("v", c.tags().get(0).value());
            assertEquals(vpc, c.vpcId());
        }
    }
}
