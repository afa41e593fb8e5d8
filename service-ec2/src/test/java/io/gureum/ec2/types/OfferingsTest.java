package io.gureum.ec2.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.topology.AvailabilityZone;
import io.gureum.core.topology.Region;
import io.gureum.core.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferingsTest {
    private final InstanceTypeCatalogue catalogue = InstanceTypeCatalogue.standard();

    @Test
    void everyTypeIsOfferedInSomeZoneOfEveryRegionAndTheGeneralOnesInAll() {
        for (Region region : Topology.standard().regions()) {
            List<AvailabilityZone> zones = region.zones();
            if (zones.isEmpty()) {
                continue;
            }
            for (String type : catalogue.names()) {
                assertTrue(zones.stream().anyMatch(z -> Offerings.offered(catalogue, type, z, zones)),
                        type + " in " + region.name());
            }
            assertTrue(zones.stream().allMatch(z -> Offerings.offered(catalogue, "m7g.large", z, zones)));
        }
    }

    @Test
    void theDerivationIsTheSameOnEveryRun() {
        Region seoul = Topology.standard().region("ap-northeast-2").orElseThrow();
        List<AvailabilityZone> zones = seoul.zones();
        for (String type : List.of("p4d.24xlarge", "i4i.large", "u-6tb1.metal", "g5.xlarge")) {
            for (AvailabilityZone z : zones) {
                assertEquals(Offerings.offered(catalogue, type, z, zones), Offerings.offered(catalogue, type, z, zones));
            }
        }
        assertTrue(catalogue.names().size() > 1000);
        assertTrue(!Offerings.offered(catalogue, "no.such", zones.get(0), zones));
    }
}
