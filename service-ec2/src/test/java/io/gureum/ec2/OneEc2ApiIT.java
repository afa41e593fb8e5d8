package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** service-vpc and service-ec2 answer one EC2 API: one endpoint, one client, operations of both modules. */
class OneEc2ApiIT extends Ec2ApiTestBase {

    @Test
    void oneClientReachesTheOperationsOfBothModules() {
        try (Ec2Client ec2 = ec2()) {
            // service-vpc's share: the default VPC every account has
            assertEquals(1, ec2.describeVpcs(b -> b.filters(f -> f.name("is-default").values("true"))).vpcs().size());
            // service-ec2's share
            assertEquals("t3.micro", ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings("t3.micro"))
                    .instanceTypes().get(0).instanceTypeAsString());
            // the Availability Zones service-vpc describes are the ones service-ec2 offers types in
            var zones = ec2.describeAvailabilityZones().availabilityZones();
            assertFalse(zones.isEmpty());
            for (var zone : zones) {
                assertEquals(1, ec2.describeInstanceTypeOfferings(b -> b.locationType("availability-zone")
                        .filters(f -> f.name("location").values(zone.zoneName()),
                                f -> f.name("instance-type").values("t3.micro"))).instanceTypeOfferings().size(),
                        zone.zoneName());
            }
        }
    }

    @Test
    void anOperationNeitherModuleBindsAnswers501() {
        try (Ec2Client ec2 = ec2()) {
            // Host reservations (purchased Dedicated Host pricing) are served by neither module.
            String message = fails("NotImplemented", 501, () -> ec2.describeHostReservations(b -> { }));
            assertTrue(message.contains("DescribeHostReservations"), message);
        }
    }
}
