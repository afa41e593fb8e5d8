package io.gureum.elb;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.IncompatibleProtocolsException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidLoadBalancerActionException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAssociationLimitException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyActionsException;

/**
 * The checks AWS makes on a listener's default actions and a rule's actions
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Action.html): one terminal action
 * (forward, redirect or fixed-response) last, authenticate actions only on HTTPS listeners, redirect and
 * fixed-response on Application Load Balancers only, forward to existing target groups of a compatible
 * protocol, in the load balancer's VPC and not associated with another load balancer.
 */
final class Actions {
    private static final Set<String> TERMINAL = Set.of("forward", "redirect", "fixed-response");
    private static final Set<String> CONTENT_TYPES = Set.of("text/plain", "text/css", "text/html",
            "application/javascript", "application/json");

    private Actions() {
    }

    /** Checks actions for a listener with {@code protocol} on {@code lb}. Holds the state's lock. */
    static void check(ElbState.Place place, StoredLoadBalancer lb, String protocol, List<Action> actions) {
        if (actions.isEmpty()) {
            throw ElbErrors.validation("At least one action must be specified");
        }
        Set<Integer> orders = new HashSet<>();
        int terminal = 0;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (a.order() != null && !orders.add(a.order())) {
                throw ElbErrors.validation("Action order '" + a.order() + "' is used more than once");
            }
            String type = a.typeAsString();
            if (TERMINAL.contains(type)) {
                terminal++;
            }
            if (!lb.type.equals("application") && !type.equals("forward")) {
                throw ElbErrors.of(InvalidLoadBalancerActionException.class, "Action type '" + type
                        + "' is not supported for load balancers of type '" + lb.type + "'");
            }
            switch (type) {
                case "forward" -> forward(place, lb, protocol, a);
                case "redirect" -> {
                    var c = a.redirectConfig();
                    if (c == null) {
                        throw ElbErrors.validation("A redirect configuration must be specified for a redirect action");
                    }
                    if (c.protocol() == null && c.port() == null && c.host() == null && c.path() == null
                            && c.query() == null) {
                        throw ElbErrors.of(InvalidLoadBalancerActionException.class, "The redirect configuration is "
                                + "not valid: it must change at least one of protocol, port, host, path or query");
                    }
                    if (c.protocol() != null && !Set.of("HTTP", "HTTPS", "#{protocol}").contains(c.protocol())) {
                        throw ElbErrors.validation("Redirect protocol '" + c.protocol() + "' must be HTTP, HTTPS or "
                                + "#{protocol}");
                    }
                    if (c.path() != null && !c.path().startsWith("/")) {
                        throw ElbErrors.validation("A redirect path must start with a '/' character");
                    }
                }
                case "fixed-response" -> {
                    var c = a.fixedResponseConfig();
                    if (c == null) {
                        throw ElbErrors.validation("A fixed-response configuration must be specified for a "
                                + "fixed-response action");
                    }
                    if (!c.statusCode().matches("[245]\\d\\d")) {
                        throw ElbErrors.validation("Fixed-response status code '" + c.statusCode() + "' must be a "
                                + "2XX, 4XX or 5XX code");
                    }
                    if (c.contentType() != null && !CONTENT_TYPES.contains(c.contentType())) {
                        throw ElbErrors.validation("Fixed-response content type '" + c.contentType()
                                + "' is not supported");
                    }
                }
                case "authenticate-oidc", "authenticate-cognito", "jwt-validation" -> {
                    if (!"HTTPS".equals(protocol)) {
                        throw ElbErrors.of(InvalidLoadBalancerActionException.class, "Action type '" + type
                                + "' can only be used with HTTPS listeners");
                    }
                    boolean configured = switch (type) {
                        case "authenticate-oidc" -> a.authenticateOidcConfig() != null;
                        case "authenticate-cognito" -> a.authenticateCognitoConfig() != null;
                        default -> a.jwtValidationConfig() != null;
                    };
                    if (!configured) {
                        throw ElbErrors.validation("A configuration must be specified for action type '" + type + "'");
                    }
                }
                default -> throw ElbErrors.validation("Action type '" + type + "' is not valid");
            }
        }
        if (terminal == 0) {
            throw ElbErrors.of(InvalidLoadBalancerActionException.class,
                    "A forward, redirect or fixed-response action must be specified");
        }
        if (terminal > 1) {
            throw ElbErrors.of(TooManyActionsException.class,
                    "Only one forward, redirect or fixed-response action can be specified");
        }
        Action last = actions.stream().max((x, y) -> Integer.compare(order(x, actions), order(y, actions))).get();
        if (!TERMINAL.contains(last.typeAsString())) {
            throw ElbErrors.of(InvalidLoadBalancerActionException.class,
                    "The forward, redirect or fixed-response action must be the last action");
        }
    }

    private static int order(Action a, List<Action> all) {
        return a.order() != null ? a.order() : all.indexOf(a) + 1;
    }

    private static void forward(ElbState.Place place, StoredLoadBalancer lb, String protocol, Action a) {
        List<TargetGroupTuple> tuples = a.forwardConfig() != null && a.forwardConfig().hasTargetGroups()
                ? a.forwardConfig().targetGroups() : List.of();
        if (a.targetGroupArn() == null && tuples.isEmpty()) {
            throw ElbErrors.validation("A target group ARN must be specified for a forward action");
        }
        if (a.targetGroupArn() != null && !tuples.isEmpty()
                && !(tuples.size() == 1 && tuples.get(0).targetGroupArn().equals(a.targetGroupArn()))) {
            throw ElbErrors.validation("You cannot specify both a target group ARN and a forward configuration with "
                    + "other target groups");
        }
        int max = lb.type.equals("application") ? 5 : 1;
        if (tuples.size() > max) {
            throw ElbErrors.validation("You can specify at most " + max + " target groups in a forward action for "
                    + "load balancers of type '" + lb.type + "'");
        }
        for (TargetGroupTuple t : tuples) {
            if (t.weight() != null && (t.weight() < 0 || t.weight() > 999)) {
                throw ElbErrors.validation("Target group weight must be between 0 and 999");
            }
        }
        for (String arn : Shapes.targetGroups(List.of(a))) {
            StoredTargetGroup tg = TargetGroups.find(place, arn);
            if (!compatible(lb.type, protocol, tg)) {
                throw ElbErrors.of(IncompatibleProtocolsException.class, "The protocol of target group '" + arn
                        + "' is not compatible with a " + (protocol == null ? lb.type : protocol) + " listener");
            }
            if (tg.vpcId != null && !tg.vpcId.equals(lb.vpcId)) {
                throw ElbErrors.validation("The target group '" + arn + "' is not in the same VPC as the load balancer");
            }
            for (String other : Usage.loadBalancersOf(place, arn)) {
                if (!other.equals(lb.arn)) {
                    throw ElbErrors.of(TargetGroupAssociationLimitException.class, "The following target groups "
                            + "cannot be associated with more than one load balancer: '" + arn + "'");
                }
            }
        }
    }

    private static boolean compatible(String lbType, String protocol, StoredTargetGroup tg) {
        return switch (lbType) {
            case "application" -> tg.targetType.equals("lambda") || "HTTP".equals(tg.protocol)
                    || "HTTPS".equals(tg.protocol);
            case "gateway" -> "GENEVE".equals(tg.protocol);
            default -> switch (protocol) {
                case "TCP" -> Set.of("TCP", "TCP_UDP").contains(tg.protocol);
                case "TLS" -> Set.of("TCP", "TLS").contains(tg.protocol) && !tg.targetType.equals("alb");
                case "UDP" -> Set.of("UDP", "TCP_UDP").contains(tg.protocol) && !tg.targetType.equals("alb");
                case "TCP_UDP" -> "TCP_UDP".equals(tg.protocol);
                case "QUIC" -> "QUIC".equals(tg.protocol);
                case "TCP_QUIC" -> "TCP_QUIC".equals(tg.protocol);
                default -> false;
            };
        };
    }
}
