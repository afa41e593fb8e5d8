package io.gureum.ssm;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.topology.Partition;
import io.gureum.core.topology.Region;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The read-only public parameters under {@code /aws/service/} of the caller's region
 * (parameter-store-public-parameters.html): the global infrastructure (regions of the caller's
 * partition from core's topology, and the services this server serves) and the AMI parameters of
 * {@link PublicAmis}, resolved through EC2 when read. Their ARNs have no account:
 * {@code arn:aws:ssm:us-east-1::parameter/aws/service/…}.
 */
final class PublicParameters {
    static final String ROOT = "/aws/service";
    private static final String INFRA = ROOT + "/global-infrastructure";
    /** When AWS began publishing the global infrastructure parameters (2019-04); their version is 1 here. */
    private static final Instant PUBLISHED = Instant.parse("2019-04-24T00:00:00Z");

    private final ServiceContext context;
    private final Images images;

    PublicParameters(ServiceContext context, Images images) {
        this.context = context;
        this.images = images;
    }

    /** Whether {@code name} is in AWS's public namespace (never writable). */
    static boolean isPublic(String name) {
        return name.equals(ROOT) || name.startsWith(ROOT + "/");
    }

    static Arn arn(String region, String name) {
        return Arn.of("ssm", region, "", "parameter" + name);
    }

    Optional<ParameterVersion> get(String name) {
        Supplier<Optional<ParameterVersion>> entry = catalogue().get(name);
        return entry == null ? Optional.empty() : entry.get();
    }

    /** The parameters directly under {@code path} (or at any depth), in name order. */
    List<Map.Entry<String, ParameterVersion>> under(String path, boolean recursive) {
        String prefix = path.endsWith("/") ? path : path + "/";
        List<Map.Entry<String, ParameterVersion>> out = new ArrayList<>();
        catalogue().tailMap(prefix).forEach((name, value) -> {
            if (name.startsWith(prefix) && (recursive || name.indexOf('/', prefix.length()) < 0)) {
                value.get().ifPresent(v -> out.add(Map.entry(name, v)));
            }
        });
        return out;
    }

    private TreeMap<String, Supplier<Optional<ParameterVersion>>> catalogue() {
        String region = RequestContext.current().region();
        Partition partition = context.topology().partitionOf(region);
        TreeMap<String, Supplier<Optional<ParameterVersion>>> m = new TreeMap<>();
        List<Region> regions = context.topology().regions().stream()
                .filter(r -> r.partition().id().equals(partition.id())).toList();
        Map<String, String> services = PublicServices.served(context.clients());
        for (Region r : regions) {
            String base = INFRA + "/regions/" + r.name();
            put(m, base, r.name());
            put(m, base + "/longName", r.description());
            put(m, base + "/partition", partition.id());
            put(m, base + "/domain", partition.dnsSuffix());
            services.keySet().forEach(s -> put(m, base + "/services/" + s, s));
        }
        services.forEach((code, longName) -> {
            String base = INFRA + "/services/" + code;
            put(m, base, code);
            put(m, base + "/longName", longName);
            regions.forEach(r -> put(m, base + "/regions/" + r.name(), r.name()));
        });
        PublicAmis.ALL.forEach((name, source) -> m.put(name, () -> images.newest(source.owner(), source.namePattern())
                .map(i -> version(i.imageId(), created(i.creationDate())))));
        return m;
    }

    private static void put(Map<String, Supplier<Optional<ParameterVersion>>> m, String name, String value) {
        Optional<ParameterVersion> v = Optional.of(version(value, PUBLISHED));
        m.put(name, () -> v);
    }

    private static ParameterVersion version(String value, Instant modified) {
        return new ParameterVersion(1, "String", value, null, null, null, Tiers.STANDARD, "text", List.of(), modified,
                null);
    }

    private static Instant created(String creationDate) {
        try {
            return creationDate == null ? PUBLISHED : Instant.parse(creationDate);
        } catch (DateTimeParseException e) {
            return PUBLISHED;
        }
    }
}
