package io.gureum.ec2;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.topology.AvailabilityZone;
import io.gureum.core.topology.Topology;
import io.gureum.ec2.types.InstanceTypeCatalogue;
import io.gureum.ec2.types.InstanceTypeFilters;
import io.gureum.ec2.types.Offerings;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;

/**
 * DescribeInstanceTypes and DescribeInstanceTypeOfferings over the real instance type catalogue
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypes.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html).
 * Reference data only: no state, so no lock.
 */
public final class InstanceTypes {
    private static final Set<String> LOCATION_TYPES = Set.of("region", "availability-zone", "availability-zone-id",
            "outpost");

    private final Topology topology;
    private final InstanceTypeCatalogue catalogue = InstanceTypeCatalogue.standard();
    private final Ec2Filters<InstanceTypeInfo> typeFilters = InstanceTypeFilters.describeInstanceTypes();
    private final Ec2Filters<InstanceTypeOffering> offeringFilters = new Ec2Filters<InstanceTypeOffering>()
            .on("instance-type", InstanceTypeOffering::instanceTypeAsString)
            .on("location", InstanceTypeOffering::location);

    InstanceTypes(Topology topology) {
        this.topology = topology;
    }

    public DescribeInstanceTypesResponse describeInstanceTypes(DescribeInstanceTypesRequest r) {
        List<InstanceTypeInfo> found;
        if (r.hasInstanceTypes() && !r.instanceTypesAsStrings().isEmpty()) {
            Set<String> unknown = new LinkedHashSet<>();
            found = new ArrayList<>();
            for (String name : new LinkedHashSet<>(r.instanceTypesAsStrings())) {
                InstanceTypeInfo info = catalogue.info(name);
                if (info == null) {
                    unknown.add(name);
                } else {
                    found.add(info);
                }
            }
            if (!unknown.isEmpty()) {
                throw Ec2Error.INVALID_INSTANCE_TYPE.of(String.join(", ", unknown));
            }
        } else {
            found = catalogue.all();
        }
        var matching = found.stream().filter(typeFilters.predicate(r.filters())).toList();
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 5, 100);
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeInstanceTypesResponse.builder().instanceTypes(page.items()).nextToken(page.nextToken()).build();
    }

    public DescribeInstanceTypeOfferingsResponse describeInstanceTypeOfferings(DescribeInstanceTypeOfferingsRequest r) {
        String locationType = r.locationTypeAsString() == null ? "region" : r.locationTypeAsString();
        if (!LOCATION_TYPES.contains(locationType)) {
            throw Ec2Errors.invalidValue(locationType, "LocationType",
                    "Valid values are: region, availability-zone, availability-zone-id, outpost.");
        }
        String region = RequestContext.current().region();
        List<AvailabilityZone> zones = topology.region(region).map(x -> x.zones()).orElse(List.of());
        var predicate = offeringFilters.predicate(r.filters());
        List<InstanceTypeOffering> offerings = new ArrayList<>();
        for (String type : catalogue.names()) {
            switch (locationType) {
                case "region" -> add(offerings, predicate, type, locationType, region);
                case "availability-zone", "availability-zone-id" -> {
                    for (AvailabilityZone zone : zones) {
                        if (Offerings.offered(catalogue, type, zone, zones)) {
                            add(offerings, predicate, type, locationType,
                                    locationType.equals("availability-zone") ? zone.zoneName() : zone.zoneId());
                        }
                    }
                }
                default -> {
                    // No Outposts are emulated: an outpost location lists nothing.
                }
            }
        }
        var page = Pagination.page(offerings, r.maxResults(), r.nextToken(), 5, 1000);
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeInstanceTypeOfferingsResponse.builder().instanceTypeOfferings(page.items())
                .nextToken(page.nextToken()).build();
    }

    private static void add(List<InstanceTypeOffering> out, java.util.function.Predicate<InstanceTypeOffering> predicate,
            String type, String locationType, String location) {
        InstanceTypeOffering o = InstanceTypeOffering.builder().instanceType(type).locationType(locationType)
                .location(location).build();
        if (predicate.test(o)) {
            out.add(o);
        }
    }
}
