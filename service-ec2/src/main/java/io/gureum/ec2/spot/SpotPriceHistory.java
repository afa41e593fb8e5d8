package io.gureum.ec2.spot;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.topology.AvailabilityZone;
import io.gureum.ec2.types.InstanceTypeCatalogue;
import io.gureum.ec2.types.Offerings;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

/**
 * DescribeSpotPriceHistory (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSpotPriceHistory.html)
 * over {@link SpotPrices}: the price changes between StartTime and EndTime, plus the change in effect at
 * StartTime, newest first. Without StartTime the answer is the prices in effect at EndTime (or now): the
 * current price of each type, zone and product. The history is computed page by page, never held whole.
 */
public final class SpotPriceHistory {
    private static final Set<String> PRODUCTS = Set.of("Linux/UNIX", "Linux/UNIX (Amazon VPC)", "SUSE Linux",
            "SUSE Linux (Amazon VPC)", "Red Hat Enterprise Linux", "Red Hat Enterprise Linux (Amazon VPC)", "Windows",
            "Windows (Amazon VPC)");

    private final ServiceContext context;
    private final InstanceTypeCatalogue catalogue = InstanceTypeCatalogue.standard();
    private final Ec2Filters<SpotPrice> filters = new Ec2Filters<SpotPrice>()
            .on("availability-zone", SpotPrice::availabilityZone)
            .on("instance-type", SpotPrice::instanceTypeAsString)
            .on("product-description", SpotPrice::productDescriptionAsString)
            .on("spot-price", SpotPrice::spotPrice)
            .on("timestamp", p -> p.timestamp().toString());

    public SpotPriceHistory(ServiceContext context) {
        this.context = context;
    }

    /** One type in one zone for one product: a row of the history at each price change. */
    private record Series(InstanceTypeInfo type, AvailabilityZone zone, String product) {
    }

    public DescribeSpotPriceHistoryResponse describeSpotPriceHistory(DescribeSpotPriceHistoryRequest r) {
        Instant now = context.clock().now();
        Instant end = r.endTime() == null || r.endTime().isAfter(now) ? now : r.endTime();
        Instant start = r.startTime() == null ? end : r.startTime();
        if (start.isAfter(end)) {
            throw Ec2Errors.invalidParameterValue("The start time must be before the end time.");
        }
        List<Series> series = series(r);
        List<Instant> changes = new ArrayList<>();
        for (Instant t = SpotPrices.periodStart(end); !t.isBefore(SpotPrices.periodStart(start));
                t = t.minus(SpotPrices.PERIOD)) {
            changes.add(t);
        }
        List<SpotPrice> history = new AbstractList<>() {
            @Override
            public SpotPrice get(int i) {
                Series s = series.get(i % series.size());
                Instant at = changes.get(i / series.size());
                return SpotPrice.builder().availabilityZone(s.zone().zoneName()).availabilityZoneId(s.zone().zoneId())
                        .instanceType(s.type().instanceTypeAsString()).productDescription(s.product())
                        .spotPrice(SpotPrices.price(s.type(), s.zone().zoneName(), s.product(), at).toPlainString())
                        .timestamp(at).build();
            }

            @Override
            public int size() {
                return (int) Math.min(Integer.MAX_VALUE, (long) series.size() * changes.size());
            }
        };
        List<SpotPrice> matching = r.hasFilters() && !r.filters().isEmpty()
                ? history.stream().filter(filters.predicate(r.filters())).toList() : history;
        var page = Pagination.page(matching, r.maxResults(), r.nextToken(), 5, 1000);
        Ec2Errors.checkDryRun(r.dryRun());
        return DescribeSpotPriceHistoryResponse.builder().spotPriceHistory(page.items()).nextToken(page.nextToken())
                .build();
    }

    private List<Series> series(DescribeSpotPriceHistoryRequest r) {
        List<AvailabilityZone> all = context.topology().region(RequestContext.current().region())
                .map(x -> x.zones()).orElse(List.of());
        List<AvailabilityZone> zones = all.stream().filter(z -> (r.availabilityZone() == null
                || z.zoneName().equals(r.availabilityZone())) && (r.availabilityZoneId() == null
                || z.zoneId().equals(r.availabilityZoneId()))).toList();
        if (zones.isEmpty()) {
            throw Ec2Errors.invalidParameterValue("Invalid availability zone: ["
                    + (r.availabilityZone() != null ? r.availabilityZone() : r.availabilityZoneId()) + "]");
        }
        List<InstanceTypeInfo> types = new ArrayList<>();
        if (r.hasInstanceTypes() && !r.instanceTypesAsStrings().isEmpty()) {
            Set<String> unknown = new LinkedHashSet<>();
            for (String name : new LinkedHashSet<>(r.instanceTypesAsStrings())) {
                InstanceTypeInfo info = catalogue.info(name);
                if (info == null) {
                    unknown.add(name);
                } else {
                    types.add(info);
                }
            }
            if (!unknown.isEmpty()) {
                throw Ec2Error.INVALID_INSTANCE_TYPE.of(String.join(", ", unknown));
            }
        } else {
            types.addAll(catalogue.all());
        }
        List<String> products = r.hasProductDescriptions() && !r.productDescriptions().isEmpty()
                ? List.copyOf(new LinkedHashSet<>(r.productDescriptions())) : SpotPrices.DEFAULT_PRODUCTS;
        for (String p : products) {
            if (!PRODUCTS.contains(p)) {
                throw Ec2Errors.invalidValue(p, "productDescription", "Valid values are: " + String.join(", ",
                        PRODUCTS.stream().sorted().toList()) + ".");
            }
        }
        List<Series> out = new ArrayList<>();
        for (InstanceTypeInfo type : types) {
            for (AvailabilityZone zone : zones) {
                if (Offerings.offered(catalogue, type.instanceTypeAsString(), zone, all)) {
                    for (String product : products) {
                        out.add(new Series(type, zone, product));
                    }
                }
            }
        }
        return out;
    }
}
