package io.gureum.ec2.types;

import io.gureum.core.topology.AvailabilityZone;
import java.util.List;
import java.util.Set;

/**
 * Where each instance type is offered. AWS publishes no per-zone catalogue, so this is DERIVED, the same
 * way on every run: every type is offered in every region of the topology; general purpose, compute and
 * memory optimised families of the current generation (a, c, m, r, t and their variants) in every zone;
 * every other type (accelerated, storage optimised, high memory, bare metal, previous generation) in
 * every zone but about one in three, chosen by a hash of family and zone ID, and always in the region's
 * first zone. So a plausible answer to "which zones of this region have p4d?" differs between zones, as in
 * AWS, while DescribeInstanceTypeOfferings with LocationType=region lists every type.
 */
public final class Offerings {
    private static final Set<Character> EVERYWHERE = Set.of('a', 'c', 'm', 'r', 't');

    private Offerings() {
    }

    /** Whether {@code type} is offered in {@code zone}, one of {@code regionZones} (in the topology's order). */
    public static boolean offered(InstanceTypeCatalogue catalogue, String type, AvailabilityZone zone,
            List<AvailabilityZone> regionZones) {
        CatalogueRow row = catalogue.row(type);
        if (row == null) {
            return false;
        }
        String family = row.family();
        boolean everywhere = EVERYWHERE.contains(family.charAt(0)) && !row.bareMetal()
                && !InstanceTypeInfos.PREVIOUS_GENERATION.contains(family);
        if (everywhere || regionZones.isEmpty() || regionZones.get(0).equals(zone)) {
            return true;
        }
        return Math.floorMod((family + "/" + zone.zoneId()).hashCode(), 3) != 0;
    }
}
