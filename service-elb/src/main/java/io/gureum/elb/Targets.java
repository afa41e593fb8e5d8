package io.gureum.elb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyTargetsException;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * RegisterTargets, DeregisterTargets and DescribeTargetHealth. Instance targets are checked through EC2, Lambda
 * targets' invoke permission through Lambda's GetPolicy. Gureum runs no health checks: a target's health is a
 * documented model on the core clock (see docs/services/elbv2.md): {@code initial} for the health check interval
 * times the healthy threshold after registration, then {@code healthy} while an instance target is running;
 * {@code unhealthy} ({@code Target.InvalidState}) when it is not; {@code unused} when no listener or rule
 * forwards to the group; {@code draining} for the deregistration delay after DeregisterTargets.
 */
public final class Targets {
    static final int MAX_TARGETS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElbState state;
    private final Networks networks;
    private final ServiceClients clients;

    Targets(ElbState state, Networks networks, ServiceClients clients) {
        this.state = state;
        this.networks = networks;
        this.clients = clients;
    }

    public RegisterTargetsResponse registerTargets(RegisterTargetsRequest r) {
        StoredTargetGroup tg = state.read(place -> TargetGroups.find(place, r.targetGroupArn()));
        String tgArn = tg.arn;
        List<StoredTargetGroup.Target> adding = new ArrayList<>();
        for (TargetDescription d : r.targets()) {
            if (d.port() != null && (d.port() < 1 || d.port() > 65535)) {
                throw ElbErrors.validation("Port must be between 1 and 65535");
            }
            switch (tg.targetType) {
                case "instance" -> checkInstance(d.id(), tg.vpcId);
                case "ip" -> checkIp(d, tg.vpcId);
                case "lambda" -> checkLambda(d.id(), tgArn);
                default -> checkAlb(d.id());
            }
            StoredTargetGroup.Target t = new StoredTargetGroup.Target();
            t.id = d.id();
            t.port = tg.targetType.equals("lambda") ? null : d.port() != null ? d.port()
                    : tg.targetType.equals("alb") ? tg.port : tg.port;
            t.availabilityZone = d.availabilityZone();
            adding.add(t);
        }
        return state.write(place -> {
            StoredTargetGroup current = TargetGroups.find(place, tgArn);
            Instant now = state.context.clock().now();
            prune(current, now);
            if (current.targetType.equals("lambda") || current.targetType.equals("alb")) {
                long distinct = adding.stream().map(t -> t.id).distinct().count();
                boolean other = current.targets.stream().anyMatch(t -> adding.stream().noneMatch(a -> a.id.equals(t.id)));
                if (distinct > 1 || other) {
                    throw ElbErrors.of(TooManyTargetsException.class, "You can register only one target with a target "
                            + "group of target type '" + current.targetType + "'");
                }
            }
            for (StoredTargetGroup.Target t : adding) {
                Optional<StoredTargetGroup.Target> same = current.targets.stream().filter(x -> x.same(t.id, t.port))
                        .findFirst();
                if (same.isPresent()) {
                    same.get().drainingUntil = null; // registering again cancels a drain
                    continue;
                }
                if (current.targets.size() >= MAX_TARGETS) {
                    throw ElbErrors.of(TooManyTargetsException.class,
                            "You've reached the limit on the number of targets per target group");
                }
                t.registered = now;
                current.targets.add(t);
            }
            return RegisterTargetsResponse.builder().build();
        });
    }

    public DeregisterTargetsResponse deregisterTargets(DeregisterTargetsRequest r) {
        return state.write(place -> {
            StoredTargetGroup tg = TargetGroups.find(place, r.targetGroupArn());
            Instant now = state.context.clock().now();
            prune(tg, now);
            List<String> missing = new ArrayList<>();
            List<StoredTargetGroup.Target> found = new ArrayList<>();
            for (TargetDescription d : r.targets()) {
                Integer port = tg.targetType.equals("lambda") ? null : d.port() != null ? d.port() : tg.port;
                Optional<StoredTargetGroup.Target> t = tg.targets.stream().filter(x -> x.same(d.id(), port))
                        .findFirst();
                if (t.isEmpty()) {
                    missing.add(d.id());
                } else {
                    found.add(t.get());
                }
            }
            if (!missing.isEmpty()) {
                throw ElbErrors.of(InvalidTargetException.class, "The following targets are not registered in target "
                        + "group '" + tg.arn + "': '" + String.join("', '", missing) + "'");
            }
            int delay = Integer.parseInt(tg.attributes.getOrDefault("deregistration_delay.timeout_seconds", "0"));
            for (StoredTargetGroup.Target t : found) {
                if (delay == 0 || !Usage.inUse(place, tg.arn)) {
                    tg.targets.remove(t);
                } else if (t.drainingUntil == null) {
                    t.drainingUntil = now.plusSeconds(delay);
                }
            }
            return DeregisterTargetsResponse.builder().build();
        });
    }

    public DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest r) {
        record Seen(StoredTargetGroup.Target target, boolean registered) {
        }
        StoredTargetGroup tg;
        boolean inUse;
        List<Seen> seen = new ArrayList<>();
        Instant now = state.context.clock().now();
        var snapshot = state.read(place -> {
            StoredTargetGroup g = TargetGroups.find(place, r.targetGroupArn());
            List<StoredTargetGroup.Target> live = g.targets.stream()
                    .filter(t -> t.drainingUntil == null || t.drainingUntil.isAfter(now)).map(Targets::copy).toList();
            return Map.entry(new Object[] {g, Usage.inUse(place, g.arn)}, live);
        });
        tg = (StoredTargetGroup) snapshot.getKey()[0];
        inUse = (Boolean) snapshot.getKey()[1];
        if (r.hasTargets() && !r.targets().isEmpty()) {
            for (TargetDescription d : r.targets()) {
                Integer port = tg.targetType.equals("lambda") ? null : d.port() != null ? d.port() : tg.port;
                Optional<StoredTargetGroup.Target> t = snapshot.getValue().stream()
                        .filter(x -> d.port() == null ? x.id.equals(d.id()) : x.same(d.id(), port)).findFirst();
                if (t.isPresent()) {
                    seen.add(new Seen(t.get(), true));
                } else {
                    if (tg.targetType.equals("instance") && networks.instance(d.id()).isEmpty()) {
                        throw ElbErrors.of(InvalidTargetException.class,
                                "The following targets are not valid instances: '" + d.id() + "'");
                    }
                    StoredTargetGroup.Target u = new StoredTargetGroup.Target();
                    u.id = d.id();
                    u.port = port;
                    u.availabilityZone = d.availabilityZone();
                    seen.add(new Seen(u, false));
                }
            }
        } else {
            snapshot.getValue().forEach(t -> seen.add(new Seen(t, true)));
        }
        List<TargetHealthDescription> out = new ArrayList<>();
        Map<String, Optional<Instance>> instances = new HashMap<>();
        for (Seen s : seen) {
            StoredTargetGroup.Target t = s.target();
            TargetHealth health;
            if (!s.registered()) {
                health = health("unused", "Target.NotRegistered", "Target is not registered to the target group");
            } else if (t.drainingUntil != null) {
                health = health("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
            } else if (!Boolean.TRUE.equals(tg.healthCheckEnabled)) {
                health = health("unavailable", "Target.HealthCheckDisabled", "Health checks are disabled");
            } else if (!inUse) {
                health = health("unused", "Target.NotInUse", "Target group is not configured to receive traffic from "
                        + "the load balancer");
            } else {
                String invalid = null;
                if (tg.targetType.equals("instance")) {
                    Optional<Instance> i = instances.computeIfAbsent(t.id, networks::instance);
                    String st = i.map(x -> x.state().nameAsString()).orElse("terminated");
                    if (!st.equals("running")) {
                        invalid = st;
                    }
                }
                Instant healthyAt = t.registered.plus(Duration.ofSeconds(
                        (long) tg.healthCheckIntervalSeconds * tg.healthyThresholdCount));
                if (invalid != null) {
                    health = health("unhealthy", "Target.InvalidState", "Target is in the " + invalid + " state");
                } else if (now.isBefore(t.registered.plusSeconds(tg.healthCheckIntervalSeconds))) {
                    health = health("initial", "Elb.RegistrationInProgress", "Target registration is in progress");
                } else if (now.isBefore(healthyAt)) {
                    health = health("initial", "Elb.InitialHealthChecking", "Initial health checks in progress");
                } else {
                    health = TargetHealth.builder().state("healthy").build();
                }
            }
            TargetHealthDescription.Builder b = TargetHealthDescription.builder()
                    .target(x -> x.id(t.id).port(t.port).availabilityZone(t.availabilityZone)).targetHealth(health);
            if (!tg.targetType.equals("lambda") && tg.healthCheckPort != null) {
                b.healthCheckPort(tg.healthCheckPort.equals("traffic-port") && t.port != null ? String.valueOf(t.port)
                        : tg.healthCheckPort);
            }
            out.add(b.build());
        }
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(out).build();
    }

    private static TargetHealth health(String state, String reason, String description) {
        return TargetHealth.builder().state(state).reason(reason).description(description).build();
    }

    private static StoredTargetGroup.Target copy(StoredTargetGroup.Target t) {
        StoredTargetGroup.Target c = new StoredTargetGroup.Target();
        c.id = t.id;
        c.port = t.port;
        c.availabilityZone = t.availabilityZone;
        c.registered = t.registered;
        c.drainingUntil = t.drainingUntil;
        return c;
    }

    /** Drops targets whose deregistration delay has passed. */
    static void prune(StoredTargetGroup tg, Instant now) {
        tg.targets.removeIf(t -> t.drainingUntil != null && !t.drainingUntil.isAfter(now));
    }

    private void checkInstance(String id, String vpcId) {
        if (!id.matches("i-[0-9a-f]{8}([0-9a-f]{9})?")) {
            throw ElbErrors.validation("The target ID '" + id + "' is not a valid instance ID");
        }
        Optional<Instance> i = networks.instance(id);
        if (i.isEmpty()) {
            throw ElbErrors.of(InvalidTargetException.class, "The following targets are not valid instances: '"
                    + id + "'");
        }
        String st = i.get().state().nameAsString();
        if (!st.equals("running") && !st.equals("pending") && !st.equals("stopped")) {
            throw ElbErrors.of(InvalidTargetException.class, "The following targets are not in a running state and "
                    + "cannot be registered: '" + id + "'");
        }
        if (!vpcId.equals(i.get().vpcId())) {
            throw ElbErrors.of(InvalidTargetException.class, "The following targets are not in the target group VPC '"
                    + vpcId + "': '" + id + "'");
        }
    }

    private void checkIp(TargetDescription d, String vpcId) {
        if (!Cidrs.isIpv4(d.id()) && !d.id().contains(":")) {
            throw ElbErrors.validation("The IP address '" + d.id() + "' is not a valid IP address");
        }
        if ("all".equals(d.availabilityZone())) {
            return; // an address outside the VPC (peered or on premises)
        }
        List<String> cidrs = new ArrayList<>(networks.vpcCidrs(vpcId).get("ipv4"));
        cidrs.addAll(networks.vpcCidrs(vpcId).get("ipv6"));
        if (cidrs.stream().noneMatch(c -> Cidrs.contains(c, d.id()))) {
            throw ElbErrors.of(InvalidTargetException.class, "The IP address '" + d.id() + "' is not within the "
                    + "CIDR blocks of VPC '" + vpcId + "'; an address outside the VPC needs Availability Zone 'all'");
        }
    }

    private void checkAlb(String arn) {
        String type = state.read(place -> {
            StoredLoadBalancer lb = place.loadBalancers.get(arn);
            return lb == null ? null : lb.type;
        });
        if (!"application".equals(type)) {
            throw ElbErrors.of(InvalidTargetException.class, "The target '" + arn + "' is not an Application Load "
                    + "Balancer");
        }
    }

    /**
     * A Lambda target needs the function's resource policy to let {@code elasticloadbalancing.amazonaws.com}
     * call {@code lambda:InvokeFunction} (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html).
     */
    private void checkLambda(String functionArn, String tgArn) {
        if (!functionArn.startsWith("arn:") || !functionArn.contains(":function:")) {
            throw ElbErrors.validation("The target ID '" + functionArn + "' is not a valid Lambda function ARN");
        }
        if (!clients.serves(LambdaClient.class)) {
            throw ElbErrors.notImplemented("A Lambda target's permission is read through Lambda, which is not served "
                    + "in this run (see --services)");
        }
        RequestContext ctx = RequestContext.current();
        LambdaClient lambda = clients.client(LambdaClient.class,
                Caller.service("elasticloadbalancing.amazonaws.com", ctx.accountId(), ctx.region(), null));
        String policy;
        try {
            policy = lambda.getPolicy(b -> b.functionName(functionArn)).policy();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404 && e.awsErrorDetails() != null
                    && e.awsErrorDetails().errorMessage() != null
                    && e.awsErrorDetails().errorMessage().startsWith("Function not found")) {
                throw ElbErrors.of(InvalidTargetException.class, "The target '" + functionArn + "' is not a valid "
                        + "Lambda function");
            }
            policy = null;
        }
        if (policy == null || !allowsElb(policy, tgArn)) {
            throw new AwsException("AccessDenied", "elasticloadbalancing principal does not have permission to invoke "
                    + functionArn + " from target group " + tgArn, 403);
        }
    }

    private static boolean allowsElb(String policy, String tgArn) {
        try {
            JsonNode doc = JSON.readTree(policy);
            for (JsonNode s : doc.path("Statement")) {
                if (!"Allow".equals(s.path("Effect").asText())) {
                    continue;
                }
                JsonNode principal = s.path("Principal").path("Service");
                boolean elb = principal.isArray() ? principal.toString().contains("\"elasticloadbalancing.amazonaws.com\"")
                        : "elasticloadbalancing.amazonaws.com".equals(principal.asText());
                String action = s.path("Action").toString();
                boolean invoke = action.contains("lambda:InvokeFunction") || action.contains("lambda:*")
                        || action.equals("\"*\"");
                JsonNode source = s.path("Condition").path("ArnLike").path("AWS:SourceArn");
                boolean sourceOk = source.isMissingNode() || matches(source.asText(), tgArn);
                if (elb && invoke && sourceOk) {
                    return true;
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }

    private static boolean matches(String pattern, String arn) {
        String regex = java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return arn.matches(regex);
    }
}
