package io.gureum.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.organizations.model.DescribeEffectivePolicyRequest;
import software.amazon.awssdk.services.organizations.model.DescribeEffectivePolicyResponse;
import software.amazon.awssdk.services.organizations.model.EffectivePolicy;
import software.amazon.awssdk.services.organizations.model.EffectivePolicyNotFoundException;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;

/**
 * DescribeEffectivePolicy for management policies (tag, backup, AI opt-out): the policies attached from the
 * root down to the account, merged with the inheritance operators {@code @@assign}, {@code @@append} and
 * {@code @@remove}; the result has no operators left
 * (https://docs.aws.amazon.com/organizations/latest/userguide/policy-operators.html). Child-control operators
 * ({@code @@operators_allowed_for_child_policies}) are read past, not enforced.
 */
public final class EffectivePolicies {
    private static final Set<String> VALUE_OPERATORS = Set.of("@@assign", "@@append", "@@remove");
    private final OrgStore store;

    EffectivePolicies(OrgStore store) {
        this.store = store;
    }

    public DescribeEffectivePolicyResponse describeEffectivePolicy(DescribeEffectivePolicyRequest r) {
        String caller = OrgStore.callerAccount();
        Organization org = r.targetId() == null || r.targetId().equals(caller) ? store.ofCaller()
                : store.readableByCaller();
        String type = r.policyTypeAsString();
        if (type.equals("SERVICE_CONTROL_POLICY") || type.equals("RESOURCE_CONTROL_POLICY")) {
            throw OrgErrors.invalid(InvalidInputExceptionReason.INVALID_ENUM_POLICY_TYPE,
                    "You specified an invalid value for the policy type.");
        }
        String target = r.targetId() == null ? caller : r.targetId();
        PolicyAttachments.requireTarget(org, target);
        if (!org.accounts.containsKey(target)) {
            throw OrgErrors.invalid(InvalidInputExceptionReason.TARGET_NOT_SUPPORTED,
                    "You can't perform the specified operation on that target entity.");
        }
        List<String> chain = new ArrayList<>(org.ancestors(target));
        chain.add(target);
        ObjectNode merged = PolicyContents.JSON.createObjectNode();
        boolean any = false;
        if (org.enabledPolicyTypes.contains(type)) {
            for (String level : chain) {
                for (String id : org.attached(level)) {
                    OrgPolicy p = Policies.find(org, id);
                    if (p.type.equals(type)) {
                        any = true;
                        merge(merged, read(p.content));
                    }
                }
            }
        }
        if (!any) {
            throw OrgErrors.of(EffectivePolicyNotFoundException.class,
                    "We can't find an effective policy of the PolicyType that you specified.");
        }
        return DescribeEffectivePolicyResponse.builder().effectivePolicy(EffectivePolicy.builder()
                .policyContent(merged.toString()).targetId(target).policyType(type).build()).build();
    }

    static void merge(ObjectNode into, JsonNode source) {
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) source::fields) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.startsWith("@@")) {
                continue;
            }
            if (value.isObject() && hasValueOperator(value)) {
                into.set(key, apply(into.get(key), value));
            } else if (value.isObject()) {
                JsonNode child = into.get(key);
                ObjectNode target = child != null && child.isObject() ? (ObjectNode) child
                        : PolicyContents.JSON.createObjectNode();
                merge(target, value);
                into.set(key, target);
            } else {
                into.set(key, value);
            }
        }
    }

    private static boolean hasValueOperator(JsonNode node) {
        for (String op : VALUE_OPERATORS) {
            if (node.has(op)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode apply(JsonNode current, JsonNode ops) {
        JsonNode out = current;
        if (ops.has("@@assign")) {
            out = ops.get("@@assign");
        }
        if (ops.has("@@append")) {
            ArrayNode list = asArray(out);
            for (JsonNode v : asArray(ops.get("@@append"))) {
                if (!contains(list, v)) {
                    list.add(v);
                }
            }
            out = list;
        }
        if (ops.has("@@remove")) {
            ArrayNode list = asArray(out);
            ArrayNode kept = PolicyContents.JSON.createArrayNode();
            ArrayNode removed = asArray(ops.get("@@remove"));
            list.forEach(v -> {
                if (!contains(removed, v)) {
                    kept.add(v);
                }
            });
            out = kept;
        }
        return out;
    }

    private static ArrayNode asArray(JsonNode node) {
        ArrayNode a = PolicyContents.JSON.createArrayNode();
        if (node == null) {
            return a;
        }
        if (node.isArray()) {
            node.forEach(a::add);
        } else {
            a.add(node);
        }
        return a;
    }

    private static boolean contains(ArrayNode list, JsonNode v) {
        for (JsonNode x : list) {
            if (x.equals(v)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode read(String content) {
        try {
            return PolicyContents.JSON.readTree(content);
        } catch (Exception e) {
            return PolicyContents.JSON.createObjectNode();
        }
    }
}
