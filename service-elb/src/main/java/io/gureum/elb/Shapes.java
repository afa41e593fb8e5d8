package io.gureum.elb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.core.persist.SdkJson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** SDK shapes kept as JSON in stored resources, and what the stored actions name. */
final class Shapes {
    private Shapes() {
    }

    static ArrayNode toJson(List<?> items) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        items.forEach(i -> a.add(SdkJson.toJson(i)));
        return a;
    }

    static <T> List<T> fromJson(JsonNode array, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(SdkJson.fromJson(n, type)));
        }
        return out;
    }

    /** The target groups forward actions send to (by TargetGroupArn or ForwardConfig). */
    static Set<String> targetGroups(List<Action> actions) {
        Set<String> arns = new LinkedHashSet<>();
        for (Action a : actions) {
            if (a.targetGroupArn() != null) {
                arns.add(a.targetGroupArn());
            }
            if (a.forwardConfig() != null && a.forwardConfig().hasTargetGroups()) {
                a.forwardConfig().targetGroups().stream().map(TargetGroupTuple::targetGroupArn).forEach(arns::add);
            }
        }
        return arns;
    }

    static Set<String> targetGroups(JsonNode actions) {
        return targetGroups(fromJson(actions, Action.class));
    }
}
