package io.gureum.elb;

import io.gureum.core.ids.Arn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTargetGroupNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyTargetGroupsException;

/**
 * Target groups: CreateTargetGroup with each target type's protocol, port and VPC rules and the health check
 * defaults AWS documents per protocol
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html),
 * DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup ({@code ResourceInUse} while a listener or rule
 * forwards to it) and attributes.
 */
public final class TargetGroups {
    static final int QUOTA = 3000;
    private static final Set<String> ALB_PROTOCOLS = Set.of("HTTP", "HTTPS");
    private static final Set<String> NLB_PROTOCOLS = Set.of("TCP", "TLS", "UDP", "TCP_UDP", "QUIC", "TCP_QUIC");

    private final ElbState state;
    private final Networks networks;

    TargetGroups(ElbState state, Networks networks) {
        this.state = state;
        this.networks = networks;
    }

    public CreateTargetGroupResponse createTargetGroup(CreateTargetGroupRequest r) {
        StoredTargetGroup tg = new StoredTargetGroup();
        tg.name = r.name();
        checkName(tg.name);
        tg.targetType = r.targetTypeAsString() == null ? "instance" : r.targetTypeAsString();
        tg.protocol = r.protocolAsString();
        tg.port = r.port();
        tg.vpcId = r.vpcId();
        if (tg.targetType.equals("lambda")) {
            if (tg.protocol != null || tg.port != null || tg.vpcId != null) {
                throw ElbErrors.validation("A protocol, port and VPC ID cannot be specified for target groups with "
                        + "target type 'lambda'");
            }
        } else {
            if (tg.protocol == null) {
                throw ElbErrors.validation("A protocol must be specified");
            }
            if (tg.port == null) {
                throw ElbErrors.validation("A port must be specified");
            }
            if (tg.vpcId == null) {
                throw ElbErrors.validation("A VPC ID must be specified");
            }
            if (tg.targetType.equals("alb") && !tg.protocol.equals("TCP")) {
                throw ElbErrors.validation("Target groups with target type 'alb' support the 'TCP' protocol only");
            }
            if (tg.protocol.equals("GENEVE") && tg.port != 6081) {
                throw ElbErrors.validation("Port 6081 must be specified for the GENEVE protocol");
            }
        }
        if (r.protocolVersion() != null) {
            if (tg.protocol == null || !ALB_PROTOCOLS.contains(tg.protocol)) {
                throw ElbErrors.validation("A protocol version can only be specified for the HTTP and HTTPS protocols");
            }
            tg.protocolVersion = r.protocolVersion().toUpperCase(java.util.Locale.ROOT);
            if (!Set.of("HTTP1", "HTTP2", "GRPC").contains(tg.protocolVersion)) {
                throw ElbErrors.validation("Protocol version '" + r.protocolVersion() + "' is not supported");
            }
        } else if (tg.protocol != null && ALB_PROTOCOLS.contains(tg.protocol)) {
            tg.protocolVersion = "HTTP1";
        }
        tg.ipAddressType = r.ipAddressTypeAsString() == null ? (tg.targetType.equals("lambda") ? null : "ipv4")
                : r.ipAddressTypeAsString();
        if ("ipv6".equals(tg.ipAddressType) && !tg.targetType.equals("ip")) {
            throw ElbErrors.validation("The IP address type 'ipv6' is only supported for target type 'ip'");
        }
        healthCheckDefaults(tg);
        applyHealthCheck(tg, r.healthCheckEnabled(), r.healthCheckProtocolAsString(), r.healthCheckPort(),
                r.healthCheckPath(), r.healthCheckIntervalSeconds(), r.healthCheckTimeoutSeconds(),
                r.healthyThresholdCount(), r.unhealthyThresholdCount(),
                r.matcher() == null ? null : r.matcher().httpCode(), r.matcher() == null ? null : r.matcher().grpcCode());
        if (tg.vpcId != null && !networks.vpcExists(tg.vpcId)) {
            throw ElbErrors.validation("The VPC ID '" + tg.vpcId + "' is not found");
        }
        tg.attributes = TgAttributes.defaults(tg);
        Map<String, String> tags = ElbTags.of(r.hasTags() ? r.tags() : List.of());
        return state.write(place -> {
            for (StoredTargetGroup other : place.targetGroups.values()) {
                if (other.name.equals(tg.name)) {
                    if (sameSettings(other, tg)) {
                        return CreateTargetGroupResponse.builder().targetGroups(view(place, other)).build();
                    }
                    throw ElbErrors.of(DuplicateTargetGroupNameException.class,
                            "A target group with the same name '" + tg.name + "' exists, but with different settings");
                }
            }
            if (place.targetGroups.size() >= QUOTA) {
                throw ElbErrors.of(TooManyTargetGroupsException.class,
                        "The maximum number of target groups has been reached");
            }
            tg.arn = Arn.of(ElbTags.SERVICE, place.region, place.account,
                    "targetgroup/" + tg.name + "/" + state.context.ids().hex(16)).toString();
            tg.created = state.context.clock().now();
            place.targetGroups.put(tg.arn, tg);
            ElbTags.register(state.context.registry(), place, tg.arn, tags);
            return CreateTargetGroupResponse.builder().targetGroups(view(place, tg)).build();
        });
    }

    public DescribeTargetGroupsResponse describeTargetGroups(DescribeTargetGroupsRequest r) {
        List<String> arns = r.hasTargetGroupArns() ? r.targetGroupArns() : List.of();
        List<String> names = r.hasNames() ? r.names() : List.of();
        int given = (arns.isEmpty() ? 0 : 1) + (names.isEmpty() ? 0 : 1) + (r.loadBalancerArn() == null ? 0 : 1);
        if (given > 1) {
            throw ElbErrors.validation("Target group names, target group ARNs, and a load balancer ARN cannot be "
                    + "specified at the same time");
        }
        List<TargetGroup> found = state.read(place -> {
            List<TargetGroup> out = new ArrayList<>();
            if (!arns.isEmpty()) {
                for (String arn : arns) {
                    out.add(view(place, find(place, arn)));
                }
            } else if (!names.isEmpty()) {
                for (String name : names) {
                    StoredTargetGroup tg = place.targetGroups.values().stream().filter(x -> x.name.equals(name))
                            .findFirst().orElseThrow(() -> ElbErrors.of(TargetGroupNotFoundException.class,
                                    "Target groups '[" + name + "]' not found"));
                    out.add(view(place, tg));
                }
            } else if (r.loadBalancerArn() != null) {
                LoadBalancers.find(place, r.loadBalancerArn());
                for (StoredTargetGroup tg : place.targetGroups.values()) {
                    if (Usage.loadBalancersOf(place, tg.arn).contains(r.loadBalancerArn())) {
                        out.add(view(place, tg));
                    }
                }
            } else {
                place.targetGroups.values().forEach(tg -> out.add(view(place, tg)));
            }
            return out;
        });
        Pages.Page<TargetGroup> page = Pages.page(found, r.marker(), r.pageSize(), "tg");
        return DescribeTargetGroupsResponse.builder().targetGroups(page.items()).nextMarker(page.nextMarker()).build();
    }

    public ModifyTargetGroupResponse modifyTargetGroup(ModifyTargetGroupRequest r) {
        return state.write(place -> {
            StoredTargetGroup tg = find(place, r.targetGroupArn());
            StoredTargetGroup next = copyHealthCheck(tg);
            applyHealthCheck(next, r.healthCheckEnabled(), r.healthCheckProtocolAsString(), r.healthCheckPort(),
                    r.healthCheckPath(), r.healthCheckIntervalSeconds(), r.healthCheckTimeoutSeconds(),
                    r.healthyThresholdCount(), r.unhealthyThresholdCount(),
                    r.matcher() == null ? null : r.matcher().httpCode(),
                    r.matcher() == null ? null : r.matcher().grpcCode());
            tg.healthCheckEnabled = next.healthCheckEnabled;
            tg.healthCheckProtocol = next.healthCheckProtocol;
            tg.healthCheckPort = next.healthCheckPort;
            tg.healthCheckPath = next.healthCheckPath;
            tg.healthCheckIntervalSeconds = next.healthCheckIntervalSeconds;
            tg.healthCheckTimeoutSeconds = next.healthCheckTimeoutSeconds;
            tg.healthyThresholdCount = next.healthyThresholdCount;
            tg.unhealthyThresholdCount = next.unhealthyThresholdCount;
            tg.matcherHttpCode = next.matcherHttpCode;
            tg.matcherGrpcCode = next.matcherGrpcCode;
            return ModifyTargetGroupResponse.builder().targetGroups(view(place, tg)).build();
        });
    }

    public DeleteTargetGroupResponse deleteTargetGroup(DeleteTargetGroupRequest r) {
        return state.write(place -> {
            StoredTargetGroup tg = place.targetGroups.get(r.targetGroupArn());
            if (tg == null) {
                checkArn(r.targetGroupArn());
                return DeleteTargetGroupResponse.builder().build(); // already gone: succeeds, as on AWS
            }
            if (Usage.inUse(place, tg.arn)) {
                throw ElbErrors.of(ResourceInUseException.class,
                        "Target group '" + tg.arn + "' is currently in use by a listener or a rule");
            }
            place.targetGroups.remove(tg.arn);
            ElbTags.unregister(state.context.registry(), tg.arn);
            return DeleteTargetGroupResponse.builder().build();
        });
    }

    public DescribeTargetGroupAttributesResponse describeTargetGroupAttributes(DescribeTargetGroupAttributesRequest r) {
        return state.read(place -> DescribeTargetGroupAttributesResponse.builder()
                .attributes(attributes(find(place, r.targetGroupArn()).attributes)).build());
    }

    public ModifyTargetGroupAttributesResponse modifyTargetGroupAttributes(ModifyTargetGroupAttributesRequest r) {
        return state.write(place -> {
            StoredTargetGroup tg = find(place, r.targetGroupArn());
            Map<String, String> next = new LinkedHashMap<>(tg.attributes);
            for (TargetGroupAttribute a : r.attributes()) {
                String value = a.value() == null ? "" : a.value();
                TgAttributes.check(tg, a.key(), value);
                next.put(a.key(), value);
            }
            TgAttributes.checkAll(next);
            tg.attributes = next;
            return ModifyTargetGroupAttributesResponse.builder().attributes(attributes(next)).build();
        });
    }

    /** The health check defaults AWS documents for the target group's protocol and target type. */
    private static void healthCheckDefaults(StoredTargetGroup tg) {
        tg.healthCheckPort = "traffic-port";
        tg.healthyThresholdCount = 5;
        tg.unhealthyThresholdCount = 2;
        if (tg.targetType.equals("lambda")) {
            tg.healthCheckEnabled = false;
            tg.healthCheckPath = "/";
            tg.healthCheckIntervalSeconds = 35;
            tg.healthCheckTimeoutSeconds = 30;
            tg.matcherHttpCode = "200";
            tg.healthCheckPort = null;
            return;
        }
        tg.healthCheckEnabled = true;
        if (ALB_PROTOCOLS.contains(tg.protocol)) {
            tg.healthCheckProtocol = tg.protocol;
            tg.healthCheckIntervalSeconds = 30;
            tg.healthCheckTimeoutSeconds = 5;
            if ("GRPC".equals(tg.protocolVersion)) {
                tg.healthCheckPath = "/AWS.ALB/healthcheck";
                tg.matcherGrpcCode = "12";
            } else {
                tg.healthCheckPath = "/";
                tg.matcherHttpCode = "200";
            }
        } else if (tg.protocol.equals("GENEVE")) {
            tg.healthCheckProtocol = "TCP";
            tg.healthCheckPort = "80";
            tg.healthCheckIntervalSeconds = 10;
            tg.healthCheckTimeoutSeconds = 5;
            tg.healthyThresholdCount = 5;
            tg.unhealthyThresholdCount = 2;
        } else {
            tg.healthCheckProtocol = tg.targetType.equals("alb") ? "HTTP" : "TCP";
            tg.healthCheckIntervalSeconds = 30;
            tg.healthCheckTimeoutSeconds = tg.targetType.equals("alb") ? 6 : 10;
            if (tg.targetType.equals("alb")) {
                tg.healthCheckPath = "/";
                tg.matcherHttpCode = "200-399";
            }
        }
    }

    private static void applyHealthCheck(StoredTargetGroup tg, Boolean enabled, String protocol, String port,
            String path, Integer interval, Integer timeout, Integer healthy, Integer unhealthy, String httpCode,
            String grpcCode) {
        if (enabled != null) {
            if (!enabled && !tg.targetType.equals("lambda")) {
                throw ElbErrors.validation("Health checks cannot be disabled for target groups with target type '"
                        + tg.targetType + "'");
            }
            tg.healthCheckEnabled = enabled;
        }
        if (protocol != null) {
            if (protocol.equals("UDP") || protocol.equals("TCP_UDP") || protocol.equals("TLS")
                    || protocol.equals("GENEVE")) {
                throw ElbErrors.validation("Health check protocol '" + protocol + "' is not supported");
            }
            if (tg.protocol != null && ALB_PROTOCOLS.contains(tg.protocol) && protocol.equals("TCP")) {
                throw ElbErrors.validation("Health check protocol 'TCP' is not supported for target groups with the "
                        + tg.protocol + " protocol");
            }
            tg.healthCheckProtocol = protocol;
            if (protocol.startsWith("HTTP") && tg.healthCheckPath == null) {
                tg.healthCheckPath = "/";
                tg.matcherHttpCode = "200-399";
            }
        }
        if (port != null) {
            if (!port.equals("traffic-port")) {
                try {
                    int p = Integer.parseInt(port);
                    if (p < 1 || p > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw ElbErrors.validation("Health check port '" + port + "' must be 'traffic-port' or a number "
                            + "between 1 and 65535");
                }
            }
            tg.healthCheckPort = port;
        }
        if (path != null) {
            if ("TCP".equals(tg.healthCheckProtocol)) {
                throw ElbErrors.validation("A health check path cannot be set for the 'TCP' health check protocol");
            }
            if (!path.startsWith("/")) {
                throw ElbErrors.validation("The health check path must begin with a '/' character");
            }
            tg.healthCheckPath = path;
        }
        if (interval != null) {
            tg.healthCheckIntervalSeconds = interval;
        }
        if (timeout != null) {
            tg.healthCheckTimeoutSeconds = timeout;
        }
        if (healthy != null) {
            tg.healthyThresholdCount = healthy;
        }
        if (unhealthy != null) {
            tg.unhealthyThresholdCount = unhealthy;
        }
        if (httpCode != null) {
            if (!httpCode.matches("\\d{3}(-\\d{3})?(,\\d{3}(-\\d{3})?)*")) {
                throw ElbErrors.validation("Health check matcher HTTP code '" + httpCode + "' must be a code, a list "
                        + "of codes or a range of codes");
            }
            tg.matcherHttpCode = httpCode;
        }
        if (grpcCode != null) {
            tg.matcherGrpcCode = grpcCode;
        }
        if (tg.healthCheckTimeoutSeconds != null && tg.healthCheckIntervalSeconds != null
                && tg.healthCheckTimeoutSeconds >= tg.healthCheckIntervalSeconds) {
            throw ElbErrors.validation("Health check interval must be greater than the timeout.");
        }
    }

    private static StoredTargetGroup copyHealthCheck(StoredTargetGroup tg) {
        StoredTargetGroup c = new StoredTargetGroup();
        c.targetType = tg.targetType;
        c.protocol = tg.protocol;
        c.healthCheckEnabled = tg.healthCheckEnabled;
        c.healthCheckProtocol = tg.healthCheckProtocol;
        c.healthCheckPort = tg.healthCheckPort;
        c.healthCheckPath = tg.healthCheckPath;
        c.healthCheckIntervalSeconds = tg.healthCheckIntervalSeconds;
        c.healthCheckTimeoutSeconds = tg.healthCheckTimeoutSeconds;
        c.healthyThresholdCount = tg.healthyThresholdCount;
        c.unhealthyThresholdCount = tg.unhealthyThresholdCount;
        c.matcherHttpCode = tg.matcherHttpCode;
        c.matcherGrpcCode = tg.matcherGrpcCode;
        return c;
    }

    private static boolean sameSettings(StoredTargetGroup a, StoredTargetGroup b) {
        return Objects.equals(a.targetType, b.targetType) && Objects.equals(a.protocol, b.protocol)
                && Objects.equals(a.port, b.port) && Objects.equals(a.vpcId, b.vpcId);
    }

    private static void checkName(String name) {
        if (name.length() > 32 || !name.matches("[A-Za-z0-9-]+") || name.startsWith("-") || name.endsWith("-")) {
            throw ElbErrors.validation("Target group name '" + name + "' cannot be longer than '32' characters, must "
                    + "contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen");
        }
    }

    static StoredTargetGroup find(ElbState.Place place, String arn) {
        StoredTargetGroup tg = place.targetGroups.get(arn);
        if (tg == null) {
            checkArn(arn);
            throw ElbErrors.of(TargetGroupNotFoundException.class, "One or more target groups not found");
        }
        return tg;
    }

    static void checkArn(String arn) {
        if (!arn.startsWith("arn:") || !arn.contains(":targetgroup/")) {
            throw ElbErrors.validation("'" + arn + "' is not a valid target group ARN");
        }
    }

    private static List<TargetGroupAttribute> attributes(Map<String, String> m) {
        return m.entrySet().stream()
                .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static TargetGroup view(ElbState.Place place, StoredTargetGroup tg) {
        TargetGroup.Builder b = TargetGroup.builder().targetGroupArn(tg.arn).targetGroupName(tg.name)
                .protocol(tg.protocol).port(tg.port).vpcId(tg.vpcId).healthCheckProtocol(tg.healthCheckProtocol)
                .healthCheckPort(tg.healthCheckPort).healthCheckEnabled(tg.healthCheckEnabled)
                .healthCheckIntervalSeconds(tg.healthCheckIntervalSeconds)
                .healthCheckTimeoutSeconds(tg.healthCheckTimeoutSeconds).healthyThresholdCount(tg.healthyThresholdCount)
                .unhealthyThresholdCount(tg.unhealthyThresholdCount).healthCheckPath(tg.healthCheckPath)
                .loadBalancerArns(List.copyOf(Usage.loadBalancersOf(place, tg.arn))).targetType(tg.targetType)
                .protocolVersion(tg.protocolVersion).ipAddressType(tg.ipAddressType);
        if (tg.matcherHttpCode != null || tg.matcherGrpcCode != null) {
            b.matcher(m -> m.httpCode(tg.matcherHttpCode).grpcCode(tg.matcherGrpcCode));
        }
        return b.build();
    }
}
