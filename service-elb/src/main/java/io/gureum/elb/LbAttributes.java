package io.gureum.elb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Load balancer attributes: the documented keys of each type with their defaults and value rules
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html).
 */
final class LbAttributes {
    private LbAttributes() {
    }

    static Map<String, String> defaults(String type) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("deletion_protection.enabled", "false");
        switch (type) {
            case "application" -> {
                m.put("access_logs.s3.enabled", "false");
                m.put("access_logs.s3.bucket", "");
                m.put("access_logs.s3.prefix", "");
                m.put("connection_logs.s3.enabled", "false");
                m.put("connection_logs.s3.bucket", "");
                m.put("connection_logs.s3.prefix", "");
                m.put("health_check_logs.s3.enabled", "false");
                m.put("health_check_logs.s3.bucket", "");
                m.put("health_check_logs.s3.prefix", "");
                m.put("client_keep_alive.seconds", "3600");
                m.put("idle_timeout.timeout_seconds", "60");
                m.put("load_balancing.cross_zone.enabled", "true");
                m.put("routing.http.desync_mitigation_mode", "defensive");
                m.put("routing.http.drop_invalid_header_fields.enabled", "false");
                m.put("routing.http.preserve_host_header.enabled", "false");
                m.put("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false");
                m.put("routing.http.xff_client_port.enabled", "false");
                m.put("routing.http.xff_header_processing.mode", "append");
                m.put("routing.http2.enabled", "true");
                m.put("waf.fail_open.enabled", "false");
                m.put("zonal_shift.config.enabled", "false");
            }
            case "network" -> {
                m.put("access_logs.s3.enabled", "false");
                m.put("access_logs.s3.bucket", "");
                m.put("access_logs.s3.prefix", "");
                m.put("ipv6.deny_all_igw_traffic", "false");
                m.put("load_balancing.cross_zone.enabled", "false");
                m.put("dns_record.client_routing_policy", "any_availability_zone");
                m.put("secondary_ips.auto_assigned.per_subnet", "0");
                m.put("zonal_shift.config.enabled", "false");
            }
            default -> m.put("load_balancing.cross_zone.enabled", "false");
        }
        return m;
    }

    private static final Set<String> BOOLEAN_SUFFIX = Set.of("enabled", "deny_all_igw_traffic");

    /** Checks one new value against the key's rule; {@code ValidationError} in AWS's words otherwise. */
    static void check(String type, String key, String value, Map<String, String> current) {
        if (!current.containsKey(key)) {
            throw ElbErrors.validation("Load balancer attribute key '" + key + "' is not recognized");
        }
        String last = key.substring(key.lastIndexOf('.') + 1);
        if (BOOLEAN_SUFFIX.contains(last) && !value.equals("true") && !value.equals("false")) {
            throw invalid(key, value);
        }
        switch (key) {
            case "idle_timeout.timeout_seconds" -> range(key, value, 1, 4000);
            case "client_keep_alive.seconds" -> range(key, value, 60, 604800);
            case "secondary_ips.auto_assigned.per_subnet" -> range(key, value, 0, 7);
            case "routing.http.desync_mitigation_mode" -> oneOf(key, value, "monitor", "defensive", "strictest");
            case "routing.http.xff_header_processing.mode" -> oneOf(key, value, "append", "preserve", "remove");
            case "dns_record.client_routing_policy" -> oneOf(key, value, "availability_zone_affinity",
                    "partial_availability_zone_affinity", "any_availability_zone");
            default -> {
            }
        }
    }

    /** After all new values are in: a log that is enabled needs a bucket. */
    static void checkLogs(Map<String, String> attrs) {
        for (String log : new String[] {"access_logs", "connection_logs", "health_check_logs"}) {
            if ("true".equals(attrs.get(log + ".s3.enabled")) && attrs.getOrDefault(log + ".s3.bucket", "").isEmpty()) {
                throw ElbErrors.validation("The value of '" + log + ".s3.bucket' cannot be empty when '" + log
                        + ".s3.enabled' is 'true'");
            }
        }
    }

    private static void range(String key, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) {
                return;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ElbErrors.validation("The value of '" + key + "' must be between " + min + " and " + max);
    }

    private static void oneOf(String key, String value, String... allowed) {
        if (!Set.of(allowed).contains(value)) {
            throw invalid(key, value);
        }
    }

    private static RuntimeException invalid(String key, String value) {
        return ElbErrors.validation("'" + value + "' is not a valid value for load balancer attribute '" + key + "'");
    }
}
