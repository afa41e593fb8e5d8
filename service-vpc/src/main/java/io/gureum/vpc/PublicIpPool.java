package io.gureum.vpc;

import io.gureum.vpc.net.Cidr;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Public IPv4 addresses for Elastic IPs and NAT gateways, unique per region across accounts, drawn
 * from ranges Amazon publishes for the region (ip-ranges.json) so they look like the real thing.
 */
final class PublicIpPool {
    private static final Map<String, List<String>> RANGES = Map.of(
            "ap-northeast-2", List.of("3.34.0.0/15", "13.124.0.0/16", "52.78.0.0/16", "54.180.0.0/15"),
            "us-east-1", List.of("3.208.0.0/12", "54.144.0.0/14", "34.192.0.0/12"),
            "us-west-2", List.of("34.208.0.0/12", "54.184.0.0/13"),
            "eu-west-1", List.of("34.240.0.0/13", "52.208.0.0/13"),
            "ap-northeast-1", List.of("3.112.0.0/14", "54.248.0.0/15"));
    private static final List<String> OTHER = List.of("18.128.0.0/9");

    private final Map<String, Set<Long>> taken = new ConcurrentHashMap<>();

    String allocate(String region) {
        List<Cidr> ranges = RANGES.getOrDefault(region, OTHER).stream().map(Cidr::parse).toList();
        Set<Long> used = taken.computeIfAbsent(region, r -> new HashSet<>());
        synchronized (used) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (true) {
                Cidr range = ranges.get(random.nextInt(ranges.size()));
                long a = range.address(1 + random.nextLong(range.size() - 2));
                if ((a & 255) != 0 && (a & 255) != 255 && used.add(a)) {
                    return Cidr.formatAddress(a);
                }
            }
        }
    }

    /** Marks an address restored from the records as taken (null: none). */
    void take(String region, String ip) {
        if (ip == null) {
            return;
        }
        Set<Long> used = taken.computeIfAbsent(region, r -> new HashSet<>());
        synchronized (used) {
            used.add(Cidr.parseAddress(ip));
        }
    }

    void release(String region, String ip) {
        Set<Long> used = taken.get(region);
        if (used != null) {
            synchronized (used) {
                used.remove(Cidr.parseAddress(ip));
            }
        }
    }
}
