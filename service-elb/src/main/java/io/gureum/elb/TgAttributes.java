package io.gureum.elb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Target group attributes: the documented keys for each kind of target group with their defaults and value
 * rules (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroupAttribute.html).
 */
final class TgAttributes {
    private TgAttributes() {
    }

    static Map<String, String> defaults(StoredTargetGroup tg) {
        Map<String, String> m = new LinkedHashMap<>();
        if (tg.targetType.equals("lambda")) {
            m.put("lambda.multi_value_headers.enabled", "false");
            return m;
        }
        m.put("deregistration_delay.timeout_seconds", "300");
        m.put("stickiness.enabled", "false");
        String p = tg.protocol;
        if (p.equals("HTTP") || p.equals("HTTPS")) {
            m.put("stickiness.type", "lb_cookie");
            m.put("stickiness.lb_cookie.duration_seconds", "86400");
            m.put("stickiness.app_cookie.cookie_name", "");
            m.put("stickiness.app_cookie.duration_seconds", "86400");
            m.put("load_balancing.algorithm.type", "round_robin");
            m.put("load_balancing.algorithm.anomaly_mitigation", "off");
            m.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
            m.put("slow_start.duration_seconds", "0");
        } else if (p.equals("GENEVE")) {
            m.put("stickiness.type", "source_ip_dest_ip_proto");
            m.put("target_failover.on_deregistration", "no_rebalance");
            m.put("target_failover.on_unhealthy", "no_rebalance");
        } else {
            m.put("stickiness.type", "source_ip");
            m.put("deregistration_delay.connection_termination.enabled", "false");
            // On by default for instance targets, and for IP targets of UDP and TCP_UDP target groups.
            boolean preserve = tg.targetType.equals("instance") || p.equals("UDP") || p.equals("TCP_UDP");
            m.put("preserve_client_ip.enabled", String.valueOf(preserve));
            m.put("proxy_protocol_v2.enabled", "false");
            m.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
            m.put("target_health_state.unhealthy.connection_termination.enabled", "true");
            m.put("target_health_state.unhealthy.draining_interval_seconds", "0");
        }
        m.put("target_group_health.dns_failover.minimum_healthy_targets.count", "1");
        m.put("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off");
        m.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1");
        m.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off");
        return m;
    }

    static void check(StoredTargetGroup tg, String key, String value) {
        if (!tg.attributes.containsKey(key)) {
            throw ElbErrors.validation("Target group attribute key '" + key + "' is not recognized");
        }
        if (key.endsWith(".enabled") && !key.equals("load_balancing.cross_zone.enabled")
                && !value.equals("true") && !value.equals("false")) {
            throw invalid(key, value);
        }
        switch (key) {
            case "deregistration_delay.timeout_seconds" -> range(key, value, 0, 3600);
            case "stickiness.lb_cookie.duration_seconds", "stickiness.app_cookie.duration_seconds" ->
                    range(key, value, 1, 604800);
            case "slow_start.duration_seconds" -> {
                if (!value.equals("0")) {
                    range(key, value, 30, 900);
                }
            }
            case "target_health_state.unhealthy.draining_interval_seconds" -> range(key, value, 0, 360000);
            case "load_balancing.algorithm.type" -> oneOf(key, value, "round_robin", "least_outstanding_requests",
                    "weighted_random");
            case "load_balancing.algorithm.anomaly_mitigation" -> oneOf(key, value, "on", "off");
            case "load_balancing.cross_zone.enabled" -> oneOf(key, value, "true", "false",
                    "use_load_balancer_configuration");
            case "stickiness.type" -> {
                if (tg.protocol.equals("HTTP") || tg.protocol.equals("HTTPS")) {
                    oneOf(key, value, "lb_cookie", "app_cookie");
                } else if (tg.protocol.equals("GENEVE")) {
                    oneOf(key, value, "source_ip_dest_ip", "source_ip_dest_ip_proto");
                } else {
                    oneOf(key, value, "source_ip");
                }
            }
            case "target_failover.on_deregistration", "target_failover.on_unhealthy" -> oneOf(key, value,
                    "rebalance", "no_rebalance");
            case "target_group_health.dns_failover.minimum_healthy_targets.count",
                    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count" -> {
                if (!value.equals("off")) {
                    range(key, value, 1, 1000);
                }
            }
            case "target_group_health.dns_failover.minimum_healthy_targets.percentage",
                    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage" -> {
                if (!value.equals("off")) {
                    range(key, value, 1, 100);
                }
            }
            default -> {
            }
        }
    }

    /** After all new values are in: app_cookie stickiness needs a cookie name. */
    static void checkAll(Map<String, String> attrs) {
        if ("app_cookie".equals(attrs.get("stickiness.type")) && "true".equals(attrs.get("stickiness.enabled"))
                && attrs.getOrDefault("stickiness.app_cookie.cookie_name", "").isEmpty()) {
            throw ElbErrors.validation("The value of 'stickiness.app_cookie.cookie_name' cannot be empty when "
                    + "'stickiness.type' is 'app_cookie'");
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
        return ElbErrors.validation("'" + value + "' is not a valid value for target group attribute '" + key + "'");
    }
}
