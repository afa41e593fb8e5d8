package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads again the {@code Fn::GetAtt} attributes other resources can change after a resource's create
 * ({@link ResourceHandler#changingAttributes}: a VPC's {@code Ipv6CidrBlocks} once an
 * {@code AWS::EC2::VPCCidrBlock} adds a block), before a resource referencing them is resolved. AWS reads
 * such attributes when they are needed: its IPv6 subnet example selects from {@code !GetAtt VPC.Ipv6CidrBlocks}
 * in a subnet that {@code DependsOn} the VPCCidrBlock. Runs on the resource's worker, outside the lock.
 */
final class LiveAttributes {
    private static final Pattern SUB_REF = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.([A-Za-z0-9.]+)}");

    private LiveAttributes() {
    }

    static void refresh(Engine engine, ResourceSteps steps, StackRecord stack, JsonNode def) {
        Set<String[]> refs = new LinkedHashSet<>();
        collect(def.get("Properties"), refs);
        for (String[] ref : refs) {
            ResourceRecord[] rec = new ResourceRecord[1];
            ResourceRequest[] request = new ResourceRequest[1];
            engine.locked(() -> {
                ResourceRecord r = stack.resources.get(ref[0]);
                ResourceHandler h = r == null ? null : engine.handlers().find(r.type);
                if (r != null && r.physicalId != null && h != null && h.changingAttributes().contains(ref[1])) {
                    rec[0] = r;
                    request[0] = steps.request(stack, r, r.properties, null);
                }
            });
            if (rec[0] == null) {
                continue;
            }
            Map<String, JsonNode> now;
            try {
                now = engine.handlers().find(rec[0].type).attributesNow(request[0]);
            } catch (RuntimeException e) {
                continue; // The attributes recorded at create stand.
            }
            engine.locked(() -> {
                Map<String, JsonNode> merged = new LinkedHashMap<>(rec[0].attributes);
                merged.putAll(now);
                rec[0].attributes = merged;
            });
        }
    }

    private static void collect(JsonNode node, Set<String[]> refs) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            JsonNode att = node.get("Fn::GetAtt");
            if (att != null && node.size() == 1) {
                if (att.isArray() && att.size() == 2 && att.get(0).isTextual() && att.get(1).isTextual()) {
                    refs.add(new String[] {att.get(0).asText(), att.get(1).asText()});
                } else if (att.isTextual() && att.asText().contains(".")) {
                    String s = att.asText();
                    refs.add(new String[] {s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1)});
                }
            }
            JsonNode sub = node.get("Fn::Sub");
            String text = sub == null ? null : sub.isTextual() ? sub.asText()
                    : sub.isArray() && sub.size() > 0 ? sub.get(0).asText() : null;
            if (text != null) {
                Matcher m = SUB_REF.matcher(text);
                while (m.find()) {
                    refs.add(new String[] {m.group(1), m.group(2)});
                }
            }
            node.elements().forEachRemaining(v -> collect(v, refs));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(v -> collect(v, refs));
        }
    }
}
